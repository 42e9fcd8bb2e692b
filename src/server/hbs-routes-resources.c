/* hbs-routes-resources.c: an application's collaborators, configuration variables, hostnames,
 * service hooks, errors, drains and log sessions (C1–C5, V1–V5, H1–H4, S1–S4, E1–E2, D1–D4, L1)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-routes-resources.h"

#include "hbs-app-logs.h"
#include "hbs-log-sessions.h"
#include "hbs-random.h"
#include "hbs-store.h"

#include <string.h>

#define MAX_KEY 200
#define MAX_VALUE 10000
#define MAX_HOSTNAME 253

typedef struct _Kind Kind;

struct _Kind
{
  const char *collection;
  const char *noun;  /* as the application's log names an item: "Configuration variable FOO" */
  const char *label; /* the member that names it there */
  gboolean label_is_url;
  gboolean read_only;
  void (*render) (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out);
  void (*create) (HbsRequest *req, JsonObject *app, HbsBody *body);
  void (*update) (HbsRequest *req, JsonObject *app, JsonObject *item, HbsBody *body);
  /* Adds the items that have url: null (the owner, the built-in hostname). */
  void (*add_builtin) (HbsRequest *req, JsonObject *app, GPtrArray *out);
  GCompareFunc order; /* of the rendered items; NULL: as stored */
};

static const Kind *find_kind (const char *collection);

/* How the application's log names @item: never a variable's value, never the credentials or
 * query of a hook's or drain's URL. */
static char *
describe (const Kind *kind, JsonObject *item)
{
  const char *label = hbs_json_get_string (item, kind->label);
  g_autofree char *shown = NULL;

  if (label == NULL)
    label = "";
  if (kind->label_is_url)
    label = shown = hbs_app_logs_public_url (label);
  if (g_str_equal (kind->collection, "collaborators"))
    return g_strdup_printf ("%s %s (%s)", kind->noun, label, hbs_json_get_string (item, "role"));
  return g_strdup_printf ("%s %s", kind->noun, label);
}

/* "appharbor[api]: Hostname www.example.org added by demo" in the application's log, and for a
 * hostname, how the router now sends requests ("Router: notifications about routing
 * configuration changes", AppHarbor's logging page said). */
static void
log_change (HbsRequest *req, const Kind *kind, JsonObject *app, JsonObject *item, const char *verb)
{
  const char *slug = hbs_json_get_string (app, "slug");
  g_autofree char *what = describe (kind, item);

  hbs_app_logs_write (req->ctx->logs, slug, "appharbor", "api", "%s %s by %s", what, verb,
                      req->user);
  if (!g_str_equal (kind->collection, "hostnames"))
    return;
  if (g_str_equal (verb, "added"))
    hbs_app_logs_write (req->ctx->logs, slug, "appharbor", "router", "Routing %s to %s",
                        hbs_json_get_string (item, "value"), slug);
  else
    hbs_app_logs_write (req->ctx->logs, slug, "appharbor", "router", "No longer routing %s",
                        hbs_json_get_string (item, "value"));
}

static void
created (HbsRequest *req, JsonObject *app, const char *collection, JsonObject *item)
{
  g_autofree char *path =
      g_strdup_printf ("/applications/%s/%s/%s", hbs_json_get_string (app, "slug"), collection,
                       hbs_json_get_string (item, "id"));

  hbs_store_changed (req->ctx->store);
  log_change (req, find_kind (collection), app, item, "added");
  hbs_request_created (req, path);
}

static void
updated (HbsRequest *req, JsonObject *app, const char *collection, JsonObject *item)
{
  hbs_store_changed (req->ctx->store);
  log_change (req, find_kind (collection), app, item, "changed");
  hbs_request_ok_empty (req);
}

/* Reads required (or optional) string fields, answering 400 itself on the first bad one. */
static gboolean
read_strings (HbsRequest *req, HbsBody *body, const char *name, gboolean required, const char **out)
{
  g_autoptr (GError) error = NULL;

  if (hbs_body_get_string (body, name, required, out, &error))
    return TRUE;
  hbs_request_gerror (req, error);
  return FALSE;
}

static gboolean
is_http_url (const char *text, const char *const *schemes)
{
  g_autoptr (GUri) uri = text != NULL ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      strlen (text) > 2000)
    return FALSE;
  return g_strv_contains (schemes, g_uri_get_scheme (uri));
}

