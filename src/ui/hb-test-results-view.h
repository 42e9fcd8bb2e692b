/* hb-test-results-view.h: a build's test results as a sortable, filterable tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_TEST_RESULTS_VIEW (hb_test_results_view_get_type ())
G_DECLARE_FINAL_TYPE (HbTestResultsView, hb_test_results_view, HB, TEST_RESULTS_VIEW, GtkWidget)

GtkWidget *hb_test_results_view_new (HbClient *client, const char *tests_url);

const char *hb_test_results_view_get_state (HbTestResultsView *self);
gboolean hb_test_results_view_get_loading (HbTestResultsView *self);
gboolean hb_test_results_view_get_busy (HbTestResultsView *self);
HbBuild *hb_test_results_view_get_build (HbTestResultsView *self);
void hb_test_results_view_set_build (HbTestResultsView *self, HbBuild *build);
const char *hb_test_results_view_get_title (HbTestResultsView *self);
const char *hb_test_results_view_get_subtitle (HbTestResultsView *self);
gboolean hb_test_results_view_get_failed_only (HbTestResultsView *self);
void hb_test_results_view_set_failed_only (HbTestResultsView *self, gboolean failed_only);
const char *hb_test_results_view_get_search_text (HbTestResultsView *self);
void hb_test_results_view_set_search_text (HbTestResultsView *self, const char *search_text);
GListModel *hb_test_results_view_get_rows (HbTestResultsView *self);
void hb_test_results_view_reload (HbTestResultsView *self);

/* The keyboard focus goes to the table (its first failure, else its first row) once it
 * shows, unless it has moved elsewhere meanwhile. */
void hb_test_results_view_focus_results (HbTestResultsView *self);

G_END_DECLS
