/* hb-test-index.h: a flat index over a test tree: counts, filter bits, expansion state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-test-node.h"

G_BEGIN_DECLS

typedef struct _HbTestIndex HbTestIndex;

#define HB_TYPE_TEST_INDEX (hb_test_index_get_type ())
GType hb_test_index_get_type (void) G_GNUC_CONST;

HbTestIndex *hb_test_index_new (GListModel *roots);
void hb_test_index_new_async (GListModel *roots,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
HbTestIndex *hb_test_index_new_finish (GAsyncResult *result, GError **error);
HbTestIndex *hb_test_index_ref (HbTestIndex *self);
void hb_test_index_unref (HbTestIndex *self);

GListModel *hb_test_index_get_roots (HbTestIndex *self);
guint hb_test_index_get_n_nodes (HbTestIndex *self);
guint hb_test_index_get_n_tests (HbTestIndex *self);
guint hb_test_index_get_n_tests_with_status (HbTestIndex *self, HbTestStatus status);
GTimeSpan hb_test_index_get_total_duration (HbTestIndex *self);

void hb_test_index_set_filter (HbTestIndex *self, gboolean failed_only, const char *search);
guint hb_test_index_get_n_visible (HbTestIndex *self);
gboolean hb_test_index_is_visible (HbTestIndex *self, HbTestNode *node);
guint hb_test_index_get_n_visible_children (HbTestIndex *self, HbTestNode *node);
gboolean hb_test_index_get_auto_expand (HbTestIndex *self, HbTestNode *node);
gboolean hb_test_index_get_expanded (HbTestIndex *self, HbTestNode *node);
void hb_test_index_set_expanded (HbTestIndex *self, HbTestNode *node, gboolean expanded);
void hb_test_index_reset_expanded (HbTestIndex *self);

int hb_test_index_compare_names (HbTestIndex *self, HbTestNode *a, HbTestNode *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbTestIndex, hb_test_index_unref)

G_END_DECLS
