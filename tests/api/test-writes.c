/* test-writes.c: issue 17, item 1: a write whose answer is lost says what happened, against
 * harbor-server's fault switches (--stall-every, --truncate-every, --fail-every)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-client-private.h"
#include "hbt-requests.h"
#include "hbt-server.h"
#include "hbt-utils.h"

#include <string.h>

/* A stalled answer is given up on after this long. */
#define TIMEOUT_S 2

typedef struct
{
  HbtServer *server;
  HbClient *client;
  HbtRequests *requests;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = hbt_server_new ();
  hbs_server_set_build_step_ms (f->server->server, 200);
  f->client = hbt_server_new_client (f->server);
  hb_client_set_timeout (f->client, TIMEOUT_S);
  _hb_client_set_limits (f->client, 64 * 1024 * 1024, 3, 20);
  f->requests = hbt_requests_new (f->client);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  hbt_requests_free (f->requests);
  g_clear_object (&f->client);
  hbt_server_free (f->server);
}

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

#define STRV(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The fault hits the second request from now: @warm_up sends a first one (a GET) for writes
 * that do not read before they write, so that the write itself is the second. */
static void
fault_on_write (Fixture *f, HbsFaults faults, gboolean warm_up)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;

  hbt_server_set_faults (f->server, &faults);
  if (warm_up)
    {
      CALL (f->client, user, get_user);
      g_assert_no_error (error);
    }
  hbt_requests_clear (f->requests);
}

static guint
count_listed (Fixture *f, GType type, const char *slug, const char *property, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) items = NULL;
  guint n = 0;

  hbt_server_set_faults (f->server, NULL);
  CALL (f->client, items, list_resource, type, slug);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);
      g_autofree char *text = NULL;

      g_object_get (item, property, &text, NULL);
      n += g_strcmp0 (text, value) == 0;
    }
  return n;
}

/* ---- create ---- */

/* The POST's answer never comes: after the timeout the list is asked, the application is
 * there, and the create succeeds with it (the POST went once). */
static void
test_create_app_stalled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;
  gint64 start;

  fault_on_write (f, (HbsFaults){ .stall_every = 2 }, TRUE);
  start = g_get_monotonic_time ();
  CALL (f->client, app, create_app, "Stalled App", hb_region_to_id (HB_REGION_EU_WEST_1));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_slug (app), ==, "stalled-app");
  g_assert_cmpstr (hb_app_get_name (app), ==, "Stalled App");
  /* Given up at the timeout, not libsoup's 30 s nor twice the timeout. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (TIMEOUT_S + 1) * G_USEC_PER_SEC);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "POST /applications"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "GET /applications"), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "name", "Stalled App"), ==, 1);
}

/* The 201 comes, its body is cut short: the Location is followed as usual. */
static void
test_create_app_cut_short (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;

  fault_on_write (f, (HbsFaults){ .truncate_every = 2 }, TRUE);
  CALL (f->client, app, create_app, "Cut App", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_slug (app), ==, "cut-app");
  g_assert_cmpstr (hb_app_get_region_id (app), ==, hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "POST /applications"), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "name", "Cut App"), ==, 1);
}

/* A 500 to the POST: asked, the application is not there, so it was not created, and the error
 * is the server's (not "already exists", not a refused name). */
static void
test_create_app_server_error (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;

  fault_on_write (f, (HbsFaults){ .fail_every = 2 }, TRUE);
  CALL (f->client, app, create_app, "Failed App", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_null (app);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_SERVER);
  g_assert_cmpint (hb_api_error_get_fault (error), ==, HB_API_FAULT_SERVER);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "POST /applications"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "GET /applications"), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "name", "Failed App"), ==, 0);
}

/* Everything stalls: the create and the question after it. It is unknown, and said so. Sent
 * again once the service answers, the "already exists" is our own create: it succeeds. */
static void
test_create_app_unknown_then_again (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;

  fault_on_write (f, (HbsFaults){ .stall_every = 1 }, FALSE);
  CALL (f->client, app, create_app, "Twice App", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_null (app);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "within 2 s"));

  hbt_server_set_faults (f->server, NULL);
  hbt_requests_clear (f->requests);
  CALL (f->client, app, create_app, "Twice App", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_slug (app), ==, "twice-app");
  /* The server did say 409: the list showed it was ours. */
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "POST /applications"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "GET /applications"), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "name", "Twice App"), ==, 1);

  /* Once that is known, a third create is a real conflict. */
  g_clear_object (&app);
  CALL (f->client, app, create_app, "Twice App", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);
}

/* An existing name is a conflict, and is not checked: no question after a clear answer. */
static void
test_create_conflict_not_checked (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;

  hbt_requests_clear (f->requests);
  CALL (f->client, app, create_app, "Hello World", hb_region_to_id (HB_REGION_US_EAST_1));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_CONFLICT);
  g_assert_cmpint (hb_api_error_get_fault (error), ==, HB_API_FAULT_REFUSED);
  g_assert_cmpuint (hbt_requests_count (f->requests), ==, 1);
}

