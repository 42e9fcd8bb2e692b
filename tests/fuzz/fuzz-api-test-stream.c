/* fuzz-api-test-stream.c: libFuzzer target for the incremental tests reader (HbTestStore),
 * beside json-glib's reader on the same bytes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "../hbt-test-tree.h"
#include "hb-api.h"
#include "hb-json-private.h"
#include "hb-test-level.h"
#include "hb-test-parser-private.h"
#include "hb-test-store-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
add_batch (HbTestBatch *batch, gpointer user_data)
{
  _hb_test_store_add_batch (user_data, batch);
}

/* The parser and the store in this thread (the fuzzer has no main loop), @chunk at a time. */
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

static GListModel *
read_with_json_glib (const char *body, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = _hb_json_parse (body, length, &error);
  GListModel *roots;

  if (root == NULL)
    return NULL;
  roots = hb_test_node_list_from_json (root, &error);
  g_assert ((roots == NULL) == (error != NULL));
  return roots;
}

/* The store's roots, as row items. */
static char *
describe_store (HbTestStore *store)
{
  g_autoptr (GListModel) roots =
      G_LIST_MODEL (hb_test_level_new (store, HB_TEST_STORE_NONE, FALSE));

  return hbt_test_tree_describe (roots);
}

/* The levels a filter shows hold exactly the nodes it keeps. */
static guint
count_shown (HbTestStore *store, guint parent)
{
  g_autoptr (HbTestLevel) level = hb_test_level_new (store, parent, TRUE);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (level));
  guint total = n;

  for (guint i = 0; i < n; i++)
    total += count_shown (store, hb_test_level_get_node (level, i));
  return total;
}

/* Every node's filter bits and the view's state, read and changed once. */
static void
exercise_filter (HbTestStore *store, gboolean failed_only, const char *search)
{
  guint n = hb_test_store_get_n_nodes (store);
  guint n_visible = 0;

  hb_test_store_set_filter (store, failed_only, search);
  hb_test_store_reset_expanded (store);
  for (guint i = 0; i < n; i++)
    {
      n_visible += hb_test_store_is_visible (store, i);
      g_assert_cmpuint (hb_test_store_get_n_visible_children (store, i), <=,
                        hb_test_store_get_n_children (store, i));
      if (hb_test_store_get_auto_expand (store, i))
        g_assert_true (hb_test_store_get_expanded (store, i));
      g_assert_cmpuint (hb_test_store_get_subtree_end (store, i), >, i);
      if (i > 0)
        (void) hb_test_store_compare_names (store, i - 1, i);
    }
  g_assert_cmpuint (n_visible, ==, hb_test_store_get_n_visible (store));
  g_assert_cmpuint (count_shown (store, HB_TEST_STORE_NONE), ==, n_visible);
  if (n > 0)
    hb_test_store_set_expanded (store, 0, FALSE);
}

/* One reader, two splits of the bytes: the same verdict, the same words. Where it takes a
 * body json-glib's reader takes it too and reads the same tree (the other way round is
 * allowed: json-glib lets through what RFC 8259 does not, see HACKING.md). */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *body = (const char *) data;
  gsize chunk = 1 + (size > 0 ? data[size - 1] % 13 : 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) chunked_error = NULL;
  g_autoptr (HbTestStore) whole = NULL;
  g_autoptr (HbTestStore) chunked = NULL;
  g_autoptr (GListModel) reference = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  whole = read_in_chunks (body, size, MAX (size, 1), &error);
  chunked = read_in_chunks (body, size, chunk, &chunked_error);
  g_assert ((whole == NULL) == (error != NULL));
  g_assert ((whole == NULL) == (chunked == NULL));
  if (whole == NULL)
    {
      g_assert_true (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE));
      g_assert_cmpstr (error->message, ==, chunked_error->message);
    }

  reference = read_with_json_glib (body, size);
  if (whole == NULL)
    return 0;
  g_assert_nonnull (reference);
  expected = hbt_test_tree_describe (reference);
  got = describe_store (whole);
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
  got = describe_store (chunked);
  g_assert_cmpstr (got, ==, expected);

  exercise_filter (whole, FALSE, NULL);
  exercise_filter (whole, TRUE, "e");
  exercise_filter (chunked, FALSE, "\xc3\x84");
  return 0;
}
