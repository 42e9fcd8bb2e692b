/* hb-client-apps.c: HbClient's user call (U1), and the application calls a caller wants typed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

static gpointer
parse_user (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_user_new_from_json (node, url, error);
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
  _hb_client_call (self, task, "GET", path, NULL, parse_user, G_TYPE_NONE);
}

/** hb_client_get_user_finish: Returns: (transfer full): the HbUser, or %NULL with @error set */
HbUser *
hb_client_get_user_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_get_user_async, error);
}

/* Applications are a kind like any other (hb-client-resources.c); these name the fields. */

void
hb_client_create_app_async (HbClient *self,
                            const char *name,
                            const char *region_id,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  const char *const values[] = { name, region_id, NULL };

  hb_client_create_resource_async (self, HB_TYPE_APP, NULL, values, cancellable, callback,
                                   user_data);
}

/** hb_client_create_app_finish: Returns: (transfer full): the application as the server
 * describes it at its Location, or %NULL with @error set */
HbApp *
hb_client_create_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return HB_APP (hb_client_create_resource_finish (self, result, error));
}

void
hb_client_rename_app_async (HbClient *self,
                            const char *slug,
                            const char *name,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  const char *const values[] = { name, NULL };

  hb_client_update_resource_async (self, HB_TYPE_APP, NULL, slug, values, cancellable, callback,
                                   user_data);
}

gboolean
hb_client_rename_app_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return hb_client_update_resource_finish (self, result, error);
}
