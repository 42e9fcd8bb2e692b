/* hb-test-index.c: a flat index over a test tree: counts, filter bits, expansion state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-test-index.h"

/* The test tree is immutable once parsed, so the view keeps its per-node state
 * (visible under the current filter, expanded, parent) here rather than on
 * the nodes. Entries are stored in pre-order: a parent always comes before its
 * descendants, so one backward pass propagates facts up the tree and one
 * forward pass propagates them down. That keeps a filter change at a couple of
 * linear passes over the array, whatever the shape of the tree. */

enum
{
  FLAG_FAILED = 1 << 0,       /* the node's own status is Failed */
  FLAG_FAILED_BELOW = 1 << 1, /* a descendant's status is Failed */
  FLAG_MATCH = 1 << 2,        /* the name contains the search text */
  FLAG_MATCH_BELOW = 1 << 3,  /* a descendant matches */
  FLAG_MATCH_ABOVE = 1 << 4,  /* an ancestor matches */
  FLAG_VISIBLE = 1 << 5,
  FLAG_AUTO_EXPAND = 1 << 6, /* the current filter wants this group open */
  FLAG_EXPANDED = 1 << 7,
};

#define NO_PARENT G_MAXUINT

typedef struct
{
  HbTestNode *node;        /* borrowed: the roots model keeps the whole tree alive */
  const char *folded_name; /* in the string chunk */
  guint parent;
  guint subtree_end; /* one past the last descendant */
  guint n_visible_children;
  guint flags;
} Entry;

struct _HbTestIndex
{
  GListModel *roots;
  GArray *entries;
  GHashTable *by_node; /* HbTestNode* → index + 1 */
  GStringChunk *names;
  guint n_tests;
  guint n_by_status[HB_TEST_STATUS_SKIPPED + 1];
  GTimeSpan total_duration;
  guint n_visible;
};

G_DEFINE_BOXED_TYPE (HbTestIndex, hb_test_index, hb_test_index_ref, hb_test_index_unref)

static void
index_level (HbTestIndex *self, GListModel *level, guint parent)
{
  guint n = g_list_model_get_n_items (level);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (level, i);
      g_autofree char *folded = g_utf8_casefold (hb_test_node_get_name (node), -1);
      HbTestStatus status = hb_test_node_get_status (node);
      GListModel *children = hb_test_node_get_children (node);
      Entry entry = {
        .node = node,
        .folded_name = g_string_chunk_insert (self->names, folded),
        .parent = parent,
        .flags = status == HB_TEST_STATUS_FAILED ? FLAG_FAILED : 0,
      };
      guint me = self->entries->len;

      g_array_append_val (self->entries, entry);
      g_hash_table_insert (self->by_node, node, GUINT_TO_POINTER (me + 1));

      if (hb_test_node_get_kind (node) == HB_TEST_KIND_TEST)
        {
          self->n_tests++;
          if (status <= HB_TEST_STATUS_SKIPPED)
            self->n_by_status[status]++;
        }
      if (parent == NO_PARENT)
        self->total_duration += hb_test_node_get_duration (node);
      if (children != NULL)
        index_level (self, children, me);
      g_array_index (self->entries, Entry, me).subtree_end = self->entries->len;
    }
}

/**
 * hb_test_index_new:
 * @roots: a #GListModel of root #HbTestNode, not modified while in use
 *
 * Walks the whole tree once. It only reads @roots and the nodes, which never change after
 * parsing (taking or dropping their references is atomic), so it may run in a worker
 * thread while the main thread reads the same nodes, given a top-level list of its own.
 *
 * Returns: (transfer full): the index, with no filter applied
 */