static JsonObject *
find_by (JsonObject *app,
         const char *collection,
         const char *member,
         const char *value,
         JsonObject *except)
{
  JsonArray *items = hbs_json_get_array (app, collection);

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *v = hbs_json_get_string (item, member);

      if (item != except && v != NULL && g_ascii_strcasecmp (v, value) == 0)
        return item;
    }
  return NULL;
}

/* -- collaborators */

static void
render_user (JsonObject *out, const char *name)
{
  JsonObject *user = json_object_new ();
  g_autofree char *id = hbs_store_user_id (name);

  json_object_set_string_member (user, "id", id);
  json_object_set_string_member (user, "name", name);
  json_object_set_object_member (out, "user", user);
}

static void
render_collaborator (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  render_user (out, hbs_json_get_string (item, "user"));
  json_object_set_string_member (out, "role", hbs_json_get_string (item, "role"));
}

static void
add_owner (HbsRequest *req, JsonObject *app, GPtrArray *out)
{
  JsonObject *owner = json_object_new ();

  json_object_set_null_member (owner, "url");
  render_user (owner, hbs_json_get_string (app, "owner"));
  json_object_set_string_member (owner, "role", "owner");
  g_ptr_array_add (out, owner);
}

/* C1 is ordered by user name (appharbor-api.md §3.5), the owner among the others. Case does not
 * separate "Zed" from "ana"; the byte order decides only between names equal but for case. */
static int
compare_user_names (gconstpointer a, gconstpointer b)
{
  JsonObject *user_a = hbs_json_get_object (*(JsonObject *const *) a, "user");
  JsonObject *user_b = hbs_json_get_object (*(JsonObject *const *) b, "user");
  const char *name_a = hbs_json_get_string (user_a, "name");
  const char *name_b = hbs_json_get_string (user_b, "name");
  g_autofree char *folded_a = g_utf8_casefold (name_a, -1);
  g_autofree char *folded_b = g_utf8_casefold (name_b, -1);
  int order = strcmp (folded_a, folded_b);

  return order != 0 ? order : strcmp (name_a, name_b);
}

static gboolean
valid_role (HbsRequest *req, const char *role)
{
  if (g_strcmp0 (role, "collaborator") == 0 || g_strcmp0 (role, "administrator") == 0)
    return TRUE;
  hbs_request_error (req, 400, "The role must be “collaborator” or “administrator”");
  return FALSE;
}

static void
create_collaborator (HbsRequest *req, JsonObject *app, HbsBody *body)
{
  const char *email, *role, *name;
  JsonObject *user, *item;

  if (!read_strings (req, body, "collaboratorEmail", TRUE, &email) ||
      !read_strings (req, body, "role", TRUE, &role) || !valid_role (req, role))
    return;
  user = hbs_store_find_user_by_email (req->ctx->store, email);
  if (user == NULL)
    {
      hbs_request_error (req, 400, "No AppHarbor user has the email address “%s”", email);
      return;
    }
  name = hbs_json_get_string (user, "name");
  if (g_strcmp0 (name, hbs_json_get_string (app, "owner")) == 0 ||
      find_by (app, "collaborators", "user", name, NULL) != NULL)
    {
      hbs_request_error (req, 409, "%s is already a collaborator", name);
      return;
    }
  item = hbs_store_add_item (req->ctx->store, app, "collaborators");
  json_object_set_string_member (item, "user", name);
  json_object_set_string_member (item, "role", role);
  created (req, app, "collaborators", item);
}

static void
update_collaborator (HbsRequest *req, JsonObject *app, JsonObject *item, HbsBody *body)
{
  const char *role;

  if (!read_strings (req, body, "role", TRUE, &role) || !valid_role (req, role))
    return;
  json_object_set_string_member (item, "role", role);
  updated (req, app, "collaborators", item);
}

/* -- configuration variables */

static void
render_variable (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  json_object_set_string_member (out, "key", hbs_json_get_string (item, "key"));
  json_object_set_string_member (out, "value", hbs_json_get_string (item, "value"));
}

static gboolean
read_variable (HbsRequest *req, HbsBody *body, const char **key, const char **value)
{
  if (!read_strings (req, body, "key", TRUE, key) ||
      !read_strings (req, body, "value", TRUE, value))
    return FALSE;
  if ((*key)[0] == '\0' || strlen (*key) > MAX_KEY || strpbrk (*key, " \t\r\n") != NULL)
    {
      hbs_request_error (req, 400, "The key must be 1 to %d characters without spaces", MAX_KEY);
      return FALSE;
    }
  if (strlen (*value) > MAX_VALUE)
    {
      hbs_request_error (req, 400, "The value must be at most %d bytes", MAX_VALUE);
      return FALSE;
    }
  return TRUE;
}

