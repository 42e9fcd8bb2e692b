/* test-oauth-receiver.c: the loopback receiver (browser mode), driven by a real HTTP client
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hb-oauth-receiver-private.h"
#include "hbt-utils.h"
#include "hbs-server.h"

#define WAIT_MS (HBT_DEFAULT_TIMEOUT_S * 1000)

typedef struct
{
  HbOAuthReceiver *receiver;
  HbOAuth *attempt;
  SoupSession *session;
  gboolean done;
  char *code;
  GError *error;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->receiver = hb_oauth_receiver_new ();
  g_assert_true (hb_oauth_receiver_listen (f->receiver, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hb_oauth_receiver_get_port (f->receiver), >, 0);
  f->attempt = hb_oauth_new ("http://127.0.0.1:1", "harbor-desktop", "harbor-desktop-secret",
                             hb_oauth_receiver_get_port (f->receiver));
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->attempt);
  g_clear_object (&f->receiver);
  g_free (f->code);
  g_clear_error (&f->error);
}

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->code = hb_oauth_receiver_wait_finish (HB_OAUTH_RECEIVER (source), result, &f->error);
  f->done = TRUE;
}

static void
start_wait (Fixture *f, guint timeout, GCancellable *cancellable)
{
  f->done = FALSE;
  hb_oauth_receiver_wait_async (f->receiver, f->attempt, timeout, cancellable, wait_cb, f);
}

typedef struct
{
  GBytes *body;
  guint status;
  gboolean done;
} Reply;

static void
send_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;
  g_autoptr (GError) error = NULL;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (
      soup_session_get_async_result_message (SOUP_SESSION (source), result));
  reply->done = TRUE;
}

/* What a web browser does at the end of the flow: a GET of the redirect URI, answered within
 * @ms. */
static guint
browser_get_within (Fixture *f, const char *path_and_query, char **body_out, guint ms)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s",
                                          hb_oauth_receiver_get_port (f->receiver), path_and_query);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  Reply reply = { 0 };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, ms));
  if (body_out != NULL)
    *body_out = g_strndup (g_bytes_get_data (reply.body, NULL), g_bytes_get_size (reply.body));
  g_bytes_unref (reply.body);
  return reply.status;
}

static guint
browser_get (Fixture *f, const char *path_and_query, char **body_out)
{
  return browser_get_within (f, path_and_query, body_out, WAIT_MS);
}

static char *
callback_path (Fixture *f, const char *extra)
{
  return g_strdup_printf ("/oauth/callback?state=%s%s", hb_oauth_get_state (f->attempt), extra);
}

static void
test_code (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&code=the-code");
  g_autofree char *body = NULL;

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, path, &body), ==, 200);
  g_assert_nonnull (strstr (body, "return to Harbor"));
  g_assert_null (strstr (body, "the-code"));
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->code, ==, "the-code");

  /* Single use: a replay finds nobody waiting. */
  g_assert_cmpuint (browser_get (f, path, NULL), ==, 410);
}

static void
test_strangers_do_not_end_the_wait (Fixture *f, gconstpointer data)
{
  g_autofree char *good = callback_path (f, "&code=c2");

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, "/oauth/callback?state=wrong&code=evil", NULL), ==, 400);
  g_assert_cmpuint (browser_get (f, "/oauth/callback?code=evil", NULL), ==, 400);
  g_assert_cmpuint (browser_get (f, "/oauth/callbackx?code=evil", NULL), ==, 404);
  g_assert_cmpuint (browser_get (f, "/", NULL), ==, 404);
  g_assert_cmpuint (browser_get (f, "/oauth/callback/x?code=evil", NULL), ==, 404);
  g_assert_false (f->done);

  g_assert_cmpuint (browser_get (f, good, NULL), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_cmpstr (f->code, ==, "c2");
}

static void
test_denied (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&error=access_denied");
  g_autofree char *body = NULL;

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, path, &body), ==, 200);
  g_assert_nonnull (strstr (body, "Cancelled"));
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_null (f->code);
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  start_wait (f, 1, NULL);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_TIMED_OUT);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  start_wait (f, 0, cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (f->done); /* never re-entrantly from inside cancel() */
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
replaced_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *replaced = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *code =
      hb_oauth_receiver_wait_finish (HB_OAUTH_RECEIVER (source), result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (code);
  *replaced = TRUE;
}

static void
test_replace (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&code=c3");
  gboolean replaced = FALSE;

  hb_oauth_receiver_wait_async (f->receiver, f->attempt, 0, NULL, replaced_cb, &replaced);
  start_wait (f, 60, NULL); /* switching to the browser adds a time limit */
  g_assert_true (hbt_iterate_until (&replaced, WAIT_MS));

  g_assert_cmpuint (browser_get (f, path, NULL), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->code, ==, "c3");
}

/* ---- issue 12, item 7: what a server must survive, the receiver too ---- */

/* A client that connects and sends @text (NULL: nothing), then waits. */
static GSocket *
raw_connect (Fixture *f, const char *text)
{
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, hb_oauth_receiver_get_port (f->receiver));
  g_autoptr (GError) error = NULL;
  GSocket *socket =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  g_assert_no_error (error);
  if (text != NULL)
    g_assert_cmpint (g_socket_send (socket, text, strlen (text), NULL, &error), ==, strlen (text));
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);
  return socket;
}

