/* hb-test-results-a11y.h: a test results view's names for a screen reader
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"

G_BEGIN_DECLS

/* "Passed", "Failed", …: the word the table shows and a screen reader says. */
const char *hb_test_results_status_text (HbTestStatus status);

/* The table row that holds the name cell @cell_child is named after @node, and described by
 * its status. */
void hb_test_results_a11y_name_row (GtkWidget *cell_child, HbTestNode *node);

/* Names @view, the table inside @results_stack, and the status pages there; the search
 * field reports its focus; the summary's counts are no controls. */
void hb_test_results_a11y_name_view (GtkWidget *view,
                                     GtkWidget *search_entry,
                                     GtkWidget *summary_box,
                                     GtkWidget *results_stack,
                                     GtkColumnView *column_view);

G_END_DECLS
