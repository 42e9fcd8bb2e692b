/* hb-client-resources.c: HbClient collaborators, variables, hostnames, service hooks, drains and
 * errors (C, V, H, S, D, E) SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-json-private.h"

static gpointer
parse_collaborator (JsonNode *node, const char *url, GError **error)
{
  return hb_collaborator_new_from_json (node, url, error);
}

static gpointer
parse_collaborator_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_COLLABORATOR, parse_collaborator, error);
}

static gpointer
parse_config_var (JsonNode *node, const char *url, GError **error)
{
  return hb_config_var_new_from_json (node, url, error);
}

static gpointer
parse_config_var_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_CONFIG_VAR, parse_config_var, error);
}

static gpointer
parse_hostname (JsonNode *node, const char *url, GError **error)
{
  return hb_hostname_new_from_json (node, url, error);
}

static gpointer
parse_hostname_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_HOSTNAME, parse_hostname, error);
}

static gpointer
parse_service_hook (JsonNode *node, const char *url, GError **error)
{
  return hb_service_hook_new_from_json (node, url, error);
}

static gpointer
parse_service_hook_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_SERVICE_HOOK, parse_service_hook, error);
}

static gpointer
parse_drain (JsonNode *node, const char *url, GError **error)
{
  return hb_drain_new_from_json (node, url, error);
}

static gpointer
parse_drain_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_DRAIN, parse_drain, error);
}

static gpointer
parse_app_error (JsonNode *node, const char *url, GError **error)
{
  return hb_app_error_new_from_json (node, url, error);
}

static gpointer
parse_app_error_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_APP_ERROR, parse_app_error, error);
}

/**
 * hb_client_list_collaborators_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbCollaborator (the owner has no url).
 */
void
hb_client_list_collaborators_async (HbClient *self,
                                    const char *slug,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_collaborators_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "collaborators", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_collaborator_list);
}

/**
 * hb_client_list_collaborators_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_collaborators_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_collaborators_async, error);
}

/**
 * hb_client_get_collaborator_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get collaborator.
 */
void
hb_client_get_collaborator_async (HbClient *self,
                                  const char *slug,
                                  const char *id,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_collaborator_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "collaborators", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_collaborator);
}

/**
 * hb_client_get_collaborator_finish:
 *
 * Returns: (transfer full): the HbCollaborator, or %NULL with @error set
 */
HbCollaborator *
hb_client_get_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_collaborator_async, error);
}

/**
 * hb_client_create_collaborator_async:
 * @self: a client
 * @slug: the application's slug
 * @email: an AppHarbor user's e-mail
 * @role: the role
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds a collaborator by e-mail; @role is ADMINISTRATOR or COLLABORATOR.
 */
void
hb_client_create_collaborator_async (HbClient *self,
                                     const char *slug,
                                     const char *email,
                                     HbCollaboratorRole role,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (email != NULL);
  g_return_if_fail (role == HB_COLLABORATOR_ROLE_ADMINISTRATOR ||
                    role == HB_COLLABORATOR_ROLE_COLLABORATOR);

  task = _hb_client_task_new (self, hb_client_create_collaborator_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "collaborators", NULL);
  body = _hb_client_body ("collaboratorEmail", email, "role", hb_collaborator_role_to_string (role),
                          NULL);
  _hb_client_create (self, task, path, body, parse_collaborator);
}

/**
 * hb_client_create_collaborator_finish:
 *
 * Returns: (transfer full): the HbCollaborator, or %NULL with @error set
 */
HbCollaborator *
hb_client_create_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_collaborator_async, error);
}

/**
 * hb_client_update_collaborator_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @role: the role
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * PUT on update collaborator.
 */
void
hb_client_update_collaborator_async (HbClient *self,
                                     const char *slug,
                                     const char *id,
                                     HbCollaboratorRole role,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (role == HB_COLLABORATOR_ROLE_ADMINISTRATOR ||
                    role == HB_COLLABORATOR_ROLE_COLLABORATOR);

  task = _hb_client_task_new (self, hb_client_update_collaborator_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "collaborators", id, NULL);
  body = _hb_client_body ("role", hb_collaborator_role_to_string (role), NULL);
  _hb_client_call (self, task, "PUT", path, body, NULL);
}

/**
 * hb_client_update_collaborator_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_update_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_update_collaborator_async, error);
}

/**
 * hb_client_delete_collaborator_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * DELETE on delete collaborator.
 */
