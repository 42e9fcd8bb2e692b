/* hbs-request.c: one request being answered: its parsed path, caller and response helpers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-request.h"

#include <string.h>

#define JSON_TYPE "application/json; charset=utf-8"

/* The server asks libsoup for the path as sent ("raw-paths"): GUri has removed its dot segments
 * and decoded only what never needed encoding ("%2e" is "."), so "%2F" is still "%2F" here and
 * each segment is decoded once, by us. Decoding the whole path first, as libsoup would, turns
 * "60%2Ftests" into two names and "..%2F" into a dot segment nobody resolved (libsoup then
 * answered 400 itself, without our JSON body). A name never contains a slash, so an encoded
 * one is refused; so are empty and dot segments, backslashes, control characters, %00,
 * invalid UTF-8, and (404) absurdly long names. A decoded "%" stays: "%2541" is "%41". */
static gboolean
has_forbidden_bytes (const char *segment)
{
  for (const char *p = segment; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || *p == '\\')
      return TRUE;
  return FALSE;
}

static char *
decode_segment (const char *raw, GError **error)
{
  g_autofree char *segment = NULL;

  if (strstr (raw, "%2F") != NULL || strstr (raw, "%2f") != NULL)
    {
      g_set_error_literal (error, HBS_ERROR, 400,
                           "The request path is not valid: a name cannot hold an encoded slash");
      return NULL;
    }
  /* NULL for a bad escape or %00. */
  segment = g_uri_unescape_segment (raw, NULL, NULL);
  if (segment == NULL || segment[0] == '\0' || g_str_equal (segment, ".") ||
      g_str_equal (segment, "..") || !g_utf8_validate (segment, -1, NULL) ||
      has_forbidden_bytes (segment))
    {
      g_set_error_literal (error, HBS_ERROR, 400, "The request path is not valid");
      return NULL;
    }
  if (strlen (segment) > HBS_MAX_SEGMENT)
    {
      g_set_error_literal (error, HBS_ERROR, 404, "Not found");
      return NULL;
    }
  return g_steal_pointer (&segment);
}

/**
 * hbs_path_split:
 * @path: a request path as sent, still percent-encoded
 *
 * Returns: (transfer full): its names, each decoded once, or NULL with an HBS_ERROR whose code
 * is the status to answer (400, or 404 for a name too long to exist).
 */
char **
hbs_path_split (const char *path, GError **error)
{
  g_auto (GStrv) raw = NULL;
  g_autoptr (GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);

  if (path == NULL || path[0] != '/')
    {
      g_set_error_literal (error, HBS_ERROR, 400, "The request path must be absolute");
      return NULL;
    }
  raw = g_strsplit (path + 1, "/", 0);
  for (guint i = 0; raw[i] != NULL; i++)
    {
      char *segment;

      /* A trailing slash is tolerated; empty segments in the middle are not. */
      if (raw[i][0] == '\0' && raw[i + 1] == NULL)
        break;
      segment = decode_segment (raw[i], error);
      if (segment == NULL)
        return NULL;
      g_ptr_array_add (segments, segment);
    }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

static gboolean
split_path (HbsRequest *req, const char *path, GError **error)
{
  req->segments = hbs_path_split (path, error);
  if (req->segments == NULL)
    return FALSE;
  req->n_segments = g_strv_length (req->segments);
  return TRUE;
}

/* @base (taken) is the server's base URL for the name the request came under: URLs and
 * Location are built from it, never from the Host header. */
gboolean
hbs_request_init (HbsRequest *req,
                  SoupServerMessage *msg,
                  GHashTable *query,
                  GBytes *body,
                  char *base,
                  GError **error)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (uri);

  req->msg = msg;
  req->method = g_str_equal (method, "HEAD") ? "GET" : method;
  req->query = query;
  req->body = g_bytes_ref (body);
  req->base = base;
  /* Decoded, "%00" would cut a value short: "?access_token=T%00junk" passed for T. */
  if (raw_query != NULL && hbs_form_has_nul (raw_query, strlen (raw_query)))
    {
      g_set_error_literal (error, HBS_ERROR, 400, "The query must not contain %00");
      return FALSE;
    }
  return split_path (req, g_uri_get_path (uri), error);
}

void
hbs_request_clear (HbsRequest *req)
{
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->base, g_free);
  g_clear_pointer (&req->body, g_bytes_unref);
}

const char *
hbs_request_query (HbsRequest *req, const char *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

const char *
hbs_request_header (HbsRequest *req, const char *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), name);
}