/* Whether the receiver has closed its end (end of stream or reset); reads what it sent. */
static gboolean
raw_closed (GSocket *socket)
{
  char buffer[1024];

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n == 0)
        return TRUE;
      if (n < 0)
        return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
    }
}

static guint
count_closed (GPtrArray *sockets)
{
  guint closed = 0;

  for (guint i = 0; i < sockets->len; i++)
    closed += raw_closed (g_ptr_array_index (sockets, i));
  return closed;
}

static void
iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Clients that open connections and never finish a request get at most a few of them; the
 * others are closed at once, and the person's browser still gets through. */
static void
test_connection_cap (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = callback_path (f, "&code=after-cap");

  _hb_oauth_receiver_set_limits (f->receiver, 4, 60000);
  start_wait (f, 0, NULL);
  for (guint i = 0; i < 10; i++)
    {
      g_ptr_array_add (sockets, raw_connect (f, "GET /oauth/callback?state="));
      iterate_pending ();
    }
  hbt_iterate_for (500);
  g_assert_cmpuint (count_closed (sockets), ==, 6);
  g_assert_cmpuint (_hb_oauth_receiver_get_n_connections (f->receiver), ==, 4);

  /* Once they go, their places are free again. */
  g_ptr_array_set_size (sockets, 0);
  for (guint i = 0; i < 200 && _hb_oauth_receiver_get_n_connections (f->receiver) > 0; i++)
    hbt_iterate_for (10);
  g_assert_cmpuint (_hb_oauth_receiver_get_n_connections (f->receiver), ==, 0);
  g_assert_cmpuint (browser_get_within (f, path, NULL, 5000), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_cmpstr (f->code, ==, "after-cap");
}

static gboolean
all_closed (GPtrArray *sockets, guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    {
      if (count_closed (sockets) == sockets->len)
        return TRUE;
      hbt_iterate_for (20);
    }
  return FALSE;
}

/* A request that never ends (or never starts) does not hold its connection for long. */
static void
test_slow_clients (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  _hb_oauth_receiver_set_limits (f->receiver, 16, 300);
  start_wait (f, 0, NULL);
  g_ptr_array_add (sockets, raw_connect (f, NULL));
  g_ptr_array_add (sockets, raw_connect (f, "GET /oauth/callback?state=x HTTP/1.1\r\n"));
  g_ptr_array_add (sockets, raw_connect (f, "GET /oauth/callback?state=x HTTP/1.1\r\nHost: a\r\n"
                                            "X-Slow: drip"));
  g_assert_true (all_closed (sockets, 3000));
  g_assert_false (f->done);
}

/* An answered request ends its connection: nothing stays open, waiting for another. */
static void
test_no_idle_connection (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);

  start_wait (f, 0, NULL);
  g_ptr_array_add (sockets, raw_connect (f, "GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            "Connection: keep-alive\r\n\r\n"));
  g_assert_true (all_closed (sockets, 2000));
}

static int
count_open_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  int n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Out of file descriptors for a moment (here: this process holds them all while a client
 * connects), the receiver cannot accept; afterwards it must accept again. libsoup's own
 * listener stopped listening for good. */
static void
test_out_of_descriptors (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&code=after-emfile");
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address =
      g_inet_socket_address_new (loopback, hb_oauth_receiver_get_port (f->receiver));
  struct sockaddr_storage native;
  g_autoptr (GArray) fds = g_array_new (FALSE, FALSE, sizeof (int));
  struct rlimit old_limit;
  struct rlimit low_limit;
  int client;
  int fd;

  start_wait (f, 0, NULL);
  g_assert_true (g_socket_address_to_native (address, &native, sizeof native, NULL));

  /* A low limit, so that filling it is quick. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &old_limit), ==, 0);
  low_limit = old_limit;
  low_limit.rlim_cur = MIN (old_limit.rlim_cur, (rlim_t) count_open_fds () + 64);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low_limit), ==, 0);
  while ((fd = open ("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0)
    g_array_append_val (fds, fd);
  g_assert_cmpint (errno, ==, EMFILE);

  /* One descriptor for the client; the kernel completes its connection in the backlog. */
  close (g_array_index (fds, int, fds->len - 1));
  g_array_set_size (fds, fds->len - 1);
  client = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (client, >=, 0);
  g_assert_cmpint (
      connect (client, (struct sockaddr *) &native, g_socket_address_get_native_size (address)), ==,
      0);
  hbt_iterate_for (300); /* the receiver tries to accept, and cannot */

  close (client);
  for (guint i = 0; i < fds->len; i++)
    close (g_array_index (fds, int, i));
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &old_limit), ==, 0);

  g_assert_cmpuint (browser_get_within (f, path, NULL, 5000), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_cmpstr (f->code, ==, "after-emfile");
}

static void
exchange_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **token = user_data;
  g_autoptr (GError) error = NULL;

  *token = hb_oauth_exchange_finish (HB_OAUTH (source), result, &error);
  g_assert_no_error (error);
}

