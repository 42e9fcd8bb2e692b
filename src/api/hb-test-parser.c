/* hb-test-parser.c: a strict incremental reader of the tests tree (T1), bytes in,
 * batches of finished nodes out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-parser-private.h"

#include <stdarg.h>
#include <string.h>

#include "hb-api-error.h"
#include "hb-api-types.h"
#include "hb-json-private.h"
#include "hb-json-tokenizer-private.h"

/* The tests tree on top of hb-json-tokenizer.c, in one pass, so no byte is looked at twice.
 * It knows where it is from the nesting depth alone: the body is an array (depth 1), nodes
 * are objects at even depths, "tests" arrays at odd ones. A member it does not read is
 * skipped whatever it holds (liberal in what it takes), a member it reads is type-checked
 * as hb_test_node_new_from_json () does.
 *
 * Nodes are numbered when they begin, so numbering is pre-order. A node is handed over once
 * its five scalar members are known (usually before its children: servers write "tests"
 * last), always in order, so a reader never sees a child before its parent. */

#define FIRST_BATCH 32
#define MAX_BATCH 4096
#define MAX_FRAMES (HB_JSON_MAX_DEPTH / 2 + 1)
#define FIRST_INTERN_SLOTS 1024

typedef enum
{
  MEMBER_ID,
  MEMBER_NAME,
  MEMBER_STATUS,
  MEMBER_KIND,
  MEMBER_DURATION,
  MEMBER_TESTS,
  MEMBER_OTHER,
} Member;

#define HEADER_MEMBERS 0x1f /* id, name, status, kind, duration */

static const char *const member_names[] = { "id", "name", "status", "kind", "duration", "tests" };

/* A node being read. What the parser still needs after the node went out is kept here. */
typedef struct
{
  guint32 node;
  guint32 id; /* for messages */
  guint32 n_children;
  guint8 seen; /* a bit per Member */
  guint8 kind;
} Frame;

/* Names repeat (the same test in many fixtures): each distinct one is stored and case-folded
 * once. */
typedef struct
{
  guint32 hash;
  guint32 name;
  guint32 folded;
} InternSlot;

struct _HbTestParser
{
  HbTestStrings *strings;
  HbTestBatchFunc func;
  gpointer user_data;

  HbJsonTokenizer *tokenizer;

  /* The tests tree. */
  guint skip; /* > 0: inside a value nobody reads, this many containers deep */
  Member member;
  Frame frames[MAX_FRAMES];
  guint n_frames;
  GArray *pending; /* HbTestParsedNode, from `published` on */
  GArray *closes;  /* HbTestParsedClose not yet handed over */
  guint32 n_nodes; /* begun */
  guint32 ready;   /* [published, ready) are complete and may go */
  guint32 published;
  guint batch_limit;

  InternSlot *intern;
  guint intern_mask;
  guint intern_used;
};

void
_hb_test_batch_free (HbTestBatch *batch)
{
  g_clear_pointer (&batch->nodes, g_array_unref);
  g_clear_pointer (&batch->closes, g_array_unref);
  g_free (batch);
}

static gboolean on_value_begins (gpointer data, char kind, guint depth);
static gboolean on_container_ends (gpointer data, char kind, guint depth);
static gboolean on_key (gpointer data, const char *text, gsize length);
static gboolean on_string (gpointer data, const char *text, gsize length);

static const HbJsonEvents events = { on_value_begins, on_container_ends, on_key, on_string };

HbTestParser *
_hb_test_parser_new (HbTestStrings *strings, HbTestBatchFunc func, gpointer user_data)
{
  HbTestParser *self = g_new0 (HbTestParser, 1);

  self->strings = _hb_test_strings_ref (strings);
  self->func = func;
  self->user_data = user_data;
  self->tokenizer = _hb_json_tokenizer_new (&events, self);
  self->pending = g_array_sized_new (FALSE, FALSE, sizeof (HbTestParsedNode), FIRST_BATCH);
  self->closes = g_array_new (FALSE, FALSE, sizeof (HbTestParsedClose));
  self->batch_limit = FIRST_BATCH;
  self->intern_mask = FIRST_INTERN_SLOTS - 1;
  self->intern = g_new0 (InternSlot, FIRST_INTERN_SLOTS);
  return self;
}

void
_hb_test_parser_free (HbTestParser *self)
{
  g_clear_pointer (&self->strings, _hb_test_strings_unref);
  g_clear_pointer (&self->tokenizer, _hb_json_tokenizer_free);
  g_array_unref (self->pending);
  g_array_unref (self->closes);
  g_free (self->intern);
  g_free (self);
}

void
_hb_test_parser_set_batch_func (HbTestParser *self, HbTestBatchFunc func, gpointer user_data)
{
  self->func = func;
  self->user_data = user_data;
}

