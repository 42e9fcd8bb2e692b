/* hbs-json.c: request-body checks and typed JSON accessors for harbor-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-json.h"

#include <libsoup/soup.h>
#include <string.h>

G_DEFINE_QUARK (hbs - error - quark, hbs_error)

struct _HbsBody
{
  JsonNode *root;   /* always an object */
  gboolean is_form; /* form values are all strings, so typed getters convert them */
};

void
hbs_body_free (HbsBody *body)
{
  if (body == NULL)
    return;
  g_clear_pointer (&body->root, json_node_unref);
  g_free (body);
}

static gboolean
read_hex4 (const char *data, gsize length, gsize at, guint *out)
{
  *out = 0;
  if (at + 4 > length)
    return FALSE;
  for (gsize i = at; i < at + 4; i++)
    {
      if (!g_ascii_isxdigit (data[i]))
        return FALSE;
      *out = *out * 16 + g_ascii_xdigit_value (data[i]);
    }
  return TRUE;
}

/* The length of the escape at @i, or 0 with @problem set when it is refused. JSON has \" \\ \/
 * \b \f \n \r \t and \uXXXX; json-glib 1.6 also takes GScanner's octal escapes and any other
 * letter, decodes "\0" and "\u0000" into a NUL that ends the C string early ("ab\u0000cd"
 * becomes "ab"), and turns a lone surrogate into invalid UTF-8. */
static gsize
escape_length (const char *data, gsize length, gsize i, const char **problem)
{
  guint unit, low;

  *problem = "The JSON has an invalid escape in a string";
  if (i + 1 >= length)
    return 0;
  if (data[i + 1] != '\0' && strchr ("\"\\/bfnrt", data[i + 1]) != NULL)
    return 2;
  if (data[i + 1] != 'u' || !read_hex4 (data, length, i + 2, &unit))
    return 0;
  if (unit == 0)
    {
      *problem = "Strings must not contain the escape \\u0000";
      return 0;
    }
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return 0;
  if (unit < 0xd800 || unit > 0xdbff)
    return 6;
  /* A high surrogate is half a character: the low half must follow. */
  if (i + 7 < length && data[i + 6] == '\\' && data[i + 7] == 'u' &&
      read_hex4 (data, length, i + 8, &low) && low >= 0xdc00 && low <= 0xdfff)
    return 12;
  return 0;
}

/**
 * hbs_json_check_text:
 * Scans JSON text before json-glib sees it: brackets outside strings are counted so a deep
 * document never reaches json-glib 1.6's recursive parser (which overflows its stack near
 * 100,000 levels), and every escape in a string, member names included, must be one JSON
 * defines, other than "\u0000" (see escape_length()).
 * Returns: %FALSE with an %HBS_ERROR 400 saying which rule failed.
 */
gboolean
hbs_json_check_text (const char *data, gsize length, guint max_depth, GError **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          const char *problem;
          gsize n;

          if (c == '"')
            in_string = FALSE;
          else if (c == '\\' && (n = escape_length (data, length, i, &problem)) == 0)
            {
              g_set_error_literal (error, HBS_ERROR, 400, problem);
              return FALSE;
            }
          else if (c == '\\')
            i += n - 1;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, HBS_ERROR, 400, "The JSON is nested more than %u levels deep",
                           max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
media_type_is (const char *content_type, const char *expected)
{
  gsize n = strlen (expected);

  if (g_ascii_strncasecmp (content_type, expected, n) != 0)
    return FALSE;
  return content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ';
}

static gboolean
charset_ok (const char *content_type)
{
  const char *charset = strstr (content_type, "charset=");
  g_autofree char *value = NULL;

  if (charset == NULL)
    return TRUE;
  value = g_strdup (charset + strlen ("charset="));
  g_strstrip (g_strdelimit (value, "\";", ' '));
  return g_ascii_strcasecmp (value, "utf-8") == 0 || g_ascii_strcasecmp (value, "utf8") == 0;
}

static JsonNode *
parse_json (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!hbs_json_check_text (data, length, HBS_MAX_DEPTH, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, HBS_ERROR, 400, "The body is not valid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, HBS_ERROR, 400, "The JSON body must be an object");
      return NULL;
    }
  return json_node_ref (root);
}

/* "%00" decodes to a NUL that would cut the value short, as "\u0000" does in JSON. */
gboolean
hbs_form_has_nul (const char *data, gsize length)
{
  for (gsize i = 0; i + 2 < length; i++)
    if (data[i] == '%' && data[i + 1] == '0' && data[i + 2] == '0')
      return TRUE;
  return FALSE;
}

static JsonNode *
parse_form (const char *data, gsize length, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GHashTable) form = NULL;
  g_autoptr (JsonObject) object = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;
  JsonNode *root;

  if (hbs_form_has_nul (data, length))
    {
      g_set_error_literal (error, HBS_ERROR, 400, "Form values must not contain %00");
      return NULL;
    }
  text = g_strndup (data, length);
  form = soup_form_decode (text);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
        {
          g_set_error_literal (error, HBS_ERROR, 400, "The form body is not valid UTF-8");
          return NULL;
        }
      json_object_set_string_member (object, key, value);
    }
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, object);
  return root;
}

