/* hb-test-results-columns.c: a test results view's columns (cells and sorters), and the keys
 * that open and close groups
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

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

  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (list_item, box);
}

static void
status_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  const char *icon = "dialog-question-symbolic";
  const char *text = C_ ("test status", "Unknown");
  const char *css = NULL;

  switch (hb_test_node_get_status (node))
    {
    case HB_TEST_STATUS_PASSED:
      icon = "object-select-symbolic";
      text = C_ ("test status", "Passed");
      css = "success";
      break;
    case HB_TEST_STATUS_FAILED:
      icon = "dialog-error-symbolic";
      text = C_ ("test status", "Failed");
      css = "error";
      break;
    case HB_TEST_STATUS_SKIPPED:
      icon = "media-skip-forward-symbolic";
      text = C_ ("test status", "Skipped");
      css = "dim-label";
      break;
    case HB_TEST_STATUS_UNKNOWN:
    default:
      break;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_label_set_label (GTK_LABEL (label), text);
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

/* ---- keys ---- */

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
  set_column_factory (columns->duration, G_CALLBACK (label_setup), G_CALLBACK (duration_bind),
                      NULL, GINT_TO_POINTER (TRUE));
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
}
