/* hb-test-tree.c: a build's test results as they are shown: roots, index, filter, order, and
 * which groups to open, a time budget at a time
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-tree.h"

#include "hb-free-later.h"
#include "hb-test-index.h"
#include "hb-test-level.h"

/* How the shown tree is put together, and why:
 *
 * A filter over a flattened tree would hide the groups above a match, and a sort over it
 * re-sorts the whole flat list on every expansion. So filtering and sorting happen per
 * level: each open group's children are a level of their own, made once from the "visible"
 * bits HbTestIndex computes for all nodes in one pass, in the order asked for. A new filter
 * or order makes new levels (the "changed" signal) and opens again the groups the index
 * marks, depth first in display order, a time budget at a time (expand_until), so even
 * opening tens of thousands of groups never holds the main loop for long. Before the index
 * exists (it is built in a worker thread while the first rows show) groups open by their
 * own Failed status. */

typedef struct
{
  GObject *row; /* NULL for the top level */
  GListModel *children;
  guint next;
} Frame;

struct _HbTestTree
{
  GObject parent_instance;

  GListModel *roots;
  HbTestIndex *index;        /* NULL until built */
  GCancellable *cancellable; /* of the index being built */
  gboolean failed_only;
  char *search;
  GCompareDataFunc sort; /* NULL: the server's order */
  gpointer sort_data;
  GDestroyNotify sort_destroy;

  const HbTestTreeRows *rows; /* while opening groups */
  GObject *model;
  GArray *stack;
  guint first_failure;
};

G_DEFINE_FINAL_TYPE (HbTestTree, hb_test_tree, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ROOTS,
  PROP_INDEXED,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- the data ---- */

static gboolean
filtered (HbTestTree *self)
{
  return self->failed_only || self->search != NULL;
}

/* Groups open where the filter wants them again; with a new filter or order the levels
 * change too. */
static void
on_index_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbTestTree) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbTestIndex) index = hb_test_index_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_return_if_fail (index != NULL);

  self->index = g_steal_pointer (&index);
  hb_test_index_set_filter (self->index, self->failed_only, self->search);
  hb_test_index_reset_expanded (self->index);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEXED]);
  if (filtered (self) || self->sort != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

typedef struct
{
  GListModel *roots;
  HbTestIndex *index;
} Leftovers;

static void
leftovers_free (gpointer data)
{
  Leftovers *leftovers = data;

  g_clear_pointer (&leftovers->index, hb_test_index_unref);
  g_clear_object (&leftovers->roots);
  g_free (leftovers);
}

/* Finalizing 100,000 nodes takes several frames; once nothing shows them, a worker does. */
static void
drop_tree (HbTestTree *self)
{
  Leftovers *leftovers;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  hb_test_tree_expand_stop (self);
  if (self->roots == NULL && self->index == NULL)
    return;
  leftovers = g_new0 (Leftovers, 1);
  leftovers->roots = g_steal_pointer (&self->roots);
  leftovers->index = g_steal_pointer (&self->index);
  hb_free_later (leftovers, leftovers_free);
}

/**
 * hb_test_tree_set_roots:
 * @roots: (nullable): the root #HbTestNode of a build's results, not modified from now on
 *
 * Shows @roots (the previous tree is freed in a worker thread) and builds their index in
 * another; #HbTestTree:indexed says when it is there.
 */
void
hb_test_tree_set_roots (HbTestTree *self, GListModel *roots)
{
  gboolean was_indexed;

  g_return_if_fail (HB_IS_TEST_TREE (self));

  was_indexed = self->index != NULL;
  drop_tree (self);
  self->roots = roots != NULL ? g_object_ref (roots) : NULL;
  if (roots != NULL && g_list_model_get_n_items (roots) > 0)
    {
      self->cancellable = g_cancellable_new ();
      hb_test_index_new_async (roots, self->cancellable, on_index_built, g_object_ref (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOTS]);
  if (was_indexed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEXED]);
}

/** hb_test_tree_get_roots: Returns: (transfer none) (nullable): the roots shown */
GListModel *
hb_test_tree_get_roots (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);
  return self->roots;
}

/* Counts, filtering and name order wait for the index; rows do not. */
gboolean
hb_test_tree_get_indexed (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), FALSE);
  return self->index != NULL;
}

guint
hb_test_tree_get_n_tests (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), 0);
  return self->index != NULL ? hb_test_index_get_n_tests (self->index) : 0;
}

guint
hb_test_tree_get_n_tests_with_status (HbTestTree *self, HbTestStatus status)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), 0);
  return self->index != NULL ? hb_test_index_get_n_tests_with_status (self->index, status) : 0;
}

/* The run's: its top level's, which includes each group's fixture time. */
GTimeSpan
hb_test_tree_get_total_duration (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), 0);
  return self->index != NULL ? hb_test_index_get_total_duration (self->index) : 0;
}

/* Nodes the filter keeps; all of them before the index is there. */
guint
hb_test_tree_get_n_visible (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), 0);
  return self->index != NULL ? hb_test_index_get_n_visible (self->index) : G_MAXUINT;
}

