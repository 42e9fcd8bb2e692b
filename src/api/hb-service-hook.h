/* hb-service-hook.h: a URL called after every build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_SERVICE_HOOK (hb_service_hook_get_type ())
G_DECLARE_FINAL_TYPE (HbServiceHook, hb_service_hook, HB, SERVICE_HOOK, GObject)

/* hb_service_hook_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbServiceHook *hb_service_hook_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_service_hook_get_id (HbServiceHook *self);
const char *hb_service_hook_get_url (HbServiceHook *self);
gboolean hb_service_hook_is_openable (HbServiceHook *self);
const char *hb_service_hook_get_value (HbServiceHook *self);

G_END_DECLS
