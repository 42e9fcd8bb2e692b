/* hbs-world.c: reading harbor-server's state file: size, depth and the type of every member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-world.h"

#include "hbs-json.h"
#include "hbs-limits.h"

#include <string.h>

/* Every member the server reads is checked here once, at load, so the routes can trust the
 * world: a file that passes cannot make a lookup return NULL where a value is expected. Unknown
 * members are allowed (a newer server may add some); known ones must have their type. */

typedef enum
{
  T_STRING,
  T_INT,
  T_BOOLEAN,
  T_OBJECT,
  T_ARRAY,
} Type;

typedef struct _Member Member;
typedef gboolean (*Check) (JsonNode *node, GString *where, GError **error);

struct _Member
{
  const char *name;
  Type type;
  guint flags;
  const Member *members; /* T_OBJECT: its members; T_ARRAY: the members of each element */
  Check check;           /* further rules on the value */
};

enum
{
  REQUIRED = 1 << 0,
  NULLABLE = 1 << 1,
};

static gboolean fail (GError **error, GString *where, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError **error, GString *where, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s%s%s", where->str,
               where->len > 0 ? ": " : "", message);
  return FALSE;
}

static gboolean
check_object (JsonObject *object, const Member *members, GString *where, GError **error);

/* -- value rules */

/* Ids and slugs end up in URLs and Location headers: unreserved URI characters only. */
static gboolean
url_safe (JsonNode *node, GString *where, GError **error)
{
  const char *text = json_node_get_string (node);
  gsize n = strlen (text);

  if (n == 0 || n > 200)
    return fail (error, where, "must be 1 to 200 characters");
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && strchr ("-._~", text[i]) == NULL)
      return fail (error, where, "must hold only letters, digits and -._~");
  return TRUE;
}

static gboolean
not_empty (JsonNode *node, GString *where, GError **error)
{
  return json_node_get_string (node)[0] != '\0' || fail (error, where, "must not be empty");
}

static gboolean
one_of (JsonNode *node, GString *where, GError **error, const char *const *values)
{
  g_autofree char *list = NULL;

  if (g_strv_contains (values, json_node_get_string (node)))
    return TRUE;
  list = g_strjoinv (", ", (char **) values);
  return fail (error, where, "must be one of %s", list);
}

static gboolean
build_status (JsonNode *node, GString *where, GError **error)
{
  static const char *const values[] = { "Queued", "Building", "Succeeded", "Failed", NULL };

  return one_of (node, where, error, values);
}

static gboolean
collaborator_role (JsonNode *node, GString *where, GError **error)
{
  static const char *const values[] = { "collaborator", "administrator", NULL };

  return one_of (node, where, error, values);
}

static gboolean
positive (JsonNode *node, GString *where, GError **error)
{
  return json_node_get_int (node) >= 1 || fail (error, where, "must be at least 1");
}

static gboolean
count (JsonNode *node, GString *where, GError **error)
{
  gint64 value = json_node_get_int (node);

  return (value >= 0 && value <= G_MAXINT32) ||
         fail (error, where, "must be from 0 to %d", G_MAXINT32);
}

/* A test tree is generated from its size when asked for: a huge one would exhaust memory. */
static gboolean
test_count (JsonNode *node, GString *where, GError **error)
{
  gint64 value = json_node_get_int (node);

  return (value >= 0 && value <= HBS_MAX_BIG_TESTS) ||
         fail (error, where, "must be from 0 to %d", HBS_MAX_BIG_TESTS);
}

static gboolean
version (JsonNode *node, GString *where, GError **error)
{
  return json_node_get_int (node) == 1 || fail (error, where, "must be 1 (this server's format)");
}

/* -- the schema */

static const Member tests_members[] = {
  { "n", T_INT, REQUIRED, NULL, test_count },
  { "fail", T_INT, REQUIRED, NULL, count },
  { "skip", T_INT, REQUIRED, NULL, count },
  { NULL },
};

static const Member log_entry_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "created", T_STRING, REQUIRED, NULL, NULL },
  { "message", T_STRING, REQUIRED, NULL, NULL },
  { NULL },
};

static const Member build_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "status", T_STRING, REQUIRED, NULL, build_status },
  { "created", T_STRING, REQUIRED, NULL, NULL },
  { "deployed", T_STRING, REQUIRED | NULLABLE, NULL, NULL },
  { "branch", T_STRING, REQUIRED, NULL, NULL },
  { "commit_id", T_STRING, REQUIRED, NULL, NULL },
  { "commit_message", T_STRING, REQUIRED, NULL, NULL },
  { "log_entries", T_ARRAY, REQUIRED, log_entry_members, NULL },
  { "tests", T_OBJECT, 0, tests_members, NULL },
  { "live", T_BOOLEAN, 0, NULL, NULL },
  { "redeploy", T_BOOLEAN, 0, NULL, NULL },
  { NULL },
};

