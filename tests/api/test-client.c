/* test-client.c: every HbClient call against libhb-server on loopback: success, errors, faults
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-auth.h"
#include "hb-client-private.h"
#include "hbt-properties.h"
#include "hbt-server.h"
#include "hbt-utils.h"

#include <string.h>
#include <unistd.h>

typedef struct
{
  HbtServer *server;
  HbClient *client;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = hbt_server_new ();
  f->client = hbt_server_new_client (f->server);
  /* Fast back-off keeps the retry tests short; the policy is the same. */
  _hb_client_set_limits (f->client, 64 * 1024 * 1024, 3, 20);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->client);
  hbt_server_free (f->server);
}

/* Runs one call to completion: CALL (client, ret, get_resource, HB_TYPE_APP, NULL, "hello-world").
 */
#define CALL(client, ret, name, ...)                                                               \
  G_STMT_START                                                                                     \
  {                                                                                                \
    GAsyncResult *res_ = NULL;                                                                     \
    hb_client_##name##_async ((client), ##__VA_ARGS__, NULL, hbt_async_ready, &res_);              \
    hbt_await (&res_);                                                                             \
    g_clear_error (&error);                                                                        \
    ret = (__typeof__ (ret)) hb_client_##name##_finish ((client), res_, &error);                   \
    g_object_unref (res_);                                                                         \
  }                                                                                                \
  G_STMT_END

/* The values of a create or an update, NULL-terminated. */
#define STRV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static gpointer
find_item (GListModel *model, const char *property, const char *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      g_object_get (item, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

/* HbAuth relies on these: signed-in follows the token, notified on change only. */
static void
test_token_and_signed_in (void)
{
  g_autoptr (HbClient) client = hb_client_new ("https://appharbor.example.com/");
  guint signed_in = 0, token = 0;

  g_assert_cmpstr (hb_client_get_base_url (client), ==, "https://appharbor.example.com");
  g_signal_connect (client, "notify::signed-in", G_CALLBACK (count_notify), &signed_in);
  g_signal_connect (client, "notify::token", G_CALLBACK (count_notify), &token);
  g_assert_false (hb_client_get_signed_in (client));
  hb_client_set_token (client, "one");
  hb_client_set_token (client, "one");
  hb_client_set_token (client, "two");
  g_assert_true (hb_client_get_signed_in (client));
  g_assert_cmpuint (signed_in, ==, 1);
  g_assert_cmpuint (token, ==, 2);
  hb_client_set_token (client, NULL);
  g_assert_false (hb_client_get_signed_in (client));
  g_assert_cmpuint (signed_in, ==, 2);
}

/* Every writable property of libhb-api notifies by itself, once per change: bindings and
 * views rely on it (issue 13). */
static void
test_properties_notify_on_change (void)
{
  g_autoptr (HbClient) client = hb_client_new ("http://127.0.0.1:9");
  g_autoptr (HbAuth) auth = hb_auth_new (client, NULL);
  g_autoptr (HbBuildList) builds = hb_build_list_new (client, "hello-world");
  g_autoptr (JsonNode) app_json =
      json_from_string ("{\"name\":\"Hello\",\"slug\":\"hello\","
                        "\"region_identifier\":\"amazon-web-services::us-east-1\","
                        "\"url\":\"http://127.0.0.1:9/applications/hello\"}",
                        NULL);
  g_autoptr (JsonNode) build_json =
      json_from_string ("{\"status\":\"Succeeded\",\"created\":\"2012-02-28T13:36:30\","
                        "\"commit\":{\"id\":\"abc\",\"message\":\"m\"},"
                        "\"url\":\"http://127.0.0.1:9/applications/hello/builds/1\"}",
                        NULL);
  g_autoptr (HbResource) app = hb_resource_new_from_json (HB_TYPE_APP, app_json, NULL, NULL);
  g_autoptr (HbResource) build = hb_resource_new_from_json (HB_TYPE_BUILD, build_json, NULL, NULL);
  g_autoptr (HbBuildWatch) watch = NULL;

  g_assert_nonnull (app);
  g_assert_nonnull (build);
  /* A finished build: the watch never polls. */
  watch = hb_build_watch_new (client, "hello", HB_BUILD (build));
  g_type_ensure (HB_TYPE_APP_LIST);
  g_type_ensure (HB_TYPE_RESOURCE_LIST);
  g_type_ensure (HB_TYPE_COLLABORATOR);
  g_type_ensure (HB_TYPE_CONFIG_VAR);
  g_type_ensure (HB_TYPE_APP_ERROR);
  g_assert_cmpuint (hbt_assert_explicit_notify (), >=, 12);

  hbt_assert_notifies_on_change (client, "token", "a token");
  hbt_assert_notifies_on_change (client, "token", NULL);
  hbt_assert_notifies_on_change (client, "timeout", 7u);
  hbt_assert_notifies_on_change (auth, "client-id", "an id");
  hbt_assert_notifies_on_change (auth, "client-secret", "a secret");
  hbt_assert_notifies_on_change (builds, "page-size", 7u);
  hbt_assert_notifies_on_change (watch, "interval", 1234u);
  hbt_assert_notifies_on_change (app, "name", "Hello Again");
}

/* ---- user and applications ---- */

static void
test_user (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;

  CALL (f->client, user, get_user);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_user_get_username (user), ==, "demo");
  g_assert_true (g_strv_contains (hb_user_get_email_addresses (user), "demo@example.com"));
}

static void
test_apps_list_and_get (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) apps = NULL;
  g_autoptr (HbApp) hello = NULL;
  g_autoptr (HbApp) blog = NULL;
  g_autoptr (HbApp) detail = NULL;
  g_autofree char *expected_url = NULL;

  CALL (f->client, apps, list_resource, HB_TYPE_APP, NULL);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (apps) == HB_TYPE_APP);
  g_assert_cmpuint (g_list_model_get_n_items (apps), ==, 6);
  hello = find_item (apps, "slug", "hello-world");
  blog = find_item (apps, "slug", "ana-blog");
  g_assert_nonnull (hello);
  g_assert_nonnull (blog);
  g_assert_cmpstr (hb_app_get_name (hello), ==, "Hello World");
  g_assert_true (hb_resource_is_openable (HB_RESOURCE (hello)));
  g_assert_cmpstr (hb_app_get_name (blog), ==, "Ana's Blog");

  CALL (f->client, detail, get_resource, HB_TYPE_APP, NULL, "shop-api");
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_name (detail), ==, "Shop API");
  g_assert_cmpint (hb_app_get_region (detail), ==, HB_REGION_EU_WEST_1);
  /* A detail body has no url: the model keeps where it came from. */
  expected_url = g_strconcat (f->server->base_url, "/applications/shop-api", NULL);
  g_assert_cmpstr (hb_resource_get_url (HB_RESOURCE (detail)), ==, expected_url);
}

