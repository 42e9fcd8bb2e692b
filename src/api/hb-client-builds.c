/* hb-client-builds.c: HbClient's build and test calls that are not a plain kind: paging, deploy,
 * tests SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-json-private.h"

static gpointer
parse_build_list (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_resource_list_new_from_json (HB_TYPE_BUILD, node, error);
}

static gpointer
parse_test_list (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_test_node_list_from_json (node, error);
}

/**
 * hb_client_list_builds_async:
 * @self: a client
 * @slug: the application's slug
 * @count: the page size, or 0
 * @offset: how many newest builds to skip
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists builds, newest first; @count 0 and @offset 0 use the server's default page. Items are
 * #HbBuild.
 */
void
hb_client_list_builds_async (HbClient *self,
                             const char *slug,
                             guint count,
                             guint offset,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_list_builds_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "builds", NULL);
  if (count > 0 || offset > 0)
    {
      g_autofree char *base = g_steal_pointer (&path);
      path = g_strdup_printf ("%s?count=%u&offset=%u", base, count, offset);
    }
  _hb_client_call (self, task, "GET", path, NULL, parse_build_list, HB_TYPE_BUILD);
}

/**
 * hb_client_list_builds_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_builds_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_builds_async, error);
}

/**
 * hb_client_get_latest_build_async:
 * @self: a client
 * @slug: the application's slug
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for an application's newest build in the background: after every other request in
 * the queue, on at most a few connections, so a row's status never delays what a person
 * asked for.
 */
void
hb_client_get_latest_build_async (HbClient *self,
                                  const char *slug,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autofree char *builds = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_get_latest_build_async, cancellable, callback,
                              user_data);
  builds = _hb_client_path ("applications", slug, "builds", NULL);
  path = g_strconcat (builds, "?count=1&offset=0", NULL);
  _hb_client_call_background (self, task, path, parse_build_list, HB_TYPE_BUILD);
}

/**
 * hb_client_get_latest_build_finish:
 * @build: (out) (transfer full) (nullable): the newest build, %NULL when there is none
 *
 * Returns: %TRUE when the service answered, %FALSE with @error set
 */
gboolean
hb_client_get_latest_build_finish (HbClient *self,
                                   GAsyncResult *result,
                                   HbBuild **build,
                                   GError **error)
{
  g_autoptr (GListModel) builds =
      _hb_client_finish_object (self, result, hb_client_get_latest_build_async, error);

  g_return_val_if_fail (build != NULL, FALSE);
  *build = builds != NULL ? g_list_model_get_item (builds, 0) : NULL;
  return builds != NULL;
}

/**
 * hb_client_deploy_build_async:
 * @self: a client
 * @slug: the application's slug
 * @build_id: the build id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deploys (or rolls back to) a build. The build is read first, so that when the deploy's
 * answer is lost the build can say whether it happened (hb-client-writes.c). Never sent twice.
 */
void
hb_client_deploy_build_async (HbClient *self,
                              const char *slug,
                              const char *build_id,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (build_id != NULL);

  task = _hb_client_task_new (self, hb_client_deploy_build_async, cancellable, callback, user_data);
  _hb_client_write_deploy (self, task, slug, build_id);
}

/**
 * hb_client_deploy_build_finish:
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
hb_client_deploy_build_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_deploy_build_async, error);
}

/**
 * hb_client_list_tests_async:
 * @self: a client
 * @slug: the application's slug
 * @build_id: the build id
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the root #HbTestNode of a build's test tree.
 */
void
hb_client_list_tests_async (HbClient *self,
                            const char *slug,
                            const char *build_id,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);
  g_return_if_fail (build_id != NULL);

  task = _hb_client_task_new (self, hb_client_list_tests_async, cancellable, callback, user_data);
  path = _hb_client_path ("applications", slug, "builds", build_id, "tests", NULL);
  _hb_client_call (self, task, "GET", path, NULL, parse_test_list, G_TYPE_NONE);
}

/**
 * hb_client_list_tests_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_tests_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_tests_async, error);
}

/**
 * hb_client_list_tests_at_url_async:
 * @self: a client
 * @tests_url: the build's tests_url as given
 * @cancellable: (nullable): cancels the request
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Lists the root #HbTestNode from a build's `tests_url` as given.
 */
void
hb_client_list_tests_at_url_async (HbClient *self,
                                   const char *tests_url,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  GTask *task;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (tests_url != NULL);

  task = _hb_client_task_new (self, hb_client_list_tests_at_url_async, cancellable, callback,
                              user_data);
  _hb_client_call (self, task, "GET", tests_url, NULL, parse_test_list, G_TYPE_NONE);
}

/**
 * hb_client_list_tests_at_url_finish:
 *
 * Returns: (transfer full): a GListModel of the items, or %NULL with @error set
 */
GListModel *
hb_client_list_tests_at_url_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_list_tests_at_url_async, error);
}