static const Member collaborator_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "user", T_STRING, REQUIRED, NULL, not_empty },
  { "role", T_STRING, REQUIRED, NULL, collaborator_role },
  { NULL },
};

static const Member variable_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "key", T_STRING, REQUIRED, NULL, not_empty },
  { "value", T_STRING, REQUIRED, NULL, NULL },
  { NULL },
};

static const Member hostname_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "value", T_STRING, REQUIRED, NULL, not_empty },
  { "canonical", T_BOOLEAN, 0, NULL, NULL },
  { NULL },
};

static const Member hook_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "value", T_STRING, REQUIRED, NULL, not_empty },
  { NULL },
};

static const Member drain_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "value", T_STRING, REQUIRED, NULL, not_empty },
  { "token", T_STRING, REQUIRED, NULL, NULL },
  { NULL },
};

/* An exception's inner_exception has its own shape: checked by recursion, which the depth
 * limit on the text bounds. */
static gboolean exception_shape (JsonNode *node, GString *where, GError **error);

static const Member exception_members[] = {
  { "type", T_STRING, REQUIRED, NULL, NULL },
  { "message", T_STRING, REQUIRED, NULL, NULL },
  { "stack_trace", T_STRING, REQUIRED, NULL, NULL },
  { "inner_exception", T_OBJECT, NULLABLE, NULL, exception_shape },
  { NULL },
};

static gboolean
exception_shape (JsonNode *node, GString *where, GError **error)
{
  return check_object (json_node_get_object (node), exception_members, where, error);
}

static const Member error_members[] = {
  { "id", T_STRING, REQUIRED, NULL, url_safe },
  { "commit_id", T_STRING, REQUIRED, NULL, NULL },
  { "date", T_STRING, REQUIRED, NULL, NULL },
  { "request_path", T_STRING, REQUIRED, NULL, NULL },
  { "message", T_STRING, REQUIRED, NULL, NULL },
  { "exception", T_OBJECT, NULLABLE, NULL, exception_shape },
  { NULL },
};

static const Member app_members[] = {
  { "slug", T_STRING, REQUIRED, NULL, url_safe },
  { "name", T_STRING, REQUIRED, NULL, NULL },
  { "region_identifier", T_STRING, REQUIRED, NULL, NULL },
  { "owner", T_STRING, REQUIRED, NULL, not_empty },
  { "build_token", T_STRING, REQUIRED, NULL, NULL },
  { "next_build", T_INT, REQUIRED, NULL, positive },
  { "builds", T_ARRAY, REQUIRED, build_members, NULL },
  { "collaborators", T_ARRAY, REQUIRED, collaborator_members, NULL },
  { "configurationvariables", T_ARRAY, REQUIRED, variable_members, NULL },
  { "hostnames", T_ARRAY, REQUIRED, hostname_members, NULL },
  { "servicehooks", T_ARRAY, REQUIRED, hook_members, NULL },
  { "errors", T_ARRAY, REQUIRED, error_members, NULL },
  { "drains", T_ARRAY, REQUIRED, drain_members, NULL },
  { NULL },
};

static const Member user_members[] = {
  { "name", T_STRING, REQUIRED, NULL, not_empty },
  { "email", T_STRING, REQUIRED, NULL, NULL },
  { "has_card", T_BOOLEAN, REQUIRED, NULL, NULL },
  { "salt", T_STRING, REQUIRED, NULL, NULL },
  { "password_sha256", T_STRING, REQUIRED, NULL, NULL },
  { NULL },
};

static const Member client_members[] = {
  { "id", T_STRING, REQUIRED, NULL, not_empty },      /* client_id */
  { "secret", T_STRING, REQUIRED, NULL, NULL },       /* client_secret */
  { "name", T_STRING, REQUIRED, NULL, NULL },         /* shown on the consent page */
  { "redirect_uri", T_STRING, REQUIRED, NULL, NULL }, /* as registered */
  { "needs_pkce", T_BOOLEAN, 0, NULL, NULL },         /* a public client */
  { NULL },
};

/* A token issued by /tokens or /token; one given with --token is just the user name. */
static const Member token_members[] = {
  { "user", T_STRING, REQUIRED, NULL, not_empty },
  { "client", T_STRING, REQUIRED, NULL, NULL },
  { "issued", T_INT, REQUIRED, NULL, positive },
  { NULL },
};

