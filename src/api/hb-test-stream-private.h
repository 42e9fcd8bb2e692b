/* hb-test-stream-private.h: what tests may ask of HbTestStream's workers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-stream.h"

G_BEGIN_DECLS

/* Worker threads still running, in the whole process: a test that cancels waits for 0
 * before it checks that nothing is left. */
guint _hb_test_stream_get_n_workers (void);

/* Stops reading as hb_test_stream_cancel () does, but the store ends with @error (the
 * request failed). A no-op once the store has ended. */
void _hb_test_stream_fail (HbTestStream *self, const GError *error);

/* Bytes read on the caller's thread before a worker takes over (tests: 0 makes every
 * body go through the worker). Before the first feed only. */
void _hb_test_stream_set_inline_limit (HbTestStream *self, gsize bytes);

G_END_DECLS
