/* hb-resource-row.c: one row of the resources page: an item's title, its role or detail, and
 * its buttons, which use the page's actions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-resource-row.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

/* The role chooser lists Collaborator, then Administrator. */
const char *const *
hb_resource_row_role_names (void)
{
  static const char *names[3];

  names[0] = _ ("Collaborator");
  names[1] = _ ("Administrator");
  return names;
}

HbCollaboratorRole
hb_resource_row_role_for_position (guint position)
{
  return position == 1 ? HB_COLLABORATOR_ROLE_ADMINISTRATOR : HB_COLLABORATOR_ROLE_COLLABORATOR;
}

guint
hb_resource_row_position_for_role (HbCollaboratorRole role)
{
  return role == HB_COLLABORATOR_ROLE_ADMINISTRATOR ? 1 : 0;
}

/* A row's role chooser asks the page (resources.set-role) for the item's new role. */
static void
on_role_selected (GtkDropDown *drop_down, GParamSpec *pspec, const char *id)
{
  gtk_widget_activate_action (
      GTK_WIDGET (drop_down), "resources.set-role", "(si)", id,
      (int) hb_resource_row_role_for_position (gtk_drop_down_get_selected (drop_down)));
}

static void
free_id (gpointer id, GClosure *closure)
{
  g_free (id);
}

static GtkWidget *
role_drop_down_new (gpointer item)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (hb_resource_row_role_names ());
  /* Translators: the name a screen reader gives a collaborator's role chooser */
  g_autofree char *label = g_strdup_printf (_ ("Role of %s"), hb_resource_get_title (item));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              hb_resource_row_position_for_role (hb_collaborator_get_role (item)));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  hb_ui_name_drop_down (GTK_DROP_DOWN (drop_down), label);
  g_signal_connect_data (drop_down, "notify::selected", G_CALLBACK (on_role_selected),
                         g_strdup (hb_resource_get_id (item)), free_id, 0);
  return drop_down;
}

/* An icon button; @name is what a screen reader says: it names the item, as every row has
 * one, where the tooltip (@label) need not. */
static GtkWidget *
row_button_new (
    const char *label, const char *icon, const char *name, const char *action, const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

/* A kind's Copy button (copy_value or copy_detail, named by copy_*_name): an icon, its label
 * the tooltip; two text buttons and Remove did not fit a 360 px row in German. */
static void
add_copy_button (
    GtkWidget *row, const char *label, const char *name, const char *action, HbResource *item)
{
  g_autofree char *full_name = NULL;

  if (label == NULL)
    return;
  full_name = hb_ui_text_about (_ (name), hb_resource_get_title (item));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button_new (_ (label), "edit-copy-symbolic", full_name, action,
                                             hb_resource_get_id (item)));
}

/**
 * hb_resource_row_new:
 * @editable: whether the item can be removed, and its role changed
 *
 * A row for @item: its buttons use the page's actions (resources.remove, .copy-value,
 * .copy-detail, .set-role) with the item's id.
 */
GtkWidget *
hb_resource_row_new (const HbResourceDescriptor *descriptor, gpointer item, gboolean editable)
{
  const char *title = hb_resource_get_title (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (descriptor->has_role && editable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_drop_down_new (item));
  else if (descriptor->has_role)
    {
      g_autofree char *text = hb_ui_role_text (NULL, hb_collaborator_get_role (item));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }
  else if (!editable)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Built in, cannot be removed"));
  else if (descriptor->get_detail != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), descriptor->get_detail (item));
      gtk_widget_add_css_class (row, "property"); /* a token: monospace, as the value is */
    }

  add_copy_button (row, descriptor->copy_value, descriptor->copy_value_name, "resources.copy-value",
                   item);
  add_copy_button (row, descriptor->copy_detail, descriptor->copy_detail_name,
                   "resources.copy-detail", item);
  if (editable)
    {
      g_autofree char *name = g_strdup_printf (_ ("Remove %s"), title);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button_new (name, "user-trash-symbolic", name,
                                                 "resources.remove", hb_resource_get_id (item)));
    }
  return row;
}
