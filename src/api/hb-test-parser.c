/* hb-test-parser.c: a strict incremental reader of the tests tree (T1), bytes in,
 * batches of finished nodes out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-parser-private.h"

#include <stdarg.h>
#include <string.h>

#include "hb-api-error.h"
#include "hb-api-types.h"
#include "hb-json-private.h"

/* Two layers in one pass, so no byte is looked at twice:
 *
 * - a JSON tokenizer (RFC 8259, nothing more) that keeps its whole state between calls, so a
 *   body may arrive split anywhere: in a string, an escape, a UTF-8 sequence or a number;
 * - the tests tree on top of it, which knows where it is from the nesting depth alone: the
 *   body is an array (depth 1), nodes are objects at even depths, "tests" arrays at odd
 *   ones. A member it does not read is skipped whatever it holds (liberal in what it takes),
 *   a member it reads is type-checked as hb_test_node_new_from_json () does.
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
  EXPECT_START,        /* the body's value, after an optional byte order mark */
  EXPECT_VALUE,        /* after ':' or an array's ',' */
  EXPECT_ARRAY_FIRST,  /* a value or ']' */
  EXPECT_ARRAY_NEXT,   /* ',' or ']' */
  EXPECT_OBJECT_FIRST, /* a member name or '}' */
  EXPECT_OBJECT_KEY,   /* a member name */
  EXPECT_COLON,
  EXPECT_OBJECT_NEXT, /* ',' or '}' */
  EXPECT_END,         /* nothing but white space */
} Expect;

typedef enum
{
  LEX_NONE,
  LEX_BOM,
  LEX_STRING,
  LEX_ESCAPE,
  LEX_UNICODE,   /* the four hex digits of \u */
  LEX_LOW_SLASH, /* the backslash of a low surrogate's \u */
  LEX_LOW_U,     /* its u */
  LEX_UTF8,      /* continuation bytes of a multi-byte character */
  LEX_NUMBER,
  LEX_LITERAL,
} Lexeme;

typedef enum
{
  NUM_MINUS,    /* after '-': a digit must follow */
  NUM_ZERO,     /* a lone leading 0 */
  NUM_INT,      /* 1-9 and more digits */
  NUM_POINT,    /* after '.': a digit must follow */
  NUM_FRACTION, /* digits after the point */
  NUM_EXP_MARK, /* after e/E: a sign or a digit */
  NUM_EXP_SIGN, /* after the exponent's sign: a digit */
  NUM_EXPONENT, /* exponent digits */
} NumberState;

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
  GError *error; /* sticky: the first error, for every later call */

  /* Where the current chunk starts, in the body, for messages. */
  gsize offset;
  const guchar *chunk;

  /* The tokenizer. */
  guint8 containers[HB_JSON_MAX_DEPTH]; /* '[' or '{' */
  guint depth;
  Expect expect;
  Lexeme lexeme;
  NumberState number;
  gboolean is_key;
  gboolean keep; /* the current string's text is wanted */
  char *text;
  gsize text_len;
  gsize text_size;
  guint32 code;
  guint32 high_surrogate; /* 0: none */
  guint8 hex_left;
  guint8 utf8_left;
  guint8 utf8_lo; /* the next continuation byte's range (RFC 3629's table) */
  guint8 utf8_hi;
  const char *literal;
  guint8 literal_pos;

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

HbTestParser *
_hb_test_parser_new (HbTestStrings *strings, HbTestBatchFunc func, gpointer user_data)
{
  HbTestParser *self = g_new0 (HbTestParser, 1);

  self->strings = _hb_test_strings_ref (strings);
  self->func = func;
  self->user_data = user_data;
  self->expect = EXPECT_START;
  self->text_size = 256;
  self->text = g_malloc (self->text_size);
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
  g_clear_error (&self->error);
  g_free (self->text);
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

static gboolean G_GNUC_PRINTF (2, 3) fail (HbTestParser *self, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (self->error != NULL)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  self->error =
      g_error_new (HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE, "Invalid response: %s", message);
  return FALSE;
}

static gsize
position (HbTestParser *self, const guchar *at)
{
  return self->offset + (gsize) (at - self->chunk);
}

static gboolean
fail_at (HbTestParser *self, const guchar *at, const char *what)
{
  guchar c = *at;

  if (c >= 0x20 && c < 0x7f)
    return fail (self, "%s '%c' at byte %" G_GSIZE_FORMAT, what, c, position (self, at));
  return fail (self, "%s byte 0x%02x at byte %" G_GSIZE_FORMAT, what, c, position (self, at));
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

  if (self->error != NULL || (n_nodes == 0 && n_closes == 0))
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

      if (slot->hash == hash && memcmp (known, text, length) == 0 && known[length] == '\0')
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
      self->keep = FALSE;
      return TRUE;
    case MEMBER_ID:
    case MEMBER_NAME:
    case MEMBER_STATUS:
    case MEMBER_KIND:
    case MEMBER_DURATION:
    default:
      if (kind == '"')
        {
          self->keep = TRUE;
          return TRUE;
        }
      return fail_member (self, member_names[self->member],
                          kind == 'n' ? "a string (null)" : "a string");
    }
}

