/* test-lists.c: HbRemoteList merging, HbAppList, HbBuildList, HbResourceList, HbBuildWatch
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-client-private.h"
#include "hb-remote-list-private.h"
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
  /* The order of items, loading and error is what these record; the age of the items and
   * the kind of fetch have a test of their own (failed-reload-keeps-items). */
  if (g_str_equal (pspec->name, "updated") || g_str_equal (pspec->name, "appending"))
    return;
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

static void
count_emission (guint *count)
{
  (*count)++;
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
  g_assert_cmpstr (hb_resource_get_id (HB_RESOURCE (last)), ==, "1");

  /* Nothing more to load: no request, no state change. */
  hb_build_list_load_more (list);
  g_assert_false (hb_remote_list_get_loading (HB_REMOTE_LIST (list)));

  /* A reload asks again for every build shown (issue 17: a refresh never throws away what
   * was shown), newest first. */
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 60);
}

static void
test_resource_list_collaborators (Fixture *f, gconstpointer data)
{
  g_autoptr (HbResourceList) list =
      hb_resource_list_new (f->client, HB_TYPE_COLLABORATOR, "hello-world");
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
  g_assert_null (hb_resource_get_url (HB_RESOURCE (owner)));
  g_assert_true (hb_remote_list_find (HB_REMOTE_LIST (list),
                                      hb_resource_get_id (HB_RESOURCE (owner)),
                                      &position) == owner);
  g_assert_null (hb_remote_list_find (HB_REMOTE_LIST (list), "no-such-id", NULL));

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
      hb_resource_list_new (f->client, HB_TYPE_CONFIG_VAR, "no-such-app");
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
  g_autoptr (HbResourceList) list = hb_resource_list_new (f->client, HB_TYPE_APP_ERROR, "shop-api");
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

static HbBuild *
get_build (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  HbResource *build;

  hb_client_get_resource_async (f->client, HB_TYPE_BUILD, "hello-world", id, NULL, hbt_async_ready,
                                &result);
  hbt_await (&result);
  build = hb_client_get_resource_finish (f->client, result, &error);
  g_assert_no_error (error);
  return HB_BUILD (build);
}

/* A refresh keeps every object: nothing changed, nothing is said but loading. */
static void
test_app_list_reload_keeps_objects (Fixture *f, gconstpointer data)
{
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  g_autoptr (GPtrArray) before = NULL;
  g_autofree char *events = NULL;

  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  before = _hb_list_model_to_ptr_array (G_LIST_MODEL (list));
  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  events = events_text (f);
  g_assert_cmpstr (events, ==, "loading=1, loading=0");
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (app == before->pdata[i]);
    }
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static gpointer
call (Fixture *f, GAsyncResult **result)
{
  hbt_await (result);
  return *result;
}

/* A change on the server reaches the same objects: a rename notifies the shown app, a
 * delete and a create are one items-changed each. */
static void
test_app_list_merges_changes (Fixture *f, gconstpointer data)
{
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  g_autoptr (GAsyncResult) renamed = NULL, deleted = NULL, created = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) shop = NULL;
  g_autoptr (HbApp) gone = NULL;
  g_autoptr (HbApp) added = NULL;
  const char *const name[] = { "Shop API v2", NULL };
  g_autofree char *events = NULL;
  g_autofree char *expected = NULL;
  guint names = 0, shop_at = 0, gone_at = 0;

  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  shop = g_object_ref (hb_remote_list_find (HB_REMOTE_LIST (list), "shop-api", &shop_at));
  gone = g_object_ref (hb_remote_list_find (HB_REMOTE_LIST (list), "docs-site", &gone_at));
  g_signal_connect (shop, "notify::name", G_CALLBACK (count_notify), &names);

  hb_client_update_resource_async (f->client, HB_TYPE_APP, NULL, "shop-api", name, NULL,
                                   hbt_async_ready, &renamed);
  g_assert_true (hb_client_update_resource_finish (f->client, call (f, &renamed), &error));
  hb_client_delete_resource_async (f->client, HB_TYPE_APP, NULL, "docs-site", NULL, hbt_async_ready,
                                   &deleted);
  g_assert_true (hb_client_delete_resource_finish (f->client, call (f, &deleted), &error));
  hb_client_create_app_async (f->client, "Zeta", "amazon-web-services::us-east-1", NULL,
                              hbt_async_ready, &created);
  added = hb_client_create_app_finish (f->client, call (f, &created), &error);
  g_assert_no_error (error);

  watch (f, list);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  g_assert_true (hb_remote_list_find (HB_REMOTE_LIST (list), "shop-api", NULL) == shop);
  g_assert_cmpstr (hb_app_get_name (shop), ==, "Shop API v2");
  g_assert_cmpuint (names, ==, 1);
  g_assert_null (hb_remote_list_find (HB_REMOTE_LIST (list), "docs-site", NULL));
  g_assert_nonnull (hb_remote_list_find (HB_REMOTE_LIST (list), "zeta", NULL));
  /* The renamed one is replaced by itself (sorted views place it again); the seed lists it
   * right before docs-site, so that is one change; new applications come last. */
  g_assert_cmpuint (gone_at, ==, shop_at + 1);
  expected =
      g_strdup_printf ("loading=1, items %u -2 +1, items 5 -0 +1, loading=0", shop_at);
  events = events_text (f);
  g_assert_cmpstr (events, ==, expected);
}

