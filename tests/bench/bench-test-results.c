/* bench-test-results.c: HbTestResultsView at scale (--big-tests), against a bare JsonParser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>

#include "hb-api.h"
#include "hb-test-results-view.h"
#include "hbs-server.h"
#include "hbt-snapshot.h"

/* The server runs in its own thread and main context, so its JSON rendering
 * never counts as a stall of the view's main loop. Stalls are the longest
 * gap between two frame-clock ticks; a tick callback keeps the clock running
 * the whole time, as an animation would. */

#define TOKEN "bench-token"
#define MS(usec) ((usec) / 1000.0)

typedef struct
{
  GAsyncQueue *ready;
  GMainLoop *loop;
  GMainContext *context;
  guint n_tests;
} ServerThread;

static gint64 last_tick;
static gint64 max_gap;
static gint64 last_paint;
static guint n_paints;

static gpointer
server_main (gpointer data)
{
  ServerThread *st = data;
  g_autoptr (HbsServer) server = NULL;
  g_autoptr (GError) error = NULL;

  g_main_context_push_thread_default (st->context);
  server = hbs_server_new ();
  hbs_server_seed (server);
  hbs_server_add_token (server, "demo", TOKEN);
  hbs_server_add_big_tests (server, st->n_tests);
  if (!hbs_server_listen (server, "127.0.0.1", 0, NULL, &error))
    g_error ("listen: %s", error->message);
  g_async_queue_push (st->ready, hbs_server_dup_base_url (server));
  g_main_loop_run (st->loop);
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_tick != 0)
    max_gap = MAX (max_gap, now - last_tick);

  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_after_paint (GdkFrameClock *clock, gpointer user_data)
{
  last_paint = g_get_monotonic_time ();
  n_paints++;
}

static void
reset_stall (void)
{
  last_tick = g_get_monotonic_time ();
  max_gap = 0;
}

static void
iterate (void)
{
  g_main_context_iteration (NULL, TRUE);
}

static void
store_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    iterate ();
  return *slot;
}

/* Waits for the next frame painted after now; returns its time. */
static gint64
wait_paint (void)
{
  guint seen = n_paints;

  while (n_paints == seen)
    iterate ();
  return last_paint;
}

static void
wait_idle (HbTestResultsView *view)
{
  while (hb_test_results_view_get_busy (view))
    iterate ();
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static double
current_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static GBytes *
fetch_body (SoupSession *session, const char *url, gint64 *fetch_usec)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GBytes *body;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " TOKEN);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result, &result);
  body = soup_session_send_and_read_finish (session, await_result (&result), &error);
  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("fetch %s: %s", url, error ? error->message : soup_message_get_reason_phrase (msg));
  *fetch_usec = g_get_monotonic_time () - start;
  return body;
}

typedef struct
{
  const char *name;
  gint64 call;    /* the synchronous part */
  gint64 drawn;   /* until the next frame is painted */
  gint64 settled; /* until background group opening is done */
  gint64 stall;
  guint rows;
} Phase;

static void
print_phase (const Phase *p)
{
  g_print (
      "  %-28s call %6.1f ms  new rows drawn %7.1f ms  settled %7.1f ms  stall %6.1f ms  rows %u\n",
      p->name, MS ((double) p->call), MS ((double) p->drawn), MS ((double) p->settled),
      MS ((double) p->stall), p->rows);
}

typedef void (*PhaseFunc) (HbTestResultsView *view, gpointer data);

static Phase
run_phase (const char *name, HbTestResultsView *view, PhaseFunc func, gpointer data)
{
  GListModel *rows = hb_test_results_view_get_rows (view);
  g_autoptr (GObject) old_first = g_list_model_get_item (rows, 0);
  Phase p = { name };
  gint64 start;

  wait_paint ();
  reset_stall ();
  start = g_get_monotonic_time ();
  func (view, data);
  p.call = g_get_monotonic_time () - start;
  /* The new rows are in once the first row is another tree's row. */
  for (;;)
    {
      g_autoptr (GObject) first = g_list_model_get_item (rows, 0);

      if (first != old_first || !hb_test_results_view_get_busy (view))
        break;
      iterate ();
    }
  p.drawn = wait_paint () - start;
  wait_idle (view);
  p.settled = g_get_monotonic_time () - start;
  wait_paint ();
  p.stall = max_gap;
  p.rows = g_list_model_get_n_items (hb_test_results_view_get_rows (view));
  print_phase (&p);
  return p;
}

static void
set_failed_only (HbTestResultsView *view, gpointer data)
{
  hb_test_results_view_set_failed_only (view, GPOINTER_TO_INT (data));
}