static void
test_apps_create_rename_delete (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) created = NULL;
  g_autoptr (HbApp) again = NULL;
  g_autoptr (HbApp) fetched = NULL;
  gboolean ok;

  CALL (f->client, created, create_app, "Rocket Launcher", hb_region_to_id (HB_REGION_EU_WEST_1));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_name (created), ==, "Rocket Launcher");
  g_assert_cmpstr (hb_app_get_slug (created), ==, "rocket-launcher");
  g_assert_cmpint (hb_app_get_region (created), ==, HB_REGION_EU_WEST_1);

  CALL (f->client, again, create_app, "Rocket Launcher", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_assert_null (again);

  CALL (f->client, again, create_app, "", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  CALL (f->client, again, create_app, "Moon Base", "mars-1");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);

  CALL (f->client, ok, rename_app, "rocket-launcher", "Rocket Lander");
  g_assert_no_error (error);
  g_assert_true (ok);
  CALL (f->client, fetched, get_resource, HB_TYPE_APP, NULL, "rocket-launcher");
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_name (fetched), ==, "Rocket Lander");
  CALL (f->client, ok, rename_app, "rocket-launcher", "");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  g_assert_false (ok);

  /* demo administers ana-blog but does not own it. */
  CALL (f->client, ok, delete_resource, HB_TYPE_APP, NULL, "ana-blog");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_FORBIDDEN);

  CALL (f->client, ok, delete_resource, HB_TYPE_APP, NULL, "rocket-launcher");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_object (&fetched);
  CALL (f->client, fetched, get_resource, HB_TYPE_APP, NULL, "rocket-launcher");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
  g_assert_null (fetched);
}

/* ---- builds and tests ---- */

static void
test_builds (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) page = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autoptr (HbBuild) first = NULL;
  g_autoptr (HbBuild) newest = NULL;
  g_autoptr (HbBuild) missing = NULL;

  CALL (f->client, page, list_builds, "hello-world", 10, 5);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 10);
  first = g_list_model_get_item (page, 0);
  /* Newest first: skipping 5 of "60"… starts at "55". */
  g_assert_cmpstr (hb_resource_get_id (HB_RESOURCE (first)), ==, "55");
  g_assert_true (hb_resource_is_openable (HB_RESOURCE (first)));

  CALL (f->client, all, list_builds, "hello-world", 100, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 60);

  CALL (f->client, newest, get_resource, HB_TYPE_BUILD, "hello-world", "60");
  g_assert_no_error (error);
  g_assert_cmpint (hb_build_get_status (newest), ==, HB_BUILD_STATUS_SUCCEEDED);
  g_assert_nonnull (hb_build_get_deployed (newest));
  g_assert_nonnull (hb_build_get_created (newest));
  g_assert_cmpuint (strlen (hb_build_get_commit_id (newest)), ==, 40);
  g_assert_nonnull (hb_build_get_tests_url (newest));
  g_assert_cmpuint (g_list_model_get_n_items (hb_build_get_log_entries (newest)), >, 0);

  CALL (f->client, missing, get_resource, HB_TYPE_BUILD, "hello-world", "6000");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
  {
    g_autoptr (GListModel) huge = NULL;

    /* Beyond the server's page limit. */
    CALL (f->client, huge, list_builds, "hello-world", 1000000, 0);
    g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  }
}

static void
test_deploy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) build = NULL;
  gboolean ok;

  CALL (f->client, ok, deploy_build, "hello-world", "59");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  CALL (f->client, ok, deploy_build, "hello-world", "6000");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);

  CALL (f->client, ok, deploy_build, "hello-world", "58");
  g_assert_no_error (error);
  g_assert_true (ok);
  CALL (f->client, build, get_resource, HB_TYPE_BUILD, "hello-world", "58");
  g_assert_no_error (error);
  g_assert_false (hb_build_status_is_finished (hb_build_get_status (build)));
}

static guint
count_tree (GListModel *model, guint *failed)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (model, i);

      if (hb_test_node_get_kind (node) == HB_TEST_KIND_TEST)
        {
          n++;
          if (hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED)
            (*failed)++;
        }
      else
        n += count_tree (hb_test_node_get_children (node), failed);
    }
  return n;
}

static void
test_tests (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) build = NULL;
  g_autoptr (GListModel) roots = NULL;
  g_autoptr (GListModel) same = NULL;
  g_autoptr (GListModel) foreign = NULL;
  guint failed = 0, failed_again = 0;

  CALL (f->client, roots, list_tests, "hello-world", "59");
  g_assert_no_error (error);
  g_assert_cmpuint (count_tree (roots, &failed), ==, 360);
  g_assert_cmpuint (failed, >, 0);

  CALL (f->client, build, get_resource, HB_TYPE_BUILD, "hello-world", "59");
  g_assert_no_error (error);
  CALL (f->client, same, list_tests_at_url, hb_build_get_tests_url (build));
  g_assert_no_error (error);
  g_assert_cmpuint (count_tree (same, &failed_again), ==, 360);
  g_assert_cmpuint (failed_again, ==, failed);

  /* A link to another server is refused: the token stays home. */
  CALL (f->client, foreign, list_tests_at_url, "http://127.0.0.2:1/applications/a/builds/1/tests");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
}

