/* hbs-routes-apps.c: the user, applications, builds and tests endpoints (U1, A1–A5, B1–B6, T1–T2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-routes-apps.h"

#include "hbs-app-logs.h"
#include "hbs-routes-resources.h"
#include "hbs-seed.h"
#include "hbs-simulator.h"
#include "hbs-store.h"
#include "hbs-test-cache.h"

#include <string.h>

#define MAX_NAME 100
#define MAX_COUNT 100000

static void
take_string (JsonObject *object, const char *member, char *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

void
hbs_routes_user (HbsRequest *req)
{
  JsonObject *user = hbs_store_find_user (req->ctx->store, req->user);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *digest = hbs_store_user_id (req->user);
  g_autofree char *id = g_strconcat ("0#", digest, NULL);
  JsonArray *emails;

  if (!g_str_equal (req->method, "GET"))
    {
      hbs_request_method_not_allowed (req, "GET, HEAD");
      return;
    }
  emails = json_array_new ();
  json_array_add_string_element (emails, hbs_json_get_string (user, "email"));
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "username", req->user);
  json_object_set_array_member (object, "email_addresses", emails);
  json_node_set_object (node, object);
  hbs_request_json (req, 200, node);
}

static JsonObject *
app_to_json (HbsRequest *req, JsonObject *app, gboolean in_list)
{
  JsonObject *object = json_object_new ();
  const char *slug = hbs_json_get_string (app, "slug");

  json_object_set_string_member (object, "name", hbs_json_get_string (app, "name"));
  json_object_set_string_member (object, "slug", slug);
  json_object_set_string_member (object, "region_identifier",
                                 hbs_json_get_string (app, "region_identifier"));
  if (in_list)
    {
      g_autofree char *path = g_strconcat ("/applications/", slug, NULL);

      take_string (object, "url", hbs_request_url (req, path));
    }
  return object;
}

static void
reply_object (HbsRequest *req, JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  hbs_request_json (req, 200, node);
}

static void
reply_array (HbsRequest *req, JsonArray *array)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  hbs_request_json (req, 200, node);
}

static void
list_apps (HbsRequest *req)
{
  JsonArray *apps = hbs_store_get_apps (req->ctx->store);
  JsonArray *result = json_array_new ();

  for (guint i = 0; i < json_array_get_length (apps); i++)
    {
      JsonObject *app = json_array_get_object_element (apps, i);

      if (hbs_store_role (req->ctx->store, app, req->user) != NULL)
        json_array_add_object_element (result, app_to_json (req, app, TRUE));
    }
  reply_array (req, result);
}

/* "Hello World!" → "hello-world": lower-case ASCII letters and digits joined by single hyphens. */
static char *
slugify (const char *name)
{
  GString *slug = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  return g_string_free (slug, FALSE);
}

static gboolean
valid_region (const char *region)
{
  return g_strcmp0 (region, HBS_REGION_US) == 0 || g_strcmp0 (region, HBS_REGION_EU) == 0;
}

/* A name is required, trimmed and bounded; the message says which rule failed. */
static gboolean
check_name (HbsRequest *req, const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  if (trimmed[0] == '\0')
    {
      hbs_request_error (req, 400, "The name must not be empty");
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME)
    {
      hbs_request_error (req, 400, "The name must be at most %d characters", MAX_NAME);
      return FALSE;
    }
  return TRUE;
}

static void
create_app (HbsRequest *req)
{
  g_autoptr (HbsBody) body = hbs_request_parse_body (req);
  g_autoptr (GError) error = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  const char *raw_name, *region;

  if (body == NULL)
    return;
  if (!hbs_body_get_string (body, "name", TRUE, &raw_name, &error) ||
      !hbs_body_get_string (body, "region_identifier", TRUE, &region, &error))
    {
      hbs_request_gerror (req, error);
      return;
    }
  if (!check_name (req, raw_name))
    return;
  if (!valid_region (region))
    {
      hbs_request_error (req, 400, "The region must be %s or %s", HBS_REGION_US, HBS_REGION_EU);
      return;
    }
  name = g_strstrip (g_strdup (raw_name));
  slug = slugify (name);
  if (slug[0] == '\0')
    {
      hbs_request_error (req, 400, "The name needs at least one letter or digit");
      return;
    }
  if (hbs_store_find_app (req->ctx->store, slug) != NULL)
    {
      hbs_request_error (req, 409, "An application named “%s” already exists", slug);
      return;
    }
  hbs_store_add_app (req->ctx->store, slug, name, region, req->user);
  hbs_app_logs_write (req->ctx->logs, slug, "appharbor", "api", "Application created by %s",
                      req->user);
  path = g_strconcat ("/applications/", slug, NULL);
  hbs_request_created (req, path);
}

