/* hb-test-record-private.h: the records an HbTestStore keeps, one per node
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HB_TEST_RECORD_NONE G_MAXUINT32

enum
{
  HB_TEST_RECORD_FAILED = 1 << 0,       /* the node's own status is Failed */
  HB_TEST_RECORD_FAILED_BELOW = 1 << 1, /* a descendant's status is Failed */
  HB_TEST_RECORD_MATCH = 1 << 2,        /* the name contains the search text */
  HB_TEST_RECORD_MATCH_BELOW = 1 << 3,  /* a visible descendant matches */
  HB_TEST_RECORD_MATCH_ABOVE = 1 << 4,  /* an ancestor matches */
  HB_TEST_RECORD_VISIBLE = 1 << 5,
  HB_TEST_RECORD_EXPANDED = 1 << 6,
  HB_TEST_RECORD_OPEN = 1 << 7, /* a group whose children are still arriving */
};

/* One node: 48 bytes. */
typedef struct
{
  guint32 id; /* HbTestStrings references */
  guint32 name;
  guint32 folded;
  guint32 parent;   /* HB_TEST_RECORD_NONE for a root */
  guint32 children; /* first slot of a whole group; its place on the open stack while open */
  guint32 n_children;
  guint32 subtree_end; /* one past the last descendant; G_MAXUINT32 while open */
  guint32 n_visible_children;
  gint64 duration;
  guint8 status;
  guint8 kind;
  guint16 flags;
} HbTestRecord;

/* Grown by half each time while a body arrives, trimmed to size when it has: a GArray
 * doubles, and could not give back what it did not use. */
typedef struct
{
  HbTestRecord *data;
  guint len;
  guint size;
} HbTestRecords;

static inline HbTestRecord *
_hb_test_records_append (HbTestRecords *records)
{
  if (records->len == records->size)
    {
      records->size = MAX (64, records->size + records->size / 2);
      records->data = g_renew (HbTestRecord, records->data, records->size);
    }
  return &records->data[records->len++];
}

static inline void
_hb_test_records_trim (HbTestRecords *records)
{
  records->size = records->len;
  records->data = g_renew (HbTestRecord, records->data, records->size);
}

/* One past the last descendant of @node, so far if its children are still arriving. */
static inline guint
_hb_test_records_subtree_end (const HbTestRecords *records, guint node)
{
  return MIN (records->data[node].subtree_end, records->len);
}

G_END_DECLS
