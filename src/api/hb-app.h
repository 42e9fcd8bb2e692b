/* hb-app.h: an AppHarbor application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_APP (hb_app_get_type ())
G_DECLARE_FINAL_TYPE (HbApp, hb_app, HB, APP, GObject)

/* hb_app_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbApp *hb_app_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_app_get_id (HbApp *self);
const char *hb_app_get_slug (HbApp *self);
const char *hb_app_get_name (HbApp *self);
void hb_app_set_name (HbApp *self, const char *name);
const char *hb_app_get_region_id (HbApp *self);
HbRegion hb_app_get_region (HbApp *self);
const char *hb_app_get_url (HbApp *self);
gboolean hb_app_is_openable (HbApp *self);

G_END_DECLS