static void
rename_app (HbsRequest *req, JsonObject *app, const char *role)
{
  g_autoptr (HbsBody) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const char *raw_name;

  if (!hbs_role_can_administer (role))
    {
      hbs_request_error (req, 403, "Only the owner or an administrator can rename the application");
      return;
    }
  body = hbs_request_parse_body (req);
  if (body == NULL)
    return;
  if (!hbs_body_get_string (body, "name", TRUE, &raw_name, &error))
    {
      hbs_request_gerror (req, error);
      return;
    }
  if (!check_name (req, raw_name))
    return;
  name = g_strstrip (g_strdup (raw_name));
  json_object_set_string_member (app, "name", name);
  hbs_app_logs_write (req->ctx->logs, hbs_json_get_string (app, "slug"), "appharbor", "api",
                      "Application renamed to “%s” by %s", name, req->user);
  hbs_store_changed (req->ctx->store);
  hbs_request_ok_empty (req);
}

static void
delete_app (HbsRequest *req, JsonObject *app, const char *role)
{
  g_autofree char *slug = g_strdup (hbs_json_get_string (app, "slug"));

  if (!g_str_equal (role, "owner"))
    {
      hbs_request_error (req, 403, "Only the owner can delete the application");
      return;
    }
  hbs_app_logs_forget (req->ctx->logs, slug);
  hbs_store_remove_app (req->ctx->store, slug);
  hbs_request_no_content (req);
}

static JsonObject *
build_to_json (HbsRequest *req, const char *slug, JsonObject *build, gboolean in_list)
{
  JsonObject *object = json_object_new ();
  JsonObject *branch = json_object_new ();
  const char *id = hbs_json_get_string (build, "id");
  const char *deployed = hbs_json_get_string (build, "deployed");
  g_autofree char *path = g_strdup_printf ("/applications/%s/builds/%s", slug, id);
  g_autofree char *url = hbs_request_url (req, path);

  json_object_set_string_member (object, "status", hbs_json_get_string (build, "status"));
  json_object_set_string_member (object, "created", hbs_json_get_string (build, "created"));
  if (deployed != NULL)
    json_object_set_string_member (object, "deployed", deployed);
  else
    json_object_set_null_member (object, "deployed");
  json_object_set_object_member (object, "commit", hbs_store_build_commit (build));
  json_object_set_string_member (branch, "name", hbs_json_get_string (build, "branch"));
  json_object_set_object_member (branch, "commit", hbs_store_build_commit (build));
  json_object_set_object_member (object, "branch", branch);
  take_string (object, "download_url", g_strconcat (url, "/download", NULL));
  take_string (object, "tests_url", g_strconcat (url, "/tests", NULL));
  if (in_list)
    json_object_set_string_member (object, "url", url);
  else
    {
      JsonArray *entries = hbs_json_get_array (build, "log_entries");
      JsonArray *result = json_array_new ();

      for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "created", hbs_json_get_string (entry, "created"));
          json_object_set_string_member (item, "message", hbs_json_get_string (entry, "message"));
          take_string (item, "details_url",
                       g_strconcat (url, "/logs/", hbs_json_get_string (entry, "id"), NULL));
          json_array_add_object_element (result, item);
        }
      json_object_set_array_member (object, "log_entries", result);
    }
  return object;
}

/* Empty values are allowed (the SDK sent "count=&offset="); anything else must be a number. */
static gboolean
parse_paging (HbsRequest *req, const char *name, guint64 *out)
{
  const char *text = hbs_request_query (req, name);

  if (text == NULL || text[0] == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 0, MAX_COUNT, out, NULL))
    {
      hbs_request_error (req, 400, "“%s” must be a whole number from 0 to %d", name, MAX_COUNT);
      return FALSE;
    }
  return TRUE;
}

static void
list_builds (HbsRequest *req, JsonObject *app)
{
  JsonArray *builds = hbs_json_get_array (app, "builds");
  const char *slug = hbs_json_get_string (app, "slug");
  guint n = json_array_get_length (builds);
  guint64 count = G_MAXUINT, offset = 0;
  JsonArray *result;

  if (!parse_paging (req, "count", &count) || !parse_paging (req, "offset", &offset))
    return;
  result = json_array_new ();
  /* Stored oldest first; listed newest first. */
  for (guint64 i = offset; i < n && i < offset + count; i++)
    json_array_add_object_element (
        result, build_to_json (req, slug, json_array_get_object_element (builds, n - 1 - i), TRUE));
  reply_array (req, result);
}