guint
_hb_test_parser_get_n_nodes (HbTestParser *self)
{
  return self->n_nodes;
}

/* -- errors */

static gboolean fail (HbTestParser *self, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (HbTestParser *self, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  _hb_json_tokenizer_failv (self->tokenizer, format, args);
  va_end (args);
  return FALSE;
}

/* The same words hb-json.c uses for a member of the wrong type. */
static gboolean
fail_member (HbTestParser *self, const char *member, const char *expected)
{
  return fail (self, "\"%s\" is not %s", member, expected);
}

/* -- handing nodes over */

static HbTestParsedNode *
pending_node (HbTestParser *self, guint32 node)
{
  return &g_array_index (self->pending, HbTestParsedNode, node - self->published);
}

static void
advance_ready (HbTestParser *self)
{
  while (self->ready < self->n_nodes && pending_node (self, self->ready)->complete)
    self->ready++;
}

static guint
n_ready_closes (HbTestParser *self)
{
  guint n = 0;

  while (n < self->closes->len &&
         g_array_index (self->closes, HbTestParsedClose, n).subtree_end <= self->ready)
    n++;
  return n;
}

static GArray *
take_front (GArray **array, guint n, gsize element_size)
{
  GArray *front;

  /* Usually everything goes: hand the array itself over. */
  if (n == (*array)->len)
    {
      front = *array;
      *array = g_array_sized_new (FALSE, FALSE, (guint) element_size, MIN (n, MAX_BATCH));
      return front;
    }
  front = g_array_sized_new (FALSE, FALSE, (guint) element_size, n);
  g_array_append_vals (front, (*array)->data, n);
  g_array_remove_range (*array, 0, n);
  return front;
}

void
_hb_test_parser_flush (HbTestParser *self)
{
  guint n_nodes = self->ready - self->published;
  guint n_closes = n_ready_closes (self);
  HbTestBatch *batch;

  if (_hb_json_tokenizer_get_error (self->tokenizer) != NULL || (n_nodes == 0 && n_closes == 0))
    return;
  batch = g_new0 (HbTestBatch, 1);
  batch->first = self->published;
  batch->nodes = take_front (&self->pending, n_nodes, sizeof (HbTestParsedNode));
  batch->closes = take_front (&self->closes, n_closes, sizeof (HbTestParsedClose));
  self->published = self->ready;
  /* Small batches first, so the first rows need only the first bytes; then larger ones, so
   * a big body costs few hand-overs. */
  self->batch_limit = MIN (self->batch_limit * 2, MAX_BATCH);
  self->func (batch, self->user_data);
}

static void
maybe_flush (HbTestParser *self)
{
  if (self->ready - self->published >= self->batch_limit)
    _hb_test_parser_flush (self);
}

/* -- strings of the tests tree */

static guint32
hash_text (const char *text, gsize length)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < length; i++)
    h = (h ^ (guchar) text[i]) * 16777619u;
  return h;
}

static gboolean
fold_name (HbTestParser *self, const char *text, gsize length, guint32 name, guint32 *folded)
{
  gboolean ascii = TRUE, upper = FALSE;
  g_autofree char *unicode = NULL;
  char *out;

  for (gsize i = 0; i < length; i++)
    {
      ascii = ascii && (guchar) text[i] < 0x80;
      upper = upper || g_ascii_isupper (text[i]);
    }
  /* For ASCII, case folding is lowering A-Z: the same bytes g_utf8_casefold () gives,
   * without its allocation. */
  if (ascii && !upper)
    {
      *folded = name;
      return TRUE;
    }
  if (ascii)
    {
      out = _hb_test_strings_reserve (self->strings, length, folded);
      if (out == NULL)
        return FALSE;
      for (gsize i = 0; i < length; i++)
        out[i] = g_ascii_tolower (text[i]);
      out[length] = '\0';
      return TRUE;
    }
  unicode = g_utf8_casefold (text, (gssize) length);
  *folded = _hb_test_strings_add (self->strings, unicode, strlen (unicode));
  return *folded != HB_TEST_STRINGS_NONE;
}

/* Slots hold refs + 1, so an all-zero slot is free. */
static void
intern_grow (HbTestParser *self)
{
  guint old_size = self->intern_mask + 1;
  InternSlot *old = self->intern;

  self->intern_mask = old_size * 2 - 1;
  self->intern = g_new0 (InternSlot, old_size * 2);
  for (guint i = 0; i < old_size; i++)
    {
      guint at = old[i].hash & self->intern_mask;

      if (old[i].name == 0)
        continue;
      while (self->intern[at].name != 0)
        at = (at + 1) & self->intern_mask;
      self->intern[at] = old[i];
    }
  g_free (old);
}

