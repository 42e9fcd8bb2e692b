/* test-server-logs.c: each application's log (builds, deploys, hook calls, configuration
 * changes, a simulated web process) and the log sessions that stream it (L1, L2), over loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-log-ring.h"
#include "hst.h"

#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, setup, fn, hst_teardown)
/* A line written after a session opened reaches its reader within this. */
#define LIVE_WITHIN_MS 2000

/* No web process unless a test asks for one: the lines it reads are the ones it caused. */
static void
setup (HstFixture *f, gconstpointer data)
{
  hst_setup (f, data);
  hbs_server_set_web_log_ms (f->server, 0);
}

/* L1 for @slug with the JSON @body; returns the session URL (absolute, as Location gave it). */
static char *
open_session (HstFixture *f, const char *slug, const char *body)
{
  g_autofree char *path = g_strdup_printf ("/applications/%s/logsession", slug);
  g_autoptr (HstResponse) r = hst_send (f, "POST", path, body);
  const char *location = soup_message_headers_get_one (r->headers, "Location");
  g_autofree char *prefix = g_strconcat (f->base, "/sessions/", NULL);

  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
  g_assert_true (g_str_has_prefix (location, prefix));
  return g_strdup (location);
}

/* A whole session that does not tail, as lines. */
static GStrv
read_session (HstFixture *f, const char *slug, const char *body)
{
  g_autofree char *url = open_session (f, slug, body);
  g_autoptr (HstResponse) r = hst_request (f, "GET", url + strlen (f->base), NULL, NULL, NULL);
  GStrv lines;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Content-Type"), ==,
                   "text/plain; charset=utf-8");
  /* An empty body has no text at all. */
  if (r->text == NULL || r->text[0] == '\0')
    return g_new0 (char *, 1);
  g_assert_true (g_str_has_suffix (r->text, "\n"));
  lines = g_strsplit (r->text, "\n", 0);
  /* The text ends with a newline: drop the empty string after it. */
  g_free (lines[g_strv_length (lines) - 1]);
  lines[g_strv_length (lines) - 1] = NULL;
  return lines;
}

/* "2026-12-07T10:00:00.123+00:00 app[web.1]: message": the time in UTC with milliseconds, then
 * what the official CLI's colouring regex reads (appharbor-api.md §3.11). */
static void
assert_line_format (const char *line)
{
  static GRegex *format;
  static GRegex *cli;

  if (format == NULL)
    {
      format = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00 "
                            "[a-z]+\\[[a-z0-9.-]+\\]: [^\\x00-\\x1f]*$",
                            G_REGEX_OPTIMIZE, 0, NULL);
      cli = g_regex_new ("^(.*?\\[([\\w-]+)([\\d\\.]+)?\\]:)(.*)?$", G_REGEX_OPTIMIZE, 0, NULL);
    }
  if (!g_regex_match (format, line, 0, NULL))
    g_error ("not a log line: “%s”", line);
  g_assert_true (g_regex_match (cli, line, 0, NULL));
}

/* Every line well formed, in time order. */
static void
assert_lines (GStrv lines)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      assert_line_format (lines[i]);
      if (i > 0)
        g_assert_cmpint (strncmp (lines[i - 1], lines[i], 29), <=, 0);
    }
}

static char *
trigger (HstFixture *f, const char *slug, const char *message)
{
  g_autofree char *path = g_strdup_printf ("/applications/%s/builds", slug);
  g_autofree char *body = g_strdup_printf (
      "{\"branches\":{\"main\":{\"commit_id\":\"0123456789abcdef0123456789abcdef01234567\","
      "\"commit_message\":\"%s\",\"download_url\":\"https://example.org/a.tar.gz\"}}}",
      message);
  g_autoptr (HstResponse) r = hst_send (f, "POST", path, body);
  g_autofree char *prefix = g_strdup_printf ("/applications/%s/builds", slug);
  char *id = NULL;

  hst_assert_created (f, r, prefix, &id);
  return id;
}

/* The tail first (respecting limit), then a line written after the session opened, within
 * two seconds: here each stage of a build triggered once the tail was read. */
