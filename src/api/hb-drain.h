/* hb-drain.h: a log drain of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_DRAIN (hb_drain_get_type ())
G_DECLARE_FINAL_TYPE (HbDrain, hb_drain, HB, DRAIN, GObject)

/* hb_drain_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbDrain *hb_drain_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_drain_get_id (HbDrain *self);
const char *hb_drain_get_url (HbDrain *self);
gboolean hb_drain_is_openable (HbDrain *self);
const char *hb_drain_get_value (HbDrain *self);
const char *hb_drain_get_token (HbDrain *self);

G_END_DECLS