void
hb_client_delete_collaborator_async (HbClient *self,
                                     const char *slug,
                                     const char *id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_delete_collaborator_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "collaborators", id, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_collaborator_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_collaborator_async, error);
}

/**
 * hb_client_list_config_vars_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbConfigVar.
 */
void
hb_client_list_config_vars_async (HbClient *self,
                                  const char *slug,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_config_vars_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "configurationvariables", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_config_var_list);
}

/**
 * hb_client_list_config_vars_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_config_vars_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_config_vars_async, error);
}

/**
 * hb_client_get_config_var_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get config var.
 */
void
hb_client_get_config_var_async (HbClient *self,
                                const char *slug,
                                const char *id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task =
      _hb_client_task_new (self, hb_client_get_config_var_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "configurationvariables", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_config_var);
}

/**
 * hb_client_get_config_var_finish:
 *
 * Returns: (transfer full): the HbConfigVar, or %NULL with @error set
 */
HbConfigVar *
hb_client_get_config_var_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_config_var_async, error);
}

/**
 * hb_client_create_config_var_async:
 * @self: a client
 * @slug: the application's slug
 * @key: the variable name
 * @value: the value
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * POST on create config var.
 */
void
hb_client_create_config_var_async (HbClient *self,
                                   const char *slug,
                                   const char *key,
                                   const char *value,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  task = _hb_client_task_new (self, hb_client_create_config_var_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "configurationvariables", NULL);
  body = _hb_client_body ("key", key, "value", value, NULL);
  _hb_client_create (self, task, path, body, parse_config_var);
}

/**
 * hb_client_create_config_var_finish:
 *
 * Returns: (transfer full): the HbConfigVar, or %NULL with @error set
 */
HbConfigVar *
hb_client_create_config_var_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_config_var_async, error);
}

/**
 * hb_client_update_config_var_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @key: the variable name
 * @value: the value
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * PUT on update config var.
 */
void
hb_client_update_config_var_async (HbClient *self,
                                   const char *slug,
                                   const char *id,
                                   const char *key,
                                   const char *value,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  task = _hb_client_task_new (self, hb_client_update_config_var_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "configurationvariables", id, NULL);
  body = _hb_client_body ("key", key, "value", value, NULL);
  _hb_client_call (self, task, "PUT", path, body, NULL);
}

/**
 * hb_client_update_config_var_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_update_config_var_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_update_config_var_async, error);
}

/**
 * hb_client_delete_config_var_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * DELETE on delete config var.
 */
void
hb_client_delete_config_var_async (HbClient *self,
                                   const char *slug,
                                   const char *id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_delete_config_var_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "configurationvariables", id, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_config_var_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_config_var_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_config_var_async, error);
}

/**
 * hb_client_list_hostnames_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbHostname (the built-in one has no url).
 */
void
hb_client_list_hostnames_async (HbClient *self,
                                const char *slug,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task =
      _hb_client_task_new (self, hb_client_list_hostnames_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "hostnames", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_hostname_list);
}

/**
 * hb_client_list_hostnames_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_hostnames_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_hostnames_async, error);
}

/**
 * hb_client_get_hostname_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get hostname.
 */
void
hb_client_get_hostname_async (HbClient *self,
                              const char *slug,
                              const char *id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_hostname_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "hostnames", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_hostname);
}

/**
 * hb_client_get_hostname_finish:
 *
 * Returns: (transfer full): the HbHostname, or %NULL with @error set
 */
HbHostname *
hb_client_get_hostname_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_hostname_async, error);
}

/**
 * hb_client_create_hostname_async:
 * @self: a client
 * @slug: the application's slug
 * @value: the value
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Adds a hostname; HB_API_ERROR_PAYMENT_REQUIRED when the owner has no card.
 */
void
hb_client_create_hostname_async (HbClient *self,
                                 const char *slug,
                                 const char *value,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (value != NULL);

  task =
      _hb_client_task_new (self, hb_client_create_hostname_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "hostnames", NULL);
  body = _hb_client_body ("value", value, NULL);
  _hb_client_create (self, task, path, body, parse_hostname);
}

/**
 * hb_client_create_hostname_finish:
 *
 * Returns: (transfer full): the HbHostname, or %NULL with @error set
 */
HbHostname *
hb_client_create_hostname_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_hostname_async, error);
}

/**
 * hb_client_delete_hostname_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * DELETE on delete hostname.
 */
