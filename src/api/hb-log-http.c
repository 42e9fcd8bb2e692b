/* hb-log-http.c: a log session's URL (L2) read over HTTP/1.1, to the byte
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-http-private.h"

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

typedef enum
{
  BODY_LENGTH,  /* Content-Length */
  BODY_CHUNKED, /* Transfer-Encoding: chunked, ended by its last chunk */
  BODY_EOF,     /* neither: the body ends with the connection */
} BodyKind;

typedef enum
{
  CHUNK_SIZE,
  CHUNK_DATA,
  CHUNK_DATA_END,
  CHUNK_TRAILER,
} ChunkState;

/* One GET, the task data of its GTask. */
typedef struct
{
  char *url;
  int priority;
  HbLogHttpStartedFunc started;
  HbLogHttpBodyFunc body;
  gpointer user_data;

  GSocketClient *socket_client;
  GSocketConnection *connection;
  GBytes *request;
  GByteArray *raw; /* read, not used yet: the head, or a part of the chunked framing */
  gboolean head_done;
  guint status;
  char *reason;
  BodyKind body_kind;
  ChunkState chunk_state;
  guint64 remaining; /* of the body (LENGTH), or of the chunk (CHUNKED) */
  gboolean body_done;
  GByteArray *error_body; /* of an answer that is not 2xx */
} HttpGet;

static void read_more (GTask *task);

static void
http_get_free (HttpGet *get)
{
  g_free (get->url);
  g_free (get->reason);
  g_clear_object (&get->connection);
  g_clear_object (&get->socket_client);
  g_clear_pointer (&get->request, g_bytes_unref);
  g_clear_pointer (&get->raw, g_byte_array_unref);
  g_clear_pointer (&get->error_body, g_byte_array_unref);
  g_free (get);
}

/* Ends the GET (takes ownership of @task): the connection goes, nothing more is read. */
static void
finish (GTask *task, GError *error)
{
  HttpGet *get = g_task_get_task_data (task);

  g_clear_object (&get->connection);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static GError *
invalid (const char *what)
{
  return g_error_new (HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                      "Invalid response from the log session URL: %s", what);
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
parse_head (HttpGet *get, char **lines, GError **error)
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
  get->status = (guint) g_ascii_strtoull (lines[0] + 9, NULL, 10);
  g_free (get->reason);
  get->reason = g_strdup (g_strstrip (lines[0] + 12));
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
  get->body_kind = chunked ? BODY_CHUNKED : has_length ? BODY_LENGTH : BODY_EOF;
  get->chunk_state = CHUNK_SIZE;
  get->remaining = chunked ? 0 : length;
  get->body_done = get->body_kind == BODY_LENGTH && length == 0;
  return TRUE;
}

/* Reads the head off get->raw once it is whole; FALSE with @error when it cannot be. */
static gboolean
take_head (HttpGet *get, GError **error)
{
  const char *data = (const char *) get->raw->data;
  const char *end = g_strstr_len (data, (gssize) get->raw->len, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto (GStrv) lines = NULL;

  if (end == NULL)
    {
      if (get->raw->len > MAX_HEAD)
        g_propagate_error (error, invalid ("headers too large"));
      return error == NULL || *error == NULL;
    }
  head = g_strndup (data, (gsize) (end - data));
  g_byte_array_remove_range (get->raw, 0, (guint) (end - data) + 4);
  if (strlen (head) != (gsize) (end - data))
    {
      g_propagate_error (error, invalid ("a NUL in the headers"));
      return FALSE;
    }
  lines = g_strsplit (head, "\r\n", 0);
  if (!parse_head (get, lines, error))
    return FALSE;
  /* An interim answer (100 Continue) is followed by the real one. */
  if (get->status >= 100 && get->status < 200)
    return take_head (get, error);
  get->head_done = TRUE;
  if (get->status >= 200 && get->status < 300)
    get->started (get->user_data);
  else
    get->error_body = g_byte_array_new ();
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

/* Decodes what get->raw holds of a chunked body into @out; keeps a framing line cut short. */
static gboolean
decode_chunked (HttpGet *get, GByteArray *out, GError **error)
{
  const guint8 *data = get->raw->data;
  gsize length = get->raw->len, pos = 0;

  while (pos < length && !get->body_done)
    {
      gsize used = 0, n;
      gssize line;
      guint64 size;

      switch (get->chunk_state)
        {
        case CHUNK_SIZE:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          if (!parse_chunk_size ((const char *) data + pos, (gsize) line, &size))
            {
              g_propagate_error (error, invalid ("a bad chunk size"));
              return FALSE;
            }
          pos += used;
          get->remaining = size;
          get->chunk_state = size > 0 ? CHUNK_DATA : CHUNK_TRAILER;
          break;
        case CHUNK_DATA:
          n = (gsize) MIN (get->remaining, (guint64) (length - pos));
          g_byte_array_append (out, data + pos, (guint) n);
          pos += n;
          get->remaining -= n;
          if (get->remaining == 0)
            get->chunk_state = CHUNK_DATA_END;
          break;
        case CHUNK_DATA_END:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          if (line != 0)
            {
              g_propagate_error (error, invalid ("a chunk longer than its size"));
              return FALSE;
            }
          pos += used;
          get->chunk_state = CHUNK_SIZE;
          break;
        case CHUNK_TRAILER:
        default:
          line = framing_line (data + pos, length - pos, &used, error);
          if (line < 0)
            goto out;
          pos += used;
          get->body_done = line == 0;
          break;
        }
    }
out:
  g_byte_array_remove_range (get->raw, 0, (guint) pos);
  return error == NULL || *error == NULL;
}

/* What get->raw holds of the body, decoded into @out. */
static gboolean
decode_body (HttpGet *get, GByteArray *out, GError **error)
{
  gsize n;

  switch (get->body_kind)
    {
    case BODY_CHUNKED:
      return decode_chunked (get, out, error);
    case BODY_LENGTH:
      n = (gsize) MIN (get->remaining, (guint64) get->raw->len);
      g_byte_array_append (out, get->raw->data, (guint) n);
      get->remaining -= n;
      get->body_done = get->remaining == 0;
      break;
    case BODY_EOF:
    default:
      g_byte_array_append (out, get->raw->data, get->raw->len);
      break;
    }
  g_byte_array_set_size (get->raw, 0);
  return TRUE;
}

/* The answer was not 2xx: its body said why. */
static GError *
answer_error (HttpGet *get)
{
  const char *body = get->error_body->len > 0 ? (const char *) get->error_body->data : "";
  g_autofree char *message =
      _hb_client_error_text (body, get->error_body->len, get->reason, get->status);

  return g_error_new (HB_API_ERROR, _hb_client_status_to_code (get->status), "%s", message);
}

/* Uses what was read: the head, then the body. Takes ownership of @task. */
static void
process (GTask *task)
{
  HttpGet *get = g_task_get_task_data (task);
  g_autoptr (GByteArray) body = g_byte_array_new ();
  GError *error = NULL;

  if (!get->head_done && !take_head (get, &error))
    {
      finish (task, error);
      return;
    }
  if (!get->head_done)
    {
      read_more (task);
      return;
    }
  if (!decode_body (get, body, &error))
    {
      finish (task, error);
      return;
    }
  if (get->error_body != NULL)
    {
      g_byte_array_append (get->error_body, body->data, MIN (body->len, MAX_ERROR_BODY));
      if (get->body_done || get->error_body->len >= MAX_ERROR_BODY)
        {
          finish (task, answer_error (get));
          return;
        }
    }
  else if (body->len > 0)
    get->body ((const char *) body->data, body->len, get->user_data);
  /* Cancelled while the lines went out: nothing more. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      finish (task,
              g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled"));
      return;
    }
  if (get->body_done)
    {
      finish (task, NULL);
      return;
    }
  read_more (task);
}

/* The connection closed: the end of a body that runs to it, a drop for any other. */
static void
connection_closed (GTask *task)
{
  HttpGet *get = g_task_get_task_data (task);

  if (get->head_done && get->error_body != NULL)
    {
      finish (task, answer_error (get));
      return;
    }
  if (get->head_done && get->body_kind == BODY_EOF)
    {
      finish (task, NULL);
      return;
    }
  finish (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                     get->head_done ? "The log stream was cut off"
                                                    : "The connection closed before an answer"));
}

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  HttpGet *get = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      finish (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      connection_closed (task);
      return;
    }
  g_byte_array_append (get->raw, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  process (task);
}

/* Takes ownership of @task. */
static void
read_more (GTask *task)
{
  HttpGet *get = g_task_get_task_data (task);
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (get->connection));

  g_input_stream_read_bytes_async (input, READ_CHUNK, get->priority, g_task_get_cancellable (task),
                                   on_read, task);
}

static void
on_request_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      finish (task, error);
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
  HttpGet *get = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GUri) uri = NULL;
  gsize size = 0;
  gconstpointer data;

  get->connection =
      g_socket_client_connect_to_uri_finish (G_SOCKET_CLIENT (source), result, &error);
  if (get->connection == NULL)
    {
      finish (task, error);
      return;
    }
  uri = g_uri_parse (get->url, G_URI_FLAGS_ENCODED, NULL);
  /* The request's bytes stay alive with the task until they are written. */
  get->request = request_bytes (uri);
  data = g_bytes_get_data (get->request, &size);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (get->connection)),
                                   data, size, get->priority, g_task_get_cancellable (task),
                                   on_request_written, task);
}

