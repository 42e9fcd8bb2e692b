/* hb-test-stream.h: reads a tests body as it arrives (past its first 256 KiB on a worker
 * thread), filling an HbTestStore on the caller's main context
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-test-store.h"

G_BEGIN_DECLS

/* Batches reach the store at GDK's redraw priority (G_PRIORITY_HIGH_IDLE + 20), never
 * below it (HACKING.md, main-loop priorities), a few milliseconds of them per dispatch. */
#define HB_TEST_STREAM_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

#define HB_TYPE_TEST_STREAM (hb_test_stream_get_type ())
G_DECLARE_FINAL_TYPE (HbTestStream, hb_test_stream, HB, TEST_STREAM, GObject)

/* @store must be new (hb_test_store_new ()); it is filled on the thread-default main
 * context of this call, where the stream must be used too. Nodes appear in it a top-level
 * group at a time, and within a large group a batch at a time; when the body has been
 * read, or refused, the store's "loading" turns FALSE (and its "error" says why). */
HbTestStream *hb_test_stream_new (HbTestStore *store);

/* Any split of the body reads the same. */
void hb_test_stream_feed (HbTestStream *self, GBytes *chunk);
/* The body is complete. */
void hb_test_stream_close (HbTestStream *self);
/* Stops reading: the store gets nothing more, ends with G_IO_ERROR_CANCELLED, and the
 * worker lets go of everything it holds. Disposing the stream does this too. */
void hb_test_stream_cancel (HbTestStream *self);

HbTestStore *hb_test_stream_get_store (HbTestStream *self);

G_END_DECLS
