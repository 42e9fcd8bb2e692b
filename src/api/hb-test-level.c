/* hb-test-level.c: one level of a build's tests as shown: a group's children (or the roots)
 * as node numbers of an HbTestStore, all or those the filter keeps, in order; it grows while
 * they arrive
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-level.h"

#include "hb-test-node.h"

/* A level is an array of node numbers, made when first asked (a tree list model makes a
 * level to learn whether a row can open, and drops it). A row item is made when a row asks
 * for it, and kept while the level lives, so a node keeps its object as a list expects:
 * sorting, filtering and opening groups make no object per test.
 *
 * While the body arrives a level grows at its end only. Nodes arrive in document order, so
 * only the last child of a group can still be growing, and under a filter nodes only ever
 * become visible while the filter stays: a child not kept yet is looked at again only if it
 * is that last one ("pending"), and everything else is decided once. A sorted level is
 * made whole (the tree sorts once the body has arrived). A level made under a filter stops
 * growing when the filter changes: a new tree of levels replaces it. */

struct _HbTestLevel
{
  GObject parent_instance;

  HbTestStore *store;
  guint parent; /* HB_TEST_STORE_NONE: the roots */
  gboolean filtered;
  guint serial; /* the store's filter when made */
  HbTestLevelCompare compare;
  GObject *compare_owner;

  GArray *nodes;    /* guint32; NULL until first asked */
  GPtrArray *items; /* HbTestNode or NULL, by position; NULL until an item is asked for */
  guint n_seen;  /* children of the parent looked at */
  guint pending; /* HB_TEST_STORE_NONE, or a child not kept yet whose subtree is arriving */
  gulong growth_id;
};

static void hb_test_level_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbTestLevel,
                               hb_test_level,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hb_test_level_list_model_init))

static gboolean
kept (HbTestLevel *self, guint node)
{
  return !self->filtered || hb_test_store_is_visible (self->store, node);
}

/* Appends what joined since the last look; returns how many. */
static guint
scan (HbTestLevel *self)
{
  guint before = self->nodes->len;
  guint n = hb_test_store_get_n_children (self->store, self->parent);

  /* Before the children after it: it came first. */
  if (self->pending != HB_TEST_STORE_NONE)
    {
      guint32 node = self->pending;

      if (kept (self, node))
        g_array_append_val (self->nodes, node);
      if (kept (self, node) || hb_test_store_is_complete (self->store, node))
        self->pending = HB_TEST_STORE_NONE;
    }
  for (; self->n_seen < n; self->n_seen++)
    {
      guint32 node = hb_test_store_get_child (self->store, self->parent, self->n_seen);

      if (kept (self, node))
        g_array_append_val (self->nodes, node);
      else if (!hb_test_store_is_complete (self->store, node))
        self->pending = node;
    }
  return self->nodes->len - before;
}

static void
on_nodes_added (HbTestLevel *self, guint first, guint n_added, HbTestStore *store)
{
  guint before = self->nodes->len;
  guint added;

  if (self->filtered && self->serial != hb_test_store_get_filter_serial (store))
    {
      g_clear_signal_handler (&self->growth_id, store);
      return;
    }
  added = scan (self);
  if (!hb_test_level_get_growing (self))
    g_clear_signal_handler (&self->growth_id, store);
  if (added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, added);
}

static int
compare_nodes (gconstpointer a, gconstpointer b, gpointer user_data)
{
  HbTestLevel *self = user_data;

  return self->compare (*(const guint32 *) a, *(const guint32 *) b, self->compare_owner);
}

static void
ensure_nodes (HbTestLevel *self)
{
  if (self->nodes != NULL)
    return;
  self->nodes = g_array_new (FALSE, FALSE, sizeof (guint32));
  scan (self);
  if (self->compare != NULL)
    g_array_sort_with_data (self->nodes, compare_nodes, self);
  if (hb_test_level_get_growing (self))
    self->growth_id = g_signal_connect_swapped (self->store, "nodes-added",
                                                G_CALLBACK (on_nodes_added), self);
}

static GType
hb_test_level_get_item_type (GListModel *model)
{
  return HB_TYPE_TEST_NODE;
}

static guint
hb_test_level_get_n_items (GListModel *model)
{
  HbTestLevel *self = HB_TEST_LEVEL (model);

  ensure_nodes (self);
  return self->nodes->len;
}

