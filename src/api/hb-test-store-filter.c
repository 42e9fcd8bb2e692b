/* hb-test-store-filter.c: HbTestStore's Failed Only and search, and the view's per-node state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-store-private.h"

#include <string.h>

/* The rules of the view's first index (src/ui/hb-test-index.c), on records in document
 * order: a parent comes before its descendants, so one forward pass carries facts down the
 * tree and one backward pass carries them up. While a body arrives, the same facts are
 * brought up to date for each new record by walking up from it; every walk stops at the
 * first ancestor that already knew, and bits are only ever set, so the walks cost about as
 * much as the records. */

#define R(self, i) _hb_test_store_record ((self), (i))

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
mark (HbTestStore *self, guint i)
{
  HbTestRecord *r = R (self, i);
  const char *search = self->filter.folded_search;

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

/* Record @i's bits grew: shows it if it now stays, and tells the ancestors what they
 * learn from that. Returns TRUE when a record older than @first became visible. */
static gboolean
settle (HbTestStore *self, guint i, guint first)
{
  gboolean revealed = FALSE;

  while (i != HB_TEST_RECORD_NONE)
    {
      HbTestRecord *r = R (self, i);
      HbTestRecord *parent;

      if (!(r->flags & HB_TEST_RECORD_VISIBLE))
        {
          if (!keeps (&self->filter, r->flags))
            return revealed;
          r->flags |= HB_TEST_RECORD_VISIBLE;
          self->filter.n_visible++;
          revealed = revealed || i < first;
          if (r->parent != HB_TEST_RECORD_NONE)
            R (self, r->parent)->n_visible_children++;
        }
      if (r->parent == HB_TEST_RECORD_NONE ||
          !(r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW)))
        return revealed;
      parent = R (self, r->parent);
      if (parent->flags & HB_TEST_RECORD_MATCH_BELOW)
        return revealed;
      parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
      i = r->parent;
    }
  return revealed;
}

gboolean
_hb_test_store_filter_added (HbTestStore *self, guint first)
{
  gboolean revealed = FALSE;

  for (guint i = first; i < self->records.len; i++)
    {
      HbTestRecord *r = R (self, i);

      mark (self, i);
      /* A failure is a fact about every group above it. */
      if (r->flags & HB_TEST_RECORD_FAILED)
        for (guint a = r->parent;
             a != HB_TEST_RECORD_NONE && !(R (self, a)->flags & HB_TEST_RECORD_FAILED_BELOW);
             a = R (self, a)->parent)
          {
            R (self, a)->flags |= HB_TEST_RECORD_FAILED_BELOW;
            revealed = settle (self, a, first) || revealed;
          }
      revealed = settle (self, i, first) || revealed;
    }
  return revealed;
}

static gboolean
auto_expand (HbTestStore *self, const HbTestRecord *r)
{
  guint below =
      self->filter.folded_search != NULL ? HB_TEST_RECORD_MATCH_BELOW : HB_TEST_RECORD_FAILED_BELOW;

  return (r->flags & HB_TEST_RECORD_VISIBLE) && (r->flags & below) && r->n_visible_children > 0;
}

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

  g_clear_pointer (&self->filter.folded_search, g_free);
  if (search != NULL && *search != '\0')
    self->filter.folded_search = g_utf8_casefold (search, -1);
  self->filter.failed_only = failed_only;

  for (guint i = 0; i < self->records.len; i++)
    mark (self, i);
  self->filter.n_visible = 0;
  for (guint i = self->records.len; i-- > 0;)
    {
      HbTestRecord *r = R (self, i);
      HbTestRecord *parent;

      if (!keeps (&self->filter, r->flags))
        continue;
      r->flags |= HB_TEST_RECORD_VISIBLE;
      self->filter.n_visible++;
      if (r->parent == HB_TEST_RECORD_NONE)
        continue;
      parent = R (self, r->parent);
      parent->n_visible_children++;
      if (r->flags & (HB_TEST_RECORD_MATCH | HB_TEST_RECORD_MATCH_BELOW))
        parent->flags |= HB_TEST_RECORD_MATCH_BELOW;
    }
}

/* Nodes kept by the current filter, groups included. */
guint
hb_test_store_get_n_visible (HbTestStore *self)
{
  g_return_val_if_fail (HB_IS_TEST_STORE (self), 0);
  return self->filter.n_visible;
}

gboolean
hb_test_store_is_visible (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, FALSE);
  return (R (self, node)->flags & HB_TEST_RECORD_VISIBLE) != 0;
}

guint
hb_test_store_get_n_visible_children (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, 0);
  return R (self, node)->n_visible_children;
}

gboolean
hb_test_store_get_auto_expand (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, FALSE);
  return auto_expand (self, R (self, node));
}

/* What the person last saw open, so a re-sort can restore it. */
gboolean
hb_test_store_get_expanded (HbTestStore *self, guint node)
{
  HB_TEST_STORE_CHECK_NODE (self, node, FALSE);
  return (R (self, node)->flags & HB_TEST_RECORD_EXPANDED) != 0;
}

void
hb_test_store_set_expanded (HbTestStore *self, guint node, gboolean expanded)
{
  guint end;

  g_return_if_fail (HB_IS_TEST_STORE (self));
  g_return_if_fail (node < self->records.len);

  if (expanded)
    {
      R (self, node)->flags |= HB_TEST_RECORD_EXPANDED;
      return;
    }
  /* Closing a group drops its rows, so nothing below it is open any more. */
  end = hb_test_store_get_subtree_end (self, node);
  for (guint i = node; i < end; i++)
    R (self, i)->flags &= ~HB_TEST_RECORD_EXPANDED;
}

/* A new filter starts from what it wants open, not from the old filter's view. */
void
hb_test_store_reset_expanded (HbTestStore *self)
{
  g_return_if_fail (HB_IS_TEST_STORE (self));

  for (guint i = 0; i < self->records.len; i++)
    {
      HbTestRecord *r = R (self, i);

      if (auto_expand (self, r))
        r->flags |= HB_TEST_RECORD_EXPANDED;
      else
        r->flags &= ~HB_TEST_RECORD_EXPANDED;
    }
}

/* Case-insensitive, from the folded names computed once while reading. */
int
hb_test_store_compare_names (HbTestStore *self, guint a, guint b)
{
  HbTestRecord *ra, *rb;
  int cmp;

  HB_TEST_STORE_CHECK_NODE (self, a, 0);
  HB_TEST_STORE_CHECK_NODE (self, b, 0);
  ra = R (self, a);
  rb = R (self, b);
  cmp = strcmp (_hb_test_strings_get (self->strings, ra->folded),
                _hb_test_strings_get (self->strings, rb->folded));
  if (cmp != 0)
    return cmp;
  return strcmp (_hb_test_strings_get (self->strings, ra->name),
                 _hb_test_strings_get (self->strings, rb->name));
}
