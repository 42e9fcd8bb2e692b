/* hbt-test-tree.h: a test tree as one string, to compare two readers' trees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One line per node, depth first, through HbTestNode's own API (so row items made on demand
 * are checked as much as the tree): id|name|status|kind|duration|n-children, indented. */
char *hbt_test_tree_describe (GListModel *roots);

G_END_DECLS
