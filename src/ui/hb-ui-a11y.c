/* hb-ui-a11y.c: accessible names for what GTK 4.8 and libadwaita 1.2 leave unnamed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-ui-a11y.h"

/* GTK 4.8 names an element it has no label for after its GObject type ("GtkToggleButton",
 * "HbBuildsPage"), and gives none at all to list items and scrolled windows: a screen reader
 * says that. These name such parts, including the ones GTK and libadwaita make inside their
 * widgets (a status page's scrolled window, a drop-down's button, a list's items). */

void
hb_ui_set_accessible_label (gpointer widget, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : "", -1);
}

void
hb_ui_set_accessible_description (gpointer widget, const char *description)
{
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Every widget of @type below @root (itself included), named @label. A menu button's inner
 * toggle button is named by the menu button (GTK relates them), so it is left alone. */
void
hb_ui_name_descendants (GtkWidget *root, GType type, const char *label)
{
  if (GTK_IS_MENU_BUTTON (root) && type == GTK_TYPE_TOGGLE_BUTTON)
    return;
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    hb_ui_set_accessible_label (root, label);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hb_ui_name_descendants (child, type, label);
}

/* The focusable item a list view wraps around @row (GTK 4.8 offers no way to label it). */
void
hb_ui_name_list_item (GtkWidget *row, const char *label, const char *description)
{
  GtkWidget *item = gtk_widget_get_parent (row);

  if (item == NULL || !g_str_equal (G_OBJECT_TYPE_NAME (item), "GtkListItemWidget"))
    return;
  hb_ui_set_accessible_label (item, label);
  hb_ui_set_accessible_description (item, description);
}

#define BUTTON_LABEL_KEY "hb-accessible-label"

/* A button with a text label is named by that label too (GTK relates the two), so a name of
 * its own would be read with the label after it: the relation goes, and comes back with
 * every new label. */
static void
apply_button_label (GtkButton *button)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  hb_ui_set_accessible_label (button, g_object_get_data (G_OBJECT (button), BUTTON_LABEL_KEY));
}

void
hb_ui_button_set_accessible_label (GtkButton *button, const char *label)
{
  gboolean first = g_object_get_data (G_OBJECT (button), BUTTON_LABEL_KEY) == NULL;

  g_object_set_data_full (G_OBJECT (button), BUTTON_LABEL_KEY, g_strdup (label), g_free);
  if (first)
    g_signal_connect_after (button, "notify::label", G_CALLBACK (apply_button_label), NULL);
  apply_button_label (button);
}

static void
name_status_page_scroller (AdwStatusPage *page)
{
  hb_ui_name_descendants (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW,
                          adw_status_page_get_title (page));
}

/* A status page scrolls inside, and its scrolled window can take the focus: it is named
 * after the page's title, whatever that becomes. */
void
hb_ui_name_status_page (AdwStatusPage *page)
{
  g_signal_connect (page, "notify::title", G_CALLBACK (name_status_page_scroller), NULL);
  name_status_page_scroller (page);
}