/**
 * _hb_log_http_get_async:
 * @url: an http or https URL (the caller checked it may be read)
 * @priority: of every read and write
 * @started: called once the answer is a 2xx one, before its body
 * @body: called with each piece of the body, as it comes (decoded)
 * @user_data: for @started and @body, which are not called after the GET is cancelled
 *
 * GETs @url without credentials, redirects or compression, and reads its body to its end.
 */
void
_hb_log_http_get_async (const char *url,
                        int priority,
                        HbLogHttpStartedFunc started,
                        HbLogHttpBodyFunc body,
                        gpointer user_data,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer callback_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, callback_data);
  HttpGet *get = g_new0 (HttpGet, 1);
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  gboolean tls = uri != NULL && g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;

  g_task_set_source_tag (task, _hb_log_http_get_async);
  g_task_set_task_data (task, get, (GDestroyNotify) http_get_free);
  get->url = g_strdup (url);
  get->priority = priority;
  get->started = started;
  get->body = body;
  get->user_data = user_data;
  get->raw = g_byte_array_new ();
  get->socket_client = g_socket_client_new ();
  g_socket_client_set_tls (get->socket_client, tls);
  g_socket_client_connect_to_uri_async (get->socket_client, url, tls ? 443 : 80, cancellable,
                                        on_connected, task);
}

/**
 * _hb_log_http_get_finish:
 *
 * Returns: %TRUE when the body ended as its answer said it would; %FALSE with @error:
 *   %G_IO_ERROR_PARTIAL_INPUT for a connection that closed before that (a drop),
 *   %HB_API_ERROR for an answer that is not 2xx (the server's message) or not HTTP, and what
 *   the connection met (%G_IO_ERROR, %G_TLS_ERROR, %G_RESOLVER_ERROR)
 */
gboolean
_hb_log_http_get_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
