/* test-test-stream.c: the tests tree read as it arrives (HbTestStream, HbTestStore) against
 * the json-glib reader: same trees, same refusals, any chunking, cancel, growth, filters
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-client-private.h"
#include "hb-json-private.h"
#include "hb-test-level.h"
#include "hb-test-parser-private.h"
#include "hb-test-store-private.h"
#include "hb-test-stream-private.h"
#include "hbs-test-tree.h"
#include "hbt-generate.h"
#include "hbt-server.h"
#include "hbt-test-tree.h"
#include "hbt-utils.h"

#include <string.h>

/* The sample tree of appharbor-api.md §3.4. */
#define SAMPLE                                                                                     \
  "[{\"id\":\"1\",\"name\":\"AccountTests\",\"status\":\"Failed\",\"kind\":\"Group\","             \
  "\"duration\":\"00:00:01.2500000\",\"tests\":[{\"id\":\"1.1\",\"name\":\"CanLogin\","            \
  "\"status\":\"Passed\",\"kind\":\"Test\",\"duration\":\"00:00:00.0400000\",\"tests\":[]},"       \
  "{\"id\":\"1.2\",\"name\":\"CanLogout\",\"status\":\"Failed\",\"kind\":\"Test\","                \
  "\"duration\":\"00:00:00.0100000\",\"tests\":[]}]}]"

/* A node with every member but one, for the cases below. */
#define NODE_ID "\"id\":\"1\""
#define NODE_NAME "\"name\":\"n\""
#define NODE_STATUS "\"status\":\"Passed\""
#define NODE_DURATION "\"duration\":\"00:00:01\""
#define TEST_NODE                                                                                  \
  "{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION ",\"tests\":[]}"
#define GROUP_OPEN "{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Group\"," NODE_DURATION

static const gsize chunk_sizes[] = { 1, 7, 64 * 1024 };

/* -- reading a body each way */

/* Today's reader: guards, json-glib, HbTestNode objects. */
static GListModel *
read_with_json_glib (const char *body, gsize length, GError **error)
{
  g_autoptr (JsonNode) root = _hb_json_parse (body, length, error);

  if (root == NULL)
    return NULL;
  return hb_test_node_list_from_json (root, error);
}

static void
add_batch (HbTestBatch *batch, gpointer user_data)
{
  _hb_test_store_add_batch (user_data, batch);
}

static void
drop_batch (HbTestBatch *batch, gpointer user_data)
{
  _hb_test_batch_free (batch);
}

/* The parser and the store on this thread, @chunk bytes at a time. */
static HbTestStore *
read_in_chunks (const char *body, gsize length, gsize chunk, GError **error)
{
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestParser) parser =
      _hb_test_parser_new (_hb_test_store_get_strings (store), add_batch, store);

  for (gsize at = 0; at < length; at += chunk)
    if (!_hb_test_parser_feed (parser, body + at, MIN (chunk, length - at), error))
      return NULL;
  if (!_hb_test_parser_finish (parser, error))
    return NULL;
  _hb_test_store_finish (store, NULL);
  return g_steal_pointer (&store);
}

/* The store's roots, as row items. */
static GListModel *
roots_of (HbTestStore *store)
{
  return G_LIST_MODEL (hb_test_level_new (store, HB_TEST_STORE_NONE, FALSE));
}

static char *
describe_store (HbTestStore *store)
{
  g_autoptr (GListModel) roots = roots_of (store);

  return hbt_test_tree_describe (roots);
}

static void
wait_loaded (HbTestStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (hb_test_store_get_loading (store))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The whole way: batches on this main context, read here up to @inline_limit bytes and on
 * a worker thread past them (G_MAXSIZE: never). */
static HbTestStore *
read_with_stream (const char *body, gsize length, gsize chunk, gsize inline_limit, GError **error)
{
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestStream) stream = hb_test_stream_new (store);

  _hb_test_stream_set_inline_limit (stream, inline_limit);
  for (gsize at = 0; at < length; at += chunk)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body + at, MIN (chunk, length - at));

      hb_test_stream_feed (stream, bytes);
    }
  hb_test_stream_close (stream);
  wait_loaded (store);
  if (hb_test_store_get_error (store) != NULL)
    {
      g_propagate_error (error, g_error_copy (hb_test_store_get_error (store)));
      return NULL;
    }
  return g_steal_pointer (&store);
}

/* Here only, through the worker only, and here then the worker (a third of the way). */
static gsize
inline_limits (gsize length, guint i)
{
  const gsize limits[] = { G_MAXSIZE, 0, length / 3 };

  return limits[i];
}

#define N_INLINE_LIMITS 3

