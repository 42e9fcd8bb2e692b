/* hb-test-node.h: one node of a build's test tree; a group is the GListModel of its children
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"
#include "hb-test-store.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_NODE (hb_test_node_get_type ())
G_DECLARE_FINAL_TYPE (HbTestNode, hb_test_node, HB, TEST_NODE, GObject)

/* hb_test_node_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbTestNode *hb_test_node_new_from_json (JsonNode *node, GError **error);
GListModel *hb_test_node_list_from_json (JsonNode *node, GError **error);

const char *hb_test_node_get_id (HbTestNode *self);
const char *hb_test_node_get_name (HbTestNode *self);
HbTestStatus hb_test_node_get_status (HbTestNode *self);
HbTestKind hb_test_node_get_kind (HbTestNode *self);
GTimeSpan hb_test_node_get_duration (HbTestNode *self);
GListModel *hb_test_node_get_children (HbTestNode *self);
guint hb_test_node_get_n_children (HbTestNode *self);

/* A row item for node @node of @store, made on demand, so a tree costs no object per test
 * until a row shows it: each call gives a new object, whose strings are the store's. A
 * group's item is the model of its children, and grows while they arrive. */
HbTestNode *hb_test_node_new_for_store (HbTestStore *store, guint node);

/* A row item of an HbTestStore says which node it shows; other nodes give NULL and
 * HB_TEST_STORE_NONE. */
HbTestStore *hb_test_node_get_store (HbTestNode *self);
guint hb_test_node_get_store_index (HbTestNode *self);

G_END_DECLS
