/* test-test-tree.c: HbTestTree and HbTestLevel on an HbTestStore, and durations, without a
 * display: what a build's test results show (filter, order) and which groups open, a budget
 * at a time, whole or as the tests arrive
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-test-level.h"
#include "hb-test-parser-private.h"
#include "hb-test-store-private.h"
#include "hbt-generate.h"
#include "hbt-utils.h"

#include <string.h>

/* ---- a stand-in for the view's GtkTreeListModel ----
 *
 * Rows in display order: a row is a node and, once opened, the rows of its children right
 * after it. Levels grow while tests arrive, and the rows with them. That is all HbTestTree
 * needs of a tree list model. */

#define FAKE_TYPE_ROW (fake_row_get_type ())
G_DECLARE_FINAL_TYPE (FakeRow, fake_row, FAKE, ROW, GObject)

struct _FakeRow
{
  GObject parent_instance;

  HbTestNode *node;    /* NULL for the model's top */
  GListModel *level;   /* its children as the tree made them, once opened */
  GPtrArray *children; /* of FakeRow, NULL until opened */
  HbTestTree *tree;
};

G_DEFINE_FINAL_TYPE (FakeRow, fake_row, G_TYPE_OBJECT)

static void
fake_row_finalize (GObject *object)
{
  FakeRow *self = FAKE_ROW (object);

  if (self->level != NULL)
    g_signal_handlers_disconnect_by_data (self->level, self);
  g_clear_object (&self->node);
  g_clear_object (&self->level);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  G_OBJECT_CLASS (fake_row_parent_class)->finalize (object);
}

static void
fake_row_class_init (FakeRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_row_finalize;
}

static void
fake_row_init (FakeRow *self)
{
}

static FakeRow *
fake_row_new (HbTestTree *tree, HbTestNode *node)
{
  FakeRow *row = g_object_new (FAKE_TYPE_ROW, NULL);

  row->tree = tree;
  row->node = node != NULL ? g_object_ref (node) : NULL;
  return row;
}

/* A level grew: its new rows are inserted, as a tree list model's are. */
static void
on_level_changed (FakeRow *row, guint position, guint removed, guint added, GListModel *level)
{
  g_assert_cmpuint (removed, ==, 0);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (level, position + i);

      g_ptr_array_insert (row->children, position + i, fake_row_new (row->tree, node));
    }
}

static void
fake_row_open (FakeRow *row, GListModel *level)
{
  g_assert_null (row->children);
  row->level = level;
  row->children = g_ptr_array_new_with_free_func (g_object_unref);
  on_level_changed (row, 0, 0, g_list_model_get_n_items (level), level);
  g_signal_connect_swapped (level, "items-changed", G_CALLBACK (on_level_changed), row);
}

/* The model is a row without a node: its children are the top level. */
typedef FakeRow FakeModel;

static FakeModel *
fake_model_new (HbTestTree *tree, GListModel *top_level)
{
  FakeModel *model = fake_row_new (tree, NULL);

  fake_row_open (model, g_object_ref (top_level));
  return model;
}

static void
flatten (FakeRow *row, GPtrArray *flat)
{
  for (guint i = 0; row->children != NULL && i < row->children->len; i++)
    {
      FakeRow *child = g_ptr_array_index (row->children, i);

      g_ptr_array_add (flat, child);
      flatten (child, flat);
    }
}

/* Every row shown, in order (transfer container). */
static GPtrArray *
fake_model_flat (FakeModel *model)
{
  GPtrArray *flat = g_ptr_array_new ();

  flatten (model, flat);
  return flat;
}

static FakeModel *current_model;

/* Like gtk_tree_list_row_get_child_row (): NULL when @parent is not open. */
static GObject *
fake_child_row (GObject *model, GObject *parent, guint i)
{
  FakeRow *row = parent != NULL ? FAKE_ROW (parent) : FAKE_ROW (model);

  if (row->children == NULL || i >= row->children->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (row->children, i));
}

static guint
fake_position (GObject *object)
{
  g_autoptr (GPtrArray) flat = fake_model_flat (current_model);
  guint position;

  g_assert_true (g_ptr_array_find (flat, object, &position));
  return position;
}

static guint n_expand_calls;