HbTestIndex *
hb_test_index_new (GListModel *roots)
{
  HbTestIndex *self = g_atomic_rc_box_new0 (HbTestIndex);

  self->roots = g_object_ref (roots);
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->by_node = g_hash_table_new (NULL, NULL);
  self->names = g_string_chunk_new (64 * 1024);
  index_level (self, roots, NO_PARENT);

  /* Failures are fixed facts of the tree: propagate them up once. */
  for (guint i = self->entries->len; i-- > 0;)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->parent != NO_PARENT && (entry->flags & (FLAG_FAILED | FLAG_FAILED_BELOW)))
        g_array_index (self->entries, Entry, entry->parent).flags |= FLAG_FAILED_BELOW;
    }
  hb_test_index_set_filter (self, FALSE, NULL);
  return self;
}

static void
index_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  g_task_return_pointer (task, hb_test_index_new (task_data), (GDestroyNotify) hb_test_index_unref);
}

/* A GListStore caches its last lookup, so even reading one from two threads races: the
 * worker gets its own list of the top level (the nodes below never change). */
static GListModel *
copy_top_level (GListModel *roots)
{
  guint n = g_list_model_get_n_items (roots);
  GListStore *copy = g_list_store_new (g_list_model_get_item_type (roots));
  g_autoptr (GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (roots, i));
  g_list_store_splice (copy, 0, 0, items->pdata, n);
  return G_LIST_MODEL (copy);
}

/* Indexing 100,000 nodes (case folding every name) takes long enough to be
 * felt, so the view does it in a worker thread while its first rows show. */
void
hb_test_index_new_async (GListModel *roots,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (roots));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_test_index_new_async);
  g_task_set_task_data (task, copy_top_level (roots), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, index_thread);
}

HbTestIndex *
hb_test_index_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

HbTestIndex *
hb_test_index_ref (HbTestIndex *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
hb_test_index_clear (HbTestIndex *self)
{
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->by_node, g_hash_table_unref);
  g_clear_pointer (&self->names, g_string_chunk_free);
  g_clear_object (&self->roots);
}

void
hb_test_index_unref (HbTestIndex *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) hb_test_index_clear);
}

static Entry *
lookup (HbTestIndex *self, HbTestNode *node)
{
  guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_node, node));

  g_return_val_if_fail (pos != 0, NULL);

  return &g_array_index (self->entries, Entry, pos - 1);
}

GListModel *
hb_test_index_get_roots (HbTestIndex *self)
{
  return self->roots;
}

guint
hb_test_index_get_n_nodes (HbTestIndex *self)
{
  return self->entries->len;
}

/* Tests only: groups are containers, not results. */
guint
hb_test_index_get_n_tests (HbTestIndex *self)
{
  return self->n_tests;
}

guint
hb_test_index_get_n_tests_with_status (HbTestIndex *self, HbTestStatus status)
{
  g_return_val_if_fail (status <= HB_TEST_STATUS_SKIPPED, 0);

  return self->n_by_status[status];
}

/* The sum of the roots: a group's duration includes fixture time its
 * children do not account for, so summing leaves would undercount. */
GTimeSpan
hb_test_index_get_total_duration (HbTestIndex *self)
{
  return self->total_duration;
}

static void
mark_matches (HbTestIndex *self, const char *folded_search)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      entry->n_visible_children = 0;
      entry->flags &=
          ~(FLAG_MATCH | FLAG_MATCH_BELOW | FLAG_MATCH_ABOVE | FLAG_VISIBLE | FLAG_AUTO_EXPAND);
      if (folded_search != NULL && strstr (entry->folded_name, folded_search) != NULL)
        entry->flags |= FLAG_MATCH;
      /* Pre-order: the parent's bits are already final here. */
      if (entry->parent != NO_PARENT)
        {
          Entry *parent = &g_array_index (self->entries, Entry, entry->parent);

          if (parent->flags & (FLAG_MATCH | FLAG_MATCH_ABOVE))
            entry->flags |= FLAG_MATCH_ABOVE;
        }
    }
}

/**
 * hb_test_index_set_filter:
 * @failed_only: keep only failed nodes and the groups above them
 * @search: (nullable): keep only nodes whose name contains this text (case
 *   insensitive), the groups above them and everything below them
 *
 * A group that stays only to show where a match or a failure lives is marked
 * to open automatically, so every kept row can be seen without hunting.
 */
