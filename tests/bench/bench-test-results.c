/* bench-test-results.c: HbTestResultsView reading a build's tests as they arrive, for 1k, 10k
 * and 100k tests, beside fetch + a bare JsonParser on the same body: issue 15's figures
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench-api-common.h"
#include "hb-api.h"
#include "hb-test-results-view.h"
#include "hbt-server.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"

/* The server runs in a thread and main context of its own, so rendering its answer never
 * counts as a stall of the view's main loop. A stall is the longest gap between two
 * frame-clock ticks; a tick callback keeps the clock running the whole time, as an
 * animation would. Memory is the view's: the peak RSS of its life (load, filters, search,
 * sort, scrolling) above the RSS just before it was made, with the server's rendered body
 * already in that baseline. */

#define FIRST_TARGET 0.25  /* first rows drawn, against fetch + bare JsonParser */
#define READY_TARGET 0.60  /* every row ready for search and Failed Only */
#define MEMORY_TARGET 0.35 /* the view's peak, against the bare json-glib tree */
#define STALL_TARGET_MS 50.0
#define ROUNDS 3
#define MS(usec) ((usec) / 1000.0)

typedef struct
{
  gint64 fetch;      /* bare: the body over loopback */
  gint64 parse;      /* bare: JsonParser on it */
  gint64 tree_bytes; /* bare: the json-glib tree, held */
  gint64 first;      /* request → first rows painted */
  gint64 ready;      /* request → every test in the store (search and Failed Only see all) */
  gint64 settled;    /* request → groups with failures open, nothing left to do */
  gint64 load_cpu;   /* the main thread's CPU from the request until settled */
  gint64 load_frames; /* frames painted meanwhile */
  gint64 stall;      /* longest frame gap, loading and every phase below */
  gint64 stall_cpu;  /* the main thread's own CPU in its longest gap */
  gint64 stall_load; /* the longest gap while loading */
  gint64 stall_close;
  gint64 peak_kb;      /* the view's life, above the baseline */
  gint64 load_peak_kb; /* until loaded and settled, above the baseline */
  gint64 settled_heap_kb; /* heap in use once settled, above the baseline's */
  gint64 after_kb; /* after it closed and its rows were freed, above the baseline */
  guint rows;
} Round;

static GtkWindow *window;
static gint64 last_tick, last_cpu, max_gap, max_cpu;
static gint64 last_paint;
static guint n_paints;

/* ---- the clock ---- */

/* On a shared machine a gap is also time the thread waited for a core: its own CPU time
 * says how much of it was ours. */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();

  if (now - last_tick > max_gap)
    {
      max_gap = now - last_tick;
      max_cpu = cpu - last_cpu;
    }
  last_tick = now;
  last_cpu = cpu;
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
  last_cpu = thread_cpu_usec ();
  max_gap = max_cpu = 0;
}

static void
iterate (void)
{
  g_main_context_iteration (NULL, TRUE);
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
wait_frames (guint ms)
{
  for (gint64 until = g_get_monotonic_time () + ms * 1000; g_get_monotonic_time () < until;)
    wait_paint ();
}

static void
wait_idle (HbTestResultsView *view)
{
  while (hb_test_results_view_get_busy (view))
    iterate ();
}

/* ---- the bare baseline: fetch + JsonParser, the tree it holds ---- */

static GBytes *
fetch_body (SoupSession *session, const char *url, gint64 *fetch_usec)
{
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 start = g_get_monotonic_time ();
  GBytes *body;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " HBT_DEMO_TOKEN);
  soup_message_headers_append (soup_message_get_request_headers (msg), "Accept",
                               "application/json");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, hbt_async_ready,
                                    &result);
  hbt_await (&result);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_object_unref (result);
  if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("fetch %s: %s", url, error ? error->message : soup_message_get_reason_phrase (msg));
  *fetch_usec = g_get_monotonic_time () - start;
  return body;
}

static void
measure_bare (SoupSession *session, const char *url, Round *round)
{
  g_autoptr (GBytes) body = fetch_body (session, url, &round->fetch);
  g_autoptr (GError) error = NULL;
  JsonParser *parser;
  gint64 heap, start;

  malloc_trim (0);
  heap = bench_heap_kb ();
  start = g_get_monotonic_time ();
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   (gssize) g_bytes_get_size (body), &error))
    g_error ("parse: %s", error->message);
  round->parse = g_get_monotonic_time () - start;
  round->tree_bytes = (bench_heap_kb () - heap) * 1024;
  g_object_unref (parser);
}

/* ---- the view ---- */

typedef struct
{
  gint64 start;
  gint64 ready;
} Loading;

static void
on_loading (HbTestResultsView *view, GParamSpec *pspec, Loading *loading)
{
  if (!hb_test_results_view_get_loading (view) && loading->ready == 0)
    loading->ready = g_get_monotonic_time () - loading->start;
}

