/* hb-test-results-a11y.c: a test results view's names for a screen reader: the view, its
 * table and each row (GTK 4.8 names a row, the table's inner list and its title row after
 * their types, "GtkListItemWidget")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-test-results-a11y.h"
#include "hb-ui-a11y.h"

const char *
hb_test_results_status_text (HbTestStatus status)
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

void
hb_test_results_a11y_name_row (GtkWidget *cell_child, HbTestNode *node)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_child);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  if (row == NULL)
    return;
  hb_ui_set_accessible_label (row, hb_test_node_get_name (node));
  hb_ui_set_accessible_description (row,
                                    hb_test_results_status_text (hb_test_node_get_status (node)));
}

void
hb_test_results_a11y_name_view (GtkWidget *view,
                                GtkWidget *search_entry,
                                GtkWidget *summary_box,
                                GtkWidget *results_stack,
                                GtkColumnView *column_view)
{
  hb_ui_set_accessible_label (view, _ ("Test Results"));
  hb_ui_expose_editable (search_entry, _ ("Search tests by name"));
  /* The summary's counts are words to read, not controls (the flow box takes no Tab). */
  for (GtkWidget *child = gtk_widget_get_first_child (summary_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  /* The table's scrolled window and the list inside the table are the table. */
  hb_ui_name_descendants (results_stack, GTK_TYPE_SCROLLED_WINDOW, _ ("Test results"));
  hb_ui_name_descendants (GTK_WIDGET (column_view), GTK_TYPE_LIST_VIEW, _ ("Test results"));
  /* The row of column titles, which sort the table. */
  hb_ui_set_accessible_label (gtk_widget_get_first_child (GTK_WIDGET (column_view)),
                              _ ("Column Titles"));
  hb_ui_name_status_pages (results_stack);
}
