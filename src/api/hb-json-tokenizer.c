/* hb-json-tokenizer.c: a strict incremental JSON tokenizer (RFC 8259): bytes in, any
 * split, events out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-json-tokenizer-private.h"

#include <stdarg.h>
#include <string.h>

#include "hb-api-error.h"
#include "hb-json-private.h"

/* The whole state lives between calls, so a body may arrive split anywhere: in a string,
 * an escape, a UTF-8 sequence or a number. Nothing beyond RFC 8259 is taken but a leading
 * byte order mark (§8.1 allows ignoring one; json-glib does). Strings are checked as
 * RFC 3629 UTF-8 and decoded; "\\u0000" and unpaired surrogates are refused. Nesting stops
 * at HB_JSON_MAX_DEPTH, the body at HB_JSON_MAX_BYTES. */

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

struct _HbJsonTokenizer
{
  const HbJsonEvents *events;
  gpointer data;
  GError *error; /* sticky: the first error, for every later call */

  /* Where the current chunk starts, in the body, for messages. */
  gsize offset;
  const guchar *chunk;

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
};

HbJsonTokenizer *
_hb_json_tokenizer_new (const HbJsonEvents *events, gpointer data)
{
  HbJsonTokenizer *self = g_new0 (HbJsonTokenizer, 1);

  self->events = events;
  self->data = data;
  self->expect = EXPECT_START;
  self->text_size = 256;
  self->text = g_malloc (self->text_size);
  return self;
}

void
_hb_json_tokenizer_free (HbJsonTokenizer *self)
{
  g_clear_error (&self->error);
  g_free (self->text);
  g_free (self);
}

void
_hb_json_tokenizer_set_keep (HbJsonTokenizer *self, gboolean keep)
{
  self->keep = keep;
}

const GError *
_hb_json_tokenizer_get_error (HbJsonTokenizer *self)
{
  return self->error;
}

gsize
_hb_json_tokenizer_get_offset (HbJsonTokenizer *self)
{
  return self->offset;
}

gboolean
_hb_json_tokenizer_failv (HbJsonTokenizer *self, const char *format, va_list args)
{
  g_autofree char *message = NULL;

  if (self->error != NULL)
    return FALSE;
  message = g_strdup_vprintf (format, args);
  self->error =
      g_error_new (HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE, "Invalid response: %s", message);
  return FALSE;
}

gboolean
_hb_json_tokenizer_fail (HbJsonTokenizer *self, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  _hb_json_tokenizer_failv (self, format, args);
  va_end (args);
  return FALSE;
}

static gsize
position (HbJsonTokenizer *self, const guchar *at)
{
  return self->offset + (gsize) (at - self->chunk);
}

static gboolean
fail_at (HbJsonTokenizer *self, const guchar *at, const char *what)
{
  guchar c = *at;

  if (c >= 0x20 && c < 0x7f)
    return _hb_json_tokenizer_fail (self, "%s '%c' at byte %" G_GSIZE_FORMAT, what, c,
                                    position (self, at));
  return _hb_json_tokenizer_fail (self, "%s byte 0x%02x at byte %" G_GSIZE_FORMAT, what, c,
                                  position (self, at));
}

/* Bytes a string passes through untouched: printable ASCII but '"' and '\\'. */
/* clang-format off */
static const guint8 plain[256] = {
#define R8(v) v, v, v, v, v, v, v, v
  R8 (0), R8 (0), R8 (0), R8 (0),                                 /* 0x00-0x1f */
  1, 1, 0, 1, 1, 1, 1, 1, R8 (1), R8 (1), R8 (1),                 /* 0x20-0x3f: '"' */
  R8 (1), R8 (1), R8 (1), 1, 1, 1, 1, 0, 1, 1, 1,                 /* 0x40-0x5f: '\\' */
  R8 (1), R8 (1), R8 (1), R8 (1),                                 /* 0x60-0x7f */
  R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), /* 0x80-0xbf */
  R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), R8 (0), /* 0xc0-0xff */
#undef R8
};
/* clang-format on */

static void
text_append (HbJsonTokenizer *self, const void *bytes, gsize length)
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
text_append_code (HbJsonTokenizer *self, guint32 code)
{
  char utf8[6];

  text_append (self, utf8, (gsize) g_unichar_to_utf8 (code, utf8));
}

static void
after_value (HbJsonTokenizer *self)
{
  if (self->depth == 0)
    self->expect = EXPECT_END;
  else
    self->expect =
        self->containers[self->depth - 1] == '[' ? EXPECT_ARRAY_NEXT : EXPECT_OBJECT_NEXT;
}

static gboolean
open_container (HbJsonTokenizer *self, guchar kind)
{
  if (self->depth == HB_JSON_MAX_DEPTH)
    return _hb_json_tokenizer_fail (self, "nested deeper than %u levels", HB_JSON_MAX_DEPTH);
  if (!self->events->value_begins (self->data, (char) kind, self->depth))
    return FALSE;
  self->containers[self->depth++] = kind;
  self->expect = kind == '[' ? EXPECT_ARRAY_FIRST : EXPECT_OBJECT_FIRST;
  return TRUE;
}

static gboolean
close_container (HbJsonTokenizer *self)
{
  guchar kind = self->containers[--self->depth];

  after_value (self);
  return self->events->container_ends (self->data, (char) kind, self->depth);
}

static void
string_begins (HbJsonTokenizer *self, gboolean is_key)
{
  self->lexeme = LEX_STRING;
  self->is_key = is_key;
  self->text_len = 0;
}

