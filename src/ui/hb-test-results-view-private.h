/* hb-test-results-view-private.h: HbTestResultsView's parts, shared by its three files: the
 * view (hb-test-results-view.c), swapping trees over frames (-steps.c), its columns (-columns.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-status-stack.h"
#include "hb-test-results-view.h"

G_BEGIN_DECLS

struct _HbTestResultsView
{
  GtkWidget parent_instance;

  HbClient *client;
  char *tests_url;
  GCancellable *cancellable;
  HbTestTree *tree; /* the roots, their index, filter and order, which groups to open */
  char *subtitle;
  gboolean failed_only;
  char *search_text;
  gboolean syncing_entry;

  /* The tree as shown (see -steps.c). */
  GtkTreeListModel *shown;
  GtkTreeListModel *old_shown; /* swapped out, freed in a later step */
  GtkSliceListModel *slice;    /* what the list shows of the tree */
  GtkSorter *view_sorter;
  guint work_source;
  guint tick_id;
  guint scroll_source;
  guint scroll_tick_id;
  gboolean first_failure_shown;

  HbStatusStack *status_stack;
  GtkSearchEntry *search_entry;
  GtkStack *results_stack;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *duration_column;
  GtkColumnViewColumn *kind_column;
  GtkWidget *summary_box;
  GtkLabel *passed_label;
  GtkLabel *failed_label;
  GtkLabel *skipped_label;
  GtkLabel *total_label;
  GtkLabel *duration_label;
};

/* -steps.c: a new shown tree, swapped in and opened over frames. */
void _hb_test_results_view_rebuild (HbTestResultsView *self, gboolean defer_attach);
void _hb_test_results_view_cancel_steps (HbTestResultsView *self);
gboolean _hb_test_results_view_stepping (HbTestResultsView *self);
void _hb_test_results_view_select (HbTestResultsView *self, guint position, gboolean grab_focus);
void _hb_test_results_view_init_steps (HbTestResultsView *self);
void _hb_test_results_view_dispose_steps (HbTestResultsView *self);

/* -columns.c: cells, sorters, and the keys that open and close groups. */
void _hb_test_results_view_init_columns (HbTestResultsView *self);

/* -narrow.c: the columns that fit the view's width; a summary that wraps. */
void _hb_test_results_view_init_narrow (HbTestResultsView *self);

/* -a11y.c: names for a screen reader. */
void _hb_test_results_view_init_a11y (HbTestResultsView *self);
void _hb_test_results_view_name_row (GtkWidget *cell_child, HbTestNode *node);

G_END_DECLS
