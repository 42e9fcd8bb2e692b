/* hbs-seed.c: the seeded demo world that tests and `harbor --demo` rely on (see HACKING.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-seed.h"

#include "hbs-json.h"
#include "hbs-random.h"

static const char *const messages[] = {
  "Fix rounding in invoice totals",
  "Add health check endpoint",
  "Update jQuery to 1.8.2",
  "Cache the product catalogue for five minutes",
  "Log slow SQL queries",
  "Merge branch 'develop'",
  "Translate the checkout page",
  "Retry the payment gateway once on timeout",
  "Remove the old admin area",
  "Speed up the home page",
  "Handle empty carts gracefully",
  "Bump NUnit to 2.6.2",
  "Send the welcome mail asynchronously",
  "Fix a null reference on the profile page",
};

char *
hbs_seed_commit_id (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA1, text, -1);
}

void
hbs_seed_set_tests (JsonObject *build, guint n_tests, guint fail_mod, guint skip_mod)
{
  JsonObject *tests = json_object_new ();

  json_object_set_int_member (tests, "n", n_tests);
  json_object_set_int_member (tests, "fail", fail_mod);
  json_object_set_int_member (tests, "skip", skip_mod);
  json_object_set_object_member (build, "tests", tests);
}

static char *
at (GDateTime *base, gint seconds)
{
  g_autoptr (GDateTime) time = g_date_time_add_seconds (base, seconds);

  return hbs_store_format_time (time);
}

static void
log_at (JsonObject *build, GDateTime *base, gint seconds, const char *message)
{
  g_autofree char *when = at (base, seconds);

  hbs_store_add_log_entry (build, when, message);
}

/* A finished or running build with the log a real one would have by now. */
static void
seed_build (HbsStore *store,
            JsonObject *app,
            guint number,
            const char *status,
            gboolean deployed,
            guint n_tests)
{
  const char *slug = hbs_json_get_string (app, "slug");
  g_autofree char *key = g_strdup_printf ("%s:%u", slug, number);
  g_autofree char *commit = hbs_seed_commit_id (key);
  g_autoptr (GDateTime) epoch = g_date_time_new_utc (2026, 9, 1, 8, 0, 0);
  g_autoptr (GDateTime) base =
      g_date_time_add_minutes (epoch, number * (13 * 60) + (number % 5) * 47);
  const char *branch = number % 4 == 0   ? "develop"
                       : number % 9 == 0 ? "feature/checkout"
                                         : "master";
  g_autofree char *created = at (base, 0);
  JsonObject *build = hbs_store_add_build (
      store, app, branch, commit, messages[(number + g_str_hash (slug)) % G_N_ELEMENTS (messages)],
      created);
  gboolean failed = g_str_equal (status, "Failed");

  json_object_set_string_member (build, "status", status);
  hbs_store_add_log_entry (build, created, "Received notification, queuing build");
  if (g_str_equal (status, "Queued"))
    return;
  log_at (build, base, 20, "Downloading source");
  log_at (build, base, 45, "Building");
  if (g_str_equal (status, "Building"))
    return;
  log_at (build, base, 90, "Running tests");
  log_at (build, base, 150, failed ? "Build failed: tests failed" : "Build succeeded");
  hbs_seed_set_tests (build, n_tests, failed ? 5 : 0, 7);
  if (deployed)
    {
      g_autofree char *when = at (base, 180);

      json_object_set_string_member (build, "deployed", when);
      hbs_store_add_log_entry (build, when, "Deployed");
    }
}

static void
seed_hello_world_builds (HbsStore *store, JsonObject *app)
{
  for (guint i = 1; i <= 60; i++)
    {
      const char *status = i % 7 == 3 ? "Failed" : "Succeeded";
      guint n_tests = 6 + i % 9;

      if (i == 56)
        status = "Queued";
      else if (i == 57)
        status = "Building";
      else if (i == 58 || i == 60)
        status = "Succeeded";
      else if (i == 59)
        {
          status = "Failed";
          n_tests = 360;
        }
      seed_build (store, app, i, status, g_str_equal (status, "Succeeded") && (i % 5 == 0),
                  n_tests);
    }
  /* The big tree has its own rates: a few failures, more skips. */
  hbs_seed_set_tests (hbs_store_find_item (app, "builds", "59"), 360, 40, 12);
}

static void
seed_builds (HbsStore *store, JsonObject *app, guint n_builds)
{
  for (guint i = 1; i <= n_builds; i++)
    seed_build (store, app, i, i == n_builds - 1 ? "Failed" : "Succeeded", i == n_builds, 5 + i);
}

