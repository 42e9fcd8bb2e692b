/* hb-log-options.h: the Log page's options popover: the official CLI's options of a log session
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HB_TYPE_LOG_OPTIONS (hb_log_options_get_type ())
G_DECLARE_FINAL_TYPE (HbLogOptions, hb_log_options, HB, LOG_OPTIONS, GtkPopover)

void hb_log_options_set (HbLogOptions *self,
                         gboolean tail,
                         guint limit,
                         const char *source_filter,
                         const char *process_filter);
gboolean hb_log_options_get_tail (HbLogOptions *self);
guint hb_log_options_get_limit (HbLogOptions *self);
const char *hb_log_options_get_source_filter (HbLogOptions *self);
const char *hb_log_options_get_process_filter (HbLogOptions *self);

G_END_DECLS