void
hb_client_delete_hostname_async (HbClient *self,
                                 const char *slug,
                                 const char *id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task =
      _hb_client_task_new (self, hb_client_delete_hostname_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "hostnames", id, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_hostname_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_hostname_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_hostname_async, error);
}

/**
 * hb_client_list_service_hooks_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbServiceHook.
 */
void
hb_client_list_service_hooks_async (HbClient *self,
                                    const char *slug,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_service_hooks_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "servicehooks", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_service_hook_list);
}

/**
 * hb_client_list_service_hooks_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_service_hooks_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_service_hooks_async, error);
}

/**
 * hb_client_get_service_hook_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get service hook.
 */
void
hb_client_get_service_hook_async (HbClient *self,
                                  const char *slug,
                                  const char *id,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_service_hook_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "servicehooks", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_service_hook);
}

/**
 * hb_client_get_service_hook_finish:
 *
 * Returns: (transfer full): the HbServiceHook, or %NULL with @error set
 */
HbServiceHook *
hb_client_get_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_service_hook_async, error);
}

/**
 * hb_client_create_service_hook_async:
 * @self: a client
 * @slug: the application's slug
 * @url: the URL
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * POST on create service hook.
 */
void
hb_client_create_service_hook_async (HbClient *self,
                                     const char *slug,
                                     const char *url,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (url != NULL);

  task = _hb_client_task_new (self, hb_client_create_service_hook_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "servicehooks", NULL);
  body = _hb_client_body ("url", url, NULL);
  _hb_client_create (self, task, path, body, parse_service_hook);
}

/**
 * hb_client_create_service_hook_finish:
 *
 * Returns: (transfer full): the HbServiceHook, or %NULL with @error set
 */
HbServiceHook *
hb_client_create_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_service_hook_async, error);
}

/**
 * hb_client_delete_service_hook_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * DELETE on delete service hook.
 */
void
hb_client_delete_service_hook_async (HbClient *self,
                                     const char *slug,
                                     const char *id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_delete_service_hook_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "servicehooks", id, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_service_hook_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_service_hook_async, error);
}

/**
 * hb_client_list_drains_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbDrain.
 */
void
hb_client_list_drains_async (HbClient *self,
                             const char *slug,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_drains_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "drains", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_drain_list);
}

/**
 * hb_client_list_drains_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_drains_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_drains_async, error);
}

/**
 * hb_client_get_drain_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get drain.
 */
void
hb_client_get_drain_async (HbClient *self,
                           const char *slug,
                           const char *id,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_drain_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "drains", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_drain);
}

/**
 * hb_client_get_drain_finish:
 *
 * Returns: (transfer full): the HbDrain, or %NULL with @error set
 */
HbDrain *
hb_client_get_drain_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_drain_async, error);
}

/**
 * hb_client_create_drain_async:
 * @self: a client
 * @slug: the application's slug
 * @url: the URL
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * POST on create drain.
 */
void
hb_client_create_drain_async (HbClient *self,
                              const char *slug,
                              const char *url,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (url != NULL);

  task = _hb_client_task_new (self, hb_client_create_drain_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "drains", NULL);
  body = _hb_client_body ("value", url, NULL);
  _hb_client_create (self, task, path, body, parse_drain);
}

/**
 * hb_client_create_drain_finish:
 *
 * Returns: (transfer full): the HbDrain, or %NULL with @error set
 */
HbDrain *
hb_client_create_drain_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_drain_async, error);
}

/**
 * hb_client_delete_drain_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * DELETE on delete drain.
 */
void
hb_client_delete_drain_async (HbClient *self,
                              const char *slug,
                              const char *id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_delete_drain_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "drains", id, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_drain_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_drain_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_drain_async, error);
}

/**
 * hb_client_list_errors_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists #HbAppError, newest first.
 */
void
hb_client_list_errors_async (HbClient *self,
                             const char *slug,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_errors_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "errors", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_app_error_list);
}

/**
 * hb_client_list_errors_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_errors_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_errors_async, error);
}

/**
 * hb_client_get_error_async:
 * @self: a client
 * @slug: the application's slug
 * @id: the item id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * GET on get error.
 */
void
hb_client_get_error_async (HbClient *self,
                           const char *slug,
                           const char *id,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_error_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "errors", id, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_app_error);
}

/**
 * hb_client_get_error_finish:
 *
 * Returns: (transfer full): the HbAppError, or %NULL with @error set
 */
HbAppError *
hb_client_get_error_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_error_async, error);
}
