/* hb-free-later.h: hand something big to a worker thread to free, so nobody waits for it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calls @free_func on @data in a worker thread. For what takes as long to free as it took
 * to build (a parsed body, a test tree of 100,000 nodes) and that nothing uses any more;
 * @free_func must be safe off the main thread (unrefs of objects nothing else touches). */
void hb_free_later (gpointer data, GDestroyNotify free_func);

G_END_DECLS