/* Called before the tokenizer enters the value, so self->depth is the container's. */
static gboolean
value_begins (HbTestParser *self, char kind)
{
  if (self->skip > 0)
    {
      if (kind == '{' || kind == '[')
        self->skip++;
      self->keep = FALSE;
      return TRUE;
    }
  if (self->depth == 0)
    return kind == '[' ? TRUE : fail_member (self, "response", "an array");
  if (self->depth % 2 == 1)
    return kind == '{' ? node_begins (self) : fail_member (self, "test", "an object");
  return member_value_begins (self, kind);
}

/* Called after the tokenizer left the container (@kind '[' or '{'). */
static gboolean
container_ends (HbTestParser *self, guchar kind)
{
  if (self->skip > 0)
    {
      self->skip--;
      return TRUE;
    }
  return kind == '{' ? node_ends (self) : TRUE;
}

/* -- the tokenizer */

/* Bytes a string passes through untouched: printable ASCII but '"' and '\\'. */
static const guint8 plain[256] = {
#define R8(v) v, v, v, v, v, v, v, v
  R8 (0), R8 (0), R8 (0), R8 (0), /* 0x00-0x1f */
  1,      1,      0,      1,      1,      1,      1,      1,
  R8 (1), R8 (1), R8 (1), /* 0x20-0x3f: '"' */
  R8 (1), R8 (1), R8 (1), 1,      1,      1,      1,      0,
  1,      1,      1,                                              /* 0x40-0x5f: '\\' */
  R8 (1), R8 (1), R8 (1), R8 (1),                                 /* 0x60-0x7f */
  R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), /* 0x80-0xbf */
  R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), /* 0xc0-0xff */
#undef R8
};

static void
text_append (HbTestParser *self, const void *bytes, gsize length)
{
  if (!self->keep || length == 0)
    return;
  if (self->text_len + length + 1 > self->text_size)
    {
      while (self->text_len + length + 1 > self->text_size)
        self->text_size *= 2;
      self->text = g_realloc (self->text, self->text_size);
    }
  memcpy (self->text + self->text_len, bytes, length);
  self->text_len += length;
}

static void
text_append_code (HbTestParser *self, guint32 code)
{
  char utf8[6];

  text_append (self, utf8, (gsize) g_unichar_to_utf8 (code, utf8));
}

static void
after_value (HbTestParser *self)
{
  if (self->depth == 0)
    self->expect = EXPECT_END;
  else
    self->expect =
        self->containers[self->depth - 1] == '[' ? EXPECT_ARRAY_NEXT : EXPECT_OBJECT_NEXT;
}

static gboolean
open_container (HbTestParser *self, guchar kind)
{
  if (self->depth == HB_JSON_MAX_DEPTH)
    return fail (self, "nested deeper than %u levels", HB_JSON_MAX_DEPTH);
  if (!value_begins (self, (char) kind))
    return FALSE;
  self->containers[self->depth++] = kind;
  self->expect = kind == '[' ? EXPECT_ARRAY_FIRST : EXPECT_OBJECT_FIRST;
  return TRUE;
}

static gboolean
close_container (HbTestParser *self)
{
  guchar kind = self->containers[--self->depth];

  after_value (self);
  return container_ends (self, kind);
}

static void
string_begins (HbTestParser *self, gboolean is_key)
{
  self->lexeme = LEX_STRING;
  self->is_key = is_key;
  self->text_len = 0;
}

