/* test-server-resources.c: harbor-server's collaborators, configuration variables, hostnames,
 * service hooks, errors, drains and log sessions, over HTTP on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, hst_setup, fn, hst_teardown)

static JsonObject *
find (JsonArray *items, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonNode *node = json_object_get_member (item, member);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          g_strcmp0 (json_node_get_string (node), value) == 0)
        return item;
    }
  return NULL;
}

static JsonObject *
find_user (JsonArray *collaborators, const char *name)
{
  for (guint i = 0; i < json_array_get_length (collaborators); i++)
    {
      JsonObject *item = json_array_get_object_element (collaborators, i);

      if (g_str_equal (hst_member (json_object_get_object_member (item, "user"), "name"), name))
        return item;
    }
  return NULL;
}

static guint
count (HstFixture *f, const char *path)
{
  g_autoptr (HstResponse) r = hst_get (f, path);

  return json_array_get_length (hst_array (r));
}

static void
test_collaborators (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/shop-api/collaborators");
  JsonArray *items = hst_array (list);
  JsonObject *owner = find_user (items, "demo");
  JsonObject *ana = find_user (items, "ana");
  g_autoptr (HstResponse) detail = NULL;
  g_autoptr (HstResponse) created = NULL;
  g_autoptr (HstResponse) again = NULL;
  g_autoptr (HstResponse) unknown = NULL;
  g_autoptr (HstResponse) bad_role = NULL;
  g_autoptr (HstResponse) owner_role = NULL;
  g_autoptr (HstResponse) put = NULL;
  g_autoptr (HstResponse) after_put = NULL;
  g_autoptr (HstResponse) del = NULL;
  g_autoptr (HstResponse) missing = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  const char *ana_url;

  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_nonnull (owner);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (owner, "url")));
  g_assert_cmpstr (hst_member (owner, "role"), ==, "owner");
  g_assert_nonnull (hst_member (json_object_get_object_member (owner, "user"), "id"));
  g_assert_cmpstr (hst_member (ana, "role"), ==, "administrator");
  ana_url = hst_member (ana, "url");
  detail = hst_get (f, ana_url + strlen (f->base));
  g_assert_cmpstr (hst_member (hst_object (detail), "role"), ==, "administrator");
  g_assert_cmpstr (hst_member (json_object_get_object_member (hst_object (detail), "user"), "name"),
                   ==, "ana");
  g_assert_false (json_object_has_member (hst_object (detail), "url"));

  created = hst_send (f, "POST", "/applications/status-page/collaborators",
                      "{\"collaboratorEmail\":\"bob@example.com\",\"role\":\"collaborator\"}");
  hst_assert_created (f, created, "/applications/status-page/collaborators", &id);
  again = hst_send (f, "POST", "/applications/status-page/collaborators",
                    "{\"collaboratorEmail\":\"BOB@example.com\",\"role\":\"administrator\"}");
  hst_assert_error (again, 409);
  unknown = hst_send (f, "POST", "/applications/status-page/collaborators",
                      "{\"collaboratorEmail\":\"nobody@example.com\",\"role\":\"collaborator\"}");
  hst_assert_error (unknown, 400);
  bad_role = hst_send (f, "POST", "/applications/status-page/collaborators",
                       "{\"collaboratorEmail\":\"ana@example.com\",\"role\":\"boss\"}");
  hst_assert_error (bad_role, 400);
  owner_role = hst_send (f, "POST", "/applications/status-page/collaborators",
                         "{\"collaboratorEmail\":\"ana@example.com\",\"role\":\"owner\"}");
  hst_assert_error (owner_role, 400);
  g_assert_cmpuint (count (f, "/applications/status-page/collaborators"), ==, 2);

  path = g_strconcat ("/applications/status-page/collaborators/", id, NULL);
  put = hst_send (f, "PUT", path, "{\"role\":\"administrator\"}");
  g_assert_cmpuint (put->status, ==, 200);
  after_put = hst_get (f, path);
  g_assert_cmpstr (hst_member (hst_object (after_put), "role"), ==, "administrator");
  del = hst_send (f, "DELETE", path, NULL);
  g_assert_cmpuint (del->status, ==, 204);
  missing = hst_get (f, path);
  hst_assert_error (missing, 404);
  g_assert_cmpuint (count (f, "/applications/status-page/collaborators"), ==, 1);
}

/* A collaborator may look but not change; an administrator may change. */
static char *
collaborator_names (HstFixture *f, const char *slug)
{
  g_autofree char *path = g_strdup_printf ("/applications/%s/collaborators", slug);
  g_autoptr (HstResponse) r = hst_get (f, path);
  JsonArray *items = hst_array (r);
  g_autoptr (GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *user =
          json_object_get_object_member (json_array_get_object_element (items, i), "user");

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "", hst_member (user, "name"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* C1 is "ordered by user name" (appharbor-api.md §3.5): the owner takes its place among the
 * others, whatever order they were added in, upper or lower case alike. */
static void
test_collaborators_ordered (HstFixture *f, gconstpointer data)
{
  static const char *const emails[] = { "zed@example.com", "carol@example.com",
                                        "alice@example.com" };
  g_autofree char *shop = collaborator_names (f, "shop-api");
  g_autofree char *hello = NULL;

  g_assert_cmpstr (shop, ==, "ana bob demo");
  hbs_server_add_user (f->server, "Zed", "zed@example.com", "z");
  hbs_server_add_user (f->server, "carol", "carol@example.com", "c");
  hbs_server_add_user (f->server, "Alice", "alice@example.com", "a");
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autofree char *body =
          g_strdup_printf ("{\"collaboratorEmail\":\"%s\",\"role\":\"collaborator\"}", emails[i]);
      g_autoptr (HstResponse) r =
          hst_send (f, "POST", "/applications/hello-world/collaborators", body);

      hst_assert_created (f, r, "/applications/hello-world/collaborators", NULL);
    }
  hello = collaborator_names (f, "hello-world");
  g_assert_cmpstr (hello, ==, "Alice bob carol demo Zed");
}

static void
test_roles (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) look = hst_request (
      f, "GET", "/applications/hello-world/configurationvariables", "bob-token", NULL, NULL);
  g_autoptr (HstResponse) change =
      hst_request (f, "POST", "/applications/hello-world/configurationvariables", "bob-token",
                   "application/json", "{\"key\":\"Bob\",\"value\":\"was here\"}");
  g_autoptr (HstResponse) admin =
      hst_request (f, "POST", "/applications/shop-api/configurationvariables", "ana-token",
                   "application/json", "{\"key\":\"Ana\",\"value\":\"admin\"}");

  g_assert_cmpuint (look->status, ==, 200);
  hst_assert_error (change, 403);
  hst_assert_created (f, admin, "/applications/shop-api/configurationvariables", NULL);
  g_assert_cmpuint (count (f, "/applications/hello-world/configurationvariables"), ==, 3);
}

static void
test_variables (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/hello-world/configurationvariables");
  JsonObject *env = find (hst_array (list), "key", "Environment");
  g_autoptr (HstResponse) created =
      hst_send (f, "POST", "/applications/hello-world/configurationvariables",
                "{\"key\":\"Timeout\",\"value\":\"30\"}");
  g_autoptr (HstResponse) dup =
      hst_send (f, "POST", "/applications/hello-world/configurationvariables",
                "{\"key\":\"timeout\",\"value\":\"31\"}");
  g_autoptr (HstResponse) no_value =
      hst_send (f, "POST", "/applications/hello-world/configurationvariables", "{\"key\":\"X\"}");
  g_autoptr (HstResponse) spaced =
      hst_send (f, "POST", "/applications/hello-world/configurationvariables",
                "{\"key\":\"A key\",\"value\":\"v\"}");
  g_autoptr (HstResponse) typed = hst_send (
      f, "POST", "/applications/hello-world/configurationvariables", "{\"key\":\"N\",\"value\":5}");
  g_autoptr (HstResponse) form =
      hst_request (f, "POST", "/applications/hello-world/configurationvariables", HST_TOKEN,
                   "application/x-www-form-urlencoded", "key=Form&value=a%26b");
  g_autoptr (HstResponse) put = NULL;
  g_autoptr (HstResponse) put_half = NULL;
  g_autoptr (HstResponse) put_clash = NULL;
  g_autoptr (HstResponse) detail = NULL;
  g_autoptr (HstResponse) form_detail = NULL;
  g_autofree char *id = NULL;
  g_autofree char *form_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *form_path = NULL;

  g_assert_cmpstr (hst_member (env, "value"), ==, "Production");
  g_assert_nonnull (hst_member (env, "url"));
  hst_assert_created (f, created, "/applications/hello-world/configurationvariables", &id);
  hst_assert_error (dup, 409);
  hst_assert_error (no_value, 400);
  hst_assert_error (spaced, 400);
  hst_assert_error (typed, 400);
  hst_assert_created (f, form, "/applications/hello-world/configurationvariables", &form_id);
  form_path = g_strconcat ("/applications/hello-world/configurationvariables/", form_id, NULL);
  form_detail = hst_get (f, form_path);
  g_assert_cmpstr (hst_member (hst_object (form_detail), "value"), ==, "a&b");

  path = g_strconcat ("/applications/hello-world/configurationvariables/", id, NULL);
  put = hst_send (f, "PUT", path, "{\"key\":\"TimeoutSeconds\",\"value\":\"45\"}");
  g_assert_cmpuint (put->status, ==, 200);
  put_half = hst_send (f, "PUT", path, "{\"value\":\"46\"}");
  hst_assert_error (put_half, 400);
  put_clash = hst_send (f, "PUT", path, "{\"key\":\"Environment\",\"value\":\"x\"}");
  hst_assert_error (put_clash, 409);
  detail = hst_get (f, path);
  g_assert_cmpstr (hst_member (hst_object (detail), "key"), ==, "TimeoutSeconds");
  g_assert_cmpstr (hst_member (hst_object (detail), "value"), ==, "45");
  g_assert_false (json_object_has_member (hst_object (detail), "url"));
  {
    g_autoptr (HstResponse) del = hst_send (f, "DELETE", path, NULL);
    g_autoptr (HstResponse) del_again = hst_send (f, "DELETE", path, NULL);

    g_assert_cmpuint (del->status, ==, 204);
    hst_assert_error (del_again, 404);
  }
  g_assert_cmpuint (count (f, "/applications/hello-world/configurationvariables"), ==, 4);
}

static void
test_hostnames (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/hello-world/hostnames");
  JsonArray *items = hst_array (list);
  JsonObject *builtin = find (items, "value", "hello-world.apphb.com");
  JsonObject *www = find (items, "value", "www.hello-world.example");
  g_autoptr (HstResponse) created = hst_send (f, "POST", "/applications/hello-world/hostnames",
                                              "{\"value\":\"Shop.Example.NET\"}");
  g_autoptr (HstResponse) dup =
      hst_send (f, "POST", "/applications/docs-site/hostnames", "{\"value\":\"shop.example.net\"}");
  g_autoptr (HstResponse) builtin_dup = hst_send (f, "POST", "/applications/docs-site/hostnames",
                                                  "{\"value\":\"hello-world.apphb.com\"}");
  g_autoptr (HstResponse) invalid =
      hst_send (f, "POST", "/applications/hello-world/hostnames", "{\"value\":\"not a host\"}");
  g_autoptr (HstResponse) no_card =
      hst_send (f, "POST", "/applications/ana-blog/hostnames", "{\"value\":\"blog.ana.example\"}");
  g_autoptr (HstResponse) detail = NULL;
  g_autoptr (HstResponse) put = NULL;
  g_autoptr (HstResponse) del = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_assert_nonnull (builtin);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (builtin, "url")));
  g_assert_false (json_object_get_boolean_member (builtin, "canonical"));
  g_assert_true (json_object_get_boolean_member (www, "canonical"));
  hst_assert_created (f, created, "/applications/hello-world/hostnames", &id);
  hst_assert_error (dup, 409);
  hst_assert_error (builtin_dup, 409);
  hst_assert_error (invalid, 400);
  hst_assert_error (no_card, 402);
  g_assert_cmpuint (count (f, "/applications/ana-blog/hostnames"), ==, 1);

  path = g_strconcat ("/applications/hello-world/hostnames/", id, NULL);
  detail = hst_get (f, path);
  g_assert_cmpstr (hst_member (hst_object (detail), "value"), ==, "shop.example.net");
  g_assert_false (json_object_get_boolean_member (hst_object (detail), "canonical"));
  put = hst_send (f, "PUT", path, "{\"value\":\"x.example\"}");
  hst_assert_error (put, 405);
  del = hst_send (f, "DELETE", path, NULL);
  g_assert_cmpuint (del->status, ==, 204);
  g_assert_cmpuint (count (f, "/applications/hello-world/hostnames"), ==, 3);

  /* A card on file turns the 402 into a 201. */
  hbs_server_set_has_card (f->server, "ana", TRUE);
  {
    g_autoptr (HstResponse) with_card = hst_send (f, "POST", "/applications/ana-blog/hostnames",
                                                  "{\"value\":\"blog.ana.example\"}");
    hst_assert_created (f, with_card, "/applications/ana-blog/hostnames", NULL);
  }
}

