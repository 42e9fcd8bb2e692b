/* hb-test-parser-private.h: a strict incremental reader of the tests tree (T1), bytes in,
 * batches of finished nodes out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "hb-test-strings-private.h"

G_BEGIN_DECLS

#define HB_TEST_PARSER_NO_PARENT G_MAXUINT32

/* One node as the parser hands it over. Nodes are numbered in document (pre-)order, so a
 * parent always comes before its children; strings are references into the shared arena. */
typedef struct
{
  guint32 id;
  guint32 name;
  guint32 folded; /* g_utf8_casefold (name) */
  guint32 parent; /* HB_TEST_PARSER_NO_PARENT for a root */
  gint64 duration;
  guint8 status;   /* HbTestStatus */
  guint8 kind;     /* HbTestKind */
  guint8 complete; /* parser-internal: all of id, name, status, kind, duration seen */
} HbTestParsedNode;

/* A node whose children are all known: its subtree is nodes [node, subtree_end). */
typedef struct
{
  guint32 node;
  guint32 subtree_end;
} HbTestParsedClose;

/* Nodes [first, first + nodes->len) and the closes that became known with them, in order
 * (each close's subtree_end is at most first + nodes->len). */
typedef struct
{
  guint32 first;
  GArray *nodes;  /* HbTestParsedNode */
  GArray *closes; /* HbTestParsedClose */
} HbTestBatch;

void _hb_test_batch_free (HbTestBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbTestBatch, _hb_test_batch_free)

/* Takes ownership of @batch. Called from inside feed/flush/finish, on their thread. */
typedef void (*HbTestBatchFunc) (HbTestBatch *batch, gpointer user_data);

typedef struct _HbTestParser HbTestParser;

/* Strings go into @strings (the parser keeps a reference); batches go to @func. */
HbTestParser *
_hb_test_parser_new (HbTestStrings *strings, HbTestBatchFunc func, gpointer user_data);
void _hb_test_parser_free (HbTestParser *self);
/* Where batches go from now on (a parser handed to another thread). */
void _hb_test_parser_set_batch_func (HbTestParser *self, HbTestBatchFunc func, gpointer user_data);

/* Any split of the body gives the same nodes and the same verdict. After an error, every
 * further call fails with it again. */
gboolean _hb_test_parser_feed (HbTestParser *self, const char *data, gsize length, GError **error);
/* Hands over every node that can be shown now, however few (the caller is about to wait). */
void _hb_test_parser_flush (HbTestParser *self);
/* The body ended: checks it is whole, then flushes. */
gboolean _hb_test_parser_finish (HbTestParser *self, GError **error);

/* Nodes read so far, shown or not. */
guint _hb_test_parser_get_n_nodes (HbTestParser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbTestParser, _hb_test_parser_free)

G_END_DECLS
