/* test-lists.c: HbAppList, HbBuildList, HbResourceList, HbBuildWatch against libhb-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-client-private.h"
#include "hbt-server.h"
#include "hbt-utils.h"

typedef struct
{
  HbtServer *server;
  HbClient *client;
  GPtrArray *events; /* "loading=1", "items 0 -0 +6", "n-items", "error" … in order */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = hbt_server_new ();
  f->client = hbt_server_new_client (f->server);
  _hb_client_set_limits (f->client, 64 * 1024 * 1024, 3, 5);
  f->events = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_ptr_array_unref (f->events);
  g_clear_object (&f->client);
  hbt_server_free (f->server);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Fixture *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("items %u -%u +%u", position, removed, added));
}

static void
on_notify (GObject *object, GParamSpec *pspec, Fixture *f)
{
  if (g_str_equal (pspec->name, "loading"))
    g_ptr_array_add (f->events, g_strdup_printf ("loading=%d", hb_remote_list_get_loading (
                                                                   HB_REMOTE_LIST (object))));
  else
    g_ptr_array_add (f->events, g_strdup (pspec->name));
}

static void
watch (Fixture *f, gpointer list)
{
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), f);
  g_signal_connect (list, "notify", G_CALLBACK (on_notify), f);
}

static gboolean
wait_loaded (HbRemoteList *list)
{
  for (guint i = 0; i < 1000 && hb_remote_list_get_loading (list); i++)
    hbt_iterate_for (10);
  return !hb_remote_list_get_loading (list);
}

static char *
events_text (Fixture *f)
{
  g_ptr_array_add (f->events, NULL);
  return g_strjoinv (", ", (char **) f->events->pdata);
}

static void
test_app_list_reload (Fixture *f, gconstpointer data)
{
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  g_autofree char *events = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == HB_TYPE_APP);
  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (hb_remote_list_get_loading (HB_REMOTE_LIST (list)));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));

  /* One splice for the whole answer, then n-items, then loading off. */
  events = events_text (f);
  g_assert_cmpstr (events, ==, "loading=1, items 0 -0 +6, n-items, loading=0");
  g_assert_null (hb_remote_list_get_error (HB_REMOTE_LIST (list)));
}

static void
test_app_list_reload_cancels_in_flight (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .latency_ms = 200 };
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  g_autofree char *events = NULL;

  hbt_server_set_faults (f->server, &faults);
  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  hbt_iterate_for (20);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  hbt_iterate_for (300);

  /* Only the last request lands; the cancelled ones leave no trace. */
  events = events_text (f);
  g_assert_cmpstr (events, ==, "loading=1, items 0 -0 +6, n-items, loading=0");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
}

static void
test_app_list_error_then_recovery (Fixture *f, gconstpointer data)
{
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  const GError *error;
  g_autoptr (HbApp) first = NULL;

  hb_client_set_token (f->client, "expired");
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  error = hb_remote_list_get_error (HB_REMOTE_LIST (list));
  g_assert_error ((GError *) error, HB_API_ERROR, HB_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  watch (f, list);
  hb_client_set_token (f->client, HBT_DEMO_TOKEN);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_null (hb_remote_list_get_error (HB_REMOTE_LIST (list)));
  g_assert_true (g_ptr_array_find_with_equal_func (f->events, "error", g_str_equal, NULL));
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (HB_IS_APP (first));
}

static void
test_build_list_pages (Fixture *f, gconstpointer data)
{
  g_autoptr (HbBuildList) list = hb_build_list_new (f->client, "hello-world");
  g_autoptr (HbBuild) last = NULL;
  g_autofree char *events = NULL;

  hb_build_list_set_page_size (list, 25);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
  g_assert_true (hb_build_list_get_has_more (list));

  watch (f, list);
  hb_build_list_load_more (list);
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  events = events_text (f);
  g_assert_cmpstr (events, ==, "loading=1, items 25 -0 +25, n-items, loading=0");

  hb_build_list_load_more (list);
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);
  g_assert_false (hb_build_list_get_has_more (list));
  last = g_list_model_get_item (G_LIST_MODEL (list), 59);
  g_assert_cmpstr (hb_build_get_id (last), ==, "1");

  /* Nothing more to load: no request, no state change. */
  hb_build_list_load_more (list);
  g_assert_false (hb_remote_list_get_loading (HB_REMOTE_LIST (list)));

  /* A reload starts over from the newest page. */
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 25);
}

