/* hst.c: harbor-server test helpers: an in-process seeded server and real HTTP on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>

#define REQUEST_TIMEOUT_MS 20000

void
hst_start (HstFixture *f, HbsServer *server)
{
  g_autoptr (GError) error = NULL;

  f->server = server;
  g_assert_true (hbs_server_listen (f->server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  f->base = hbs_server_dup_base_url (f->server);
  g_assert_true (g_str_has_prefix (f->base, "http://127.0.0.1:"));
  if (f->session == NULL)
    f->session = soup_session_new_with_options ("timeout", 20, NULL);
}

/* A seeded server with token "T" for demo and fast live builds. */
void
hst_setup (HstFixture *f, gconstpointer data)
{
  HbsServer *server = hbs_server_new ();

  hbs_server_seed (server);
  hbs_server_add_token (server, "demo", HST_TOKEN);
  hbs_server_add_token (server, "ana", "ana-token");
  hbs_server_add_token (server, "bob", "bob-token");
  hbs_server_set_build_step_ms (server, 30);
  hst_start (f, server);
}

void
hst_teardown (HstFixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  if (f->server != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->server));
  g_clear_pointer (&f->base, g_free);
  if (f->tmpdir != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (f->tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
          g_remove (path);
        }
      g_rmdir (f->tmpdir);
      g_clear_pointer (&f->tmpdir, g_free);
    }
  /* Let the server's closing connections and timers go before the next test. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef struct
{
  GBytes *bytes;
  GError *error;
  gboolean done;
} Pending;

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Pending *p = user_data;

  p->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &p->error);
  p->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("request timed out");
  return G_SOURCE_REMOVE;
}

HstResponse *
hst_send_message (HstFixture *f, SoupMessage *msg)
{
  Pending p = {
    NULL,
  };
  HstResponse *r = g_new0 (HstResponse, 1);
  guint timeout = g_timeout_add (REQUEST_TIMEOUT_MS, timeout_cb, NULL);
  const char *type;
  gsize length;

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &p);
  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_no_error (p.error);
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = p.bytes;
  r->text = g_strndup (g_bytes_get_data (r->body, &length), g_bytes_get_size (r->body));
  type = soup_message_headers_get_content_type (r->headers, NULL);
  if (g_strcmp0 (type, "application/json") == 0 && length > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      g_assert_true (json_parser_load_from_data (parser, r->text, -1, &error));
      g_assert_no_error (error);
      r->json = json_node_ref (json_parser_get_root (parser));
    }
  return r;
}

HstResponse *
hst_request (HstFixture *f,
             const char *method,
             const char *path,
             const char *token,
             const char *content_type,
             const char *body)
{
  g_autofree char *url = g_strconcat (f->base, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_append (headers, "Accept", "application/json");
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_append (headers, "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return hst_send_message (f, msg);
}

HstResponse *
hst_get (HstFixture *f, const char *path)
{
  return hst_request (f, "GET", path, HST_TOKEN, NULL, NULL);
}

HstResponse *
hst_send (HstFixture *f, const char *method, const char *path, const char *json)
{
  return hst_request (f, method, path, HST_TOKEN, "application/json", json);
}

void
hst_response_free (HstResponse *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r->text);
  g_free (r);
}

/* A non-2xx answer: the status, JSON with charset, and {"error":{"message": non-empty}}. */
void
hst_assert_error (HstResponse *r, guint status)
{
  JsonObject *error;

  if (r->status != status)
    g_error ("expected %u, got %u: %s", status, r->status, r->text);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Content-Type"), ==,
                   "application/json; charset=utf-8");
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  error = json_object_get_object_member (json_node_get_object (r->json), "error");
  g_assert_nonnull (error);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 0);
}

/* 201, an empty body and an absolute Location under @path_prefix; returns the last segment. */
void
hst_assert_created (HstFixture *f, HstResponse *r, const char *path_prefix, char **id)
{
  const char *location = soup_message_headers_get_one (r->headers, "Location");
  g_autofree char *prefix = g_strconcat (f->base, path_prefix, "/", NULL);

  if (r->status != 201)
    g_error ("expected 201, got %u: %s", r->status, r->text);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, prefix));
  g_assert_null (strchr (location + strlen (prefix), '/'));
  if (id != NULL)
    *id = g_strdup (location + strlen (prefix));
}

