/* hb-log-save.c: Save Log: a log's lines written to a file, and a toast that says so
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-log-save.h"

#include "hb-ui-util.h"

static void
on_replaced (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
hb_log_save_text_async (gpointer source_object,
                        GFile *file,
                        char *text,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task;
  gsize length;
  g_autoptr (GBytes) bytes = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (text != NULL);
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_log_save_text_async);
  length = strlen (text);
  bytes = g_bytes_new_take (text, length);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, on_replaced, task);
}

gboolean
hb_log_save_text_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hb_log_save_text_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GtkWidget *widget;
  GFile *file;
  guint n_lines;
} SaveOp;

static void
save_op_free (SaveOp *op)
{
  g_object_unref (op->widget);
  g_object_unref (op->file);
  g_free (op);
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveOp *op = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (op->file);

  /* Cancelled: the page went, and its toast with it. */
  if (!hb_log_save_text_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hb_ui_add_toast (op->widget,
                         hb_ui_toast_new_printf (_ ("Could not save the log: %s"), error->message));
    }
  else
    hb_ui_add_toast (op->widget,
                     hb_ui_toast_new_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %'u line to “%s”",
                                                          "Saved %'u lines to “%s”", op->n_lines),
                                             op->n_lines, name));
  save_op_free (op);
}

void
hb_log_save_with_toast (
    GtkWidget *widget, GFile *file, char *text, guint n_lines, GCancellable *cancellable)
{
  SaveOp *op = g_new0 (SaveOp, 1);

  op->widget = g_object_ref (widget);
  op->file = g_object_ref (file);
  op->n_lines = n_lines;
  hb_log_save_text_async (NULL, file, text, cancellable, on_saved, op);
}
