/* hb-test-results-rows.h: the rows a test results view shows: a tree list model over
 * HbTestTree's levels, swapped into the list and opened over frames
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_RESULTS_ROWS (hb_test_results_rows_get_type ())
G_DECLARE_FINAL_TYPE (HbTestResultsRows, hb_test_results_rows, HB, TEST_RESULTS_ROWS, GObject)

/* @widget paces the steps with its frames and is borrowed: it owns the rows and calls
 * hb_test_results_rows_shutdown () in its dispose. @selection gets the rows as its model;
 * @column_view is scrolled to the selected row. */
HbTestResultsRows *hb_test_results_rows_new (GtkWidget *widget,
                                             HbTestTree *tree,
                                             GtkSingleSelection *selection,
                                             GtkColumnView *column_view);

void hb_test_results_rows_rebuild (HbTestResultsRows *self, gboolean defer_attach);
void hb_test_results_rows_resume (HbTestResultsRows *self);
void hb_test_results_rows_cancel (HbTestResultsRows *self);
void hb_test_results_rows_shutdown (HbTestResultsRows *self);
gboolean hb_test_results_rows_get_busy (HbTestResultsRows *self);
void hb_test_results_rows_select (HbTestResultsRows *self, guint position, gboolean grab_focus);
void hb_test_results_rows_focus_selected (HbTestResultsRows *self);
char *hb_test_results_rows_dup_selected_name (HbTestResultsRows *self);

G_END_DECLS