JsonArray *
hst_array (HstResponse *r)
{
  if (r->status != 200)
    g_error ("expected 200, got %u: %s", r->status, r->text);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Content-Type"), ==,
                   "application/json; charset=utf-8");
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (r->json));
  return json_node_get_array (r->json);
}

JsonObject *
hst_object (HstResponse *r)
{
  if (r->status != 200)
    g_error ("expected 200, got %u: %s", r->status, r->text);
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

/* A string member that must be present (NULL if it is JSON null). */
const char *
hst_member (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("member %s missing", name);
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
  return json_node_get_string (node);
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
hst_wait (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
hst_wait_for (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      hst_wait (10);
    }
  return TRUE;
}

/* -- a response read a line at a time as it arrives (a log session) */

struct _HstStream
{
  SoupMessage *msg;
  GDataInputStream *lines;
  GCancellable *cancellable;
  gboolean timed_out;
};

typedef struct
{
  GObject *source;
  GAsyncResult *result;
} Done;

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Done *done = user_data;

  done->source = source;
  done->result = g_object_ref (result);
}

static void
wait_done (Done *done)
{
  while (done->result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* GETs @url and returns its body to be read line by line: a 200 of plain text. */
HstStream *
hst_stream_open (SoupSession *session, const char *url)
{
  HstStream *stream = g_new0 (HstStream, 1);
  g_autoptr (GInputStream) body = NULL;
  g_autoptr (GError) error = NULL;
  Done done = {
    NULL,
  };
  guint timeout = g_timeout_add (REQUEST_TIMEOUT_MS, timeout_cb, NULL);

  stream->msg = soup_message_new ("GET", url);
  stream->cancellable = g_cancellable_new ();
  soup_session_send_async (session, stream->msg, G_PRIORITY_DEFAULT, NULL, done_cb, &done);
  wait_done (&done);
  g_source_remove (timeout);
  body = soup_session_send_finish (session, done.result, &error);
  g_object_unref (done.result);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (stream->msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (stream->msg),
                                                 "Content-Type"),
                   ==, "text/plain; charset=utf-8");
  stream->lines = g_data_input_stream_new (body);
  g_data_input_stream_set_newline_type (stream->lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
  return stream;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The next line (without its newline), or NULL at the end of the stream, or when none came
 * within @timeout_ms (then hst_stream_timed_out() says so, and the stream is done). */
char *
hst_stream_read_line (HstStream *stream, guint timeout_ms)
{
  g_autoptr (GError) error = NULL;
  Done done = {
    NULL,
  };
  guint timeout;
  char *line;

  if (stream->timed_out)
    return NULL;
  timeout = g_timeout_add (timeout_ms, cancel_cb, stream->cancellable);
  g_data_input_stream_read_line_async (stream->lines, G_PRIORITY_DEFAULT, stream->cancellable,
                                       done_cb, &done);
  wait_done (&done);
  line = g_data_input_stream_read_line_finish_utf8 (stream->lines, done.result, NULL, &error);
  g_object_unref (done.result);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      stream->timed_out = TRUE;
      return NULL;
    }
  g_source_remove (timeout);
  g_assert_no_error (error);
  return line;
}

/* Reads lines until one contains @needle and returns it; NULL if the stream ended or @timeout_ms
 * went by first. */
char *
hst_stream_read_until (HstStream *stream, const char *needle, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      gint64 left_ms = (end - g_get_monotonic_time ()) / G_TIME_SPAN_MILLISECOND;
      char *line = left_ms > 0 ? hst_stream_read_line (stream, left_ms) : NULL;

      if (line == NULL || strstr (line, needle) != NULL)
        return line;
      g_free (line);
    }
}

gboolean
hst_stream_timed_out (HstStream *stream)
{
  return stream->timed_out;
}

/* Drops the connection: libsoup cannot reuse one whose body was not read to its end. */
void
hst_stream_free (HstStream *stream)
{
  g_cancellable_cancel (stream->cancellable);
  g_input_stream_close (G_INPUT_STREAM (stream->lines), NULL, NULL);
  g_clear_object (&stream->lines);
  g_clear_object (&stream->cancellable);
  g_clear_object (&stream->msg);
  g_free (stream);
}

/* -- raw requests */

typedef struct
{
  GSocketConnection *connection;
  GError *error;
  GByteArray *received;
  guint8 buffer[4096];
  gboolean done;
  gboolean written;
} Raw;

static void
raw_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Raw *raw = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0)
    {
      raw->done = TRUE;
      return;
    }
  g_byte_array_append (raw->received, raw->buffer, n);
  g_input_stream_read_async (G_INPUT_STREAM (source), raw->buffer, sizeof raw->buffer,
                             G_PRIORITY_DEFAULT, NULL, raw_read_cb, raw);
}