typedef struct
{
  const char *values[3];
  const char *property; /* what the created item shows */
  const char *shown;
} Kind;

static const Kind kinds[] = {
  { { "STALLED_KEY", "v", NULL }, "key", "STALLED_KEY" },
  { { "Stalled.Example.ORG", NULL }, "value", "stalled.example.org" },
  { { "https://hooks.example.org/stalled", NULL }, "value", "https://hooks.example.org/stalled" },
  { { "syslog://stalled.example.org:514", NULL }, "value", "syslog://stalled.example.org:514" },
  { { "ana@example.com", "administrator", NULL }, "user-name", "ana" },
};

/* In the order of kinds[]. */
static GType
kind_type (guint i)
{
  GType types[] = { HB_TYPE_CONFIG_VAR, HB_TYPE_HOSTNAME, HB_TYPE_SERVICE_HOOK, HB_TYPE_DRAIN,
                    HB_TYPE_COLLABORATOR };

  return types[i];
}

/* Every kind: the create stalls, and is found in the list (a hostname in the server's lower
 * case; a collaborator, whose item does not show the e-mail it was added by, as the one that
 * was not listed before). */
static void
test_create_every_kind_stalled (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GType type = kind_type (i);
      g_autoptr (GError) error = NULL;
      g_autoptr (HbResource) item = NULL;
      g_autofree char *shown = NULL;

      g_test_message ("%s", g_type_name (type));
      /* A collaborator's create reads the list first: that is the first request. */
      fault_on_write (f, (HbsFaults){ .stall_every = 2 }, type != HB_TYPE_COLLABORATOR);
      CALL (f->client, item, create_resource, type, "hello-world", kinds[i].values);
      g_assert_no_error (error);
      g_object_get (item, kinds[i].property, &shown, NULL);
      g_assert_cmpstr (shown, ==, kinds[i].shown);
      g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "POST "), ==, 1);
      g_assert_cmpuint (count_listed (f, type, "hello-world", kinds[i].property, kinds[i].shown),
                        ==, 1);
    }
}

/* ---- update, delete, deploy ---- */

static void
test_rename_cut_short (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  fault_on_write (f, (HbsFaults){ .truncate_every = 2 }, TRUE);
  CALL (f->client, ok, rename_app, "docs-site", "Docs, Renamed");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "PUT /applications/docs-site"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (f->requests, "GET /applications/docs-site"), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "name", "Docs, Renamed"), ==, 1);
}

static void
test_update_variable_stalled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) item = NULL;
  gboolean ok;

  CALL (f->client, item, create_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        STRV ("EDITED", "before"));
  g_assert_no_error (error);
  fault_on_write (f, (HbsFaults){ .stall_every = 2 }, TRUE);
  CALL (f->client, ok, update_resource, HB_TYPE_CONFIG_VAR, "hello-world",
        hb_resource_get_id (item), STRV ("EDITED", "after"));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (count_listed (f, HB_TYPE_CONFIG_VAR, "hello-world", "value", "after"), ==, 1);
}

/* The role change fails (500): asked, the role is the old one, so it did not happen. */
static void
test_role_server_error (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) items = NULL;
  g_autoptr (HbResource) bob = NULL;
  gboolean ok;

  CALL (f->client, items, list_resource, HB_TYPE_COLLABORATOR, "hello-world");
  for (guint i = 0; i < g_list_model_get_n_items (items) && bob == NULL; i++)
    {
      g_autoptr (HbCollaborator) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_collaborator_get_user_name (item), "bob") == 0)
        bob = HB_RESOURCE (g_steal_pointer (&item));
    }
  g_assert_nonnull (bob);
  fault_on_write (f, (HbsFaults){ .fail_every = 2 }, TRUE);
  CALL (f->client, ok, update_resource, HB_TYPE_COLLABORATOR, "hello-world",
        hb_resource_get_id (bob), STRV ("administrator"));
  g_assert_false (ok);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_SERVER);
  g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "PUT "), ==, 1);
  g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "GET /applications/hello-world/"), ==,
                    1);
}

static void
test_delete_stalled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  fault_on_write (f, (HbsFaults){ .stall_every = 2 }, TRUE);
  CALL (f->client, ok, delete_resource, HB_TYPE_APP, NULL, "status-page");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "DELETE "), ==, 1);
  g_assert_cmpuint (count_listed (f, HB_TYPE_APP, NULL, "slug", "status-page"), ==, 0);
}

/* Sent again after its outcome stayed unknown, a delete's "not found" is its own doing. */
static void
test_delete_unknown_then_again (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  fault_on_write (f, (HbsFaults){ .stall_every = 1 }, FALSE);
  CALL (f->client, ok, delete_resource, HB_TYPE_APP, NULL, "status-page");
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN);
  hbt_server_set_faults (f->server, NULL);
  CALL (f->client, ok, delete_resource, HB_TYPE_APP, NULL, "status-page");
  g_assert_no_error (error);
  g_assert_true (ok);
}