/* Every way of reading @body gives json-glib's tree. */
static void
assert_same_tree (const char *body, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) expected_roots = read_with_json_glib (body, length, &error);
  g_autofree char *expected = NULL;

  g_assert_no_error (error);
  expected = hbt_test_tree_describe (expected_roots);
  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr (HbTestStore) direct = read_in_chunks (body, length, chunk_sizes[i], &error);
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      got = describe_store (direct);
      g_assert_cmpstr (got, ==, expected);
      /* One byte at a time through a thread is slow and says nothing more. */
      if (chunk_sizes[i] == 1 && length > 64 * 1024)
        continue;
      for (guint l = 0; l < N_INLINE_LIMITS; l++)
        {
          g_autoptr (HbTestStore) streamed =
              read_with_stream (body, length, chunk_sizes[i], inline_limits (length, l), &error);
          g_autofree char *got_streamed = NULL;

          g_assert_no_error (error);
          got_streamed = describe_store (streamed);
          g_assert_cmpstr (got_streamed, ==, expected);
        }
    }
}

static void
assert_same_tree_str (const char *body)
{
  assert_same_tree (body, strlen (body));
}

/* -- refusals */

static void
assert_stream_refuses (const char *body, gsize length)
{
  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HbTestStore) direct = read_in_chunks (body, length, chunk_sizes[i], &error);

      g_assert_null (direct);
      g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
      for (guint l = 0; l < N_INLINE_LIMITS; l++)
        {
          g_autoptr (GError) stream_error = NULL;
          g_autoptr (HbTestStore) streamed = read_with_stream (
              body, length, chunk_sizes[i], inline_limits (length, l), &stream_error);

          g_assert_null (streamed);
          g_assert_error (stream_error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
          /* The same words, whatever the chunks and wherever it was read. */
          g_assert_cmpstr (stream_error->message, ==, error->message);
        }
    }
}

static void
assert_both_refuse (const char *body, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = read_with_json_glib (body, length, &error);

  g_assert_null (roots);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
  assert_stream_refuses (body, length);
}

/* -- the tests */

static void
test_sample (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static (SAMPLE, strlen (SAMPLE));
  g_autoptr (GError) error = NULL;
  g_autoptr (HbTestStore) store = hb_test_store_new_from_bytes (body, &error);
  g_autoptr (GListModel) roots = NULL;
  g_autoptr (HbTestNode) group = NULL;
  g_autoptr (HbTestNode) leaf = NULL;

  g_assert_no_error (error);
  g_assert_false (hb_test_store_get_loading (store));
  g_assert_cmpuint (hb_test_store_get_n_nodes (store), ==, 3);
  g_assert_cmpuint (hb_test_store_get_n_tests (store), ==, 2);
  g_assert_cmpuint (hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_FAILED), ==, 1);
  g_assert_cmpint (hb_test_store_get_total_duration (store), ==, 1250000);
  g_assert_cmpstr (hb_test_store_get_folded_name (store, 0), ==, "accounttests");
  g_assert_cmpuint (hb_test_store_get_child (store, 0, 1), ==, 2);
  g_assert_cmpuint (hb_test_store_get_parent (store, 2), ==, 0);
  g_assert_cmpuint (hb_test_store_get_parent (store, 0), ==, HB_TEST_STORE_NONE);
  g_assert_cmpuint (hb_test_store_get_subtree_end (store, 0), ==, 3);
  g_assert_true (hb_test_store_get_failed_below (store, 0));

  roots = roots_of (store);
  group = g_list_model_get_item (roots, 0);
  g_assert_true (hb_test_node_get_store (group) == store);
  g_assert_cmpuint (hb_test_node_get_store_index (group), ==, 0);
  g_assert_cmpstr (hb_test_node_get_name (group), ==, "AccountTests");
  g_assert_cmpint (hb_test_node_get_kind (group), ==, HB_TEST_KIND_GROUP);
  g_assert_cmpint (hb_test_node_get_duration (group), ==, 1250000);
  leaf = g_list_model_get_item (hb_test_node_get_children (group), 1);
  g_assert_cmpstr (hb_test_node_get_id (leaf), ==, "1.2");
  g_assert_cmpint (hb_test_node_get_status (leaf), ==, HB_TEST_STATUS_FAILED);
  g_assert_null (hb_test_node_get_children (leaf));

  assert_same_tree_str (SAMPLE);
}

/* Bodies from the generators (odd names: accents, CJK, RTL, emoji, markup, 300-character
 * names) and from harbor-server, in each shape, compact and pretty-printed. */