/* ---- application resources ---- */

static void
test_collaborators (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbCollaborator) owner = NULL;
  g_autoptr (HbCollaborator) added = NULL;
  g_autoptr (HbCollaborator) again = NULL;
  g_autoptr (HbCollaborator) fetched = NULL;
  gboolean ok;

  CALL (f->client, list, list_resource, HB_TYPE_COLLABORATOR, "hello-world");
  g_assert_no_error (error);
  owner = find_item (list, "user-name", "demo");
  g_assert_nonnull (owner);
  g_assert_cmpint (hb_collaborator_get_role (owner), ==, HB_COLLABORATOR_ROLE_OWNER);
  g_assert_false (hb_resource_is_openable (HB_RESOURCE (owner)));

  CALL (
      f->client, added, create_resource, HB_TYPE_COLLABORATOR, "hello-world",
      STRV ("ana@example.com", hb_collaborator_role_to_string (HB_COLLABORATOR_ROLE_COLLABORATOR)));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_collaborator_get_user_name (added), ==, "ana");
  g_assert_cmpint (hb_collaborator_get_role (added), ==, HB_COLLABORATOR_ROLE_COLLABORATOR);
  g_assert_true (hb_resource_is_openable (HB_RESOURCE (added)));

  CALL (
      f->client, again, create_resource, HB_TYPE_COLLABORATOR, "hello-world",
      STRV ("ana@example.com", hb_collaborator_role_to_string (HB_COLLABORATOR_ROLE_COLLABORATOR)));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);
  CALL (f->client, again, create_resource, HB_TYPE_COLLABORATOR, "hello-world",
        STRV ("nobody@example.com",
              hb_collaborator_role_to_string (HB_COLLABORATOR_ROLE_COLLABORATOR)));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);

  CALL (f->client, ok, update_resource, HB_TYPE_COLLABORATOR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (added)),
        STRV (hb_collaborator_role_to_string (HB_COLLABORATOR_ROLE_ADMINISTRATOR)));
  g_assert_no_error (error);
  g_assert_true (ok);
  CALL (f->client, fetched, get_resource, HB_TYPE_COLLABORATOR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (added)));
  g_assert_no_error (error);
  g_assert_cmpint (hb_collaborator_get_role (fetched), ==, HB_COLLABORATOR_ROLE_ADMINISTRATOR);

  CALL (f->client, ok, delete_resource, HB_TYPE_COLLABORATOR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (added)));
  g_assert_no_error (error);
  g_assert_true (ok);
  CALL (f->client, ok, delete_resource, HB_TYPE_COLLABORATOR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (added)));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
}

