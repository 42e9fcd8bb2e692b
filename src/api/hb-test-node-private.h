/* hb-test-node-private.h: row items backed by an HbTestStore
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-node.h"
#include "hb-test-store.h"

G_BEGIN_DECLS

/* A light item reading node @index of @store; a group's children come from the store. */
HbTestNode *_hb_test_node_new_for_store (HbTestStore *store, guint index);
/* The store added children to a group this item shows. */
void _hb_test_node_children_added (HbTestNode *self, guint position, guint added);

G_END_DECLS
