/* bench-api-tests.c: 100,000 tests: fetch + parse + models, beside a bare JsonParser on the same
 * bytes SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-api-common.h"
#include "hb-api.h"
#include "hb-json-private.h"
#include "hbt-server.h"
#include "hbt-utils.h"

#include <libsoup/soup.h>
#include <unistd.h>

#define N_TESTS 100000
#define ROUNDS 3

static GBytes *
fetch_raw (HbtServer *server)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url =
      g_strconcat (server->base_url, "/applications/big-tests/builds/1/tests", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  GAsyncResult *result = NULL;
  GBytes *bytes;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " HBT_DEMO_TOKEN);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, hbt_async_ready,
                                    &result);
  hbt_await (&result);
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return bytes;
}

static guint
count_tests (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (model, i);

      n += hb_test_node_get_kind (node) == HB_TEST_KIND_TEST
               ? 1
               : count_tests (hb_test_node_get_children (node));
    }
  return n;
}

typedef struct
{
  double seconds;      /* until the result is usable */
  double free_seconds; /* freeing the JSON tree afterwards */
  gint64 peak_kb;      /* peak RSS above the phase's start */
  gint64 kept_kb;      /* RSS still held by the result */
} Figure;

/* The bare baseline: json-glib's tree, as any json-glib client gets it. */
static void
bare_json_glib (GBytes *bytes, Figure *figure)
{
  gint64 base = bench_phase_begin ();
  gint64 heap_base = bench_heap_kb ();
  gint64 start = g_get_monotonic_time ();
  JsonParser *parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  json_parser_load_from_data (parser, data, (gssize) length, &error);
  g_assert_no_error (error);
  figure->seconds = (g_get_monotonic_time () - start) / 1e6;
  figure->peak_kb = bench_phase_peak_kb (base);
  figure->kept_kb = bench_heap_kb () - heap_base;
  start = g_get_monotonic_time ();
  g_object_unref (parser);
  figure->free_seconds = (g_get_monotonic_time () - start) / 1e6;
}

/* Exactly what HbClient does with a body: guards, tree, models, then the
 * tree is freed (in the worker, after the models were handed over). */
static void
model_layer (GBytes *bytes, Figure *figure)
{
  gint64 base = bench_phase_begin ();
  gint64 heap_base = bench_heap_kb ();
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root = _hb_json_parse (data, length, &error);

  g_assert_no_error (error);
  roots = hb_test_node_list_from_json (root, &error);
  g_assert_no_error (error);
  figure->seconds = (g_get_monotonic_time () - start) / 1e6;
  start = g_get_monotonic_time ();
  json_node_unref (root);
  figure->free_seconds = (g_get_monotonic_time () - start) / 1e6;
  figure->peak_kb = bench_phase_peak_kb (base);
  figure->kept_kb = bench_heap_kb () - heap_base;
  g_assert_cmpuint (count_tests (roots), ==, N_TESTS);
}

/* Phases run one after the other in this process. With plain malloc
 * (G_SLICE=always-malloc) malloc_trim() gives a freed tree back to the system,
 * so one phase's leftovers cannot hide the next one's peak. No fork: the
 * server and worker threads may hold GLib locks at any moment. */
static Figure
measure (void (*phase) (GBytes *, Figure *), GBytes *bytes)
{
  Figure figure = { 0 };

  phase (bytes, &figure);
  malloc_trim (0);
  return figure;
}

static void
keep_best (Figure *best, Figure figure)
{
  if (best->seconds == 0 || figure.seconds < best->seconds)
    {
      best->seconds = figure.seconds;
      best->free_seconds = figure.free_seconds;
    }
  best->peak_kb = MAX (best->peak_kb, figure.peak_kb);
  best->kept_kb = MAX (best->kept_kb, figure.kept_kb);
}

static double
full_client_call (HbtServer *server)
{
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;
  GAsyncResult *result = NULL;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  hb_client_list_tests_async (client, "big-tests", "1", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  roots = hb_client_list_tests_finish (client, result, &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_cmpuint (count_tests (roots), ==, N_TESTS);
  return elapsed;
}

int
main (int argc, char **argv)
{
  HbtServerOptions options = { .big_tests = N_TESTS };
  g_autoptr (HbtServer) server = NULL;
  g_autoptr (GBytes) bytes = NULL;
  Figure bare = { 0 }, models = { 0 };
  double fetch_only = 0, client_total = 0;

  /* GLib 2.74's slice allocator keeps freed JsonNodes as "in use" heap:
   * plain malloc makes the heap figures mean what they say. */
  if (g_getenv ("G_SLICE") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
    }
  g_test_init (&argc, &argv, NULL);
  server = hbt_server_new_threaded (&options);

  for (guint i = 0; i < ROUNDS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GBytes) again = fetch_raw (server);
      double t = (g_get_monotonic_time () - start) / 1e6;

      fetch_only = fetch_only == 0 ? t : MIN (fetch_only, t);
      if (bytes == NULL)
        bytes = g_steal_pointer (&again);
    }
  for (guint i = 0; i < ROUNDS; i++)
    {
      double t;

      keep_best (&bare, measure (bare_json_glib, bytes));
      keep_best (&models, measure (model_layer, bytes));
      t = full_client_call (server);
      client_total = client_total == 0 ? t : MIN (client_total, t);
    }

  g_print ("# bench-api-tests: %u tests, body %.1f MiB, best of %u (memory: worst), "
           "G_SLICE=always-malloc (what GLib >= 2.76 always does)\n",
           N_TESTS, g_bytes_get_size (bytes) / 1048576.0, ROUNDS);
  g_print ("bare JsonParser (tree):      %6.3f s  peak +%7" G_GINT64_FORMAT
           " KiB  kept %7" G_GINT64_FORMAT " KiB  (tree free %.3f s)\n",
           bare.seconds, bare.peak_kb, bare.kept_kb, bare.free_seconds);
  g_print ("guards + tree + HbTestNode:  %6.3f s  peak +%7" G_GINT64_FORMAT
           " KiB  kept %7" G_GINT64_FORMAT " KiB  (tree free %.3f s, after delivery)\n",
           models.seconds, models.peak_kb, models.kept_kb, models.free_seconds);
  g_print ("model layer vs bare:         time %.2fx (target <= 1.50), peak memory %.2fx "
           "(target <= 2.00), kept memory %.2fx\n",
           models.seconds / bare.seconds, (double) models.peak_kb / (double) bare.peak_kb,
           (double) models.kept_kb / (double) bare.kept_kb);
  g_print (
      "HbClient list_tests total:   %6.3f s  (fetch + parse + models; raw fetch alone %.3f s)\n",
      client_total, fetch_only);
  return 0;
}