static void
test_config_vars (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbConfigVar) created = NULL;
  g_autoptr (HbConfigVar) again = NULL;
  g_autoptr (HbConfigVar) fetched = NULL;
  gboolean ok;

  CALL (f->client, created, create_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        STRV ("FEATURE_X", "on"));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_config_var_get_key (created), ==, "FEATURE_X");
  g_assert_cmpstr (hb_resource_get_value (HB_RESOURCE (created)), ==, "on");

  CALL (f->client, again, create_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        STRV ("FEATURE_X", "off"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);
  CALL (f->client, again, create_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        STRV ("has spaces", "x"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);

  CALL (f->client, ok, update_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)), STRV ("FEATURE_X", "off"));
  g_assert_no_error (error);
  g_assert_true (ok);
  CALL (f->client, fetched, get_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_value (HB_RESOURCE (fetched)), ==, "off");

  CALL (f->client, list, list_resource, HB_TYPE_CONFIG_VAR, "hello-world");
  g_assert_no_error (error);
  g_clear_object (&again);
  again = find_item (list, "key", "FEATURE_X");
  g_assert_nonnull (again);

  CALL (f->client, ok, delete_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_clear_object (&fetched);
  CALL (f->client, fetched, get_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
}

static void
test_hostnames (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbHostname) builtin = NULL;
  g_autoptr (HbHostname) created = NULL;
  g_autoptr (HbHostname) refused = NULL;
  g_autoptr (HbHostname) fetched = NULL;
  gboolean ok;

  CALL (f->client, list, list_resource, HB_TYPE_HOSTNAME, "hello-world");
  g_assert_no_error (error);
  builtin = find_item (list, "value", "hello-world.apphb.com");
  g_assert_nonnull (builtin);
  g_assert_false (hb_resource_is_openable (HB_RESOURCE (builtin)));

  CALL (f->client, created, create_resource, HB_TYPE_HOSTNAME, "hello-world",
        STRV ("www.hello.example.org"));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_value (HB_RESOURCE (created)), ==, "www.hello.example.org");
  CALL (f->client, fetched, get_resource, HB_TYPE_HOSTNAME, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_false (hb_hostname_get_canonical (fetched));

  /* ana-blog's owner has no card on file. */
  CALL (f->client, refused, create_resource, HB_TYPE_HOSTNAME, "ana-blog",
        STRV ("blog.example.org"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_PAYMENT_REQUIRED);
  CALL (f->client, refused, create_resource, HB_TYPE_HOSTNAME, "hello-world", STRV ("not a host"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  CALL (f->client, refused, create_resource, HB_TYPE_HOSTNAME, "hello-world",
        STRV ("www.hello.example.org"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);

  CALL (f->client, ok, delete_resource, HB_TYPE_HOSTNAME, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_service_hooks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbServiceHook) created = NULL;
  g_autoptr (HbServiceHook) refused = NULL;
  g_autoptr (HbServiceHook) fetched = NULL;
  gboolean ok;

  CALL (f->client, created, create_resource, HB_TYPE_SERVICE_HOOK, "hello-world",
        STRV ("https://hooks.example.org/ci"));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_value (HB_RESOURCE (created)), ==,
                   "https://hooks.example.org/ci");
  CALL (f->client, fetched, get_resource, HB_TYPE_SERVICE_HOOK, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  CALL (f->client, list, list_resource, HB_TYPE_SERVICE_HOOK, "hello-world");
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >=, 1);

  CALL (f->client, refused, create_resource, HB_TYPE_SERVICE_HOOK, "hello-world",
        STRV ("ftp://nope"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  CALL (f->client, refused, create_resource, HB_TYPE_SERVICE_HOOK, "hello-world",
        STRV ("https://hooks.example.org/ci"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);

  CALL (f->client, ok, delete_resource, HB_TYPE_SERVICE_HOOK, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_drains (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbDrain) created = NULL;
  g_autoptr (HbDrain) refused = NULL;
  g_autoptr (HbDrain) fetched = NULL;
  gboolean ok;

  CALL (f->client, created, create_resource, HB_TYPE_DRAIN, "hello-world",
        STRV ("syslog://logs.example.org:514"));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_resource_get_value (HB_RESOURCE (created)), ==,
                   "syslog://logs.example.org:514");
  g_assert_true (g_str_has_prefix (hb_drain_get_token (created), "d."));
  CALL (f->client, fetched, get_resource, HB_TYPE_DRAIN, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_drain_get_token (fetched), ==, hb_drain_get_token (created));
  CALL (f->client, list, list_resource, HB_TYPE_DRAIN, "hello-world");
  g_assert_no_error (error);

  CALL (f->client, refused, create_resource, HB_TYPE_DRAIN, "hello-world", STRV ("gopher://x"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_BAD_REQUEST);
  CALL (f->client, refused, create_resource, HB_TYPE_DRAIN, "hello-world",
        STRV ("syslog://logs.example.org:514"));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);

  CALL (f->client, ok, delete_resource, HB_TYPE_DRAIN, "hello-world",
        hb_resource_get_id (HB_RESOURCE (created)));
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (HbAppError) fetched = NULL;
  HbAppError *chained = NULL;

  CALL (f->client, list, list_resource, HB_TYPE_APP_ERROR, "shop-api");
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (HbAppError) item = g_list_model_get_item (list, i);

      if (chained == NULL && hb_exception_get_inner (hb_app_error_get_exception (item)) != NULL)
        chained = g_steal_pointer (&item);
    }
  g_assert_nonnull (chained);
  CALL (f->client, fetched, get_resource, HB_TYPE_APP_ERROR, "shop-api",
        hb_resource_get_id (HB_RESOURCE (chained)));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_error_get_message (fetched), ==, hb_app_error_get_message (chained));
  g_assert_true (
      g_date_time_equal (hb_app_error_get_date (fetched), hb_app_error_get_date (chained)));
  g_object_unref (chained);
  g_clear_object (&fetched);
  CALL (f->client, fetched, get_resource, HB_TYPE_APP_ERROR, "shop-api", "no-such-error");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
}

/* ---- every call, table-driven: 401, not signed in, 404, 500, cancel ---- */

typedef struct
{
  const char *name;
  gboolean is_get;
  gboolean takes_slug;
  void (*start) (HbClient *, const char *, GCancellable *, GAsyncReadyCallback, gpointer);
  gpointer (*finish) (HbClient *, GAsyncResult *, GError **);
  gboolean boolean;
  gboolean reads_first; /* a write that reads what it will change first (hb-client-writes.c) */
} Endpoint;

/* @label names the endpoint; @name is the client call it runs with the arguments after. */
#define EP_OBJ(label, name, ...)                                                                   \
  static void start_##label (HbClient *c, const char *slug, GCancellable *x,                       \
                             GAsyncReadyCallback cb, gpointer d)                                   \
  {                                                                                                \
    g_autofree char *url_ =                                                                        \
        g_strdup_printf ("%s/applications/%s/builds/60", hb_client_get_base_url (c), slug);        \
    (void) url_;                                                                                   \
    hb_client_##name##_async (c, ##__VA_ARGS__, x, cb, d);                                         \
  }                                                                                                \
  static gpointer finish_##label (HbClient *c, GAsyncResult *r, GError **e)                        \
  {                                                                                                \
    return hb_client_##name##_finish (c, r, e);                                                    \
  }
#define EP_BOOL(label, name, ...)                                                                  \
  static void start_##label (HbClient *c, const char *slug, GCancellable *x,                       \
                             GAsyncReadyCallback cb, gpointer d)                                   \
  {                                                                                                \
    hb_client_##name##_async (c, ##__VA_ARGS__, x, cb, d);                                         \
  }                                                                                                \
  static gpointer finish_##label (HbClient *c, GAsyncResult *r, GError **e)                        \
  {                                                                                                \
    return GINT_TO_POINTER (hb_client_##name##_finish (c, r, e));                                  \
  }

#define ROLE(role) hb_collaborator_role_to_string (HB_COLLABORATOR_ROLE_##role)

EP_OBJ (get_user, get_user)
EP_OBJ (list_apps, list_resource, HB_TYPE_APP, NULL)
EP_OBJ (get_app, get_resource, HB_TYPE_APP, NULL, slug)
EP_OBJ (create_app, create_app, "Table App", hb_region_to_id (HB_REGION_US_EAST_1))
EP_BOOL (rename_app, rename_app, slug, "Renamed")
EP_BOOL (delete_app, delete_resource, HB_TYPE_APP, NULL, slug)
EP_OBJ (list_builds, list_builds, slug, 10, 0)
EP_OBJ (get_build, get_resource, HB_TYPE_BUILD, slug, "60")
EP_BOOL (deploy_build, deploy_build, slug, "60")
EP_OBJ (list_tests, list_tests, slug, "59")
EP_OBJ (list_tests_at_url, list_tests_at_url, url_)
EP_OBJ (list_collaborators, list_resource, HB_TYPE_COLLABORATOR, slug)
EP_OBJ (get_collaborator, get_resource, HB_TYPE_COLLABORATOR, slug, "x")
EP_OBJ (create_collaborator,
        create_resource,
        HB_TYPE_COLLABORATOR,
        slug,
        STRV ("bob@example.com", ROLE (COLLABORATOR)))
EP_BOOL (update_collaborator,
         update_resource,
         HB_TYPE_COLLABORATOR,
         slug,
         "x",
         STRV (ROLE (ADMINISTRATOR)))
EP_BOOL (delete_collaborator, delete_resource, HB_TYPE_COLLABORATOR, slug, "x")
EP_OBJ (list_config_vars, list_resource, HB_TYPE_CONFIG_VAR, slug)
EP_OBJ (get_config_var, get_resource, HB_TYPE_CONFIG_VAR, slug, "x")
EP_OBJ (create_config_var, create_resource, HB_TYPE_CONFIG_VAR, slug, STRV ("TABLE_KEY", "v"))
EP_BOOL (update_config_var, update_resource, HB_TYPE_CONFIG_VAR, slug, "x", STRV ("TABLE_KEY", "v"))
EP_BOOL (delete_config_var, delete_resource, HB_TYPE_CONFIG_VAR, slug, "x")
EP_OBJ (list_hostnames, list_resource, HB_TYPE_HOSTNAME, slug)
EP_OBJ (get_hostname, get_resource, HB_TYPE_HOSTNAME, slug, "x")
EP_OBJ (create_hostname, create_resource, HB_TYPE_HOSTNAME, slug, STRV ("table.example.org"))
EP_BOOL (delete_hostname, delete_resource, HB_TYPE_HOSTNAME, slug, "x")
EP_OBJ (list_service_hooks, list_resource, HB_TYPE_SERVICE_HOOK, slug)
EP_OBJ (get_service_hook, get_resource, HB_TYPE_SERVICE_HOOK, slug, "x")
EP_OBJ (create_service_hook,
        create_resource,
        HB_TYPE_SERVICE_HOOK,
        slug,
        STRV ("https://hooks.example.org/table"))
EP_BOOL (delete_service_hook, delete_resource, HB_TYPE_SERVICE_HOOK, slug, "x")
EP_OBJ (list_drains, list_resource, HB_TYPE_DRAIN, slug)
EP_OBJ (get_drain, get_resource, HB_TYPE_DRAIN, slug, "x")
EP_OBJ (create_drain, create_resource, HB_TYPE_DRAIN, slug, STRV ("syslog://table.example.org:514"))
EP_BOOL (delete_drain, delete_resource, HB_TYPE_DRAIN, slug, "x")
EP_OBJ (list_errors, list_resource, HB_TYPE_APP_ERROR, slug)
EP_OBJ (get_error, get_resource, HB_TYPE_APP_ERROR, slug, "x")

#define E(name, get, slug)                                                                         \
  {                                                                                                \
#name, get, slug, start_##name, finish_##name, FALSE                                           \
  }
#define B(name, slug)                                                                              \
  {                                                                                                \
#name, FALSE, slug, start_##name, finish_##name, TRUE                                          \
  }
#define ER(name, get, slug)                                                                        \
  {                                                                                                \
#name, get, slug, start_##name, finish_##name, FALSE, TRUE                                     \
  }
#define BR(name, slug)                                                                             \
  {                                                                                                \
#name, FALSE, slug, start_##name, finish_##name, TRUE, TRUE                                    \
  }
static const Endpoint endpoints[] = {
  E (get_user, TRUE, FALSE),
  E (list_apps, TRUE, FALSE),
  E (get_app, TRUE, TRUE),
  E (create_app, FALSE, FALSE),
  B (rename_app, TRUE),
  B (delete_app, TRUE),
  E (list_builds, TRUE, TRUE),
  E (get_build, TRUE, TRUE),
  BR (deploy_build, TRUE),
  E (list_tests, TRUE, TRUE),
  E (list_tests_at_url, TRUE, TRUE),
  E (list_collaborators, TRUE, TRUE),
  E (get_collaborator, TRUE, TRUE),
  ER (create_collaborator, FALSE, TRUE),
  B (update_collaborator, TRUE),
  B (delete_collaborator, TRUE),
  E (list_config_vars, TRUE, TRUE),
  E (get_config_var, TRUE, TRUE),
  E (create_config_var, FALSE, TRUE),
  B (update_config_var, TRUE),
  B (delete_config_var, TRUE),
  E (list_hostnames, TRUE, TRUE),
  E (get_hostname, TRUE, TRUE),
  E (create_hostname, FALSE, TRUE),
  B (delete_hostname, TRUE),
  E (list_service_hooks, TRUE, TRUE),
  E (get_service_hook, TRUE, TRUE),
  E (create_service_hook, FALSE, TRUE),
  B (delete_service_hook, TRUE),
  E (list_drains, TRUE, TRUE),
  E (get_drain, TRUE, TRUE),
  E (create_drain, FALSE, TRUE),
  B (delete_drain, TRUE),
  E (list_errors, TRUE, TRUE),
  E (get_error, TRUE, TRUE),
};

/* Runs @ep; returns whether it succeeded, with @error set otherwise. */
static gboolean
run_endpoint (const Endpoint *ep,
              HbClient *client,
              const char *slug,
              GCancellable *cancellable,
              GError **error)
{
  GAsyncResult *result = NULL;
  gpointer value;

  ep->start (client, slug, cancellable, hbt_async_ready, &result);
  hbt_await (&result);
  value = ep->finish (client, result, error);
  g_object_unref (result);
  if (!ep->boolean && value != NULL)
    g_object_unref (value);
  g_assert_true ((value != NULL) == (*error == NULL));
  return value != NULL;
}

static void
on_unauthorized (HbClient *client, guint *count)
{
  (*count)++;
}

static void
test_every_call_unauthorized (Fixture *f, gconstpointer data)
{
  guint signals = 0;

  hb_client_set_token (f->client, "not-a-token");
  g_signal_connect (f->client, "unauthorized", G_CALLBACK (on_unauthorized), &signals);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", endpoints[i].name);
      g_assert_false (run_endpoint (&endpoints[i], f->client, "hello-world", NULL, &error));
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_UNAUTHORIZED);
      /* The server's own words reach the caller. */
      g_assert_cmpstr (error->message, ==, "The access token is not valid");
    }
  g_assert_cmpuint (signals, ==, G_N_ELEMENTS (endpoints));
}

static void
test_every_call_not_signed_in (Fixture *f, gconstpointer data)
{
  hb_client_set_token (f->client, NULL);
  g_assert_false (hb_client_get_signed_in (f->client));
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (run_endpoint (&endpoints[i], f->client, "hello-world", NULL, &error));
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_SIGNED_IN);
    }
}