/* Every status page below @root. */
void
hb_ui_name_status_pages (GtkWidget *root)
{
  if (ADW_IS_STATUS_PAGE (root))
    {
      hb_ui_name_status_page (ADW_STATUS_PAGE (root));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hb_ui_name_status_pages (child);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

/* Each item of a list is named by the text it shows. */
static void
name_items_by_text (GtkWidget *root, GType item_type)
{
  GtkWidget *label;

  if (G_OBJECT_TYPE (root) == item_type && (label = first_label (root)) != NULL)
    hb_ui_set_accessible_label (root, gtk_label_get_text (GTK_LABEL (label)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_items_by_text (child, item_type);
}

static void
name_popup_items (GtkWidget *popover)
{
  GType item_type = g_type_from_name ("GtkListItemWidget");

  if (item_type != G_TYPE_INVALID)
    name_items_by_text (popover, item_type);
}

/* The list a drop-down or combo row opens is named @name; its items, whose widgets exist
 * before the list is first shown, are named when made and again when the list is shown. */
static void
name_popup_list (GtkWidget *root, const char *name)
{
  if (GTK_IS_POPOVER (root))
    {
      hb_ui_name_descendants (root, GTK_TYPE_LIST_VIEW, name);
      name_popup_items (root);
      g_signal_connect (root, "map", G_CALLBACK (name_popup_items), NULL);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_popup_list (child, name);
}

static void
on_combo_selected (AdwComboRow *row, GParamSpec *pspec, gpointer unused)
{
  name_popup_items (GTK_WIDGET (row));
}

/* A combo row shows its choice in a one-item list of its own, whose item is made when the
 * row is first shown. */
void
hb_ui_name_combo_row (AdwComboRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  hb_ui_name_descendants (GTK_WIDGET (row), GTK_TYPE_LIST_VIEW, title);
  name_popup_list (GTK_WIDGET (row), title);
  g_signal_connect (row, "map", G_CALLBACK (name_popup_items), NULL);
  g_signal_connect_after (row, "notify::selected", G_CALLBACK (on_combo_selected), NULL);
}

static const char *
drop_down_selected_text (GtkDropDown *drop_down)
{
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                     : NULL;
}

static void
name_drop_down_button (GtkDropDown *drop_down)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
  GType item_type = g_type_from_name ("GtkListItemWidget");

  if (button == NULL)
    return;
  /* The button opens the list: it is the drop-down's name; what it shows is the choice. */
  hb_ui_name_descendants (button, GTK_TYPE_TOGGLE_BUTTON,
                          g_object_get_data (G_OBJECT (drop_down), BUTTON_LABEL_KEY));
  if (item_type != G_TYPE_INVALID)
    hb_ui_name_descendants (button, item_type, drop_down_selected_text (drop_down));
}

void
hb_ui_name_drop_down (GtkDropDown *drop_down, const char *label)
{
  gboolean first = g_object_get_data (G_OBJECT (drop_down), BUTTON_LABEL_KEY) == NULL;

  g_object_set_data_full (G_OBJECT (drop_down), BUTTON_LABEL_KEY, g_strdup (label), g_free);
  hb_ui_set_accessible_label (drop_down, label);
  if (first)
    {
      g_signal_connect_after (drop_down, "notify::selected", G_CALLBACK (name_drop_down_button),
                              NULL);
      name_popup_list (GTK_WIDGET (drop_down), label);
    }
  name_drop_down_button (drop_down);
}

/* A menu button's popover menu, and the scrolled window in it, are named after the button's
 * tooltip ("Main Menu"). */
void
hb_ui_name_menu_button_popover (GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  const char *name = gtk_widget_get_tooltip_text (GTK_WIDGET (button));

  if (popover == NULL || name == NULL)
    return;
  hb_ui_set_accessible_label (popover, name);
  hb_ui_name_descendants (GTK_WIDGET (popover), GTK_TYPE_SCROLLED_WINDOW, name);
}

static void
hide_if_empty (GtkLabel *label)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               *gtk_label_get_label (label) == '\0', -1);
}

/* A label is read as its text, and one with none as "GtkLabel" (GTK 4.8's fallback): a label
 * that is empty at times (a status line, a banner's text before it shows) is left out of the
 * tree while it is. It stays visible: it keeps its place in the layout. */
void
hb_ui_hide_while_empty (GtkLabel *label)
{
  g_signal_connect (label, "notify::label", G_CALLBACK (hide_if_empty), NULL);
  hide_if_empty (label);
}

static void
name_buttons_outside_fields (GtkWidget *root, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        {
          hb_ui_set_accessible_label (child, label);
          gtk_widget_set_tooltip_text (child, label);
        }
      else if (!GTK_IS_EDITABLE (child))
        name_buttons_outside_fields (child, label);
    }
}

/* A search bar's close button shows an icon only; GTK 4.8 names it after that icon's type
 * ("GtkImage") and gives it no tooltip: both become @label. */
void
hb_ui_name_search_bar_close (GtkSearchBar *bar, const char *label)
{
  name_buttons_outside_fields (GTK_WIDGET (bar), label);
}

static void
hide_unshown (AdwSqueezer *squeezer)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  if (shown == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (squeezer)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != shown, -1);
}

/* A squeezer keeps every one of its children, and each is in the accessibility tree: a message
 * dialog's buttons (laid out side by side and stacked) and a view switcher title's switchers
 * (wide and narrow) were each there twice. Only the one shown is. */
void
hb_ui_hide_squeezed (GtkWidget *root)
{
  if (ADW_IS_SQUEEZER (root))
    {
      g_signal_connect (root, "notify::visible-child", G_CALLBACK (hide_unshown), NULL);
      hide_unshown (ADW_SQUEEZER (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hb_ui_hide_squeezed (child);
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *text = find_text (child);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* GTK 4.8 reports the focus of an entry (GtkEntry, GtkSearchEntry, AdwEntryRow) on the
 * GtkText inside it, which it leaves out of the accessibility tree: a screen reader never
 * heard that the field had the focus while the person typed. The GtkText takes the field's
 * role and name, and the field takes no focus of its own (its grab_focus still hands the
 * focus on), so one control has the name. Only the GtkText's role changes: it was never in
 * the tree, where a role that has been shown cannot change (GTK 4.8 says so critically).
 * Call once the window is mapped: a change before left GTK 4.8 calling a dialog a filler. */
void
hb_ui_expose_editable (GtkWidget *editable, const char *label)
{
  GtkWidget *text = find_text (editable);

  if (text == NULL || text == editable ||
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) != GTK_ACCESSIBLE_ROLE_NONE)
    return; /* no inner field, or done before */
  g_object_set (text, "accessible-role",
                gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (editable)), NULL);
  hb_ui_set_accessible_label (text, label);
  gtk_widget_set_focusable (editable, FALSE);
}
