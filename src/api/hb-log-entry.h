/* hb-log-entry.h: one entry of a build log
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_LOG_ENTRY (hb_log_entry_get_type ())
G_DECLARE_FINAL_TYPE (HbLogEntry, hb_log_entry, HB, LOG_ENTRY, GObject)

/* hb_log_entry_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbLogEntry *hb_log_entry_new_from_json (JsonNode *node, GError **error);

GDateTime *hb_log_entry_get_created (HbLogEntry *self);
const char *hb_log_entry_get_message (HbLogEntry *self);
const char *hb_log_entry_get_details_url (HbLogEntry *self);

G_END_DECLS