static void
test_service_hooks (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/hello-world/servicehooks");
  JsonObject *hook = json_array_get_object_element (hst_array (list), 0);
  g_autoptr (HstResponse) created = hst_send (f, "POST", "/applications/docs-site/servicehooks",
                                              "{\"url\":\"https://example.org/hook\"}");
  g_autoptr (HstResponse) dup = hst_send (f, "POST", "/applications/docs-site/servicehooks",
                                          "{\"url\":\"https://example.org/hook\"}");
  g_autoptr (HstResponse) bad = hst_send (f, "POST", "/applications/docs-site/servicehooks",
                                          "{\"url\":\"ftp://example.org/hook\"}");
  g_autoptr (HstResponse) missing =
      hst_send (f, "POST", "/applications/docs-site/servicehooks", "{}");
  g_autoptr (HstResponse) detail = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpstr (hst_member (hook, "value"), ==, "https://hooks.example.com/appharbor");
  g_assert_nonnull (hst_member (hook, "url"));
  hst_assert_created (f, created, "/applications/docs-site/servicehooks", &id);
  hst_assert_error (dup, 409);
  hst_assert_error (bad, 400);
  hst_assert_error (missing, 400);
  path = g_strconcat ("/applications/docs-site/servicehooks/", id, NULL);
  detail = hst_get (f, path);
  g_assert_cmpstr (hst_member (hst_object (detail), "value"), ==, "https://example.org/hook");
  g_assert_false (json_object_has_member (hst_object (detail), "url"));
  {
    g_autoptr (HstResponse) del = hst_send (f, "DELETE", path, NULL);
    g_assert_cmpuint (del->status, ==, 204);
  }
  g_assert_cmpuint (count (f, "/applications/docs-site/servicehooks"), ==, 0);
}

