/* hb-variables-page.c: an application's configuration variables: add, edit, remove, reveal, copy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-page-list.h"
#include "hb-status-stack.h"
#include "hb-ui-closures.h"
#include "hb-variables-page.h"

struct _HbVariablesPage
{
  GtkWidget parent_instance;

  HbPageList list; /* the app's variables, and the cancellable of its requests */

  HbStatusStack *status_stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (HbVariablesPage, hb_variables_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
variables_actions_update (HbVariablesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "variables.add", self->list.items != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "variables.reload", self->list.items != NULL);
}

/* A request made for one app answers for that app only. */
typedef struct
{
  HbVariablesPage *self;
  char *key;
  char *value;
  char *id;
} Op;

static Op *
op_new (HbVariablesPage *self, const char *key, const char *value, const char *id)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->key = g_strdup (key);
  op->value = g_strdup (value);
  op->id = g_strdup (id);
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  g_free (op->key);
  g_free (op->value);
  g_free (op->id);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_page_list_reload (&HB_VARIABLES_PAGE (widget)->list);
}

static void open_editor (
    HbVariablesPage *self, const char *id, const char *key, const char *value, const GError *error);

static void
create_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbConfigVar) var = NULL;

  var = HB_CONFIG_VAR (hb_client_create_resource_finish (HB_CLIENT (source), result, &error));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (var == NULL)
    {
      /* Nothing typed is lost: the form comes back with the problem. */
      open_editor (op->self, NULL, op->key, op->value, error);
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Variable added"));
  hb_page_list_reload (&op->self->list);
}

static void
update_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_client_update_resource_finish (HB_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        open_editor (op->self, op->id, op->key, op->value, error);
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Variable saved"));
  hb_page_list_reload (&op->self->list);
}

void
hb_variables_page_add (HbVariablesPage *self, const char *key, const char *value)
{
  g_return_if_fail (HB_IS_VARIABLES_PAGE (self));
  g_return_if_fail (self->list.app != NULL);

  hb_client_create_resource_async (
      self->list.client, HB_TYPE_CONFIG_VAR, hb_app_get_slug (self->list.app),
      (const char *const[]){ key, value, NULL }, self->list.cancellable, create_cb,
      op_new (self, key, value, NULL));
}

static void
on_editor_response (AdwMessageDialog *dialog, const char *response, HbVariablesPage *self)
{
  GtkEditable *key_row = g_object_get_data (G_OBJECT (dialog), "key-row");
  GtkEditable *value_row = g_object_get_data (G_OBJECT (dialog), "value-row");
  const char *id = g_object_get_data (G_OBJECT (dialog), "var-id");
  const char *key = gtk_editable_get_text (key_row);
  const char *value = gtk_editable_get_text (value_row);

  if (g_strcmp0 (response, "save") != 0 || self->list.app == NULL)
    return;
  if (id == NULL)
    hb_variables_page_add (self, key, value);
  else
    hb_client_update_resource_async (
        self->list.client, HB_TYPE_CONFIG_VAR, hb_app_get_slug (self->list.app), id,
        (const char *const[]){ key, value, NULL }, self->list.cancellable, update_cb,
        op_new (self, key, value, id));
}

static void
open_editor (
    HbVariablesPage *self, const char *id, const char *key, const char *value, const GError *error)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *key_row = adw_entry_row_new ();
  GtkWidget *value_row = adw_entry_row_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (key_row), _ ("Key"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (value_row), _ ("Value"));
  gtk_editable_set_text (GTK_EDITABLE (key_row), key != NULL ? key : "");
  gtk_editable_set_text (GTK_EDITABLE (value_row), value != NULL ? value : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (value_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), key_row);
  gtk_list_box_append (GTK_LIST_BOX (list), value_row);
  dialog = hb_ui_form_dialog_new (GTK_WIDGET (self),
                                  id == NULL ? _ ("Add Variable") : _ ("Edit Variable"), error,
                                  list, "save", id == NULL ? _ ("_Add") : _ ("_Save"));
  g_object_set_data (G_OBJECT (dialog), "key-row", key_row);
  g_object_set_data (G_OBJECT (dialog), "value-row", value_row);
  g_object_set_data_full (G_OBJECT (dialog), "var-id", g_strdup (id), g_free);
  hb_ui_form_dialog_require (dialog, "save", GTK_EDITABLE (key_row));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_editor_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  open_editor (HB_VARIABLES_PAGE (widget), NULL, NULL, NULL, NULL);
}

static void
on_undo_remove (AdwToast *toast, HbVariablesPage *self)
{
  HbConfigVar *var = g_object_get_data (G_OBJECT (toast), "var");

  if (self->list.app != NULL)
    hb_variables_page_add (self, hb_config_var_get_key (var),
                           hb_resource_get_value (HB_RESOURCE (var)));
}

static void
delete_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;
  HbVariablesPage *self = op->self;
  HbConfigVar *var;
  AdwToast *toast;
  guint position;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_toast (GTK_WIDGET (self), text);
      return;
    }

  var = hb_page_list_find (&self->list, op->id, &position);
  if (var == NULL)
    return;
  /* Undo is cheap: the key and value are still in hand. */
  toast = hb_ui_toast_new_printf (_ ("Variable “%s” removed"), hb_config_var_get_key (var));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "var", g_object_ref (var), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  hb_remote_list_remove_item (HB_REMOTE_LIST (self->list.items), position);
  hb_ui_add_toast (GTK_WIDGET (self), toast);
}

