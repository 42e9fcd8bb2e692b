/* test-test-tree.c: HbTestTree, HbTestIndex and durations without a display: what a build's
 * test results show (counts, filter, order) and which groups open, a budget at a time
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hb-test-index.h"
#include "hbt-generate.h"
#include "hbt-utils.h"

/* ---- a stand-in for the view's GtkTreeListModel ----
 *
 * Rows in display order: a row is a node and, once opened, the rows of its children right
 * after it. That is all HbTestTree needs of a tree list model. */

#define FAKE_TYPE_ROW (fake_row_get_type ())
G_DECLARE_FINAL_TYPE (FakeRow, fake_row, FAKE, ROW, GObject)

struct _FakeRow
{
  GObject parent_instance;

  HbTestNode *node;
  GListModel *level;   /* its children as the tree made them, once opened */
  GPtrArray *children; /* of FakeRow, NULL until opened */
  GPtrArray *flat;     /* every row shown, in order (the model's) */
  HbTestTree *tree;
};

G_DEFINE_FINAL_TYPE (FakeRow, fake_row, G_TYPE_OBJECT)

static void
fake_row_finalize (GObject *object)
{
  FakeRow *self = FAKE_ROW (object);

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
fake_row_new (HbTestTree *tree, GPtrArray *flat, HbTestNode *node)
{
  FakeRow *row = g_object_new (FAKE_TYPE_ROW, NULL);

  row->tree = tree;
  row->flat = flat;
  row->node = g_object_ref (node);
  return row;
}

/* The model: the top-level rows, and the flat list every row is in. */
#define FAKE_TYPE_MODEL (fake_model_get_type ())
G_DECLARE_FINAL_TYPE (FakeModel, fake_model, FAKE, MODEL, GObject)

struct _FakeModel
{
  GObject parent_instance;

  GPtrArray *top;
  GPtrArray *flat;
  guint n_expanded;
};

G_DEFINE_FINAL_TYPE (FakeModel, fake_model, G_TYPE_OBJECT)

static void
fake_model_finalize (GObject *object)
{
  FakeModel *self = FAKE_MODEL (object);

  g_ptr_array_unref (self->top);
  g_ptr_array_unref (self->flat);
  G_OBJECT_CLASS (fake_model_parent_class)->finalize (object);
}

static void
fake_model_class_init (FakeModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_model_finalize;
}

static void
fake_model_init (FakeModel *self)
{
  self->top = g_ptr_array_new_with_free_func (g_object_unref);
  self->flat = g_ptr_array_new ();
}

static FakeModel *
fake_model_new (HbTestTree *tree, GListModel *top_level)
{
  FakeModel *model = g_object_new (FAKE_TYPE_MODEL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (top_level); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (top_level, i);
      FakeRow *row = fake_row_new (tree, model->flat, node);

      g_ptr_array_add (model->top, row);
      g_ptr_array_add (model->flat, row);
    }
  return model;
}

/* Like gtk_tree_list_row_get_child_row (): NULL when @parent is not open. */
static GObject *
fake_child_row (GObject *model, GObject *parent, guint i)
{
  GPtrArray *rows = parent != NULL ? FAKE_ROW (parent)->children : FAKE_MODEL (model)->top;

  if (rows == NULL || i >= rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (rows, i));
}

static guint
fake_position (GObject *object)
{
  FakeRow *row = FAKE_ROW (object);
  guint position;

  g_assert_true (g_ptr_array_find (row->flat, row, &position));
  return position;
}

static guint n_expand_calls;

static GListModel *
fake_expand (GObject *object)
{
  FakeRow *row = FAKE_ROW (object);
  GListModel *children = hb_test_tree_create_children (row->tree, row->node);
  guint at = fake_position (object) + 1;

  n_expand_calls++;
  if (children == NULL)
    return NULL;
  g_assert_null (row->children);
  row->level = children;
  row->children = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (children, i);
      FakeRow *child = fake_row_new (row->tree, row->flat, node);

      g_ptr_array_add (row->children, child);
      g_ptr_array_insert (row->flat, at + i, child);
    }
  /* A tree list model keeps the children it made; the tree borrows them for its walk. */
  return children;
}

static const HbTestTreeRows fake_rows = { fake_child_row, fake_expand, fake_position };

/* ---- helpers ---- */

static GListModel *
parse_tests (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GListModel *roots;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  roots = hb_test_node_list_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  return roots;
}

