/* hb-log-line.h: one line of an application's live log, as safe text and its parts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* No time: the line did not start with one. */
#define HB_LOG_LINE_NO_TIME G_MININT64

#define HB_TYPE_LOG_LINE (hb_log_line_get_type ())
G_DECLARE_FINAL_TYPE (HbLogLine, hb_log_line, HB, LOG_LINE, GObject)

HbLogLine *hb_log_line_new (const char *data, gsize length, gboolean truncated);

const char *hb_log_line_get_text (HbLogLine *self);
gint64 hb_log_line_get_time (HbLogLine *self);
const char *hb_log_line_get_source (HbLogLine *self);
const char *hb_log_line_get_process (HbLogLine *self);
const char *hb_log_line_get_identifier (HbLogLine *self);
const char *hb_log_line_get_message (HbLogLine *self);
gboolean hb_log_line_get_truncated (HbLogLine *self);

char *hb_log_line_dup_safe_text (const char *data, gsize length);

G_END_DECLS
