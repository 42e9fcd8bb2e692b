/* hbt-generate.h: test data we did not write by hand: generated test trees and names
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sizes at the edges of the constants the UI works with (a screenful of 40 rows, the 200
 * row widgets GTK keeps, batches of 40), and a large one. */
#define HBT_EDGE_SIZES 0, 1, 40, 41, 79, 80, 200, 1000

typedef enum
{
  HBT_TREE_FLAT,      /* n tests at the top level */
  HBT_TREE_GROUPS,    /* groups of 7 tests, groups of groups above 49 */
  HBT_TREE_ONE_GROUP, /* one group holding all n tests */
  HBT_TREE_DEEP,      /* groups nested HBT_DEEP_LEVELS deep, the tests in the innermost */
} HbtTreeShape;

#define HBT_DEEP_LEVELS 100

/* The @i-th of a rotation of names people and tools give things: plain words with digits,
 * accents and other scripts, right-to-left text, emoji, markup-like text, very long names. */
char *hbt_odd_name (guint i);

/* A test tree of @n_tests tests (and the groups @shape needs) as the API's JSON: ids are
 * positions ("2.5.1"), names from hbt_odd_name(), one test in five Failed and one in seven
 * Skipped (never both), groups Failed when anything under them failed. */
char *hbt_generate_tests_json (guint n_tests, HbtTreeShape shape);

G_END_DECLS
