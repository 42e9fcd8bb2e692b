/* hb-create-app-dialog.h: modal form that creates an application (name and region)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_CREATE_APP_DIALOG (hb_create_app_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HbCreateAppDialog, hb_create_app_dialog, HB, CREATE_APP_DIALOG, AdwWindow)

HbCreateAppDialog *hb_create_app_dialog_new (HbClient *client, GtkWindow *parent);
gboolean hb_create_app_dialog_get_busy (HbCreateAppDialog *self);
gboolean hb_create_app_dialog_get_valid (HbCreateAppDialog *self);

G_END_DECLS
