/* hb-log-session-http.c: HbLogSession's L2: the session URL read over HTTP/1.1, to the byte
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-session-private.h"

#include <stdlib.h>
#include <string.h>

#include "hb-api-error.h"
#include "hb-client-private.h"

/* Why not libsoup: a stream that tails ends only when the server ends it, with the last chunk
 * of its chunked body; a connection that closes before that is a drop, and the page says so
 * and offers to reconnect. libsoup 3.2 reads a chunked body cut at a chunk boundary as a body
 * that ended (its SoupBodyInputStream returns 0 for EOF where a chunk size was due), so the
 * two cannot be told apart through it. One GET with no credentials, no redirects and no
 * compression is little HTTP: a GSocketClient connection (TLS, proxies) and this reader. */

#define READ_CHUNK (64 * 1024)
/* Of the status line and headers, and of one line of the chunked framing. */
#define MAX_HEAD (64 * 1024)
#define MAX_FRAMING_LINE 1024
/* Of an error's body: its JSON message is short. */
#define MAX_ERROR_BODY (64 * 1024)

static void read_more (GTask *task);

static GError *
invalid (const char *what)
{
  return g_error_new (HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                      "Invalid response from the log session URL: %s", what);
}

void
_hb_log_session_close_url (HbLogSession *self)
{
  g_clear_object (&self->connection);
  g_clear_object (&self->socket_client);
  g_clear_pointer (&self->raw, g_byte_array_unref);
  g_clear_pointer (&self->error_body, g_byte_array_unref);
}

/* ---- the head ---- */

static gboolean
header_is (const char *line, const char *name, const char **value)
{
  gsize n = strlen (name);

  if (g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return FALSE;
  *value = line + n + 1;
  while (**value == ' ' || **value == '\t')
    (*value)++;
  return TRUE;
}

static gboolean
parse_length (const char *text, guint64 *out)
{
  char *end = NULL;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  while (*end == ' ' || *end == '\t')
    end++;
  return *end == '\0' && *out < G_MAXINT64;
}

/* The status line and headers, in @head (NUL-terminated, lines split). A chunked body wins
 * over a Content-Length (RFC 9112 §6.3). */
static gboolean
parse_head (HbLogSession *self, char **lines, GError **error)
{
  gboolean chunked = FALSE, has_length = FALSE;
  guint64 length = 0;
  const char *value;

  if (lines[0] == NULL || !g_str_has_prefix (lines[0], "HTTP/1.") || strlen (lines[0]) < 12 ||
      !g_ascii_isdigit (lines[0][9]) || !g_ascii_isdigit (lines[0][10]) ||
      !g_ascii_isdigit (lines[0][11]))
    {
      g_propagate_error (error, invalid ("not an HTTP/1.1 answer"));
      return FALSE;
    }
  self->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  g_free (self->reason);
  self->reason = g_strdup (g_strstrip (lines[0] + 12));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (header_is (lines[i], "Transfer-Encoding", &value))
        {
          g_autofree char *lower = g_ascii_strdown (value, -1);

          chunked = strstr (lower, "chunked") != NULL;
        }
      else if (header_is (lines[i], "Content-Length", &value))
        {
          if (!parse_length (value, &length))
            {
              g_propagate_error (error, invalid ("a bad Content-Length"));
              return FALSE;
            }
          has_length = TRUE;
        }
    }
  self->body_kind = chunked      ? HB_LOG_BODY_CHUNKED
                    : has_length ? HB_LOG_BODY_LENGTH
                                 : HB_LOG_BODY_EOF;
  self->chunk_state = HB_LOG_CHUNK_SIZE;
  self->remaining = chunked ? 0 : length;
  self->body_done = self->body_kind == HB_LOG_BODY_LENGTH && length == 0;
  return TRUE;
}

