/* hb-exception.h: an exception, with its inner chain, of an application error
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_EXCEPTION (hb_exception_get_type ())
G_DECLARE_FINAL_TYPE (HbException, hb_exception, HB, EXCEPTION, GObject)

/* hb_exception_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbException *hb_exception_new_from_json (JsonNode *node, GError **error);

const char *hb_exception_get_type_name (HbException *self);
const char *hb_exception_get_message (HbException *self);
const char *hb_exception_get_stack_trace (HbException *self);
HbException *hb_exception_get_inner (HbException *self);

G_END_DECLS