/* Positions not asked for hold NULL. */
static void
item_free (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static gpointer
hb_test_level_get_item (GListModel *model, guint position)
{
  HbTestLevel *self = HB_TEST_LEVEL (model);
  gpointer *item;

  ensure_nodes (self);
  if (position >= self->nodes->len)
    return NULL;
  if (self->items == NULL)
    self->items = g_ptr_array_new_with_free_func (item_free);
  /* The level only grows at its end: the items so far keep their positions. */
  if (self->items->len < self->nodes->len)
    g_ptr_array_set_size (self->items, self->nodes->len);
  item = &self->items->pdata[position];
  if (*item == NULL)
    *item = hb_test_node_new_for_store (self->store, g_array_index (self->nodes, guint32, position));
  return g_object_ref (*item);
}

static void
hb_test_level_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_test_level_get_item_type;
  iface->get_n_items = hb_test_level_get_n_items;
  iface->get_item = hb_test_level_get_item;
}

static void
hb_test_level_finalize (GObject *object)
{
  HbTestLevel *self = HB_TEST_LEVEL (object);

  g_clear_signal_handler (&self->growth_id, self->store);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_object (&self->compare_owner);
  g_object_unref (self->store);
  G_OBJECT_CLASS (hb_test_level_parent_class)->finalize (object);
}

static void
hb_test_level_class_init (HbTestLevelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_test_level_finalize;
}

static void
hb_test_level_init (HbTestLevel *self)
{
  self->pending = HB_TEST_STORE_NONE;
}

/**
 * hb_test_level_new:
 * @store: the store to read
 * @parent: the group whose children the level holds, or HB_TEST_STORE_NONE for the roots
 * @filtered: only the nodes the store's filter keeps, or all
 *
 * Returns: (transfer full): the level, in the server's order
 */
HbTestLevel *
hb_test_level_new (HbTestStore *store, guint parent, gboolean filtered)
{
  return hb_test_level_new_sorted (store, parent, filtered, NULL, NULL);
}

/**
 * hb_test_level_new_sorted:
 * @compare: (nullable): the order, or NULL for the server's; only for a level whose nodes
 *   have all arrived
 * @compare_owner: (nullable): passed to @compare, and kept alive while the level may sort
 *
 * Returns: (transfer full): the level
 */
HbTestLevel *
hb_test_level_new_sorted (HbTestStore *store,
                          guint parent,
                          gboolean filtered,
                          HbTestLevelCompare compare,
                          GObject *compare_owner)
{
  HbTestLevel *self;

  g_return_val_if_fail (HB_IS_TEST_STORE (store), NULL);
  g_return_val_if_fail (parent == HB_TEST_STORE_NONE || parent < hb_test_store_get_n_nodes (store),
                        NULL);

  self = g_object_new (HB_TYPE_TEST_LEVEL, NULL);
  self->store = g_object_ref (store);
  self->parent = parent;
  self->filtered = filtered;
  self->serial = hb_test_store_get_filter_serial (store);
  self->compare = compare;
  self->compare_owner = compare_owner != NULL ? g_object_ref (compare_owner) : NULL;
  g_return_val_if_fail (compare == NULL || !hb_test_level_get_growing (self), self);
  return self;
}

/** hb_test_level_get_store: Returns: (transfer none): the store the level reads */
HbTestStore *
hb_test_level_get_store (HbTestLevel *self)
{
  g_return_val_if_fail (HB_IS_TEST_LEVEL (self), NULL);
  return self->store;
}

guint
hb_test_level_get_parent (HbTestLevel *self)
{
  g_return_val_if_fail (HB_IS_TEST_LEVEL (self), HB_TEST_STORE_NONE);
  return self->parent;
}

guint
hb_test_level_get_node (HbTestLevel *self, guint position)
{
  g_return_val_if_fail (HB_IS_TEST_LEVEL (self), HB_TEST_STORE_NONE);
  ensure_nodes (self);
  g_return_val_if_fail (position < self->nodes->len, HB_TEST_STORE_NONE);
  return g_array_index (self->nodes, guint32, position);
}

gboolean
hb_test_level_get_growing (HbTestLevel *self)
{
  g_return_val_if_fail (HB_IS_TEST_LEVEL (self), FALSE);
  return hb_test_store_get_loading (self->store) &&
         !hb_test_store_is_complete (self->store, self->parent) &&
         !(self->filtered && self->serial != hb_test_store_get_filter_serial (self->store));
}