static void
test_errors (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/hello-world/errors");
  JsonArray *items = hst_array (list);
  JsonObject *newest = json_array_get_object_element (items, 0);
  JsonObject *oldest = json_array_get_object_element (items, 2);
  g_autoptr (HstResponse) detail = NULL;
  g_autoptr (HstResponse) post = hst_send (f, "POST", "/applications/hello-world/errors", "{}");
  JsonObject *exception, *inner;

  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpstr (hst_member (newest, "date"), >, hst_member (oldest, "date"));
  g_assert_true (g_str_has_suffix (hst_member (newest, "date"), "Z"));
  detail = hst_get (f, hst_member (newest, "url") + strlen (f->base));
  g_assert_false (json_object_has_member (hst_object (detail), "url"));
  g_assert_cmpstr (hst_member (hst_object (detail), "request_path"), ==, "/api/orders/42");
  g_assert_cmpuint (strlen (hst_member (hst_object (detail), "commit_id")), ==, 40);
  exception = json_object_get_object_member (hst_object (detail), "exception");
  g_assert_nonnull (hst_member (exception, "type"));
  g_assert_nonnull (hst_member (exception, "stack_trace"));
  inner = json_object_get_object_member (exception, "inner_exception");
  g_assert_cmpstr (hst_member (inner, "type"), ==, "System.Data.SqlClient.SqlException");
  inner = json_object_get_object_member (inner, "inner_exception");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (inner, "inner_exception")));
  hst_assert_error (post, 405);
}

