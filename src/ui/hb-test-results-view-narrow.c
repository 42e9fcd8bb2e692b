/* hb-test-results-view-narrow.c: HbTestResultsView on a narrow window: the columns that fit
 * its width, and a summary that wraps instead of widening the window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-test-results-view-private.h"

/* The name keeps at least this much; Duration, then Kind, show while it does. */
#define NAME_MIN_WIDTH 180

#define TICK_KEY "hb-narrow-tick"

/* GTK 4.8 measures a hidden column as if it were shown, so a column that does not fit is taken
 * out of the table, not hidden; the view keeps a reference to put it back. Its sort order goes
 * with it. */
static void
show_column (HbTestResultsView *self, GtkColumnViewColumn *column, guint position, gboolean shown)
{
  gboolean in_table = gtk_column_view_column_get_column_view (column) != NULL;

  if (shown && !in_table)
    gtk_column_view_insert_column (self->column_view, position, column);
  else if (!shown && in_table)
    gtk_column_view_remove_column (self->column_view, column);
}

/* The columns that fit the table's width. The table's minimum width never includes Duration
 * or Kind where they do not fit, so this never widens a narrow window, and showing them where
 * they fit never narrows the table below it. */
static gboolean
fit_columns (GtkWidget *column_view, GdkFrameClock *clock, gpointer user_data)
{
  HbTestResultsView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (column_view));
  int width = (int) gtk_adjustment_get_page_size (adjustment);
  int room = width - NAME_MIN_WIDTH - gtk_column_view_column_get_fixed_width (self->status_column);
  int duration = gtk_column_view_column_get_fixed_width (self->duration_column);
  int kind = gtk_column_view_column_get_fixed_width (self->kind_column);

  g_object_set_data (G_OBJECT (column_view), TICK_KEY, NULL);
  if (width > 0)
    {
      show_column (self, self->duration_column, 2, room >= duration);
      show_column (self, self->kind_column, room >= duration ? 3 : 2, room >= duration + kind);
    }
  return G_SOURCE_REMOVE;
}

/* The width is known while the table is being allocated, too late to change its columns for
 * this frame: they change before the next one. */
static void
on_width_changed (HbTestResultsView *self)
{
  GtkWidget *column_view = GTK_WIDGET (self->column_view);

  if (g_object_get_data (G_OBJECT (column_view), TICK_KEY) == NULL)
    g_object_set_data (
        G_OBJECT (column_view), TICK_KEY,
        GUINT_TO_POINTER (gtk_widget_add_tick_callback (column_view, fit_columns, self, NULL)));
}

void
_hb_test_results_view_init_narrow (HbTestResultsView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));

  /* The summary's flow box wraps its counts; they are words to read, not Tab stops. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->summary_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  /* Out of the table until the view is known to be wide enough: the first frame never widens
   * a narrow window. */
  g_object_set_data_full (G_OBJECT (self), "hb-duration-column",
                          g_object_ref (self->duration_column), g_object_unref);
  g_object_set_data_full (G_OBJECT (self), "hb-kind-column", g_object_ref (self->kind_column),
                          g_object_unref);
  show_column (self, self->kind_column, 0, FALSE);
  show_column (self, self->duration_column, 0, FALSE);
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (on_width_changed), self,
                           G_CONNECT_SWAPPED);
}