static void
add_collaborator (HbsStore *store, JsonObject *app, const char *user, const char *role)
{
  JsonObject *item = hbs_store_add_item (store, app, "collaborators");

  json_object_set_string_member (item, "user", user);
  json_object_set_string_member (item, "role", role);
}

static void
add_variable (HbsStore *store, JsonObject *app, const char *key, const char *value)
{
  JsonObject *item = hbs_store_add_item (store, app, "configurationvariables");

  json_object_set_string_member (item, "key", key);
  json_object_set_string_member (item, "value", value);
}

static void
add_hostname (HbsStore *store, JsonObject *app, const char *value, gboolean canonical)
{
  JsonObject *item = hbs_store_add_item (store, app, "hostnames");

  json_object_set_string_member (item, "value", value);
  json_object_set_boolean_member (item, "canonical", canonical);
}

static void
add_value (HbsStore *store, JsonObject *app, const char *collection, const char *value)
{
  JsonObject *item = hbs_store_add_item (store, app, collection);

  json_object_set_string_member (item, "value", value);
  if (g_str_equal (collection, "drains"))
    {
      g_autofree char *uuid = hbs_random_uuid ();
      g_autofree char *token = g_strconcat ("d.", uuid, NULL);

      json_object_set_string_member (item, "token", token);
    }
}

static JsonObject *
exception (const char *type, const char *message, const char *stack_trace, JsonObject *inner)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "message", message);
  json_object_set_string_member (object, "stack_trace", stack_trace);
  if (inner != NULL)
    json_object_set_object_member (object, "inner_exception", inner);
  else
    json_object_set_null_member (object, "inner_exception");
  return object;
}

static void
add_error (HbsStore *store, JsonObject *app, const char *date, const char *path, JsonObject *exc)
{
  JsonObject *item = hbs_store_add_item (store, app, "errors");
  g_autofree char *key = g_strdup_printf ("%s:error:%s", hbs_json_get_string (app, "slug"), date);
  g_autofree char *commit = hbs_seed_commit_id (key);

  json_object_set_string_member (item, "commit_id", commit);
  json_object_set_string_member (item, "date", date);
  json_object_set_string_member (item, "request_path", path);
  json_object_set_string_member (item, "message", "An unhandled exception has occurred.");
  json_object_set_object_member (item, "exception", exc);
}

static void
seed_errors (HbsStore *store, JsonObject *hello, JsonObject *shop, JsonObject *payments)
{
  add_error (
      store, hello, "2026-10-28T14:02:11.381Z", "/",
      exception (
          "System.Web.HttpUnhandledException",
          "Exception of type 'System.Web.HttpUnhandledException' was thrown.",
          "   at System.Web.UI.Page.HandleError(Exception e)\n"
          "   at System.Web.UI.Page.ProcessRequestMain()",
          exception (
              "System.NullReferenceException",
              "Object reference not set to an instance of an object.",
              "   at HelloWorld.Controllers.HomeController.Index() in HomeController.cs:line 18",
              NULL)));
  add_error (store, hello, "2026-10-29T09:45:03.120Z", "/account/login",
             exception ("System.InvalidOperationException", "Sequence contains no elements",
                        "   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)\n"
                        "   at HelloWorld.Services.AccountService.Find(String name)",
                        NULL));
  add_error (
      store, hello, "2026-10-30T22:17:59.004Z", "/api/orders/42",
      exception (
          "System.Data.Entity.Core.EntityCommandExecutionException",
          "An error occurred while executing the command definition.",
          "   at "
          "System.Data.Entity.Core.EntityClient.Internal.EntityCommandDefinition."
          "ExecuteStoreCommands()",
          exception ("System.Data.SqlClient.SqlException", "Timeout expired.",
                     "   at System.Data.SqlClient.SqlConnection.OnError(SqlException exception)",
                     exception ("System.ComponentModel.Win32Exception",
                                "The wait operation timed out", "", NULL))));
  add_error (store, shop, "2026-11-02T11:00:40.777Z", "/cart/checkout",
             exception ("System.ArgumentException",
                        "An item with the same key has already been added.",
                        "   at System.Collections.Generic.Dictionary`2.Insert(TKey key, TValue "
                        "value, Boolean add)",
                        NULL));
  add_error (store, shop, "2026-11-03T16:31:08.250Z", "/products",
             exception ("System.TimeoutException", "The operation has timed out.",
                        "   at ShopApi.Catalogue.Load()",
                        exception ("System.Net.WebException",
                                   "The remote server returned an error: (504) Gateway Timeout.",
                                   "   at System.Net.HttpWebRequest.GetResponse()", NULL)));
  add_error (store, payments, "2026-11-05T03:12:44.019Z", "/jobs/settle",
             exception ("System.FormatException", "Input string was not in a correct format.",
                        "   at System.Number.StringToNumber(String str, NumberStyles options)",
                        NULL));
}

