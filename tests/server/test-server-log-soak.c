/* test-server-log-soak.c: a log session that streams for a minute at 10 lines a second from a
 * full ring: every line arrives, on time, and harbor-server's memory stays flat
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <signal.h>
#include <string.h>

#define SOAK_S 60
#define WEB_LOG_MS 100
#define SAMPLE_EVERY_S 5
/* Before the first sample the tail has been sent and the stream runs as it will. */
#define WARM_UP_S 5
/* Growth allowed between the first sample and any later one: a dozen pages of allocator noise.
 * The ring is full from the start, so it only replaces lines; a response body that kept each
 * line sent (about 600 of about 85 bytes) grew 80 KiB here, and a test that allows more would
 * not see it. */
#define RSS_SLACK_KIB 48

static SoupSession *
new_session (void)
{
  return soup_session_new_with_options ("timeout", 20, NULL);
}

static void
request (HstFixture *client, const char *method, const char *path, const char *body, guint status)
{
  g_autoptr (HstResponse) r = hst_send (client, method, path, body);

  if (r->status != status)
    g_error ("%s %s: expected %u, got %u: %s", method, path, status, r->status, r->text);
}

/* Fills hello-world's ring to its 1,500 lines with changes made through the API. */
static void
fill_ring (HstFixture *client)
{
  g_autoptr (HstResponse) created =
      hst_send (client, "POST", "/applications/hello-world/configurationvariables",
                "{\"key\":\"SOAK\",\"value\":\"0\"}");
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  hst_assert_created (client, created, "/applications/hello-world/configurationvariables", &id);
  path = g_strconcat ("/applications/hello-world/configurationvariables/", id, NULL);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"key\":\"SOAK\",\"value\":\"%u\"}", i);

      request (client, "PUT", path, body, 200);
    }
}

static char *
open_session (HstFixture *client)
{
  g_autoptr (HstResponse) r = hst_send (client, "POST", "/applications/hello-world/logsession",
                                        "{\"tail\":true,\"limit\":1500}");

  g_assert_cmpuint (r->status, ==, 201);
  return g_strdup (soup_message_headers_get_one (r->headers, "Location"));
}

static gint64
line_ms (const char *line)
{
  g_autofree char *stamp = g_strndup (line, 29);
  g_autoptr (GDateTime) time = g_date_time_new_from_iso8601 (stamp, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static void
test_log_soak (void)
{
  g_autofree char *web_log = g_strdup_printf ("%d", WEB_LOG_MS);
  const char *args[] = { "--seed", "--token", "T", "--web-log-ms", web_log, NULL };
  HstFixture client = {
    NULL,
  };
  g_autoptr (GSubprocess) process = hst_spawn_server (args, 0, 0, &client.base);
  g_autoptr (HstStream) stream = NULL;
  g_autoptr (GArray) rss = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *url = NULL;
  gint64 start, next_sample, end, previous_ms = 0;
  guint n_tail = 0, n_live = 0;
  guint64 first, peak = 0, last;

  client.session = new_session ();
  fill_ring (&client);
  url = open_session (&client);
  stream = hst_stream_open (client.session, url);

  /* The tail: the whole ring, full. */
  for (; n_tail < 1500; n_tail++)
    {
      g_autofree char *line = hst_stream_read_line (stream, 5000);

      g_assert_nonnull (line);
    }

  start = g_get_monotonic_time ();
  next_sample = start + WARM_UP_S * G_USEC_PER_SEC;
  end = start + SOAK_S * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      g_autofree char *line = hst_stream_read_line (stream, 2000);
      gint64 ms;

      g_assert_nonnull (line);
      g_assert_nonnull (strstr (line, " app[web.1]: "));
      /* One line per tick of the web process, none lost, none twice. */
      ms = line_ms (line);
      if (previous_ms != 0)
        g_assert_cmpint (ms - previous_ms, ==, WEB_LOG_MS);
      previous_ms = ms;
      n_live++;
      if (g_get_monotonic_time () >= next_sample)
        {
          guint64 kib = hst_process_rss_kib (process);

          g_array_append_val (rss, kib);
          next_sample += SAMPLE_EVERY_S * G_USEC_PER_SEC;
        }
    }
  first = g_array_index (rss, guint64, 0);
  last = g_array_index (rss, guint64, rss->len - 1);
  for (guint i = 0; i < rss->len; i++)
    peak = MAX (peak, g_array_index (rss, guint64, i));
  g_test_message ("%u lines in %d s; RSS %" G_GUINT64_FORMAT
                  " KiB after %d s, peak %" G_GUINT64_FORMAT " KiB, %" G_GUINT64_FORMAT
                  " KiB at the end (%u samples)",
                  n_live, SOAK_S, first, WARM_UP_S, peak, last, rss->len);
  /* 10 a second, give or take the line in flight at either end. */
  g_assert_cmpuint (n_live, >=, SOAK_S * 1000 / WEB_LOG_MS - 2);
  g_assert_cmpuint (n_live, <=, SOAK_S * 1000 / WEB_LOG_MS + 2);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps freed memory in quarantine (256 MB by default): RSS says nothing. */
  g_test_message ("AddressSanitizer build: RSS not checked");
#else
  g_assert_cmpuint (peak, <, first + RSS_SLACK_KIB);
#endif

  g_clear_pointer (&stream, hst_stream_free);
  g_clear_object (&client.session);
  g_free (client.base);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/logs/soak", test_log_soak);
  return g_test_run ();
}