static void
test_every_call_not_found (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!endpoints[i].takes_slug)
        continue;
      g_test_message ("%s", endpoints[i].name);
      g_assert_false (run_endpoint (&endpoints[i], f->client, "no-such-app", NULL, &error));
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no-such-app"));
    }
}

static guint n_sent[2]; /* GET, other */

static void
count_requests (const char *log_domain,
                GLogLevelFlags log_level,
                const char *message,
                gpointer user_data)
{
  /* SoupLogger prints "> METHOD path HTTP/1.1" once per request sent. */
  if (g_str_has_prefix (message, "> GET "))
    n_sent[0]++;
  else if (g_str_has_prefix (message, "> POST ") || g_str_has_prefix (message, "> PUT ") ||
           g_str_has_prefix (message, "> DELETE "))
    n_sent[1]++;
}

/* What a write that failed with @fault sent: it goes out once at most; when it went out, its
 * answer was lost, and asking what happened (a GET, tried 3 times) failed too. */
static void
assert_write_failed (const Endpoint *ep, const GError *error, GQuark domain, int code)
{
  if (ep->reads_first)
    {
      /* Reading first failed: the write was not sent. */
      g_assert_error (error, domain, code);
      g_assert_cmpuint (n_sent[0], ==, 3);
      g_assert_cmpuint (n_sent[1], ==, 0);
      return;
    }
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_cmpuint (n_sent[1], ==, 1);
  /* A create that answered 201 follows its Location first (3 tries), then asks. */
  g_assert_cmpuint (n_sent[0], >=, 3);
  g_assert_cmpuint (n_sent[0], <=, 6);
}

