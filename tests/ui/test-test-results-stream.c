/* test-test-results-stream.c: HbTestResultsView while a large build's tests arrive: rows and
 * counts before the end, closing or reloading mid-body, a body cut short, an order asked for
 * while loading; against an in-process harbor-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-test-results-view.h"
#include "hb-test-stream-private.h"
#include "hbt-server.h"
#include "hbt-utils.h"

/* Large enough that its body (about 1.4 MiB) arrives over many main-loop turns, past what is
 * read without a worker. */
#define N_TESTS 10000
#define TESTS_PATH "/applications/big-tests/builds/1/tests"

typedef struct
{
  HbtServer *server;
  HbClient *client;
  GtkWindow *window;
  HbTestResultsView *view;
} Fixture;

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @done says so, 120 s at most (a sanitizer build is slow). */
static void
wait_until (gboolean (*done) (HbTestResultsView *view), HbTestResultsView *view, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (!done (view))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting until %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

static gboolean
rows_shown (HbTestResultsView *view)
{
  return g_list_model_get_n_items (hb_test_results_view_get_rows (view)) > 0;
}

static gboolean
settled (HbTestResultsView *view)
{
  return !hb_test_results_view_get_busy (view);
}

static guint
n_tests (HbTestResultsView *view)
{
  guint n;

  g_object_get (view, "n-tests", &n, NULL);
  return n;
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  HbtServerOptions options = { .big_tests = N_TESTS };

  fixture->server = hbt_server_new_full (&options);
  fixture->client = hbt_server_new_client (fixture->server);
  g_object_set (fixture->client, "timeout", 120, NULL);
}

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *url = g_strconcat (fixture->server->base_url, TESTS_PATH, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = HB_TEST_RESULTS_VIEW (hb_test_results_view_new (fixture->client, url));
  g_object_ref_sink (fixture->view);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
}

/* Drops the last reference to @object and waits (30 s at most) until work still in flight
 * lets go of it too. */
static void
assert_finalized_soon (gpointer object)
{
  gpointer weak = object;
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s was not finalized", G_OBJECT_TYPE_NAME (weak));
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

static void
wait_for_workers (void)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (_hb_test_stream_get_n_workers () > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  if (fixture->view != NULL)
    assert_finalized_soon (fixture->view);
  assert_finalized_soon (fixture->client);
  g_clear_pointer (&fixture->server, hbt_server_free);
  wait_for_workers ();
}

/* The store behind the rows, held weakly by @weak: what closing the view must free. */
static void
watch_store (HbTestResultsView *view, gpointer *weak)
{
  g_autoptr (GtkTreeListRow) row = g_list_model_get_item (hb_test_results_view_get_rows (view), 0);
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

  *weak = hb_test_node_get_store (node);
  g_assert_nonnull (*weak);
  g_object_add_weak_pointer (*weak, weak);
}

static void
wait_gone (gpointer *weak)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (*weak != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("the tests were not freed");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

/* ---- tests ---- */

/* The first groups show, counted, while the rest is on its way; the summary says Loading…
 * and its counts only grow, up to the whole build. */
static void
test_rows_while_loading (Fixture *fixture, gconstpointer data)
{
  guint last = 0, n_counts = 0;
  gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;

  fixture_open (fixture);
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "loading");
  wait_until (rows_shown, fixture->view, "the first rows show");
  g_assert_true (hb_test_results_view_get_loading (fixture->view));
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "content");
  g_assert_cmpstr (hb_test_results_view_get_subtitle (fixture->view), ==, "Loading…");
  g_assert_cmpuint (n_tests (fixture->view), >, 0);
  g_assert_cmpuint (n_tests (fixture->view), <, N_TESTS);

  while (hb_test_results_view_get_loading (fixture->view))
    {
      guint n = n_tests (fixture->view);

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_assert_cmpuint (n, >=, last);
      n_counts += n != last;
      last = n;
      g_main_context_iteration (NULL, TRUE);
    }
  /* The counts were seen growing, not only at the start and the end. */
  g_assert_cmpuint (n_counts, >, 2);
  g_assert_cmpuint (n_tests (fixture->view), ==, N_TESTS);
  wait_until (settled, fixture->view, "the groups with failures are open");
  {
    g_autofree char *all = g_strdup_printf ("%'u tests", N_TESTS);

    g_assert_nonnull (strstr (hb_test_results_view_get_subtitle (fixture->view), all));
  }
}

/* Closing the view mid-body stops the request and the worker, and frees every test (the
 * sanitizer build checks that nothing leaks). */
static void
test_close_mid_stream (Fixture *fixture, gconstpointer data)
{
  gpointer store = NULL;

  fixture_open (fixture);
  wait_until (rows_shown, fixture->view, "the first rows show");
  g_assert_true (hb_test_results_view_get_loading (fixture->view));
  g_assert_cmpuint (n_tests (fixture->view), <, N_TESTS);
  watch_store (fixture->view, &store);

  gtk_window_destroy (g_steal_pointer (&fixture->window));
  assert_finalized_soon (g_steal_pointer (&fixture->view));
  wait_gone (&store);
  wait_for_workers ();
}

/* F5 mid-body: the first request stops, the second fills a new store, and nothing is
 * counted twice. */
static void
test_reload_mid_stream (Fixture *fixture, gconstpointer data)
{
  gpointer first_store = NULL;

  fixture_open (fixture);
  wait_until (rows_shown, fixture->view, "the first rows show");
  g_assert_true (hb_test_results_view_get_loading (fixture->view));
  watch_store (fixture->view, &first_store);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->view), "test-results.reload", NULL));
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "loading");
  g_assert_cmpuint (n_tests (fixture->view), ==, 0);
  wait_until (settled, fixture->view, "the second load is done");
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "content");
  g_assert_cmpuint (n_tests (fixture->view), ==, N_TESTS);
  wait_gone (&first_store);
}

