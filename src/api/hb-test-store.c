/* hb-test-store.c: a build's test tree in flat arrays, filled as the body arrives, with the
 * filter's bits and the view's per-node state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-store-private.h"

#include <string.h>

#include "hb-api-enums.h"
#include "hb-test-filter-private.h"
#include "hb-test-record-private.h"

/* What a test costs here: one 48-byte record, 4 bytes in its parent's child list, its id,
 * and its name and folded name once per distinct name (the parser interns them). No
 * GObject exists for a node until a row asks for one.
 *
 * Records are in document order, so a parent comes before its descendants and a subtree
 * is one run: the filter needs only linear passes (see hb-test-filter.c). A group's
 * children are a run of `slots` once the group is whole; while they arrive they are on a
 * stack of open groups (as deep as the tree, never wider), because a group's children are
 * interleaved with their own descendants in the body. */

typedef struct
{
  guint32 node;
  GArray *children; /* guint32 */
} OpenGroup;

struct _HbTestStore
{
  GObject parent_instance;

  HbTestStrings *strings;
  HbTestRecords records;
  GArray *slots; /* guint32: the children of whole groups; trimmed like the records */
  GArray *roots; /* guint32 */
  GArray *open;  /* OpenGroup: the groups whose children are still arriving, outermost first */

  guint n_tests;
  guint n_by_status[HB_TEST_STATUS_SKIPPED + 1];
  GTimeSpan total_duration;
  gboolean loading;
  GError *error;

  HbTestFilter filter;
};

G_DEFINE_FINAL_TYPE (HbTestStore, hb_test_store, G_TYPE_OBJECT)

/* For the public functions taking a node number. */
#define CHECK_NODE(self, node, value)                                                              \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_return_val_if_fail (HB_IS_TEST_STORE (self), value);                                         \
    g_return_val_if_fail ((node) < (self)->records.len, value);                                    \
  }                                                                                                \
  G_STMT_END

static inline HbTestRecord *
record (HbTestStore *self, guint node)
{
  return &self->records.data[node];
}

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

/* -- GObject */

static void
hb_test_store_finalize (GObject *object)
{
  HbTestStore *self = HB_TEST_STORE (object);

  for (guint i = 0; i < self->open->len; i++)
    g_array_unref (g_array_index (self->open, OpenGroup, i).children);
  g_array_unref (self->open);
  g_free (self->records.data);
  g_array_unref (self->slots);
  g_array_unref (self->roots);
  _hb_test_strings_unref (self->strings);
  g_clear_error (&self->error);
  _hb_test_filter_clear (&self->filter);
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
   * After each batch, once the counts and the filter's bits include it.
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
  _hb_test_filter_init (&self->filter, &self->records, self->strings);
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
      record (self, r.parent)->n_children++;
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
  r = record (self, close->node);
  r->flags &= ~HB_TEST_RECORD_OPEN;
  r->children = self->slots->len;
  r->subtree_end = close->subtree_end;
  g_array_append_vals (self->slots, group->children->data, group->children->len);
  g_array_unref (group->children);
  g_array_set_size (self->open, self->open->len - 1);
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

  revealed = _hb_test_filter_added (&self->filter, first);

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
  CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, record (self, node)->id);
}

/** hb_test_store_get_name: Returns: (transfer none): the node's name */
const char *
hb_test_store_get_name (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, record (self, node)->name);
}

/** hb_test_store_get_folded_name: Returns: (transfer none): g_utf8_casefold () of the name */
const char *
hb_test_store_get_folded_name (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, NULL);
  return _hb_test_strings_get (self->strings, record (self, node)->folded);
}

HbTestStatus
hb_test_store_get_status (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, HB_TEST_STATUS_UNKNOWN);
  return (HbTestStatus) record (self, node)->status;
}

HbTestKind
hb_test_store_get_kind (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, HB_TEST_KIND_UNKNOWN);
  return (HbTestKind) record (self, node)->kind;
}

GTimeSpan
hb_test_store_get_duration (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, 0);
  return record (self, node)->duration;
}

guint
hb_test_store_get_parent (HbTestStore *self, guint node)
{
  guint32 parent;

  CHECK_NODE (self, node, HB_TEST_STORE_NONE);
  parent = record (self, node)->parent;
  return parent == HB_TEST_RECORD_NONE ? HB_TEST_STORE_NONE : parent;
}