/* Every request answers 500: a GET is tried 3 times, anything else once. */
static void
test_every_call_server_error (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .fail_every = 1 };
  g_autoptr (HbClient) client = NULL;
  guint handler;

  g_setenv ("HB_DEBUG", "http", TRUE);
  client = hbt_server_new_client (f->server);
  g_unsetenv ("HB_DEBUG");
  _hb_client_set_limits (client, 1024 * 1024, 3, 5);
  handler = g_log_set_handler ("hb-api", G_LOG_LEVEL_MESSAGE, count_requests, NULL);
  hbt_server_set_faults (f->server, &faults);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GError) error = NULL;

      n_sent[0] = n_sent[1] = 0;
      g_test_message ("%s", endpoints[i].name);
      g_assert_false (run_endpoint (&endpoints[i], client, "hello-world", NULL, &error));
      g_assert_nonnull (strstr (error->message, "Injected failure"));
      if (!endpoints[i].is_get)
        {
          assert_write_failed (&endpoints[i], error, HB_API_ERROR, HB_API_ERROR_SERVER);
          continue;
        }
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_SERVER);
      g_assert_cmpuint (n_sent[0], ==, 3);
      g_assert_cmpuint (n_sent[1], ==, 0);
    }
  g_log_remove_handler ("hb-api", handler);
}

/* Every connection drops mid-body: a GET is tried 3 times, anything else
 * once, since the server may already have acted on it (and then it is asked what happened). */
static void
test_every_call_connection_reset (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .truncate_every = 1 };
  g_autoptr (HbClient) client = NULL;
  guint handler;

  g_setenv ("HB_DEBUG", "http", TRUE);
  client = hbt_server_new_client (f->server);
  g_unsetenv ("HB_DEBUG");
  _hb_client_set_limits (client, 1024 * 1024, 3, 5);
  handler = g_log_set_handler ("hb-api", G_LOG_LEVEL_MESSAGE, count_requests, NULL);
  hbt_server_set_faults (f->server, &faults);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GError) error = NULL;

      n_sent[0] = n_sent[1] = 0;
      g_test_message ("%s", endpoints[i].name);
      g_assert_false (run_endpoint (&endpoints[i], client, "hello-world", NULL, &error));
      if (!endpoints[i].is_get)
        {
          assert_write_failed (&endpoints[i], error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
          continue;
        }
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
      g_assert_cmpuint (n_sent[0], ==, 3);
      g_assert_cmpuint (n_sent[1], ==, 0);
    }
  g_log_remove_handler ("hb-api", handler);
}

/* Every other request answers 500: GETs still succeed, through a retry. */
static void
test_get_retried_after_500 (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .fail_every = 2 };

  hbt_server_set_faults (f->server, &faults);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListModel) apps = NULL;

      CALL (f->client, apps, list_resource, HB_TYPE_APP, NULL);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (apps), ==, 6);
    }
}

/* A body cut short is a connection reset to a GET: retried, then fine. */
static void
test_get_retried_after_truncation (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .truncate_every = 2 };

  hbt_server_set_faults (f->server, &faults);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GListModel) builds = NULL;

      CALL (f->client, builds, list_builds, "hello-world", 20, 0);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (builds), ==, 20);
    }
}

static void
count_callback (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot); /* exactly once */
  *slot = g_object_ref (result);
}