static void
test_drains (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) list = hst_get (f, "/applications/hello-world/drains");
  JsonObject *drain = json_array_get_object_element (hst_array (list), 0);
  g_autoptr (HstResponse) by_value = hst_send (f, "POST", "/applications/docs-site/drains",
                                               "{\"value\":\"syslog://logs.example.org:514\"}");
  g_autoptr (HstResponse) by_url = hst_send (f, "POST", "/applications/docs-site/drains",
                                             "{\"url\":\"https://logs.example.org/in\"}");
  g_autoptr (HstResponse) dup = hst_send (f, "POST", "/applications/docs-site/drains",
                                          "{\"url\":\"https://logs.example.org/in\"}");
  g_autoptr (HstResponse) bad = hst_send (f, "POST", "/applications/docs-site/drains",
                                          "{\"url\":\"mailto:ops@example.org\"}");
  g_autoptr (HstResponse) detail = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpstr (hst_member (drain, "value"), ==, "syslog://logs.example.com:514");
  g_assert_true (g_str_has_prefix (hst_member (drain, "token"), "d."));
  hst_assert_created (f, by_value, "/applications/docs-site/drains", NULL);
  hst_assert_created (f, by_url, "/applications/docs-site/drains", &id);
  hst_assert_error (dup, 409);
  hst_assert_error (bad, 400);
  path = g_strconcat ("/applications/docs-site/drains/", id, NULL);
  detail = hst_get (f, path);
  g_assert_cmpstr (hst_member (hst_object (detail), "value"), ==, "https://logs.example.org/in");
  g_assert_true (g_str_has_prefix (hst_member (hst_object (detail), "token"), "d."));
  {
    g_autoptr (HstResponse) del = hst_send (f, "DELETE", path, NULL);
    g_assert_cmpuint (del->status, ==, 204);
  }
  g_assert_cmpuint (count (f, "/applications/docs-site/drains"), ==, 1);
}

