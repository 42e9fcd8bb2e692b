/* hb-client-resources.c: HbClient's calls for every kind of item: list, get, create, update, delete
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-resource-kinds-private.h"

static gpointer
parse_resource (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_resource_new_from_json (type, node, url, error);
}

static gpointer
parse_resource_list (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_resource_list_new_from_json (type, node, error);
}

/* /applications/<slug>/<kind>[/<id>], or /<kind>[/<id>] for a top-level kind. */
static char *
kind_path (const HbResourceKind *kind, const char *slug, const char *id)
{
  if (kind->top_level)
    return _hb_client_path (kind->path, id, NULL);
  return _hb_client_path ("applications", slug, kind->path, id, NULL);
}

static gboolean
values_fit (const char *const *keys, const char *const *values)
{
  return keys != NULL && values != NULL &&
         g_strv_length ((char **) keys) == g_strv_length ((char **) values);
}

/**
 * hb_client_list_resource_async:
 * @self: a client
 * @type: the kind, as its model's type (#HB_TYPE_COLLABORATOR …)
 * @slug: (nullable): the application, for every kind but applications
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the items of one kind, as the server orders them.
 */
void
hb_client_list_resource_async (HbClient *self,
                               GType type,
                               const char *slug,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (kind != NULL && (kind->top_level || slug != NULL));

  task =
      _hb_client_task_new (self, hb_client_list_resource_async, cancellable, callback, user_data);
  path = kind_path (kind, slug, NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_resource_list, type);
}

/** hb_client_list_resource_finish: Returns: (transfer full): a #GListModel of the kind's type,
 * or %NULL with @error set */
GListModel *
hb_client_list_resource_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_resource_async, error);
}

/**
 * hb_client_get_resource_async:
 * @slug: (nullable): the application, for every kind but applications
 * @id: the item's id
 *
 * Fetches one item (a build with its log entries).
 */
void
hb_client_get_resource_async (HbClient *self,
                              GType type,
                              const char *slug,
                              const char *id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (kind != NULL && (kind->top_level || slug != NULL));
  g_return_if_fail (id != NULL);

  task = _hb_client_task_new (self, hb_client_get_resource_async, cancellable, callback, user_data);
  path = kind_path (kind, slug, id);
  _hb_client_call (self, task, "GET", path, NULL, parse_resource, type);
}

/** hb_client_get_resource_finish: Returns: (transfer full): the item, or %NULL with @error set */
HbResource *
hb_client_get_resource_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_resource_async, error);
}

/**
 * hb_client_create_resource_async:
 * @slug: (nullable): the application, for every kind but applications
 * @values: (array zero-terminated=1): the new item's fields, in the kind's create order
 *   (applications: name, region id; collaborators: e-mail, role; variables: key, value;
 *   hostnames, drains: value; service hooks: url)
 *
 * Creates an item (201 + Location), then fetches it from the Location. Never sent twice: when
 * its answer is lost, the kind's list says whether it was created (hb-client-writes.c), and
 * it fails with HB_API_ERROR_OUTCOME_UNKNOWN only when that cannot be found out either.
 */
void
hb_client_create_resource_async (HbClient *self,
                                 GType type,
                                 const char *slug,
                                 const char *const *values,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (kind != NULL && (kind->top_level || slug != NULL));
  g_return_if_fail (values_fit (kind->create_keys, values));

  task =
      _hb_client_task_new (self, hb_client_create_resource_async, cancellable, callback, user_data);
  _hb_client_write_create (self, task, type, slug, values);
}

/** hb_client_create_resource_finish: Returns: (transfer full): the created item, as fetched
 * from its Location, or %NULL with @error set */
HbResource *
hb_client_create_resource_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_create_resource_async, error);
}

/**
 * hb_client_update_resource_async:
 * @values: (array zero-terminated=1): the fields, in the kind's update order (applications:
 *   name; collaborators: role; variables: key, value)
 *
 * Changes an item (`PUT`). Never sent twice; a lost answer is checked against the item.
 */
void
hb_client_update_resource_async (HbClient *self,
                                 GType type,
                                 const char *slug,
                                 const char *id,
                                 const char *const *values,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (kind != NULL && (kind->top_level || slug != NULL));
  g_return_if_fail (id != NULL);
  g_return_if_fail (values_fit (kind->update_keys, values));

  task =
      _hb_client_task_new (self, hb_client_update_resource_async, cancellable, callback, user_data);
  _hb_client_write_update (self, task, type, slug, id, values);
}

/** hb_client_update_resource_finish: Returns: %TRUE on success, %FALSE with @error set */
gboolean
hb_client_update_resource_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_update_resource_async, error);
}

/** hb_client_delete_resource_async: Deletes an item. Never sent twice; a lost answer is checked
 * against the item. */
void
hb_client_delete_resource_async (HbClient *self,
                                 GType type,
                                 const char *slug,
                                 const char *id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (kind != NULL && (kind->top_level || slug != NULL));
  g_return_if_fail (id != NULL);

  task =
      _hb_client_task_new (self, hb_client_delete_resource_async, cancellable, callback, user_data);
  _hb_client_write_delete (self, task, type, slug, id);
}

/** hb_client_delete_resource_finish: Returns: %TRUE on success, %FALSE with @error set */
gboolean
hb_client_delete_resource_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_delete_resource_async, error);
}