static void
create_variable (HbsRequest *req, JsonObject *app, HbsBody *body)
{
  const char *key, *value;
  JsonObject *item;

  if (!read_variable (req, body, &key, &value))
    return;
  if (find_by (app, "configurationvariables", "key", key, NULL) != NULL)
    {
      hbs_request_error (req, 409, "A variable named “%s” already exists", key);
      return;
    }
  item = hbs_store_add_item (req->ctx->store, app, "configurationvariables");
  json_object_set_string_member (item, "key", key);
  json_object_set_string_member (item, "value", value);
  created (req, app, "configurationvariables", item);
}

static void
update_variable (HbsRequest *req, JsonObject *app, JsonObject *item, HbsBody *body)
{
  const char *key, *value;

  if (!read_variable (req, body, &key, &value))
    return;
  if (find_by (app, "configurationvariables", "key", key, item) != NULL)
    {
      hbs_request_error (req, 409, "A variable named “%s” already exists", key);
      return;
    }
  if (!g_str_equal (key, hbs_json_get_string (item, "key")))
    hbs_app_logs_write (req->ctx->logs, hbs_json_get_string (app, "slug"), "appharbor", "api",
                        "Configuration variable %s renamed to %s by %s",
                        hbs_json_get_string (item, "key"), key, req->user);
  json_object_set_string_member (item, "key", key);
  json_object_set_string_member (item, "value", value);
  updated (req, app, "configurationvariables", item);
}

/* -- hostnames */

static void
render_hostname (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  json_object_set_string_member (out, "value", hbs_json_get_string (item, "value"));
  json_object_set_boolean_member (out, "canonical",
                                  hbs_json_get_boolean (item, "canonical", FALSE));
}

static char *
builtin_hostname (JsonObject *app)
{
  return g_strconcat (hbs_json_get_string (app, "slug"), ".apphb.com", NULL);
}

static void
add_builtin_hostname (HbsRequest *req, JsonObject *app, GPtrArray *out)
{
  JsonObject *builtin = json_object_new ();
  g_autofree char *value = builtin_hostname (app);

  json_object_set_null_member (builtin, "url");
  json_object_set_string_member (builtin, "value", value);
  json_object_set_boolean_member (builtin, "canonical", FALSE);
  g_ptr_array_add (out, builtin);
}

/* Letters, digits and inner hyphens, in at least two dot-separated labels. */
static gboolean
valid_hostname (const char *value)
{
  g_auto (GStrv) labels = NULL;

  if (strlen (value) > MAX_HOSTNAME || strchr (value, '.') == NULL)
    return FALSE;
  labels = g_strsplit (value, ".", 0);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize n = strlen (labels[i]);

      if (n == 0 || n > 63 || labels[i][0] == '-' || labels[i][n - 1] == '-')
        return FALSE;
      for (gsize c = 0; c < n; c++)
        if (!g_ascii_isalnum (labels[i][c]) && labels[i][c] != '-')
          return FALSE;
    }
  return TRUE;
}

static gboolean
hostname_taken (HbsStore *store, const char *value)
{
  JsonArray *apps = hbs_store_get_apps (store);

  for (guint i = 0; i < json_array_get_length (apps); i++)
    {
      JsonObject *app = json_array_get_object_element (apps, i);
      g_autofree char *builtin = builtin_hostname (app);

      if (g_ascii_strcasecmp (builtin, value) == 0 ||
          find_by (app, "hostnames", "value", value, NULL) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
create_hostname (HbsRequest *req, JsonObject *app, HbsBody *body)
{
  JsonObject *owner, *item;
  g_autofree char *value = NULL;
  const char *raw;

  if (!read_strings (req, body, "value", TRUE, &raw))
    return;
  if (!valid_hostname (raw))
    {
      hbs_request_error (req, 400, "“%s” is not a fully qualified domain name", raw);
      return;
    }
  owner = hbs_store_find_user (req->ctx->store, hbs_json_get_string (app, "owner"));
  if (!hbs_json_get_boolean (owner, "has_card", FALSE))
    {
      hbs_request_error (req, 402,
                         "Custom hostnames need a credit card on file for the application owner");
      return;
    }
  value = g_ascii_strdown (raw, -1);
  if (hostname_taken (req->ctx->store, value))
    {
      hbs_request_error (req, 409, "The hostname “%s” is already in use", value);
      return;
    }
  item = hbs_store_add_item (req->ctx->store, app, "hostnames");
  json_object_set_string_member (item, "value", value);
  json_object_set_boolean_member (item, "canonical", FALSE);
  created (req, app, "hostnames", item);
}

/* -- service hooks and drains */

static void
render_value (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  json_object_set_string_member (out, "value", hbs_json_get_string (item, "value"));
}

static void
render_drain (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  render_value (req, app, item, out);
  json_object_set_string_member (out, "token", hbs_json_get_string (item, "token"));
}

/* The request says "url" where the representation says "value"; clients sent either. */
static const char *
read_url_field (HbsRequest *req, HbsBody *body, const char *const *schemes)
{
  const char *url = NULL;

  if (!read_strings (req, body, "url", FALSE, &url))
    return NULL;
  if (url == NULL && !read_strings (req, body, "value", FALSE, &url))
    return NULL;
  if (url == NULL)
    {
      hbs_request_error (req, 400, "The field “url” is required");
      return NULL;
    }
  if (!is_http_url (url, schemes))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) schemes);

      hbs_request_error (req, 400, "“%s” is not a URL with one of the schemes %s", url, list);
      return NULL;
    }
  return url;
}