static char *
open_session (HstFixture *f, const char *body)
{
  g_autoptr (HstResponse) r = hst_send (f, "POST", "/applications/hello-world/logsession", body);
  const char *location = soup_message_headers_get_one (r->headers, "Location");
  g_autofree char *prefix = g_strconcat (f->base, "/sessions/", NULL);

  g_assert_cmpuint (r->status, ==, 201);
  g_assert_true (g_str_has_prefix (location, prefix));
  return g_strdup (location + strlen (f->base));
}

static void
test_log_sessions (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = open_session (f, "{\"tail\":false,\"limit\":5}");
  g_autoptr (HstResponse) log = hst_request (f, "GET", path, NULL, NULL, NULL);
  g_autoptr (HstResponse) reused = hst_request (f, "GET", path, NULL, NULL, NULL);
  g_autofree char *filtered_path =
      open_session (f, "{\"tail\":false,\"limit\":100,\"sourcefilter\":\"app\"}");
  g_autoptr (HstResponse) filtered = hst_request (f, "GET", filtered_path, NULL, NULL, NULL);
  g_auto (GStrv) lines = g_strsplit (log->text, "\n", 0);
  g_auto (GStrv) app_lines = g_strsplit (filtered->text, "\n", 0);
  g_autoptr (HstResponse) bad = hst_send (f, "POST", "/applications/hello-world/logsession",
                                          "{\"tail\":\"yes\",\"limit\":1}");
  g_autoptr (HstResponse) missing =
      hst_send (f, "POST", "/applications/hello-world/logsession", "{\"tail\":true}");

  g_assert_cmpuint (log->status, ==, 200);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_one (log->headers, "Content-Type"), "text/plain"));
  g_assert_cmpuint (g_strv_length (lines), ==, 6); /* five lines and the empty tail */
  g_assert_nonnull (strstr (lines[0], "+00:00 appharbor["));
  hst_assert_error (reused, 404);
  g_assert_cmpuint (g_strv_length (app_lines), >, 1);
  for (guint i = 0; app_lines[i][0] != '\0'; i++)
    g_assert_nonnull (strstr (app_lines[i], " app[web.1]: "));
  /* A tailing session streams: test-server-logs.c reads it as it comes. */
  hst_assert_error (bad, 400);
  hst_assert_error (missing, 400);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/server/collaborators/crud", test_collaborators);
  TEST ("/server/collaborators/roles", test_roles);
  TEST ("/server/collaborators/ordered", test_collaborators_ordered);
  TEST ("/server/variables/crud", test_variables);
  TEST ("/server/hostnames/crud", test_hostnames);
  TEST ("/server/servicehooks/crud", test_service_hooks);
  TEST ("/server/errors/read", test_errors);
  TEST ("/server/drains/crud", test_drains);
  TEST ("/server/logsessions/stream", test_log_sessions);
  return g_test_run ();
}
