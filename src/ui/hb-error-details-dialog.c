/* hb-error-details-dialog.c: one error's message and full report, unwrapped, with Copy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-error-details-dialog.h"
#include "hb-ui-util.h"

/* A stack trace's lines want this much room; a narrower parent caps it (see _new). */
#define DEFAULT_WIDTH 720
#define DEFAULT_HEIGHT 520

struct _HbErrorDetailsDialog
{
  AdwWindow parent_instance;

  GtkLabel *message_label;
  GtkTextView *text_view;
  gboolean mapped_once;
};

G_DEFINE_FINAL_TYPE (HbErrorDetailsDialog, hb_error_details_dialog, ADW_TYPE_WINDOW)

/* The report as shown: what Copy All sends. */
char *
hb_error_details_dialog_dup_report (HbErrorDetailsDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (HB_IS_ERROR_DETAILS_DIALOG (self), NULL);
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
copy_all (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbErrorDetailsDialog *self = HB_ERROR_DETAILS_DIALOG (widget);
  g_autofree char *report = hb_error_details_dialog_dup_report (self);

  hb_ui_copy_text (GTK_WIDGET (self->text_view), report);
}

/* Ctrl+C: the selection, or the whole report when nothing is selected (the view's own
 * handler would copy nothing then). */
static void
copy (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbErrorDetailsDialog *self = HB_ERROR_DETAILS_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      copy_all (widget, NULL, NULL);
      return;
    }
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  hb_ui_copy_text (GTK_WIDGET (self->text_view), text);
}

/* The view's Ctrl+C (and its context menu's Copy) go the same way as the window's. */
static void
on_copy_clipboard (HbErrorDetailsDialog *self, GtkTextView *view)
{
  g_signal_stop_emission_by_name (view, "copy-clipboard");
  copy (GTK_WIDGET (self), NULL, NULL);
}

/* The keyboard starts in the report: arrows scroll it, Ctrl+C copies it. Set once mapped: a
 * focus set before made GTK 4.8 report a window as a "filler" on AT-SPI (see
 * hb-create-app-dialog.c). */
static void
hb_error_details_dialog_map (GtkWidget *widget)
{
  HbErrorDetailsDialog *self = HB_ERROR_DETAILS_DIALOG (widget);

  GTK_WIDGET_CLASS (hb_error_details_dialog_parent_class)->map (widget);
  if (!self->mapped_once)
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  self->mapped_once = TRUE;
}

static void
hb_error_details_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_ERROR_DETAILS_DIALOG);

  G_OBJECT_CLASS (hb_error_details_dialog_parent_class)->dispose (object);
}

static void
hb_error_details_dialog_class_init (HbErrorDetailsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hb_error_details_dialog_dispose;
  widget_class->map = hb_error_details_dialog_map;

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-error-details-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HbErrorDetailsDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, HbErrorDetailsDialog, text_view);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clipboard);

  gtk_widget_class_install_action (widget_class, "details.copy-all", NULL, copy_all);
  gtk_widget_class_install_action (widget_class, "details.copy", NULL, copy);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "details.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hb_error_details_dialog_init (HbErrorDetailsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @message and @report are plain text (a server's words: never markup). The dialog is as
 * wide as a stack trace wants, or as its parent where that is narrower. */
HbErrorDetailsDialog *
hb_error_details_dialog_new (GtkWindow *parent, const char *message, const char *report)
{
  HbErrorDetailsDialog *self =
      g_object_new (HB_TYPE_ERROR_DETAILS_DIALOG, "transient-for", parent, NULL);
  int width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;
  int height = parent != NULL ? gtk_widget_get_height (GTK_WIDGET (parent)) : 0;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               width > 0 ? MIN (width, DEFAULT_WIDTH) : DEFAULT_WIDTH,
                               height > 0 ? MIN (height, DEFAULT_HEIGHT) : DEFAULT_HEIGHT);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), report, -1);
  return self;
}