static void
test_tail_then_live (HstFixture *f, gconstpointer data)
{
  g_autofree char *url = open_session (f, "hello-world", "{\"tail\":true,\"limit\":5}");
  g_autoptr (HstStream) stream = hst_stream_open (f->session, url);
  static const char *const stages[] = {
    "appharbor[build]: Build #: Received notification, queuing build",
    "appharbor[build]: Build #: Building",
    "appharbor[build]: Build #: Running tests",
    "appharbor[build]: Build #: Build succeeded",
    "appharbor[deploy]: Build #: Deployed",
    "app[web.1]: Application started (build #)",
  };
  g_autofree char *previous = NULL;
  g_autofree char *id = NULL;
  gint64 start;

  /* The tail: the last five lines of the seeded history, build 60 deployed. */
  for (guint i = 0; i < 5; i++)
    {
      char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);

      g_assert_nonnull (line);
      assert_line_format (line);
      if (previous != NULL)
        g_assert_cmpint (strncmp (previous, line, 29), <=, 0);
      g_free (previous);
      previous = line;
    }
  g_assert_nonnull (strstr (previous, " app[web.1]: Application started (build 60)"));
  /* Nothing more until something happens. */
  g_assert_null (hst_stream_read_line (stream, 300));
  g_assert_true (hst_stream_timed_out (stream));
  g_clear_pointer (&stream, hst_stream_free);

  url = (g_free (url), open_session (f, "hello-world", "{\"tail\":true,\"limit\":1}"));
  stream = hst_stream_open (f->session, url);
  g_free (hst_stream_read_line (stream, LIVE_WITHIN_MS));
  start = g_get_monotonic_time ();
  id = trigger (f, "hello-world", "Live and kicking");
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_auto (GStrv) parts = g_strsplit (stages[i], "#", -1);
      g_autofree char *needle = g_strjoinv (id, parts);
      g_autofree char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);
      gint64 elapsed_ms = (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND;

      g_assert_nonnull (line);
      assert_line_format (line);
      g_assert_cmpint (strncmp (previous, line, 29), <=, 0);
      if (strstr (line, needle) == NULL)
        g_error ("expected “%s”, got “%s”", needle, line);
      if (i == 0)
        {
          g_test_message ("first live line after %" G_GINT64_FORMAT " ms", elapsed_ms);
          g_assert_cmpint (elapsed_ms, <, LIVE_WITHIN_MS);
        }
      g_free (previous);
      previous = g_steal_pointer (&line);
    }
}

/* limit, sourceFilter (any case, spelled as the CLI did too) and processFilter (exact). */
static void
test_filters (HstFixture *f, gconstpointer data)
{
  g_auto (GStrv) all = read_session (f, "hello-world", "{\"tail\":false,\"limit\":1500}");
  g_auto (GStrv) three = read_session (f, "hello-world", "{\"tail\":false,\"limit\":3}");
  g_auto (GStrv) none = read_session (f, "hello-world", "{\"tail\":false,\"limit\":0}");
  g_auto (GStrv) app =
      read_session (f, "hello-world", "{\"tail\":false,\"limit\":100,\"sourceFilter\":\"APP\"}");
  g_auto (GStrv) cli = read_session (
      f, "hello-world", "{\"tail\":false,\"limit\":100,\"sourcefilter\":\"appharbor\"}");
  g_auto (GStrv) deploy =
      read_session (f, "hello-world", "{\"tail\":false,\"limit\":2,\"processFilter\":\"deploy\"}");
  g_auto (GStrv) wrong_case =
      read_session (f, "hello-world", "{\"tail\":false,\"limit\":100,\"processFilter\":\"Build\"}");
  g_auto (GStrv) both = read_session (
      f, "hello-world",
      "{\"tail\":false,\"limit\":100,\"sourceFilter\":\"app\",\"processFilter\":\"build\"}");
  guint n = g_strv_length (all);

  assert_lines (all);
  g_assert_cmpuint (n, >, 10);
  g_assert_cmpuint (g_strv_length (three), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (three[i], ==, all[n - 3 + i]);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (g_strv_length (app), >, 0);
  for (guint i = 0; app[i] != NULL; i++)
    g_assert_nonnull (strstr (app[i], " app[web.1]: "));
  g_assert_cmpuint (g_strv_length (cli), ==, n - g_strv_length (app));
  for (guint i = 0; cli[i] != NULL; i++)
    g_assert_nonnull (strstr (cli[i], " appharbor["));
  g_assert_cmpuint (g_strv_length (deploy), ==, 1);
  g_assert_nonnull (strstr (deploy[0], " appharbor[deploy]: Build 60: Deployed"));
  g_assert_cmpuint (g_strv_length (wrong_case), ==, 0);
  g_assert_cmpuint (g_strv_length (both), ==, 0);
}

/* A tailing session's filters apply to the lines that come too. */
static void
test_live_filters (HstFixture *f, gconstpointer data)
{
  g_autofree char *url =
      open_session (f, "shop-api",
                    "{\"tail\":true,\"limit\":0,\"sourceFilter\":\"appharbor\",\"processFilter\":"
                    "\"deploy\"}");
  g_autoptr (HstStream) stream = hst_stream_open (f->session, url);
  g_autofree char *id = trigger (f, "shop-api", "Deploy me");
  g_autofree char *expected = g_strdup_printf (" appharbor[deploy]: Build %s: Deployed", id);
  g_autofree char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);

  /* The build's own stages ([build]) and the web process's start (app) were filtered out. */
  g_assert_nonnull (line);
  if (strstr (line, expected) == NULL)
    g_error ("expected “%s”, got “%s”", expected, line);
  g_assert_null (hst_stream_read_line (stream, 300));
}