/* Parses the body, answering the 4xx itself and returning NULL when it is not acceptable. */
HbsBody *
hbs_request_parse_body (HbsRequest *req)
{
  g_autoptr (GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (req->body, &length);
  HbsBody *body = hbs_body_parse (hbs_request_header (req, "Content-Type"), data, length, &error);

  if (body == NULL)
    hbs_request_gerror (req, error);
  return body;
}

/* TRUE when the path has @n segments matching the given literals; NULL matches anything. */
gboolean
hbs_request_segments_are (HbsRequest *req, guint n, ...)
{
  va_list args;
  gboolean match = req->n_segments == n;

  va_start (args, n);
  for (guint i = 0; match && i < n; i++)
    {
      const char *expected = va_arg (args, const char *);

      if (expected != NULL && !g_str_equal (expected, req->segments[i]))
        match = FALSE;
    }
  va_end (args);
  return match;
}

static void
common_headers (HbsRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_message_headers_replace (headers, "Cache-Control", "private, s-maxage=0");
  soup_message_headers_replace (headers, "X-Frame-Options", "SAMEORIGIN");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

void
hbs_request_json_bytes (HbsRequest *req, guint status, GBytes *bytes)
{
  /* Appended by reference: cached test trees run to megabytes. */
  common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (req->msg),
                                         JSON_TYPE, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (req->msg), bytes);
}

void
hbs_request_json (HbsRequest *req, guint status, JsonNode *node)
{
  gsize length = 0;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, JSON_TYPE, SOUP_MEMORY_TAKE, text, length);
}

void
hbs_request_error (HbsRequest *req, guint status, const char *format, ...)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  if (status == 401)
    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "WWW-Authenticate", "Bearer realm=\"AppHarbor\"");
  hbs_request_json (req, status, root);
}

void
hbs_request_gerror (HbsRequest *req, const GError *error)
{
  guint status = error->domain == HBS_ERROR ? (guint) error->code : 400;

  hbs_request_error (req, status, "%s", error->message);
}

void
hbs_request_method_not_allowed (HbsRequest *req, const char *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Allow",
                                allow);
  hbs_request_error (req, 405, "The method %s is not allowed here", req->method);
}

/* libsoup 3.2 strips a 204's Content-Length (right: RFC 9110 §8.6) and then takes the missing
 * length for "body ends at EOF", so it closes the connection and keep-alive clients see a
 * reset on their next request. Once the headers are out, say the body is empty. */
static void
keep_alive_after_204 (SoupServerMessage *msg, gpointer user_data)
{
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_NONE);
}

static void
empty (HbsRequest *req, guint status)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  common_headers (req);
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
  if (status == 204)
    g_signal_connect (req->msg, "wrote-headers", G_CALLBACK (keep_alive_after_204), NULL);
  else
    soup_message_headers_set_content_length (headers, 0);
}

/* A header value stays one line of text: no CR or LF (a second header would follow) and no
 * other control character. */
gboolean
hbs_header_value_ok (const char *value)
{
  for (const guchar *p = (const guchar *) value; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* Every value that reaches a Location header passes here; one built from a request that
 * smuggled a control character in is that request's fault: 400. */
static gboolean
check_location (HbsRequest *req, const char *location)
{
  if (hbs_header_value_ok (location))
    return TRUE;
  hbs_request_error (req, 400, "The request leads to an address with control characters");
  return FALSE;
}

/* 201 with the absolute URL of the new item and an empty body, as AppHarbor answered. */
void
hbs_request_created (HbsRequest *req, const char *path)
{
  g_autofree char *location = hbs_request_url (req, path);

  if (!check_location (req, location))
    return;
  empty (req, 201);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location",
                                location);
}

void
hbs_request_no_content (HbsRequest *req)
{
  empty (req, 204);
}

void
hbs_request_ok_empty (HbsRequest *req)
{
  empty (req, 200);
}

void
hbs_request_html (HbsRequest *req, guint status, const char *html)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  common_headers (req);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' "
                                "http: https:; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, html,
                                    strlen (html));
}

void
hbs_request_text (HbsRequest *req, guint status, const char *content_type, const char *text)
{
  common_headers (req);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
hbs_request_redirect (HbsRequest *req, guint status, const char *location)
{
  if (!check_location (req, location))
    return;
  empty (req, status);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location",
                                location);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
}

/* @path is already escaped: slugs and ids are URL-safe by construction. */
char *
hbs_request_url (HbsRequest *req, const char *path)
{
  return g_strconcat (req->base, path, NULL);
}
