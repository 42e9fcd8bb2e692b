/* hb-test-store.c: a build's test tree in flat arrays, filled as the body arrives; the
 * GListModel of its roots
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-store-private.h"

#include <string.h>

#include "hb-api-enums.h"
#include "hb-test-node-private.h"

/* What a test costs here: one 48-byte record, 4 bytes in its parent's child list, its id,
 * and its name and folded name once per distinct name (the parser interns them). No
 * GObject exists for a node until a row asks for one.
 *
 * Records are in document order, so a parent comes before its descendants and a subtree
 * is one run: the filter needs only linear passes (see hb-test-store-filter.c). A group's
 * children are a run of `slots` once the group is whole; while they arrive they are on a
 * stack of open groups (as deep as the tree, never wider), because a group's children are
 * interleaved with their own descendants in the body. */

typedef struct
{
  guint32 node;
  GArray *children; /* guint32 */
} OpenGroup;

/* A row item that shows a group still growing, so it can say when it does. */
typedef struct
{
  GWeakRef item;
  guint32 node;
  guint32 n_told;
} Watcher;

static void hb_test_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbTestStore,
                               hb_test_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hb_test_store_list_model_init))

enum
{
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_NODES,
  PROP_N_TESTS,
  PROP_N_PASSED,
  PROP_N_FAILED,
  PROP_N_SKIPPED,
  PROP_TOTAL_DURATION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  NODES_ADDED,
  VISIBILITY_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

/* -- GListModel: the roots */

static GType
hb_test_store_get_item_type (GListModel *model)
{
  return HB_TYPE_TEST_NODE;
}

static guint
hb_test_store_get_n_items (GListModel *model)
{
  return HB_TEST_STORE (model)->roots->len;
}

static gpointer
hb_test_store_get_item (GListModel *model, guint position)
{
  HbTestStore *self = HB_TEST_STORE (model);

  if (position >= self->roots->len)
    return NULL;
  return hb_test_store_get_node (self, g_array_index (self->roots, guint32, position));
}

static void
hb_test_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_test_store_get_item_type;
  iface->get_n_items = hb_test_store_get_n_items;
  iface->get_item = hb_test_store_get_item;
}

/* -- GObject */

static void
watcher_free (gpointer data)
{
  Watcher *watcher = data;

  g_weak_ref_clear (&watcher->item);
  g_free (watcher);
}

static void
hb_test_store_finalize (GObject *object)
{
  HbTestStore *self = HB_TEST_STORE (object);

  for (guint i = 0; i < self->open->len; i++)
    g_array_unref (g_array_index (self->open, OpenGroup, i).children);
  g_array_unref (self->open);
  g_ptr_array_unref (self->watchers);
  g_free (self->records.data);
  g_array_unref (self->slots);
  g_array_unref (self->roots);
  _hb_test_strings_unref (self->strings);
  g_clear_error (&self->error);
  g_free (self->filter.folded_search);
  G_OBJECT_CLASS (hb_test_store_parent_class)->finalize (object);
}