static void
test_same_as_json_glib (void)
{
  const HbtTreeShape shapes[] = { HBT_TREE_FLAT, HBT_TREE_GROUPS, HBT_TREE_ONE_GROUP,
                                  HBT_TREE_DEEP };
  const guint sizes[] = { 0, 1, 41, 200, 1000 };
  HbsTestSpec spec = { "big-tests/1", 5000, 50, 20 };
  g_autoptr (GBytes) server_body = hbs_test_tree_render_roots (&spec);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint n = 0; n < G_N_ELEMENTS (sizes); n++)
      {
        g_autofree char *body = hbt_generate_tests_json (sizes[n], shapes[s]);
        g_autoptr (JsonNode) tree = json_from_string (body, NULL);
        g_autofree char *pretty = json_to_string (tree, TRUE);

        g_test_message ("shape %d, %u tests", shapes[s], sizes[n]);
        assert_same_tree_str (body);
        assert_same_tree_str (pretty);
      }
  assert_same_tree (g_bytes_get_data (server_body, NULL), g_bytes_get_size (server_body));
}

/* Liberal in what it takes: whatever json-glib's reader accepts in a valid body. */
static void
test_tolerated (void)
{
  const char *bodies[] = {
    "[]",
    " \t\r\n[ ]\n",
    "\xef\xbb\xbf" SAMPLE, /* a byte order mark */
    "[{\"url\":\"https://appharbor.com/x\"," NODE_ID "," NODE_NAME "," NODE_STATUS
    ",\"kind\":\"Test\"," NODE_DURATION ",\"tests\":[]}]",
    "[{" NODE_ID ",\"url\":null,\"extra\":{\"a\":[1,-0,1e5,1.5E-3,-2.5e+10,true,false,null,"
    "{\"b\":[[],{}]}],\"c\":\"\\u00e9\\ud83d\\ude80\"},\"n\":"
    "123456789012345678901234567890," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    "}]",
    "[" GROUP_OPEN ",\"tests\":null}]",
    "[" GROUP_OPEN "}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    ",\"tests\":null}]",
    "[{\"tests\":[" TEST_NODE "," TEST_NODE "]," NODE_ID "," NODE_NAME "," NODE_STATUS
    ",\"kind\":\"Group\"," NODE_DURATION "}]",
    "[{\"\\u0069d\":\"1\",\"n\\u0061me\":\"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 "
    "\\uD83D\\uDE80\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID "," NODE_NAME ",\"status\":\"Mystery\",\"kind\":\"Suite\","
    "\"duration\":\"1.02:03:04.5\",\"tests\":[" TEST_NODE "]}]",
    "[{" NODE_ID ",\"name\":\"\"," NODE_STATUS ",\"kind\":\"Test\",\"duration\":\"-00:00:01\"}]",
    "[{" NODE_ID ",\"name\":"
    "\"\x7f\xc3\xa9\xe2\x82\xac\xf0\x9f\x9a\x80\xef\xbf\xbf\xf4\x8f\xbf\xbf\"," NODE_STATUS
    ",\"kind\":\"Test\"," NODE_DURATION "}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *shown = g_strescape (bodies[i], NULL);

      g_test_message ("body %u: %s", i, shown);
      assert_same_tree_str (bodies[i]);
    }
}

/* Malformed, wrong-typed, too deep, not UTF-8: refused by both readers, whatever the
 * chunks, with the same words for each chunking. */
