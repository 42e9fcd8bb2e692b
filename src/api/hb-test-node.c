/* hb-test-node.c: one node of a build's test tree; a group is the GListModel of its children
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-node.h"

#include "hb-api-enums.h"
#include "hb-json-private.h"
#include "hb-test-node-private.h"

#include <string.h>

/* Kept small: a build can hold 100,000 of these. A group is itself the
 * GListModel of its children, so no extra store object exists per group.
 *
 * A node is either read from a JsonNode, and owns its strings and its children, or a row
 * item of an HbTestStore, made on demand: then its strings are borrowed from the store
 * (which it keeps alive) and its children are asked of the store. */
struct _HbTestNode
{
  GObject parent_instance;
  char *id;         /* from JSON: id and name share one allocation; stored: borrowed */
  const char *name; /* points into id's block, or into the store */
  GTimeSpan duration;
  union
  {
    GPtrArray *children; /* from JSON: NULL for a Test */
    HbTestStore *store;  /* stored */
  };
  guint32 index;   /* stored: the node's number in the store */
  guint32 n_told;  /* stored, a group still growing: children its model has announced */
  gulong growth_id; /* stored, a group still growing: on the store's "nodes-added" */
  guint8 status;
  guint8 kind;
  guint8 stored;
};

static void hb_test_node_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbTestNode,
                               hb_test_node,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hb_test_node_list_model_init))

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_KIND,
  PROP_DURATION,
  PROP_CHILDREN,
  PROP_N_CHILDREN,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/** hb_test_node_get_item_type: Returns: the item type */
static GType
hb_test_node_get_item_type (GListModel *model)
{
  return HB_TYPE_TEST_NODE;
}

/** hb_test_node_get_n_items: Returns: the n items */
static guint
hb_test_node_get_n_items (GListModel *model)
{
  return hb_test_node_get_n_children (HB_TEST_NODE (model));
}

/** hb_test_node_get_item: Returns: the item */
static gpointer
hb_test_node_get_item (GListModel *model, guint position)
{
  HbTestNode *self = HB_TEST_NODE (model);

  if (self->stored)
    {
      if (position >= hb_test_store_get_n_children (self->store, self->index))
        return NULL;
      return hb_test_node_new_for_store (
          self->store, hb_test_store_get_child (self->store, self->index, position));
    }
  if (self->children == NULL || position >= self->children->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->children, position));
}

static void
hb_test_node_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_test_node_get_item_type;
  iface->get_n_items = hb_test_node_get_n_items;
  iface->get_item = hb_test_node_get_item;
}

static void
hb_test_node_finalize (GObject *object)
{
  HbTestNode *self = HB_TEST_NODE (object);

  if (self->stored)
    {
      g_clear_signal_handler (&self->growth_id, self->store);
      g_object_unref (self->store);
    }
  else
    {
      g_free (self->id);
      g_clear_pointer (&self->children, g_ptr_array_unref);
    }
  G_OBJECT_CLASS (hb_test_node_parent_class)->finalize (object);
}

static void
hb_test_node_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTestNode *self = HB_TEST_NODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    case PROP_CHILDREN:
      g_value_set_object (value, hb_test_node_get_children (self));
      break;
    case PROP_N_CHILDREN:
      g_value_set_uint (value, hb_test_node_get_n_children (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_test_node_class_init (HbTestNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_test_node_finalize;
  object_class->get_property = hb_test_node_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] =
      g_param_spec_enum ("status", NULL, NULL, HB_TYPE_TEST_STATUS, HB_TEST_STATUS_UNKNOWN, ro);
  properties[PROP_KIND] =
      g_param_spec_enum ("kind", NULL, NULL, HB_TYPE_TEST_KIND, HB_TEST_KIND_UNKNOWN, ro);
  properties[PROP_DURATION] =
      g_param_spec_int64 ("duration", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_CHILDREN] = g_param_spec_object ("children", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_CHILDREN] = g_param_spec_uint ("n-children", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_test_node_init (HbTestNode *self)
{
}

/* One block for both strings: a big tree has hundreds of thousands of them. */
static char *
join_strings (const char *first, const char *second, const char **second_out)
{
  gsize first_len = strlen (first) + 1;
  gsize second_len = strlen (second) + 1;
  char *block = g_malloc (first_len + second_len);

  memcpy (block, first, first_len);
  memcpy (block + first_len, second, second_len);
  *second_out = block + first_len;
  return block;
}

static HbTestNode *
node_from_json (JsonNode *node, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "test", error);
  const char *id, *name, *status, *kind;
  JsonArray *tests;
  GTimeSpan duration;
  g_autoptr (HbTestNode) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "id", &id, error) ||
      !_hb_json_get_string (object, "name", &name, error) ||
      !_hb_json_get_string (object, "status", &status, error) ||
      !_hb_json_get_string (object, "kind", &kind, error) ||
      !_hb_json_get_timespan (object, "duration", &duration, error) ||
      !_hb_json_get_array (object, "tests", TRUE, &tests, error))
    return NULL;

  self = g_object_new (HB_TYPE_TEST_NODE, NULL);
  self->id = join_strings (id, name, &self->name);
  self->status = (guint8) _hb_test_status_from_string (status);
  self->kind = (guint8) _hb_test_kind_from_string (kind);
  self->duration = duration;

  /* Only a Test is a leaf: an empty group still has an (empty) model. */
  if (self->kind != HB_TEST_KIND_TEST)
    {
      guint n = tests != NULL ? json_array_get_length (tests) : 0;

      self->children = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          HbTestNode *child = node_from_json (json_array_get_element (tests, i), error);

          if (child == NULL)
            return NULL;
          g_ptr_array_add (self->children, child);
        }
    }
  else if (tests != NULL && json_array_get_length (tests) > 0)
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Invalid response: test \"%s\" has children", id);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * hb_test_node_new_from_json:
 * @node: one test object, with its subtree
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the node, or %NULL on error
 */