static GListModel *
fake_expand (GObject *object)
{
  FakeRow *row = FAKE_ROW (object);
  GListModel *children = hb_test_tree_create_children (row->tree, row->node);

  n_expand_calls++;
  if (children == NULL)
    return NULL;
  /* A tree list model keeps the children it made; the tree borrows them for its walk. */
  fake_row_open (row, children);
  return children;
}

static const HbTestTreeRows fake_rows = { fake_child_row, fake_expand, fake_position };

/* ---- helpers ---- */

static void
add_batch (HbTestBatch *batch, gpointer user_data)
{
  _hb_test_store_add_batch (user_data, batch);
}

static HbTestStore *
store_new (const char *json)
{
  g_autoptr (GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr (GError) error = NULL;
  HbTestStore *store = hb_test_store_new_from_bytes (body, &error);

  g_assert_no_error (error);
  return store;
}

static HbTestTree *
tree_new (HbTestStore *store)
{
  HbTestTree *tree = hb_test_tree_new ();

  hb_test_tree_set_store (tree, store);
  return tree;
}

/* The roots as row items, for walks straight from the definitions. */
static GListModel *
roots_of (HbTestStore *store)
{
  return G_LIST_MODEL (hb_test_level_new (store, HB_TEST_STORE_NONE, FALSE));
}

typedef struct
{
  guint tests, passed, failed, skipped;
} Counts;

static void
count_tests (GListModel *level, Counts *counts)
{
  for (guint i = 0; i < g_list_model_get_n_items (level); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (level, i);

      if (hb_test_node_get_kind (node) == HB_TEST_KIND_GROUP)
        {
          count_tests (hb_test_node_get_children (node), counts);
          continue;
        }
      counts->tests++;
      counts->passed += hb_test_node_get_status (node) == HB_TEST_STATUS_PASSED;
      counts->failed += hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED;
      counts->skipped += hb_test_node_get_status (node) == HB_TEST_STATUS_SKIPPED;
    }
}

/* Whether @node or anything under it failed. */
static gboolean
holds_failure (HbTestNode *node)
{
  GListModel *children = hb_test_node_get_children (node);

  if (hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED)
    return TRUE;
  for (guint i = 0; children != NULL && i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (HbTestNode) child = g_list_model_get_item (children, i);

      if (holds_failure (child))
        return TRUE;
    }
  return FALSE;
}

/* Opens everything the tree wants with a budget already spent, so one group a call. */
static guint
expand_all (HbTestTree *tree, FakeModel *model, GListModel *top_level)
{
  guint calls = 0;

  current_model = model;
  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  n_expand_calls = 0;
  while (!hb_test_tree_expand_until (tree, 0))
    {
      calls++;
      g_assert_cmpuint (n_expand_calls, ==, calls);
    }
  g_assert_false (hb_test_tree_get_expanding (tree));
  return calls;
}

static void
count (guint *n)
{
  (*n)++;
}

static const HbtTreeShape shapes[] = {
  HBT_TREE_FLAT,
  HBT_TREE_GROUPS,
  HBT_TREE_ONE_GROUP,
  HBT_TREE_DEEP,
};
static const guint sizes[] = { HBT_EDGE_SIZES };

/* ---- tests ---- */

/* Moved here from tests/ui/test-test-results.c with hb-duration.c, which went to src/api. */
static void
test_duration_format (void)
{
  static const struct
  {
    GTimeSpan span;
    const char *text;
  } cases[] = {
    { 0, "0 ms" },
    { 300, "< 1 ms" },
    { 12 * G_TIME_SPAN_MILLISECOND, "12 ms" },
    { 999 * G_TIME_SPAN_MILLISECOND + 700, "1.0 s" },
    { 3400 * G_TIME_SPAN_MILLISECOND, "3.4 s" },
    { 59 * G_TIME_SPAN_SECOND + 960 * G_TIME_SPAN_MILLISECOND, "1 min 0 s" },
    { 62 * G_TIME_SPAN_SECOND, "1 min 2 s" },
    { 2 * G_TIME_SPAN_HOUR + 5 * G_TIME_SPAN_MINUTE, "2 h 5 min" },
    { -5, "0 ms" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hb_duration_format (cases[i].span);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The store counts what a walk of its roots counts, for every generated size and shape. */
static void
test_counts (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autofree char *json = hbt_generate_tests_json (sizes[i], shapes[s]);
        g_autoptr (HbTestStore) store = store_new (json);
        g_autoptr (GListModel) roots = roots_of (store);
        Counts counts = { 0 };

        count_tests (roots, &counts);
        g_assert_cmpuint (hb_test_store_get_n_tests (store), ==, counts.tests);
        g_assert_cmpuint (hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_PASSED), ==,
                          counts.passed);
        g_assert_cmpuint (hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_FAILED), ==,
                          counts.failed);
        g_assert_cmpuint (hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_SKIPPED), ==,
                          counts.skipped);
        g_assert_cmpuint (counts.tests, ==, sizes[i]);
      }
}

