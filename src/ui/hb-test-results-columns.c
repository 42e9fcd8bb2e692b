/* hb-test-results-columns.c: a test results view's columns (cells and sorters), the keys
 * that open and close groups, and the columns that fit a narrow window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-test-results-a11y.h"
#include "hb-test-results-columns.h"

/* ---- cells ---- */

static HbTestNode *
list_item_node (GtkListItem *list_item)
{
  return gtk_tree_list_row_get_item (gtk_list_item_get_item (list_item));
}

static void
on_row_expanded (GtkTreeListRow *row, GParamSpec *pspec, HbTestTree *tree)
{
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

  /* A row whose node is gone reports itself collapsed; that is not a choice. */
  if (node != NULL)
    hb_test_tree_set_expanded (tree, node, gtk_tree_list_row_get_expanded (row));
}

static void
name_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  /* The row takes the focus, not its expander: the row draws the ring and has the test's
   * name for a screen reader (Left and Right open and close it, below). */
  gtk_widget_set_focusable (expander, FALSE);
  gtk_list_item_set_child (list_item, expander);
}

/* A signal factory rather than a builder one: each row needs its own
 * notify::expanded connection, so a re-sort can restore what was open. */
static void
name_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, HbTestTree *tree)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_label_set_label (GTK_LABEL (gtk_tree_expander_get_child (expander)),
                       hb_test_node_get_name (node));
  hb_test_results_a11y_name_row (GTK_WIDGET (expander), node);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), tree, 0);
}

static void
name_unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item, HbTestTree *tree)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_expanded, tree);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
status_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  /* A longer word in another language is cut with an ellipsis, never clipped. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
status_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  HbTestStatus status = hb_test_node_get_status (node);
  const char *icon = "dialog-question-symbolic";
  const char *css = NULL;

  switch (status)
    {
    case HB_TEST_STATUS_PASSED:
      icon = "object-select-symbolic";
      css = "success";
      break;
    case HB_TEST_STATUS_FAILED:
      icon = "dialog-error-symbolic";
      css = "error";
      break;
    case HB_TEST_STATUS_SKIPPED:
      icon = "media-skip-forward-symbolic";
      css = "dim-label";
      break;
    case HB_TEST_STATUS_UNKNOWN:
    default:
      break;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_label_set_label (GTK_LABEL (label), hb_test_results_status_text (status));
  gtk_widget_remove_css_class (box, "success");
  gtk_widget_remove_css_class (box, "error");
  gtk_widget_remove_css_class (box, "dim-label");
  if (css != NULL)
    gtk_widget_add_css_class (box, css);
}

static void
label_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0 : 0.0;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
duration_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  g_autofree char *text = hb_duration_format (hb_test_node_get_duration (node));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
kind_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  const char *text = C_ ("test kind", "Test");

  if (hb_test_node_get_kind (node) == HB_TEST_KIND_GROUP)
    text = C_ ("test kind", "Group");
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback setup,
                    GCallback bind,
                    GCallback unbind,
                    gpointer user_data)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);
  gtk_column_view_column_set_factory (column, factory);
}

/* The column's order, as HbTestTree compares nodes. */
static void
set_column_sorter (GtkColumnViewColumn *column, GCompareDataFunc compare, gpointer user_data)
{
  g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, user_data, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* ---- narrow windows ---- */

/* The name keeps at least this much; Duration, then Kind, show while it does. */
#define NAME_MIN_WIDTH 180

/* The columns taken out of the table where they do not fit, and the tick that fits them. */
typedef struct
{
  GtkColumnViewColumn *status; /* borrowed: it never leaves */
  GtkColumnViewColumn *duration;
  GtkColumnViewColumn *kind;
  guint tick_id;
} ColumnFit;

#define COLUMN_FIT_KEY "hb-column-fit"

static void
column_fit_free (gpointer data)
{
  ColumnFit *fit = data;

  g_object_unref (fit->duration);
  g_object_unref (fit->kind);
  g_free (fit);
}

/* GTK 4.8 measures a hidden column as if it were shown, so a column that does not fit is taken
 * out of the table, not hidden; ColumnFit keeps a reference to put it back. */
static void
show_column (GtkColumnView *column_view,
             GtkColumnViewColumn *column,
             guint position,
             gboolean shown)
{
  gboolean in_table = gtk_column_view_column_get_column_view (column) != NULL;

  if (shown && !in_table)
    gtk_column_view_insert_column (column_view, position, column);
  else if (!shown && in_table)
    gtk_column_view_remove_column (column_view, column);
}

/* The columns that fit the table's width. The table's minimum width never includes Duration
 * or Kind where they do not fit, so this never widens a narrow window, and showing them where
 * they fit never narrows the table below it. */
static gboolean
fit_columns (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (widget);
  ColumnFit *fit = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (widget));
  int width = (int) gtk_adjustment_get_page_size (adjustment);
  int room = width - NAME_MIN_WIDTH - gtk_column_view_column_get_fixed_width (fit->status);
  int duration = gtk_column_view_column_get_fixed_width (fit->duration);
  int kind = gtk_column_view_column_get_fixed_width (fit->kind);

  fit->tick_id = 0;
  if (width > 0)
    {
      show_column (column_view, fit->duration, 2, room >= duration);
      show_column (column_view, fit->kind, room >= duration ? 3 : 2, room >= duration + kind);
    }
  return G_SOURCE_REMOVE;
}

