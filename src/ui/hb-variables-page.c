/* hb-variables-page.c: an application's configuration variables: add, edit, remove, reveal, copy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-form-dialog.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"
#include "hb-variables-page.h"

struct _HbVariablesPage
{
  HbAppPage parent_instance;
};

G_DEFINE_FINAL_TYPE (HbVariablesPage, hb_variables_page, HB_TYPE_APP_PAGE)

static HbRemoteList *
variables_create_list (HbAppPage *page, HbClient *client, HbApp *app)
{
  return HB_REMOTE_LIST (hb_resource_list_new (client, HB_TYPE_CONFIG_VAR, hb_app_get_slug (app)));
}

static void
variables_actions_update (HbAppPage *page)
{
  gboolean ready = hb_app_page_get_list (page) != NULL;
  gboolean writable = ready && hb_app_page_get_reachable (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "variables.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "variables.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "variables.remove", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "variables.reload", ready);
}

/* A request made for one app answers for that app only: the page's cancellable goes with it. */
typedef struct
{
  HbVariablesPage *self;
  char *key;
  char *value;
  char *id; /* NULL for a new variable */
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

static HbClient *
client (HbVariablesPage *self)
{
  return hb_app_page_get_client (HB_APP_PAGE (self));
}

static const char *
slug (HbVariablesPage *self)
{
  return hb_app_get_slug (hb_app_page_get_app (HB_APP_PAGE (self)));
}

static GCancellable *
cancellable (HbVariablesPage *self)
{
  return hb_app_page_get_cancellable (HB_APP_PAGE (self));
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_app_page_reload (HB_APP_PAGE (widget));
}

/* ---- adding and editing ---- */

static void open_editor (HbVariablesPage *self, Op *op, const GError *error);

static void
create_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) var =
      hb_client_create_resource_finish (HB_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (var == NULL)
    {
      /* Nothing typed is lost: the form comes back with the problem. Whether it was added
       * may have stayed unknown: the list is asked again, it may show it. */
      if (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN))
        hb_app_page_reload (HB_APP_PAGE (op->self));
      open_editor (op->self, op, error);
      return;
    }
  hb_ui_add_toast (GTK_WIDGET (op->self),
                   hb_ui_toast_new_printf (_ ("Variable “%s” added"), op->key));
  hb_app_page_reload (HB_APP_PAGE (op->self));
}

static void
update_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_client_update_resource_finish (HB_CLIENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN))
        hb_app_page_reload (HB_APP_PAGE (op->self));
      open_editor (op->self, op, error);
      return;
    }
  hb_ui_add_toast (GTK_WIDGET (op->self),
                   hb_ui_toast_new_printf (_ ("Variable “%s” saved"), op->key));
  hb_app_page_reload (HB_APP_PAGE (op->self));
}

/* Sends @op: a create, or an update of the variable @op->id. */
static void
save (HbVariablesPage *self, Op *op)
{
  const char *const values[] = { op->key, op->value, NULL };

  if (op->id == NULL)
    hb_client_create_resource_async (client (self), HB_TYPE_CONFIG_VAR, slug (self), values,
                                     cancellable (self), create_cb, op);
  else
    hb_client_update_resource_async (client (self), HB_TYPE_CONFIG_VAR, slug (self), op->id, values,
                                     cancellable (self), update_cb, op);
}