/* Reads the head off self->raw once it is whole; FALSE with @error when it cannot be. */
static gboolean
take_head (HbLogSession *self, GError **error)
{
  const char *data = (const char *) self->raw->data;
  const char *end = g_strstr_len (data, (gssize) self->raw->len, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto (GStrv) lines = NULL;

  if (end == NULL)
    {
      if (self->raw->len > MAX_HEAD)
        g_propagate_error (error, invalid ("headers too large"));
      return error == NULL || *error == NULL;
    }
  head = g_strndup (data, (gsize) (end - data));
  g_byte_array_remove_range (self->raw, 0, (guint) (end - data) + 4);
  if (strlen (head) != (gsize) (end - data))
    {
      g_propagate_error (error, invalid ("a NUL in the headers"));
      return FALSE;
    }
  lines = g_strsplit (head, "\r\n", 0);
  if (!parse_head (self, lines, error))
    return FALSE;
  /* An interim answer (100 Continue) is followed by the real one. */
  if (self->status >= 100 && self->status < 200)
    return take_head (self, error);
  self->head_done = TRUE;
  if (self->status >= 200 && self->status < 300)
    _hb_log_session_set_streaming (self, TRUE);
  else
    self->error_body = g_byte_array_new ();
  return TRUE;
}

/* ---- the body ---- */

/* The hex size of a chunk line ("1a2b", maybe with ";extensions"); FALSE if it is none. */
static gboolean
parse_chunk_size (const char *line, gsize length, guint64 *size)
{
  gsize i = 0;

  *size = 0;
  while (i < length && g_ascii_isxdigit (line[i]))
    {
      if (*size > G_MAXINT64 / 16)
        return FALSE;
      *size = *size * 16 + (guint64) g_ascii_xdigit_value (line[i++]);
    }
  if (i == 0)
    return FALSE;
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return i == length || line[i] == ';';
}

/* One line of the framing at @data, without its CRLF: its length, or -1 if it is not whole. */
static gssize
framing_line (const guint8 *data, gsize available, gsize *used, GError **error)
{
  const guint8 *newline = memchr (data, '\n', available);
  gsize length;

  if (newline == NULL)
    {
      if (available > MAX_FRAMING_LINE)
        g_propagate_error (error, invalid ("a chunk line too long"));
      return -1;
    }
  length = (gsize) (newline - data);
  *used = length + 1;
  if (length > 0 && data[length - 1] == '\r')
    length--;
  return (gssize) length;
}

/* Decodes what self->raw holds of a chunked body into @out; keeps a framing line cut short. */
static gboolean
decode_chunked (HbLogSession *self, GByteArray *out, GError **error)
{
  const guint8 *data = self->raw->data;
  gsize length = self->raw->len, pos = 0;

  while (pos < length && !self->body_done)
    {
      gsize used = 0, n;
      gssize line;
      guint64 size;

      switch (self->chunk_state)
        {
        case HB_LOG_CHUNK_SIZE:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          if (!parse_chunk_size ((const char *) data + pos, (gsize) line, &size))
            {
              g_propagate_error (error, invalid ("a bad chunk size"));
              return FALSE;
            }
          pos += used;
          self->remaining = size;
          self->chunk_state = size > 0 ? HB_LOG_CHUNK_DATA : HB_LOG_CHUNK_TRAILER;
          break;
        case HB_LOG_CHUNK_DATA:
          n = (gsize) MIN (self->remaining, (guint64) (length - pos));
          g_byte_array_append (out, data + pos, (guint) n);
          pos += n;
          self->remaining -= n;
          if (self->remaining == 0)
            self->chunk_state = HB_LOG_CHUNK_DATA_END;
          break;
        case HB_LOG_CHUNK_DATA_END:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          if (line != 0)
            {
              g_propagate_error (error, invalid ("a chunk longer than its size"));
              return FALSE;
            }
          pos += used;
          self->chunk_state = HB_LOG_CHUNK_SIZE;
          break;
        case HB_LOG_CHUNK_TRAILER:
        default:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          pos += used;
          self->body_done = line == 0;
          break;
        }
    }
out:
  g_byte_array_remove_range (self->raw, 0, (guint) pos);
  return error == NULL || *error == NULL;
}

/* What self->raw holds of the body, decoded into @out. */
static gboolean
decode_body (HbLogSession *self, GByteArray *out, GError **error)
{
  gsize n;

  switch (self->body_kind)
    {
    case HB_LOG_BODY_CHUNKED:
      return decode_chunked (self, out, error);
    case HB_LOG_BODY_LENGTH:
      n = (gsize) MIN (self->remaining, (guint64) self->raw->len);
      g_byte_array_append (out, self->raw->data, (guint) n);
      self->remaining -= n;
      self->body_done = self->remaining == 0;
      break;
    case HB_LOG_BODY_EOF:
    default:
      g_byte_array_append (out, self->raw->data, self->raw->len);
      break;
    }
  g_byte_array_set_size (self->raw, 0);
  return TRUE;
}

/* The answer was not 2xx: its body said why. */
static GError *
answer_error (HbLogSession *self)
{
  const char *body = self->error_body->len > 0 ? (const char *) self->error_body->data : "";
  g_autofree char *message =
      _hb_client_error_text (body, self->error_body->len, self->reason, self->status);

  return g_error_new (HB_API_ERROR, _hb_client_status_to_code (self->status), "%s", message);
}

/* Uses what was read: the head, then the body. Takes ownership of @task. */
static void
process (GTask *task)
{
  HbLogSession *self = g_task_get_source_object (task);
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GError *error = NULL;

  if (!self->head_done && !take_head (self, &error))
    {
      _hb_log_session_complete (task, error);
      return;
    }
  if (!self->head_done)
    {
      read_more (task);
      return;
    }
  if (!decode_body (self, body, &error))
    {
      _hb_log_session_complete (task, error);
      return;
    }
  if (self->error_body != NULL)
    {
      g_byte_array_append (self->error_body, body->data, MIN (body->len, MAX_ERROR_BODY));
      if (self->body_done || self->error_body->len >= MAX_ERROR_BODY)
        {
          _hb_log_session_complete (task, answer_error (self));
          return;
        }
    }
  else if (body->len > 0)
    _hb_log_session_take_body (self, (const char *) body->data, body->len);
  /* Cancelled while the lines went out: nothing more. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      _hb_log_session_complete (
          task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
      return;
    }
  if (self->body_done)
    {
      _hb_log_session_body_ended (self);
      _hb_log_session_complete (task, NULL);
      return;
    }
  read_more (task);
}

/* The connection closed: the end of a body that runs to it, a drop for any other. */
static void
connection_closed (GTask *task)
{
  HbLogSession *self = g_task_get_source_object (task);

  if (self->head_done && self->error_body != NULL)
    {
      _hb_log_session_complete (task, answer_error (self));
      return;
    }
  if (self->head_done && self->body_kind == HB_LOG_BODY_EOF)
    {
      _hb_log_session_body_ended (self);
      _hb_log_session_complete (task, NULL);
      return;
    }
  _hb_log_session_complete (
      task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                 self->head_done ? "The log stream was cut off"
                                                 : "The connection closed before an answer"));
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  HbLogSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      _hb_log_session_complete (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      connection_closed (task);
      return;
    }
  g_byte_array_append (self->raw, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  process (task);
}

/* Takes ownership of @task. */
static void
read_more (GTask *task)
{
  HbLogSession *self = g_task_get_source_object (task);
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (self->connection));

  g_input_stream_read_bytes_async (input, READ_CHUNK, HB_LOG_SESSION_PRIORITY,
                                   g_task_get_cancellable (task), on_read, task);
}

static void
on_request_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      _hb_log_session_complete (task, error);
      return;
    }
  read_more (task);
}

