/* hb-test-tree.c: a build's test results as they are shown, on an HbTestStore: what the
 * filter keeps, in which order, and which groups to open, a time budget at a time
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-tree.h"

#include "hb-test-level.h"
#include "hb-test-node-private.h"

/* How the shown tree is put together, and why:
 *
 * A filter over a flattened tree would hide the groups above a match, and a sort over it
 * re-sorts the whole flat list on every expansion. So filtering and sorting happen per
 * level: each open group's children are a level of their own (HbTestLevel), node numbers
 * the store's filter bits keep, in the order asked for. A new filter or order makes new
 * levels (the "changed" signal) and opens again the groups the store marks, depth first in
 * display order, a time budget at a time (expand_until), so even opening tens of thousands
 * of groups never holds the main loop for long.
 *
 * While the body arrives, levels grow at their ends and the store marks the groups the
 * filter comes to want open (failures' groups, with no filter). The walk that opens them
 * waits at the end of a level still growing, and goes on when more has arrived: only the
 * last node of a level can still be growing, so nothing before the walk's place changes.
 * An order is applied once the body is whole: rows that moved while they arrive could not
 * be followed, nor read. */

typedef struct
{
  GObject *row; /* NULL for the top level */
  HbTestLevel *level;
  guint next;
} Frame;

struct _HbTestTree
{
  GObject parent_instance;

  HbTestStore *store;
  GListModel *roots; /* all of them, in the server's order */
  gulong loading_id;
  gboolean failed_only;
  char *search;
  GCompareDataFunc sort; /* NULL: the server's order */
  gpointer sort_data;
  GDestroyNotify sort_destroy;
  HbTestNode *probes[2]; /* what the sort compares, pointed at two nodes at a time */

  const HbTestTreeRows *rows; /* while opening groups */
  GObject *model;
  GArray *stack;
  guint first_failure;
};

G_DEFINE_FINAL_TYPE (HbTestTree, hb_test_tree, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
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

/* An order waits for the whole body. */
gboolean
hb_test_tree_get_sorted (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), FALSE);
  return self->sort != NULL && self->store != NULL && !hb_test_store_get_loading (self->store);
}

static void
on_loading (HbTestTree *self)
{
  if (hb_test_tree_get_sorted (self))
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
drop_store (HbTestTree *self)
{
  hb_test_tree_expand_stop (self);
  g_clear_object (&self->probes[0]);
  g_clear_object (&self->probes[1]);
  g_clear_object (&self->roots);
  if (self->store != NULL)
    g_clear_signal_handler (&self->loading_id, self->store);
  g_clear_object (&self->store);
}

/**
 * hb_test_tree_set_store:
 * @store: (nullable): a build's tests, loaded or still loading
 *
 * Shows @store with the tree's filter and order. A store still loading is shown as it
 * grows; its order comes with #HbTestTree::changed once it has loaded.
 */
void
hb_test_tree_set_store (HbTestTree *self, HbTestStore *store)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));
  g_return_if_fail (store == NULL || HB_IS_TEST_STORE (store));

  if (self->store == store)
    return;
  drop_store (self);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      self->roots = G_LIST_MODEL (hb_test_level_new (store, HB_TEST_STORE_NONE, FALSE));
      self->loading_id = g_signal_connect_swapped (store, "notify::loading",
                                                   G_CALLBACK (on_loading), self);
      if (filtered (self))
        {
          hb_test_store_set_filter (store, self->failed_only, self->search);
          hb_test_store_reset_expanded (store);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/** hb_test_tree_get_store: Returns: (transfer none) (nullable): the store shown */
HbTestStore *
hb_test_tree_get_store (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);
  return self->store;
}

/**
 * hb_test_tree_get_roots:
 *
 * Returns: (transfer none) (nullable): every root of the store, filter or not, as they
 *   arrive (a #GListModel of #HbTestNode)
 */
GListModel *
hb_test_tree_get_roots (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);
  return self->roots;
}

/* ---- filter and order ---- */

/**
 * hb_test_tree_set_filter:
 * @failed_only: keep failed nodes and the groups above them
 * @search: (nullable): keep names holding it (any case), the groups above and all below
 *
 * With a store, a new filter marks open the groups it wants and emits #HbTestTree::changed.
 */
