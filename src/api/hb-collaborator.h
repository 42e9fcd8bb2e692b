/* hb-collaborator.h: a person with access to an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_COLLABORATOR (hb_collaborator_get_type ())
G_DECLARE_FINAL_TYPE (HbCollaborator, hb_collaborator, HB, COLLABORATOR, GObject)

/* hb_collaborator_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbCollaborator *hb_collaborator_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_collaborator_get_id (HbCollaborator *self);
const char *hb_collaborator_get_url (HbCollaborator *self);
gboolean hb_collaborator_is_openable (HbCollaborator *self);
const char *hb_collaborator_get_user_id (HbCollaborator *self);
const char *hb_collaborator_get_user_name (HbCollaborator *self);
HbCollaboratorRole hb_collaborator_get_role (HbCollaborator *self);

G_END_DECLS