static gboolean
allowed_download_url (const char *url)
{
  return url == NULL || g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
}

/* B4: {"branches": {"<name>": {"commit_id", "commit_message", "download_url"}}}. */
static void
trigger_build (HbsRequest *req, JsonObject *app)
{
  g_autoptr (HbsBody) body = hbs_request_parse_body (req);
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *now = NULL;
  JsonObject *branches, *branch, *build;
  const char *commit_id, *message, *download_url, *name;

  if (body == NULL)
    return;
  if (!hbs_body_get_object (body, "branches", TRUE, &branches, &error))
    {
      hbs_request_gerror (req, error);
      return;
    }
  names = json_object_get_members (branches);
  if (names == NULL || names->next != NULL)
    {
      hbs_request_error (req, 400, "“branches” must name exactly one branch");
      return;
    }
  name = names->data;
  branch = hbs_json_get_object (branches, name);
  commit_id = hbs_json_get_string (branch, "commit_id");
  message = hbs_json_get_string (branch, "commit_message");
  download_url = hbs_json_get_string (branch, "download_url");
  if (branch == NULL || commit_id == NULL || commit_id[0] == '\0' || strlen (commit_id) > 64 ||
      name[0] == '\0' || strlen (name) > MAX_NAME || !allowed_download_url (download_url))
    {
      hbs_request_error (req, 400,
                         "Each branch needs a “commit_id” string, an optional “commit_message” and "
                         "an http(s) “download_url”");
      return;
    }
  now = hbs_store_now ();
  build = hbs_store_add_build (req->ctx->store, app, name, commit_id,
                               message != NULL ? message : "", now);
  json_object_set_boolean_member (build, "live", TRUE);
  hbs_store_add_log_entry (build, now, "Received notification, queuing build");
  hbs_app_logs_write_build_entry (req->ctx->logs, hbs_json_get_string (app, "slug"), build,
                                  "Received notification, queuing build");
  hbs_simulator_start (req->ctx->simulator, hbs_json_get_string (app, "slug"),
                       hbs_json_get_string (build, "id"), FALSE);
  path = g_strdup_printf ("/applications/%s/builds/%s", hbs_json_get_string (app, "slug"),
                          hbs_json_get_string (build, "id"));
  hbs_request_created (req, path);
}

static void
deploy_build (HbsRequest *req, JsonObject *app, JsonObject *build)
{
  if (!g_str_equal (hbs_json_get_string (build, "status"), "Succeeded"))
    {
      hbs_request_error (req, 400, "Only a succeeded build can be deployed; this one is %s",
                         hbs_json_get_string (build, "status"));
      return;
    }
  json_object_set_string_member (build, "status", "Queued");
  json_object_set_boolean_member (build, "live", TRUE);
  json_object_set_boolean_member (build, "redeploy", TRUE);
  hbs_store_changed (req->ctx->store);
  hbs_app_logs_write (req->ctx->logs, hbs_json_get_string (app, "slug"), "appharbor", "api",
                      "Deploy of build %s requested by %s", hbs_json_get_string (build, "id"),
                      req->user);
  hbs_simulator_start (req->ctx->simulator, hbs_json_get_string (app, "slug"),
                       hbs_json_get_string (build, "id"), TRUE);
  hbs_request_ok_empty (req);
}

static void
log_entry (HbsRequest *req, JsonObject *build, const char *log_id)
{
  JsonObject *entry = hbs_store_find_item (build, "log_entries", log_id);
  JsonObject *object;

  if (entry == NULL)
    {
      hbs_request_error (req, 404, "No log entry “%s” in this build", log_id);
      return;
    }
  object = json_object_new ();
  json_object_set_string_member (object, "created", hbs_json_get_string (entry, "created"));
  json_object_set_string_member (object, "message", hbs_json_get_string (entry, "message"));
  reply_object (req, object);
}

static void
tests (HbsRequest *req, JsonObject *app, JsonObject *build, const char *test_id)
{
  g_autoptr (GBytes) bytes =
      hbs_test_cache_render (req->ctx->tests, hbs_json_get_string (app, "slug"), build, test_id);

  if (bytes == NULL)
    hbs_request_error (req, 404, "No test “%s” in this build", test_id);
  else
    hbs_request_json_bytes (req, 200, bytes);
}