void
hb_test_tree_set_filter (HbTestTree *self, gboolean failed_only, const char *search)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));

  self->failed_only = failed_only;
  g_free (self->search);
  self->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  if (self->store == NULL)
    return;
  hb_test_store_set_filter (self->store, self->failed_only, self->search);
  hb_test_store_reset_expanded (self->store);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * hb_test_tree_set_sort_func:
 * @compare: (nullable): orders the nodes of each level; NULL keeps the server's order
 *
 * Once the store has loaded, a new order keeps what the person had open and emits
 * #HbTestTree::changed.
 */
void
hb_test_tree_set_sort_func (HbTestTree *self,
                            GCompareDataFunc compare,
                            gpointer data,
                            GDestroyNotify destroy)
{
  gboolean was_sorted;

  g_return_if_fail (HB_IS_TEST_TREE (self));

  was_sorted = hb_test_tree_get_sorted (self);
  if (self->sort_destroy != NULL)
    self->sort_destroy (self->sort_data);
  self->sort = compare;
  self->sort_data = data;
  self->sort_destroy = destroy;
  if (was_sorted || hb_test_tree_get_sorted (self))
    g_signal_emit (self, signals[CHANGED], 0);
}

static guint
node_index (HbTestTree *self, gconstpointer node)
{
  return hb_test_node_get_store_index ((HbTestNode *) node);
}

/* By name as a person reads it (the folded names the store keeps). */
int
hb_test_tree_compare_names (gconstpointer a, gconstpointer b, gpointer tree)
{
  HbTestTree *self = tree;

  if (self->store == NULL)
    return 0;
  return hb_test_store_compare_names (self->store, node_index (self, a), node_index (self, b));
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

/* The order compares row items: two of them, pointed at the nodes compared. */
static int
compare_numbers (guint a, guint b, gpointer user_data)
{
  HbTestTree *self = user_data;

  if (self->sort == NULL || self->store == NULL)
    return 0;
  for (guint i = 0; i < 2; i++)
    if (self->probes[i] == NULL)
      self->probes[i] = hb_test_node_new_for_store (self->store, a);
  _hb_test_node_retarget (self->probes[0], a);
  _hb_test_node_retarget (self->probes[1], b);
  return self->sort (self->probes[0], self->probes[1], self->sort_data);
}

static GListModel *
create_level (HbTestTree *self, guint parent)
{
  gboolean sorted = hb_test_tree_get_sorted (self);

  return G_LIST_MODEL (hb_test_level_new_sorted (self->store, parent, filtered (self),
                                                  sorted ? compare_numbers : NULL,
                                                  sorted ? G_OBJECT (self) : NULL));
}

/** hb_test_tree_create_top_level: Returns: (transfer full): the roots as shown */
GListModel *
hb_test_tree_create_top_level (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);
  return create_level (self, HB_TEST_STORE_NONE);
}

/**
 * hb_test_tree_create_children:
 *
 * For a tree list model's create function: called when a group opens, and to learn
 * whether it can. A group whose children are still arriving can: a tree list model asks
 * only once.
 *
 * Returns: (transfer full) (nullable): @node's children as shown, or NULL when none is
 */
GListModel *
hb_test_tree_create_children (HbTestTree *self, HbTestNode *node)
{
  guint index, n;

  g_return_val_if_fail (HB_IS_TEST_TREE (self), NULL);

  index = hb_test_node_get_store_index (node);
  if (self->store == NULL || hb_test_node_get_store (node) != self->store ||
      hb_test_store_get_kind (self->store, index) == HB_TEST_KIND_TEST)
    return NULL;
  n = filtered (self) ? hb_test_store_get_n_visible_children (self->store, index)
                      : hb_test_store_get_n_children (self->store, index);
  if (n == 0 && (hb_test_store_is_complete (self->store, index) ||
                 !hb_test_store_get_loading (self->store)))
    return NULL;
  return create_level (self, index);
}

/* What the person opens or closes stays so across a new order. */
void
hb_test_tree_set_expanded (HbTestTree *self, HbTestNode *node, gboolean expanded)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));
  if (self->store != NULL && hb_test_node_get_store (node) == self->store)
    hb_test_store_set_expanded (self->store, hb_test_node_get_store_index (node), expanded);
}

/* ---- opening groups, a budget at a time ---- */