static gboolean
string_ends (HbTestParser *self)
{
  gboolean is_key = self->is_key;

  self->lexeme = LEX_NONE;
  if (self->keep)
    self->text[self->text_len] = '\0';
  if (is_key)
    {
      self->expect = EXPECT_COLON;
      return key_read (self, self->text, self->text_len);
    }
  after_value (self);
  return string_read (self, self->text, self->text_len);
}

static gboolean
value_starts (HbTestParser *self, const guchar *p)
{
  switch (*p)
    {
    case '{':
    case '[':
      return open_container (self, *p);
    case '"':
      if (!value_begins (self, '"'))
        return FALSE;
      string_begins (self, FALSE);
      return TRUE;
    case 't':
    case 'f':
    case 'n':
      if (!value_begins (self, *p == 'n' ? 'n' : 't'))
        return FALSE;
      self->lexeme = LEX_LITERAL;
      self->literal = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
      self->literal_pos = 1;
      return TRUE;
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      if (!value_begins (self, '0'))
        return FALSE;
      self->lexeme = LEX_NUMBER;
      self->number = *p == '-' ? NUM_MINUS : *p == '0' ? NUM_ZERO : NUM_INT;
      return TRUE;
    default:
      return fail_at (self, p, "unexpected");
    }
}

static gboolean
key_starts (HbTestParser *self, const guchar *p)
{
  if (*p != '"')
    return fail_at (self, p, "expected a member name, got");
  /* Only a node's own member names are read. */
  self->keep = self->skip == 0;
  string_begins (self, TRUE);
  return TRUE;
}

/* One byte outside any token. */
static gboolean
structural (HbTestParser *self, const guchar *p)
{
  guchar c = *p;

  switch (self->expect)
    {
    case EXPECT_START:
      if (c == 0xef && position (self, p) == 0)
        {
          /* RFC 8259 §8.1 lets a parser ignore a byte order mark; json-glib does. */
          self->lexeme = LEX_BOM;
          self->literal_pos = 1;
          return TRUE;
        }
      return value_starts (self, p);
    case EXPECT_VALUE:
      return value_starts (self, p);
    case EXPECT_ARRAY_FIRST:
      return c == ']' ? close_container (self) : value_starts (self, p);
    case EXPECT_ARRAY_NEXT:
      if (c == ',')
        self->expect = EXPECT_VALUE;
      else if (c == ']')
        return close_container (self);
      else
        return fail_at (self, p, "expected ',' or ']', got");
      return TRUE;
    case EXPECT_OBJECT_FIRST:
      return c == '}' ? close_container (self) : key_starts (self, p);
    case EXPECT_OBJECT_KEY:
      return key_starts (self, p);
    case EXPECT_COLON:
      if (c != ':')
        return fail_at (self, p, "expected ':', got");
      self->expect = EXPECT_VALUE;
      return TRUE;
    case EXPECT_OBJECT_NEXT:
      if (c == ',')
        self->expect = EXPECT_OBJECT_KEY;
      else if (c == '}')
        return close_container (self);
      else
        return fail_at (self, p, "expected ',' or '}', got");
      return TRUE;
    case EXPECT_END:
    default:
      return fail_at (self, p, "content after the body:");
    }
}

/* RFC 3629: the lead byte says how many continuation bytes follow, and the range the
 * first of them must be in (no overlong forms, no surrogates, nothing above U+10FFFF). */
static gboolean
utf8_lead (HbTestParser *self, const guchar *p)
{
  guchar c = *p;

  self->utf8_lo = 0x80;
  self->utf8_hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf)
    self->utf8_left = 1;
  else if (c >= 0xe0 && c <= 0xef)
    {
      self->utf8_left = 2;
      if (c == 0xe0)
        self->utf8_lo = 0xa0;
      else if (c == 0xed)
        self->utf8_hi = 0x9f;
    }
  else if (c >= 0xf0 && c <= 0xf4)
    {
      self->utf8_left = 3;
      if (c == 0xf0)
        self->utf8_lo = 0x90;
      else if (c == 0xf4)
        self->utf8_hi = 0x8f;
    }
  else
    return fail_at (self, p, "text is not UTF-8:");
  text_append (self, p, 1);
  self->lexeme = LEX_UTF8;
  return TRUE;
}

