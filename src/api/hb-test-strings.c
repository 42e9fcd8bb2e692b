/* hb-test-strings.c: an append-only string arena shared by a test parser and its store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-strings-private.h"

#include <string.h>

/* Small first, so a build of ten tests costs a page or two; at most what an offset reaches. */
#define FIRST_BLOCK (16 * 1024)
#define MAX_BLOCK ((gsize) 1 << HB_TEST_STRINGS_OFFSET_BITS)
/* A string this long gets a block of its own, starting at offset 0, so its length is not
 * limited by the offset's range. */
#define DEDICATED (MAX_BLOCK / 4)

HbTestStrings *
_hb_test_strings_new (void)
{
  HbTestStrings *self = g_new0 (HbTestStrings, 1);

  self->ref_count = 1;
  return self;
}

HbTestStrings *
_hb_test_strings_ref (HbTestStrings *self)
{
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
_hb_test_strings_unref (HbTestStrings *self)
{
  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_blocks; i++)
    g_free (self->tables[i / HB_TEST_STRINGS_TABLE_SPAN][i % HB_TEST_STRINGS_TABLE_SPAN]);
  for (guint i = 0; i < G_N_ELEMENTS (self->tables); i++)
    g_free (self->tables[i]);
  g_free (self);
}

static char *
block_at (HbTestStrings *self, guint block)
{
  return self->tables[block / HB_TEST_STRINGS_TABLE_SPAN][block % HB_TEST_STRINGS_TABLE_SPAN];
}

/* The table slot is written before any reference into the block is handed out. */
static gboolean
add_block (HbTestStrings *self, gsize size)
{
  guint block = self->n_blocks;
  char ***table = &self->tables[block / HB_TEST_STRINGS_TABLE_SPAN];

  if (block >= HB_TEST_STRINGS_MAX_BLOCKS)
    return FALSE;
  if (*table == NULL)
    *table = g_new0 (char *, HB_TEST_STRINGS_TABLE_SPAN);
  (*table)[block % HB_TEST_STRINGS_TABLE_SPAN] = g_malloc (size);
  self->n_blocks++;
  self->block_size = size;
  self->used = 0;
  self->total += size;
  return TRUE;
}

char *
_hb_test_strings_reserve (HbTestStrings *self, gsize length, guint32 *ref)
{
  gsize needed = length + 1;
  char *start;

  if (needed >= DEDICATED)
    {
      if (!add_block (self, needed))
        return NULL;
      /* Nothing else fits after it: the next string opens a fresh block. */
      self->used = self->block_size;
    }
  else if (self->n_blocks == 0 || self->block_size - self->used < needed)
    {
      gsize size = self->n_blocks == 0 ? FIRST_BLOCK : MIN (self->block_size * 2, MAX_BLOCK);

      if (!add_block (self, MAX (size, needed)))
        return NULL;
      self->used = needed;
    }
  else
    self->used += needed;

  start = block_at (self, self->n_blocks - 1) + (needed >= DEDICATED ? 0 : self->used - needed);
  *ref = ((self->n_blocks - 1) << HB_TEST_STRINGS_OFFSET_BITS) |
         (guint32) (needed >= DEDICATED ? 0 : self->used - needed);
  return start;
}

guint32
_hb_test_strings_add (HbTestStrings *self, const char *text, gsize length)
{
  guint32 ref;
  char *start = _hb_test_strings_reserve (self, length, &ref);

  if (start == NULL)
    return HB_TEST_STRINGS_NONE;
  memcpy (start, text, length);
  start[length] = '\0';
  return ref;
}

gsize
_hb_test_strings_get_size (HbTestStrings *self)
{
  return self->total;
}
