/* hb-app-error.h: an unhandled exception logged for an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"
#include "hb-exception.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_ERROR (hb_app_error_get_type ())
G_DECLARE_FINAL_TYPE (HbAppError, hb_app_error, HB, APP_ERROR, GObject)

/* hb_app_error_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbAppError *hb_app_error_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_app_error_get_id (HbAppError *self);
const char *hb_app_error_get_url (HbAppError *self);
gboolean hb_app_error_is_openable (HbAppError *self);
const char *hb_app_error_get_commit_id (HbAppError *self);
GDateTime *hb_app_error_get_date (HbAppError *self);
const char *hb_app_error_get_request_path (HbAppError *self);
const char *hb_app_error_get_message (HbAppError *self);
HbException *hb_app_error_get_exception (HbAppError *self);

G_END_DECLS