static void
test_refused_by_both (void)
{
  const char *bodies[] = {
    "",
    "   ",
    "[",
    "[{",
    "{",
    "nul",
    "<html>",
    "{\"a\":1}garbage",
    "{}",
    "\"x\"",
    "1",
    "null",
    "[1]",
    "[[]]",
    "[null]",
    "[" TEST_NODE ",]",
    "[" TEST_NODE " " TEST_NODE "]",
    "[{\"id\" \"1\"}]",
    "[{\"id\":\"1\",}]",
    "[{" NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION ",\"tests\":[]}]",
    "[{" NODE_ID "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION ",\"tests\":[]}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\",\"tests\":[]}]",
    "[{\"id\":1," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":null," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID "," NODE_NAME ",\"status\":true,\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":{}," NODE_DURATION "}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\",\"duration\":[]}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\",\"duration\":\"soon\"}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\",\"duration\":\"24:00:00\"}]",
    "[" GROUP_OPEN ",\"tests\":{}}]",
    "[" GROUP_OPEN ",\"tests\":\"x\"}]",
    "[" GROUP_OPEN ",\"tests\":5}]",
    "[" GROUP_OPEN ",\"tests\":[3]}]",
    "[" GROUP_OPEN ",\"tests\":[" TEST_NODE ",[]]}]",
    "[{" NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    ",\"tests\":[" TEST_NODE "]}]",
    "[{\"tests\":[" TEST_NODE "]," NODE_ID "," NODE_NAME "," NODE_STATUS
    ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\xff\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\xc0\xaf\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\xed\xa0\x80\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\xf4\x90\x80\x80\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    "}]",
    "[{" NODE_ID ",\"name\":\"\xc3\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":\"\xe2\x82\"," NODE_NAME "," NODE_STATUS
    ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{\"\xfe\":1," NODE_ID "," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[\"\\ud800\\u0041\"]",
    "[\"abc",
    "[\"\\u12\"]",
    "[1e]",
    "[-]",
    "[tru]",
    "[truex]",
    "[{\"a\":}]",
    "[1]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *shown = g_strescape (bodies[i], NULL);

      g_test_message ("body %u: %s", i, shown);
      assert_both_refuse (bodies[i], strlen (bodies[i]));
    }
}

/* A NUL byte, in a string and between tokens. */
static void
test_nul_byte_refused (void)
{
  static const char in_string[] = "[{\"id\":\"1\0\"}]";
  static const char after[] = "[]\0";

  assert_both_refuse (in_string, sizeof in_string - 1);
  assert_both_refuse (after, sizeof after - 1);
}

/* Things json-glib 1.6 lets through that RFC 8259 does not: the stream refuses them (the
 * list is in HACKING.md). */
static void
test_stricter_than_json_glib (void)
{
  const char *bodies[] = {
    "/* comment */[]",
    "[][]",
    "[]{}",
    "['a']",
    "[{" NODE_ID ",\"x\":01," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":.5," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":1.," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":0x10," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":- 1," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"a\tb\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\\x41\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\\ud800x\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"\\udc00\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"name\":\"a\\u0000b\"," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION "}]",
    "[{" NODE_ID ",\"x\":\"\\u0000\"," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    "}]",
    "[{" NODE_ID ",\"id\":\"2\"," NODE_NAME "," NODE_STATUS ",\"kind\":\"Test\"," NODE_DURATION
    "}]",
    "[" GROUP_OPEN ",\"tests\":[],\"tests\":[]}]",
    "\xef\xbb[]",
    " \xef\xbb\xbf[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *shown = g_strescape (bodies[i], NULL);

      g_test_message ("body %u: %s", i, shown);
      assert_stream_refuses (bodies[i], strlen (bodies[i]));
    }
}

static char *
nested (const char *open, const char *close, guint depth, const char *middle)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, open);
  g_string_append (out, middle);
  for (guint i = 0; i < depth; i++)
    g_string_append (out, close);
  return g_string_free (out, FALSE);
}

/* HB_JSON_MAX_DEPTH counts every container, read or skipped, as the guard before json-glib
 * does: 256 levels are read, 257 are refused. */
static void
test_depth_cap (void)
{
  g_autofree char *inner_ok = nested ("[", "]", HB_JSON_MAX_DEPTH - 2, "");
  g_autofree char *inner_deep = nested ("[", "]", HB_JSON_MAX_DEPTH - 1, "");
  g_autofree char *ok = g_strdup_printf ("[{\"x\":%s," NODE_ID "," NODE_NAME "," NODE_STATUS
                                         ",\"kind\":\"Test\"," NODE_DURATION "}]",
                                         inner_ok);
  g_autofree char *deep = g_strdup_printf ("[{\"x\":%s," NODE_ID "," NODE_NAME "," NODE_STATUS
                                           ",\"kind\":\"Test\"," NODE_DURATION "}]",
                                           inner_deep);
  g_autofree char *very_deep = nested ("[", "]", 100000, "");
  g_autofree char *deep_tree = hbt_generate_tests_json (3, HBT_TREE_DEEP);

  assert_same_tree_str (ok);
  assert_both_refuse (deep, strlen (deep));
  assert_both_refuse (very_deep, strlen (very_deep));
  assert_same_tree_str (deep_tree);
}

/* The body cap of hb-json-private.h, fed without holding 64 MiB. */
static void
test_size_cap (void)
{
  g_autoptr (HbTestStrings) strings = _hb_test_strings_new ();
  g_autoptr (HbTestParser) parser = _hb_test_parser_new (strings, drop_batch, NULL);
  g_autoptr (GError) error = NULL;
  gsize chunk = 1024 * 1024;
  g_autofree char *spaces = g_malloc (chunk);
  gsize fed = 1;

  memset (spaces, ' ', chunk);
  g_assert_true (_hb_test_parser_feed (parser, "[", 1, &error));
  while (fed + chunk <= HB_JSON_MAX_BYTES)
    {
      g_assert_true (_hb_test_parser_feed (parser, spaces, chunk, &error));
      fed += chunk;
    }
  g_assert_true (_hb_test_parser_feed (parser, spaces, HB_JSON_MAX_BYTES - fed, &error));
  g_assert_false (_hb_test_parser_feed (parser, "]", 1, &error));
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
}