/* The whole browser mode against harbor-server: the "browser" follows the server's redirect
 * to the receiver, and the code is exchanged for a token that the API accepts. */
static void
test_server_round_trip (void)
{
  g_autoptr (HbsServer) server = hbs_server_new ();
  g_autoptr (HbOAuthReceiver) receiver = hb_oauth_receiver_new ();
  g_autoptr (HbOAuth) attempt = NULL;
  g_autoptr (SoupSession) browser = soup_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (SoupMessage) user_msg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autofree char *auth_header = NULL;
  g_autofree char *user_uri = NULL;
  const char *body;
  gsize length;
  Fixture f = { 0 };
  Reply reply = { 0 };

  hbs_server_seed (server);
  hbs_server_set_auto_approve (server, TRUE);
  g_assert_true (hbs_server_listen (server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  base = hbs_server_dup_base_url (server);

  g_assert_true (hb_oauth_receiver_listen (receiver, NULL));
  attempt = hb_oauth_new (base, "harbor-desktop", "harbor-desktop-secret",
                          hb_oauth_receiver_get_port (receiver));
  hb_oauth_receiver_wait_async (receiver, attempt, 30, NULL, wait_cb, &f);

  uri = hb_oauth_dup_authorize_uri (attempt);
  msg = soup_message_new ("GET", uri);
  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, WAIT_MS));
  g_assert_true (hbt_iterate_until (&f.done, WAIT_MS));
  g_assert_cmpuint (reply.status, ==, 200);
  body = g_bytes_get_data (reply.body, &length); /* not NUL-terminated */
  g_assert_nonnull (g_strstr_len (body, length, "return to Harbor"));
  g_bytes_unref (reply.body);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.code);

  hb_oauth_exchange_async (attempt, f.code, NULL, exchange_cb, &token);
  while (token == NULL)
    g_main_context_iteration (NULL, TRUE);

  user_uri = g_strconcat (base, "/user", NULL);
  user_msg = soup_message_new ("GET", user_uri);
  auth_header = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (user_msg), "Authorization",
                                auth_header);
  soup_message_headers_replace (soup_message_get_request_headers (user_msg), "Accept",
                                "application/json");
  reply = (Reply){ 0 };
  soup_session_send_and_read_async (browser, user_msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, WAIT_MS));
  g_assert_cmpuint (reply.status, ==, 200);
  g_bytes_unref (reply.body);

  g_free (f.code);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/oauth-receiver/code", Fixture, NULL, fixture_set_up, test_code, fixture_tear_down);
  g_test_add ("/oauth-receiver/strangers", Fixture, NULL, fixture_set_up,
              test_strangers_do_not_end_the_wait, fixture_tear_down);
  g_test_add ("/oauth-receiver/denied", Fixture, NULL, fixture_set_up, test_denied,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/timeout", Fixture, NULL, fixture_set_up, test_timeout,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/replace", Fixture, NULL, fixture_set_up, test_replace,
              fixture_tear_down);
  g_test_add_func ("/oauth-receiver/server-round-trip", test_server_round_trip);
  g_test_add ("/oauth-receiver/connection-cap", Fixture, NULL, fixture_set_up, test_connection_cap,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/slow-clients", Fixture, NULL, fixture_set_up, test_slow_clients,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/no-idle-connection", Fixture, NULL, fixture_set_up,
              test_no_idle_connection, fixture_tear_down);
  g_test_add ("/oauth-receiver/out-of-descriptors", Fixture, NULL, fixture_set_up,
              test_out_of_descriptors, fixture_tear_down);

  return g_test_run ();
}
