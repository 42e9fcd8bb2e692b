/* hbt-logplex.c: test helper: a scripted log server on loopback that answers L1 and then
 * streams exactly the bytes a test wants (hostile lines, pauses, a clean end or a drop)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-logplex.h"

#include <string.h>

typedef struct
{
  guint delay_ms;
  GBytes *bytes;
} Chunk;

struct _HbtLogplex
{
  GSocketService *service;
  char *base_url;
  char *location;
  guint error_status;
  char *error_body;
  GPtrArray *chunks;
  HbtLogplexEnd end;
  char *raw_head; /* NULL: chunked framing by the server */
  char *stream_request;
  char *open_body;
  guint64 written;
  GPtrArray *conns; /* Conn, until freed */
  GCancellable *cancellable;
};

/* One connection; every pending operation holds a reference. */
typedef struct
{
  HbtLogplex *server; /* NULL once the server is gone */
  GSocketConnection *connection;
  GString *in;
  guint step;
  gboolean closed;
} Conn;

static void
chunk_free (Chunk *chunk)
{
  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

static void
conn_clear (Conn *conn)
{
  g_clear_object (&conn->connection);
  g_string_free (conn->in, TRUE);
}

static Conn *
conn_ref (Conn *conn)
{
  return g_rc_box_acquire (conn);
}

static void
conn_unref (Conn *conn)
{
  g_rc_box_release_full (conn, (GDestroyNotify) conn_clear);
}

static void
conn_close (Conn *conn)
{
  if (conn->closed)
    return;
  conn->closed = TRUE;
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  if (conn->server != NULL)
    g_ptr_array_remove (conn->server->conns, conn);
}

typedef void (*ConnNext) (Conn *conn);

typedef struct
{
  Conn *conn;
  ConnNext next;
  GBytes *bytes;
} Write;

static void
on_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Write *write = user_data;
  g_autoptr (GError) error = NULL;

  if (g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error) &&
      write->conn->server != NULL)
    {
      if (write->next != NULL)
        write->next (write->conn);
    }
  else
    conn_close (write->conn);
  g_bytes_unref (write->bytes);
  conn_unref (write->conn);
  g_free (write);
}

/* Writes @text (taken), then calls @next. */
static void
write_then (Conn *conn, GBytes *bytes, ConnNext next)
{
  Write *write = g_new0 (Write, 1);
  gsize size = 0;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  write->conn = conn_ref (conn);
  write->next = next;
  write->bytes = bytes;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->connection)),
                                   data, size, G_PRIORITY_DEFAULT, conn->server->cancellable,
                                   on_written, write);
}

static GBytes *
text_bytes (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

static void next_step (Conn *conn);

static void
write_chunk (Conn *conn)
{
  Chunk *chunk = conn->server->chunks->pdata[conn->step++];
  gsize size = g_bytes_get_size (chunk->bytes);
  g_autoptr (GByteArray) framed = g_byte_array_new ();
  g_autofree char *head = g_strdup_printf ("%zx\r\n", size);

  if (conn->server->raw_head != NULL)
    {
      conn->server->written += size;
      write_then (conn, g_bytes_ref (chunk->bytes), next_step);
      return;
    }
  g_byte_array_append (framed, (const guint8 *) head, (guint) strlen (head));
  g_byte_array_append (framed, g_bytes_get_data (chunk->bytes, NULL), (guint) size);
  g_byte_array_append (framed, (const guint8 *) "\r\n", 2);
  conn->server->written += size;
  write_then (conn, g_byte_array_free_to_bytes (g_steal_pointer (&framed)), next_step);
}

static gboolean
on_delay (gpointer user_data)
{
  Conn *conn = user_data;

  if (conn->server != NULL && !conn->closed)
    write_chunk (conn);
  return G_SOURCE_REMOVE;
}

static void
close_conn (Conn *conn)
{
  conn_close (conn);
}

static void
next_step (Conn *conn)
{
  HbtLogplex *self = conn->server;

  if (conn->step < self->chunks->len)
    {
      Chunk *chunk = self->chunks->pdata[conn->step];

      if (chunk->delay_ms > 0)
        g_timeout_add_full (G_PRIORITY_DEFAULT, chunk->delay_ms, on_delay, conn_ref (conn),
                            (GDestroyNotify) conn_unref);
      else
        write_chunk (conn);
      return;
    }
  switch (self->end)
    {
    case HBT_LOGPLEX_END_CLEAN:
      if (self->raw_head != NULL)
        {
          conn_close (conn);
          break;
        }
      write_then (conn, text_bytes (g_strdup ("0\r\n\r\n")), close_conn);
      break;
    case HBT_LOGPLEX_END_DROP:
      conn_close (conn);
      break;
    case HBT_LOGPLEX_END_OPEN:
    default:
      break;
    }
}

static void
answer_stream (Conn *conn, const char *head)
{
  HbtLogplex *self = conn->server;

  g_free (self->stream_request);
  self->stream_request = g_strdup (head);
  if (self->error_status != 0)
    {
      write_then (conn,
                  text_bytes (g_strdup_printf ("HTTP/1.1 %u Error\r\nContent-Type: "
                                               "application/json\r\nContent-Length: %zu\r\n"
                                               "Connection: close\r\n\r\n%s",
                                               self->error_status, strlen (self->error_body),
                                               self->error_body)),
                  close_conn);
      return;
    }
  conn->step = 0;
  if (self->raw_head != NULL)
    {
      write_then (conn, text_bytes (g_strdup (self->raw_head)), next_step);
      return;
    }
  write_then (conn,
              text_bytes (g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")),
              next_step);
}

static void
answer (Conn *conn, const char *head, const char *body)
{
  HbtLogplex *self = conn->server;
  g_auto (GStrv) words = g_strsplit (head, " ", 3);

  if (g_strv_length (words) >= 2 && g_str_equal (words[0], "POST") &&
      g_str_has_suffix (words[1], "/logsession"))
    {
      g_free (self->open_body);
      self->open_body = g_strdup (body);
      write_then (conn,
                  text_bytes (g_strdup_printf ("HTTP/1.1 201 Created\r\nLocation: %s\r\n"
                                               "Content-Length: 0\r\nConnection: close\r\n\r\n",
                                               self->location)),
                  close_conn);
    }
  else if (g_strv_length (words) >= 2 && g_str_equal (words[0], "GET") &&
           g_str_has_prefix (words[1], "/sessions/"))
    answer_stream (conn, head);
  else
    write_then (conn,
                text_bytes (g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                      "Connection: close\r\n\r\n")),
                close_conn);
}

static gsize
content_length (const char *head)
{
  g_autofree char *lower = g_ascii_strdown (head, -1);
  const char *field = strstr (lower, "\r\ncontent-length:");

  return field != NULL ? (gsize) g_ascii_strtoull (field + strlen ("\r\ncontent-length:"), NULL, 10)
                       : 0;
}

static void read_request (Conn *conn);

static void
on_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Conn *conn = user_data;
  g_autoptr (GBytes) bytes =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  const char *end;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || conn->server == NULL)
    {
      if (conn->server != NULL)
        conn_close (conn);
      conn_unref (conn);
      return;
    }
  g_string_append_len (conn->in, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  end = strstr (conn->in->str, "\r\n\r\n");
  if (end != NULL)
    {
      g_autofree char *head = g_strndup (conn->in->str, (gsize) (end - conn->in->str));
      const char *body = end + 4;

      if (strlen (body) >= content_length (head))
        {
          answer (conn, head, body);
          conn_unref (conn);
          return;
        }
    }
  read_request (conn);
  conn_unref (conn);
}

