/* test-server-limits.c: what harbor-server lets one client hold: file descriptors, connections,
 * and time to send a request or to idle between requests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, NULL, fn, hst_teardown)

/* A request line and part of the headers, never finished. */
#define SLOW_REQUEST "GET /user HTTP/1.1\r\nAuthorization: Bearer T\r\n"

static void
start_with_limits (HstFixture *f, const HbsLimits *limits)
{
  HbsServer *server = hbs_server_new ();

  hbs_server_seed (server);
  hbs_server_add_token (server, "demo", HST_TOKEN);
  hbs_server_set_limits (server, limits);
  hst_start (f, server);
}

static GPtrArray *
open_slow_clients (const char *base, guint n, const char *text)
{
  GPtrArray *sockets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GSocket *socket = hst_socket_connect (base);

      if (text != NULL)
        hst_socket_send (socket, text);
      g_ptr_array_add (sockets, socket);
    }
  return sockets;
}

static guint64
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND;
}

/* harbor-server raises its soft RLIMIT_NOFILE to the hard limit: 1024, the usual soft limit, is
 * soon spent by a server holding connections. */
static void
test_fd_limit_raised (HstFixture *f, gconstpointer data)
{
  const char *args[] = { "--seed", NULL };
  g_autoptr (GSubprocess) process = hst_spawn_server (args, 64, 4096, &f->base);
  g_autofree char *path =
      g_strdup_printf ("/proc/%s/limits", g_subprocess_get_identifier (process));
  g_autofree char *limits = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &limits, NULL, NULL));
  line = strstr (limits, "Max open files");
  g_assert_nonnull (line);
  g_test_message ("%.*s", (int) (strchr (line, '\n') - line), line);
  g_assert_true (g_regex_match_simple ("^Max open files +4096 +4096 ", line, 0, 0));
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

/* A client that never finishes its request (slowloris) is cut off after the request timeout,
 * and so is one that connects and says nothing. */
static void
test_request_timeout (HstFixture *f, gconstpointer data)
{
  HbsLimits limits = { 0, 300, 0 };
  g_autoptr (GPtrArray) slow = NULL;
  g_autoptr (GPtrArray) silent = NULL;
  gint64 start;

  start_with_limits (f, &limits);
  start = g_get_monotonic_time ();
  slow = open_slow_clients (f->base, 20, SLOW_REQUEST);
  silent = open_slow_clients (f->base, 5, NULL);
  g_assert_cmpuint (hst_wait_closed (slow, slow->len, 5000), ==, slow->len);
  g_assert_cmpuint (hst_wait_closed (silent, silent->len, 5000), ==, silent->len);
  g_test_message ("all closed after %" G_GUINT64_FORMAT " ms", elapsed_ms (start));
  g_assert_cmpuint (elapsed_ms (start), >=, 250);
  {
    g_autoptr (HstResponse) r = hst_get (f, "/user");

    g_assert_cmpuint (r->status, ==, 200);
  }
}

/* A kept-alive connection with no next request is closed after the idle timeout. */
static void
test_idle_timeout (HstFixture *f, gconstpointer data)
{
  HbsLimits limits = { 0, 0, 300 };
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *request = NULL;
  g_autofree char *response = NULL;
  GSocket *socket;
  gint64 start;

  start_with_limits (f, &limits);
  socket = hst_socket_connect (f->base);
  g_ptr_array_add (sockets, socket);
  request = g_strdup_printf ("GET /user HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer T\r\n\r\n",
                             f->base + strlen ("http://"));
  hst_socket_send (socket, request);
  response = hst_socket_read_response (socket, 5000);
  g_assert_nonnull (response);
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 200"));
  start = g_get_monotonic_time ();
  g_assert_cmpuint (hst_wait_closed (sockets, 1, 5000), ==, 1);
  g_test_message ("closed after %" G_GUINT64_FORMAT " ms idle", elapsed_ms (start));
  g_assert_cmpuint (elapsed_ms (start), >=, 200);
}

/* Connections are capped: past the cap, the oldest one still sending its request makes room,
 * so a real client gets in at once however many slow ones there are. */
static void
test_connection_cap (HstFixture *f, gconstpointer data)
{
  HbsLimits limits = { 8, 60000, 0 };
  g_autoptr (GPtrArray) slow = NULL;
  gint64 start;

  start_with_limits (f, &limits);
  slow = open_slow_clients (f->base, 30, SLOW_REQUEST);
  /* 30 connections, room for 8: at least 22 are closed, long before the request timeout. */
  g_assert_cmpuint (hst_wait_closed (slow, 22, 5000), >=, 22);
  start = g_get_monotonic_time ();
  {
    g_autoptr (HstResponse) r = hst_get (f, "/user");

    g_assert_cmpuint (r->status, ==, 200);
  }
  g_test_message ("answered in %" G_GUINT64_FORMAT " ms with 8 slow clients", elapsed_ms (start));
  g_assert_cmpuint (elapsed_ms (start), <, 1000);
  /* The newest slow clients are still connected: the oldest made room. */
  g_assert_false (hst_socket_closed_by_peer (g_ptr_array_index (slow, slow->len - 1)));
}

/* Out of file descriptors, the server keeps accepting: it closes the oldest waiting connection
 * or backs off and tries again, where libsoup's own listener stopped for good. The server runs
 * with 64 descriptors and a connection cap above that, so accept() does hit EMFILE. */
static void
test_emfile_recovery (HstFixture *f, gconstpointer data)
{
  const char *args[] = { "--seed", "--token", "T", "--max-connections", "1000", NULL };
  g_autoptr (GSubprocess) process = hst_spawn_server (args, 64, 64, &f->base);
  g_autoptr (GPtrArray) attack = NULL;
  gint64 start;

  f->session = soup_session_new_with_options ("timeout", 5, NULL);
  attack = open_slow_clients (f->base, 150, "GET /user HTTP/1.1\r\n");
  /* The server closed old ones to accept new ones. */
  g_assert_cmpuint (hst_wait_closed (attack, 80, 5000), >=, 80);
  start = g_get_monotonic_time ();
  {
    g_autoptr (HstResponse) r = hst_get (f, "/user");

    g_assert_cmpuint (r->status, ==, 200);
  }
  g_test_message ("answered in %" G_GUINT64_FORMAT " ms during the attack", elapsed_ms (start));
  g_assert_cmpuint (elapsed_ms (start), <, 1000);
  g_ptr_array_set_size (attack, 0);
  start = g_get_monotonic_time ();
  {
    g_autoptr (HstResponse) r = hst_get (f, "/user");

    g_assert_cmpuint (r->status, ==, 200);
  }
  g_test_message ("answered in %" G_GUINT64_FORMAT " ms after it", elapsed_ms (start));
  g_assert_cmpuint (elapsed_ms (start), <, 1000);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/server/limits/fd-limit-raised", test_fd_limit_raised);
  TEST ("/server/limits/request-timeout", test_request_timeout);
  TEST ("/server/limits/idle-timeout", test_idle_timeout);
  TEST ("/server/limits/connection-cap", test_connection_cap);
  TEST ("/server/limits/emfile-recovery", test_emfile_recovery);
  return g_test_run ();
}
