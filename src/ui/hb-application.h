/* hb-application.h: Harbor's AdwApplication: the client, sign-in state, app actions, --demo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"
#include "hb-auth.h"

G_BEGIN_DECLS

#define HB_TYPE_APPLICATION (hb_application_get_type ())
G_DECLARE_FINAL_TYPE (HbApplication, hb_application, HB, APPLICATION, AdwApplication)

HbApplication *hb_application_new (void);
/* The HARBOR_ACCESS_TOKEN that main() took from the environment (see hb_auth_take_env_token). */
void hb_application_set_env_token (HbApplication *self, const char *token);
HbClient *hb_application_get_client (HbApplication *self);
HbAuth *hb_application_get_auth (HbApplication *self);

G_END_DECLS
