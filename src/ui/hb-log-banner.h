/* hb-log-banner.h: what the Log page says above the lines kept when its stream ends or drops,
 * with Reconnect
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HB_TYPE_LOG_BANNER (hb_log_banner_get_type ())
G_DECLARE_FINAL_TYPE (HbLogBanner, hb_log_banner, HB, LOG_BANNER, GtkWidget)

void hb_log_banner_show_ended (HbLogBanner *self, gboolean live);
void hb_log_banner_show_dropped (HbLogBanner *self, const GError *error);
void hb_log_banner_hide (HbLogBanner *self);
gboolean hb_log_banner_get_shown (HbLogBanner *self);
const char *hb_log_banner_get_text (HbLogBanner *self);

G_END_DECLS