static void
test_resource_list_collaborators (Fixture *f, gconstpointer data)
{
  g_autoptr (HbResourceList) list =
      hb_resource_list_new (f->client, "hello-world", HB_RESOURCE_KIND_COLLABORATORS);
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *removal = NULL;
  HbCollaborator *owner = NULL;
  guint n, position = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == HB_TYPE_COLLABORATOR);
  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (hb_remote_list_get_loading (HB_REMOTE_LIST (list)));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_null (hb_remote_list_get_error (HB_REMOTE_LIST (list)));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 0);
  expected = g_strdup_printf ("loading=1, items 0 -0 +%u, n-items, loading=0", n);
  events = events_text (f);
  g_assert_cmpstr (events, ==, expected);

  /* The owner is listed without a url, and found by its stable id. */
  for (guint i = 0; i < n && owner == NULL; i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_OWNER)
        owner = c;
    }
  g_assert_nonnull (owner);
  g_assert_null (hb_collaborator_get_url (owner));
  g_assert_true (hb_resource_list_find (list, hb_collaborator_get_id (owner), &position) == owner);
  g_assert_null (hb_resource_list_find (list, "no-such-id", NULL));

  /* A local removal is one splice and n-items, with no request. */
  g_ptr_array_set_size (f->events, 0);
  removal = g_strdup_printf ("items %u -1 +0, n-items", position);
  hb_remote_list_remove_item (HB_REMOTE_LIST (list), position);
  removed = events_text (f);
  g_assert_cmpstr (removed, ==, removal);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n - 1);
}

static void
test_resource_list_error (Fixture *f, gconstpointer data)
{
  g_autoptr (HbResourceList) list =
      hb_resource_list_new (f->client, "no-such-app", HB_RESOURCE_KIND_CONFIG_VARS);
  g_autofree char *events = NULL;
  const GError *error;

  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  error = hb_remote_list_get_error (HB_REMOTE_LIST (list));
  g_assert_error ((GError *) error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  events = events_text (f);
  g_assert_cmpstr (events, ==, "loading=1, error, loading=0");
}

static void
test_resource_list_reload_cancels (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .latency_ms = 200 };
  g_autoptr (HbResourceList) list =
      hb_resource_list_new (f->client, "shop-api", HB_RESOURCE_KIND_ERRORS);
  g_autofree char *expected = NULL;
  g_autofree char *events = NULL;
  g_autofree char *cancelled = NULL;
  guint n;

  hbt_server_set_faults (f->server, &faults);
  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  hbt_iterate_for (20);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  hbt_iterate_for (300);

  /* Only the last request lands; the cancelled one leaves no trace. */
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 1);
  expected = g_strdup_printf ("loading=1, items 0 -0 +%u, n-items, loading=0", n);
  events = events_text (f);
  g_assert_cmpstr (events, ==, expected);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr (HbAppError) newer = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
      g_autoptr (HbAppError) older = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (
          g_date_time_compare (hb_app_error_get_date (newer), hb_app_error_get_date (older)), >=,
          0);
    }

  /* cancel() stops a fetch for good: loading ends and the items stay. */
  g_ptr_array_set_size (f->events, 0);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  hb_remote_list_cancel (HB_REMOTE_LIST (list));
  hbt_iterate_for (300);
  g_assert_false (hb_remote_list_get_loading (HB_REMOTE_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  cancelled = events_text (f);
  g_assert_cmpstr (cancelled, ==, "loading=1, loading=0");
}

static void
on_status (HbBuild *build, GParamSpec *pspec, GPtrArray *seen)
{
  g_ptr_array_add (seen, g_strdup (hb_build_status_to_string (hb_build_get_status (build))));
}

static void
test_build_watch_follows_deploy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (HbBuildWatch) watch_ = NULL;
  g_autoptr (HbBuild) build = NULL;
  GAsyncResult *result = NULL;
  GDateTime *deployed_before;
  gboolean deployed_notified = FALSE;

  hbs_server_set_build_step_ms (f->server->server, 100);
  hb_client_deploy_build_async (f->client, "hello-world", "60", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  g_assert_true (hb_client_deploy_build_finish (f->client, result, &error));
  g_clear_object (&result);
  hb_client_get_build_async (f->client, "hello-world", "60", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  build = hb_client_get_build_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_false (hb_build_status_is_finished (hb_build_get_status (build)));
  deployed_before = hb_build_get_deployed (build);
  if (deployed_before != NULL)
    g_date_time_ref (deployed_before);

  g_signal_connect (build, "notify::status", G_CALLBACK (on_status), seen);
  g_signal_connect_swapped (build, "notify::deployed", G_CALLBACK (g_nullify_pointer),
                            &deployed_notified);
  deployed_notified = TRUE;
  watch_ = hb_build_watch_new (f->client, "hello-world", build);
  hb_build_watch_set_interval (watch_, 20);
  g_assert_true (hb_build_watch_get_active (watch_));
  for (guint i = 0; i < 1000 && hb_build_watch_get_active (watch_); i++)
    hbt_iterate_for (10);

  /* It stopped by itself, and the build object itself moved on. */
  g_assert_false (hb_build_watch_get_active (watch_));
  g_assert_cmpint (hb_build_get_status (build), ==, HB_BUILD_STATUS_SUCCEEDED);
  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, seen->len - 1), ==, "Succeeded");
  /* g_nullify_pointer cleared the flag: deployed notified with a new time. */
  g_assert_false (deployed_notified);
  g_assert_nonnull (hb_build_get_deployed (build));
  g_clear_pointer (&deployed_before, g_date_time_unref);
}

