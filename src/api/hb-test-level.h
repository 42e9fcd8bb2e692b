/* hb-test-level.h: one level of a build's tests as shown: a group's children (or the roots)
 * as node numbers of an HbTestStore, all or those the filter keeps, in order; it grows while
 * they arrive
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-test-store.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_LEVEL (hb_test_level_get_type ())
G_DECLARE_FINAL_TYPE (HbTestLevel, hb_test_level, HB, TEST_LEVEL, GObject)

/* Compares two node numbers of the level's store. */
typedef int (*HbTestLevelCompare) (guint a, guint b, gpointer user_data);

HbTestLevel *hb_test_level_new (HbTestStore *store, guint parent, gboolean filtered);
HbTestLevel *hb_test_level_new_sorted (HbTestStore *store,
                                       guint parent,
                                       gboolean filtered,
                                       HbTestLevelCompare compare,
                                       GObject *compare_owner);

HbTestStore *hb_test_level_get_store (HbTestLevel *self);
guint hb_test_level_get_parent (HbTestLevel *self);
/* The node number at @position (no object is made). */
guint hb_test_level_get_node (HbTestLevel *self, guint position);
/* TRUE while more nodes may join: the parent's children are still arriving. */
gboolean hb_test_level_get_growing (HbTestLevel *self);

G_END_DECLS
