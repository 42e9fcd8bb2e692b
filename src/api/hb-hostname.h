/* hb-hostname.h: a hostname of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_HOSTNAME (hb_hostname_get_type ())
G_DECLARE_FINAL_TYPE (HbHostname, hb_hostname, HB, HOSTNAME, GObject)

/* hb_hostname_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbHostname *hb_hostname_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_hostname_get_id (HbHostname *self);
const char *hb_hostname_get_url (HbHostname *self);
gboolean hb_hostname_is_openable (HbHostname *self);
const char *hb_hostname_get_value (HbHostname *self);
gboolean hb_hostname_get_canonical (HbHostname *self);

G_END_DECLS
