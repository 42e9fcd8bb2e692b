/* bench-server-load.c: 50 concurrent keep-alive clients × 200 mixed reads and writes against a
 * harbor-server process, three times over: requests/s, p50/p99 latency, errors, server RSS
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#define N_CLIENTS 50
#define N_REQUESTS 200

typedef struct _Load Load;

typedef struct
{
  Load *load;
  guint index;
  GSocketConnection *connection;
  GString *in;
  char buffer[16384];
  char *request;
  guint sent;
  gint64 started;
  char var_id[32];
} Client;

struct _Load
{
  const char *host_port;
  GArray *latencies; /* gint64 µs */
  guint errors;
  guint running;
  guint run;
};

static void client_next (Client *c);

static void
fail (Client *c, const char *why)
{
  c->load->errors++;
  g_printerr ("client %u: %s\n", c->index, why);
  c->load->running--;
}

/* Requests cycle through the endpoints a client uses most; one in five writes. */
static char *
make_request (Client *c)
{
  guint step = c->sent % 10;
  g_autofree char *auth =
      g_strdup_printf ("Authorization: Bearer T\r\nHost: %s\r\n", c->load->host_port);

  switch (step)
    {
    case 0:
      return g_strdup_printf ("GET /applications HTTP/1.1\r\n%s\r\n", auth);
    case 1:
      return g_strdup_printf (
          "GET /applications/hello-world/builds?count=20&offset=0 HTTP/1.1\r\n%s\r\n", auth);
    case 2:
      {
        g_autofree char *body = g_strdup_printf ("{\"key\":\"Bench%u_%u_%u\",\"value\":\"v\"}",
                                                 c->load->run, c->index, c->sent);
        return g_strdup_printf ("POST /applications/shop-api/configurationvariables HTTP/1.1\r\n%s"
                                "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                                auth, strlen (body), body);
      }
    case 3:
      return g_strdup_printf ("GET /applications/hello-world/builds/60 HTTP/1.1\r\n%s\r\n", auth);
    case 4:
      return g_strdup_printf ("GET /applications/hello-world/builds/59/tests HTTP/1.1\r\n%s\r\n",
                              auth);
    case 5:
      return g_strdup_printf ("GET /user HTTP/1.1\r\n%s\r\n", auth);
    case 6:
      return g_strdup_printf (
          "DELETE /applications/shop-api/configurationvariables/%s HTTP/1.1\r\n%s\r\n", c->var_id,
          auth);
    case 7:
      return g_strdup_printf ("GET /applications/shop-api/collaborators HTTP/1.1\r\n%s\r\n", auth);
    case 8:
      return g_strdup_printf (
          "PUT /applications/docs-site HTTP/1.1\r\n%sContent-Type: application/json\r\n"
          "Content-Length: 20\r\n\r\n{\"name\":\"Docs Site\"}",
          auth);
    default:
      return g_strdup_printf ("GET /applications/hello-world/errors HTTP/1.1\r\n%s\r\n", auth);
    }
}

static guint
expected_status (guint step)
{
  return step == 2 ? 201 : step == 6 ? 204 : 200;
}

static void read_more (Client *c);

/* A whole response is in c->in: check it, remember a created id, and go on. */
static gboolean
take_response (Client *c)
{
  const char *end = strstr (c->in->str, "\r\n\r\n");
  const char *length_header;
  gsize head, body = 0;
  guint status;

  if (end == NULL)
    return FALSE;
  head = end - c->in->str + 4;
  length_header = g_strstr_len (c->in->str, head, "Content-Length: ");
  if (length_header != NULL)
    body = g_ascii_strtoull (length_header + strlen ("Content-Length: "), NULL, 10);
  if (c->in->len < head + body)
    return FALSE;
  status = (guint) g_ascii_strtoull (c->in->str + 9, NULL, 10);
  if (status != expected_status (c->sent % 10))
    {
      c->load->errors++;
      g_printerr ("client %u: status %u for step %u\n", c->index, status, c->sent % 10);
    }
  if (status == 201)
    {
      const char *location = g_strstr_len (c->in->str, head, "Location: ");
      const char *slash = location != NULL ? strchr (location, '\r') : NULL;

      while (slash != NULL && *slash != '/')
        slash--;
      if (slash != NULL)
        g_strlcpy (c->var_id, slash + 1,
                   MIN (sizeof c->var_id, (gsize) (strchr (slash, '\r') - slash)));
    }
  g_array_append_val (c->load->latencies, (gint64){ g_get_monotonic_time () - c->started });
  g_string_erase (c->in, 0, head + body);
  c->sent++;
  return TRUE;
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *c = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (n <= 0)
    {
      fail (c, error != NULL ? error->message : "connection closed");
      return;
    }
  g_string_append_len (c->in, c->buffer, n);
  if (take_response (c))
    client_next (c);
  else
    read_more (c);
}

static void
read_more (Client *c)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (c->connection)), c->buffer,
                             sizeof c->buffer, G_PRIORITY_DEFAULT, NULL, read_cb, c);
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *c = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      fail (c, error->message);
      return;
    }
  read_more (c);
}