static gboolean
utf8_continuation (HbTestParser *self, const guchar *p)
{
  if (*p < self->utf8_lo || *p > self->utf8_hi)
    return fail_at (self, p, "text is not UTF-8:");
  text_append (self, p, 1);
  self->utf8_lo = 0x80;
  self->utf8_hi = 0xbf;
  if (--self->utf8_left == 0)
    self->lexeme = LEX_STRING;
  return TRUE;
}

#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Non-zero when one of the eight bytes is not plain: '"', '\\', below 0x20 or above
 * 0x7f (it may also flag a plain byte after one that is not, never miss one). */
static inline guint64
word_needs_care (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 slash = w ^ (ONES * '\\');

  return ((quote - ONES) & ~quote) | ((slash - ONES) & ~slash) | ((w - ONES * 0x20) & ~w) |
         (w & HIGHS);
}

/* Skips plain bytes eight at a time: names and ids are most of a body. */
static const guchar *
skip_plain (const guchar *p, const guchar *end)
{
  while (end - p >= 8)
    {
      guint64 w;

      memcpy (&w, p, 8);
      if (word_needs_care (w) & HIGHS)
        break;
      p += 8;
    }
  while (p < end && plain[*p])
    p++;
  return p;
}

/* The string's body up to its end, an escape or a byte that needs a closer look. */
static const guchar *
string_run (HbTestParser *self, const guchar *p, const guchar *end)
{
  const guchar *start = p;

  p = skip_plain (p, end);
  text_append (self, start, (gsize) (p - start));
  if (p == end)
    return p;
  if (*p == '"')
    string_ends (self);
  else if (*p == '\\')
    self->lexeme = LEX_ESCAPE;
  else if (*p < 0x20)
    fail_at (self, p, "control character in a string:");
  else
    utf8_lead (self, p);
  return p + 1;
}

static gboolean
escape (HbTestParser *self, const guchar *p)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  const char *found = *p != '\0' ? strchr (from, *p) : NULL;

  if (*p == 'u')
    {
      self->lexeme = LEX_UNICODE;
      self->hex_left = 4;
      self->code = 0;
      return TRUE;
    }
  if (found == NULL)
    return fail_at (self, p, "invalid escape");
  text_append (self, &to[found - from], 1);
  self->lexeme = LEX_STRING;
  return TRUE;
}

static gboolean
unicode_done (HbTestParser *self, const guchar *p)
{
  guint32 code = self->code;

  self->lexeme = LEX_STRING;
  if (self->high_surrogate != 0)
    {
      guint32 high = self->high_surrogate;

      self->high_surrogate = 0;
      if (code < 0xdc00 || code > 0xdfff)
        return fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT, high,
                     position (self, p));
      text_append_code (self, 0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00));
      return TRUE;
    }
  if (code >= 0xd800 && code <= 0xdbff)
    {
      self->high_surrogate = code;
      self->lexeme = LEX_LOW_SLASH;
      return TRUE;
    }
  if (code >= 0xdc00 && code <= 0xdfff)
    return fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT, code,
                 position (self, p));
  /* json-glib cuts a string at it; no AppHarbor value holds one. */
  if (code == 0)
    return fail (self, "\\u0000 escape in a string at byte %" G_GSIZE_FORMAT, position (self, p));
  text_append_code (self, code);
  return TRUE;
}

static gboolean
unicode_digit (HbTestParser *self, const guchar *p)
{
  int digit = g_ascii_xdigit_value ((char) *p);

  if (digit < 0)
    return fail_at (self, p, "expected a hex digit, got");
  self->code = self->code * 16 + (guint32) digit;
  return --self->hex_left > 0 ? TRUE : unicode_done (self, p);
}

static gboolean
low_surrogate_prefix (HbTestParser *self, const guchar *p)
{
  if (self->lexeme == LEX_LOW_SLASH && *p == '\\')
    self->lexeme = LEX_LOW_U;
  else if (self->lexeme == LEX_LOW_U && *p == 'u')
    {
      self->lexeme = LEX_UNICODE;
      self->hex_left = 4;
      self->code = 0;
    }
  else
    return fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT, self->high_surrogate,
                 position (self, p));
  return TRUE;
}

static gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