static gboolean
require_get (HbsRequest *req)
{
  if (g_str_equal (req->method, "GET"))
    return TRUE;
  hbs_request_method_not_allowed (req, "GET, HEAD");
  return FALSE;
}

/* /applications/:slug/builds/:id[/…] */
static void
build_routes (HbsRequest *req, JsonObject *app)
{
  JsonObject *build = hbs_store_find_item (app, "builds", req->segments[3]);
  const char *slug = hbs_json_get_string (app, "slug");
  char **s = req->segments;

  if (build == NULL)
    {
      hbs_request_error (req, 404, "No build “%s” in %s", s[3], slug);
      return;
    }
  if (req->n_segments == 4)
    {
      if (require_get (req))
        reply_object (req, build_to_json (req, slug, build, FALSE));
    }
  else if (hbs_request_segments_are (req, 5, NULL, NULL, NULL, NULL, "deploy"))
    {
      if (g_str_equal (req->method, "POST"))
        deploy_build (req, app, build);
      else
        hbs_request_method_not_allowed (req, "POST");
    }
  else if (hbs_request_segments_are (req, 5, NULL, NULL, NULL, NULL, "download"))
    {
      if (require_get (req))
        hbs_request_error (req, 404, "harbor-server keeps no build packages");
    }
  else if (hbs_request_segments_are (req, 6, NULL, NULL, NULL, NULL, "logs", NULL))
    {
      if (require_get (req))
        log_entry (req, build, s[5]);
    }
  else if (hbs_request_segments_are (req, 5, NULL, NULL, NULL, NULL, "tests"))
    {
      if (require_get (req))
        tests (req, app, build, NULL);
    }
  else if (hbs_request_segments_are (req, 6, NULL, NULL, NULL, NULL, "tests", NULL))
    {
      if (require_get (req))
        tests (req, app, build, s[5]);
    }
  else
    hbs_request_error (req, 404, "Not found");
}

/* The build URL (B4) may carry the application's own token instead of a user's. */
static gboolean
build_token_ok (HbsRequest *req, JsonObject *app)
{
  const char *token = hbs_request_query (req, "authorization");
  const char *expected = hbs_json_get_string (app, "build_token");

  return token != NULL && expected != NULL && g_str_equal (token, expected);
}

static void
app_routes (HbsRequest *req)
{
  JsonObject *app = hbs_store_find_app (req->ctx->store, req->segments[1]);
  const char *role = app != NULL ? hbs_store_role (req->ctx->store, app, req->user) : NULL;

  if (req->user == NULL)
    {
      if (app != NULL && g_str_equal (req->method, "POST") &&
          hbs_request_segments_are (req, 3, NULL, NULL, "builds") && build_token_ok (req, app))
        trigger_build (req, app);
      else
        hbs_request_error (req, 401, "Sign in: send “Authorization: Bearer <token>”");
      return;
    }
  if (role == NULL)
    {
      hbs_request_error (req, 404, "No application named “%s”", req->segments[1]);
      return;
    }
  if (req->n_segments == 2)
    {
      if (g_str_equal (req->method, "GET"))
        reply_object (req, app_to_json (req, app, FALSE));
      else if (g_str_equal (req->method, "PUT"))
        rename_app (req, app, role);
      else if (g_str_equal (req->method, "DELETE"))
        delete_app (req, app, role);
      else
        hbs_request_method_not_allowed (req, "GET, HEAD, PUT, DELETE");
    }
  else if (g_str_equal (req->segments[2], "builds") && req->n_segments == 3)
    {
      if (g_str_equal (req->method, "GET"))
        list_builds (req, app);
      else if (g_str_equal (req->method, "POST"))
        trigger_build (req, app);
      else
        hbs_request_method_not_allowed (req, "GET, HEAD, POST");
    }
  else if (g_str_equal (req->segments[2], "builds"))
    build_routes (req, app);
  else
    hbs_routes_app_resources (req, app, role);
}

/* Everything under /applications. */
void
hbs_routes_apps (HbsRequest *req)
{
  if (req->n_segments == 1)
    {
      if (req->user == NULL)
        hbs_request_error (req, 401, "Sign in: send “Authorization: Bearer <token>”");
      else if (g_str_equal (req->method, "GET"))
        list_apps (req);
      else if (g_str_equal (req->method, "POST"))
        create_app (req);
      else
        hbs_request_method_not_allowed (req, "GET, HEAD, POST");
      return;
    }
  app_routes (req);
}
