/* hb-test-filter.c: Failed Only and search on an HbTestStore's records, and the view's
 * per-node state (which groups are open)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-filter-private.h"

#include <string.h>

#include "hb-api-types.h"

/* Records are in document order: a parent comes before its descendants, so one forward
 * pass carries facts down the tree and one backward pass carries them up. While a body
 * arrives, the same facts are brought up to date for each new record by walking up from
 * it; every walk stops at the first ancestor that already knew, and bits are only ever set,
 * so the walks cost about as much as the records. */

#define R(self, i) (&(self)->records->data[(i)])

void
_hb_test_filter_init (HbTestFilter *self, HbTestRecords *records, HbTestStrings *strings)
{
  *self = (HbTestFilter){ .records = records, .strings = strings };
}

void
_hb_test_filter_clear (HbTestFilter *self)
{
  g_clear_pointer (&self->folded_search, g_free);
}

static gboolean
keeps (HbTestFilter *self, guint flags)
{
  if (self->failed_only && !(flags & (HB_TEST_RECORD_FAILED | HB_TEST_RECORD_FAILED_BELOW)))
    return FALSE;
  if (self->folded_search != NULL &&
      !(flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW | HB_TEST_RECORD_MATCH_ABOVE)))
    return FALSE;
  return TRUE;
}

/* A group to open, to show where the matches or the failures below it are. */
static gboolean
auto_expand (HbTestFilter *self, const HbTestRecord *r)
{
  guint below =
      self->folded_search != NULL ? HB_TEST_RECORD_MATCH_BELOW : HB_TEST_RECORD_FAILED_BELOW;

  return (r->flags & HB_TEST_RECORD_VISIBLE) && (r->flags & below) && r->n_visible_children > 0;
}

/* Called after @r's bits grew, with whether the filter wanted it open before: it is marked
 * open when it starts to be wanted, and only then, so a group a person closed stays closed. */
static void
grown (HbTestFilter *self, HbTestRecord *r, gboolean wanted)
{
  if (!wanted && auto_expand (self, r))
    r->flags |= HB_TEST_RECORD_EXPANDED;
}

/* What a record knows from itself and its parent alone. */
static void
mark (HbTestFilter *self, guint i)
{
  HbTestRecord *r = R (self, i);
  const char *search = self->folded_search;

  r->n_visible_children = 0;
  r->flags &= ~(HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW | HB_TEST_RECORD_MATCH_ABOVE |
                HB_TEST_RECORD_VISIBLE);
  if (r->status == HB_TEST_STATUS_FAILED)
    r->flags |= HB_TEST_RECORD_FAILED;
  if (search == NULL)
    return;
  if (strstr (_hb_test_strings_get (self->strings, r->folded), search) != NULL)
    r->flags |= HB_TEST_RECORD_MATCH;
  /* Document order: the parent's bits are final here. */
  if (r->parent != HB_TEST_RECORD_NONE &&
      (R (self, r->parent)->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_ABOVE)))
    r->flags |= HB_TEST_RECORD_MATCH_ABOVE;
}

/* @r is visible now: its parent counts it. */
static void
count_visible_child (HbTestFilter *self, HbTestRecord *r)
{
  HbTestRecord *parent;
  gboolean wanted;

  self->n_visible++;
  if (r->parent == HB_TEST_RECORD_NONE)
    return;
  parent = R (self, r->parent);
  wanted = auto_expand (self, parent);
  parent->n_visible_children++;
  grown (self, parent, wanted);
}

/* Record @i's bits grew: shows it if it now stays, and tells the ancestors what they
 * learn from that. Returns TRUE when a record older than @first became visible. */
static gboolean
settle (HbTestFilter *self, guint i, guint first)
{
  gboolean revealed = FALSE;

  while (i != HB_TEST_RECORD_NONE)
    {
      HbTestRecord *r = R (self, i);
      HbTestRecord *parent;
      gboolean wanted;

      if (!(r->flags & HB_TEST_RECORD_VISIBLE))
        {
          if (!keeps (self, r->flags))
            return revealed;
          r->flags |= HB_TEST_RECORD_VISIBLE;
          grown (self, r, FALSE);
          revealed = revealed || i < first;
          count_visible_child (self, r);
        }
      if (r->parent == HB_TEST_RECORD_NONE ||
          !(r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW)))
        return revealed;
      parent = R (self, r->parent);
      if (parent->flags & HB_TEST_RECORD_MATCH_BELOW)
        return revealed;
      wanted = auto_expand (self, parent);
      parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
      grown (self, parent, wanted);
      i = r->parent;
    }
  return revealed;
}

gboolean
_hb_test_filter_added (HbTestFilter *self, guint first)
{
  gboolean revealed = FALSE;

  for (guint i = first; i < self->records->len; i++)
    {
      mark (self, i);
      /* A failure is a fact about every group above it. */
      if (R (self, i)->flags & HB_TEST_RECORD_FAILED)
        for (guint a = R (self, i)->parent;
             a != HB_TEST_RECORD_NONE && !(R (self, a)->flags & HB_TEST_RECORD_FAILED_BELOW);
             a = R (self, a)->parent)
          {
            gboolean wanted = auto_expand (self, R (self, a));

            R (self, a)->flags |= HB_TEST_RECORD_FAILED_BELOW;
            grown (self, R (self, a), wanted);
            revealed = settle (self, a, first) || revealed;
          }
      revealed = settle (self, i, first) || revealed;
    }
  return revealed;
}

void
_hb_test_filter_set (HbTestFilter *self, gboolean failed_only, const char *search)
{
  g_clear_pointer (&self->folded_search, g_free);
  if (search != NULL && *search != '\0')
    self->folded_search = g_utf8_casefold (search, -1);
  self->failed_only = failed_only;
  self->serial++;

  for (guint i = 0; i < self->records->len; i++)
    mark (self, i);
  self->n_visible = 0;
  for (guint i = self->records->len; i-- > 0;)
    {
      HbTestRecord *r = R (self, i);
      HbTestRecord *parent;

      if (!keeps (self, r->flags))
        continue;
      r->flags |= HB_TEST_RECORD_VISIBLE;
      self->n_visible++;
      if (r->parent == HB_TEST_RECORD_NONE)
        continue;
      parent = R (self, r->parent);
      parent->n_visible_children++;
      if (r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW))
        parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
    }
}

gboolean
_hb_test_filter_get_auto_expand (HbTestFilter *self, guint node)
{
  return auto_expand (self, R (self, node));
}

void
_hb_test_filter_set_expanded (HbTestFilter *self, guint node, gboolean expanded)
{
  guint end;

  if (expanded)
    {
      R (self, node)->flags |= HB_TEST_RECORD_EXPANDED;
      return;
    }
  end = _hb_test_records_subtree_end (self->records, node);
  for (guint i = node; i < end; i++)
    R (self, i)->flags &= ~HB_TEST_RECORD_EXPANDED;
}

/* A new filter starts from what it wants open, not from the old filter's view. */
void
_hb_test_filter_reset_expanded (HbTestFilter *self)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      HbTestRecord *r = R (self, i);

      if (auto_expand (self, r))
        r->flags |= HB_TEST_RECORD_EXPANDED;
      else
        r->flags &= ~HB_TEST_RECORD_EXPANDED;
    }
}