/* Sessions are single use; HEAD looks without using one up; unknown ones are JSON 404s. */
static void
test_single_use (HstFixture *f, gconstpointer data)
{
  g_autofree char *url = open_session (f, "docs-site", "{\"tail\":false,\"limit\":5}");
  const char *path = url + strlen (f->base);
  g_autoptr (HstResponse) head = hst_request (f, "HEAD", path, NULL, NULL, NULL);
  g_autoptr (HstResponse) first = hst_request (f, "GET", path, NULL, NULL, NULL);
  g_autoptr (HstResponse) again = hst_request (f, "GET", path, NULL, NULL, NULL);
  g_autoptr (HstResponse) post = hst_request (f, "POST", "/sessions/x", NULL, NULL, NULL);

  g_assert_cmpuint (head->status, ==, 200);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (strlen (first->text), >, 0);
  hst_assert_error (again, 404);
  hst_assert_error (post, 405);
}

/* Configuration changes are logged by whom, never with a variable's value or the credentials
 * and query of a URL; hostnames tell the router too. */
static void
test_configuration_changes (HstFixture *f, gconstpointer data)
{
  static const struct
  {
    const char *method;
    const char *path;
    const char *body;
  } changes[] = {
    { "POST", "/configurationvariables", "{\"key\":\"DATABASE_URL\",\"value\":\"s3cr3t-value\"}" },
    { "POST", "/hostnames", "{\"value\":\"www.example.org\"}" },
    { "POST", "/collaborators",
      "{\"collaboratorEmail\":\"ana@example.com\",\"role\":\"collaborator\"}" },
    { "POST", "/drains", "{\"url\":\"https://user:pa55@logs.example.org/in?token=t0k3n\"}" },
    { "POST", "/servicehooks", "{\"url\":\"https://hooks.example.org/h?key=k3y\"}" },
  };
  static const char *const expected[] = {
    " appharbor[api]: Configuration variable DATABASE_URL added by demo",
    " appharbor[api]: Hostname www.example.org added by demo",
    " appharbor[router]: Routing www.example.org to status-page",
    " appharbor[api]: Collaborator ana (collaborator) added by demo",
    " appharbor[api]: Drain https://logs.example.org/in added by demo",
    " appharbor[api]: Service hook https://hooks.example.org/h added by demo",
    " appharbor[api]: Configuration variable DATABASE_URL renamed to DB_URL by demo",
    " appharbor[api]: Configuration variable DB_URL changed by demo",
    " appharbor[api]: Configuration variable DB_URL removed by demo",
    " appharbor[api]: Hostname www.example.org removed by demo",
    " appharbor[router]: No longer routing www.example.org",
    " appharbor[api]: Application renamed to “Status” by demo",
  };
  g_autofree char *variable = NULL;
  g_autofree char *hostname = NULL;
  g_auto (GStrv) lines = NULL;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *path = g_strconcat ("/applications/status-page", changes[i].path, NULL);
      g_autoptr (HstResponse) r = hst_send (f, changes[i].method, path, changes[i].body);

      hst_assert_created (f, r, path, i == 0 ? &variable : i == 1 ? &hostname : NULL);
    }
  {
    g_autofree char *path =
        g_strconcat ("/applications/status-page/configurationvariables/", variable, NULL);
    g_autofree char *host_path =
        g_strconcat ("/applications/status-page/hostnames/", hostname, NULL);
    g_autoptr (HstResponse) put =
        hst_send (f, "PUT", path, "{\"key\":\"DB_URL\",\"value\":\"other-s3cr3t\"}");
    g_autoptr (HstResponse) del = hst_send (f, "DELETE", path, NULL);
    g_autoptr (HstResponse) del_host = hst_send (f, "DELETE", host_path, NULL);
    g_autoptr (HstResponse) rename =
        hst_send (f, "PUT", "/applications/status-page", "{\"name\":\"Status\"}");

    g_assert_cmpuint (put->status, ==, 200);
    g_assert_cmpuint (del->status, ==, 204);
    g_assert_cmpuint (del_host->status, ==, 204);
    g_assert_cmpuint (rename->status, ==, 200);
  }
  /* Ten through the API; the two router lines are the router's. */
  lines = read_session (
      f, "status-page",
      "{\"tail\":false,\"limit\":100,\"sourceFilter\":\"appharbor\",\"processFilter\":"
      "\"api\"}");
  g_assert_cmpuint (g_strv_length (lines), ==, 10);
  g_strfreev (lines);
  lines = read_session (f, "status-page", "{\"tail\":false,\"limit\":14}");
  assert_lines (lines);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, 14);
  /* The first two are the end of the seeded history. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (strstr (lines[n - G_N_ELEMENTS (expected) + i], expected[i]) == NULL)
      g_error ("line %u: expected “%s”, got “%s”", i, expected[i],
               lines[n - G_N_ELEMENTS (expected) + i]);
  for (guint i = 0; i < n; i++)
    {
      g_assert_null (strstr (lines[i], "s3cr3t"));
      g_assert_null (strstr (lines[i], "pa55"));
      g_assert_null (strstr (lines[i], "t0k3n"));
      g_assert_null (strstr (lines[i], "k3y"));
    }
}

typedef struct
{
  SoupServer *server;
  char *url;
} Hook;

static void
hook_cb (SoupServer *server,
         SoupServerMessage *msg,
         const char *path,
         GHashTable *query,
         gpointer user_data)
{
  soup_server_message_set_status (msg, 204, NULL);
}

/* A hook call's outcome is logged: an answer, and a hook nobody listens at. */
static void
test_hook_calls (HstFixture *f, gconstpointer data)
{
  g_autoptr (SoupServer) receiver = soup_server_new (NULL, NULL);
  g_autoptr (GSList) uris = NULL;
  g_autofree char *url = NULL;
  g_autofree char *body = NULL;
  g_autofree char *session = NULL;
  g_autoptr (HstStream) stream = NULL;
  g_autofree char *expected = NULL;
  gboolean answered = FALSE, refused = FALSE;
  gint64 end;

  soup_server_add_handler (receiver, "/hook", hook_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (receiver, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, NULL));
  uris = soup_server_get_uris (receiver);
  url = g_strdup_printf ("http://127.0.0.1:%d/hook", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  body = g_strdup_printf ("{\"url\":\"%s\"}", url);
  {
    g_autoptr (HstResponse) a = hst_send (f, "POST", "/applications/docs-site/servicehooks", body);
    /* Port 9 (discard) on loopback: nobody there. */
    g_autoptr (HstResponse) b = hst_send (f, "POST", "/applications/docs-site/servicehooks",
                                          "{\"url\":\"http://127.0.0.1:9/nobody\"}");

    g_assert_cmpuint (a->status, ==, 201);
    g_assert_cmpuint (b->status, ==, 201);
  }
  session = open_session (f, "docs-site",
                          "{\"tail\":true,\"limit\":0,\"processFilter\":\"servicehook\"}");
  stream = hst_stream_open (f->session, session);
  g_free (trigger (f, "docs-site", "Call the hooks"));
  expected =
      g_strdup_printf ("appharbor[servicehook]: Service hook %s answered 204 No Content", url);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!(answered && refused) && g_get_monotonic_time () < end)
    {
      g_autofree char *line = hst_stream_read_line (stream, 10000);

      g_assert_nonnull (line);
      assert_line_format (line);
      answered |= strstr (line, expected) != NULL;
      refused |=
          strstr (line, "Service hook http://127.0.0.1:9/nobody could not be called: ") != NULL;
    }
  g_assert_true (answered);
  g_assert_true (refused);
  soup_server_disconnect (receiver);
}

