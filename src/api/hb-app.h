/* hb-app.h: an AppHarbor application, with the status of its latest build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-api-types.h"
#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_APP (hb_app_get_type ())
G_DECLARE_FINAL_TYPE (HbApp, hb_app, HB, APP, HbResource)

/* The slug is the id (and the value); the name is the title. */
const char *hb_app_get_slug (HbApp *self);
const char *hb_app_get_name (HbApp *self);
void hb_app_set_name (HbApp *self, const char *name);
const char *hb_app_get_region_id (HbApp *self);
HbRegion hb_app_get_region (HbApp *self);
HbBuildStatus hb_app_get_status (HbApp *self);
const GError *hb_app_get_status_error (HbApp *self);

G_END_DECLS