/* Counts follow the nodes; the store keeps to its budget. */
static void
test_counts_and_size (void)
{
  HbsTestSpec spec = { "big-tests/1", 10000, 50, 20 };
  g_autoptr (GBytes) body = hbs_test_tree_render_roots (&spec);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbTestStore) store = hb_test_store_new_from_bytes (body, &error);
  guint by_status[HB_TEST_STATUS_SKIPPED + 1] = { 0 };
  guint n_tests = 0;
  GTimeSpan roots = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hb_test_store_get_n_nodes (store); i++)
    {
      if (hb_test_store_get_parent (store, i) == HB_TEST_STORE_NONE)
        roots += hb_test_store_get_duration (store, i);
      if (hb_test_store_get_kind (store, i) != HB_TEST_KIND_TEST)
        continue;
      n_tests++;
      by_status[hb_test_store_get_status (store, i)]++;
    }
  g_assert_cmpuint (hb_test_store_get_n_tests (store), ==, 10000);
  g_assert_cmpuint (n_tests, ==, 10000);
  for (guint s = 0; s <= HB_TEST_STATUS_SKIPPED; s++)
    g_assert_cmpuint (hb_test_store_get_n_tests_with_status (store, s), ==, by_status[s]);
  g_assert_cmpint (hb_test_store_get_total_duration (store), ==, roots);
  /* The budget is ~600 bytes per test for everything the view needs. */
  g_assert_cmpuint (hb_test_store_get_memory_size (store) / 10000, <, 600);
}

typedef struct
{
  guint changes;
  guint added;
  guint last_n;
} Growth;

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, Growth *growth)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position, ==, growth->last_n);
  growth->changes++;
  growth->added += added;
  growth->last_n = position + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, growth->last_n);
}

/* A group is shown before its children have all arrived; the row item for it says when
 * they do, so a list bound to it grows. The roots grow the same way. */
static void
test_groups_grow (void)
{
  g_autofree char *body = hbt_generate_tests_json (1000, HBT_TREE_ONE_GROUP);
  gsize length = strlen (body);
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestParser) parser =
      _hb_test_parser_new (_hb_test_store_get_strings (store), add_batch, store);
  g_autoptr (GListModel) root_level = roots_of (store);
  g_autoptr (HbTestNode) group = NULL;
  Growth growth = { 0 }, roots = { 0 };
  gsize at = 0;

  g_assert_cmpuint (g_list_model_get_n_items (root_level), ==, 0);
  g_signal_connect (root_level, "items-changed", G_CALLBACK (on_items_changed), &roots);
  while (group == NULL && at < length)
    {
      g_assert_true (_hb_test_parser_feed (parser, body + at++, 1, NULL));
      if (g_list_model_get_n_items (root_level) > 0)
        group = g_list_model_get_item (root_level, 0);
    }
  g_assert_nonnull (group);
  g_assert_false (hb_test_store_is_complete (store, 0));
  growth.last_n = hb_test_node_get_n_children (group);
  g_signal_connect (group, "items-changed", G_CALLBACK (on_items_changed), &growth);
  for (; at < length; at += 100)
    g_assert_true (_hb_test_parser_feed (parser, body + at, MIN (100, length - at), NULL));
  g_assert_true (_hb_test_parser_finish (parser, NULL));

  g_assert_true (hb_test_store_is_complete (store, 0));
  g_assert_cmpuint (growth.last_n, ==, 1000);
  g_assert_cmpuint (growth.changes, >, 1);
  g_assert_cmpuint (roots.added, ==, 1);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (HbTestNode) child = g_list_model_get_item (G_LIST_MODEL (group), i);

      g_assert_cmpuint (hb_test_node_get_store_index (child), ==, i + 1);
    }
}

/* -- the filter: what the view's index computed, kept current while nodes arrive */

typedef struct
{
  HbTestStore *store;
  gboolean failed_only;
  char *search; /* folded */
  gboolean *visible;
  gboolean *match_below;
  guint *n_visible_children;
} Reference;

static gboolean
reference_failed (HbTestStore *store, guint node)
{
  if (hb_test_store_get_status (store, node) == HB_TEST_STATUS_FAILED)
    return TRUE;
  for (guint i = 0; i < hb_test_store_get_n_children (store, node); i++)
    if (reference_failed (store, hb_test_store_get_child (store, node, i)))
      return TRUE;
  return FALSE;
}

static gboolean
reference_failed_below (HbTestStore *store, guint node)
{
  for (guint i = 0; i < hb_test_store_get_n_children (store, node); i++)
    if (reference_failed (store, hb_test_store_get_child (store, node, i)))
      return TRUE;
  return FALSE;
}

static gboolean
reference_matches (Reference *ref, guint node)
{
  return strstr (hb_test_store_get_folded_name (ref->store, node), ref->search) != NULL;
}

/* Straight from the definitions, one node at a time: a node stays when it failed or holds a
 * failure (Failed Only), and when it, an ancestor or a descendant that stays matches. */
