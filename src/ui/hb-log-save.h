/* hb-log-save.h: Save Log: a log's lines written to a file, and a toast that says so
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Writes @text (transfer full) to @file, replacing it; @source_object is the task's. */
void hb_log_save_text_async (gpointer source_object,
                             GFile *file,
                             char *text,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean hb_log_save_text_finish (GAsyncResult *result, GError **error);

/* Writes @text (transfer full, @n_lines lines) to @file, then a toast on @widget says how many
 * lines went where, or why they did not. */
void hb_log_save_with_toast (
    GtkWidget *widget, GFile *file, char *text, guint n_lines, GCancellable *cancellable);

G_END_DECLS