/* Failed only: every row shown holds a failure, every failure is shown, and the groups
 * above failures open, one a call when the budget is spent. */
static void
test_failed_only (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autofree char *json = hbt_generate_tests_json (200, shapes[s]);
      g_autoptr (HbTestStore) store = store_new (json);
      g_autoptr (GListModel) roots = roots_of (store);
      g_autoptr (HbTestTree) tree = tree_new (store);
      g_autoptr (GListModel) top_level = NULL;
      g_autoptr (FakeRow) model = NULL;
      g_autoptr (GPtrArray) flat = NULL;
      Counts counts = { 0 }, shown = { 0 };
      guint n_changed = 0;

      g_signal_connect_swapped (tree, "changed", G_CALLBACK (count), &n_changed);
      hb_test_tree_set_filter (tree, TRUE, NULL);
      g_assert_cmpuint (n_changed, ==, 1);
      top_level = hb_test_tree_create_top_level (tree);
      model = fake_model_new (tree, top_level);
      expand_all (tree, model, top_level);

      flat = fake_model_flat (model);
      for (guint i = 0; i < flat->len; i++)
        {
          FakeRow *row = g_ptr_array_index (flat, i);

          g_assert_true (holds_failure (row->node));
          if (hb_test_node_get_kind (row->node) == HB_TEST_KIND_GROUP)
            g_assert_nonnull (row->children);
          else
            shown.failed++;
        }
      count_tests (roots, &counts);
      g_assert_cmpuint (shown.failed, ==, counts.failed);
      g_assert_cmpuint (hb_test_store_get_n_visible (store), ==, flat->len);
    }
}

/* A search keeps matches, the groups above them and everything below them. */
static void
test_search (void)
{
  g_autofree char *json = hbt_generate_tests_json (200, HBT_TREE_GROUPS);
  g_autoptr (HbTestStore) store = store_new (json);
  g_autoptr (GListModel) roots = roots_of (store);
  g_autoptr (HbTestTree) tree = tree_new (store);
  g_autoptr (GListModel) top_level = NULL;
  g_autoptr (FakeRow) model = NULL;
  g_autoptr (GPtrArray) flat = NULL;
  g_autofree char *needle = NULL;
  g_autoptr (HbTestNode) group = g_list_model_get_item (roots, 1);
  g_autoptr (HbTestNode) first = NULL;

  /* The second group's first test, by its whole name, upper-cased. */
  first = g_list_model_get_item (hb_test_node_get_children (group), 0);
  while (hb_test_node_get_kind (first) == HB_TEST_KIND_GROUP)
    {
      HbTestNode *child = g_list_model_get_item (hb_test_node_get_children (first), 0);

      g_object_unref (first);
      first = child;
    }
  needle = g_utf8_strup (hb_test_node_get_name (first), -1);
  hb_test_tree_set_filter (tree, FALSE, needle);
  top_level = hb_test_tree_create_top_level (tree);
  model = fake_model_new (tree, top_level);
  expand_all (tree, model, top_level);

  g_assert_cmpuint (hb_test_store_get_n_visible (store), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (top_level), >=, 1);
  flat = fake_model_flat (model);
  for (guint i = 0; i < flat->len; i++)
    {
      FakeRow *row = g_ptr_array_index (flat, i);

      /* Row items are made per call: the same node is the same number. */
      if (hb_test_node_get_store_index (row->node) == hb_test_node_get_store_index (first))
        return;
    }
  g_error ("the test searched for is not shown");
}