guint
hb_test_store_get_n_children (HbTestStore *self, guint node)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  if (node == HB_TEST_STORE_NONE)
    return self->roots->len;
  CHECK_NODE (self, node, 0);
  return record (self, node)->n_children;
}

guint
hb_test_store_get_child (HbTestStore *self, guint node, guint position)
{
  HbTestRecord *r;

  g_return_val_if_fail (position < hb_test_store_get_n_children (self, node), HB_TEST_STORE_NONE);
  if (node == HB_TEST_STORE_NONE)
    return g_array_index (self->roots, guint32, position);
  r = record (self, node);
  if (r->flags & HB_TEST_RECORD_OPEN)
    return g_array_index (g_array_index (self->open, OpenGroup, r->children).children, guint32,
                          position);
  return g_array_index (self->slots, guint32, r->children + position);
}

guint
hb_test_store_get_subtree_end (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, 0);
  return MIN (record (self, node)->subtree_end, self->records.len);
}

gboolean
hb_test_store_is_complete (HbTestStore *self, guint node)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), FALSE);
  if (node == HB_TEST_STORE_NONE)
    return !self->loading;
  CHECK_NODE (self, node, FALSE);
  return !(record (self, node)->flags & HB_TEST_RECORD_OPEN);
}

gboolean
hb_test_store_get_failed_below (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, FALSE);
  return (record (self, node)->flags & HB_TEST_RECORD_FAILED_BELOW) != 0;
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

/* -- the filter (hb-test-filter.c) and the view's per-node state */

/**
 * hb_test_store_set_filter:
 * @failed_only: keep only failed nodes and the groups above them
 * @search: (nullable): keep only nodes whose name contains this text (case insensitive), the
 *   groups above them and everything below them
 *
 * Two linear passes; nodes that arrive later are brought in as they do.
 */
void
hb_test_store_set_filter (HbTestStore *self, gboolean failed_only, const char *search)
{
  g_return_if_fail (HB_IS_TEST_STORE (self));
  _hb_test_filter_set (&self->filter, failed_only, search);
}

/* Nodes kept by the current filter, groups included. */
guint
hb_test_store_get_n_visible (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->filter.n_visible;
}

guint
hb_test_store_get_filter_serial (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->filter.serial;
}

gboolean
hb_test_store_is_visible (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, FALSE);
  return (record (self, node)->flags & HB_TEST_RECORD_VISIBLE) != 0;
}

guint
hb_test_store_get_n_visible_children (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, 0);
  return record (self, node)->n_visible_children;
}

gboolean
hb_test_store_get_auto_expand (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, FALSE);
  return _hb_test_filter_get_auto_expand (&self->filter, node);
}

/* What the person last saw open, so a re-sort can restore it; while nodes arrive, groups
 * the filter comes to want open are marked as they do. */
gboolean
hb_test_store_get_expanded (HbTestStore *self, guint node)
{
  CHECK_NODE (self, node, FALSE);
  return (record (self, node)->flags & HB_TEST_RECORD_EXPANDED) != 0;
}

void
hb_test_store_set_expanded (HbTestStore *self, guint node, gboolean expanded)
{
  g_return_if_fail (HB_IS_TEST_STORE (self));
  g_return_if_fail (node < self->records.len);
  _hb_test_filter_set_expanded (&self->filter, node, expanded);
}

void
hb_test_store_reset_expanded (HbTestStore *self)
{
  g_return_if_fail (HB_IS_TEST_STORE (self));
  _hb_test_filter_reset_expanded (&self->filter);
}

/* Case-insensitive, from the folded names computed once while reading. */
int
hb_test_store_compare_names (HbTestStore *self, guint a, guint b)
{
  HbTestRecord *ra, *rb;
  int cmp;

  CHECK_NODE (self, a, 0);
  CHECK_NODE (self, b, 0);
  ra = record (self, a);
  rb = record (self, b);
  cmp = strcmp (_hb_test_strings_get (self->strings, ra->folded),
                _hb_test_strings_get (self->strings, rb->folded));
  if (cmp != 0)
    return cmp;
  return strcmp (_hb_test_strings_get (self->strings, ra->name),
                 _hb_test_strings_get (self->strings, rb->name));
}
