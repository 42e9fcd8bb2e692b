/* hb-test-stream-private.h: what tests may ask of HbTestStream's workers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-test-stream.h"

G_BEGIN_DECLS

/* Worker threads still running, in the whole process: a test that cancels waits for 0
 * before it checks that nothing is left. */
guint _hb_test_stream_get_n_workers (void);

G_END_DECLS