static void
hb_test_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTestStore *self = HB_TEST_STORE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_NODES:
      g_value_set_uint (value, self->records.len);
      break;
    case PROP_N_TESTS:
      g_value_set_uint (value, self->n_tests);
      break;
    case PROP_N_PASSED:
      g_value_set_uint (value, self->n_by_status[HB_TEST_STATUS_PASSED]);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, self->n_by_status[HB_TEST_STATUS_FAILED]);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_by_status[HB_TEST_STATUS_SKIPPED]);
      break;
    case PROP_TOTAL_DURATION:
      g_value_set_int64 (value, self->total_duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_test_store_class_init (HbTestStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_test_store_finalize;
  object_class->get_property = hb_test_store_get_property;

  /* TRUE until the body was read to its end, or refused. */
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, TRUE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_N_NODES] = g_param_spec_uint ("n-nodes", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* Tests only: groups are containers, not results. */
  properties[PROP_N_TESTS] = g_param_spec_uint ("n-tests", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_PASSED] = g_param_spec_uint ("n-passed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL_DURATION] =
      g_param_spec_int64 ("total-duration", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbTestStore::nodes-added:
   * @first: the first new node
   * @n_added: how many
   *
   * After each batch, once the roots and every watched group told their models.
   */
  signals[NODES_ADDED] =
      g_signal_new ("nodes-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * HbTestStore::visibility-changed:
   *
   * Nodes added earlier became visible under the current filter (a failure or a match
   * arrived below them): per-level filters need to look again.
   */
  signals[VISIBILITY_CHANGED] =
      g_signal_new ("visibility-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_test_store_init (HbTestStore *self)
{
  self->strings = _hb_test_strings_new ();
  self->slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->roots = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->open = g_array_new (FALSE, FALSE, sizeof (OpenGroup));
  self->watchers = g_ptr_array_new_with_free_func (watcher_free);
  self->loading = TRUE;
}

/**
 * hb_test_store_new:
 *
 * Returns: (transfer full): an empty store, loading, to be filled by an #HbTestStream on the
 *   thread-default main context of the caller
 */
HbTestStore *
hb_test_store_new (void)
{
  return g_object_new (HB_TYPE_TEST_STORE, NULL);
}

static void
add_batch_cb (HbTestBatch *batch, gpointer user_data)
{
  _hb_test_store_add_batch (user_data, batch);
}

/**
 * hb_test_store_new_from_bytes:
 * @body: a whole T1 body
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the store, loaded, or %NULL on error
 */
HbTestStore *
hb_test_store_new_from_bytes (GBytes *body, GError **error)
{
  g_autoptr (HbTestStore) self = hb_test_store_new ();
  g_autoptr (HbTestParser) parser = _hb_test_parser_new (self->strings, add_batch_cb, self);
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (!_hb_test_parser_feed (parser, data, length, error) ||
      !_hb_test_parser_finish (parser, error))
    return NULL;
  _hb_test_store_finish (self, NULL);
  return g_steal_pointer (&self);
}

/* -- adding what the parser read */

HbTestRecord *
_hb_test_records_append (HbTestRecords *records)
{
  if (records->len == records->size)
    {
      records->size = MAX (64, records->size + records->size / 2);
      records->data = g_renew (HbTestRecord, records->data, records->size);
    }
  return &records->data[records->len++];
}

void
_hb_test_records_trim (HbTestRecords *records)
{
  records->size = records->len;
  records->data = g_renew (HbTestRecord, records->data, records->size);
}

HbTestStrings *
_hb_test_store_get_strings (HbTestStore *self)
{
  return self->strings;
}

static OpenGroup *
open_top (HbTestStore *self)
{
  return self->open->len > 0 ? &g_array_index (self->open, OpenGroup, self->open->len - 1) : NULL;
}

static void
add_node (HbTestStore *self, const HbTestParsedNode *parsed)
{
  guint32 index = self->records.len;
  HbTestRecord r = {
    .id = parsed->id,
    .name = parsed->name,
    .folded = parsed->folded,
    .parent = parsed->parent,
    .subtree_end = index + 1,
    .duration = parsed->duration,
    .status = parsed->status,
    .kind = parsed->kind,
  };

  if (r.parent == HB_TEST_PARSER_NO_PARENT)
    {
      r.parent = HB_TEST_RECORD_NONE;
      g_array_append_val (self->roots, index);
      self->total_duration += r.duration;
    }
  else
    {
      OpenGroup *parent = open_top (self);

      /* The parser hands a group's close over before anything after its subtree. */
      g_return_if_fail (parent != NULL && parent->node == r.parent);
      g_array_append_val (parent->children, index);
      _hb_test_store_record (self, r.parent)->n_children++;
    }
  if (r.kind == HB_TEST_KIND_TEST)
    {
      self->n_tests++;
      if (r.status <= HB_TEST_STATUS_SKIPPED)
        self->n_by_status[r.status]++;
    }
  else
    {
      OpenGroup group = { index, g_array_new (FALSE, FALSE, sizeof (guint32)) };

      r.flags |= HB_TEST_RECORD_OPEN;
      r.children = self->open->len;
      r.subtree_end = G_MAXUINT32;
      g_array_append_val (self->open, group);
    }
  *_hb_test_records_append (&self->records) = r;
}

static void
close_group (HbTestStore *self, const HbTestParsedClose *close)
{
  OpenGroup *group = open_top (self);
  HbTestRecord *r;

  g_return_if_fail (group != NULL && group->node == close->node);
  r = _hb_test_store_record (self, close->node);
  r->flags &= ~HB_TEST_RECORD_OPEN;
  r->children = self->slots->len;
  r->subtree_end = close->subtree_end;
  g_array_append_vals (self->slots, group->children->data, group->children->len);
  g_array_unref (group->children);
  g_array_set_size (self->open, self->open->len - 1);
}

/* Tells each watched item what its group gained; forgets items that are gone and groups
 * that are whole. */
static void
tell_watchers (HbTestStore *self)
{
  for (guint i = self->watchers->len; i-- > 0;)
    {
      Watcher *watcher = g_ptr_array_index (self->watchers, i);
      g_autoptr (HbTestNode) item = g_weak_ref_get (&watcher->item);
      guint n = _hb_test_store_record (self, watcher->node)->n_children;

      if (item != NULL && n != watcher->n_told)
        _hb_test_node_children_added (item, watcher->n_told, n - watcher->n_told);
      watcher->n_told = n;
      if (item == NULL || hb_test_store_is_complete (self, watcher->node))
        g_ptr_array_remove_index_fast (self->watchers, i);
    }
}

static void
notify_counts (HbTestStore *self, guint n_tests_before, GTimeSpan duration_before)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NODES]);
  if (self->n_tests != n_tests_before)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TESTS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PASSED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
    }
  if (self->total_duration != duration_before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_DURATION]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_hb_test_store_add_batch (HbTestStore *self, HbTestBatch *batch)
{
  guint first = self->records.len;
  guint n_roots = self->roots->len;
  guint n_tests = self->n_tests;
  GTimeSpan duration = self->total_duration;
  guint next_close = 0;
  gboolean revealed;

  g_return_if_fail (HB_IS_TEST_STORE (self));
  g_return_if_fail (batch->first == first);

  for (guint i = 0; i < batch->nodes->len; i++)
    {
      /* A group closes before anything after its subtree is added. */
      while (next_close < batch->closes->len &&
             g_array_index (batch->closes, HbTestParsedClose, next_close).subtree_end <= first + i)
        close_group (self, &g_array_index (batch->closes, HbTestParsedClose, next_close++));
      add_node (self, &g_array_index (batch->nodes, HbTestParsedNode, i));
    }
  while (next_close < batch->closes->len)
    close_group (self, &g_array_index (batch->closes, HbTestParsedClose, next_close++));
  _hb_test_batch_free (batch);

  revealed = _hb_test_store_filter_added (self, first);

  if (self->roots->len > n_roots)
    g_list_model_items_changed (G_LIST_MODEL (self), n_roots, 0, self->roots->len - n_roots);
  tell_watchers (self);
  if (self->records.len > first)
    notify_counts (self, n_tests, duration);
  g_signal_emit (self, signals[NODES_ADDED], 0, first, self->records.len - first);
  if (revealed)
    g_signal_emit (self, signals[VISIBILITY_CHANGED], 0);
}

/* Nothing more will arrive: give back what growing kept in reserve. */
static void
trim (HbTestStore *self)
{
  GArray *slots;

  _hb_test_records_trim (&self->records);
  if (self->slots->len == 0)
    return;
  slots = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->slots->len);
  g_array_append_vals (slots, self->slots->data, self->slots->len);
  g_array_unref (self->slots);
  self->slots = slots;
}

void
_hb_test_store_finish (HbTestStore *self, const GError *error)
{
  g_return_if_fail (HB_IS_TEST_STORE (self));

  if (!self->loading)
    return;
  self->loading = FALSE;
  trim (self);
  if (error != NULL)
    {
      self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_hb_test_store_watch (HbTestStore *self, HbTestNode *node, guint index)
{
  Watcher *watcher;

  if (hb_test_store_is_complete (self, index))
    return;
  watcher = g_new0 (Watcher, 1);
  g_weak_ref_init (&watcher->item, node);
  watcher->node = index;
  watcher->n_told = _hb_test_store_record (self, index)->n_children;
  g_ptr_array_add (self->watchers, watcher);
}

/* -- reading */

gboolean
hb_test_store_get_loading (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), FALSE);
  return self->loading;
}

/** hb_test_store_get_error: Returns: (transfer none) (nullable): why loading stopped */
const GError *
hb_test_store_get_error (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), NULL);
  return self->error;
}