/* Each application's status comes from its newest build; a refresh keeps the last one
 * until the new answer is in. */
static void
test_app_list_status (Fixture *f, gconstpointer data)
{
  g_autoptr (HbAppList) list = hb_app_list_new (f->client);
  HbApp *hello;
  guint notified = 0;

  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  hello = hb_remote_list_find (HB_REMOTE_LIST (list), "hello-world", NULL);
  for (guint i = 0; i < 500 && hb_app_get_status (hello) == HB_BUILD_STATUS_UNKNOWN; i++)
    hbt_iterate_for (10);
  g_assert_cmpint (hb_app_get_status (hello), ==, HB_BUILD_STATUS_SUCCEEDED);

  g_signal_connect (hello, "notify::status", G_CALLBACK (count_notify), &notified);
  hb_remote_list_reload (HB_REMOTE_LIST (list));
  g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));
  hbt_iterate_for (300);
  g_assert_true (hb_remote_list_find (HB_REMOTE_LIST (list), "hello-world", NULL) == hello);
  g_assert_cmpint (hb_app_get_status (hello), ==, HB_BUILD_STATUS_SUCCEEDED);
  g_assert_cmpuint (notified, ==, 0);
}

/* ---- merging, against a list whose answers the test writes ---- */

#define TEST_TYPE_SCRIPTED_LIST (test_scripted_list_get_type ())
G_DECLARE_FINAL_TYPE (TestScriptedList, test_scripted_list, TEST, SCRIPTED_LIST, HbRemoteList)

struct _TestScriptedList
{
  HbRemoteList parent_instance;
  GPtrArray *answer; /* what the next fetch returns */
};

G_DEFINE_FINAL_TYPE (TestScriptedList, test_scripted_list, HB_TYPE_REMOTE_LIST)