/* Request → first rows painted, → every test in, → groups open. */
static HbTestResultsView *
load_view (HbClient *client, const char *tests_url, Round *round)
{
  HbTestResultsView *view;
  GListModel *rows;
  Loading loading = { 0 };
  guint paints = n_paints;
  gint64 cpu;

  wait_paint ();
  reset_stall ();
  loading.start = g_get_monotonic_time ();
  cpu = thread_cpu_usec ();
  view = HB_TEST_RESULTS_VIEW (hb_test_results_view_new (client, tests_url));
  g_signal_connect (view, "notify::loading", G_CALLBACK (on_loading), &loading);
  gtk_window_set_child (window, GTK_WIDGET (view));
  rows = hb_test_results_view_get_rows (view);
  while (g_list_model_get_n_items (rows) == 0)
    {
      if (g_str_equal (hb_test_results_view_get_state (view), "error"))
        g_error ("the view failed to load");
      iterate ();
    }
  round->first = wait_paint () - loading.start;
  wait_idle (view);
  round->settled = g_get_monotonic_time () - loading.start;
  round->load_cpu = thread_cpu_usec () - cpu;
  round->load_frames = n_paints - paints;
  g_assert_cmpint (loading.ready, >, 0);
  round->ready = loading.ready;
  wait_paint ();
  round->stall_load = max_gap;
  round->stall = max_gap;
  round->stall_cpu = max_cpu;
  round->rows = g_list_model_get_n_items (rows);
  g_signal_handlers_disconnect_by_data (view, &loading);
  return view;
}

typedef void (*PhaseFunc) (HbTestResultsView *view, gpointer data);

/* Until the view has done what @func asked, and a frame shows it. */
static void
run_phase (HbTestResultsView *view, Round *round, PhaseFunc func, gpointer data)
{
  wait_paint ();
  reset_stall ();
  func (view, data);
  wait_paint ();
  wait_idle (view);
  wait_paint ();
  if (max_gap > round->stall)
    {
      round->stall = max_gap;
      round->stall_cpu = max_cpu;
    }
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
static void
scroll (HbTestResultsView *view, gpointer data)
{
  GtkColumnView *column_view = find_column_view (GTK_WIDGET (view));
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  for (guint i = 0; i < GPOINTER_TO_UINT (data); i++)
    {
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) +
                                         gtk_adjustment_get_page_size (adj));
      wait_paint ();
    }
}

/* Leaving the page; its rows are freed over the next frames, and the tests with the last of
 * them. */
static void
close_view (HbTestResultsView *view, Round *round, gint64 baseline_kb)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (hb_test_results_view_get_rows (view), 0);
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);
  gpointer store = hb_test_node_get_store (node);
  gint64 deadline;

  g_object_add_weak_pointer (store, &store);
  g_clear_object (&node);
  g_clear_object (&row);
  wait_paint ();
  reset_stall ();
  gtk_window_set_child (window, NULL);
  wait_frames (300);
  round->stall_close = max_gap;
  deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (store != NULL && g_get_monotonic_time () < deadline)
    wait_paint ();
  if (store != NULL)
    g_error ("the tests were not freed within a minute of closing the view");
  malloc_trim (0);
  round->after_kb = bench_status_kb ("VmRSS:") - baseline_kb;
}

static void
run_round (HbClient *client, const char *tests_url, Round *round, const char *screenshot)
{
  HbTestResultsView *view;
  gint64 baseline_kb = bench_phase_begin ();
  gint64 heap_kb = bench_heap_kb ();

  view = load_view (client, tests_url, round);
  round->load_peak_kb = bench_phase_peak_kb (baseline_kb);
  round->settled_heap_kb = bench_heap_kb () - heap_kb;
  if (screenshot != NULL)
    {
      wait_frames (300); /* the page's cross-fade */
      hbt_save_screenshot (GTK_WIDGET (window), screenshot);
    }
  run_phase (view, round, set_failed_only, GINT_TO_POINTER (TRUE));
  run_phase (view, round, set_failed_only, GINT_TO_POINTER (FALSE));
  run_phase (view, round, set_search, (gpointer) "refunds");
  run_phase (view, round, set_search, (gpointer) "RefundsCart_OnTim");
  run_phase (view, round, set_search, NULL);
  run_phase (view, round, sort_by_duration, NULL);
  run_phase (view, round, scroll, GUINT_TO_POINTER (120));
  round->peak_kb = bench_phase_peak_kb (baseline_kb);
  close_view (view, round, baseline_kb);
}

/* ---- figures ---- */

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
median (Round *rounds, gsize offset)
{
  gint64 values[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    values[i] = G_STRUCT_MEMBER (gint64, &rounds[i], offset);
  qsort (values, ROUNDS, sizeof (gint64), compare_int64);
  return values[ROUNDS / 2];
}

#define MEDIAN(rounds, field) median ((rounds), G_STRUCT_OFFSET (Round, field))

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

static void
print_load_average (void)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("# load average: %s", text);
}

