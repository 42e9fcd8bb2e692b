/* hb-test-results-view-a11y.c: HbTestResultsView for the keyboard and a screen reader: names
 * for the view, its table and each row (GTK 4.8 names a row after its type,
 * "GtkListItemWidget"), and the focus on the first failure once the table shows
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-test-results-view-private.h"
#include "hb-ui-a11y.h"

static const char *
status_text (HbTestStatus status)
{
  switch (status)
    {
    case HB_TEST_STATUS_PASSED:
      return C_ ("test status", "Passed");
    case HB_TEST_STATUS_FAILED:
      return C_ ("test status", "Failed");
    case HB_TEST_STATUS_SKIPPED:
      return C_ ("test status", "Skipped");
    case HB_TEST_STATUS_UNKNOWN:
    default:
      return C_ ("test status", "Unknown");
    }
}

/* The table row holding the name cell @cell_child: its name is the test's, its description
 * the test's status. */
void
_hb_test_results_view_name_row (GtkWidget *cell_child, HbTestNode *node)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_child);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  if (row == NULL)
    return;
  hb_ui_set_accessible_label (row, hb_test_node_get_name (node));
  hb_ui_set_accessible_description (row, status_text (hb_test_node_get_status (node)));
}

#define FOCUS_PENDING_KEY "hb-focus-pending"
#define FOCUS_FROM_KEY "hb-focus-from"

/* The table shows (loaded, opened, its first failure picked): the focus goes to the selected
 * row, or the first, if it is still where it was when asked for. */
static void
on_busy_changed (HbTestResultsView *self)
{
  GtkWidget *from = g_object_get_data (G_OBJECT (self), FOCUS_FROM_KEY);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint selected;

  if (g_object_get_data (G_OBJECT (self), FOCUS_PENDING_KEY) == NULL ||
      hb_test_results_view_get_busy (self) || root == NULL)
    return;
  if (gtk_root_get_focus (root) == from &&
      g_strcmp0 (hb_test_results_view_get_state (self), "content") == 0 &&
      g_list_model_get_n_items (hb_test_results_view_get_rows (self)) > 0)
    {
      selected = gtk_single_selection_get_selected (self->selection);
      _hb_test_results_view_select (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0,
                                    TRUE);
    }
  g_object_set_data (G_OBJECT (self), FOCUS_PENDING_KEY, NULL);
  g_object_set_data (G_OBJECT (self), FOCUS_FROM_KEY, NULL);
}

void
hb_test_results_view_focus_results (HbTestResultsView *self)
{
  GtkRoot *root;

  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Borrowed: only compared with the focus, never used. */
  g_object_set_data (G_OBJECT (self), FOCUS_FROM_KEY,
                     root != NULL ? gtk_root_get_focus (root) : NULL);
  g_object_set_data (G_OBJECT (self), FOCUS_PENDING_KEY, GINT_TO_POINTER (TRUE));
  on_busy_changed (self);
}

void
_hb_test_results_view_init_a11y (HbTestResultsView *self)
{
  hb_ui_set_accessible_label (self, _ ("Test Results"));
  /* The table's scrolled window and the list inside the table are the table. */
  hb_ui_name_descendants (GTK_WIDGET (self->results_stack), GTK_TYPE_SCROLLED_WINDOW,
                          _ ("Test results"));
  hb_ui_name_descendants (GTK_WIDGET (self->column_view), GTK_TYPE_LIST_VIEW, _ ("Test results"));
  /* The row of column titles, which sort the table. */
  hb_ui_set_accessible_label (gtk_widget_get_first_child (GTK_WIDGET (self->column_view)),
                              _ ("Column Titles"));
  hb_ui_name_status_pages (GTK_WIDGET (self->results_stack));
  g_signal_connect (self, "notify::busy", G_CALLBACK (on_busy_changed), NULL);
}