static HbBuild *
get_build (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  HbResource *build = NULL;

  CALL (f->client, build, get_resource, HB_TYPE_BUILD, "hello-world", id);
  g_assert_no_error (error);
  return HB_BUILD (build);
}

/* A deploy reads the build first: stalled, the build says it ran again. */
static void
test_deploy_stalled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) before = get_build (f, "58");
  g_autoptr (HbBuild) after = NULL;
  gboolean ok;

  g_assert_cmpint (hb_build_get_status (before), ==, HB_BUILD_STATUS_SUCCEEDED);
  fault_on_write (f, (HbsFaults){ .stall_every = 2 }, FALSE);
  CALL (f->client, ok, deploy_build, "hello-world", "58");
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "POST "), ==, 1);
  g_assert_cmpuint (
      hbt_requests_count_of (f->requests, "GET /applications/hello-world/builds/58"), ==, 2);
  hbt_server_set_faults (f->server, NULL);
  after = get_build (f, "58");
  if (hb_build_status_is_finished (hb_build_get_status (after)))
    {
      GDateTime *then = hb_build_get_deployed (before);
      GDateTime *now = hb_build_get_deployed (after);

      g_assert_nonnull (now);
      g_assert_true (then == NULL || !g_date_time_equal (then, now));
    }
}

/* A 500 to the deploy: the build is as it was, so it was not deployed. */
static void
test_deploy_server_error (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  fault_on_write (f, (HbsFaults){ .fail_every = 2 }, FALSE);
  CALL (f->client, ok, deploy_build, "hello-world", "58");
  g_assert_false (ok);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_SERVER);
  g_assert_cmpuint (hbt_requests_count_prefix (f->requests, "POST "), ==, 1);
}

/* ---- faults, told apart ---- */

static void
test_faults_told_apart (Fixture *f, gconstpointer data)
{
  struct
  {
    GQuark domain;
    int code;
    HbApiFault fault;
    gboolean may_have_happened;
  } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, HB_API_FAULT_UNREACHABLE, FALSE },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, HB_API_FAULT_UNREACHABLE, FALSE },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, HB_API_FAULT_TIMED_OUT, TRUE },
    { G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, HB_API_FAULT_CUT_SHORT, TRUE },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, HB_API_FAULT_CUT_SHORT, TRUE },
    { HB_API_ERROR, HB_API_ERROR_SERVER, HB_API_FAULT_SERVER, TRUE },
    { HB_API_ERROR, HB_API_ERROR_BAD_REQUEST, HB_API_FAULT_REFUSED, FALSE },
    { HB_API_ERROR, HB_API_ERROR_CONFLICT, HB_API_FAULT_REFUSED, FALSE },
    { HB_API_ERROR, HB_API_ERROR_NOT_FOUND, HB_API_FAULT_OTHER, FALSE },
    { G_IO_ERROR, G_IO_ERROR_CANCELLED, HB_API_FAULT_NONE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (hb_api_error_get_fault (error), ==, cases[i].fault);
      g_assert_cmpint (hb_api_error_may_have_happened (error), ==, cases[i].may_have_happened);
    }
}

/* HbClient:reachable turns FALSE on a refused connection and back on the next answer. */
static void
test_reachable (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;
  g_autoptr (GUri) uri = g_uri_parse (f->server->base_url, G_URI_FLAGS_NONE, NULL);
  HbtServerOptions options = { .port = g_uri_get_port (uri) };

  g_assert_true (hb_client_get_reachable (f->client));
  g_clear_pointer (&f->server, hbt_server_free);
  CALL (f->client, user, get_user);
  g_assert_null (user);
  g_assert_cmpint (hb_api_error_get_fault (error), ==, HB_API_FAULT_UNREACHABLE);
  g_assert_false (hb_client_get_reachable (f->client));

  /* The same port again. */
  f->server = hbt_server_new_full (&options);
  CALL (f->client, user, get_user);
  g_assert_no_error (error);
  g_assert_true (hb_client_get_reachable (f->client));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define TEST(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  TEST ("/writes/create-app/stalled", test_create_app_stalled);
  TEST ("/writes/create-app/cut-short", test_create_app_cut_short);
  TEST ("/writes/create-app/server-error", test_create_app_server_error);
  TEST ("/writes/create-app/unknown-then-again", test_create_app_unknown_then_again);
  TEST ("/writes/create-app/conflict-not-checked", test_create_conflict_not_checked);
  TEST ("/writes/create/every-kind-stalled", test_create_every_kind_stalled);
  TEST ("/writes/rename/cut-short", test_rename_cut_short);
  TEST ("/writes/update-variable/stalled", test_update_variable_stalled);
  TEST ("/writes/role/server-error", test_role_server_error);
  TEST ("/writes/delete/stalled", test_delete_stalled);
  TEST ("/writes/delete/unknown-then-again", test_delete_unknown_then_again);
  TEST ("/writes/deploy/stalled", test_deploy_stalled);
  TEST ("/writes/deploy/server-error", test_deploy_server_error);
  TEST ("/writes/faults-told-apart", test_faults_told_apart);
  TEST ("/writes/reachable", test_reachable);
  return g_test_run ();
}
