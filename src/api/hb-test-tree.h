/* hb-test-tree.h: a build's test results as they are shown, on an HbTestStore: what the
 * filter keeps, in which order, and which groups to open, a time budget at a time
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-test-node.h"
#include "hb-test-store.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_TREE (hb_test_tree_get_type ())
G_DECLARE_FINAL_TYPE (HbTestTree, hb_test_tree, HB, TEST_TREE, GObject)

/**
 * HbTestTreeRows:
 * @child_row: (transfer full) the row of @parent's @i-th child (@parent NULL: of @model's top
 *   level), or NULL
 * @expand: opens @row; returns (transfer none) its children as shown, or NULL
 * @position: where @row is in the flat list
 *
 * The rows groups are opened in: the view's GtkTreeListModel, or a test's stand-in. The tree
 * says which groups to open and when to stop; the rows do the opening.
 */
typedef struct
{
  GObject *(*child_row) (GObject *model, GObject *parent, guint i);
  GListModel *(*expand) (GObject *row);
  guint (*position) (GObject *row);
} HbTestTreeRows;

HbTestTree *hb_test_tree_new (void);

void hb_test_tree_set_store (HbTestTree *self, HbTestStore *store);
HbTestStore *hb_test_tree_get_store (HbTestTree *self);
GListModel *hb_test_tree_get_roots (HbTestTree *self);

void hb_test_tree_set_filter (HbTestTree *self, gboolean failed_only, const char *search);
void hb_test_tree_set_sort_func (HbTestTree *self,
                                 GCompareDataFunc compare,
                                 gpointer data,
                                 GDestroyNotify destroy);
gboolean hb_test_tree_get_sorted (HbTestTree *self);
int hb_test_tree_compare_names (gconstpointer a, gconstpointer b, gpointer tree);
int hb_test_tree_compare_status (gconstpointer a, gconstpointer b, gpointer tree);
int hb_test_tree_compare_duration (gconstpointer a, gconstpointer b, gpointer tree);

GListModel *hb_test_tree_create_top_level (HbTestTree *self);
GListModel *hb_test_tree_create_children (HbTestTree *self, HbTestNode *node);
void hb_test_tree_set_expanded (HbTestTree *self, HbTestNode *node, gboolean expanded);

void hb_test_tree_expand_start (HbTestTree *self,
                                const HbTestTreeRows *rows,
                                GObject *model,
                                GListModel *top_level);
gboolean hb_test_tree_expand_until (HbTestTree *self, gint64 deadline);
gboolean hb_test_tree_get_expanding (HbTestTree *self);
void hb_test_tree_expand_stop (HbTestTree *self);
guint hb_test_tree_get_first_failure (HbTestTree *self);

G_END_DECLS
