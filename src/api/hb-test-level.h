/* hb-test-level.h: one level of a test tree as shown: the children kept by a filter, in order
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HB_TYPE_TEST_LEVEL (hb_test_level_get_type ())
G_DECLARE_FINAL_TYPE (HbTestLevel, hb_test_level, HB, TEST_LEVEL, GObject)

/* @items: #HbTestNode, taken; a level never changes (a new filter or order makes new ones). */
HbTestLevel *hb_test_level_new (GPtrArray *items);

G_END_DECLS