/* A service hook or a drain: its url, once per application. */
static JsonObject *
add_url_item (HbsRequest *req,
              JsonObject *app,
              HbsBody *body,
              const char *collection,
              const char *const *schemes,
              const char *what)
{
  const char *url = read_url_field (req, body, schemes);
  JsonObject *item;

  if (url == NULL)
    return NULL;
  if (find_by (app, collection, "value", url, NULL) != NULL)
    {
      hbs_request_error (req, 409, "That %s already exists", what);
      return NULL;
    }
  item = hbs_store_add_item (req->ctx->store, app, collection);
  json_object_set_string_member (item, "value", url);
  return item;
}

static void
create_hook (HbsRequest *req, JsonObject *app, HbsBody *body)
{
  static const char *const schemes[] = { "http", "https", NULL };
  JsonObject *item = add_url_item (req, app, body, "servicehooks", schemes, "service hook");

  if (item != NULL)
    created (req, app, "servicehooks", item);
}

static void
create_drain (HbsRequest *req, JsonObject *app, HbsBody *body)
{
  static const char *const schemes[] = { "syslog", "http", "https", NULL };
  JsonObject *item = add_url_item (req, app, body, "drains", schemes, "drain");
  g_autofree char *uuid = NULL;
  g_autofree char *token = NULL;

  if (item == NULL)
    return;
  uuid = hbs_random_uuid ();
  token = g_strconcat ("d.", uuid, NULL);
  json_object_set_string_member (item, "token", token);
  created (req, app, "drains", item);
}

/* -- errors */

static void
render_error (HbsRequest *req, JsonObject *app, JsonObject *item, JsonObject *out)
{
  JsonNode *exception = json_object_get_member (item, "exception");

  json_object_set_string_member (out, "commit_id", hbs_json_get_string (item, "commit_id"));
  json_object_set_string_member (out, "date", hbs_json_get_string (item, "date"));
  json_object_set_string_member (out, "request_path", hbs_json_get_string (item, "request_path"));
  json_object_set_string_member (out, "message", hbs_json_get_string (item, "message"));
  if (exception != NULL)
    json_object_set_member (out, "exception", json_node_copy (exception));
  else
    json_object_set_null_member (out, "exception");
}

static const Kind kinds[] = {
  { "collaborators", "Collaborator", "user", FALSE, FALSE, render_collaborator, create_collaborator,
    update_collaborator, add_owner, compare_user_names },
  { "configurationvariables", "Configuration variable", "key", FALSE, FALSE, render_variable,
    create_variable, update_variable, NULL, NULL },
  { "hostnames", "Hostname", "value", FALSE, FALSE, render_hostname, create_hostname, NULL,
    add_builtin_hostname, NULL },
  { "servicehooks", "Service hook", "value", TRUE, FALSE, render_value, create_hook, NULL, NULL,
    NULL },
  { "errors", "Error", "id", FALSE, TRUE, render_error, NULL, NULL, NULL, NULL },
  { "drains", "Drain", "value", TRUE, FALSE, render_drain, create_drain, NULL, NULL, NULL },
};

static const Kind *
find_kind (const char *collection)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].collection, collection))
      return &kinds[i];
  g_return_val_if_reached (NULL);
}

