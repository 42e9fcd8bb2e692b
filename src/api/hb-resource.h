/* hb-resource.h: what every item of the API has: an id, a url, a title and a value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HB_TYPE_RESOURCE (hb_resource_get_type ())
G_DECLARE_DERIVABLE_TYPE (HbResource, hb_resource, HB, RESOURCE, GObject)

/**
 * HbResourceClass:
 * @read: reads the members of @object the subclass adds, strictly (a missing member or a
 *   wrong type is HB_API_ERROR_INVALID_RESPONSE); the base then reads "url"
 * @update_from: copies what @fresh (of the same type and id) says now, notifying only real
 *   changes; chain up
 * @get_title: what names the item for a person; the value unless overridden
 * @what: the item in error messages ("configuration variable")
 *
 * A kind of item is a subclass and one row of the kinds table (hb-resource-kinds.c).
 */
struct _HbResourceClass
{
  GObjectClass parent_class;

  gboolean (*read) (HbResource *self, JsonObject *object, GError **error);
  void (*update_from) (HbResource *self, HbResource *fresh);
  const char *(*get_title) (HbResource *self);
  const char *what;

  gpointer padding[8];
};

HbResource *hb_resource_new_from_json (GType type, JsonNode *node, const char *url, GError **error);
GListModel *hb_resource_list_new_from_json (GType type, JsonNode *node, GError **error);

const char *hb_resource_get_id (HbResource *self);
const char *hb_resource_get_url (HbResource *self);
gboolean hb_resource_is_openable (HbResource *self);
const char *hb_resource_get_title (HbResource *self);
const char *hb_resource_get_value (HbResource *self);
void hb_resource_update_from (HbResource *self, HbResource *fresh);

G_END_DECLS