/* The width is known while the table is being allocated, too late to change its columns for
 * this frame: they change before the next one. */
static void
on_width_changed (GtkWidget *column_view)
{
  ColumnFit *fit = g_object_get_data (G_OBJECT (column_view), COLUMN_FIT_KEY);

  if (fit->tick_id == 0)
    fit->tick_id = gtk_widget_add_tick_callback (column_view, fit_columns, fit, NULL);
}

/* Duration and Kind are out of the table until it is known to be wide enough: the first frame
 * never widens a narrow window. */
static void
fit_columns_to_width (GtkColumnView *column_view, const HbTestResultsColumns *columns)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (column_view));
  ColumnFit *fit = g_new0 (ColumnFit, 1);

  fit->status = columns->status;
  fit->duration = g_object_ref (columns->duration);
  fit->kind = g_object_ref (columns->kind);
  /* Freed with the table; its tick callbacks go before that. */
  g_object_set_data_full (G_OBJECT (column_view), COLUMN_FIT_KEY, fit, column_fit_free);
  show_column (column_view, fit->kind, 0, FALSE);
  show_column (column_view, fit->duration, 0, FALSE);
  g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (on_width_changed),
                           column_view, G_CONNECT_SWAPPED);
}

/* ---- keys ---- */

static gboolean open_or_close (HbTestResultsRows *rows,
                               GtkColumnView *column_view,
                               guint keyval,
                               GdkModifierType state);

/* Tab and Shift+Tab leave the table: GTK 4.8 moves them from row to row, hundreds of
 * presses to get past a big tree (the arrows do that). The table steps out of the focus
 * chain while the window moves the focus on. */
static gboolean
leave_table (GtkWidget *column_view, GtkDirectionType direction)
{
  GtkRoot *root = gtk_widget_get_root (column_view);

  if (root == NULL)
    return FALSE;
  gtk_widget_set_can_focus (column_view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction); /* wrapped past the end */
  gtk_widget_set_can_focus (column_view, TRUE);
  return TRUE;
}

static gboolean
is_tab (guint keyval)
{
  return keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab;
}

/* Right opens a group, then steps into it; Left closes it, then steps out. */
static gboolean
on_key_pressed (HbTestResultsRows *rows,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  GtkColumnView *column_view =
      GTK_COLUMN_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  if (is_tab (keyval) && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return leave_table (GTK_WIDGET (column_view),
                        (state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                            ? GTK_DIR_TAB_BACKWARD
                            : GTK_DIR_TAB_FORWARD);
  return open_or_close (rows, column_view, keyval, state);
}

static gboolean
open_or_close (HbTestResultsRows *rows,
               GtkColumnView *column_view,
               guint keyval,
               GdkModifierType state)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  g_autoptr (GtkTreeListRow) target = NULL;

  if (row == NULL || (!right && !left) || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  if (right && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, TRUE);
      return TRUE;
    }
  if (left && gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, FALSE);
      return TRUE;
    }

  target = right ? gtk_tree_list_row_get_child_row (row, 0) : gtk_tree_list_row_get_parent (row);
  if (target == NULL)
    return FALSE;
  hb_test_results_rows_select (rows, gtk_tree_list_row_get_position (target), TRUE);
  return TRUE;
}

void
hb_test_results_columns_setup (GtkColumnView *column_view,
                               const HbTestResultsColumns *columns,
                               HbTestTree *tree,
                               HbTestResultsRows *rows)
{
  GtkEventController *keys;

  set_column_factory (columns->name, G_CALLBACK (name_setup), G_CALLBACK (name_bind),
                      G_CALLBACK (name_unbind), tree);
  set_column_factory (columns->status, G_CALLBACK (status_setup), G_CALLBACK (status_bind), NULL,
                      NULL);
  set_column_factory (columns->duration, G_CALLBACK (label_setup), G_CALLBACK (duration_bind), NULL,
                      GINT_TO_POINTER (TRUE));
  set_column_factory (columns->kind, G_CALLBACK (label_setup), G_CALLBACK (kind_bind), NULL,
                      GINT_TO_POINTER (FALSE));
  set_column_sorter (columns->name, hb_test_tree_compare_names, tree);
  set_column_sorter (columns->status, hb_test_tree_compare_status, tree);
  set_column_sorter (columns->duration, hb_test_tree_compare_duration, tree);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), rows,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (column_view), keys);
  fit_columns_to_width (column_view, columns);
}
