/* hb-errors-page.c: an application's errors, newest first, each with a copyable detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-error-details-dialog.h"
#include "hb-errors-page.h"
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

/* The report in a window of its own, wide and unwrapped; the exception's message (what a
 * person reads first) above it. */
GtkWindow *
hb_errors_page_show_error (HbErrorsPage *self, HbAppError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HbException *exception = hb_app_error_get_exception (error);
  g_autofree char *report = hb_errors_page_format_error (error);
  HbErrorDetailsDialog *dialog;

  dialog = hb_error_details_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        exception != NULL ? hb_exception_get_message (exception)
                                                          : hb_app_error_get_message (error),
                                        report);
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