/* "GET /sessions/ID HTTP/1.1" and the few headers a plain GET needs: no credentials. */
static GBytes *
request_bytes (GUri *uri)
{
  GString *text = g_string_new ("GET ");
  const char *host = g_uri_get_host (uri);
  const char *path = g_uri_get_path (uri);
  int port = g_uri_get_port (uri);

  g_string_append (text, *path != '\0' ? path : "/");
  if (g_uri_get_query (uri) != NULL)
    g_string_append_printf (text, "?%s", g_uri_get_query (uri));
  g_string_append (text, " HTTP/1.1\r\nHost: ");
  if (strchr (host, ':') != NULL)
    g_string_append_printf (text, "[%s]", host);
  else
    g_string_append (text, host);
  if (port > 0)
    g_string_append_printf (text, ":%d", port);
  g_string_append (text, "\r\nUser-Agent: Harbor/" PACKAGE_VERSION "\r\nAccept: text/plain\r\n"
                         "Connection: close\r\n\r\n");
  return g_string_free_to_bytes (text);
}

static void
on_connected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  HbLogSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GBytes) request = NULL;
  gsize size = 0;
  gconstpointer data;

  self->connection =
      g_socket_client_connect_to_uri_finish (G_SOCKET_CLIENT (source), result, &error);
  if (self->connection == NULL)
    {
      _hb_log_session_complete (task, error);
      return;
    }
  uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  request = request_bytes (uri);
  data = g_bytes_get_data (request, &size);
  /* The request's bytes stay alive with the task until it is written. */
  g_object_set_data_full (G_OBJECT (task), "hb-request", g_bytes_ref (request),
                          (GDestroyNotify) g_bytes_unref);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (self->connection)),
                                   data, size, HB_LOG_SESSION_PRIORITY,
                                   g_task_get_cancellable (task), on_request_written, task);
}

void
_hb_log_session_read_url (HbLogSession *self, GTask *task)
{
  g_autoptr (GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, NULL);
  gboolean tls = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;

  self->raw = g_byte_array_new ();
  self->socket_client = g_socket_client_new ();
  g_socket_client_set_tls (self->socket_client, tls);
  g_socket_client_connect_to_uri_async (self->socket_client, self->url, tls ? 443 : 80,
                                        g_task_get_cancellable (task), on_connected, task);
}