guint
hb_test_store_get_n_nodes (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->records.len;
}

guint
hb_test_store_get_n_tests (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->n_tests;
}

guint
hb_test_store_get_n_tests_with_status (HbTestStore *self, HbTestStatus status)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  g_return_val_if_fail (status <= HB_TEST_STATUS_SKIPPED, 0);
  return self->n_by_status[status];
}

/* The sum of the roots: a group's duration includes fixture time its children do not
 * account for, so summing leaves would undercount. */
GTimeSpan
hb_test_store_get_total_duration (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->total_duration;
}

/** hb_test_store_get_id: Returns: (transfer none): the node's id */
const char *
hb_test_store_get_id (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, _hb_test_store_record (self, node)->id);
}

/** hb_test_store_get_name: Returns: (transfer none): the node's name */
const char *
hb_test_store_get_name (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, _hb_test_store_record (self, node)->name);
}

/** hb_test_store_get_folded_name: Returns: (transfer none): g_utf8_casefold () of the name */
const char *
hb_test_store_get_folded_name (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, _hb_test_store_record (self, node)->folded);
}

HbTestStatus
hb_test_store_get_status (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, HB_TEST_STATUS_UNKNOWN);
  return (HbTestStatus) _hb_test_store_record (self, node)->status;
}

HbTestKind
hb_test_store_get_kind (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, HB_TEST_KIND_UNKNOWN);
  return (HbTestKind) _hb_test_store_record (self, node)->kind;
}