static gboolean
string_ends (HbJsonTokenizer *self)
{
  gboolean is_key = self->is_key;

  self->lexeme = LEX_NONE;
  if (self->keep)
    self->text[self->text_len] = '\0';
  if (is_key)
    {
      self->expect = EXPECT_COLON;
      return self->events->key (self->data, self->text, self->text_len);
    }
  after_value (self);
  if (!self->keep)
    return TRUE;
  return self->events->string (self->data, self->text, self->text_len);
}

static gboolean
value_starts (HbJsonTokenizer *self, const guchar *p)
{
  switch (*p)
    {
    case '{':
    case '[':
      return open_container (self, *p);
    case '"':
      self->keep = FALSE;
      if (!self->events->value_begins (self->data, '"', self->depth))
        return FALSE;
      string_begins (self, FALSE);
      return TRUE;
    case 't':
    case 'f':
    case 'n':
      if (!self->events->value_begins (self->data, *p == 'n' ? 'n' : 't', self->depth))
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
      if (!self->events->value_begins (self->data, '0', self->depth))
        return FALSE;
      self->lexeme = LEX_NUMBER;
      self->number = *p == '-' ? NUM_MINUS : *p == '0' ? NUM_ZERO : NUM_INT;
      return TRUE;
    default:
      return fail_at (self, p, "unexpected");
    }
}

static gboolean
key_starts (HbJsonTokenizer *self, const guchar *p)
{
  if (*p != '"')
    return fail_at (self, p, "expected a member name, got");
  self->keep = TRUE;
  string_begins (self, TRUE);
  return TRUE;
}

/* One byte outside any token. */
static gboolean
structural (HbJsonTokenizer *self, const guchar *p)
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
utf8_lead (HbJsonTokenizer *self, const guchar *p)
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
utf8_continuation (HbJsonTokenizer *self, const guchar *p)
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
string_run (HbJsonTokenizer *self, const guchar *p, const guchar *end)
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
escape (HbJsonTokenizer *self, const guchar *p)
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
unicode_done (HbJsonTokenizer *self, const guchar *p)
{
  guint32 code = self->code;

  self->lexeme = LEX_STRING;
  if (self->high_surrogate != 0)
    {
      guint32 high = self->high_surrogate;

      self->high_surrogate = 0;
      if (code < 0xdc00 || code > 0xdfff)
        return _hb_json_tokenizer_fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT,
                                        high, position (self, p));
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
    return _hb_json_tokenizer_fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT,
                                    code, position (self, p));
  /* json-glib cuts a string at it; no AppHarbor value holds one. */
  if (code == 0)
    return _hb_json_tokenizer_fail (self, "\\u0000 escape in a string at byte %" G_GSIZE_FORMAT,
                                    position (self, p));
  text_append_code (self, code);
  return TRUE;
}

static gboolean
unicode_digit (HbJsonTokenizer *self, const guchar *p)
{
  int digit = g_ascii_xdigit_value ((char) *p);

  if (digit < 0)
    return fail_at (self, p, "expected a hex digit, got");
  self->code = self->code * 16 + (guint32) digit;
  return --self->hex_left > 0 ? TRUE : unicode_done (self, p);
}

static gboolean
low_surrogate_prefix (HbJsonTokenizer *self, const guchar *p)
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
    return _hb_json_tokenizer_fail (self, "unpaired surrogate \\u%04x at byte %" G_GSIZE_FORMAT,
                                    self->high_surrogate, position (self, p));
  return TRUE;
}

/* Returns FALSE with no error when the byte ends the number: the caller reads it again. */
static gboolean
number_byte (HbJsonTokenizer *self, guchar c, gboolean *consumed)
{
  NumberState s = self->number;

  *consumed = TRUE;
  if (g_ascii_isdigit (c))
    {
      if (s == NUM_ZERO)
        return _hb_json_tokenizer_fail (self, "a number with a leading zero");
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
    return _hb_json_tokenizer_fail (self, "an unfinished number");
  return TRUE;
}

static gboolean
literal_byte (HbJsonTokenizer *self, const guchar *p)
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
bom_byte (HbJsonTokenizer *self, const guchar *p)
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
step (HbJsonTokenizer *self, const guchar *p, const guchar *end)
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
_hb_json_tokenizer_feed (HbJsonTokenizer *self, const char *data, gsize length)
{
  const guchar *p = (const guchar *) data;
  gsize allowed = HB_JSON_MAX_BYTES - MIN (self->offset, HB_JSON_MAX_BYTES);
  const guchar *end = p + MIN (length, allowed);

  /* Up to the cap first, so a body says the same whatever its chunks. */
  self->chunk = p;
  while (p < end && self->error == NULL)
    p = step (self, p, end);
  if (self->error == NULL && length > allowed)
    _hb_json_tokenizer_fail (self, "body larger than %u bytes", HB_JSON_MAX_BYTES);
  self->offset += length;
  return self->error == NULL;
}

gboolean
_hb_json_tokenizer_finish (HbJsonTokenizer *self)
{
  /* A number at the very end is whole: only the body's own value can end there. */
  if (self->error == NULL && self->lexeme == LEX_NUMBER)
    {
      gboolean consumed;

      number_byte (self, ' ', &consumed);
    }
  if (self->error == NULL && self->expect == EXPECT_START && self->lexeme == LEX_NONE)
    _hb_json_tokenizer_fail (self, "empty body");
  else if (self->error == NULL && (self->expect != EXPECT_END || self->lexeme != LEX_NONE))
    _hb_json_tokenizer_fail (self, "the body ends early, after %" G_GSIZE_FORMAT " bytes",
                             self->offset);
  return self->error == NULL;
}
