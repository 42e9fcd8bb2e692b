/* hbs-test-tree.h: deterministic test-result trees, rendered straight to JSON
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A tree is never stored: it is regenerated from this, so 100,000 tests cost no memory. */
typedef struct
{
  const char *seed; /* makes names, outcomes and durations stable per build */
  guint n_tests;
  guint fail_mod; /* about one test in fail_mod fails (0: none) */
  guint skip_mod; /* about one test in skip_mod is skipped (0: none) */
} HbsTestSpec;

GBytes *hbs_test_tree_render_roots (const HbsTestSpec *spec);
GBytes *hbs_test_tree_render_node (const HbsTestSpec *spec, const char *id);

G_END_DECLS
