/* hb-log-buffer.h: the last lines of a live log (a bounded GListModel of HbLogLine), and
 * where a reconnected session's lines join the ones shown
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-log-line.h"

G_BEGIN_DECLS

/* What a log view keeps by default: enough to scroll back through, bounded in memory. */
#define HB_LOG_BUFFER_DEFAULT_MAX_LINES 10000

#define HB_TYPE_LOG_BUFFER (hb_log_buffer_get_type ())
G_DECLARE_FINAL_TYPE (HbLogBuffer, hb_log_buffer, HB, LOG_BUFFER, GObject)

HbLogBuffer *hb_log_buffer_new (guint max_lines);

guint hb_log_buffer_get_max_lines (HbLogBuffer *self);
guint64 hb_log_buffer_get_n_dropped (HbLogBuffer *self);
guint64 hb_log_buffer_get_n_skipped (HbLogBuffer *self);
HbLogLine *hb_log_buffer_get_last (HbLogBuffer *self);

void hb_log_buffer_append (HbLogBuffer *self, GPtrArray *lines);
void hb_log_buffer_clear (HbLogBuffer *self);
void hb_log_buffer_begin_resume (HbLogBuffer *self, guint limit);
gboolean hb_log_buffer_get_resuming (HbLogBuffer *self);
char *hb_log_buffer_dup_text (HbLogBuffer *self);

G_END_DECLS