static void
set_search (HbTestResultsView *view, gpointer data)
{
  hb_test_results_view_set_search_text (view, data);
}

static GtkColumnView *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_COLUMN_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkColumnView *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
sort_by_duration (HbTestResultsView *view, gpointer data)
{
  GtkColumnView *column_view = find_column_view (GTK_WIDGET (view));
  GListModel *columns = gtk_column_view_get_columns (column_view);
  g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 2);

  gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
}

/* Pages down through the list, one page per frame, like a held Page Down. */
static Phase
scroll_phase (HbTestResultsView *view, guint n_pages)
{
  GtkColumnView *column_view = find_column_view (GTK_WIDGET (view));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  Phase p = { "scroll (page per frame)" };
  gint64 start;

  wait_paint ();
  reset_stall ();
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_pages; i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                         gtk_adjustment_get_page_size (adj));
      wait_paint ();
    }
  p.drawn = p.settled = g_get_monotonic_time () - start;
  p.stall = max_gap;
  p.rows = g_list_model_get_n_items (hb_test_results_view_get_rows (view));
  print_phase (&p);
  return p;
}

/* Leaving the page drops 100,000 nodes. */
static Phase
close_phase (GtkWindow *window)
{
  Phase p = { "close the view" };
  gint64 start;

  wait_paint ();
  reset_stall ();
  start = g_get_monotonic_time ();
  gtk_window_set_child (window, NULL);
  p.call = g_get_monotonic_time () - start;
  p.drawn = wait_paint () - start;
  wait_paint ();
  p.settled = g_get_monotonic_time () - start;
  p.stall = max_gap;
  print_phase (&p);
  return p;
}

static const char *
verdict (gboolean ok)
{
  return ok ? "ok" : "MISSED";
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The machine is shared, so single figures are noisy: runs are repeated
 * and the median is compared. */
static gint64
median3 (gint64 v[3])
{
  qsort (v, 3, sizeof (gint64), compare_int64);
  return v[1];
}

/* Request → first rows on screen, for a fresh view. */
static HbTestResultsView *
load_view (GtkWindow *window, HbClient *client, const char *tests_url, Phase *p)
{
  HbTestResultsView *view;
  GListModel *rows;
  gint64 start;

  wait_paint ();
  reset_stall ();
  start = g_get_monotonic_time ();
  view = HB_TEST_RESULTS_VIEW (hb_test_results_view_new (client, tests_url));
  gtk_window_set_child (window, GTK_WIDGET (view));
  rows = hb_test_results_view_get_rows (view);
  while (g_list_model_get_n_items (rows) == 0)
    {
      if (g_str_equal (hb_test_results_view_get_state (view), "error"))
        g_error ("the view failed to load");
      iterate ();
    }
  p->call = p->drawn = wait_paint () - start;
  wait_idle (view);
  p->settled = g_get_monotonic_time () - start;
  wait_paint ();
  p->stall = max_gap;
  p->rows = g_list_model_get_n_items (rows);
  print_phase (p);
  return view;
}

static gint64
bare_fetch_and_parse (SoupSession *session, const char *tests_url)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  gint64 fetch, start;

  body = fetch_body (session, tests_url, &fetch);
  start = g_get_monotonic_time ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                   &error))
    g_error ("parse: %s", error->message);
  g_print ("  bare fetch %.1f ms + JsonParser %.1f ms\n", MS ((double) fetch),
           MS ((double) (g_get_monotonic_time () - start)));
  return fetch + g_get_monotonic_time () - start;
}

static void
print_load_average (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("load average %s: %s", when, text);
}

