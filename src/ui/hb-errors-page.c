/* hb-errors-page.c: an application's errors, newest first, each with a copyable detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-errors-page.h"
#include "hb-page-list.h"
#include "hb-status-stack.h"
#include "hb-ui-closures.h"

struct _HbErrorsPage
{
  GtkWidget parent_instance;

  HbPageList list; /* the app's errors, newest first */

  HbStatusStack *status_stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (HbErrorsPage, hb_errors_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
errors_actions_update (HbErrorsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "errors.reload", self->list.items != NULL);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_page_list_reload (&HB_ERRORS_PAGE (widget)->list);
}

/* Plain text a developer can paste into a bug report. */
char *
hb_errors_page_format_error (HbAppError *error)
{
  GString *text = g_string_new (NULL);
  g_autofree char *date = hb_ui_date_exact (NULL, hb_app_error_get_date (error));
  guint depth = 0;

  g_string_append_printf (text, "%s\n\n", hb_app_error_get_message (error));
  g_string_append_printf (text, _ ("Date: %s\n"), date != NULL ? date : "");
  g_string_append_printf (text, _ ("Request: %s\n"), hb_app_error_get_request_path (error));
  g_string_append_printf (text, _ ("Commit: %s\n"), hb_app_error_get_commit_id (error));

  for (HbException *e = hb_app_error_get_exception (error); e != NULL;
       e = hb_exception_get_inner (e))
    {
      g_string_append (text, "\n");
      if (depth++ > 0)
        g_string_append (text, _ ("Inner exception:\n"));
      g_string_append_printf (text, "%s: %s\n", hb_exception_get_type_name (e),
                              hb_exception_get_message (e));
      if (hb_exception_get_stack_trace (e) != NULL)
        g_string_append_printf (text, "%s\n", hb_exception_get_stack_trace (e));
    }
  return g_string_free (text, FALSE);
}

static void
on_detail_response (AdwMessageDialog *dialog, const char *response, HbErrorsPage *self)
{
  if (g_strcmp0 (response, "copy") == 0)
    hb_ui_copy_text (GTK_WIDGET (self), g_object_get_data (G_OBJECT (dialog), "text"));
}

GtkWindow *
hb_errors_page_show_error (HbErrorsPage *self, HbAppError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = hb_errors_page_format_error (error);
  AdwMessageDialog *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Error Details"), NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Error Details"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 320);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "close", _ ("_Close"), "copy", _ ("C_opy"), NULL);
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_default_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "text", g_steal_pointer (&text), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_detail_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_row_activated (GtkListBox *box, GtkListBoxRow *row, HbErrorsPage *self)
{
  g_autoptr (HbAppError) error =
      g_list_model_get_item (G_LIST_MODEL (self->list.items), gtk_list_box_row_get_index (row));

  if (error != NULL)
    hb_errors_page_show_error (self, error);
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  HbAppError *error = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = hb_ui_first_line (NULL, hb_app_error_get_message (error));
  g_autofree char *when = hb_ui_date_relative (NULL, hb_app_error_get_date (error));
  g_autofree char *subtitle =
      g_strdup_printf ("%s · %s", when, hb_app_error_get_request_path (error));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

void
hb_errors_page_set_app (HbErrorsPage *self, HbApp *app)
{
  g_return_if_fail (HB_IS_ERRORS_PAGE (self));

  if (!hb_page_list_set_app (&self->list, app))
    return;
  errors_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

GListModel *
hb_errors_page_get_model (HbErrorsPage *self)
{
  g_return_val_if_fail (HB_IS_ERRORS_PAGE (self), NULL);
  return G_LIST_MODEL (self->list.items);
}

gboolean
hb_errors_page_get_loading (HbErrorsPage *self)
{
  g_return_val_if_fail (HB_IS_ERRORS_PAGE (self), FALSE);
  return hb_page_list_get_loading (&self->list);
}

static void
hb_errors_page_dispose (GObject *object)
{
  HbErrorsPage *self = HB_ERRORS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_ERRORS_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (self));
  hb_page_list_clear (&self->list);

  G_OBJECT_CLASS (hb_errors_page_parent_class)->dispose (object);
}

static void
hb_errors_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbErrorsPage *self = HB_ERRORS_PAGE (object);

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
hb_errors_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbErrorsPage *self = HB_ERRORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      if (hb_page_list_set_client (&self->list, g_value_get_object (value)))
        errors_actions_update (self);
      break;
    case PROP_APP:
      hb_errors_page_set_app (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_errors_page_class_init (HbErrorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_errors_page_dispose;
  object_class->get_property = hb_errors_page_get_property;
  object_class->set_property = hb_errors_page_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-errors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbErrorsPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbErrorsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "errors.reload", NULL, reload_action);
}

static void
hb_errors_page_init (HbErrorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_page_list_init (&self->list, GTK_WIDGET (self), HB_TYPE_APP_ERROR, self->status_stack,
                     self->list_box, create_row);
  errors_actions_update (self);
}