void
hb_test_index_set_filter (HbTestIndex *self, gboolean failed_only, const char *search)
{
  g_autofree char *folded = NULL;

  if (search != NULL && *search != '\0')
    folded = g_utf8_casefold (search, -1);
  mark_matches (self, folded);

  self->n_visible = 0;
  for (guint i = self->entries->len; i-- > 0;)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);
      gboolean keep = TRUE;
      guint open_below = folded != NULL ? FLAG_MATCH_BELOW : FLAG_FAILED_BELOW;

      if (failed_only)
        keep = (entry->flags & (FLAG_FAILED | FLAG_FAILED_BELOW)) != 0;
      if (folded != NULL)
        keep = keep && (entry->flags & (FLAG_MATCH | FLAG_MATCH_BELOW | FLAG_MATCH_ABOVE)) != 0;
      if (!keep)
        continue;

      entry->flags |= FLAG_VISIBLE;
      self->n_visible++;
      if ((entry->flags & open_below) && entry->n_visible_children > 0)
        entry->flags |= FLAG_AUTO_EXPAND;
      if (entry->parent != NO_PARENT)
        {
          Entry *parent = &g_array_index (self->entries, Entry, entry->parent);

          parent->n_visible_children++;
          if (entry->flags & (FLAG_MATCH | FLAG_MATCH_BELOW))
            parent->flags |= FLAG_MATCH_BELOW;
        }
    }
}

/* Nodes kept by the current filter, groups included. */
guint
hb_test_index_get_n_visible (HbTestIndex *self)
{
  return self->n_visible;
}

gboolean
hb_test_index_is_visible (HbTestIndex *self, HbTestNode *node)
{
  Entry *entry = lookup (self, node);

  return entry != NULL && (entry->flags & FLAG_VISIBLE) != 0;
}

guint
hb_test_index_get_n_visible_children (HbTestIndex *self, HbTestNode *node)
{
  Entry *entry = lookup (self, node);

  return entry != NULL ? entry->n_visible_children : 0;
}

gboolean
hb_test_index_get_auto_expand (HbTestIndex *self, HbTestNode *node)
{
  Entry *entry = lookup (self, node);

  return entry != NULL && (entry->flags & FLAG_AUTO_EXPAND) != 0;
}

/* What the person last saw open, so a re-sort can restore it. */
gboolean
hb_test_index_get_expanded (HbTestIndex *self, HbTestNode *node)
{
  Entry *entry = lookup (self, node);

  return entry != NULL && (entry->flags & FLAG_EXPANDED) != 0;
}

void
hb_test_index_set_expanded (HbTestIndex *self, HbTestNode *node, gboolean expanded)
{
  Entry *entry = lookup (self, node);
  guint first, end;

  if (entry == NULL)
    return;
  if (expanded)
    {
      entry->flags |= FLAG_EXPANDED;
      return;
    }
  /* Closing a group drops its rows, so nothing below it is open any more. */
  first = entry - &g_array_index (self->entries, Entry, 0);
  end = entry->subtree_end;
  for (guint i = first; i < end; i++)
    g_array_index (self->entries, Entry, i).flags &= ~FLAG_EXPANDED;
}

/* A new filter starts from what it wants open, not from the old filter's view. */
void
hb_test_index_reset_expanded (HbTestIndex *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->flags & FLAG_AUTO_EXPAND)
        entry->flags |= FLAG_EXPANDED;
      else
        entry->flags &= ~FLAG_EXPANDED;
    }
}

/* Case-insensitive, from the folded names computed once at indexing. */
int
hb_test_index_compare_names (HbTestIndex *self, HbTestNode *a, HbTestNode *b)
{
  Entry *ea = lookup (self, a);
  Entry *eb = lookup (self, b);
  int cmp;

  if (ea == NULL || eb == NULL)
    return 0;
  cmp = strcmp (ea->folded_name, eb->folded_name);
  return cmp != 0 ? cmp : strcmp (hb_test_node_get_name (a), hb_test_node_get_name (b));
}