/* A body cut short after the first groups showed: the error page, with Retry; Retry shows
 * the whole build. */
static void
test_cut_short (Fixture *fixture, gconstpointer data)
{
  HbsFaults cut = { .truncate_every = 1 };
  HbsFaults none = { 0 };

  hbt_server_set_faults (fixture->server, &cut);
  fixture_open (fixture);
  wait_until (rows_shown, fixture->view, "the first rows show");
  wait_until (settled, fixture->view, "loading has stopped");
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "error");

  hbt_server_set_faults (fixture->server, &none);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->view), "test-results.reload", NULL));
  wait_until (settled, fixture->view, "the retry is done");
  g_assert_cmpstr (hb_test_results_view_get_state (fixture->view), ==, "content");
  g_assert_cmpuint (n_tests (fixture->view), ==, N_TESTS);
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

/* Sorting by name while the tests arrive: the rows keep the server's order until the last
 * has arrived, then the top level comes sorted. */
static void
test_sort_while_loading (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *column_view;
  GListModel *columns;
  g_autoptr (GtkColumnViewColumn) name = NULL;
  GListModel *rows;
  g_autoptr (HbTestNode) previous = NULL;

  fixture_open (fixture);
  wait_until (rows_shown, fixture->view, "the first rows show");
  g_assert_true (hb_test_results_view_get_loading (fixture->view));
  column_view = find_column_view (GTK_WIDGET (fixture->view));
  columns = gtk_column_view_get_columns (column_view);
  name = g_list_model_get_item (columns, 0);
  gtk_column_view_sort_by_column (column_view, name, GTK_SORT_DESCENDING);
  wait_until (settled, fixture->view, "loading and sorting are done");

  rows = hb_test_results_view_get_rows (fixture->view);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

      if (gtk_tree_list_row_get_depth (row) > 0)
        continue;
      if (previous != NULL)
        {
          g_autofree char *a = g_utf8_casefold (hb_test_node_get_name (previous), -1);
          g_autofree char *b = g_utf8_casefold (hb_test_node_get_name (node), -1);

          g_assert_cmpint (strcmp (a, b), >=, 0);
        }
      g_set_object (&previous, node);
    }
  g_assert_nonnull (previous);
}

int
main (int argc, char *argv[])
{
  /* In-process widget tests need no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", FALSE);
#ifdef __SANITIZE_ADDRESS__
  /* GDK probes GL even with the cairo renderer and then unloads Mesa, which LeakSanitizer
   * reports as leaks in an unknown module; without GL nothing is unloaded. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
#endif
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func)                                                                            \
  g_test_add ("/hb/test-results-stream/" path, Fixture, NULL, fixture_setup, func,              \
              fixture_teardown)
  ADD ("rows-while-loading", test_rows_while_loading);
  ADD ("close-mid-stream", test_close_mid_stream);
  ADD ("reload-mid-stream", test_reload_mid_stream);
  ADD ("cut-short", test_cut_short);
  ADD ("sort-while-loading", test_sort_while_loading);
#undef ADD

  return g_test_run ();
}