static void
reference_visit (Reference *ref, guint node, gboolean match_above)
{
  gboolean match = ref->search != NULL && reference_matches (ref, node);
  gboolean keep;

  ref->match_below[node] = FALSE;
  for (guint i = 0; i < hb_test_store_get_n_children (ref->store, node); i++)
    {
      guint child = hb_test_store_get_child (ref->store, node, i);

      reference_visit (ref, child, match_above || match);
      if (ref->visible[child])
        {
          ref->n_visible_children[node]++;
          if (ref->search != NULL && (ref->match_below[child] || reference_matches (ref, child)))
            ref->match_below[node] = TRUE;
        }
    }
  keep = !ref->failed_only || reference_failed (ref->store, node);
  if (ref->search != NULL)
    keep = keep && (match || match_above || ref->match_below[node]);
  ref->visible[node] = keep;
}

static void
assert_filter (HbTestStore *store, gboolean failed_only, const char *search)
{
  guint n = hb_test_store_get_n_nodes (store);
  g_autofree gboolean *visible = g_new0 (gboolean, n);
  g_autofree gboolean *match_below = g_new0 (gboolean, n);
  g_autofree guint *n_visible_children = g_new0 (guint, n);
  g_autofree char *folded = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  Reference ref = { store, failed_only, folded, visible, match_below, n_visible_children };
  guint n_visible = 0;

  for (guint i = 0; i < hb_test_store_get_n_children (store, HB_TEST_STORE_NONE); i++)
    reference_visit (&ref, hb_test_store_get_child (store, HB_TEST_STORE_NONE, i), FALSE);
  for (guint i = 0; i < n; i++)
    {
      gboolean below = folded != NULL ? match_below[i] : reference_failed_below (store, i);

      g_assert_cmpint (hb_test_store_is_visible (store, i), ==, visible[i]);
      g_assert_cmpuint (hb_test_store_get_n_visible_children (store, i), ==, n_visible_children[i]);
      g_assert_cmpint (hb_test_store_get_failed_below (store, i), ==,
                       reference_failed_below (store, i));
      g_assert_cmpint (hb_test_store_get_auto_expand (store, i), ==,
                       visible[i] && below && n_visible_children[i] > 0);
      n_visible += visible[i];
    }
  g_assert_cmpuint (hb_test_store_get_n_visible (store), ==, n_visible);
}

/* While nodes arrive, a group is marked open as the filter comes to want it open. */
static void
assert_marked_open (HbTestStore *store)
{
  for (guint i = 0; i < hb_test_store_get_n_nodes (store); i++)
    g_assert_cmpint (hb_test_store_get_expanded (store, i), ==,
                     hb_test_store_get_auto_expand (store, i));
}

static void
test_filter (void)
{
  const struct
  {
    gboolean failed_only;
    const char *search;
  } filters[] = {
    { FALSE, NULL }, { TRUE, NULL },      { FALSE, "ÄRGER" }, { TRUE, "ärger" },
    { FALSE, "1" },  { TRUE, "<b>" },     { FALSE, "Group" }, { TRUE, "nothing-at-all" },
    { FALSE, "ß" },  { TRUE, "PRÜFUNG" },
  };
  g_autofree char *body = hbt_generate_tests_json (1000, HBT_TREE_GROUPS);
  gsize length = strlen (body);

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr (HbTestStore) whole = read_in_chunks (body, length, 64 * 1024, NULL);
      g_autoptr (HbTestStore) growing = hb_test_store_new ();
      g_autoptr (HbTestParser) parser =
          _hb_test_parser_new (_hb_test_store_get_strings (growing), add_batch, growing);

      g_test_message ("failed only %d, search %s", filters[f].failed_only, filters[f].search);
      /* Set once loaded: the two passes. */
      hb_test_store_set_filter (whole, filters[f].failed_only, filters[f].search);
      assert_filter (whole, filters[f].failed_only, filters[f].search);
      /* Set before anything arrived: kept current node by node, checked on the way. */
      hb_test_store_set_filter (growing, filters[f].failed_only, filters[f].search);
      for (gsize at = 0; at < length; at += 997)
        {
          g_assert_true (_hb_test_parser_feed (parser, body + at, MIN (997, length - at), NULL));
          assert_filter (growing, filters[f].failed_only, filters[f].search);
          assert_marked_open (growing);
        }
      g_assert_true (_hb_test_parser_finish (parser, NULL));
      assert_filter (growing, filters[f].failed_only, filters[f].search);
    }
}

static void
test_expanded (void)
{
  g_autoptr (GBytes) body = g_bytes_new_static (SAMPLE, strlen (SAMPLE));
  g_autoptr (HbTestStore) store = hb_test_store_new_from_bytes (body, NULL);

  hb_test_store_set_filter (store, TRUE, NULL);
  hb_test_store_reset_expanded (store);
  g_assert_true (hb_test_store_get_expanded (store, 0));
  g_assert_false (hb_test_store_get_expanded (store, 1));
  hb_test_store_set_expanded (store, 2, TRUE);
  hb_test_store_set_expanded (store, 0, FALSE);
  g_assert_false (hb_test_store_get_expanded (store, 2));
  g_assert_cmpint (hb_test_store_compare_names (store, 1, 2), <, 0);
  g_assert_cmpint (hb_test_store_compare_names (store, 0, 0), ==, 0);
}

