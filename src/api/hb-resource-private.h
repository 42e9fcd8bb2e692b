/* hb-resource-private.h: what HbResource subclasses set while reading and updating
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-json-private.h"
#include "hb-resource.h"

G_BEGIN_DECLS

/* The id when the item has no url (the owner, a built-in hostname); with a url the id is
 * its last segment. */
void _hb_resource_set_fallback_id (HbResource *self, const char *id);
/* An id that does not come from the url at all (an application's slug). */
void _hb_resource_set_id (HbResource *self, const char *id);
void _hb_resource_set_value (HbResource *self, const char *value);

/* Sets *@field to @value and notifies @pspec on @self, only when they differ. */
void
_hb_resource_update_string (HbResource *self, char **field, const char *value, GParamSpec *pspec);

G_END_DECLS
