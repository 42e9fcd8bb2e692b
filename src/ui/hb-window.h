/* hb-window.h: Harbor's main window: welcome page, or applications list | detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_WINDOW (hb_window_get_type ())
G_DECLARE_FINAL_TYPE (HbWindow, hb_window, HB, WINDOW, AdwApplicationWindow)

HbWindow *hb_window_new (GtkApplication *application, HbClient *client);
HbClient *hb_window_get_client (HbWindow *self);
GtkWidget *hb_window_get_list_view (HbWindow *self);
GtkWidget *hb_window_get_detail_view (HbWindow *self);
const char *hb_window_get_page (HbWindow *self);
void hb_window_add_toast (HbWindow *self, AdwToast *toast);
GtkWindow *hb_window_open_create_dialog (HbWindow *self);

G_END_DECLS
