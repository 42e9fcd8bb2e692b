/* test-server-soak.c: harbor-server under the attacks of issue 12, round after round: clients
 * that exhaust its file descriptors, then slow clients that never finish a request; after each,
 * a normal request is answered within a second and the server's memory stays flat
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <signal.h>
#include <string.h>

#define ROUNDS 3
/* The server's descriptors (soft = hard, so it cannot raise them): its default connection cap
 * is half of that. The attacks are sized against these, and timeouts are short, to stay quick. */
#define FD_LIMIT 256
#define N_EXHAUSTING 600
#define N_SLOW 500
#define REQUEST_TIMEOUT_S 2
#define ANSWER_WITHIN_MS 1000
/* Growth allowed between the first round and the last: allocator noise, not a leak. */
#define RSS_SLACK_KIB 4096

static guint64
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND;
}

/* A normal client: a new connection, GET /user. Returns how long the answer took. */
static guint64
normal_request (const char *base)
{
  HstFixture client = {
    NULL,
  };
  gint64 start = g_get_monotonic_time ();

  client.base = (char *) base;
  client.session = soup_session_new_with_options ("timeout", 10, NULL);
  {
    g_autoptr (HstResponse) r = hst_get (&client, "/user");

    g_assert_cmpuint (r->status, ==, 200);
  }
  g_clear_object (&client.session);
  return elapsed_ms (start);
}

static GPtrArray *
connect_many (const char *base, guint n, const char *text)
{
  GPtrArray *sockets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GSocket *socket = hst_socket_connect (base);

      hst_socket_send (socket, text);
      g_ptr_array_add (sockets, socket);
    }
  return sockets;
}

static void
test_soak (void)
{
  g_autofree char *timeout = g_strdup_printf ("%d", REQUEST_TIMEOUT_S);
  const char *args[] = { "--seed", "--token",        "T",     "--request-timeout",
                         timeout,  "--idle-timeout", timeout, NULL };
  g_autofree char *base = NULL;
  g_autoptr (GSubprocess) process = hst_spawn_server (args, FD_LIMIT, FD_LIMIT, &base);
  guint64 rss[ROUNDS + 1];
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 20; i++)
    normal_request (base);
  rss[0] = hst_process_rss_kib (process);
  g_test_message ("before: RSS %" G_GUINT64_FORMAT " KiB", rss[0]);
  for (guint round = 1; round <= ROUNDS; round++)
    {
      g_autoptr (GPtrArray) exhausting = NULL;
      g_autoptr (GPtrArray) slow = NULL;
      guint64 during, after, closed_ms;
      gint64 phase;

      /* 1. More connections than descriptors, each sending a request line, then gone. */
      phase = g_get_monotonic_time ();
      exhausting = connect_many (base, N_EXHAUSTING, "GET /user HTTP/1.1\r\n");
      g_ptr_array_set_size (exhausting, 0);
      after = normal_request (base);
      g_test_message ("round %u: %u request lines in %" G_GUINT64_FORMAT
                      " ms, then a request answered in %" G_GUINT64_FORMAT " ms",
                      round, N_EXHAUSTING, elapsed_ms (phase), after);
      g_assert_cmpuint (after, <, ANSWER_WITHIN_MS);

      /* 2. Slow clients that hold their half-sent request. */
      phase = g_get_monotonic_time ();
      slow = connect_many (base, N_SLOW, "GET /user HTTP/1.1\r\nAuthorization: Bearer T\r\n");
      during = normal_request (base);
      g_assert_cmpuint (hst_wait_closed (slow, slow->len, (REQUEST_TIMEOUT_S + 3) * 1000), ==,
                        slow->len);
      closed_ms = elapsed_ms (phase);
      g_ptr_array_set_size (slow, 0);
      after = normal_request (base);
      g_test_message ("round %u: %u slow clients; a request answered in %" G_GUINT64_FORMAT
                      " ms among them; all cut off after %" G_GUINT64_FORMAT
                      " ms; a request answered in %" G_GUINT64_FORMAT " ms after",
                      round, N_SLOW, during, closed_ms, after);
      g_assert_cmpuint (during, <, ANSWER_WITHIN_MS);
      g_assert_cmpuint (after, <, ANSWER_WITHIN_MS);

      for (guint i = 0; i < 20; i++)
        normal_request (base);
      rss[round] = hst_process_rss_kib (process);
      g_test_message ("round %u: RSS %" G_GUINT64_FORMAT " KiB", round, rss[round]);
    }
  g_test_message ("%u rounds in %" G_GUINT64_FORMAT " ms; RSS %" G_GUINT64_FORMAT
                  " KiB after the first, %" G_GUINT64_FORMAT " KiB after the last",
                  ROUNDS, elapsed_ms (start), rss[1], rss[ROUNDS]);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps freed memory in quarantine (256 MB by default): RSS says nothing. */
  g_test_message ("AddressSanitizer build: RSS not checked");
#else
  g_assert_cmpuint (rss[ROUNDS], <, rss[1] + RSS_SLACK_KIB);
#endif

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/soak/attacks", test_soak);
  return g_test_run ();
}
