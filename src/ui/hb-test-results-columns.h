/* hb-test-results-columns.h: a test results view's columns (cells and sorters), the keys
 * that open and close groups, and the columns that fit a narrow window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"
#include "hb-test-results-rows.h"

G_BEGIN_DECLS

typedef struct
{
  GtkColumnViewColumn *name;
  GtkColumnViewColumn *status;
  GtkColumnViewColumn *duration;
  GtkColumnViewColumn *kind;
} HbTestResultsColumns;

/* Rows opened or closed by hand are told to @tree; Left and Right move through @rows.
 * Duration and Kind show only where the table is wide enough for them. */
void hb_test_results_columns_setup (GtkColumnView *column_view,
                                    const HbTestResultsColumns *columns,
                                    HbTestTree *tree,
                                    HbTestResultsRows *rows);

G_END_DECLS