void
hb_variables_page_add (HbVariablesPage *self, const char *key, const char *value)
{
  g_return_if_fail (HB_IS_VARIABLES_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  save (self, op_new (self, key, value, NULL));
}

enum
{
  FIELD_KEY,
  FIELD_VALUE,
};

static void
on_editor_submitted (HbFormDialog *dialog, Op *op)
{
  if (hb_app_page_get_app (HB_APP_PAGE (op->self)) == NULL)
    return;
  save (op->self, op_new (op->self, hb_form_dialog_get_text (dialog, FIELD_KEY),
                          hb_form_dialog_get_text (dialog, FIELD_VALUE), op->id));
}

/* The form for a new variable (@op->id NULL) or to edit one, holding @op's key and value. */
static void
open_editor (HbVariablesPage *self, Op *op, const GError *error)
{
  gboolean adding = op->id == NULL;
  HbFormDialog *dialog =
      hb_form_dialog_new (GTK_WIDGET (self), adding ? _ ("Add Variable") : _ ("Edit Variable"),
                          adding ? _ ("_Add") : _ ("_Save"));

  hb_form_dialog_add_row (dialog, _ ("Key"), op->key, HB_FORM_FIELD_REQUIRED);
  hb_form_dialog_add_row (dialog, _ ("Value"), op->value, HB_FORM_FIELD_ACTIVATES_DEFAULT);
  if (adding)
    hb_form_dialog_set_write_error (
        dialog, error, _ ("Not added"),
        _ ("Harbor could not find out whether it was added. Add it again: if it was, Harbor "
           "says so."));
  else
    hb_form_dialog_set_write_error (dialog, error, _ ("Not saved"),
                                    _ ("Harbor could not find out whether it was saved"));
  g_signal_connect_data (dialog, "submitted", G_CALLBACK (on_editor_submitted),
                         op_new (self, op->key, op->value, op->id),
                         (GClosureNotify) (void (*) (void)) op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr (Op) op = op_new (HB_VARIABLES_PAGE (widget), NULL, NULL, NULL);

  open_editor (HB_VARIABLES_PAGE (widget), op, NULL);
}

static HbConfigVar *
var_for_id (HbVariablesPage *self, const char *id)
{
  return hb_app_page_find (HB_APP_PAGE (self), id, NULL);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbVariablesPage *self = HB_VARIABLES_PAGE (widget);
  HbConfigVar *var = var_for_id (self, g_variant_get_string (param, NULL));
  g_autoptr (Op) op = NULL;

  if (var == NULL)
    return;
  op = op_new (self, hb_config_var_get_key (var), hb_resource_get_value (HB_RESOURCE (var)),
               hb_resource_get_id (HB_RESOURCE (var)));
  open_editor (self, op, NULL);
}

/* ---- removing, with Undo ---- */

/* Undo is cheap: the key and value are still in hand. */
static void
on_undo_remove (AdwToast *toast, Op *op)
{
  if (hb_app_page_get_app (HB_APP_PAGE (op->self)) == NULL)
    return;
  hb_variables_page_add (op->self, op->key, op->value);
  /* The toast, and its Undo button with the focus (Alt+U), goes. */
  hb_app_page_focus_start (HB_APP_PAGE (op->self));
}

static void
on_retry_remove (AdwToast *toast, Op *op)
{
  if (hb_app_page_get_app (HB_APP_PAGE (op->self)) != NULL)
    hb_variables_page_remove (op->self, op->id);
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
      text = hb_ui_write_error_to_text (error, _ ("Not removed"),
                                        _ ("Harbor could not find out whether it was removed"));
      toast = hb_ui_toast_new (text);
      adw_toast_set_button_label (toast, _ ("_Retry"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_retry_remove),
                             op_new (self, NULL, NULL, op->id),
                             (GClosureNotify) (void (*) (void)) op_free, 0);
      hb_ui_add_toast (GTK_WIDGET (self), toast);
      return;
    }

  var = hb_app_page_find (HB_APP_PAGE (self), op->id, &position);
  if (var == NULL)
    return;
  toast = hb_ui_toast_new_printf (_ ("Variable “%s” removed"), hb_config_var_get_key (var));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_data (
      toast, "button-clicked", G_CALLBACK (on_undo_remove),
      op_new (self, hb_config_var_get_key (var), hb_resource_get_value (HB_RESOURCE (var)), NULL),
      (GClosureNotify) (void (*) (void)) op_free, 0);
  hb_ui_add_toast (GTK_WIDGET (self), toast);
  hb_app_page_remove_item (HB_APP_PAGE (self), position);
}

void
hb_variables_page_remove (HbVariablesPage *self, const char *id)
{
  g_return_if_fail (HB_IS_VARIABLES_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  hb_client_delete_resource_async (client (self), HB_TYPE_CONFIG_VAR, slug (self), id,
                                   cancellable (self), delete_cb, op_new (self, NULL, NULL, id));
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_variables_page_remove (HB_VARIABLES_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbConfigVar *var = var_for_id (HB_VARIABLES_PAGE (widget), g_variant_get_string (param, NULL));

  if (var != NULL)
    hb_ui_copy_text (widget, hb_resource_get_value (HB_RESOURCE (var)));
}

/* ---- rows ---- */

/* What a reveal toggle changes: its row (which owns the toggle) and the row's variable. */
typedef struct
{
  AdwActionRow *row;
  HbConfigVar *var;
} Reveal;

static void
reveal_free (gpointer data, GClosure *closure)
{
  Reveal *reveal = data;

  g_object_unref (reveal->var);
  g_free (reveal);
}

#define HIDDEN_VALUE "••••••••"

static void
name_hidden_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), HIDDEN_VALUE) == 0)
    hb_ui_set_accessible_label (widget, _ ("Value hidden"));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_hidden_labels (child);
}