GTimeSpan
hb_test_store_get_duration (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, 0);
  return _hb_test_store_record (self, node)->duration;
}

guint
hb_test_store_get_parent (HbTestStore *self, guint node)
{
  guint32 parent;

  HB_TEST_STORE_CHECK_NODE (self, node, HB_TEST_STORE_NONE);
  parent = _hb_test_store_record (self, node)->parent;
  return parent == HB_TEST_RECORD_NONE ? HB_TEST_STORE_NONE : parent;
}

guint
hb_test_store_get_n_children (HbTestStore *self, guint node)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  if (node == HB_TEST_STORE_NONE)
    return self->roots->len;
  HB_TEST_STORE_CHECK_NODE (self, node, 0);
  return _hb_test_store_record (self, node)->n_children;
}

guint
hb_test_store_get_child (HbTestStore *self, guint node, guint position)
{
  HbTestRecord *r;

  g_return_val_if_fail (position < hb_test_store_get_n_children (self, node), HB_TEST_STORE_NONE);
  if (node == HB_TEST_STORE_NONE)
    return g_array_index (self->roots, guint32, position);
  r = _hb_test_store_record (self, node);
  if (r->flags & HB_TEST_RECORD_OPEN)
    return g_array_index (g_array_index (self->open, OpenGroup, r->children).children, guint32,
                          position);
  return g_array_index (self->slots, guint32, r->children + position);
}

guint
hb_test_store_get_subtree_end (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, 0);
  return MIN (_hb_test_store_record (self, node)->subtree_end, self->records.len);
}

gboolean
hb_test_store_is_complete (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, FALSE);
  return !(_hb_test_store_record (self, node)->flags & HB_TEST_RECORD_OPEN);
}

gboolean
hb_test_store_get_failed_below (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, FALSE);
  return (_hb_test_store_record (self, node)->flags & HB_TEST_RECORD_FAILED_BELOW) != 0;
}

/**
 * hb_test_store_get_node:
 *
 * Returns: (transfer full): a new row item for @node
 */
HbTestNode *
hb_test_store_get_node (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, NULL);
  return _hb_test_node_new_for_store (self, node);
}

gsize
hb_test_store_get_memory_size (HbTestStore *self)
{
  gsize size;

  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  size = sizeof *self + _hb_test_strings_get_size (self->strings);
  size += (gsize) self->records.size * sizeof (HbTestRecord);
  /* GArray rounds its size up to a power of two. */
  size +=
      (gsize) (g_bit_storage (self->slots->len) > 0 ? 1u << g_bit_storage (self->slots->len) : 0) *
      sizeof (guint32);
  size += (gsize) self->roots->len * sizeof (guint32);
  for (guint i = 0; i < self->open->len; i++)
    size += g_array_index (self->open, OpenGroup, i).children->len * sizeof (guint32);
  return size;
}