static void
scripted_fetch_async (HbRemoteList *list,
                      guint offset,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (list, cancellable, callback, user_data);

  g_task_return_pointer (task, g_ptr_array_ref (TEST_SCRIPTED_LIST (list)->answer),
                         (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
scripted_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
scripted_finalize (GObject *object)
{
  g_clear_pointer (&TEST_SCRIPTED_LIST (object)->answer, g_ptr_array_unref);
  G_OBJECT_CLASS (test_scripted_list_parent_class)->finalize (object);
}

static void
test_scripted_list_class_init (TestScriptedListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = scripted_finalize;
  HB_REMOTE_LIST_CLASS (klass)->fetch_async = scripted_fetch_async;
  HB_REMOTE_LIST_CLASS (klass)->fetch_finish = scripted_fetch_finish;
}

static void
test_scripted_list_init (TestScriptedList *self)
{
}

/* A hook whose value (its title) changes with @generation when its id is a multiple of 3. */
static HbResource *
hook (guint id, guint generation)
{
  g_autofree char *json = g_strdup_printf (
      "{\"url\":\"https://h/applications/a/servicehooks/%u\",\"value\":\"v%u-%u\"}", id, id,
      id % 3 == 0 ? generation : 0);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  return hb_resource_new_from_json (HB_TYPE_SERVICE_HOOK, node, NULL, NULL);
}

/* A view's copy of the list, kept only from items-changed as a GtkListView keeps its rows. */
static void
on_mirror_changed (GListModel *model, guint position, guint removed, guint added, GPtrArray *mirror)
{
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, (gint) (position + i), g_list_model_get_item (model, position + i));
}

/* Random answers (some ids gone, some new, any order): the list ends up in the answer's
 * order, keeps the object of every id it still has (updated), and a view following its
 * items-changed alone shows exactly that. */
static void
test_merge_permutations (void)
{
  g_autoptr (TestScriptedList) list =
      g_object_new (TEST_TYPE_SCRIPTED_LIST, "item-type", HB_TYPE_SERVICE_HOOK, NULL);
  g_autoptr (GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect (list, "items-changed", G_CALLBACK (on_mirror_changed), mirror);
  for (guint generation = 1; generation <= 300; generation++)
    {
      g_autoptr (GPtrArray) answer = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) before = _hb_list_model_to_ptr_array (G_LIST_MODEL (list));
      guint n = g_test_rand_int_range (0, 16);

      for (guint i = 0; i < n; i++)
        {
          guint id = g_test_rand_int_range (0, 20);
          g_autofree char *key = g_strdup_printf ("%u", id);
          gboolean seen = FALSE;

          for (guint j = 0; j < answer->len; j++)
            seen |= g_str_equal (hb_resource_get_id (answer->pdata[j]), key);
          if (!seen)
            g_ptr_array_add (answer, hook (id, generation));
        }
      g_clear_pointer (&list->answer, g_ptr_array_unref);
      list->answer = g_ptr_array_ref (answer);
      hb_remote_list_reload (HB_REMOTE_LIST (list));
      g_assert_true (wait_loaded (HB_REMOTE_LIST (list)));

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, answer->len);
      g_assert_cmpuint (mirror->len, ==, answer->len);
      for (guint i = 0; i < answer->len; i++)
        {
          g_autoptr (HbResource) item = g_list_model_get_item (G_LIST_MODEL (list), i);
          const char *id = hb_resource_get_id (answer->pdata[i]);

          g_assert_true (mirror->pdata[i] == item);
          g_assert_cmpstr (hb_resource_get_id (item), ==, id);
          g_assert_cmpstr (hb_resource_get_value (item), ==,
                           hb_resource_get_value (answer->pdata[i]));
          for (guint j = 0; j < before->len; j++)
            if (g_str_equal (hb_resource_get_id (before->pdata[j]), id))
              g_assert_true (before->pdata[j] == item);
        }
    }
}

/* A create shows the item the server returned without a fetch; its id again updates it. */
static void
test_insert_item (void)
{
  g_autoptr (TestScriptedList) list =
      g_object_new (TEST_TYPE_SCRIPTED_LIST, "item-type", HB_TYPE_SERVICE_HOOK, NULL);
  g_autoptr (HbResource) first = hook (1, 1);
  g_autoptr (HbResource) again = hook (1, 2);
  g_autoptr (HbResource) other = hook (3, 1);
  g_autoptr (HbResource) other_again = hook (3, 2);
  guint changes = 0;

  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (count_emission), &changes);
  g_assert_true (hb_remote_list_insert_item (HB_REMOTE_LIST (list), first) == first);
  g_assert_true (hb_remote_list_insert_item (HB_REMOTE_LIST (list), again) == first);
  g_assert_cmpuint (changes, ==, 1);
  hb_remote_list_insert_item (HB_REMOTE_LIST (list), other);
  g_assert_true (hb_remote_list_insert_item (HB_REMOTE_LIST (list), other_again) == other);
  /* Its title changed: replaced by itself, for sorted views. */
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpstr (hb_resource_get_value (other), ==, "v3-2");
  g_assert_cmpstr (hb_resource_get_value (first), ==, "v1-0");
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
  build = get_build (f, "60");
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
  g_autoptr (HbBuildWatch) watch_ = NULL;
  g_autoptr (HbBuild) build = NULL;

  build = get_build (f, "59");
  watch_ = hb_build_watch_new (f->client, "hello-world", build);
  g_assert_false (hb_build_watch_get_active (watch_));
}