HbTestNode *
hb_test_node_new_from_json (JsonNode *node, GError **error)
{
  return node_from_json (node, error);
}

static gpointer
list_item_new (JsonNode *node, const char *url, GError **error)
{
  return node_from_json (node, error);
}

/**
 * hb_test_node_list_from_json:
 * @node: an array of root test objects
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): a GListModel of the root #HbTestNode
 */
GListModel *
hb_test_node_list_from_json (JsonNode *node, GError **error)
{
  return _hb_json_list_from_array (node, HB_TYPE_TEST_NODE, list_item_new, error);
}

/** hb_test_node_get_id: Returns: (transfer none): the id */
const char *
hb_test_node_get_id (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), NULL);
  return self->id;
}

/** hb_test_node_get_name: Returns: (transfer none): the name */
const char *
hb_test_node_get_name (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), NULL);
  return self->name;
}

/** hb_test_node_get_status: Returns: the status */
HbTestStatus
hb_test_node_get_status (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), HB_TEST_STATUS_UNKNOWN);
  return (HbTestStatus) self->status;
}

/** hb_test_node_get_kind: Returns: the kind */
HbTestKind
hb_test_node_get_kind (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), HB_TEST_KIND_UNKNOWN);
  return (HbTestKind) self->kind;
}

/** hb_test_node_get_duration: Returns: the duration */
GTimeSpan
hb_test_node_get_duration (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), 0);
  return self->duration;
}

/**
 * hb_test_node_get_children:
 *
 * Returns: (transfer none) (nullable): the children as a GListModel of
 *   #HbTestNode (the node itself), or %NULL for a Test
 */
GListModel *
hb_test_node_get_children (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), NULL);
  if (self->stored)
    return self->kind != HB_TEST_KIND_TEST ? G_LIST_MODEL (self) : NULL;
  return self->children != NULL ? G_LIST_MODEL (self) : NULL;
}

/** hb_test_node_get_n_children: Returns: the n children */
guint
hb_test_node_get_n_children (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), 0);
  if (self->stored)
    return hb_test_store_get_n_children (self->store, self->index);
  return self->children != NULL ? self->children->len : 0;
}

/**
 * hb_test_node_get_store:
 *
 * Returns: (transfer none) (nullable): the store this row item reads, or %NULL for a node
 *   read from a JsonNode
 */
HbTestStore *
hb_test_node_get_store (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), NULL);
  return self->stored ? self->store : NULL;
}

/** hb_test_node_get_store_index: Returns: the node's number in its store (see get_store) */
guint
hb_test_node_get_store_index (HbTestNode *self)
{
  g_return_val_if_fail (HB_IS_TEST_NODE (self), HB_TEST_STORE_NONE);
  return self->stored ? self->index : HB_TEST_STORE_NONE;
}

static void
load_from_store (HbTestNode *self, guint index)
{
  HbTestStore *store = self->store;

  self->index = index;
  /* The store's strings never move, so they can be borrowed as they are. */
  self->id = (char *) hb_test_store_get_id (store, index);
  self->name = hb_test_store_get_name (store, index);
  self->duration = hb_test_store_get_duration (store, index);
  self->status = (guint8) hb_test_store_get_status (store, index);
  self->kind = (guint8) hb_test_store_get_kind (store, index);
}

/* A group's children arrived: its model says so, until the group is whole. */
static void
on_nodes_added (HbTestNode *self, guint first, guint n_added, HbTestStore *store)
{
  guint n = hb_test_store_get_n_children (store, self->index);

  if (n != self->n_told)
    {
      guint told = self->n_told;

      self->n_told = n;
      g_list_model_items_changed (G_LIST_MODEL (self), told, 0, n - told);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHILDREN]);
    }
  if (hb_test_store_is_complete (store, self->index))
    g_clear_signal_handler (&self->growth_id, store);
}

/**
 * hb_test_node_new_for_store:
 * @store: the store to read
 * @node: a node number of @store
 *
 * Returns: (transfer full): a new row item for @node
 */
HbTestNode *
hb_test_node_new_for_store (HbTestStore *store, guint node)
{
  HbTestNode *self;

  g_return_val_if_fail (HB_IS_TEST_STORE (store), NULL);
  g_return_val_if_fail (node < hb_test_store_get_n_nodes (store), NULL);

  self = g_object_new (HB_TYPE_TEST_NODE, NULL);
  self->stored = TRUE;
  self->store = g_object_ref (store);
  load_from_store (self, node);
  if (!hb_test_store_is_complete (store, node))
    {
      self->n_told = hb_test_store_get_n_children (store, node);
      self->growth_id = g_signal_connect_swapped (store, "nodes-added",
                                                  G_CALLBACK (on_nodes_added), self);
    }
  return self;
}

void
_hb_test_node_retarget (HbTestNode *self, guint node)
{
  g_return_if_fail (HB_IS_TEST_NODE (self) && self->stored);
  g_return_if_fail (self->growth_id == 0);
  load_from_store (self, node);
}