static gboolean
sorted (GListModel *level, GCompareDataFunc compare, gpointer data)
{
  for (guint i = 1; i < g_list_model_get_n_items (level); i++)
    {
      g_autoptr (HbTestNode) a = g_list_model_get_item (level, i - 1);
      g_autoptr (HbTestNode) b = g_list_model_get_item (level, i);

      if (compare (a, b, data) > 0)
        return FALSE;
    }
  return TRUE;
}

/* Every level comes in the order asked for; a new order says "changed". */
static void
test_sort (void)
{
  static const GCompareDataFunc orders[] = {
    hb_test_tree_compare_names,
    hb_test_tree_compare_status,
    hb_test_tree_compare_duration,
  };
  g_autofree char *json = hbt_generate_tests_json (1000, HBT_TREE_GROUPS);
  g_autoptr (HbTestStore) store = store_new (json);
  g_autoptr (HbTestTree) tree = tree_new (store);

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr (GListModel) top_level = NULL;
      guint n_changed = 0;

      g_signal_connect_swapped (tree, "changed", G_CALLBACK (count), &n_changed);
      hb_test_tree_set_sort_func (tree, orders[o], tree, NULL);
      g_signal_handlers_disconnect_by_data (tree, &n_changed);
      g_assert_cmpuint (n_changed, ==, 1);
      g_assert_true (hb_test_tree_get_sorted (tree));

      top_level = hb_test_tree_create_top_level (tree);
      g_assert_true (sorted (top_level, orders[o], tree));
      for (guint i = 0; i < g_list_model_get_n_items (top_level); i++)
        {
          g_autoptr (HbTestNode) node = g_list_model_get_item (top_level, i);
          g_autoptr (GListModel) children = hb_test_tree_create_children (tree, node);

          g_assert_true (children == NULL || sorted (children, orders[o], tree));
        }
    }
}

/* Opening groups, unfiltered: the failed ones open, nothing else does, and the first failed
 * test's row is found on the way. */
static void
assert_opened_on_failures (HbTestTree *tree, FakeModel *model)
{
  g_autoptr (GPtrArray) flat = fake_model_flat (model);
  guint first_failure = G_MAXUINT;

  for (guint i = 0; i < flat->len; i++)
    {
      FakeRow *row = g_ptr_array_index (flat, i);
      gboolean failed = hb_test_node_get_status (row->node) == HB_TEST_STATUS_FAILED;

      if (hb_test_node_get_kind (row->node) == HB_TEST_KIND_GROUP)
        g_assert_true ((row->children != NULL) == failed);
      else if (failed && first_failure == G_MAXUINT)
        first_failure = i;
    }
  g_assert_cmpuint (first_failure, !=, G_MAXUINT);
  g_assert_cmpuint (hb_test_tree_get_first_failure (tree), ==, first_failure);
}

static void
test_expand (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autofree char *json = hbt_generate_tests_json (80, shapes[s]);
      g_autoptr (HbTestStore) store = store_new (json);
      g_autoptr (HbTestTree) tree = tree_new (store);
      g_autoptr (GListModel) top_level = hb_test_tree_create_top_level (tree);
      g_autoptr (FakeRow) model = fake_model_new (tree, top_level);

      expand_all (tree, model, top_level);
      assert_opened_on_failures (tree, model);
    }
}

/* The rows of @a and @b show the same nodes, open the same way. */
static void
assert_same_rows (FakeModel *a, FakeModel *b)
{
  g_autoptr (GPtrArray) flat_a = fake_model_flat (a);
  g_autoptr (GPtrArray) flat_b = fake_model_flat (b);

  g_assert_cmpuint (flat_a->len, ==, flat_b->len);
  for (guint i = 0; i < flat_a->len; i++)
    {
      FakeRow *ra = g_ptr_array_index (flat_a, i);
      FakeRow *rb = g_ptr_array_index (flat_b, i);

      g_assert_cmpstr (hb_test_node_get_id (ra->node), ==, hb_test_node_get_id (rb->node));
      g_assert_cmpint (ra->children != NULL, ==, rb->children != NULL);
    }
}

/* While the tests arrive, a few bytes at a time: the levels grow, opening waits for them and
 * goes on, and the rows end as those of the whole store, under each filter. */
