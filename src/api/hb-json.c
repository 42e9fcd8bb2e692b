/* hb-json.c: strict typed JSON readers and guards shared by the models and the client
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-json-private.h"

#include <string.h>

#include "hb-api-error.h"

static gboolean
invalid (GError **error, const char *member, const char *expected)
{
  g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
               "Invalid response: \"%s\" is not %s", member, expected);
  return FALSE;
}

gboolean
_hb_json_check_depth (const char *data, gsize length, guint max_depth, GError **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            {
              g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: nested deeper than %u levels", max_depth);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* Scans strings (values and member names) the way the depth check does: a backslash takes the
 * next character with it, so "\\u0000" is a backslash followed by text, never the escape. */
gboolean
_hb_json_has_nul_escape (const char *data, gsize length)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (!in_string)
        {
          in_string = c == '"';
          continue;
        }
      if (c == '"')
        in_string = FALSE;
      else if (c == '\\')
        {
          if (length - i > 5 && memcmp (data + i + 1, "u0000", 5) == 0)
            return TRUE;
          i++;
        }
    }
  return FALSE;
}

JsonNode *
_hb_json_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (length > HB_JSON_MAX_BYTES)
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Invalid response: body larger than %u bytes", HB_JSON_MAX_BYTES);
      return NULL;
    }
  if (!_hb_json_check_depth (data, length, HB_JSON_MAX_DEPTH, error))
    return NULL;
  /* json-glib stops at an embedded NUL and reports success on the prefix. */
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: NUL byte in body");
      return NULL;
    }

  /* json-glib 1.6 decodes "\u0000" and keeps only what comes before it: "ab\u0000cd" would
   * quietly become "ab". No AppHarbor value holds a NUL, so the body is refused. */
  if (_hb_json_has_nul_escape (data, length))
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: \\u0000 escape in a string");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE, "Invalid response: %s",
                   local_error->message);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: empty body");
      return NULL;
    }
  return root;
}

JsonObject *
_hb_json_node_get_object (JsonNode *node, const char *what, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, what, "an object");
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
_hb_json_node_get_array (JsonNode *node, const char *what, GError **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, what, "an array");
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
get_string (JsonObject *object,
            const char *member,
            gboolean allow_null,
            gboolean allow_absent,
            const char **out,
            GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return allow_absent ? TRUE : invalid (error, member, "present");
  if (JSON_NODE_HOLDS_NULL (node))
    return allow_null ? TRUE : invalid (error, member, "a string (null)");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, member, "a string");
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
_hb_json_get_string (JsonObject *object, const char *member, const char **out, GError **error)
{
  return get_string (object, member, FALSE, FALSE, out, error);
}

gboolean
_hb_json_get_nullable_string (JsonObject *object,
                              const char *member,
                              const char **out,
                              GError **error)
{
  return get_string (object, member, TRUE, FALSE, out, error);
}

gboolean
_hb_json_get_optional_string (JsonObject *object,
                              const char *member,
                              const char **out,
                              GError **error)
{
  return get_string (object, member, TRUE, TRUE, out, error);
}

