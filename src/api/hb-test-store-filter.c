/* hb-test-store-filter.c: Failed Only and search over an HbTestStore's records
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-store-filter-private.h"

#include <string.h>

#include "hb-api-types.h"

/* The rules of the view's first index (src/ui/hb-test-index.c), on records in document
 * order: a parent comes before its descendants, so one forward pass carries facts down the
 * tree and one backward pass carries them up. While a body arrives, the same facts are
 * brought up to date for each new record by walking up from it; every walk stops at the
 * first ancestor that already knew, and bits are only ever set, so the walks cost about as
 * much as the records. */

#define R(records, i) (&(records)->data[(i)])

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

void
_hb_test_filter_init (HbTestFilter *filter)
{
  *filter = (HbTestFilter){ 0 };
}

void
_hb_test_filter_clear (HbTestFilter *filter)
{
  g_clear_pointer (&filter->folded_search, g_free);
}

static gboolean
keeps (HbTestFilter *filter, guint flags)
{
  if (filter->failed_only && !(flags & (HB_TEST_RECORD_FAILED | HB_TEST_RECORD_FAILED_BELOW)))
    return FALSE;
  if (filter->folded_search != NULL &&
      !(flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW | HB_TEST_RECORD_MATCH_ABOVE)))
    return FALSE;
  return TRUE;
}

/* What a record knows from itself and its parent alone. */
static void
mark (HbTestFilter *filter, HbTestRecords *records, HbTestStrings *strings, guint i)
{
  HbTestRecord *r = R (records, i);

  r->n_visible_children = 0;
  r->flags &= ~(HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW | HB_TEST_RECORD_MATCH_ABOVE |
                HB_TEST_RECORD_VISIBLE);
  if (r->status == HB_TEST_STATUS_FAILED)
    r->flags |= HB_TEST_RECORD_FAILED;
  if (filter->folded_search == NULL)
    return;
  if (strstr (_hb_test_strings_get (strings, r->folded), filter->folded_search) != NULL)
    r->flags |= HB_TEST_RECORD_MATCH;
  /* Document order: the parent's bits are final here. */
  if (r->parent != HB_TEST_RECORD_NONE &&
      (R (records, r->parent)->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_ABOVE)))
    r->flags |= HB_TEST_RECORD_MATCH_ABOVE;
}

void
_hb_test_filter_set (HbTestFilter *filter,
                     HbTestRecords *records,
                     HbTestStrings *strings,
                     gboolean failed_only,
                     const char *search)
{
  g_clear_pointer (&filter->folded_search, g_free);
  if (search != NULL && *search != '\0')
    filter->folded_search = g_utf8_casefold (search, -1);
  filter->failed_only = failed_only;

  for (guint i = 0; i < records->len; i++)
    mark (filter, records, strings, i);

  filter->n_visible = 0;
  for (guint i = records->len; i-- > 0;)
    {
      HbTestRecord *r = R (records, i);
      HbTestRecord *parent;

      if (!keeps (filter, r->flags))
        continue;
      r->flags |= HB_TEST_RECORD_VISIBLE;
      filter->n_visible++;
      if (r->parent == HB_TEST_RECORD_NONE)
        continue;
      parent = R (records, r->parent);
      parent->n_visible_children++;
      if (r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW))
        parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
    }
}

/* Record @i's bits grew: shows it if it now stays, and tells the ancestors what they
 * learn from that. Returns TRUE when a record older than @first became visible. */
static gboolean
settle (HbTestFilter *filter, HbTestRecords *records, guint i, guint first)
{
  gboolean revealed = FALSE;

  while (i != HB_TEST_RECORD_NONE)
    {
      HbTestRecord *r = R (records, i);
      HbTestRecord *parent;

      if (!(r->flags & HB_TEST_RECORD_VISIBLE))
        {
          if (!keeps (filter, r->flags))
            return revealed;
          r->flags |= HB_TEST_RECORD_VISIBLE;
          filter->n_visible++;
          revealed = revealed || i < first;
          if (r->parent != HB_TEST_RECORD_NONE)
            R (records, r->parent)->n_visible_children++;
        }
      if (r->parent == HB_TEST_RECORD_NONE ||
          !(r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW)))
        return revealed;
      parent = R (records, r->parent);
      if (parent->flags & HB_TEST_RECORD_MATCH_BELOW)
        return revealed;
      parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
      i = r->parent;
    }
  return revealed;
}

gboolean
_hb_test_filter_add (HbTestFilter *filter,
                     HbTestRecords *records,
                     HbTestStrings *strings,
                     guint first)
{
  gboolean revealed = FALSE;

  for (guint i = first; i < records->len; i++)
    {
      HbTestRecord *r = R (records, i);

      mark (filter, records, strings, i);
      /* A failure is a fact about every group above it. */
      if (r->flags & HB_TEST_RECORD_FAILED)
        for (guint a = r->parent;
             a != HB_TEST_RECORD_NONE && !(R (records, a)->flags & HB_TEST_RECORD_FAILED_BELOW);
             a = R (records, a)->parent)
          {
            R (records, a)->flags |= HB_TEST_RECORD_FAILED_BELOW;
            revealed = settle (filter, records, a, first) || revealed;
          }
      revealed = settle (filter, records, i, first) || revealed;
    }
  return revealed;
}

gboolean
_hb_test_filter_auto_expand (HbTestFilter *filter, const HbTestRecord *record)
{
  guint below =
      filter->folded_search != NULL ? HB_TEST_RECORD_MATCH_BELOW : HB_TEST_RECORD_FAILED_BELOW;

  return (record->flags & HB_TEST_RECORD_VISIBLE) && (record->flags & below) &&
         record->n_visible_children > 0;
}
