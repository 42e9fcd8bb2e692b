/* hb-json-tokenizer-private.h: a strict incremental JSON tokenizer (RFC 8259): bytes in, any
 * split, events out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdarg.h>

G_BEGIN_DECLS

typedef struct _HbJsonTokenizer HbJsonTokenizer;

/* What the reader on top is told. A handler returns FALSE to stop, after
 * _hb_json_tokenizer_fail () said why. */
typedef struct
{
  /* A value begins, inside @depth containers; @kind is its first byte's class: '{', '[',
   * '"' (a string: call _hb_json_tokenizer_set_keep () to be given its text), '0' (a
   * number), 't' (true or false) or 'n' (null). Types are checked here, before the value
   * is read. */
  gboolean (*value_begins) (gpointer data, char kind, guint depth);
  /* A container ('[' or '{') ended; @depth is what is left around it. */
  gboolean (*container_ends) (gpointer data, char kind, guint depth);
  /* A member name, decoded, NUL-terminated. */
  gboolean (*key) (gpointer data, const char *text, gsize length);
  /* A string value that was asked for, decoded, NUL-terminated (no NUL inside). */
  gboolean (*string) (gpointer data, const char *text, gsize length);
} HbJsonEvents;

HbJsonTokenizer *_hb_json_tokenizer_new (const HbJsonEvents *events, gpointer data);
void _hb_json_tokenizer_free (HbJsonTokenizer *self);

/* FALSE once the body is refused (see get_error); any split of a body gives the same events
 * and the same verdict, in the same words. */
gboolean _hb_json_tokenizer_feed (HbJsonTokenizer *self, const char *data, gsize length);
/* The body ended: FALSE unless it was one whole value. */
gboolean _hb_json_tokenizer_finish (HbJsonTokenizer *self);

/* From value_begins: whether the string beginning is wanted (not copied otherwise). */
void _hb_json_tokenizer_set_keep (HbJsonTokenizer *self, gboolean keep);
/* Refuses the body (HB_API_ERROR_INVALID_RESPONSE, "Invalid response: …"); the first
 * error sticks. Returns FALSE. */
gboolean _hb_json_tokenizer_fail (HbJsonTokenizer *self, const char *format, ...)
    G_GNUC_PRINTF (2, 3);
gboolean _hb_json_tokenizer_failv (HbJsonTokenizer *self, const char *format, va_list args)
    G_GNUC_PRINTF (2, 0);
const GError *_hb_json_tokenizer_get_error (HbJsonTokenizer *self);
/* Bytes fed so far. */
gsize _hb_json_tokenizer_get_offset (HbJsonTokenizer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbJsonTokenizer, _hb_json_tokenizer_free)

G_END_DECLS
