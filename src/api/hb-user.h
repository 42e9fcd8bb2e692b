/* hb-user.h: the signed-in AppHarbor user
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_USER (hb_user_get_type ())
G_DECLARE_FINAL_TYPE (HbUser, hb_user, HB, USER, GObject)

/* hb_user_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbUser *hb_user_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_user_get_id (HbUser *self);
const char *hb_user_get_username (HbUser *self);
const char *const *hb_user_get_email_addresses (HbUser *self);

G_END_DECLS