static void
test_every_call_cancelled (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .latency_ms = 300 };

  hbt_server_set_faults (f->server, &faults);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr (GCancellable) before = g_cancellable_new ();
      g_autoptr (GCancellable) during = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      GAsyncResult *result = NULL;
      gpointer value;

      /* Cancelled before it starts. */
      g_cancellable_cancel (before);
      g_assert_false (run_endpoint (&endpoints[i], f->client, "hello-world", before, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);

      /* Cancelled in flight, while the server holds the answer. */
      endpoints[i].start (f->client, "hello-world", during, count_callback, &result);
      hbt_iterate_for (50);
      g_assert_null (result);
      g_cancellable_cancel (during);
      hbt_await (&result);
      value = endpoints[i].finish (f->client, result, &error);
      g_assert_true (value == NULL);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_object_unref (result);
    }
}

/* ---- transport ---- */

static void
test_connection_refused (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbClient) client = NULL;
  g_autoptr (HbUser) user = NULL;
  g_autofree char *url = NULL;

  /* Reserve a free port, then close it so nothing listens there. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_listener_close (listener);

  client = hb_client_new (url);
  hb_client_set_token (client, HBT_DEMO_TOKEN);
  CALL (client, user, get_user);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  HbsFaults faults = { .stall_every = 1 };
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;
  gint64 start;

  hbt_server_set_faults (f->server, &faults);
  hb_client_set_timeout (f->client, 1);
  start = g_get_monotonic_time ();
  CALL (f->client, user, get_user);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* Not retried: a timeout already took its time. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
run_tls_untrusted (void)
{
  g_autofree char *cert_path =
      g_test_build_filename (G_TEST_DIST, "api", "data", "self-signed.pem", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) cert = g_tls_certificate_new_from_file (cert_path, &error);
  HbtServerOptions options = { 0 };
  g_autoptr (HbtServer) server = NULL;
  g_autoptr (HbClient) client = NULL;
  g_autoptr (HbUser) user = NULL;

  g_assert_no_error (error);
  options.cert = cert;
  server = hbt_server_new_full (&options);
  g_assert_true (g_str_has_prefix (server->base_url, "https://"));
  client = hbt_server_new_client (server);
  CALL (client, user, get_user);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_null (user);
}

/* LeakSanitizer's tracer crashes (SIGSEGV reading a thread's TLS) in any
 * process where glib-networking's GnuTLS has run a handshake. So the handshake
 * runs in a child that skips the exit-time leak scan; everything it asserts
 * still decides the result. */
static void
test_tls_untrusted (void)
{
  if (g_test_subprocess ())
    {
      run_tls_untrusted ();
      _exit (0);
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_plain_http_refused (void)
{
  g_autoptr (HbClient) client = hb_client_new ("http://appharbor.example.com");
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;

  hb_client_set_token (client, HBT_DEMO_TOKEN);
  CALL (client, user, get_user);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INSECURE);
}

/* The same rule, asked before any request (harbor's --api-url check uses it). */
static void
test_url_may_carry_token (void)
{
  g_assert_true (hb_client_url_may_carry_token ("https://appharbor.com"));
  g_assert_true (hb_client_url_may_carry_token ("http://127.0.0.1:8080"));
  g_assert_true (hb_client_url_may_carry_token ("http://localhost:8080"));
  g_assert_true (hb_client_url_may_carry_token ("http://[::1]:8080"));
  g_assert_false (hb_client_url_may_carry_token ("http://appharbor.example.com"));
  g_assert_false (hb_client_url_may_carry_token ("http://10.0.0.1"));
  g_assert_false (hb_client_url_may_carry_token ("ftp://127.0.0.1"));
  g_assert_false (hb_client_url_may_carry_token ("not a url"));
}

static void
test_body_size_cap (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;

  _hb_client_set_limits (f->client, 4096, 1, 1);
  CALL (f->client, roots, list_tests, "hello-world", "59");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
  g_assert_null (roots);
}

static GPtrArray *log_lines;

static void
collect_log (const char *log_domain,
             GLogLevelFlags log_level,
             const char *message,
             gpointer user_data)
{
  g_ptr_array_add (log_lines, g_strdup (message));
}

static void
test_debug_log_redacts_token (Fixture *f, gconstpointer data)
{
  g_autoptr (HbClient) client = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;
  gboolean redacted = FALSE;
  guint handler;

  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("HB_DEBUG", "http", TRUE);
  client = hbt_server_new_client (f->server);
  g_unsetenv ("HB_DEBUG");
  handler = g_log_set_handler ("hb-api", G_LOG_LEVEL_MESSAGE, collect_log, NULL);
  CALL (client, user, get_user);
  g_log_remove_handler ("hb-api", handler);
  g_assert_no_error (error);

  g_assert_cmpuint (log_lines->len, >, 0);
  for (guint i = 0; i < log_lines->len; i++)
    {
      const char *line = log_lines->pdata[i];

      g_assert_null (strstr (line, HBT_DEMO_TOKEN));
      redacted |= strstr (line, "Authorization: [redacted]") != NULL;
    }
  g_assert_true (redacted);
  g_clear_pointer (&log_lines, g_ptr_array_unref);
}

/* ---- bodies the real server never sends: a raw SoupServer ---- */

typedef struct
{
  guint status;
  const char *location;
  char *body;
  const char *content_type; /* NULL: application/json */
} Canned;

static void
canned_handler (SoupServer *server,
                SoupServerMessage *msg,
                const char *path,
                GHashTable *query,
                gpointer user_data)
{
  Canned *canned = user_data;

  soup_server_message_set_status (msg, canned->status, NULL);
  if (canned->location != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                  canned->location);
  soup_server_message_set_response (
      msg, canned->content_type != NULL ? canned->content_type : "application/json",
      SOUP_MEMORY_COPY, canned->body, strlen (canned->body));
}

static GError *
get_user_from_canned (Canned *canned)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbClient) client = NULL;
  g_autoptr (HbUser) user = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, canned_handler, canned, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  client = hb_client_new (url);
  hb_client_set_token (client, HBT_DEMO_TOKEN);
  CALL (client, user, get_user);
  g_assert_null (user);
  return g_steal_pointer (&error);
}