static void
test_build_watch_finished_is_idle (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuildWatch) watch_ = NULL;
  g_autoptr (HbBuild) build = NULL;
  GAsyncResult *result = NULL;

  hb_client_get_build_async (f->client, "hello-world", "59", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  build = hb_client_get_build_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  watch_ = hb_build_watch_new (f->client, "hello-world", build);
  g_assert_false (hb_build_watch_get_active (watch_));
}

static void
test_build_watch_stops_when_dropped (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) build = NULL;
  HbBuildWatch *watch_;
  GAsyncResult *result = NULL;
  HbsFaults faults = { .latency_ms = 200 };

  hb_client_get_build_async (f->client, "hello-world", "56", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  build = hb_client_get_build_finish (f->client, result, &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_false (hb_build_status_is_finished (hb_build_get_status (build)));

  /* Drop it with a poll in flight: nothing may touch the freed watch. */
  hbt_server_set_faults (f->server, &faults);
  watch_ = hb_build_watch_new (f->client, "hello-world", build);
  hb_build_watch_set_interval (watch_, 10);
  g_object_add_weak_pointer (G_OBJECT (watch_), (gpointer *) &watch_);
  hbt_iterate_for (50);
  g_object_unref (watch_);
  g_assert_null (watch_);
  hbt_iterate_for (400);
}

#define ADD(path, func)                                                                            \
  g_test_add ("/lists/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("apps/reload", test_app_list_reload);
  ADD ("apps/reload-cancels", test_app_list_reload_cancels_in_flight);
  ADD ("apps/error-recovery", test_app_list_error_then_recovery);
  ADD ("builds/pages", test_build_list_pages);
  ADD ("resources/collaborators", test_resource_list_collaborators);
  ADD ("resources/error", test_resource_list_error);
  ADD ("resources/reload-cancels", test_resource_list_reload_cancels);
  ADD ("watch/deploy", test_build_watch_follows_deploy);
  ADD ("watch/finished", test_build_watch_finished_is_idle);
  ADD ("watch/dropped", test_build_watch_stops_when_dropped);
  return g_test_run ();
}