/* -- cancelling */

static void
wait_for_workers (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (_hb_test_stream_get_n_workers () > 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  /* Deliveries already queued run once more, then let go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Closing the view mid-body: the store ends cancelled, gets nothing more, and once the
 * caller lets go everything is freed (the ASan build checks nothing leaks). */
static void
test_cancel_mid_stream (void)
{
  HbsTestSpec spec = { "big-tests/1", 20000, 50, 20 };
  g_autoptr (GBytes) body = hbs_test_tree_render_roots (&spec);
  gsize length = g_bytes_get_size (body);
  HbTestStore *store = hb_test_store_new ();
  HbTestStream *stream = hb_test_stream_new (store);
  HbTestNode *row = NULL;
  GListModel *roots = roots_of (store);
  guint n_at_cancel;

  /* Past the first chunk on the worker: it is the worker that must let go. */
  _hb_test_stream_set_inline_limit (stream, 4096);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_add_weak_pointer (G_OBJECT (stream), (gpointer *) &stream);
  for (gsize at = 0; at < length / 2; at += 4096)
    {
      g_autoptr (GBytes) chunk = g_bytes_new_from_bytes (body, at, MIN (4096, length / 2 - at));

      hb_test_stream_feed (stream, chunk);
    }
  while (g_list_model_get_n_items (roots) == 0)
    g_main_context_iteration (NULL, TRUE);
  row = g_list_model_get_item (roots, 0);
  g_object_unref (roots);

  hb_test_stream_cancel (stream);
  g_assert_false (hb_test_store_get_loading (store));
  g_assert_error ((GError *) hb_test_store_get_error (store), G_IO_ERROR, G_IO_ERROR_CANCELLED);
  n_at_cancel = hb_test_store_get_n_nodes (store);
  /* Feeding after a cancel is a no-op. */
  hb_test_stream_feed (stream, body);
  hbt_iterate_for (50);
  g_assert_cmpuint (hb_test_store_get_n_nodes (store), ==, n_at_cancel);

  g_object_unref (stream);
  g_assert_null (stream);
  g_object_unref (store);
  /* A row item keeps its store alive, strings and all. */
  g_assert_nonnull (store);
  g_assert_nonnull (hb_test_node_get_name (row));
  g_object_unref (row);
  g_assert_null (store);
  wait_for_workers ();
}

/* Dropping the stream and the store without a word, with the worker busy. */
static void
test_drop_mid_stream (void)
{
  HbsTestSpec spec = { "big-tests/1", 20000, 50, 20 };
  g_autoptr (GBytes) body = hbs_test_tree_render_roots (&spec);
  HbTestStore *store = hb_test_store_new ();
  HbTestStream *stream = hb_test_stream_new (store);

  _hb_test_stream_set_inline_limit (stream, 0);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  hb_test_stream_feed (stream, body);
  g_object_unref (stream);
  g_object_unref (store);
  g_assert_null (store);
  wait_for_workers ();
}

/* An error mid-body ends the store with it, and nothing after it is added. */
static void
test_error_ends_store (void)
{
  static const char body[] = "[" TEST_NODE "," TEST_NODE ",{\"id\":5}]";
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestStream) stream = hb_test_stream_new (store);
  g_autoptr (GBytes) bytes = g_bytes_new_static (body, sizeof body - 1);
  g_autoptr (GBytes) more = g_bytes_new_static (TEST_NODE, strlen (TEST_NODE));

  _hb_test_stream_set_inline_limit (stream, 0);

  hb_test_stream_feed (stream, bytes);
  hb_test_stream_feed (stream, more);
  hb_test_stream_close (stream);
  wait_loaded (store);
  g_assert_error ((GError *) hb_test_store_get_error (store), HB_API_ERROR,
                  HB_API_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (hb_test_store_get_n_nodes (store), <=, 2);
}

/* -- through HbClient */

#define BIG_TESTS_PATH "/applications/big-tests/builds/1/tests"

static gboolean
load (HbClient *client,
      const char *path,
      HbTestStore *store,
      GCancellable *cancellable,
      GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hb_client_load_tests_async (client, path, store, cancellable, hbt_async_ready, &result);
  hbt_await (&result);
  return hb_client_load_tests_finish (client, result, error);
}

static char *
list_with_client (HbClient *client, const char *path)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;

  hb_client_list_tests_at_url_async (client, path, NULL, hbt_async_ready, &result);
  hbt_await (&result);
  roots = hb_client_list_tests_at_url_finish (client, result, &error);
  g_assert_no_error (error);
  return hbt_test_tree_describe (roots);
}

/* The same tree as list_tests_at_url, and the store has ended when the call returns. */
static void
test_client_load (void)
{
  HbtServerOptions options = { .big_tests = 3000 };
  g_autoptr (HbtServer) server = hbt_server_new_full (&options);
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = list_with_client (client, BIG_TESTS_PATH);
  g_autofree char *got = NULL;

  g_assert_true (load (client, BIG_TESTS_PATH, store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hb_test_store_get_loading (store));
  g_assert_null (hb_test_store_get_error (store));
  got = describe_store (store);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpuint (hb_test_store_get_n_tests (store), ==, 3000);
}

/* A body cut short is asked for again, as for every GET; the bytes the store already has
 * are checked and skipped, so the tree is whole and nothing is read twice. */
static void
test_client_resumes_after_truncation (void)
{
  HbtServerOptions options = { .big_tests = 3000 };
  HbsFaults faults = { .truncate_every = 2 };
  g_autoptr (HbtServer) server = hbt_server_new_full (&options);
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autofree char *expected = list_with_client (client, BIG_TESTS_PATH);

  hbt_server_set_faults (server, &faults);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (HbTestStore) store = hb_test_store_new ();
      g_autoptr (GError) error = NULL;
      g_autofree char *got = NULL;

      g_assert_true (load (client, BIG_TESTS_PATH, store, NULL, &error));
      g_assert_no_error (error);
      got = describe_store (store);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
assert_load_fails (
    HbClient *client, const char *path, GCancellable *cancellable, GQuark domain, int code)
{
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (load (client, path, store, cancellable, &error));
  g_assert_error (error, domain, code);
  /* The store says so too, and has stopped. */
  g_assert_false (hb_test_store_get_loading (store));
  g_assert_error ((GError *) hb_test_store_get_error (store), domain, code);
}

static void
cancel_soon (GCancellable *cancellable, guint ms)
{
  g_timeout_add_once (ms, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
}

static void
test_client_errors (void)
{
  HbtServerOptions options = { .big_tests = 20000 };
  HbsFaults cut_always = { .truncate_every = 1 };
  HbsFaults slow = { .latency_ms = 200 };
  g_autoptr (HbtServer) server = hbt_server_new_full (&options);
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_autoptr (GCancellable) during = g_cancellable_new ();

  assert_load_fails (client, "/applications/big-tests/builds/99/tests", NULL, HB_API_ERROR,
                     HB_API_ERROR_NOT_FOUND);
  assert_load_fails (client, "/applications/nope/builds/1/tests", NULL, HB_API_ERROR,
                     HB_API_ERROR_NOT_FOUND);
  assert_load_fails (client, "/user", NULL, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
  g_cancellable_cancel (before);
  assert_load_fails (client, BIG_TESTS_PATH, before, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  hbt_server_set_faults (server, &slow);
  cancel_soon (during, 50);
  assert_load_fails (client, BIG_TESTS_PATH, during, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  _hb_client_set_limits (client, 64 * 1024 * 1024, 3, 5);
  hbt_server_set_faults (server, &cut_always);
  assert_load_fails (client, BIG_TESTS_PATH, NULL, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  hbt_server_set_faults (server, &(HbsFaults){ 0 });
  _hb_client_set_limits (client, 64 * 1024, 3, 5);
  assert_load_fails (client, BIG_TESTS_PATH, NULL, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE);
  wait_for_workers ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-stream/sample", test_sample);
  g_test_add_func ("/test-stream/same-as-json-glib", test_same_as_json_glib);
  g_test_add_func ("/test-stream/tolerated", test_tolerated);
  g_test_add_func ("/test-stream/refused-by-both", test_refused_by_both);
  g_test_add_func ("/test-stream/nul-byte", test_nul_byte_refused);
  g_test_add_func ("/test-stream/stricter-than-json-glib", test_stricter_than_json_glib);
  g_test_add_func ("/test-stream/depth-cap", test_depth_cap);
  g_test_add_func ("/test-stream/size-cap", test_size_cap);
  g_test_add_func ("/test-stream/counts-and-size", test_counts_and_size);
  g_test_add_func ("/test-stream/groups-grow", test_groups_grow);
  g_test_add_func ("/test-stream/filter", test_filter);
  g_test_add_func ("/test-stream/expanded", test_expanded);
  g_test_add_func ("/test-stream/cancel", test_cancel_mid_stream);
  g_test_add_func ("/test-stream/drop", test_drop_mid_stream);
  g_test_add_func ("/test-stream/error-ends-store", test_error_ends_store);
  g_test_add_func ("/test-stream/client-load", test_client_load);
  g_test_add_func ("/test-stream/client-resumes", test_client_resumes_after_truncation);
  g_test_add_func ("/test-stream/client-errors", test_client_errors);
  return g_test_run ();
}