/* Returns FALSE with no error when the byte ends the number: the caller reads it again. */
static gboolean
number_byte (HbTestParser *self, guchar c, gboolean *consumed)
{
  NumberState s = self->number;

  *consumed = TRUE;
  if (is_digit (c))
    {
      if (s == NUM_ZERO)
        return fail (self, "a number with a leading zero");
      self->number = s == NUM_MINUS                           ? (c == '0' ? NUM_ZERO : NUM_INT)
                     : s == NUM_POINT                         ? NUM_FRACTION
                     : s == NUM_EXP_MARK || s == NUM_EXP_SIGN ? NUM_EXPONENT
                                                              : s;
      return TRUE;
    }
  if (c == '.' && (s == NUM_ZERO || s == NUM_INT))
    self->number = NUM_POINT;
  else if ((c == 'e' || c == 'E') && (s == NUM_ZERO || s == NUM_INT || s == NUM_FRACTION))
    self->number = NUM_EXP_MARK;
  else if ((c == '+' || c == '-') && s == NUM_EXP_MARK)
    self->number = NUM_EXP_SIGN;
  else if (s == NUM_ZERO || s == NUM_INT || s == NUM_FRACTION || s == NUM_EXPONENT)
    {
      *consumed = FALSE;
      self->lexeme = LEX_NONE;
      after_value (self);
    }
  else
    return fail (self, "an unfinished number");
  return TRUE;
}

static gboolean
literal_byte (HbTestParser *self, const guchar *p)
{
  if (*p != (guchar) self->literal[self->literal_pos])
    return fail_at (self, p, "unexpected");
  if (self->literal[++self->literal_pos] == '\0')
    {
      self->lexeme = LEX_NONE;
      after_value (self);
    }
  return TRUE;
}

static gboolean
bom_byte (HbTestParser *self, const guchar *p)
{
  static const guchar bom[] = { 0xef, 0xbb, 0xbf };

  if (*p != bom[self->literal_pos])
    return fail_at (self, p, "text is not UTF-8:");
  if (++self->literal_pos == sizeof bom)
    self->lexeme = LEX_NONE;
  return TRUE;
}

static gboolean
is_space (guchar c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Reads one byte, or a run of a string; returns where to go on. */
static const guchar *
step (HbTestParser *self, const guchar *p, const guchar *end)
{
  gboolean ok = TRUE, consumed = TRUE;

  switch (self->lexeme)
    {
    case LEX_NONE:
      if (!is_space (*p))
        ok = structural (self, p);
      break;
    case LEX_STRING:
      return string_run (self, p, end);
    case LEX_ESCAPE:
      ok = escape (self, p);
      break;
    case LEX_UNICODE:
      ok = unicode_digit (self, p);
      break;
    case LEX_LOW_SLASH:
    case LEX_LOW_U:
      ok = low_surrogate_prefix (self, p);
      break;
    case LEX_UTF8:
      ok = utf8_continuation (self, p);
      break;
    case LEX_NUMBER:
      ok = number_byte (self, *p, &consumed);
      break;
    case LEX_LITERAL:
      ok = literal_byte (self, p);
      break;
    case LEX_BOM:
      ok = bom_byte (self, p);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return end;
  return consumed ? p + 1 : p;
}

gboolean
_hb_test_parser_feed (HbTestParser *self, const char *data, gsize length, GError **error)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + length;

  if (self->error == NULL && length > HB_JSON_MAX_BYTES - self->offset)
    fail (self, "body larger than %u bytes", HB_JSON_MAX_BYTES);
  self->chunk = p;
  while (p < end && self->error == NULL)
    p = step (self, p, end);
  self->offset += length;
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}

gboolean
_hb_test_parser_finish (HbTestParser *self, GError **error)
{
  /* A number at the very end is whole: only the body's own value can end there. */
  if (self->error == NULL && self->lexeme == LEX_NUMBER)
    {
      gboolean consumed;

      number_byte (self, ' ', &consumed);
    }
  if (self->error == NULL && self->expect == EXPECT_START && self->lexeme == LEX_NONE)
    fail (self, "empty body");
  else if (self->error == NULL && (self->expect != EXPECT_END || self->lexeme != LEX_NONE))
    fail (self, "the body ends early, after %" G_GSIZE_FORMAT " bytes", self->offset);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  _hb_test_parser_flush (self);
  return TRUE;
}