/* The simulated web process: a line every web-log-ms while the application runs, at the times
 * they were due, the same content whoever looks; none for an application never deployed, none
 * at all with 0. */
static void
test_web_process (HstFixture *f, gconstpointer data)
{
  g_autofree char *url = NULL;
  g_autoptr (HstStream) stream = NULL;
  g_autoptr (HstResponse) created = NULL;
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) kept = NULL;
  gint64 previous_ms = 0;
  guint n_kept;

  hbs_server_set_web_log_ms (f->server, 50);
  url = open_session (f, "payments-worker",
                      "{\"tail\":true,\"limit\":0,\"processFilter\":\"web.1\"}");
  stream = hst_stream_open (f->session, url);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);
      g_autoptr (GDateTime) time = NULL;
      g_autofree char *stamp = NULL;
      gint64 ms;

      g_assert_nonnull (line);
      assert_line_format (line);
      g_assert_nonnull (strstr (line, " app[web.1]: "));
      g_assert_nonnull (strstr (line, " responded "));
      stamp = g_strndup (line, 29);
      time = g_date_time_new_from_iso8601 (stamp, NULL);
      g_assert_nonnull (time);
      ms = g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
      /* On the 50 ms grid, one tick after another. */
      g_assert_cmpint (ms % 50, ==, 0);
      if (previous_ms != 0)
        g_assert_cmpint (ms - previous_ms, ==, 50);
      previous_ms = ms;
      g_ptr_array_add (seen, g_steal_pointer (&line));
    }
  g_clear_pointer (&stream, hst_stream_free);
  /* What was streamed is what the ring kept, line for line, whoever reads it. */
  kept = read_session (f, "payments-worker",
                       "{\"tail\":false,\"limit\":1500,\"sourceFilter\":\"app\"}");
  n_kept = g_strv_length (kept);
  for (guint i = 0; i < seen->len; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < n_kept && !found; k++)
        found = g_str_equal (kept[k], g_ptr_array_index (seen, i));
      g_assert_true (found);
    }

  /* Never deployed: no web process. */
  created =
      hst_send (f, "POST", "/applications",
                "{\"name\":\"Quiet\",\"region_identifier\":\"amazon-web-services::us-east-1\"}");
  g_assert_cmpuint (created->status, ==, 201);
  url = (g_free (url), open_session (f, "quiet", "{\"tail\":true,\"limit\":10}"));
  stream = hst_stream_open (f->session, url);
  {
    g_autofree char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);

    g_assert_nonnull (strstr (line, " appharbor[api]: Application created by demo"));
  }
  g_assert_null (hst_stream_read_line (stream, 300));
  g_clear_pointer (&stream, hst_stream_free);

  /* Switched off. */
  hbs_server_set_web_log_ms (f->server, 0);
  url = (g_free (url), open_session (f, "payments-worker", "{\"tail\":true,\"limit\":0}"));
  stream = hst_stream_open (f->session, url);
  g_assert_null (hst_stream_read_line (stream, 300));
}