static void
client_next (Client *c)
{
  if (c->sent == N_REQUESTS)
    {
      c->load->running--;
      return;
    }
  g_free (c->request);
  c->request = make_request (c);
  c->started = g_get_monotonic_time ();
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (c->connection)),
                                   c->request, strlen (c->request), G_PRIORITY_DEFAULT, NULL,
                                   written_cb, c);
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Client *c = user_data;
  g_autoptr (GError) error = NULL;

  c->connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (c->connection == NULL)
    {
      fail (c, error->message);
      return;
    }
  client_next (c);
}

static gint
compare (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static long
rss_kib (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static guint
run_load (Load *load)
{
  g_autoptr (GSocketClient) socket_client = g_socket_client_new ();
  Client clients[N_CLIENTS] = {
    {
        NULL,
    },
  };
  gint64 start = g_get_monotonic_time ();
  double seconds;
  gint64 p50, p99;

  g_array_set_size (load->latencies, 0);
  load->errors = 0;
  load->running = N_CLIENTS;
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      clients[i].load = load;
      clients[i].index = i;
      clients[i].in = g_string_new (NULL);
      g_socket_client_connect_to_host_async (socket_client, load->host_port, 80, NULL, connected_cb,
                                             &clients[i]);
    }
  while (load->running > 0)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_array_sort (load->latencies, compare);
  p50 = g_array_index (load->latencies, gint64, load->latencies->len / 2);
  p99 = g_array_index (load->latencies, gint64, load->latencies->len * 99 / 100);
  printf ("run %u: %u requests in %.2f s = %.0f requests/s, p50 %.2f ms, p99 %.2f ms, errors %u\n",
          load->run, load->latencies->len, seconds, load->latencies->len / seconds, p50 / 1000.0,
          p99 / 1000.0, load->errors);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      if (clients[i].connection != NULL)
        {
          g_io_stream_close (G_IO_STREAM (clients[i].connection), NULL, NULL);
          g_object_unref (clients[i].connection);
        }
      g_string_free (clients[i].in, TRUE);
      g_free (clients[i].request);
    }
  return load->errors + (load->latencies->len != N_CLIENTS * N_REQUESTS);
}

int
main (int argc, char **argv)
{
  g_autofree char *binary =
      g_build_filename (g_getenv ("HARBOR_BUILD_ROOT") ? g_getenv ("HARBOR_BUILD_ROOT") : ".",
                        "src", "server", "harbor-server", NULL);
  const char *args[] = { binary, "--seed", "--token", "T", "--port", "0", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) server = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  Load load = {
    NULL,
  };
  guint failures = 0;
  guint n_runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 3;
  GPid pid;

  if (server == NULL)
    {
      g_printerr ("cannot start %s: %s\n", binary, error->message);
      return 1;
    }
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  if (url == NULL || !g_str_has_prefix (url, "http://"))
    {
      g_printerr ("harbor-server printed no URL\n");
      return 1;
    }
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (server), NULL, 10);
  load.host_port = url + strlen ("http://");
  load.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  printf ("harbor-server at %s: %d clients × %d requests (70%% reads, 30%% writes), %u runs\n", url,
          N_CLIENTS, N_REQUESTS, n_runs);
  printf ("server RSS before: %ld KiB\n", rss_kib (pid));
  for (load.run = 1; load.run <= n_runs; load.run++)
    {
      failures += run_load (&load);
      printf ("server RSS after run %u: %ld KiB\n", load.run, rss_kib (pid));
    }
  g_array_unref (load.latencies);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  return failures == 0 ? 0 : 1;
}
