/* hb-welcome-page.h: the signed-out page: what Harbor is for, and Sign In
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_WELCOME_PAGE (hb_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (HbWelcomePage, hb_welcome_page, HB, WELCOME_PAGE, AdwBin)

GtkWidget *hb_welcome_page_new (HbClient *client, GMenuModel *menu);

void hb_welcome_page_focus_sign_in (HbWelcomePage *self);

G_END_DECLS