/* Deleting the application ends its sessions' streams; a session not opened yet is gone with
 * it. */
static void
test_deleted_app (HstFixture *f, gconstpointer data)
{
  g_autofree char *url = open_session (f, "status-page", "{\"tail\":true,\"limit\":1}");
  g_autofree char *later = open_session (f, "status-page", "{\"tail\":true,\"limit\":1}");
  g_autoptr (HstStream) stream = hst_stream_open (f->session, url);
  g_autofree char *first = hst_stream_read_line (stream, LIVE_WITHIN_MS);
  g_autoptr (HstResponse) del = hst_send (f, "DELETE", "/applications/status-page", NULL);
  g_autoptr (HstResponse) gone = NULL;

  g_assert_nonnull (first);
  g_assert_cmpuint (del->status, ==, 204);
  g_assert_null (hst_stream_read_line (stream, LIVE_WITHIN_MS));
  g_assert_false (hst_stream_timed_out (stream));
  gone = hst_request (f, "GET", later + strlen (f->base), NULL, NULL, NULL);
  hst_assert_error (gone, 404);
}

/* At most 64 sessions stream at once: one more ends the oldest, which its reader sees. */
static void
test_streams_capped (HstFixture *f, gconstpointer data)
{
  g_autoptr (SoupSession) session =
      soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100, NULL);
  g_autoptr (GPtrArray) streams = g_ptr_array_new_with_free_func ((GDestroyNotify) hst_stream_free);

  for (guint i = 0; i < 65; i++)
    {
      g_autofree char *url = open_session (f, "docs-site", "{\"tail\":true,\"limit\":0}");

      g_ptr_array_add (streams, hst_stream_open (session, url));
    }
  g_assert_null (hst_stream_read_line (g_ptr_array_index (streams, 0), LIVE_WITHIN_MS));
  g_assert_false (hst_stream_timed_out (g_ptr_array_index (streams, 0)));
  g_assert_null (hst_stream_read_line (g_ptr_array_index (streams, 1), 100));
  g_assert_true (hst_stream_timed_out (g_ptr_array_index (streams, 1)));
}