static HbTestTree *
tree_new (GListModel *roots, gboolean wait_indexed)
{
  HbTestTree *tree = hb_test_tree_new ();

  hb_test_tree_set_roots (tree, roots);
  for (guint i = 0; wait_indexed && i < 3000 && !hb_test_tree_get_indexed (tree); i++)
    hbt_iterate_for (10);
  g_assert_true (!wait_indexed || hb_test_tree_get_indexed (tree));
  return tree;
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

  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  n_expand_calls = 0;
  while (!hb_test_tree_expand_until (tree, 0))
    {
      calls++;
      g_assert_cmpuint (n_expand_calls, ==, calls);
    }
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

/* The index counts what a walk of the tree counts, for every generated size and shape. */
static void
test_counts (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        g_autofree char *json = hbt_generate_tests_json (sizes[i], shapes[s]);
        g_autoptr (GListModel) roots = parse_tests (json);
        g_autoptr (HbTestTree) tree = tree_new (roots, sizes[i] > 0);
        Counts counts = { 0 };

        count_tests (roots, &counts);
        g_assert_cmpuint (hb_test_tree_get_n_tests (tree), ==, counts.tests);
        g_assert_cmpuint (hb_test_tree_get_n_tests_with_status (tree, HB_TEST_STATUS_PASSED), ==,
                          counts.passed);
        g_assert_cmpuint (hb_test_tree_get_n_tests_with_status (tree, HB_TEST_STATUS_FAILED), ==,
                          counts.failed);
        g_assert_cmpuint (hb_test_tree_get_n_tests_with_status (tree, HB_TEST_STATUS_SKIPPED), ==,
                          counts.skipped);
        g_assert_cmpuint (counts.tests, ==, sizes[i]);
      }
}

/* Before the index, rows show at once in the server's order with failed groups opening;
 * the index comes from a worker thread and says so once. */
static void
test_rows_before_index (void)
{
  g_autofree char *json = hbt_generate_tests_json (1000, HBT_TREE_GROUPS);
  g_autoptr (GListModel) roots = parse_tests (json);
  g_autoptr (HbTestTree) tree = hb_test_tree_new ();
  g_autoptr (GListModel) top_level = NULL;
  guint n_indexed = 0;

  hb_test_tree_set_roots (tree, roots);
  g_assert_false (hb_test_tree_get_indexed (tree));
  g_assert_cmpuint (hb_test_tree_get_n_visible (tree), ==, G_MAXUINT);
  top_level = hb_test_tree_create_top_level (tree);
  g_assert_true (top_level == roots);
  g_signal_connect_swapped (tree, "notify::indexed", G_CALLBACK (count), &n_indexed);
  for (guint i = 0; i < 3000 && !hb_test_tree_get_indexed (tree); i++)
    hbt_iterate_for (10);
  g_assert_true (hb_test_tree_get_indexed (tree));
  g_assert_cmpuint (n_indexed, ==, 1);
}

/* Failed only: every row shown holds a failure, every failure is shown, and the groups
 * above failures open, one a call when the budget is spent. */
static void
test_failed_only (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      g_autofree char *json = hbt_generate_tests_json (200, shapes[s]);
      g_autoptr (GListModel) roots = parse_tests (json);
      g_autoptr (HbTestTree) tree = tree_new (roots, TRUE);
      g_autoptr (GListModel) top_level = NULL;
      g_autoptr (FakeModel) model = NULL;
      Counts counts = { 0 }, shown = { 0 };
      guint n_changed = 0;

      g_signal_connect_swapped (tree, "changed", G_CALLBACK (count), &n_changed);
      hb_test_tree_set_filter (tree, TRUE, NULL);
      g_assert_cmpuint (n_changed, ==, 1);
      top_level = hb_test_tree_create_top_level (tree);
      model = fake_model_new (tree, top_level);
      expand_all (tree, model, top_level);

      for (guint i = 0; i < model->flat->len; i++)
        {
          FakeRow *row = g_ptr_array_index (model->flat, i);

          g_assert_true (holds_failure (row->node));
          if (hb_test_node_get_kind (row->node) == HB_TEST_KIND_GROUP)
            g_assert_nonnull (row->children);
          else
            shown.failed++;
        }
      count_tests (roots, &counts);
      g_assert_cmpuint (shown.failed, ==, counts.failed);
      g_assert_cmpuint (hb_test_tree_get_n_visible (tree), ==, model->flat->len);
    }
}