static void
read_request (Conn *conn)
{
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (conn->connection)),
                                   4096, G_PRIORITY_DEFAULT, conn->server->cancellable, on_read,
                                   conn_ref (conn));
}

static gboolean
on_incoming (GSocketService *service,
             GSocketConnection *connection,
             GObject *source_object,
             gpointer user_data)
{
  HbtLogplex *self = user_data;
  Conn *conn = g_rc_box_new0 (Conn);

  conn->server = self;
  conn->connection = g_object_ref (connection);
  conn->in = g_string_new (NULL);
  g_ptr_array_add (self->conns, conn);
  read_request (conn);
  return TRUE;
}

HbtLogplex *
hbt_logplex_new (void)
{
  HbtLogplex *self = g_new0 (HbtLogplex, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  self->service = g_socket_service_new ();
  self->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) chunk_free);
  self->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_unref);
  self->cancellable = g_cancellable_new ();
  self->location = g_strdup ("/sessions/1");
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                    g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);
  return self;
}

void
hbt_logplex_free (HbtLogplex *self)
{
  g_cancellable_cancel (self->cancellable);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  for (guint i = 0; i < self->conns->len; i++)
    {
      Conn *conn = self->conns->pdata[i];

      conn->closed = TRUE;
      conn->server = NULL;
      g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
    }
  g_ptr_array_unref (self->conns);
  /* Cancelled operations call back from the main context: let them, so nothing is left. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_ptr_array_unref (self->chunks);
  g_object_unref (self->service);
  g_object_unref (self->cancellable);
  g_free (self->base_url);
  g_free (self->location);
  g_free (self->error_body);
  g_free (self->raw_head);
  g_free (self->stream_request);
  g_free (self->open_body);
  g_free (self);
}

const char *
hbt_logplex_get_base_url (HbtLogplex *self)
{
  return self->base_url;
}

void
hbt_logplex_set_location (HbtLogplex *self, const char *location)
{
  g_free (self->location);
  self->location = g_strdup (location);
}

void
hbt_logplex_set_error (HbtLogplex *self, guint status, const char *body)
{
  self->error_status = status;
  g_free (self->error_body);
  self->error_body = g_strdup (body);
}

void
hbt_logplex_add_chunk (HbtLogplex *self, guint delay_ms, const char *data, gssize length)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->delay_ms = delay_ms;
  chunk->bytes = g_bytes_new (data, length < 0 ? strlen (data) : (gsize) length);
  g_ptr_array_add (self->chunks, chunk);
}

void
hbt_logplex_set_end (HbtLogplex *self, HbtLogplexEnd end)
{
  self->end = end;
}

const char *
hbt_logplex_get_stream_request (HbtLogplex *self)
{
  return self->stream_request;
}

const char *
hbt_logplex_get_open_body (HbtLogplex *self)
{
  return self->open_body;
}

guint64
hbt_logplex_get_written (HbtLogplex *self)
{
  return self->written;
}

void
hbt_logplex_set_raw (HbtLogplex *self, const char *head)
{
  g_free (self->raw_head);
  self->raw_head = g_strdup (head);
}