int
main (int argc, char *argv[])
{
  guint n_tests = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  ServerThread st = { g_async_queue_new (), NULL, g_main_context_new (), n_tests };
  g_autoptr (GThread) thread = NULL;
  g_autofree char *base_url = NULL;
  g_autoptr (HbClient) client = NULL;
  g_autoptr (HbBuild) build = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (GBytes) warm = NULL;
  const char *tests_url;
  gint64 fetch = 0, start, first_rows, bare, client_only;
  gint64 bare_runs[3], load_runs[3];
  double rss_before, rss_peak, rss_now;
  GtkWindow *window;
  HbTestResultsView *view = NULL;
  Phase loads[3], phases[9];
  gint64 worst_stall = 0;
  guint n = 0;

  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  adw_init ();

  st.loop = g_main_loop_new (st.context, FALSE);
  thread = g_thread_new ("harbor-server", server_main, &st);
  base_url = g_async_queue_pop (st.ready);

  client = hb_client_new (base_url);
  g_object_set (client, "token", TOKEN, "timeout", 120, NULL);
  hb_client_get_resource_async (client, HB_TYPE_BUILD, "big-tests", "1", NULL, store_result,
                                &result);
  build = HB_BUILD (hb_client_get_resource_finish (client, await_result (&result), &error));
  g_assert_no_error (error);
  tests_url = hb_build_get_tests_url (build);

  /* One throwaway fetch, so no measured run pays for the server's first render. */
  warm = fetch_body (session, tests_url, &fetch);
  g_print ("HbTestResultsView with %u tests (%.1f MB body)\n", n_tests,
           g_bytes_get_size (warm) / 1048576.0);
  g_clear_pointer (&warm, g_bytes_unref);
  print_load_average ("at start");
  rss_before = current_rss_mb ();

  /* The same body, fetched and parsed by a bare JsonParser, in the same run. */
  for (guint i = 0; i < 3; i++)
    bare_runs[i] = bare_fetch_and_parse (session, tests_url);
  bare = median3 (bare_runs);

  /* For reference: what HbClient alone needs to hand over the HbTestNode tree. */
  {
    g_autoptr (GAsyncResult) list_result = NULL;
    g_autoptr (GListModel) roots = NULL;

    start = g_get_monotonic_time ();
    hb_client_list_tests_at_url_async (client, tests_url, NULL, store_result, &list_result);
    roots = hb_client_list_tests_at_url_finish (client, await_result (&list_result), &error);
    g_assert_no_error (error);
    client_only = g_get_monotonic_time () - start;
  }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_present (window);
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    iterate ();
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);
  wait_paint ();

  for (guint i = 0; i < 3; i++)
    {
      loads[i] = (Phase){ "load (request → rows)" };
      view = load_view (window, client, tests_url, &loads[i]);
      load_runs[i] = loads[i].drawn;
      worst_stall = MAX (worst_stall, loads[i].stall);
    }
  first_rows = median3 (load_runs);
  for (gint64 until = g_get_monotonic_time () + 300 * 1000; g_get_monotonic_time () < until;)
    wait_paint ();                                                     /* the page's cross-fade */
  hbt_save_screenshot (GTK_WIDGET (window), "bench-test-results.png"); /* not timed */

  phases[n++] = run_phase ("Failed Only on", view, set_failed_only, GINT_TO_POINTER (TRUE));
  phases[n++] = run_phase ("Failed Only off", view, set_failed_only, GINT_TO_POINTER (FALSE));
  phases[n++] = run_phase ("search \"refunds\" (~1/12)", view, set_search, (gpointer) "refunds");
  phases[n++] =
      run_phase ("search \"RefundsCart_OnTim\"", view, set_search, (gpointer) "RefundsCart_OnTim");
  phases[n++] = run_phase ("search cleared", view, set_search, NULL);
  phases[n++] = run_phase ("sort by duration", view, sort_by_duration, NULL);
  phases[n++] = scroll_phase (view, 120);
  phases[n++] = close_phase (window);
  rss_peak = peak_rss_mb ();
  rss_now = current_rss_mb ();
  print_load_average ("at end");

  for (guint i = 0; i < n; i++)
    worst_stall = MAX (worst_stall, phases[i].stall);

  g_print ("\nbare fetch + JsonParser, median of 3: %.1f ms\n", MS ((double) bare));
  g_print ("HbClient alone (fetch, parse, HbTestNode tree): %.1f ms\n", MS ((double) client_only));
  g_print ("first rows drawn, median of 3: %.1f ms = %.2f× fetch+parse (target ≤ 1.5×): %s\n",
           MS ((double) first_rows), (double) first_rows / bare,
           verdict (first_rows <= bare * 3 / 2));
  g_print ("longest main-loop stall %.1f ms (target ≤ 100 ms): %s\n", MS ((double) worst_stall),
           verdict (worst_stall <= 100 * 1000));
  for (guint i = 0; i < 5; i++)
    g_print ("%-28s new rows drawn in %.1f ms (target < 200 ms): %s\n", phases[i].name,
             MS ((double) phases[i].drawn), verdict (phases[i].drawn < 200 * 1000));
  g_print ("peak RSS %.1f MB; %.1f MB with only the in-process server loaded, %.1f MB at the end\n",
           rss_peak, rss_before, rss_now);

  gtk_window_destroy (window);
  g_main_loop_quit (st.loop);
  g_main_context_wakeup (st.context);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (st.loop);
  g_main_context_unref (st.context);
  g_async_queue_unref (st.ready);
  return 0;
}