void
hb_variables_page_remove (HbVariablesPage *self, const char *id)
{
  g_return_if_fail (HB_IS_VARIABLES_PAGE (self));
  g_return_if_fail (self->list.app != NULL);

  hb_client_delete_resource_async (self->list.client, HB_TYPE_CONFIG_VAR,
                                   hb_app_get_slug (self->list.app), id, self->list.cancellable,
                                   delete_cb, op_new (self, NULL, NULL, id));
}

static HbConfigVar *
var_for_id (HbVariablesPage *self, const char *id)
{
  return hb_page_list_find (&self->list, id, NULL);
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_variables_page_remove (HB_VARIABLES_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (widget);
  HbConfigVar *var = var_for_id (self, g_variant_get_string (param, NULL));

  if (var != NULL)
    open_editor (self, hb_resource_get_id (HB_RESOURCE (var)), hb_config_var_get_key (var),
                 hb_resource_get_value (HB_RESOURCE (var)), NULL);
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (widget);
  HbConfigVar *var = var_for_id (self, g_variant_get_string (param, NULL));

  if (var != NULL)
    hb_ui_copy_text (widget, hb_resource_get_value (HB_RESOURCE (var)));
}

static void
on_reveal_toggled (GtkToggleButton *toggle, AdwActionRow *row)
{
  HbConfigVar *var = g_object_get_data (G_OBJECT (row), "var");
  gboolean shown = gtk_toggle_button_get_active (toggle);

  adw_action_row_set_subtitle (row, shown ? hb_resource_get_value (HB_RESOURCE (var)) : "••••••••");
  gtk_widget_set_tooltip_text (GTK_WIDGET (toggle), shown ? _ ("Hide Value") : _ ("Show Value"));
}

static GtkWidget *
icon_button (const char *icon, const char *label, const char *action, const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  HbConfigVar *var = item;
  const char *id = hb_resource_get_id (HB_RESOURCE (var));
  const char *key = hb_config_var_get_key (var);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *reveal = gtk_toggle_button_new ();
  g_autofree char *remove_label = g_strdup_printf (_ ("Remove %s"), key);
  g_autofree char *reveal_label = g_strdup_printf (_ ("Show Value of %s"), key);

  g_object_set_data_full (G_OBJECT (row), "var", g_object_ref (var), g_object_unref);
  /* Plain text before any text: a title set first would be parsed as markup once. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key);
  gtk_widget_add_css_class (row, "property");

  gtk_button_set_icon_name (GTK_BUTTON (reveal), "view-reveal-symbolic");
  gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reveal, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reveal_label, -1);
  g_signal_connect_object (reveal, "toggled", G_CALLBACK (on_reveal_toggled), row, 0);
  on_reveal_toggled (GTK_TOGGLE_BUTTON (reveal), ADW_ACTION_ROW (row));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reveal);
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      icon_button ("edit-copy-symbolic", _ ("Copy Value"), "variables.copy", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("document-edit-symbolic",
                                                                _ ("Edit"), "variables.edit", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon_button ("user-trash-symbolic", remove_label,
                                                                "variables.remove", id));
  return row;
}

void
hb_variables_page_set_app (HbVariablesPage *self, HbApp *app)
{
  g_return_if_fail (HB_IS_VARIABLES_PAGE (self));

  if (!hb_page_list_set_app (&self->list, app))
    return;
  variables_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

GListModel *
hb_variables_page_get_model (HbVariablesPage *self)
{
  g_return_val_if_fail (HB_IS_VARIABLES_PAGE (self), NULL);
  return G_LIST_MODEL (self->list.items);
}

gboolean
hb_variables_page_get_loading (HbVariablesPage *self)
{
  g_return_val_if_fail (HB_IS_VARIABLES_PAGE (self), FALSE);
  return hb_page_list_get_loading (&self->list);
}

static void
hb_variables_page_dispose (GObject *object)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_VARIABLES_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (self));
  hb_page_list_clear (&self->list);

  G_OBJECT_CLASS (hb_variables_page_parent_class)->dispose (object);
}

static void
hb_variables_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->list.client);
      break;
    case PROP_APP:
      g_value_set_object (value, self->list.app);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_variables_page_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      if (hb_page_list_set_client (&self->list, g_value_get_object (value)))
        variables_actions_update (self);
      break;
    case PROP_APP:
      hb_variables_page_set_app (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_variables_page_class_init (HbVariablesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_variables_page_dispose;
  object_class->get_property = hb_variables_page_get_property;
  object_class->set_property = hb_variables_page_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-variables-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbVariablesPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbVariablesPage, list_box);

  gtk_widget_class_install_action (widget_class, "variables.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "variables.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "variables.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "variables.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "variables.copy", "s", copy_action);
}

static void
hb_variables_page_init (HbVariablesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_page_list_init (&self->list, GTK_WIDGET (self), HB_TYPE_CONFIG_VAR, self->status_stack,
                     self->list_box, create_row);
  variables_actions_update (self);
}