/* ---- filter and order ---- */

/**
 * hb_test_tree_set_filter:
 * @failed_only: keep failed nodes and the groups above them
 * @search: (nullable): keep names holding it (any case), the groups above and all below
 *
 * Once indexed, a new filter opens the groups it wants and emits #HbTestTree::changed.
 */
void
hb_test_tree_set_filter (HbTestTree *self, gboolean failed_only, const char *search)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));

  self->failed_only = failed_only;
  g_free (self->search);
  self->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  if (self->index == NULL)
    return;
  hb_test_index_set_filter (self->index, self->failed_only, self->search);
  hb_test_index_reset_expanded (self->index);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * hb_test_tree_set_sort_func:
 * @compare: (nullable): orders the nodes of each level; NULL keeps the server's order
 *
 * Once indexed, a new order keeps what the person had open and emits #HbTestTree::changed.
 */
void
hb_test_tree_set_sort_func (HbTestTree *self,
                            GCompareDataFunc compare,
                            gpointer data,
                            GDestroyNotify destroy)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));

  if (self->sort_destroy != NULL)
    self->sort_destroy (self->sort_data);
  self->sort = compare;
  self->sort_data = data;
  self->sort_destroy = destroy;
  if (self->index != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* By name as a person reads it (the index's collation keys); equal before the index. */
int
hb_test_tree_compare_names (gconstpointer a, gconstpointer b, gpointer tree)
{
  HbTestTree *self = tree;

  if (self->index == NULL)
    return 0;
  return hb_test_index_compare_names (self->index, (HbTestNode *) a, (HbTestNode *) b);
}

/* Most telling first: failures, then skips, then passes. */
static int
status_rank (HbTestNode *node)
{
  switch (hb_test_node_get_status (node))
    {
    case HB_TEST_STATUS_FAILED:
      return 0;
    case HB_TEST_STATUS_SKIPPED:
      return 1;
    case HB_TEST_STATUS_PASSED:
      return 2;
    case HB_TEST_STATUS_UNKNOWN:
    default:
      return 3;
    }
}

int
hb_test_tree_compare_status (gconstpointer a, gconstpointer b, gpointer tree)
{
  return status_rank ((HbTestNode *) a) - status_rank ((HbTestNode *) b);
}

int
hb_test_tree_compare_duration (gconstpointer a, gconstpointer b, gpointer tree)
{
  GTimeSpan da = hb_test_node_get_duration ((HbTestNode *) a);
  GTimeSpan db = hb_test_node_get_duration ((HbTestNode *) b);

  return (da > db) - (da < db);
}

/* ---- levels ---- */

static int
compare_nodes (gconstpointer a, gconstpointer b, gpointer user_data)
{
  HbTestTree *self = user_data;

  return self->sort (*(HbTestNode **) a, *(HbTestNode **) b, self->sort_data);
}

/* A level needing neither filter nor order is the node's own child list. */
static GListModel *
create_level (HbTestTree *self, GListModel *level, gboolean all_visible)
{
  guint n = g_list_model_get_n_items (level);
  GPtrArray *items;

  if (all_visible && self->sort == NULL)
    return g_object_ref (level);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      HbTestNode *node = g_list_model_get_item (level, i);

      if (all_visible || hb_test_index_is_visible (self->index, node))
        g_ptr_array_add (items, node);
      else
        g_object_unref (node);
    }
  if (self->sort != NULL)
    g_ptr_array_sort_with_data (items, compare_nodes, self);
  return G_LIST_MODEL (hb_test_level_new (items));
}

/** hb_test_tree_create_top_level: Returns: (transfer full): the roots as shown */
GListModel *
hb_test_tree_create_top_level (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);
  g_return_val_if_fail (self->roots != NULL, NULL);
  return create_level (self, self->roots, self->index == NULL);
}

/**
 * hb_test_tree_create_children:
 *
 * For a tree list model's create function: called when a group opens, and to learn
 * whether it can.
 *
 * Returns: (transfer full) (nullable): @node's children as shown, or NULL when none is
 */
GListModel *
hb_test_tree_create_children (HbTestTree *self, HbTestNode *node)
{
  GListModel *children = hb_test_node_get_children (node);
  guint n_visible;

  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);

  if (children == NULL || g_list_model_get_n_items (children) == 0)
    return NULL;
  if (self->index == NULL)
    return create_level (self, children, TRUE);
  n_visible = hb_test_index_get_n_visible_children (self->index, node);
  if (n_visible == 0)
    return NULL;
  return create_level (self, children, n_visible == g_list_model_get_n_items (children));
}

/* What the person opens or closes stays so across a new order. */
void
hb_test_tree_set_expanded (HbTestTree *self, HbTestNode *node, gboolean expanded)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));
  if (self->index != NULL)
    hb_test_index_set_expanded (self->index, node, expanded);
}

/* ---- opening groups, a budget at a time ---- */

/* Before the index exists, a group's own status says whether it holds a failure. */
static gboolean
wants_open (HbTestTree *self, HbTestNode *node)
{
  if (self->index != NULL)
    return hb_test_index_get_expanded (self->index, node);
  return hb_test_node_get_kind (node) == HB_TEST_KIND_GROUP &&
         hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED;
}

