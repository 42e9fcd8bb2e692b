/* hb-client-apps.c: HbClient user and application endpoints (U1, A1–A5)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-json-private.h"

static gpointer
parse_user (JsonNode *node, const char *url, GError **error)
{
  return hb_user_new_from_json (node, url, error);
}

static gpointer
parse_app (JsonNode *node, const char *url, GError **error)
{
  return hb_app_new_from_json (node, url, error);
}

static gpointer
parse_app_list (JsonNode *node, const char *url, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_APP, parse_app, error);
}

/**
 * hb_client_get_user_async:
 * @self: a client
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches the signed-in user (`GET /user`).
 */
void
hb_client_get_user_async (HbClient *self,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));

  task = _hb_client_task_new (self, hb_client_get_user_async, cancellable, callback, user_data);
  path = _hb_client_path ("user", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_user);
}

/**
 * hb_client_get_user_finish:
 *
 * Returns: (transfer full): the HbUser, or %NULL with @error set
 */
HbUser *
hb_client_get_user_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_user_async, error);
}

/**
 * hb_client_list_apps_async:
 * @self: a client
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the applications (`GET /applications`); items are #HbApp.
 */
void
hb_client_list_apps_async (HbClient *self,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));

  task = _hb_client_task_new (self, hb_client_list_apps_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_app_list);
}

/**
 * hb_client_list_apps_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_apps_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_apps_async, error);
}

/**
 * hb_client_get_app_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Fetches one application.
 */
void
hb_client_get_app_async (HbClient *self,
                         const char *slug,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_get_app_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_app);
}

/**
 * hb_client_get_app_finish:
 *
 * Returns: (transfer full): the HbApp, or %NULL with @error set
 */
HbApp *
hb_client_get_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_app_async, error);
}

/**
 * hb_client_create_app_async:
 * @self: a client
 * @name: the application name
 * @region_id: a region identifier (see hb_region_to_id())
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Creates an application, then fetches it from the returned `Location`.
 */
void
hb_client_create_app_async (HbClient *self,
                            const char *name,
                            const char *region_id,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (region_id != NULL);

  task = _hb_client_task_new (self, hb_client_create_app_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", NULL);
  body = _hb_client_body ("name", name, "region_identifier", region_id, NULL);
  _hb_client_create (self, task, path, body, parse_app);
}

/**
 * hb_client_create_app_finish:
 *
 * Returns: (transfer full): the HbApp, or %NULL with @error set
 */
HbApp *
hb_client_create_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_app_async, error);
}

/**
 * hb_client_rename_app_async:
 * @self: a client
 * @slug: the application's slug
 * @name: the application name
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Renames an application (`PUT`); the slug does not change.
 */
void
hb_client_rename_app_async (HbClient *self,
                            const char *slug,
                            const char *name,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (name != NULL);

  task = _hb_client_task_new (self, hb_client_rename_app_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, NULL);
  body = _hb_client_body ("name", name, NULL);
  _hb_client_call (self, task, "PUT", path, body, NULL);
}

/**
 * hb_client_rename_app_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_rename_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_rename_app_async, error);
}

/**
 * hb_client_delete_app_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes an application.
 */
void
hb_client_delete_app_async (HbClient *self,
                            const char *slug,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_delete_app_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, NULL);
  _hb_client_call (self, task, "DELETE", path, NULL, NULL);
}

/**
 * hb_client_delete_app_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_delete_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_app_async, error);
}