static gboolean
intern_name (HbTestParser *self, const char *text, gsize length, guint32 *name, guint32 *folded)
{
  guint32 hash = hash_text (text, length);
  guint at = hash & self->intern_mask;
  InternSlot *slot;

  for (slot = &self->intern[at]; slot->name != 0; slot = &self->intern[at])
    {
      const char *known = _hb_test_strings_get (self->strings, slot->name - 1);

      /* strncmp stops at the end of a shorter known name: memcmp could read past it. */
      if (slot->hash == hash && strncmp (known, text, length) == 0 && known[length] == '\0')
        {
          *name = slot->name - 1;
          *folded = slot->folded - 1;
          return TRUE;
        }
      at = (at + 1) & self->intern_mask;
    }
  *name = _hb_test_strings_add (self->strings, text, length);
  if (*name == HB_TEST_STRINGS_NONE || !fold_name (self, text, length, *name, folded))
    return fail (self, "more text than a body can hold");
  *slot = (InternSlot){ hash, *name + 1, *folded + 1 };
  if (++self->intern_used * 2 > self->intern_mask)
    intern_grow (self);
  return TRUE;
}

/* -- the tests tree: what each token means */

static Frame *
top_frame (HbTestParser *self)
{
  return &self->frames[self->n_frames - 1];
}

static const char *
frame_id (HbTestParser *self, Frame *frame)
{
  return frame->id != HB_TEST_STRINGS_NONE ? _hb_test_strings_get (self->strings, frame->id) : "";
}

static gboolean
fail_has_children (HbTestParser *self, Frame *frame)
{
  return fail (self, "test \"%s\" has children", frame_id (self, frame));
}

static gboolean
node_begins (HbTestParser *self)
{
  HbTestParsedNode node = { HB_TEST_STRINGS_NONE, HB_TEST_STRINGS_NONE, HB_TEST_STRINGS_NONE,
                            HB_TEST_PARSER_NO_PARENT };
  Frame *parent = self->n_frames > 0 ? top_frame (self) : NULL;

  if (parent != NULL)
    {
      if (parent->kind == HB_TEST_KIND_TEST)
        return fail_has_children (self, parent);
      parent->n_children++;
      node.parent = parent->node;
    }
  if (self->n_nodes == G_MAXUINT32 - 1)
    return fail (self, "too many tests");
  g_array_append_val (self->pending, node);
  self->frames[self->n_frames++] =
      (Frame){ self->n_nodes, HB_TEST_STRINGS_NONE, 0, 0, HB_TEST_KIND_UNKNOWN };
  self->n_nodes++;
  return TRUE;
}

/* Checked in the order hb_test_node_new_from_json () checks them. */
static gboolean
node_ends (HbTestParser *self)
{
  Frame frame = *top_frame (self);

  for (guint m = MEMBER_ID; m <= MEMBER_DURATION; m++)
    if (!(frame.seen & (1u << m)))
      return fail_member (self, member_names[m], "present");
  self->n_frames--;
  /* A Test has no children to wait for: only groups need to say they are whole. */
  if (frame.kind != HB_TEST_KIND_TEST)
    {
      HbTestParsedClose close = { frame.node, self->n_nodes };

      g_array_append_val (self->closes, close);
    }
  if (self->n_frames == 0)
    _hb_test_parser_flush (self); /* a top-level group is whole: show it now */
  else
    maybe_flush (self);
  return TRUE;
}

static Member
member_from_key (const char *key, gsize length)
{
  /* Every member name has a length of its own but "name" and "kind". */
  static const gint8 by_length[] = {
    -1, -1, MEMBER_ID, -1, MEMBER_NAME, MEMBER_TESTS, MEMBER_STATUS, -1, MEMBER_DURATION
  };
  Member m;

  if (length >= G_N_ELEMENTS (by_length) || by_length[length] < 0)
    return MEMBER_OTHER;
  m = (Member) by_length[length];
  if (m == MEMBER_NAME && key[0] == 'k')
    m = MEMBER_KIND;
  return memcmp (key, member_names[m], length) == 0 ? m : MEMBER_OTHER;
}

static gboolean
key_read (HbTestParser *self, const char *key, gsize length)
{
  Frame *frame;

  if (self->skip > 0)
    return TRUE;
  frame = top_frame (self);
  self->member = member_from_key (key, length);
  if (self->member == MEMBER_OTHER)
    return TRUE;
  /* json-glib would keep the last of two; but a node is shown before it ends, so a second
   * value could not change what is already on screen. RFC 7493 (I-JSON) refuses them too. */
  if (frame->seen & (1u << self->member))
    return fail (self, "\"%s\" appears twice in test \"%s\"", member_names[self->member],
                 frame_id (self, frame));
  frame->seen |= 1u << self->member;
  return TRUE;
}

