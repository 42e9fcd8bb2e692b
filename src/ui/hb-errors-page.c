/* hb-errors-page.c: an application's errors, newest first, each with a copyable detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-errors-page.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

struct _HbErrorsPage
{
  HbAppPage parent_instance;
};

G_DEFINE_FINAL_TYPE (HbErrorsPage, hb_errors_page, HB_TYPE_APP_PAGE)

static HbRemoteList *
errors_create_list (HbAppPage *page, HbClient *client, HbApp *app)
{
  return HB_REMOTE_LIST (hb_resource_list_new (client, HB_TYPE_APP_ERROR, hb_app_get_slug (app)));
}

static void
errors_actions_update (HbAppPage *page)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "errors.reload",
                                 hb_app_page_get_list (page) != NULL);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_app_page_reload (HB_APP_PAGE (widget));
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

/* Copy sends the text the dialog shows, read back from its view. */
static void
on_detail_response (AdwMessageDialog *dialog, const char *response, HbErrorsPage *self)
{
  GtkWidget *scrolled = adw_message_dialog_get_extra_child (dialog);
  GtkTextView *view =
      GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "copy") != 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  hb_ui_copy_text (GTK_WIDGET (self), text);
}

static GtkWidget *
detail_view (const char *text)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Error Details"), -1);
  return view;
}

GtkWindow *
hb_errors_page_show_error (HbErrorsPage *self, HbAppError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = hb_errors_page_format_error (error);
  AdwMessageDialog *dialog;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = detail_view (text);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _ ("Error Details"), NULL));
  hb_ui_hide_squeezed (GTK_WIDGET (dialog));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  hb_ui_set_accessible_label (scrolled, _ ("Error Details"));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 320);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "close", _ ("_Close"), "copy", _ ("C_opy"), NULL);
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_default_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_detail_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_row_activated (GtkListBox *box, GtkListBoxRow *row, HbErrorsPage *self)
{
  GListModel *errors = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (self)));
  g_autoptr (HbAppError) error = g_list_model_get_item (errors, gtk_list_box_row_get_index (row));

  if (error != NULL)
    hb_errors_page_show_error (self, error);
}

static GtkWidget *
errors_create_row (HbAppPage *page, gpointer item)
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

static void
hb_errors_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_ERRORS_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (hb_errors_page_parent_class)->dispose (object);
}

static void
hb_errors_page_class_init (HbErrorsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hb_errors_page_dispose;
  page_class->create_list = errors_create_list;
  page_class->create_row = errors_create_row;
  page_class->actions_update = errors_actions_update;

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-errors-page.ui");
  hb_app_page_class_bind_template_children (widget_class, TRUE);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "errors.reload", NULL, reload_action);
}

static void
hb_errors_page_init (HbErrorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