static gboolean
is_failed_test (HbTestTree *self, guint node)
{
  return hb_test_store_get_kind (self->store, node) == HB_TEST_KIND_TEST &&
         hb_test_store_get_status (self->store, node) == HB_TEST_STATUS_FAILED;
}

/* The store may still mark it open: its subtree is arriving. */
static gboolean
undecided (HbTestTree *self, guint node)
{
  return hb_test_store_get_loading (self->store) && !hb_test_store_is_complete (self->store, node);
}

static void
push (HbTestTree *self, GObject *row, GListModel *children)
{
  Frame frame = { row, HB_TEST_LEVEL (g_object_ref (children)), 0 };

  g_array_append_val (self->stack, frame);
}

static void
pop (HbTestTree *self)
{
  Frame *frame = &g_array_index (self->stack, Frame, self->stack->len - 1);

  g_clear_object (&frame->row);
  g_clear_object (&frame->level);
  g_array_set_size (self->stack, self->stack->len - 1);
}

/**
 * hb_test_tree_expand_start:
 * @rows: how @model's rows are reached and opened
 * @model: the tree model shown, just made
 * @top_level: its top level (hb_test_tree_create_top_level ())
 *
 * Starts opening the groups the store marks, for hb_test_tree_expand_until () to go on
 * with.
 */
void
hb_test_tree_expand_start (HbTestTree *self,
                           const HbTestTreeRows *rows,
                           GObject *model,
                           GListModel *top_level)
{
  g_return_if_fail (HB_IS_TEST_TREE (self));
  g_return_if_fail (HB_IS_TEST_LEVEL (top_level));

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

typedef enum
{
  VISIT_WAIT, /* the store may still mark it: its subtree is arriving */
  VISIT_NEXT,
  VISIT_OPENED,
} Visit;

/* Opens the group at @frame's @i if the store marks it. */
static Visit
visit (HbTestTree *self, Frame *frame, guint i)
{
  guint node = hb_test_level_get_node (frame->level, i);
  g_autoptr (GObject) row = NULL;
  GListModel *children;

  if (self->first_failure == G_MAXUINT && is_failed_test (self, node))
    {
      row = child_row (self, frame, i);
      if (row != NULL)
        self->first_failure = self->rows->position (row);
    }
  if (!hb_test_store_get_expanded (self->store, node))
    return undecided (self, node) ? VISIT_WAIT : VISIT_NEXT;
  if (row == NULL)
    row = child_row (self, frame, i);
  if (row == NULL)
    return VISIT_NEXT;
  children = self->rows->expand (row);
  /* Last: the stack may move. */
  if (children != NULL)
    push (self, g_steal_pointer (&row), children);
  return VISIT_OPENED;
}

/**
 * hb_test_tree_expand_until:
 * @deadline: a g_get_monotonic_time () to stop at
 *
 * Opens marked groups depth first, in display order, until @deadline. Notes the first
 * failed test on the way, for "first failure in view".
 *
 * Returns: TRUE when nothing is left to open now: everything is open, or the rest waits
 *   for nodes still arriving (hb_test_tree_get_expanding ())
 */
gboolean
hb_test_tree_expand_until (HbTestTree *self, gint64 deadline)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), TRUE);

  while (self->stack->len > 0)
    {
      guint depth = self->stack->len;
      Frame *frame = &g_array_index (self->stack, Frame, depth - 1);
      guint i = frame->next;
      Visit visited;

      if (i >= g_list_model_get_n_items (G_LIST_MODEL (frame->level)))
        {
          if (hb_test_level_get_growing (frame->level))
            return TRUE;
          pop (self);
          continue;
        }
      visited = visit (self, frame, i);
      if (visited == VISIT_WAIT)
        return TRUE;
      g_array_index (self->stack, Frame, depth - 1).next = i + 1;
      if (visited == VISIT_OPENED && g_get_monotonic_time () >= deadline)
        return self->stack->len == 0;
    }
  return TRUE;
}

/* Groups are left to open once more nodes arrive. */
gboolean
hb_test_tree_get_expanding (HbTestTree *self)
{
  g_return_val_if_fail (HB_IS_TEST_TREE (self), FALSE);
  return self->stack->len > 0;
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

  drop_store (self);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, HB_TYPE_TEST_STORE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbTestTree::changed:
   *
   * The levels are different now (a filter, an order, or the whole body that lets an order
   * apply): a shown tree is made again, and opened again with hb_test_tree_expand_start ().
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