static void
test_as_they_arrive (void)
{
  static const struct
  {
    gboolean failed_only;
    const char *search;
  } filters[] = { { FALSE, NULL }, { TRUE, NULL }, { FALSE, "ärger" }, { TRUE, "1" } };

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      {
        g_autofree char *json = hbt_generate_tests_json (300, shapes[s]);
        gsize length = strlen (json);
        g_autoptr (HbTestStore) whole = store_new (json);
        g_autoptr (HbTestTree) whole_tree = tree_new (whole);
        g_autoptr (GListModel) whole_top = NULL;
        g_autoptr (FakeRow) whole_model = NULL;
        g_autoptr (HbTestStore) store = hb_test_store_new ();
        g_autoptr (HbTestParser) parser =
            _hb_test_parser_new (_hb_test_store_get_strings (store), add_batch, store);
        g_autoptr (HbTestTree) tree = hb_test_tree_new ();
        g_autoptr (GListModel) top_level = NULL;
        g_autoptr (FakeRow) model = NULL;
        gboolean waited = FALSE;

        hb_test_tree_set_filter (whole_tree, filters[f].failed_only, filters[f].search);
        whole_top = hb_test_tree_create_top_level (whole_tree);
        whole_model = fake_model_new (whole_tree, whole_top);
        expand_all (whole_tree, whole_model, whole_top);

        /* A filter set before the store, as a view keeps it across a reload. */
        hb_test_tree_set_filter (tree, filters[f].failed_only, filters[f].search);
        hb_test_tree_set_store (tree, store);
        top_level = hb_test_tree_create_top_level (tree);
        model = fake_model_new (tree, top_level);
        current_model = model;
        hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
        for (gsize at = 0; at < length; at += 61)
          {
            g_assert_true (_hb_test_parser_feed (parser, json + at, MIN (61, length - at), NULL));
            g_assert_true (hb_test_tree_expand_until (tree, G_MAXINT64));
            waited = waited || hb_test_tree_get_expanding (tree);
          }
        g_assert_true (_hb_test_parser_finish (parser, NULL));
        g_assert_true (hb_test_tree_expand_until (tree, G_MAXINT64));
        /* The whole body is there, but the store has not said so: the walk waits. */
        g_assert_true (hb_test_tree_get_expanding (tree));
        _hb_test_store_finish (store, NULL);
        g_assert_true (hb_test_tree_expand_until (tree, G_MAXINT64));
        g_assert_false (hb_test_tree_get_expanding (tree));
        g_assert_true (waited);

        assert_same_rows (model, whole_model);
        if (!filters[f].failed_only && filters[f].search == NULL)
          {
            current_model = model;
            assert_opened_on_failures (tree, model);
          }
      }
}

/* A group still growing can be opened, so a tree list model does not take it for empty;
 * once whole, an empty group cannot. */
static void
test_growing_group (void)
{
  g_autofree char *json = hbt_generate_tests_json (50, HBT_TREE_ONE_GROUP);
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestParser) parser =
      _hb_test_parser_new (_hb_test_store_get_strings (store), add_batch, store);
  g_autoptr (HbTestTree) tree = tree_new (store);
  g_autoptr (HbTestNode) group = NULL;
  g_autoptr (GListModel) children = NULL;
  const char *first_child = strstr (json, "\"tests\":[{") + strlen ("\"tests\":[");
  guint n_changed = 0;

  /* The group arrives with none of its children. */
  g_assert_true (_hb_test_parser_feed (parser, json, first_child - json, NULL));
  _hb_test_parser_flush (parser);
  g_assert_cmpuint (hb_test_store_get_n_nodes (store), ==, 1);
  group = hb_test_node_new_for_store (store, 0);
  children = hb_test_tree_create_children (tree, group);
  g_assert_nonnull (children);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 0);
  g_assert_true (hb_test_level_get_growing (HB_TEST_LEVEL (children)));
  g_signal_connect_swapped (children, "items-changed", G_CALLBACK (count), &n_changed);

  g_assert_true (_hb_test_parser_feed (parser, first_child, strlen (first_child), NULL));
  g_assert_true (_hb_test_parser_finish (parser, NULL));
  _hb_test_store_finish (store, NULL);
  g_assert_cmpuint (n_changed, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (children), ==, 50);
  g_assert_false (hb_test_level_get_growing (HB_TEST_LEVEL (children)));

  /* An order waits for the whole body: it came with "changed" when loading ended. */
  g_assert_false (hb_test_tree_get_sorted (tree));
  hb_test_tree_set_sort_func (tree, hb_test_tree_compare_names, tree, NULL);
  g_assert_true (hb_test_tree_get_sorted (tree));
}

