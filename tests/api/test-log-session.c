/* test-log-session.c: live logs: HbLogSession against harbor-server (tail first, a line
 * written later, the end, a drop) and against a scripted log server (hostile lines, pauses,
 * errors, URLs, framing, TLS, throughput)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "hb-api.h"
#include "hbt-logplex.h"
#include "hbt-server.h"
#include "hbt-utils.h"

/* A line written after a session opened reaches its reader within this (the 2 s). */
#define LIVE_WITHIN_MS 2000

/* ---- a session's lines and its end, collected ---- */

typedef struct
{
  HbLogSession *session;
  GPtrArray *lines;
  GAsyncResult *result;
  GCancellable *cancellable;
  guint batches;
} Run;

static void
on_lines (HbLogSession *session, GPtrArray *lines, Run *run)
{
  g_assert_cmpuint (lines->len, >, 0);
  run->batches++;
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (run->lines, g_object_ref (lines->pdata[i]));
}

static Run *
run_start (HbLogSession *session)
{
  Run *run = g_new0 (Run, 1);

  run->session = session;
  run->lines = g_ptr_array_new_with_free_func (g_object_unref);
  run->cancellable = g_cancellable_new ();
  g_signal_connect (session, "lines", G_CALLBACK (on_lines), run);
  hb_log_session_run_async (session, run->cancellable, hbt_async_ready, &run->result);
  return run;
}

static void
run_free (Run *run)
{
  g_signal_handlers_disconnect_by_data (run->session, run);
  g_object_unref (run->session);
  g_ptr_array_unref (run->lines);
  g_clear_object (&run->result);
  g_object_unref (run->cancellable);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Waits for the run's end; returns run_finish's answer. */
static gboolean
run_wait (Run *run, GError **error)
{
  hbt_await (&run->result);
  return hb_log_session_run_finish (run->session, run->result, error);
}

static HbLogLine *
line_at (Run *run, guint i)
{
  return run->lines->pdata[i];
}

static gboolean
wait_lines (Run *run, guint n, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  while (run->lines->len < n && g_get_monotonic_time () < deadline && run->result == NULL)
    hbt_iterate_for (10);
  return run->lines->len >= n;
}

/* The index of the first line from @from whose text holds @needle, waiting up to
 * @timeout_ms; -1 if none came. */
static int
wait_text (Run *run, guint from, const char *needle, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      for (guint i = from; i < run->lines->len; i++)
        if (strstr (hb_log_line_get_text (line_at (run, i)), needle) != NULL)
          return (int) i;
      if (g_get_monotonic_time () >= deadline || run->result != NULL)
        return -1;
      hbt_iterate_for (10);
    }
}

/* ---- harbor-server ---- */

typedef struct
{
  HbtServer *server;
  HbClient *client;
} Fixture;

static void
setup (Fixture *f, gconstpointer data)
{
  f->server = hbt_server_new ();
  /* No simulated web process: the lines a test reads are the ones it caused. */
  hbs_server_set_web_log_ms (f->server->server, 0);
  hbs_server_set_build_step_ms (f->server->server, 200);
  f->client = hbt_server_new_client (f->server);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->client);
  g_clear_pointer (&f->server, hbt_server_free);
}

/* POSTs a build of @slug, as a push would (B4). */
static void
trigger_build (const char *base_url, const char *slug, const char *message)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/applications/%s/builds", base_url, slug);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *body = g_strdup_printf (
      "{\"branches\":{\"main\":{\"commit_id\":\"0123456789abcdef0123456789abcdef01234567\","
      "\"commit_message\":\"%s\",\"download_url\":\"https://example.org/a.tar.gz\"}}}",
      message);
  g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " HBT_DEMO_TOKEN);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, hbt_async_ready,
                                    &result);
  hbt_await (&result);
  reply = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
}

