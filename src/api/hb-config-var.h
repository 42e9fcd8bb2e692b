/* hb-config-var.h: an application configuration variable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_CONFIG_VAR (hb_config_var_get_type ())
G_DECLARE_FINAL_TYPE (HbConfigVar, hb_config_var, HB, CONFIG_VAR, GObject)

/* hb_config_var_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbConfigVar *hb_config_var_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_config_var_get_id (HbConfigVar *self);
const char *hb_config_var_get_url (HbConfigVar *self);
gboolean hb_config_var_is_openable (HbConfigVar *self);
const char *hb_config_var_get_key (HbConfigVar *self);
const char *hb_config_var_get_value (HbConfigVar *self);

G_END_DECLS