gboolean
_hb_json_get_boolean (JsonObject *object, const char *member, gboolean *out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, member, "a boolean");
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_hb_json_get_object (
    JsonObject *object, const char *member, gboolean nullable, JsonObject **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (nullable && node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, member, "an object");
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
_hb_json_get_array (
    JsonObject *object, const char *member, gboolean optional, JsonArray **out, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (optional && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, member, "an array");
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
_hb_json_get_datetime (
    JsonObject *object, const char *member, gboolean nullable, GDateTime **out, GError **error)
{
  const char *text;

  *out = NULL;
  if (!get_string (object, member, nullable, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  *out = _hb_parse_datetime (text);
  if (*out == NULL)
    return invalid (error, member, "an ISO 8601 date");
  return TRUE;
}

gboolean
_hb_json_get_timespan (JsonObject *object, const char *member, GTimeSpan *out, GError **error)
{
  const char *text;

  if (!_hb_json_get_string (object, member, &text, error))
    return FALSE;
  if (!_hb_parse_timespan (text, out))
    return invalid (error, member, "a TimeSpan");
  return TRUE;
}

gboolean
_hb_json_get_item_url (JsonObject *object, const char *fallback, char **out, GError **error)
{
  const char *url;

  *out = NULL;
  if (!json_object_has_member (object, "url"))
    {
      *out = g_strdup (fallback);
      return TRUE;
    }
  if (!_hb_json_get_nullable_string (object, "url", &url, error))
    return FALSE;
  *out = g_strdup (url);
  return TRUE;
}

GDateTime *
_hb_parse_datetime (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) parsed = NULL;

  /* GLib accepts a bare date-time only with a default zone: AppHarbor's are UTC. */
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;
  return g_date_time_to_utc (parsed);
}

static gboolean
read_number (const char **p, guint min_digits, guint max_digits, guint64 *out)
{
  guint n = 0;

  *out = 0;
  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      *out = *out * 10 + (guint64) (**p - '0');
      (*p)++;
      n++;
    }
  return n >= min_digits && !g_ascii_isdigit (**p);
}

/* .NET TimeSpan "c" format: [-][d.]hh:mm:ss[.fffffff], fraction in 100 ns ticks. */
gboolean
_hb_parse_timespan (const char *text, GTimeSpan *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 days = 0, first, hours, minutes, seconds, ticks = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!read_number (&p, 1, 8, &first))
    return FALSE;
  if (*p == '.')
    {
      days = first;
      p++;
      if (!read_number (&p, 2, 2, &hours))
        return FALSE;
    }
  else
    hours = first;
  if (*p++ != ':' || !read_number (&p, 2, 2, &minutes))
    return FALSE;
  if (*p++ != ':' || !read_number (&p, 2, 2, &seconds))
    return FALSE;
  if (*p == '.')
    {
      const char *start = ++p;
      guint n;

      if (!read_number (&p, 1, 7, &ticks))
        return FALSE;
      for (n = (guint) (p - start); n < 7; n++)
        ticks *= 10;
    }
  if (*p != '\0' || hours > 23 || minutes > 59 || seconds > 59)
    return FALSE;

  *out = (GTimeSpan) (days * G_TIME_SPAN_DAY + hours * G_TIME_SPAN_HOUR +
                      minutes * G_TIME_SPAN_MINUTE + seconds * G_TIME_SPAN_SECOND + ticks / 10);
  if (negative)
    *out = -*out;
  return TRUE;
}

char *
_hb_url_last_segment (const char *url)
{
  g_autoptr (GUri) uri = NULL;
  const char *path;
  const char *slash;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_PATH, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : url;
  slash = strrchr (path, '/');
  return g_uri_unescape_string (slash != NULL ? slash + 1 : path, NULL);
}

HbBuildStatus
_hb_build_status_from_string (const char *text)
{
  static const char *const names[] = { "Queued", "Building", "Succeeded", "Failed" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      return (HbBuildStatus) (HB_BUILD_STATUS_QUEUED + i);
  return HB_BUILD_STATUS_UNKNOWN;
}

HbTestStatus
_hb_test_status_from_string (const char *text)
{
  if (strcmp (text, "Passed") == 0)
    return HB_TEST_STATUS_PASSED;
  if (strcmp (text, "Failed") == 0)
    return HB_TEST_STATUS_FAILED;
  if (strcmp (text, "Skipped") == 0)
    return HB_TEST_STATUS_SKIPPED;
  return HB_TEST_STATUS_UNKNOWN;
}

HbTestKind
_hb_test_kind_from_string (const char *text)
{
  if (strcmp (text, "Test") == 0)
    return HB_TEST_KIND_TEST;
  if (strcmp (text, "Group") == 0)
    return HB_TEST_KIND_GROUP;
  return HB_TEST_KIND_UNKNOWN;
}

HbCollaboratorRole
_hb_collaborator_role_from_string (const char *text)
{
  if (g_ascii_strcasecmp (text, "owner") == 0)
    return HB_COLLABORATOR_ROLE_OWNER;
  if (g_ascii_strcasecmp (text, "administrator") == 0)
    return HB_COLLABORATOR_ROLE_ADMINISTRATOR;
  if (g_ascii_strcasecmp (text, "collaborator") == 0)
    return HB_COLLABORATOR_ROLE_COLLABORATOR;
  return HB_COLLABORATOR_ROLE_UNKNOWN;
}

gboolean
_hb_set_str (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

GListModel *
_hb_json_list_from_array (JsonNode *node,
                          GType item_type,
                          gpointer (*item_new) (JsonNode *, const char *, GError **),
                          GError **error)
{
  JsonArray *array = _hb_json_node_get_array (node, "response", error);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GListStore) store = NULL;
  guint n;

  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gpointer item = item_new (json_array_get_element (array, i), NULL, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  store = g_list_store_new (item_type);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Public enum helpers (declared in hb-api-types.h). */

const char *
hb_region_to_id (HbRegion region)
{
  switch (region)
    {
    case HB_REGION_US_EAST_1:
      return "amazon-web-services::us-east-1";
    case HB_REGION_EU_WEST_1:
      return "amazon-web-services::eu-west-1";
    case HB_REGION_UNKNOWN:
    default:
      return NULL;
    }
}

HbRegion
hb_region_from_id (const char *region_id)
{
  if (g_strcmp0 (region_id, "amazon-web-services::us-east-1") == 0)
    return HB_REGION_US_EAST_1;
  if (g_strcmp0 (region_id, "amazon-web-services::eu-west-1") == 0)
    return HB_REGION_EU_WEST_1;
  return HB_REGION_UNKNOWN;
}

const char *
hb_build_status_to_string (HbBuildStatus status)
{
  switch (status)
    {
    case HB_BUILD_STATUS_QUEUED:
      return "Queued";
    case HB_BUILD_STATUS_BUILDING:
      return "Building";
    case HB_BUILD_STATUS_SUCCEEDED:
      return "Succeeded";
    case HB_BUILD_STATUS_FAILED:
      return "Failed";
    case HB_BUILD_STATUS_UNKNOWN:
    default:
      return "Unknown";
    }
}

gboolean
hb_build_status_is_finished (HbBuildStatus status)
{
  return status == HB_BUILD_STATUS_SUCCEEDED || status == HB_BUILD_STATUS_FAILED;
}

const char *
hb_collaborator_role_to_string (HbCollaboratorRole role)
{
  switch (role)
    {
    case HB_COLLABORATOR_ROLE_OWNER:
      return "owner";
    case HB_COLLABORATOR_ROLE_ADMINISTRATOR:
      return "administrator";
    case HB_COLLABORATOR_ROLE_COLLABORATOR:
      return "collaborator";
    case HB_COLLABORATOR_ROLE_UNKNOWN:
    default:
      return NULL;
    }
}