static void
assert_well_formed (HbLogLine *line)
{
  g_assert_cmpint (hb_log_line_get_time (line), !=, HB_LOG_LINE_NO_TIME);
  g_assert_nonnull (hb_log_line_get_source (line));
  g_assert_nonnull (hb_log_line_get_process (line));
  g_assert_false (hb_log_line_get_truncated (line));
}

/* The tail first (exactly `limit` lines, oldest first), then a line written after the session
 * opened, within 2 s; a cancelled session gives nothing more. */
static void
test_tail_then_live (Fixture *f, gconstpointer data)
{
  HbLogSession *session = hb_log_session_new (f->client, "hello-world");
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;
  int found;
  guint n;

  hb_log_session_set_limit (session, 5);
  run = run_start (session);
  g_assert_true (wait_lines (run, 5, 10000));
  hbt_iterate_for (200);
  g_assert_cmpuint (run->lines->len, ==, 5);
  g_assert_true (hb_log_session_get_streaming (session));
  g_assert_true (g_str_has_prefix (hb_log_session_get_url (session), f->server->base_url));
  for (guint i = 0; i < 5; i++)
    {
      assert_well_formed (line_at (run, i));
      if (i > 0)
        g_assert_cmpint (hb_log_line_get_time (line_at (run, i - 1)), <=,
                         hb_log_line_get_time (line_at (run, i)));
    }

  start = g_get_monotonic_time ();
  trigger_build (f->server->base_url, "hello-world", "Live line");
  found = wait_text (run, 5, "Received notification", LIVE_WITHIN_MS);
  g_assert_cmpint (found, >=, 5);
  g_test_message ("a line written after the session opened arrived in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpstr (hb_log_line_get_source (line_at (run, (guint) found)), ==, "appharbor");
  g_assert_cmpstr (hb_log_line_get_identifier (line_at (run, (guint) found)), ==, "build");

  g_cancellable_cancel (run->cancellable);
  g_assert_false (run_wait (run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (hb_log_session_get_streaming (session));
  n = run->lines->len;
  trigger_build (f->server->base_url, "hello-world", "After cancel");
  hbt_iterate_for (500);
  g_assert_cmpuint (run->lines->len, ==, n);
}

/* A session that does not tail ends after its lines: the end, not an error. */
static void
test_no_tail_ends (Fixture *f, gconstpointer data)
{
  HbLogSession *session = hb_log_session_new (f->client, "hello-world");
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;

  hb_log_session_set_tail (session, FALSE);
  hb_log_session_set_limit (session, 3);
  run = run_start (session);
  g_assert_true (run_wait (run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run->lines->len, ==, 3);
  g_assert_false (hb_log_session_get_streaming (session));
  g_assert_cmpuint (hb_log_session_get_n_lines (session), ==, 3);
}

/* The CLI's -s and -p: the source in any case, the process exactly. */
static void
test_filters (Fixture *f, gconstpointer data)
{
  HbLogSession *session = hb_log_session_new (f->client, "hello-world");
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;

  hb_log_session_set_tail (session, FALSE);
  hb_log_session_set_limit (session, HB_LOG_SESSION_MAX_LIMIT);
  hb_log_session_set_source_filter (session, "AppHarbor");
  hb_log_session_set_process_filter (session, "deploy");
  run = run_start (session);
  g_assert_true (run_wait (run, &error));
  g_assert_cmpuint (run->lines->len, >, 0);
  for (guint i = 0; i < run->lines->len; i++)
    {
      g_assert_cmpstr (hb_log_line_get_source (line_at (run, i)), ==, "appharbor");
      g_assert_cmpstr (hb_log_line_get_process (line_at (run, i)), ==, "deploy");
    }
}

/* The application is deleted while its log streams: the server ends the stream cleanly. */
static void
test_app_deleted_ends (Fixture *f, gconstpointer data)
{
  HbLogSession *session = hb_log_session_new (f->client, "status-page");
  g_autoptr (Run) run = run_start (session);
  g_autoptr (GAsyncResult) deleted = NULL;
  g_autoptr (GError) error = NULL;

  while (!hb_log_session_get_streaming (session))
    g_main_context_iteration (NULL, TRUE);
  hb_client_delete_resource_async (f->client, HB_TYPE_APP, NULL, "status-page", NULL,
                                   hbt_async_ready, &deleted);
  hbt_await (&deleted);
  g_assert_true (hb_client_delete_resource_finish (f->client, deleted, &error));
  g_assert_true (run_wait (run, &error));
  g_assert_no_error (error);
}

/* The server goes away under a stream: a drop, told apart from an end and from a cancel. */
static void
test_server_gone_drops (Fixture *f, gconstpointer data)
{
  HbLogSession *session = hb_log_session_new (f->client, "hello-world");
  g_autoptr (Run) run = run_start (session);
  g_autoptr (GError) error = NULL;

  g_assert_true (wait_lines (run, 1, 10000));
  g_clear_pointer (&f->server, hbt_server_free);
  g_assert_false (run_wait (run, &error));
  g_assert_nonnull (error);
  g_test_message ("a dropped stream: %s %d: %s", g_quark_to_string (error->domain), error->code,
                  error->message);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

/* L1's errors are the server's; a session runs once. */
static void
test_open_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (HbLogSession) missing = hb_log_session_new (f->client, "no-such-app");
  g_autoptr (HbClient) anonymous = hb_client_new (f->server->base_url);
  g_autoptr (HbLogSession) unsigned_in = hb_log_session_new (anonymous, "hello-world");
  HbLogSession *once = hb_log_session_new (f->client, "hello-world");
  g_autoptr (Run) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hb_log_session_run_async (missing, NULL, hbt_async_ready, &result);
  hbt_await (&result);
  g_assert_false (hb_log_session_run_finish (missing, result, &error));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-app"));
  g_clear_error (&error);
  g_clear_object (&result);

  hb_log_session_run_async (unsigned_in, NULL, hbt_async_ready, &result);
  hbt_await (&result);
  g_assert_false (hb_log_session_run_finish (unsigned_in, result, &error));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  first = run_start (once);
  hb_log_session_run_async (once, NULL, hbt_async_ready, &second);
  hbt_await (&second);
  g_assert_false (hb_log_session_run_finish (once, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_cancellable_cancel (first->cancellable);
  g_clear_error (&error);
  g_assert_false (run_wait (first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- a scripted log server ---- */

static HbClient *
logplex_client (HbtLogplex *logplex)
{
  HbClient *client = hb_client_new (hbt_logplex_get_base_url (logplex));

  hb_client_set_token (client, "secret-token");
  return client;
}

static gboolean
has_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x202e)
        return TRUE;
    }
  return FALSE;
}

/* Whatever the bytes, every line reaches its reader as one line of valid UTF-8 without
 * controls, markup kept as the characters it is; a line split anywhere (inside a character
 * too) is joined; a huge line is cut, and the next one is whole. */
static void
test_hostile_lines (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  HbLogSession *session = hb_log_session_new (client, "hostile");
  g_autofree char *huge = g_malloc (1024 * 1024 + 1);
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;
  HbLogLine *line;

  memset (huge, 'x', 1024 * 1024);
  huge[1024 * 1024] = '\0';
  hbt_logplex_add_chunk (logplex, 0,
                         "2026-12-07T10:00:00.123+00:00 app[web.1]: <b>bold</b> &amp; <i>\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "2026-12-07T10:00:01.000+00:00 app[web.1]: caf\xc3", -1);
  hbt_logplex_add_chunk (logplex, 0, "\xa9 ok\r", -1);
  hbt_logplex_add_chunk (logplex, 0, "\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "app[worker.2]: bad \xff\xfe end\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "router[h]: \x1b[31mred\x1b[0m\x07 bell\tx\x7f\xc2\x9b\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "nul\0byte \xe2\x80\xae evil\n", 18);
  hbt_logplex_add_chunk (logplex, 0, huge, -1);
  hbt_logplex_add_chunk (logplex, 0, huge, -1);
  hbt_logplex_add_chunk (logplex, 0, "\n\n\njust text after huge\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "last words without a newline", -1);
  hbt_logplex_set_end (logplex, HBT_LOGPLEX_END_CLEAN);

  hb_log_session_set_source_filter (session, "app");
  run = run_start (session);
  g_assert_true (run_wait (run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run->lines->len, ==, 8);
  for (guint i = 0; i < run->lines->len; i++)
    {
      const char *text = hb_log_line_get_text (line_at (run, i));

      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_false (has_controls (text));
      g_assert_null (strchr (text, '\n'));
    }

  line = line_at (run, 0);
  g_assert_cmpstr (hb_log_line_get_source (line), ==, "app");
  g_assert_cmpstr (hb_log_line_get_process (line), ==, "web.1");
  g_assert_cmpstr (hb_log_line_get_identifier (line), ==, "web");
  g_assert_cmpstr (hb_log_line_get_message (line), ==, "<b>bold</b> &amp; <i>");
  g_assert_cmpint (hb_log_line_get_time (line), ==, 1796637600123000);

  g_assert_cmpstr (hb_log_line_get_message (line_at (run, 1)), ==, "café ok");

  line = line_at (run, 2);
  g_assert_cmpint (hb_log_line_get_time (line), ==, HB_LOG_LINE_NO_TIME);
  g_assert_cmpstr (hb_log_line_get_identifier (line), ==, "worker");
  g_assert_cmpstr (hb_log_line_get_message (line), ==, "bad \xef\xbf\xbd\xef\xbf\xbd end");

  /* Controls show as their pictures: ␛[31mred␛[0m␇ bell x␡ (a C1 control as U+FFFD). */
  g_assert_cmpstr (hb_log_line_get_message (line_at (run, 3)), ==,
                   "\xe2\x90\x9b[31mred\xe2\x90\x9b[0m\xe2\x90\x87 bell x\xe2\x90\xa1\xef\xbf\xbd");
  g_assert_cmpstr (hb_log_line_get_text (line_at (run, 4)), ==,
                   "nul\xef\xbf\xbd"
                   "byte \xef\xbf\xbd evil");

  line = line_at (run, 5);
  g_assert_true (hb_log_line_get_truncated (line));
  g_assert_cmpuint (strlen (hb_log_line_get_text (line)), ==,
                    HB_LOG_SESSION_MAX_LINE + strlen ("…"));
  g_assert_null (hb_log_line_get_source (line));

  line = line_at (run, 6);
  g_assert_cmpstr (hb_log_line_get_text (line), ==, "just text after huge");
  g_assert_cmpstr (hb_log_line_get_message (line), ==, "just text after huge");
  g_assert_null (hb_log_line_get_source (line));
  g_assert_cmpstr (hb_log_line_get_text (line_at (run, 7)), ==, "last words without a newline");

  /* The session URL got no credentials; L1 named the options as the docs do. */
  g_assert_null (strstr (hbt_logplex_get_stream_request (logplex), "secret-token"));
  {
    g_autofree char *head = g_ascii_strdown (hbt_logplex_get_stream_request (logplex), -1);

    g_assert_null (strstr (head, "authorization"));
  }
  g_assert_cmpstr (hbt_logplex_get_open_body (logplex), ==,
                   "{\"tail\":true,\"limit\":100,\"sourceFilter\":\"app\"}");
}

/* The connection closes mid-stream: a drop (an error), with the lines before it given and a
 * line it cut left out. */
static void
test_drop (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  g_autoptr (Run) run = run_start (hb_log_session_new (client, "dropped"));
  g_autoptr (GError) error = NULL;

  hbt_logplex_add_chunk (logplex, 0, "2026-12-07T10:00:00.000+00:00 app[web.1]: one\n", -1);
  hbt_logplex_add_chunk (logplex, 0, "2026-12-07T10:00:01.000+00:00 app[web.1]: cut sh", -1);
  hbt_logplex_set_end (logplex, HBT_LOGPLEX_END_DROP);
  g_assert_false (run_wait (run, &error));
  g_test_message ("dropped: %s", error->message);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpuint (run->lines->len, ==, 1);
  g_assert_cmpstr (hb_log_line_get_message (line_at (run, 0)), ==, "one");
}

/* A quiet log is no timeout: the client's 1 s I/O timeout does not apply to the stream. */
static void
test_no_idle_timeout (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;

  hb_client_set_timeout (client, 1);
  hbt_logplex_add_chunk (logplex, 0, "app[web.1]: before\n", -1);
  hbt_logplex_add_chunk (logplex, 2500, "app[web.1]: after a quiet while\n", -1);
  hbt_logplex_set_end (logplex, HBT_LOGPLEX_END_CLEAN);
  run = run_start (hb_log_session_new (client, "quiet"));
  g_assert_true (run_wait (run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run->lines->len, ==, 2);
}

/* An open stream with nothing to say stops at once when cancelled. */
static void
test_cancel_quiet (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  HbLogSession *session = hb_log_session_new (client, "quiet");
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  hbt_logplex_add_chunk (logplex, 0, "app[web.1]: only line\n", -1);
  hbt_logplex_set_end (logplex, HBT_LOGPLEX_END_OPEN);
  run = run_start (session);
  g_assert_true (wait_lines (run, 1, 5000));
  start = g_get_monotonic_time ();
  g_cancellable_cancel (run->cancellable);
  g_assert_false (run_wait (run, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* The session URL's own errors carry the server's message. */
static void
test_stream_error (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;

  hbt_logplex_set_error (logplex, 404,
                         "{\"error\":{\"message\":\"No log session (sessions expire after a "
                         "minute)\"}}");
  run = run_start (hb_log_session_new (client, "expired"));
  g_assert_false (run_wait (run, &error));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No log session (sessions expire after a minute)");
}

/* Where a session URL may point: any https host, plain http only on this computer. */
static void
test_urls (void)
{
  static const struct
  {
    const char *location;
    GQuark domain;
    int code;
  } cases[] = {
    { "http://logplex.example.com/sessions/1", 0, HB_API_ERROR_INSECURE },
    { "ftp://127.0.0.1/sessions/1", 0, HB_API_ERROR_INVALID_RESPONSE },
    { "https://127.0.0.1:1/sessions/1", 1, G_IO_ERROR_CONNECTION_REFUSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
      g_autoptr (HbClient) client = logplex_client (logplex);
      g_autoptr (Run) run = NULL;
      g_autoptr (GError) error = NULL;
      GQuark domain = cases[i].domain == 0 ? HB_API_ERROR : G_IO_ERROR;

      hbt_logplex_set_location (logplex, cases[i].location);
      run = run_start (hb_log_session_new (client, "elsewhere"));
      g_assert_false (run_wait (run, &error));
      g_assert_error (error, domain, cases[i].code);
      g_assert_cmpstr (hb_log_session_get_url (run->session), ==, cases[i].location);
      g_assert_null (hbt_logplex_get_stream_request (logplex));
    }

  /* The loopback under another name and port is this computer. */
  {
    g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
    g_autoptr (HbtLogplex) other = hbt_logplex_new ();
    g_autoptr (HbClient) client = logplex_client (logplex);
    g_autofree char *location = NULL;
    g_autoptr (Run) run = NULL;
    g_autoptr (GError) error = NULL;

    location = g_strdup_printf ("http://localhost:%s/sessions/9",
                                strrchr (hbt_logplex_get_base_url (other), ':') + 1);
    hbt_logplex_set_location (logplex, location);
    hbt_logplex_add_chunk (other, 0, "app[web.1]: from the other one\n", -1);
    run = run_start (hb_log_session_new (client, "elsewhere"));
    g_assert_true (run_wait (run, &error));
    g_assert_cmpuint (run->lines->len, ==, 1);
    g_assert_nonnull (hbt_logplex_get_stream_request (other));
  }
}

/* An https session URL is checked like any https: a certificate nobody vouches for is an
 * error, and nothing is read. */
static void
run_tls_untrusted (void)
{
  g_autofree char *cert_path =
      g_test_build_filename (G_TEST_DIST, "api", "data", "self-signed.pem", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) cert = g_tls_certificate_new_from_file (cert_path, &error);
  HbtServerOptions options = { 0 };
  g_autoptr (HbtServer) server = NULL;
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  g_autofree char *location = NULL;
  g_autoptr (Run) run = NULL;

  g_assert_no_error (error);
  options.cert = cert;
  server = hbt_server_new_full (&options);
  location = g_strconcat (server->base_url, "/sessions/0123456789abcdef", NULL);
  g_assert_true (g_str_has_prefix (location, "https://"));
  hbt_logplex_set_location (logplex, location);
  run = run_start (hb_log_session_new (client, "tls"));
  g_assert_false (run_wait (run, &error));
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (run->lines->len, ==, 0);
}

/* LeakSanitizer's tracer crashes in a process where GnuTLS ran a handshake (see
 * test-client.c): the handshake runs in a child that skips the exit-time leak scan. */
static void
test_tls_untrusted (void)
{
  if (g_test_subprocess ())
    {
      run_tls_untrusted ();
      _exit (0);
    }
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The session URL's HTTP, read to the byte: chunk extensions and trailers, framing split
 * anywhere, a Content-Length body (whole or cut), a body that runs to the close, and answers
 * that are not HTTP or whose framing lies. */
static void
test_framing (void)
{
  static const struct
  {
    const char *head;
    const char *body;
    gboolean split; /* one byte a write */
    HbtLogplexEnd end;
    guint n_lines;
    GQuark domain; /* 0: ended; 1: G_IO_ERROR; 2: HB_API_ERROR */
    int code;
  } cases[] = {
    { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
      "6;name=x\r\napp[a]\r\n3\r\n: x\r\n1\r\n\n\r\n0\r\nX-Trailer: 1\r\n\r\ngarbage", TRUE,
      HBT_LOGPLEX_END_OPEN, 1, 0, 0 },
    { "HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\nContent-Length: 3\r\n\r\n",
      "C\r\napp[a]: one\n\r\n0\r\n\r\n", FALSE, HBT_LOGPLEX_END_OPEN, 1, 0, 0 },
    { "HTTP/1.1 200 OK\r\nContent-Length: 24\r\n\r\n", "app[a]: one\napp[a]: two\n", TRUE,
      HBT_LOGPLEX_END_OPEN, 2, 0, 0 },
    { "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", "app[a]: one\napp[a]: two\n", FALSE,
      HBT_LOGPLEX_END_DROP, 2, 1, G_IO_ERROR_PARTIAL_INPUT },
    { "HTTP/1.0 200 OK\r\n\r\n", "app[a]: one\nlast", FALSE, HBT_LOGPLEX_END_CLEAN, 2, 0, 0 },
    { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "C\r\napp[a]: one\n\r\n8\r\napp",
      FALSE, HBT_LOGPLEX_END_DROP, 1, 1, G_IO_ERROR_PARTIAL_INPUT },
    { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "zz\r\napp[a]: one\n", FALSE,
      HBT_LOGPLEX_END_OPEN, 0, 2, HB_API_ERROR_INVALID_RESPONSE },
    { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "3\r\nabcdef\r\n", FALSE,
      HBT_LOGPLEX_END_OPEN, 0, 2, HB_API_ERROR_INVALID_RESPONSE },
    { "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", "", FALSE, HBT_LOGPLEX_END_OPEN, 0, 2,
      HB_API_ERROR_INVALID_RESPONSE },
    { "SSH-2.0-OpenSSH_9.2\r\n\r\n", "", FALSE, HBT_LOGPLEX_END_OPEN, 0, 2,
      HB_API_ERROR_INVALID_RESPONSE },
    { "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 410 Gone\r\nContent-Length: 2\r\n\r\n", "{}", FALSE,
      HBT_LOGPLEX_END_OPEN, 0, 2, HB_API_ERROR_FAILED },
    { "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\r\n\r\n", "", FALSE,
      HBT_LOGPLEX_END_CLEAN, 0, 2, HB_API_ERROR_INVALID_RESPONSE },
    { "", "", FALSE, HBT_LOGPLEX_END_DROP, 0, 1, G_IO_ERROR_PARTIAL_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
      g_autoptr (HbClient) client = logplex_client (logplex);
      g_autoptr (Run) run = NULL;
      g_autoptr (GError) error = NULL;
      const char *body = cases[i].body;
      gboolean ended;

      g_test_message ("case %u", i);
      hbt_logplex_set_raw (logplex, cases[i].head);
      if (cases[i].split)
        for (const char *p = body; *p != '\0'; p++)
          hbt_logplex_add_chunk (logplex, 0, p, 1);
      else if (*body != '\0')
        hbt_logplex_add_chunk (logplex, 0, body, -1);
      hbt_logplex_set_end (logplex, cases[i].end);
      run = run_start (hb_log_session_new (client, "framing"));
      ended = run_wait (run, &error);
      g_assert_cmpuint (run->lines->len, ==, cases[i].n_lines);
      if (cases[i].domain == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ended);
        }
      else
        {
          GQuark domain = cases[i].domain == 1 ? G_IO_ERROR : HB_API_ERROR;

          g_assert_error (error, domain, cases[i].code);
        }
    }
}

/* Figures: how fast the reader turns a stream into lines (no view): 200,000 lines of 100
 * bytes in 64 KiB chunks. */
static void
test_throughput (void)
{
  g_autoptr (HbtLogplex) logplex = hbt_logplex_new ();
  g_autoptr (HbClient) client = logplex_client (logplex);
  g_autoptr (Run) run = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) chunk = g_string_new (NULL);
  const guint n_lines = 200000, per_chunk = 640;
  gint64 start;
  double seconds;

  for (guint i = 0; i < per_chunk; i++)
    g_string_append_printf (chunk,
                            "2026-12-07T10:00:00.%03u+00:00 app[web.1]: GET /items/%06u "
                            "responded 200 in 7 ms, a line of about 100 bytes\n",
                            i % 1000, i);
  for (guint i = 0; i < n_lines / per_chunk; i++)
    hbt_logplex_add_chunk (logplex, 0, chunk->str, (gssize) chunk->len);
  hbt_logplex_set_end (logplex, HBT_LOGPLEX_END_CLEAN);
  start = g_get_monotonic_time ();
  run = run_start (hb_log_session_new (client, "fast"));
  g_assert_true (run_wait (run, &error));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (run->lines->len, ==, n_lines / per_chunk * per_chunk);
  g_test_message ("reader: %u lines in %.2f s = %.0f lines/s, %u batches", run->lines->len, seconds,
                  run->lines->len / seconds, run->batches);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hbt_tolerate_client_hangups ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/log-session/tail-then-live", test_tail_then_live);
  ADD ("/log-session/no-tail-ends", test_no_tail_ends);
  ADD ("/log-session/filters", test_filters);
  ADD ("/log-session/app-deleted-ends", test_app_deleted_ends);
  ADD ("/log-session/server-gone-drops", test_server_gone_drops);
  ADD ("/log-session/open-errors", test_open_errors);
#undef ADD
  g_test_add_func ("/log-session/hostile-lines", test_hostile_lines);
  g_test_add_func ("/log-session/drop", test_drop);
  g_test_add_func ("/log-session/no-idle-timeout", test_no_idle_timeout);
  g_test_add_func ("/log-session/cancel-quiet", test_cancel_quiet);
  g_test_add_func ("/log-session/stream-error", test_stream_error);
  g_test_add_func ("/log-session/urls", test_urls);
  g_test_add_func ("/log-session/framing", test_framing);
  g_test_add_func ("/log-session/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/log-session/throughput", test_throughput);

  return g_test_run ();
}