static void
name_hidden_value (AdwActionRow *row)
{
  hb_ui_set_accessible_description (row, _ ("Value hidden"));
  name_hidden_labels (GTK_WIDGET (row));
}

static void
on_reveal_toggled (GtkToggleButton *toggle, GParamSpec *pspec, Reveal *reveal)
{
  gboolean shown = gtk_toggle_button_get_active (toggle);

  adw_action_row_set_subtitle (
      reveal->row, shown ? hb_resource_get_value (HB_RESOURCE (reveal->var)) : HIDDEN_VALUE);
  /* The row's description is its subtitle: the dots are read as "hidden", not as bullets. */
  if (!shown)
    name_hidden_value (reveal->row);
}

static GtkWidget *
icon_button (
    const char *icon, const char *tooltip, const char *label, const char *action, const char *id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

/* The row shows one variable for its whole life: a reload updates that object in place. */
static GtkWidget *
reveal_button (AdwActionRow *row, HbConfigVar *var)
{
  GtkWidget *reveal = gtk_toggle_button_new ();
  g_autofree char *label = g_strdup_printf (_ ("Show Value of %s"), hb_config_var_get_key (var));
  Reveal *data = g_new (Reveal, 1);

  gtk_button_set_icon_name (GTK_BUTTON (reveal), "view-reveal-symbolic");
  /* A toggle keeps its name; pressed says the value is shown. */
  gtk_widget_set_tooltip_text (reveal, _ ("Show Value"));
  gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (reveal, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  data->row = row;
  data->var = g_object_ref (var);
  g_signal_connect_data (reveal, "notify::active", G_CALLBACK (on_reveal_toggled), data,
                         reveal_free, 0);
  on_reveal_toggled (GTK_TOGGLE_BUTTON (reveal), NULL, data);
  return reveal;
}

static GtkWidget *
variables_create_row (HbAppPage *page, gpointer item)
{
  HbConfigVar *var = item;
  const char *id = hb_resource_get_id (item);
  const char *key = hb_config_var_get_key (var);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *remove_label = g_strdup_printf (_ ("Remove %s"), key);
  g_autofree char *copy_label = g_strdup_printf (_ ("Copy Value of %s"), key);
  g_autofree char *edit_label = g_strdup_printf (_ ("Edit %s"), key);

  /* Plain text before any text: a title set first would be parsed as markup once. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key);
  gtk_widget_add_css_class (row, "property");

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), reveal_button (ADW_ACTION_ROW (row), var));
  /* Each says which variable; the tooltips stay short. */
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      icon_button ("edit-copy-symbolic", _ ("Copy Value"), copy_label, "variables.copy", id));
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      icon_button ("document-edit-symbolic", _ ("Edit"), edit_label, "variables.edit", id));
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      icon_button ("user-trash-symbolic", _ ("Remove"), remove_label, "variables.remove", id));
  return row;
}

/* ---- GObject ---- */

static void
hb_variables_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_VARIABLES_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (hb_variables_page_parent_class)->dispose (object);
}

static void
hb_variables_page_class_init (HbVariablesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  object_class->dispose = hb_variables_page_dispose;
  page_class->create_list = variables_create_list;
  page_class->create_row = variables_create_row;
  page_class->actions_update = variables_actions_update;

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-variables-page.ui");
  hb_app_page_class_bind_template_children (widget_class, TRUE);

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
}
