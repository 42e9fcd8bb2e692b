/* hb-test-strings-private.h: an append-only string arena shared by a test parser and its store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strings are addressed by a 32-bit reference (block << 20 | offset) instead of a pointer,
 * which halves what each test record spends on its three strings. Blocks never move, so a
 * string stays where it is for the arena's whole life: borrowed getters can hand it out,
 * and one thread may append while another reads the strings it was told about (the hand-over
 * of the references is what orders the two). */
typedef struct _HbTestStrings HbTestStrings;

#define HB_TEST_STRINGS_NONE G_MAXUINT32

HbTestStrings *_hb_test_strings_new (void);
HbTestStrings *_hb_test_strings_ref (HbTestStrings *self);
void _hb_test_strings_unref (HbTestStrings *self);

/* Writer side (one thread). Copies @length bytes and a NUL; returns HB_TEST_STRINGS_NONE
 * only when the arena is full (more than a 64 MiB body can fill). */
guint32 _hb_test_strings_add (HbTestStrings *self, const char *text, gsize length);
/* Reserves @length + 1 bytes and returns where to write them; _hb_test_strings_add is this
 * plus a copy. */
char *_hb_test_strings_reserve (HbTestStrings *self, gsize length, guint32 *ref);

/* Reader side: @ref must have been handed over by the writer. */
static inline const char *_hb_test_strings_get (HbTestStrings *self, guint32 ref);

/* Bytes the blocks hold, for the benchmarks. */
gsize _hb_test_strings_get_size (HbTestStrings *self);

/* -- inline lookup: in the hot path of sorting and searching */

#define HB_TEST_STRINGS_OFFSET_BITS 20
#define HB_TEST_STRINGS_MAX_BLOCKS (1u << (32 - HB_TEST_STRINGS_OFFSET_BITS))
#define HB_TEST_STRINGS_TABLE_SPAN 64

struct _HbTestStrings
{
  /* Two levels, so a small store does not pay for the table of a large one; neither
   * level ever moves once a reader may see it. */
  char **tables[HB_TEST_STRINGS_MAX_BLOCKS / HB_TEST_STRINGS_TABLE_SPAN];
  guint n_blocks;
  gsize block_size; /* of the current block */
  gsize used;       /* in the current block */
  gsize total;
  gint ref_count;
};

static inline const char *
_hb_test_strings_get (HbTestStrings *self, guint32 ref)
{
  guint block = ref >> HB_TEST_STRINGS_OFFSET_BITS;

  return self->tables[block / HB_TEST_STRINGS_TABLE_SPAN][block % HB_TEST_STRINGS_TABLE_SPAN] +
         (ref & ((1u << HB_TEST_STRINGS_OFFSET_BITS) - 1));
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbTestStrings, _hb_test_strings_unref)

G_END_DECLS