/* A search keeps matches, the groups above them and everything below them. */
static void
test_search (void)
{
  g_autofree char *json = hbt_generate_tests_json (200, HBT_TREE_GROUPS);
  g_autoptr (GListModel) roots = parse_tests (json);
  g_autoptr (HbTestTree) tree = tree_new (roots, TRUE);
  g_autoptr (GListModel) top_level = NULL;
  g_autoptr (FakeModel) model = NULL;
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

  g_assert_cmpuint (hb_test_tree_get_n_visible (tree), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (top_level), >=, 1);
  for (guint i = 0; i < model->flat->len; i++)
    {
      FakeRow *row = g_ptr_array_index (model->flat, i);

      if (row->node == first)
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
  g_autoptr (GListModel) roots = parse_tests (json);
  g_autoptr (HbTestTree) tree = tree_new (roots, TRUE);

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autoptr (GListModel) top_level = NULL;
      guint n_changed = 0;

      g_signal_connect_swapped (tree, "changed", G_CALLBACK (count), &n_changed);
      hb_test_tree_set_sort_func (tree, orders[o], tree, NULL);
      g_signal_handlers_disconnect_by_data (tree, &n_changed);
      g_assert_cmpuint (n_changed, ==, 1);

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

/* Opening groups, unfiltered: the failed ones open (before the index by their own status,
 * after it by the index's marks), nothing else does, and the first failed test's row is
 * found on the way. */
static void
test_expand (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint indexed = 0; indexed < 2; indexed++)
      {
        g_autofree char *json = hbt_generate_tests_json (80, shapes[s]);
        g_autoptr (GListModel) roots = parse_tests (json);
        g_autoptr (HbTestTree) tree = tree_new (roots, indexed);
        g_autoptr (GListModel) top_level = hb_test_tree_create_top_level (tree);
        g_autoptr (FakeModel) model = fake_model_new (tree, top_level);
        guint first_failure = G_MAXUINT;

        expand_all (tree, model, top_level);
        for (guint i = 0; i < model->flat->len; i++)
          {
            FakeRow *row = g_ptr_array_index (model->flat, i);
            gboolean failed = hb_test_node_get_status (row->node) == HB_TEST_STATUS_FAILED;

            if (hb_test_node_get_kind (row->node) == HB_TEST_KIND_GROUP)
              g_assert_true ((row->children != NULL) == failed);
            else if (failed && first_failure == G_MAXUINT)
              first_failure = i;
          }
        g_assert_cmpuint (first_failure, !=, G_MAXUINT);
        g_assert_cmpuint (hb_test_tree_get_first_failure (tree), ==, first_failure);
      }
}

/* Within a budget, several groups open in one call; stopping lets the rows go. */
static void
test_expand_budget (void)
{
  g_autofree char *json = hbt_generate_tests_json (1000, HBT_TREE_DEEP);
  g_autoptr (GListModel) roots = parse_tests (json);
  g_autoptr (HbTestTree) tree = tree_new (roots, TRUE);
  g_autoptr (GListModel) top_level = hb_test_tree_create_top_level (tree);
  g_autoptr (FakeModel) model = fake_model_new (tree, top_level);

  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  n_expand_calls = 0;
  g_assert_true (hb_test_tree_expand_until (tree, g_get_monotonic_time () + G_USEC_PER_SEC));
  g_assert_cmpuint (n_expand_calls, ==, HBT_DEEP_LEVELS);

  hb_test_tree_expand_start (tree, &fake_rows, G_OBJECT (model), top_level);
  hb_test_tree_expand_stop (tree);
  g_assert_true (hb_test_tree_expand_until (tree, 0));
}

/* New roots drop the old tree (in a worker) and its index. */
static void
test_new_roots (void)
{
  g_autofree char *json = hbt_generate_tests_json (41, HBT_TREE_GROUPS);
  g_autoptr (GListModel) roots = parse_tests (json);
  g_autoptr (HbTestTree) tree = tree_new (roots, TRUE);
  g_autoptr (GListModel) empty = G_LIST_MODEL (g_list_store_new (HB_TYPE_TEST_NODE));
  GWeakRef weak;

  g_weak_ref_init (&weak, roots);
  hb_test_tree_set_roots (tree, empty);
  g_assert_false (hb_test_tree_get_indexed (tree));
  g_assert_cmpuint (hb_test_tree_get_n_tests (tree), ==, 0);
  g_assert_true (hb_test_tree_get_roots (tree) == empty);

  g_clear_object (&roots);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr (GObject) alive = g_weak_ref_get (&weak);

      if (alive == NULL)
        break;
      g_clear_object (&alive);
      hbt_iterate_for (10);
    }
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hb/test-tree/duration-format", test_duration_format);
  g_test_add_func ("/hb/test-tree/counts", test_counts);
  g_test_add_func ("/hb/test-tree/rows-before-index", test_rows_before_index);
  g_test_add_func ("/hb/test-tree/failed-only", test_failed_only);
  g_test_add_func ("/hb/test-tree/search", test_search);
  g_test_add_func ("/hb/test-tree/sort", test_sort);
  g_test_add_func ("/hb/test-tree/expand", test_expand);
  g_test_add_func ("/hb/test-tree/expand-budget", test_expand_budget);
  g_test_add_func ("/hb/test-tree/new-roots", test_new_roots);
  return g_test_run ();
}