/* Fault switches leave a log stream alone (it is paced by its log): the stream that was to be
 * stalled or cut short still gets its lines. */
static void
test_faults_spare_streams (HstFixture *f, gconstpointer data)
{
  for (guint i = 0; i < 2; i++)
    {
      HbsFaults faults = { 0, 0, i == 0 ? 2 : 0, i == 1 ? 2 : 0 };
      g_autofree char *url = NULL;
      g_autoptr (HstStream) stream = NULL;
      g_autofree char *id = NULL;
      g_autofree char *wanted = NULL;
      char *line;
      gboolean seen = FALSE;

      /* Requests 1 (L1) and 3 (the trigger) are ordinary; 2 is the stream. */
      hbs_server_set_faults (f->server, &faults);
      url = open_session (f, "docs-site", "{\"tail\":true,\"limit\":0}");
      stream = hst_stream_open (f->session, url);
      id = trigger (f, "docs-site", "Through the faults");
      /* The first round's build goes on writing its stages, which may come first here. */
      wanted = g_strdup_printf ("Build %s: Received notification", id);
      while (!seen && (line = hst_stream_read_line (stream, LIVE_WITHIN_MS)) != NULL)
        {
          seen = strstr (line, wanted) != NULL;
          g_free (line);
        }
      g_assert_true (seen);
      hbs_server_set_faults (f->server, NULL);
    }
}

/* A reader that hangs up is noticed at once, even when no line comes to fail a write: its
 * connection is closed. On a server that holds 16 connections, three rounds of ten streams on
 * an application with nothing to say would leave the third round no room otherwise (a stream
 * is answering, so it is never closed to make room). */
static void
test_reader_gone (void)
{
  HstFixture f = {
    NULL,
  };
  HbsServer *server = hbs_server_new ();
  HbsLimits limits = { 16, 0, 0 };
  g_autoptr (SoupSession) session =
      soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100, NULL);

  hbs_server_seed (server);
  hbs_server_add_token (server, "demo", HST_TOKEN);
  hbs_server_set_web_log_ms (server, 0);
  hbs_server_set_limits (server, &limits);
  hst_start (&f, server);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (GPtrArray) streams =
          g_ptr_array_new_with_free_func ((GDestroyNotify) hst_stream_free);

      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *url = open_session (&f, "docs-site", "{\"tail\":true,\"limit\":1}");
          HstStream *stream = hst_stream_open (session, url);
          g_autofree char *line = hst_stream_read_line (stream, LIVE_WITHIN_MS);

          g_assert_nonnull (line);
          g_ptr_array_add (streams, stream);
        }
      g_test_message ("round %u: 10 streams open", round);
      /* The readers go; the server sees them go. */
      g_ptr_array_set_size (streams, 0);
      hst_wait (200);
    }
  hst_teardown (&f, NULL);
}

