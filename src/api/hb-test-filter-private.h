/* hb-test-filter-private.h: Failed Only and search on an HbTestStore's records, and the
 * view's per-node state (which groups are open)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-record-private.h"
#include "hb-test-strings-private.h"

G_BEGIN_DECLS

/* Plain data inside the store (hb-test-store.c), on the store's records and strings. */
typedef struct
{
  HbTestRecords *records;
  HbTestStrings *strings;
  gboolean failed_only;
  char *folded_search; /* NULL: no search */
  guint n_visible;
  guint serial; /* changes with every set: what was computed under another filter is stale */
} HbTestFilter;

void _hb_test_filter_init (HbTestFilter *self, HbTestRecords *records, HbTestStrings *strings);
void _hb_test_filter_clear (HbTestFilter *self);

/* Two linear passes over every record. */
void _hb_test_filter_set (HbTestFilter *self, gboolean failed_only, const char *search);
/* Brings the filter to records [@first, len), just added; TRUE when an older node became
 * visible. A group the filter comes to want open is marked expanded once, as it does. */
gboolean _hb_test_filter_added (HbTestFilter *self, guint first);

gboolean _hb_test_filter_get_auto_expand (HbTestFilter *self, guint node);
/* Closing a group closes everything below it: its rows are gone. */
void _hb_test_filter_set_expanded (HbTestFilter *self, guint node, gboolean expanded);
void _hb_test_filter_reset_expanded (HbTestFilter *self);

G_END_DECLS