static void
test_sort_waits (void)
{
  g_autofree char *json = hbt_generate_tests_json (100, HBT_TREE_GROUPS);
  g_autoptr (HbTestStore) store = hb_test_store_new ();
  g_autoptr (HbTestParser) parser =
      _hb_test_parser_new (_hb_test_store_get_strings (store), add_batch, store);
  g_autoptr (HbTestTree) tree = tree_new (store);
  guint n_changed = 0;

  g_signal_connect_swapped (tree, "changed", G_CALLBACK (count), &n_changed);
  hb_test_tree_set_sort_func (tree, hb_test_tree_compare_names, tree, NULL);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_false (hb_test_tree_get_sorted (tree));
  g_assert_true (_hb_test_parser_feed (parser, json, strlen (json), NULL));
  g_assert_true (_hb_test_parser_finish (parser, NULL));
  g_assert_cmpuint (n_changed, ==, 0);
  _hb_test_store_finish (store, NULL);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_true (hb_test_tree_get_sorted (tree));
}

/* Within a budget, several groups open in one call; stopping lets the rows go. */
static void
test_expand_budget (void)
{
  g_autofree char *json = hbt_generate_tests_json (1000, HBT_TREE_DEEP);
  g_autoptr (HbTestStore) store = store_new (json);
  g_autoptr (HbTestTree) tree = tree_new (store);
  g_autoptr (GListModel) top_level = hb_test_tree_create_top_level (tree);
  g_autoptr (FakeRow) model = fake_model_new (tree, top_level);

  current_model = model;
  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  n_expand_calls = 0;
  g_assert_true (hb_test_tree_expand_until (tree, g_get_monotonic_time () + G_USEC_PER_SEC));
  g_assert_cmpuint (n_expand_calls, ==, HBT_DEEP_LEVELS);

  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  hb_test_tree_expand_stop (tree);
  g_assert_true (hb_test_tree_expand_until (tree, 0));
  g_assert_false (hb_test_tree_get_expanding (tree));
}

/* A new store drops the old one, once nothing shows it. */
static void
test_new_store (void)
{
  g_autofree char *json = hbt_generate_tests_json (41, HBT_TREE_GROUPS);
  g_autoptr (HbTestStore) store = store_new (json);
  g_autoptr (HbTestTree) tree = tree_new (store);
  g_autoptr (HbTestStore) empty = store_new ("[]");
  GWeakRef weak;

  g_weak_ref_init (&weak, store);
  g_assert_nonnull (hb_test_tree_get_roots (tree));
  g_assert_cmpuint (g_list_model_get_n_items (hb_test_tree_get_roots (tree)), ==, 6);
  hb_test_tree_set_store (tree, empty);
  g_assert_true (hb_test_tree_get_store (tree) == empty);
  g_assert_cmpuint (g_list_model_get_n_items (hb_test_tree_get_roots (tree)), ==, 0);

  g_clear_object (&store);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hb/test-tree/duration-format", test_duration_format);
  g_test_add_func ("/hb/test-tree/counts", test_counts);
  g_test_add_func ("/hb/test-tree/failed-only", test_failed_only);
  g_test_add_func ("/hb/test-tree/search", test_search);
  g_test_add_func ("/hb/test-tree/sort", test_sort);
  g_test_add_func ("/hb/test-tree/sort-waits", test_sort_waits);
  g_test_add_func ("/hb/test-tree/expand", test_expand);
  g_test_add_func ("/hb/test-tree/as-they-arrive", test_as_they_arrive);
  g_test_add_func ("/hb/test-tree/growing-group", test_growing_group);
  g_test_add_func ("/hb/test-tree/expand-budget", test_expand_budget);
  g_test_add_func ("/hb/test-tree/new-store", test_new_store);
  return g_test_run ();
}