static void
test_bad_bodies (void)
{
  gsize depth = 200000;
  g_autofree char *deep = g_malloc (depth * 2 + 1);
  const char *bodies[] = {
    "{\"id\":\"1\",\"username\":\"demo\"",                   /* malformed */
    "{\"id\":\"1\",\"username\":42,\"email_addresses\":[]}", /* wrong type */
    "[\"not\",\"a\",\"user\"]",                              /* wrong shape */
    "",                                                      /* empty */
    NULL,                                                    /* deep nesting */
  };

  memset (deep, '[', depth);
  memset (deep + depth, ']', depth);
  deep[depth * 2] = '\0';
  bodies[G_N_ELEMENTS (bodies) - 1] = deep;
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      Canned canned = { 200, NULL, (char *) bodies[i] };
      g_autoptr (GError) error = get_user_from_canned (&canned);

      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
    }
}

/* A captive portal or proxy page is not the API, even if it parses. */
static void
test_not_json_content_type (void)
{
  Canned canned = { 200, NULL,
                    (char *) "{\"id\":\"1\",\"username\":\"demo\",\"email_addresses\":[]}",
                    "text/html" };
  g_autoptr (GError) error = get_user_from_canned (&canned);

  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
}

static void
test_redirect_not_followed (void)
{
  Canned canned = { 302, "http://127.0.0.1:1/user", (char *) "" };
  g_autoptr (GError) error = get_user_from_canned (&canned);

  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
}

static void
test_error_without_body_uses_reason (void)
{
  Canned canned = { 503, NULL, (char *) "<html>busy</html>" };
  g_autoptr (GError) error = get_user_from_canned (&canned);

  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "Service Unavailable");
}

static void
test_create_without_location (void)
{
  Canned canned = { 201, NULL, (char *) "" };
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbClient) client = NULL;
  g_autoptr (HbApp) app = NULL;
  g_autoslist (GUri) uris = NULL;
  g_autofree char *url = NULL;

  soup_server_add_handler (server, NULL, canned_handler, &canned, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  client = hb_client_new (url);
  hb_client_set_token (client, HBT_DEMO_TOKEN);
  CALL (client, app, create_app, "X", hb_region_to_id (HB_REGION_US_EAST_1));
  /* A 201 says it was created, but not where: the list is asked, and this server's 201 to
   * that too leaves it unknown (issue 17), with both reasons. */
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "created without a Location"));
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Ticks;

static gboolean
on_tick (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->max_gap = MAX (ticks->max_gap, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

/* A big body is parsed off the main thread: the main loop keeps ticking. If
 * the parse ran inline, one gap would take most of the call's time. */
static void
test_large_body_parsed_off_thread (void)
{
  HbtServerOptions options = { .big_tests = 50000 };
  g_autoptr (HbtServer) server = hbt_server_new_threaded (&options);
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;
  GAsyncResult *result = NULL;
  Ticks ticks = { g_get_monotonic_time (), 0 };
  gint64 start = ticks.last;
  guint failed = 0, tick_id;

  tick_id = g_timeout_add (2, on_tick, &ticks);
  hb_client_list_tests_async (client, "big-tests", "1", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  on_tick (&ticks); /* the gap up to the result counts too */
  g_source_remove (tick_id);
  roots = hb_client_list_tests_finish (client, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (count_tree (roots, &failed), ==, 50000);
  g_test_message ("call %" G_GINT64_FORMAT " us, longest main-loop gap %" G_GINT64_FORMAT " us",
                  g_get_monotonic_time () - start, ticks.max_gap);
  g_assert_cmpint (ticks.max_gap, <, (g_get_monotonic_time () - start) / 2);
}

#define ADD(path, func)                                                                            \
  g_test_add ("/api/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("user", test_user);
  ADD ("apps/list-get", test_apps_list_and_get);
  ADD ("apps/create-rename-delete", test_apps_create_rename_delete);
  ADD ("builds/list-get", test_builds);
  ADD ("builds/deploy", test_deploy);
  ADD ("tests/list-get", test_tests);
  ADD ("collaborators", test_collaborators);
  ADD ("config-vars", test_config_vars);
  ADD ("hostnames", test_hostnames);
  ADD ("service-hooks", test_service_hooks);
  ADD ("drains", test_drains);
  ADD ("errors", test_errors);
  ADD ("every-call/401", test_every_call_unauthorized);
  ADD ("every-call/not-signed-in", test_every_call_not_signed_in);
  ADD ("every-call/404", test_every_call_not_found);
  ADD ("every-call/500", test_every_call_server_error);
  ADD ("every-call/connection-reset", test_every_call_connection_reset);
  ADD ("every-call/cancelled", test_every_call_cancelled);
  ADD ("retry/500", test_get_retried_after_500);
  ADD ("retry/truncated", test_get_retried_after_truncation);
  ADD ("transport/timeout", test_timeout);
  ADD ("transport/size-cap", test_body_size_cap);
  ADD ("transport/debug-log-redacted", test_debug_log_redacts_token);
  g_test_add_func ("/api/client/token", test_token_and_signed_in);
  g_test_add_func ("/api/client/properties", test_properties_notify_on_change);
  g_test_add_func ("/api/transport/connection-refused", test_connection_refused);
  g_test_add_func ("/api/transport/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/api/transport/plain-http-refused", test_plain_http_refused);
  g_test_add_func ("/api/transport/url-may-carry-token", test_url_may_carry_token);
  g_test_add_func ("/api/bodies/bad", test_bad_bodies);
  g_test_add_func ("/api/bodies/not-json", test_not_json_content_type);
  g_test_add_func ("/api/bodies/redirect-not-followed", test_redirect_not_followed);
  g_test_add_func ("/api/bodies/error-reason", test_error_without_body_uses_reason);
  g_test_add_func ("/api/bodies/create-without-location", test_create_without_location);
  g_test_add_func ("/api/bodies/large-off-thread", test_large_body_parsed_off_thread);
  return g_test_run ();
}