/* The ring keeps the last 1500 lines, and a line is always one line of text. */
static void
test_ring (void)
{
  g_autoptr (HbsLogRing) ring = hbs_log_ring_new (HBS_LOG_RING_CAPACITY);
  g_autofree char *long_message = g_strnfill (2000, 'x');
  g_autofree char *ys = g_strnfill (HBS_LOG_MAX_MESSAGE - 3, 'y');
  /* A "€" (3 bytes) ends exactly at the limit, the next one would cross it. */
  g_autofree char *fits = g_strconcat (ys, "€€", NULL);
  /* One more "y": the first "€" crosses the limit. */
  g_autofree char *crosses = g_strconcat (ys, "y€€", NULL);
  const HbsLogLine *line;
  const char *text;
  gsize length;

  for (guint i = 0; i < 1600; i++)
    {
      g_autofree char *message = g_strdup_printf ("line %u", i);

      hbs_log_ring_append (ring, (gint64) i * 1000, "app", "web.1", message);
    }
  g_assert_cmpuint (hbs_log_ring_get_length (ring), ==, 1500);
  text = hbs_log_line_get_text (hbs_log_ring_get (ring, 0), &length);
  g_assert_cmpstr (text, ==, "1970-01-01T00:00:00.100+00:00 app[web.1]: line 100\n");
  g_assert_cmpuint (length, ==, strlen (text));
  text = hbs_log_line_get_text (hbs_log_ring_get (ring, 1499), NULL);
  g_assert_cmpstr (text, ==, "1970-01-01T00:00:01.599+00:00 app[web.1]: line 1599\n");

  line =
      hbs_log_ring_append (ring, 1781870400123000, "appharbor", "build",
                           "Fix\nforged 2026-01-01T00:00:00.000+00:00 app[web.1]: x\r\x1b[31m\x7f");
  g_assert_cmpstr (hbs_log_line_get_text (line, NULL), ==,
                   "2026-06-19T12:00:00.123+00:00 appharbor[build]: Fix forged "
                   "2026-01-01T00:00:00.000+00:00 app[web.1]: x  [31m \n");
  g_assert_true (hbs_log_line_matches (line, "AppHarbor", "build"));
  g_assert_true (hbs_log_line_matches (line, NULL, ""));
  g_assert_false (hbs_log_line_matches (line, "app", NULL));
  g_assert_false (hbs_log_line_matches (line, "appharbo", NULL));
  g_assert_false (hbs_log_line_matches (line, NULL, "Build"));
  g_assert_false (hbs_log_line_matches (line, NULL, "buil"));

  line = hbs_log_ring_append (ring, 0, "app", "web.1", long_message);
  text = hbs_log_line_get_text (line, &length);
  g_assert_cmpuint (length, ==, 42 + HBS_LOG_MAX_MESSAGE + strlen ("…") + 1);
  g_assert_true (g_str_has_suffix (text, "x…\n"));
  /* Cut on a character boundary, and invalid UTF-8 made valid. */
  text = hbs_log_line_get_text (hbs_log_ring_append (ring, 0, "app", "web.1", fits), NULL);
  g_assert_true (g_str_has_suffix (text, "y€…\n"));
  g_assert_cmpuint (strlen (text), ==, 42 + HBS_LOG_MAX_MESSAGE + strlen ("…") + 1);
  text = hbs_log_line_get_text (hbs_log_ring_append (ring, 0, "app", "web.1", crosses), NULL);
  g_assert_true (g_str_has_suffix (text, "yy…\n"));
  text =
      hbs_log_line_get_text (hbs_log_ring_append (ring, 0, "app", "web.1", "bad \xff byte"), NULL);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/logs/ring", test_ring);
  g_test_add_func ("/server/logs/reader-gone", test_reader_gone);
  TEST ("/server/logs/tail-then-live", test_tail_then_live);
  TEST ("/server/logs/filters", test_filters);
  TEST ("/server/logs/live-filters", test_live_filters);
  TEST ("/server/logs/single-use", test_single_use);
  TEST ("/server/logs/configuration-changes", test_configuration_changes);
  TEST ("/server/logs/hook-calls", test_hook_calls);
  TEST ("/server/logs/web-process", test_web_process);
  TEST ("/server/logs/deleted-app", test_deleted_app);
  TEST ("/server/logs/streams-capped", test_streams_capped);
  TEST ("/server/logs/faults-spare-streams", test_faults_spare_streams);
  return g_test_run ();
}
