/* hb-collaborator.h: a person with access to an application, and their role
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-api-types.h"
#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_COLLABORATOR (hb_collaborator_get_type ())
G_DECLARE_FINAL_TYPE (HbCollaborator, hb_collaborator, HB, COLLABORATOR, HbResource)

/* The user name is also the value and the title; the owner has no url. */
const char *hb_collaborator_get_user_id (HbCollaborator *self);
const char *hb_collaborator_get_user_name (HbCollaborator *self);
HbCollaboratorRole hb_collaborator_get_role (HbCollaborator *self);

G_END_DECLS
