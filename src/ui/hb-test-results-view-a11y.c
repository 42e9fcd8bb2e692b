/* hb-test-results-view-a11y.c: HbTestResultsView's names for a screen reader: the view, its
 * table and each row (GTK 4.8 names a row after its type, "GtkListItemWidget")
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
}