static JsonObject *
render_item (HbsRequest *req, const Kind *kind, JsonObject *app, JsonObject *item, gboolean in_list)
{
  JsonObject *out = json_object_new ();

  if (in_list)
    {
      g_autofree char *path =
          g_strdup_printf ("/applications/%s/%s/%s", hbs_json_get_string (app, "slug"),
                           kind->collection, hbs_json_get_string (item, "id"));
      g_autofree char *url = hbs_request_url (req, path);

      json_object_set_string_member (out, "url", url);
    }
  kind->render (req, app, item, out);
  return out;
}

static void
list_items (HbsRequest *req, const Kind *kind, JsonObject *app)
{
  JsonArray *items = hbs_json_get_array (app, kind->collection);
  guint n = items != NULL ? json_array_get_length (items) : 0;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr (GPtrArray) rendered =
      g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *out;

  if (kind->add_builtin != NULL)
    kind->add_builtin (req, app, rendered);
  for (guint i = 0; i < n; i++)
    {
      /* Errors are a log: newest first. */
      guint index = kind->read_only ? n - 1 - i : i;

      g_ptr_array_add (rendered, render_item (req, kind, app,
                                              json_array_get_object_element (items, index), TRUE));
    }
  if (kind->order != NULL)
    g_ptr_array_sort (rendered, kind->order);
  out = json_array_sized_new (rendered->len);
  for (guint i = 0; i < rendered->len; i++)
    json_array_add_object_element (out, json_object_ref (g_ptr_array_index (rendered, i)));
  json_node_take_array (node, out);
  hbs_request_json (req, 200, node);
}

static void
item_routes (HbsRequest *req, const Kind *kind, JsonObject *app, const char *role)
{
  const char *id = req->segments[3];
  JsonObject *item = hbs_store_find_item (app, kind->collection, id);
  g_autoptr (HbsBody) body = NULL;

  if (item == NULL)
    {
      hbs_request_error (req, 404, "No item “%s” in %s", id, kind->collection);
      return;
    }
  if (g_str_equal (req->method, "GET"))
    {
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, render_item (req, kind, app, item, FALSE));
      hbs_request_json (req, 200, node);
      return;
    }
  if (kind->read_only || (!g_str_equal (req->method, "DELETE") &&
                          !(g_str_equal (req->method, "PUT") && kind->update != NULL)))
    {
      hbs_request_method_not_allowed (req, kind->read_only        ? "GET, HEAD"
                                           : kind->update != NULL ? "GET, HEAD, PUT, DELETE"
                                                                  : "GET, HEAD, DELETE");
      return;
    }
  if (!hbs_role_can_administer (role))
    {
      hbs_request_error (req, 403, "Only the owner or an administrator can change %s",
                         kind->collection);
      return;
    }
  if (g_str_equal (req->method, "DELETE"))
    {
      log_change (req, kind, app, item, "removed");
      hbs_store_remove_item (app, kind->collection, id);
      hbs_store_changed (req->ctx->store);
      hbs_request_no_content (req);
      return;
    }
  body = hbs_request_parse_body (req);
  if (body != NULL)
    kind->update (req, app, item, body);
}

static void
collection_routes (HbsRequest *req, const Kind *kind, JsonObject *app, const char *role)
{
  g_autoptr (HbsBody) body = NULL;

  if (g_str_equal (req->method, "GET"))
    {
      list_items (req, kind, app);
      return;
    }
  if (kind->read_only || !g_str_equal (req->method, "POST"))
    {
      hbs_request_method_not_allowed (req, kind->read_only ? "GET, HEAD" : "GET, HEAD, POST");
      return;
    }
  if (!hbs_role_can_administer (role))
    {
      hbs_request_error (req, 403, "Only the owner or an administrator can change %s",
                         kind->collection);
      return;
    }
  body = hbs_request_parse_body (req);
  if (body != NULL)
    kind->create (req, app, body);
}

/* /applications/:slug/<collection>[/:id] and /applications/:slug/logsession. */
void
hbs_routes_app_resources (HbsRequest *req, JsonObject *app, const char *role)
{
  const char *collection = req->segments[2];

  if (req->n_segments == 3 && g_str_equal (collection, "logsession"))
    {
      if (g_str_equal (req->method, "POST"))
        hbs_log_sessions_create (req->ctx->log_sessions, req, hbs_json_get_string (app, "slug"));
      else
        hbs_request_method_not_allowed (req, "POST");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (!g_str_equal (kinds[i].collection, collection))
        continue;
      if (req->n_segments == 3)
        collection_routes (req, &kinds[i], app, role);
      else if (req->n_segments == 4)
        item_routes (req, &kinds[i], app, role);
      else
        break;
      return;
    }
  hbs_request_error (req, 404, "Not found");
}
