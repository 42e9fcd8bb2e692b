/* hb-app-row.h: one application in the list, with its latest build's status
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_ROW (hb_app_row_get_type ())
G_DECLARE_FINAL_TYPE (HbAppRow, hb_app_row, HB, APP_ROW, GtkWidget)

GtkWidget *hb_app_row_new (void);
HbApp *hb_app_row_get_app (HbAppRow *self);
void hb_app_row_set_app (HbAppRow *self, HbApp *app);

G_END_DECLS
