/* hb-test-store-private.h: how a parser's batches reach an HbTestStore, and its row items
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-parser-private.h"
#include "hb-test-record-private.h"
#include "hb-test-store.h"

G_BEGIN_DECLS

/* Shared by hb-test-store.c (storage, the model) and hb-test-store-filter.c (the filter). */
struct _HbTestStore
{
  GObject parent_instance;

  HbTestStrings *strings;
  HbTestRecords records;
  GArray *slots; /* guint32: the children of whole groups; trimmed like the records */
  GArray *roots; /* guint32 */
  GArray *open;  /* OpenGroup: the groups whose children are still arriving, outermost first */
  GPtrArray *watchers;

  guint n_tests;
  guint n_by_status[HB_TEST_STATUS_SKIPPED + 1];
  GTimeSpan total_duration;
  gboolean loading;
  GError *error;

  HbTestFilter filter;
};

static inline HbTestRecord *
_hb_test_store_record (HbTestStore *self, guint node)
{
  return &self->records.data[node];
}

/* For the public functions taking a node number. */
#define HB_TEST_STORE_CHECK_NODE(self, node, value)                                                \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_return_val_if_fail (HB_IS_TEST_STORE (self), value);                                         \
    g_return_val_if_fail ((node) < (self)->records.len, value);                                    \
  }                                                                                                \
  G_STMT_END

/* Brings the filter to records [@first, end); TRUE when an older node became visible. */
gboolean _hb_test_store_filter_added (HbTestStore *self, guint first);

/* The arena the store's parser writes into. */
HbTestStrings *_hb_test_store_get_strings (HbTestStore *self);

/* On the store's thread, in order. Takes ownership of @batch. */
void _hb_test_store_add_batch (HbTestStore *self, HbTestBatch *batch);
/* The last call: @error (nullable) says why the body was refused or cut short. */
void _hb_test_store_finish (HbTestStore *self, const GError *error);

/* @node is a row item for a group whose children are still arriving: it hears of them. */
void _hb_test_store_watch (HbTestStore *self, HbTestNode *node, guint index);

G_END_DECLS