/* The world of HACKING.md's table; a no-op once a (loaded) world has been seeded. */
void
hbs_seed_world (HbsStore *store)
{
  JsonObject *hello, *shop, *docs, *payments, *status, *blog;

  if (hbs_store_get_seeded (store))
    return;
  hbs_store_put_user (store, "demo", "demo@example.com", "demo");
  hbs_store_put_user (store, "ana", "ana@example.com", "ana");
  hbs_store_put_user (store, "bob", "bob@example.com", "bob");
  hbs_store_set_has_card (store, "ana", FALSE);

  hello = hbs_store_add_app (store, "hello-world", "Hello World", HBS_REGION_US, "demo");
  shop = hbs_store_add_app (store, "shop-api", "Shop API", HBS_REGION_EU, "demo");
  docs = hbs_store_add_app (store, "docs-site", "Docs Site", HBS_REGION_US, "demo");
  payments = hbs_store_add_app (store, "payments-worker", "Payments Worker", HBS_REGION_EU, "demo");
  status = hbs_store_add_app (store, "status-page", "Status Page", HBS_REGION_US, "demo");
  blog = hbs_store_add_app (store, "ana-blog", "Ana's Blog", HBS_REGION_US, "ana");

  seed_hello_world_builds (store, hello);
  seed_builds (store, shop, 8);
  seed_builds (store, docs, 5);
  seed_builds (store, payments, 6);
  seed_builds (store, status, 3);
  seed_builds (store, blog, 4);

  add_collaborator (store, hello, "bob", "collaborator");
  add_collaborator (store, shop, "ana", "administrator");
  add_collaborator (store, shop, "bob", "collaborator");
  add_collaborator (store, docs, "ana", "collaborator");
  add_collaborator (store, blog, "demo", "administrator");

  add_variable (store, hello, "Environment", "Production");
  add_variable (store, hello, "FeatureFlags.NewCheckout", "true");
  add_variable (store, hello, "SmtpHost", "smtp.example.com");
  add_variable (store, shop, "DatabaseUrl", "postgres://shop@db.example.com/shop");
  add_variable (store, shop, "PaymentsApiKey", "sk_demo_4eC39HqLyjWDarjtT1zdp7dc");
  add_variable (store, docs, "SiteTitle", "Harbor Docs");
  add_variable (store, payments, "QueueName", "settlements");
  add_variable (store, status, "RefreshSeconds", "30");

  add_hostname (store, hello, "www.hello-world.example", TRUE);
  add_hostname (store, hello, "hello.example.org", FALSE);
  add_hostname (store, shop, "api.shop.example", TRUE);
  add_hostname (store, docs, "docs.example.org", FALSE);

  add_value (store, hello, "servicehooks", "https://hooks.example.com/appharbor");
  add_value (store, shop, "servicehooks", "https://ci.example.org/hooks/shop");
  add_value (store, hello, "drains", "syslog://logs.example.com:514");
  add_value (store, shop, "drains", "https://logs.example.net/drain");

  seed_errors (store, hello, shop, payments);
  hbs_store_set_seeded (store);
}

/* An application of @owner's with one Failed build whose tests the caller serves. */
void
hbs_seed_fixture_app (HbsStore *store, const char *slug, const char *owner)
{
  JsonObject *app = hbs_store_find_app (store, slug);

  if (app != NULL)
    return;
  app = hbs_store_add_app (store, slug, slug, HBS_REGION_US, owner);
  seed_build (store, app, 1, "Failed", FALSE, 0);
  hbs_store_changed (store);
}

void
hbs_seed_big_tests (HbsStore *store, guint n_tests)
{
  JsonObject *app = hbs_store_find_app (store, "big-tests");
  JsonObject *build;

  if (app == NULL)
    {
      if (hbs_store_find_user (store, "demo") == NULL)
        hbs_store_put_user (store, "demo", "demo@example.com", "demo");
      app = hbs_store_add_app (store, "big-tests", "Big Tests", HBS_REGION_US, "demo");
      seed_build (store, app, 1, "Failed", FALSE, n_tests);
    }
  build = hbs_store_find_item (app, "builds", "1");
  if (build != NULL)
    hbs_seed_set_tests (build, n_tests, 50, 20);
  hbs_store_changed (store);
}