static void
raw_connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Raw *raw = user_data;

  raw->connection =
      g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &raw->error);
  raw->done = TRUE;
}

static void
raw_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Raw *raw = user_data;

  /* The server may answer and close before it has read everything (413): that is fine. */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  raw->written = TRUE;
}

/* Sends @request byte for byte (no client-side normalisation, except that "{host}" stands for
 * the server's HOST:PORT) and reads until the server closes; returns the status code of the
 * first response line. */
guint
hst_raw (HstFixture *f, const char *request, char **response)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  Raw raw = {
    NULL,
  };
  guint timeout = g_timeout_add (REQUEST_TIMEOUT_MS, timeout_cb, NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) parts = g_strsplit (request, "{host}", -1);
  g_autofree char *sent = g_strjoinv (f->base + strlen ("http://"), parts);
  guint status = 0;

  raw.received = g_byte_array_new ();
  g_socket_client_connect_to_host_async (client, f->base + strlen ("http://"), 80, NULL,
                                         raw_connected_cb, &raw);
  while (!raw.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (raw.error);
  raw.done = FALSE;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (raw.connection)),
                                   sent, strlen (sent), G_PRIORITY_DEFAULT, NULL, raw_written_cb,
                                   &raw);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (raw.connection)),
                             raw.buffer, sizeof raw.buffer, G_PRIORITY_DEFAULT, NULL, raw_read_cb,
                             &raw);
  while (!raw.done || !raw.written)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_io_stream_close (G_IO_STREAM (raw.connection), NULL, NULL);
  g_object_unref (raw.connection);
  text = g_strndup ((char *) raw.received->data, raw.received->len);
  g_byte_array_unref (raw.received);
  if (g_str_has_prefix (text, "HTTP/1.1 ") || g_str_has_prefix (text, "HTTP/1.0 "))
    status = (guint) g_ascii_strtoull (text + 9, NULL, 10);
  if (response != NULL)
    *response = g_steal_pointer (&text);
  return status;
}

typedef struct
{
  GError *error;
  gboolean done;
} Outcome;

static void
outcome_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Outcome *o = user_data;
  g_autoptr (GBytes) bytes =
      soup_session_send_and_read_finish (SOUP_SESSION (source), result, &o->error);

  o->done = TRUE;
}

/* Sends GET @path on @session (a session the test set up to fail, e.g. with a short timeout or
 * no trust in the certificate) and returns the transport error it ended with, or %NULL. */
GError *
hst_send_expecting_failure (HstFixture *f, SoupSession *session, const char *path)
{
  g_autofree char *url = g_strconcat (f->base, path, "?access_token=T", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  Outcome o = {
    NULL,
  };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, outcome_cb, &o);
  while (!o.done)
    g_main_context_iteration (NULL, TRUE);
  return o.error;
}

/* -- raw sockets, for clients that misbehave on purpose */

/* A blocking TCP connection to @base ("http[s]://HOST:PORT"). The kernel completes it even before
 * the server accepts, so it works against an in-process server too. */