static gboolean
tokens_shape (JsonNode *node, GString *where, GError **error)
{
  JsonObject *tokens = json_node_get_object (node);
  g_autoptr (GList) names = json_object_get_members (tokens);
  gsize length = where->len;

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (tokens, l->data);
      gboolean ok;

      g_string_append_printf (where, "[“%s”]", (const char *) l->data);
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        ok = not_empty (value, where, error);
      else if (JSON_NODE_HOLDS_OBJECT (value))
        ok = check_object (json_node_get_object (value), token_members, where, error);
      else
        ok = fail (error, where, "must be a user name or an object");
      g_string_truncate (where, length);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static const Member world_members[] = {
  { "version", T_INT, REQUIRED, NULL, version },
  { "seeded", T_BOOLEAN, 0, NULL, NULL },
  { "next_id", T_INT, REQUIRED, NULL, positive },
  { "next_token", T_INT, 0, NULL, positive },
  { "users", T_ARRAY, REQUIRED, user_members, NULL },
  { "tokens", T_OBJECT, REQUIRED, NULL, tokens_shape },
  { "clients", T_ARRAY, REQUIRED, client_members, NULL },
  { "apps", T_ARRAY, REQUIRED, app_members, NULL },
  { NULL },
};

/* -- the checker */

static const char *
type_name (Type type)
{
  switch (type)
    {
    case T_STRING:
      return "a string";
    case T_INT:
      return "a whole number";
    case T_BOOLEAN:
      return "true or false";
    case T_OBJECT:
      return "an object";
    case T_ARRAY:
      return "an array";
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_type (JsonNode *node, Type type)
{
  switch (type)
    {
    case T_STRING:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    case T_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case T_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case T_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    case T_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_elements (JsonArray *array, const Member *members, GString *where, GError **error)
{
  gsize length = where->len;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gboolean ok;

      g_string_append_printf (where, "[%u]", i);
      if (!JSON_NODE_HOLDS_OBJECT (element))
        ok = fail (error, where, "must be an object");
      else
        ok = check_object (json_node_get_object (element), members, where, error);
      g_string_truncate (where, length);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_member (JsonObject *object, const Member *member, GString *where, GError **error)
{
  JsonNode *node = json_object_get_member (object, member->name);

  if (node == NULL)
    return !(member->flags & REQUIRED) || fail (error, where, "is missing");
  if (JSON_NODE_HOLDS_NULL (node))
    return (member->flags & NULLABLE) ||
           fail (error, where, "must be %s, not null", type_name (member->type));
  if (!has_type (node, member->type))
    return fail (error, where, "must be %s", type_name (member->type));
  if (member->type == T_OBJECT && member->members != NULL &&
      !check_object (json_node_get_object (node), member->members, where, error))
    return FALSE;
  if (member->type == T_ARRAY && member->members != NULL &&
      !check_elements (json_node_get_array (node), member->members, where, error))
    return FALSE;
  return member->check == NULL || member->check (node, where, error);
}

static gboolean
check_object (JsonObject *object, const Member *members, GString *where, GError **error)
{
  gsize length = where->len;

  for (const Member *m = members; m->name != NULL; m++)
    {
      gboolean ok;

      g_string_append_printf (where, "%s%s", length > 0 ? "." : "", m->name);
      ok = check_member (object, m, where, error);
      g_string_truncate (where, length);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * hbs_world_validate:
 * Checks that @world has every member the server reads, with its type and allowed values.
 * Returns: %FALSE with a %G_IO_ERROR_INVALID_DATA naming the first bad member
 * (e.g. "apps[0].builds[3].status: is missing").
 */
gboolean
hbs_world_validate (JsonObject *world, GError **error)
{
  g_autoptr (GString) where = g_string_new (NULL);

  return check_object (world, world_members, where, error);
}

/**
 * hbs_world_parse:
 * Reads a state file's text: valid UTF-8 without NUL, at most %HBS_WORLD_MAX_DEPTH levels deep
 * (checked before json-glib sees it: its parser recurses per bracket), no "\u0000" escape, a JSON
 * object, and a valid world.
 * Returns: (transfer full): the world, or %NULL with a %G_IO_ERROR_INVALID_DATA.
 */
JsonObject *
hbs_world_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not valid UTF-8 text");
      return NULL;
    }
  if (!hbs_json_check_text (data, length, HBS_WORLD_MAX_DEPTH, &local_error))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
      return NULL;
    }
  /* Mutable: the store edits the world in place. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a JSON object");
      return NULL;
    }
  if (!hbs_world_validate (json_node_get_object (root), error))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}