static void
report (guint n_tests, gsize body_size, Round *rounds)
{
  double bare = (double) (MEDIAN (rounds, fetch) + MEDIAN (rounds, parse));
  double first = (double) MEDIAN (rounds, first), ready = (double) MEDIAN (rounds, ready);
  double stall = MS ((double) MEDIAN (rounds, stall));
  double tree = (double) MEDIAN (rounds, tree_bytes) / n_tests;
  double held = (double) MEDIAN (rounds, peak_kb) * 1024 / n_tests;

  g_print ("\n== %u tests, body %.2f MiB, %u rows shown once loaded\n", n_tests,
           body_size / 1048576.0, rounds[0].rows);
  g_print ("fetch + bare JsonParser:  %8.1f ms  (fetch %.1f + parse %.1f)\n", MS (bare),
           MS ((double) MEDIAN (rounds, fetch)), MS ((double) MEDIAN (rounds, parse)));
  g_print ("first rows drawn:         %8.1f ms = %.2f×  (target ≤ %.2f×): %s\n", MS (first),
           first / bare, FIRST_TARGET, verdict (first <= bare * FIRST_TARGET));
  g_print ("all rows ready:           %8.1f ms = %.2f×  (target ≤ %.2f×): %s\n", MS (ready),
           ready / bare, READY_TARGET, verdict (ready <= bare * READY_TARGET));
  g_print ("  failures' groups open:  %8.1f ms; the main thread's CPU until then %.1f ms\n",
           MS ((double) MEDIAN (rounds, settled)), MS ((double) MEDIAN (rounds, load_cpu)));
  g_print ("longest main-loop stall:  %8.1f ms          (target ≤ %.0f ms): %s\n", stall,
           STALL_TARGET_MS, verdict (stall <= STALL_TARGET_MS));
  g_print ("  loading %.1f ms; the main thread ran %.1f ms of the longest gap (the rest is "
           "waiting for a core); closing %.1f ms\n",
           MS ((double) MEDIAN (rounds, stall_load)), MS ((double) MEDIAN (rounds, stall_cpu)),
           MS ((double) MEDIAN (rounds, stall_close)));
  g_print ("memory held by the view:  %8.0f B/test = %.2f× the bare tree's %.0f B  (target "
           "≤ %.2f×): %s\n",
           held, held / tree, tree, MEMORY_TARGET, verdict (held <= tree * MEMORY_TARGET));
  g_print ("  peak +%.1f MiB over the view's life (+%.1f MiB until loaded, of which %.1f MiB "
           "heap held once settled); +%.1f MiB once closed and its tests freed\n",
           MEDIAN (rounds, peak_kb) / 1024.0, MEDIAN (rounds, load_peak_kb) / 1024.0,
           MEDIAN (rounds, settled_heap_kb) / 1024.0, MEDIAN (rounds, after_kb) / 1024.0);
  for (guint i = 0; i < ROUNDS; i++)
    g_print ("  round %u: first %.1f, ready %.1f, settled %.1f ms (CPU %.1f, %" G_GINT64_FORMAT
             " frames); stall %.1f ms; peak +%.1f MiB\n",
             i + 1, MS ((double) rounds[i].first), MS ((double) rounds[i].ready),
             MS ((double) rounds[i].settled), MS ((double) rounds[i].load_cpu),
             rounds[i].load_frames, MS ((double) rounds[i].stall), rounds[i].peak_kb / 1024.0);
}

static void
run (guint n_tests)
{
  HbtServerOptions options = { .big_tests = n_tests };
  g_autoptr (HbtServer) server = hbt_server_new_threaded (&options);
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *tests_url =
      g_strconcat (server->base_url, "/applications/big-tests/builds/1/tests", NULL);
  g_autoptr (GBytes) warm = NULL;
  Round rounds[ROUNDS] = { 0 };
  g_autofree char *screenshot = g_strdup_printf ("bench-test-results-%u.png", n_tests);
  gint64 fetch;

  g_object_set (client, "timeout", 120, NULL);
  /* The server renders the tree once; the rounds fetch it as it is kept. */
  warm = fetch_body (session, tests_url, &fetch);
  for (guint i = 0; i < ROUNDS; i++)
    {
      measure_bare (session, tests_url, &rounds[i]);
      run_round (client, tests_url, &rounds[i], i == 0 ? screenshot : NULL);
    }
  report (n_tests, g_bytes_get_size (warm), rounds);
}

int
main (int argc, char *argv[])
{
  const guint sizes[] = { 1000, 10000, 100000 };

  /* GLib 2.74's slice allocator keeps freed memory as "in use" heap: plain malloc makes the
   * heap and RSS figures mean what they say (GLib >= 2.76 always does this). */
  if (g_getenv ("G_SLICE") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
    }
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();
  adw_init ();

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_present (window);
  while (gtk_widget_get_frame_clock (GTK_WIDGET (window)) == NULL)
    iterate ();
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);
  wait_paint ();

  g_print ("# bench-test-results: HbTestResultsView reading as the body arrives, beside fetch + "
           "bare JsonParser on the same body; %u rounds, medians; in-process server on its own "
           "thread\n",
           ROUNDS);
  print_load_average ();
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      run (sizes[i]);
  print_load_average ();

  gtk_window_destroy (window);
  return 0;
}