/**
 * hbs_body_parse:
 * Checks and parses a request body (JSON or form-encoded, UTF-8, capped in size and depth).
 * Returns: (transfer full): the body, or %NULL with an %HBS_ERROR whose code is the status.
 */
HbsBody *
hbs_body_parse (const char *content_type, const char *data, gsize length, GError **error)
{
  g_autoptr (HbsBody) body = g_new0 (HbsBody, 1);

  if (length > HBS_MAX_BODY)
    {
      g_set_error (error, HBS_ERROR, 413, "The body is larger than %d bytes", HBS_MAX_BODY);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, HBS_ERROR, 400, "A request body is required");
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, HBS_ERROR, 400, "The body is not valid UTF-8");
      return NULL;
    }
  if (content_type == NULL || media_type_is (content_type, "application/json"))
    body->root = parse_json (data, length, error);
  else if (media_type_is (content_type, "application/x-www-form-urlencoded"))
    {
      body->root = parse_form (data, length, error);
      body->is_form = TRUE;
    }
  else
    {
      g_set_error (error, HBS_ERROR, 415,
                   "Send application/json or application/x-www-form-urlencoded, not %s",
                   content_type);
      return NULL;
    }
  if (body->root == NULL)
    return NULL;
  if (content_type != NULL && !charset_ok (content_type))
    {
      g_set_error_literal (error, HBS_ERROR, 415, "Only the UTF-8 charset is accepted");
      return NULL;
    }
  return g_steal_pointer (&body);
}

static JsonNode *
body_member (HbsBody *body, const char *field, gboolean required, GError **error)
{
  JsonObject *object = json_node_get_object (body->root);
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, HBS_ERROR, 400, "The field “%s” is required", field);
      return NULL;
    }
  return node;
}

static gboolean
wrong_type (const char *field, const char *type, GError **error)
{
  g_set_error (error, HBS_ERROR, 400, "The field “%s” must be %s", field, type);
  return FALSE;
}

gboolean
hbs_body_has (HbsBody *body, const char *field)
{
  return json_object_has_member (json_node_get_object (body->root), field);
}

/* Finds a field by a case-insensitive name, for the log-session keys clients spell freely. */
const char *
hbs_body_find_field (HbsBody *body, const char *field_ci)
{
  JsonObject *object = json_node_get_object (body->root);
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (g_ascii_strcasecmp (l->data, field_ci) == 0)
      return l->data;
  return NULL;
}

gboolean
hbs_body_get_string (
    HbsBody *body, const char *field, gboolean required, const char **out, GError **error)
{
  JsonNode *node = body_member (body, field, required, error);
  const char *value;

  *out = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (field, "a string", error);
  value = json_node_get_string (node);
  if (!g_utf8_validate (value, -1, NULL))
    return wrong_type (field, "valid UTF-8", error);
  *out = value;
  return TRUE;
}

gboolean
hbs_body_get_boolean (
    HbsBody *body, const char *field, gboolean required, gboolean *out, GError **error)
{
  JsonNode *node = body_member (body, field, required, error);

  *out = FALSE;
  if (node == NULL)
    return !required;
  if (body->is_form)
    {
      const char *text = json_node_get_string (node);

      if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1"))
        *out = TRUE;
      else if (g_ascii_strcasecmp (text, "false") != 0 && !g_str_equal (text, "0"))
        return wrong_type (field, "true or false", error);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (field, "true or false", error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
hbs_body_get_int (HbsBody *body, const char *field, gboolean required, gint64 *out, GError **error)
{
  JsonNode *node = body_member (body, field, required, error);

  *out = 0;
  if (node == NULL)
    return !required;
  if (body->is_form)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (json_node_get_string (node), 10, 0, G_MAXINT32, &value,
                                       NULL))
        return wrong_type (field, "a whole number", error);
      *out = (gint64) value;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (field, "a whole number", error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
hbs_body_get_object (
    HbsBody *body, const char *field, gboolean required, JsonObject **out, GError **error)
{
  JsonNode *node = body_member (body, field, required, error);

  *out = NULL;
  if (node == NULL)
    return !required;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (field, "an object", error);
  *out = json_node_get_object (node);
  return TRUE;
}

const char *
hbs_json_get_string (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
hbs_json_get_object (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
hbs_json_get_array (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gint64
hbs_json_get_int (JsonObject *object, const char *member, gint64 fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

gboolean
hbs_json_get_boolean (JsonObject *object, const char *member, gboolean fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

char *
hbs_json_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}
