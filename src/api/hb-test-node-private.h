/* hb-test-node-private.h: row items that can be pointed at another node
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-node.h"

G_BEGIN_DECLS

/* Makes a row item of a whole store show node @node instead: sorting compares node numbers
 * through two such items, so a sort makes no object per node. */
void _hb_test_node_retarget (HbTestNode *self, guint node);

G_END_DECLS