static gboolean
is_failed_test (HbTestNode *node)
{
  return hb_test_node_get_kind (node) == HB_TEST_KIND_TEST &&
         hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED;
}

static void
push (HbTestTree *self, GObject *row, GListModel *children)
{
  Frame frame = { row, g_object_ref (children), 0 };

  g_array_append_val (self->stack, frame);
}

static void
pop (HbTestTree *self)
{
  Frame *frame = &g_array_index (self->stack, Frame, self->stack->len - 1);

  g_clear_object (&frame->row);
  g_clear_object (&frame->children);
  g_array_set_size (self->stack, self->stack->len - 1);
}

/**
 * hb_test_tree_expand_start:
 * @rows: how @model's rows are reached and opened
 * @model: the tree model shown, just made
 * @top_level: its top level (hb_test_tree_create_top_level ())
 *
 * Starts opening the groups the filter wants (failures' before the index), for
 * hb_test_tree_expand_until () to go on with.
 */
void
hb_test_tree_expand_start (HbTestTree *self,
                           const HbTestTreeRows *rows,
                           GObject *model,
                           GListModel *top_level)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));

  hb_test_tree_expand_stop (self);
  self->rows = rows;
  self->model = g_object_ref (model);
  self->first_failure = G_MAXUINT;
  push (self, NULL, top_level);
}

/* Drops what is left to open; the rows are let go. */
void
hb_test_tree_expand_stop (HbTestTree *self)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));

  while (self->stack->len > 0)
    pop (self);
  g_clear_object (&self->model);
}

static GObject *
child_row (HbTestTree *self, Frame *frame, guint i)
{
  return self->rows->child_row (self->model, frame->row, i);
}

/**
 * hb_test_tree_expand_until:
 * @deadline: a g_get_monotonic_time () to stop at
 *
 * Opens marked groups depth first, in display order, until @deadline. Notes the first
 * failed test on the way, for "first failure in view".
 *
 * Returns: TRUE when everything is open
 */
gboolean
hb_test_tree_expand_until (HbTestTree *self, gint64 deadline)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), TRUE);

  while (self->stack->len > 0)
    {
      Frame *frame = &g_array_index (self->stack, Frame, self->stack->len - 1);
      g_autoptr (HbTestNode) node = NULL;
      g_autoptr (GObject) row = NULL;
      GListModel *children;
      guint i;

      if (frame->next >= g_list_model_get_n_items (frame->children))
        {
          pop (self);
          continue;
        }

      i = frame->next++;
      node = g_list_model_get_item (frame->children, i);
      if (self->first_failure == G_MAXUINT && is_failed_test (node))
        {
          row = child_row (self, frame, i);
          if (row != NULL)
            self->first_failure = self->rows->position (row);
        }
      if (!wants_open (self, node))
        continue;

      if (row == NULL)
        row = child_row (self, frame, i);
      if (row == NULL)
        continue;
      children = self->rows->expand (row);
      if (children != NULL)
        push (self, g_steal_pointer (&row), children);
      if (g_get_monotonic_time () >= deadline)
        return self->stack->len == 0;
    }
  return TRUE;
}

/* Where the first failed test shows, once opening got that far; G_MAXUINT before. */
guint
hb_test_tree_get_first_failure (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), G_MAXUINT);
  return self->first_failure;
}

/* ---- GObject ---- */

static void
hb_test_tree_dispose (GObject *object)
{
  HbTestTree *self = HB_TEST_TREE (object);

  drop_tree (self);
  hb_test_tree_set_sort_func (self, NULL, NULL, NULL);
  G_OBJECT_CLASS (hb_test_tree_parent_class)->dispose (object);
}

static void
hb_test_tree_finalize (GObject *object)
{
  HbTestTree *self = HB_TEST_TREE (object);

  g_array_unref (self->stack);
  g_free (self->search);
  G_OBJECT_CLASS (hb_test_tree_parent_class)->finalize (object);
}

static void
hb_test_tree_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTestTree *self = HB_TEST_TREE (object);

  switch (prop_id)
    {
    case PROP_ROOTS:
      g_value_set_object (value, self->roots);
      break;
    case PROP_INDEXED:
      g_value_set_boolean (value, self->index != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_test_tree_class_init (HbTestTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_test_tree_dispose;
  object_class->finalize = hb_test_tree_finalize;
  object_class->get_property = hb_test_tree_get_property;

  properties[PROP_ROOTS] = g_param_spec_object ("roots", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_INDEXED] = g_param_spec_boolean ("indexed", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbTestTree::changed:
   *
   * The levels are different now (a filter, an order, or the index that brings them): a
   * shown tree is made again, and opened again with hb_test_tree_expand_start ().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_test_tree_init (HbTestTree *self)
{
  self->stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  self->first_failure = G_MAXUINT;
}

HbTestTree *
hb_test_tree_new (void)
{
  return g_object_new (HB_TYPE_TEST_TREE, NULL);
}