GSocket *
hst_socket_connect (const char *base)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketConnectable) connectable =
      g_network_address_parse (strstr (base, "://") + 3, 80, &error);
  g_autoptr (GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  GSocket *socket;

  g_assert_no_error (error);
  enumerator = g_socket_connectable_enumerate (connectable);
  address = g_socket_address_enumerator_next (enumerator, NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

void
hst_socket_send (GSocket *socket, const char *text)
{
  g_autoptr (GError) error = NULL;
  gsize length = strlen (text);
  gsize sent = 0;

  while (sent < length)
    {
      gssize n = g_socket_send (socket, text + sent, length - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
}

/* Whether the other end closed (EOF or reset); never blocks, leaves unread data alone. */
gboolean
hst_socket_closed_by_peer (GSocket *socket)
{
  g_autoptr (GError) error = NULL;
  GInputVector vector;
  char buffer[4096];
  gint flags = G_SOCKET_MSG_PEEK;
  gssize n;

  if (g_socket_is_closed (socket))
    return TRUE;
  if (!g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR))
    return FALSE;
  vector.buffer = buffer;
  vector.size = sizeof buffer;
  n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (n > 0)
    {
      /* A response then EOF: read it away to see the EOF. */
      g_socket_receive (socket, buffer, n, NULL, NULL);
      return hst_socket_closed_by_peer (socket);
    }
  return n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
}

/* Runs the main context until @wanted of @sockets were closed by the server, or @timeout_ms;
 * returns how many were. */
guint
hst_wait_closed (GPtrArray *sockets, guint wanted, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  guint closed = 0;

  while (TRUE)
    {
      closed = 0;
      for (guint i = 0; i < sockets->len; i++)
        if (hst_socket_closed_by_peer (g_ptr_array_index (sockets, i)))
          closed++;
      if (closed >= wanted || g_get_monotonic_time () > end)
        return closed;
      hst_wait (20);
    }
}

/* Reads until a whole response head and Content-Length body are in, running the main context
 * meanwhile; NULL on timeout or EOF first. */
char *
hst_socket_read_response (GSocket *socket, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;
  g_autoptr (GString) in = g_string_new (NULL);

  while (g_get_monotonic_time () < end)
    {
      char buffer[4096];
      const char *head_end = strstr (in->str, "\r\n\r\n");

      if (head_end != NULL)
        {
          const char *length = g_strstr_len (in->str, head_end - in->str, "Content-Length: ");
          gsize body = length != NULL ? g_ascii_strtoull (length + 16, NULL, 10) : 0;

          if (in->len >= (gsize) (head_end + 4 - in->str) + body)
            return g_string_free (g_steal_pointer (&in), FALSE);
        }
      if (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR))
        {
          gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL);

          if (n <= 0)
            return NULL;
          g_string_append_len (in, buffer, n);
          continue;
        }
      hst_wait (5);
    }
  return NULL;
}

/* -- harbor-server as a process */

typedef struct
{
  guint soft, hard;
} FdLimit;

/* In the child: its descriptor limit, and death with us, so a failed assertion leaves no
 * server behind holding the test's output open. */
static void
child_setup (gpointer data)
{
  const FdLimit *wanted = data;
  struct rlimit limit = { wanted->soft, wanted->hard };

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (wanted->soft != 0)
    setrlimit (RLIMIT_NOFILE, &limit);
}

/* Runs the built harbor-server with @args, its RLIMIT_NOFILE set to @fd_soft/@fd_hard (0: as
 * ours), and returns it with the base URL from its first line. Its stderr goes to ours. */
GSubprocess *
hst_spawn_server (const char *const *args, guint fd_soft, guint fd_hard, char **base)
{
  g_autofree char *binary =
      g_build_filename (g_getenv ("HARBOR_BUILD_ROOT"), "src", "server", "harbor-server", NULL);
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  static FdLimit limit;
  GSubprocess *process;

  limit.soft = fd_soft;
  limit.hard = fd_hard;
  g_subprocess_launcher_set_child_setup (launcher, child_setup, &limit, NULL);
  /* Its debug messages would go to the stdout pipe nobody reads after the first line. */
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_ptr_array_add (argv, binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *base = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*base);
  return process;
}

/* The resident set of a process, from /proc. */
guint64
hst_process_rss_kib (GSubprocess *process)
{
  g_autofree char *path =
      g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

guint
hst_count_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

gboolean
hst_fds_at_most (gpointer max_fds)
{
  return hst_count_fds () <= GPOINTER_TO_UINT (max_fds);
}
