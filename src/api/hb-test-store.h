/* hb-test-store.h: a build's test tree in flat arrays, filled as the body arrives, with the
 * filter's bits and the view's per-node state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_STORE (hb_test_store_get_type ())
G_DECLARE_FINAL_TYPE (HbTestStore, hb_test_store, HB, TEST_STORE, GObject)

/* The parent of a root, and the "node" whose children are the roots. */
#define HB_TEST_STORE_NONE G_MAXUINT

/* A store belongs to the thread whose main context fills it: batches grow its arrays there.
 * It holds no object per node: row items (hb_test_node_new_for_store ()) and the models of
 * a level (HbTestLevel) read it by node number.
 *
 * Nodes are numbered in document order (a parent before its children, a subtree in one
 * run), from 0, and never change once added: numbers are what the filter, the sort and a
 * view's own per-node state key on. Strings are borrowed for the store's life. A node is
 * added with its five fields; its children follow as they arrive. */

HbTestStore *hb_test_store_new (void);
/* The whole body at once, in the calling thread (small bodies, tests): the same nodes and
 * errors a stream gives. */
HbTestStore *hb_test_store_new_from_bytes (GBytes *body, GError **error);

gboolean hb_test_store_get_loading (HbTestStore *self);
const GError *hb_test_store_get_error (HbTestStore *self);

guint hb_test_store_get_n_nodes (HbTestStore *self);
guint hb_test_store_get_n_tests (HbTestStore *self);
guint hb_test_store_get_n_tests_with_status (HbTestStore *self, HbTestStatus status);
GTimeSpan hb_test_store_get_total_duration (HbTestStore *self);

const char *hb_test_store_get_id (HbTestStore *self, guint node);
const char *hb_test_store_get_name (HbTestStore *self, guint node);
const char *hb_test_store_get_folded_name (HbTestStore *self, guint node);
HbTestStatus hb_test_store_get_status (HbTestStore *self, guint node);
HbTestKind hb_test_store_get_kind (HbTestStore *self, guint node);
GTimeSpan hb_test_store_get_duration (HbTestStore *self, guint node);
guint hb_test_store_get_parent (HbTestStore *self, guint node);
/* @node may be HB_TEST_STORE_NONE: the roots. */
guint hb_test_store_get_n_children (HbTestStore *self, guint node);
guint hb_test_store_get_child (HbTestStore *self, guint node, guint position);
/* One past the node's last descendant, so far if its children are still arriving. */
guint hb_test_store_get_subtree_end (HbTestStore *self, guint node);
/* FALSE while more children of @node may arrive (@node HB_TEST_STORE_NONE: more roots). */
gboolean hb_test_store_is_complete (HbTestStore *self, guint node);
gboolean hb_test_store_get_failed_below (HbTestStore *self, guint node);

/* Failed Only and search, kept current as nodes arrive. A group stays when something it
 * holds stays; a search keeps what is under a match. */
void hb_test_store_set_filter (HbTestStore *self, gboolean failed_only, const char *search);
guint hb_test_store_get_n_visible (HbTestStore *self);
/* Changes with every hb_test_store_set_filter (): what was computed under another filter is
 * stale. */
guint hb_test_store_get_filter_serial (HbTestStore *self);
gboolean hb_test_store_is_visible (HbTestStore *self, guint node);
guint hb_test_store_get_n_visible_children (HbTestStore *self, guint node);
/* The current filter wants this group open, to show where its matches or failures are. */
gboolean hb_test_store_get_auto_expand (HbTestStore *self, guint node);
gboolean hb_test_store_get_expanded (HbTestStore *self, guint node);
void hb_test_store_set_expanded (HbTestStore *self, guint node, gboolean expanded);
void hb_test_store_reset_expanded (HbTestStore *self);

/* Case-insensitive by the folded names, then by the names. */
int hb_test_store_compare_names (HbTestStore *self, guint a, guint b);

/* Bytes the store holds (nodes, child lists, strings), for the benchmarks. */
gsize hb_test_store_get_memory_size (HbTestStore *self);

G_END_DECLS