static void
test_build_watch_stops_when_dropped (Fixture *f, gconstpointer data)
{
  g_autoptr (HbBuild) build = NULL;
  HbBuildWatch *watch_;
  HbsFaults faults = { .latency_ms = 200 };

  build = get_build (f, "56");
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

/* Issue 17: a failed reload keeps every item (and their age); Retry after a failed Load More
 * asks for the next page, not the first. */
static void
test_failed_reload_keeps_items (Fixture *f, gconstpointer data)
{
  g_autoptr (HbBuildList) list = hb_build_list_new (f->client, "hello-world");
  g_autoptr (GDateTime) first = NULL;
  HbRemoteList *remote = HB_REMOTE_LIST (list);
  guint n;

  hb_build_list_set_page_size (list, 10);
  hb_remote_list_reload (remote);
  g_assert_true (wait_loaded (remote));
  g_assert_nonnull (hb_remote_list_get_updated (remote));
  first = g_date_time_ref (hb_remote_list_get_updated (remote));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 10);

  hbt_server_set_faults (f->server, &(HbsFaults){ .fail_every = 1 });
  hb_remote_list_reload (remote);
  g_assert_true (wait_loaded (remote));
  g_assert_nonnull (hb_remote_list_get_error (remote));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  g_assert_true (g_date_time_equal (hb_remote_list_get_updated (remote), first));
  g_assert_false (hb_remote_list_get_appending (remote));

  hbt_server_set_faults (f->server, NULL);
  hb_remote_list_retry (remote);
  g_assert_true (wait_loaded (remote));
  g_assert_null (hb_remote_list_get_error (remote));

  hbt_server_set_faults (f->server, &(HbsFaults){ .fail_every = 1 });
  hb_build_list_load_more (list);
  g_assert_true (wait_loaded (remote));
  g_assert_true (hb_remote_list_get_appending (remote));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  hbt_server_set_faults (f->server, NULL);
  hb_remote_list_retry (remote);
  g_assert_true (wait_loaded (remote));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * n);

  /* A reload asks for both pages shown, and keeps them. */
  hb_remote_list_reload (remote);
  g_assert_true (wait_loaded (remote));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2 * n);
  g_assert_true (hb_build_list_get_has_more (list));
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
  ADD ("apps/reload-keeps-objects", test_app_list_reload_keeps_objects);
  ADD ("apps/merges-changes", test_app_list_merges_changes);
  ADD ("apps/status", test_app_list_status);
  ADD ("builds/pages", test_build_list_pages);
  ADD ("builds/failed-reload-keeps-items", test_failed_reload_keeps_items);
  ADD ("resources/collaborators", test_resource_list_collaborators);
  ADD ("resources/error", test_resource_list_error);
  ADD ("resources/reload-cancels", test_resource_list_reload_cancels);
  ADD ("watch/deploy", test_build_watch_follows_deploy);
  ADD ("watch/finished", test_build_watch_finished_is_idle);
  ADD ("watch/dropped", test_build_watch_stops_when_dropped);
  g_test_add_func ("/lists/merge/permutations", test_merge_permutations);
  g_test_add_func ("/lists/merge/insert", test_insert_item);
  return g_test_run ();
}