static gboolean
header_member_read (HbTestParser *self, HbTestParsedNode *node, const char *text, gsize length)
{
  Frame *frame = top_frame (self);

  switch (self->member)
    {
    case MEMBER_ID:
      node->id = frame->id = _hb_test_strings_add (self->strings, text, length);
      if (node->id == HB_TEST_STRINGS_NONE)
        return fail (self, "more text than a body can hold");
      return TRUE;
    case MEMBER_NAME:
      return intern_name (self, text, length, &node->name, &node->folded);
    case MEMBER_STATUS:
      node->status = (guint8) _hb_test_status_from_string (text);
      return TRUE;
    case MEMBER_KIND:
      node->kind = frame->kind = (guint8) _hb_test_kind_from_string (text);
      if (frame->kind == HB_TEST_KIND_TEST && frame->n_children > 0)
        return fail_has_children (self, frame);
      return TRUE;
    case MEMBER_DURATION:
      if (!_hb_parse_timespan (text, &node->duration))
        return fail_member (self, "duration", "a TimeSpan");
      return TRUE;
    case MEMBER_TESTS:
    case MEMBER_OTHER:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
string_read (HbTestParser *self, const char *text, gsize length)
{
  Frame *frame;
  HbTestParsedNode *node;

  if (self->skip > 0 || self->member == MEMBER_OTHER)
    return TRUE;
  frame = top_frame (self);
  node = pending_node (self, frame->node);
  if (!header_member_read (self, node, text, length))
    return FALSE;
  if ((frame->seen & HEADER_MEMBERS) == HEADER_MEMBERS)
    {
      node->complete = TRUE;
      advance_ready (self);
      maybe_flush (self);
    }
  return TRUE;
}

/* @kind is the value's first byte class: '{', '[', '"', '0' (a number), 't' (true or
 * false) or 'n' (null). Types are checked here, before the value is read. */
static gboolean
member_value_begins (HbTestParser *self, char kind)
{
  switch (self->member)
    {
    case MEMBER_TESTS:
      if (kind == '[' || kind == 'n')
        return TRUE;
      return fail_member (self, "tests", "an array");
    case MEMBER_OTHER:
      if (kind == '{' || kind == '[')
        self->skip = 1;
      return TRUE;
    case MEMBER_ID:
    case MEMBER_NAME:
    case MEMBER_STATUS:
    case MEMBER_KIND:
    case MEMBER_DURATION:
    default:
      if (kind == '"')
        {
          _hb_json_tokenizer_set_keep (self->tokenizer, TRUE);
          return TRUE;
        }
      return fail_member (self, member_names[self->member],
                          kind == 'n' ? "a string (null)" : "a string");
    }
}

/* -- the tokenizer's events */

/* Before the tokenizer enters the value: @depth is the container's. */
static gboolean
on_value_begins (gpointer data, char kind, guint depth)
{
  HbTestParser *self = data;

  if (self->skip > 0)
    {
      if (kind == '{' || kind == '[')
        self->skip++;
      return TRUE;
    }
  if (depth == 0)
    return kind == '[' ? TRUE : fail_member (self, "response", "an array");
  if (depth % 2 == 1)
    return kind == '{' ? node_begins (self) : fail_member (self, "test", "an object");
  return member_value_begins (self, kind);
}

/* After the tokenizer left the container. */
static gboolean
on_container_ends (gpointer data, char kind, guint depth)
{
  HbTestParser *self = data;

  if (self->skip > 0)
    {
      self->skip--;
      return TRUE;
    }
  return kind == '{' ? node_ends (self) : TRUE;
}

static gboolean
on_key (gpointer data, const char *text, gsize length)
{
  return key_read (data, text, length);
}

static gboolean
on_string (gpointer data, const char *text, gsize length)
{
  return string_read (data, text, length);
}

/* -- feeding */

static gboolean
propagate (HbTestParser *self, GError **error)
{
  g_propagate_error (error, g_error_copy (_hb_json_tokenizer_get_error (self->tokenizer)));
  return FALSE;
}

gboolean
_hb_test_parser_feed (HbTestParser *self, const char *data, gsize length, GError **error)
{
  if (!_hb_json_tokenizer_feed (self->tokenizer, data, length))
    return propagate (self, error);
  return TRUE;
}

gboolean
_hb_test_parser_finish (HbTestParser *self, GError **error)
{
  if (!_hb_json_tokenizer_finish (self->tokenizer))
    return propagate (self, error);
  _hb_test_parser_flush (self);
  return TRUE;
}
