/* hb-collaborator.c: a person with access to an application, and their role
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-collaborator.h"

#include "hb-api-enums.h"
#include "hb-resource-private.h"

struct _HbCollaborator
{
  HbResource parent_instance;
  char *user_id;
  HbCollaboratorRole role;
};

G_DEFINE_FINAL_TYPE (HbCollaborator, hb_collaborator, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_ROLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_collaborator_finalize (GObject *object)
{
  g_free (HB_COLLABORATOR (object)->user_id);
  G_OBJECT_CLASS (hb_collaborator_parent_class)->finalize (object);
}

static void
hb_collaborator_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbCollaborator *self = HB_COLLABORATOR (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, hb_collaborator_get_user_name (self));
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
hb_collaborator_read (HbResource *resource, JsonObject *object, GError **error)
{
  HbCollaborator *self = HB_COLLABORATOR (resource);
  JsonObject *user;
  const char *user_id, *user_name, *role;

  if (!_hb_json_get_object (object, "user", FALSE, &user, error) ||
      !_hb_json_get_string (user, "id", &user_id, error) ||
      !_hb_json_get_string (user, "name", &user_name, error) ||
      !_hb_json_get_string (object, "role", &role, error))
    return FALSE;
  self->user_id = g_strdup (user_id);
  self->role = _hb_collaborator_role_from_string (role);
  _hb_resource_set_value (resource, user_name);
  /* The owner has no url; the user id is the stable key then. */
  _hb_resource_set_fallback_id (resource, user_id);
  return TRUE;
}

static void
hb_collaborator_update_from (HbResource *resource, HbResource *fresh)
{
  HbCollaborator *self = HB_COLLABORATOR (resource);
  const char *name = hb_collaborator_get_user_name (self);
  gboolean renamed = g_strcmp0 (name, hb_collaborator_get_user_name (HB_COLLABORATOR (fresh))) != 0;

  HB_RESOURCE_CLASS (hb_collaborator_parent_class)->update_from (resource, fresh);
  _hb_resource_update_string (resource, &self->user_id, HB_COLLABORATOR (fresh)->user_id,
                              properties[PROP_USER_ID]);
  if (renamed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
  if (self->role != HB_COLLABORATOR (fresh)->role)
    {
      self->role = HB_COLLABORATOR (fresh)->role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

static void
hb_collaborator_class_init (HbCollaboratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_collaborator_finalize;
  object_class->get_property = hb_collaborator_get_property;
  resource_class->read = hb_collaborator_read;
  resource_class->update_from = hb_collaborator_update_from;
  resource_class->what = "collaborator";

  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, ro);
  properties[PROP_USER_NAME] = g_param_spec_string ("user-name", NULL, NULL, NULL, ro);
  properties[PROP_ROLE] = g_param_spec_enum ("role", NULL, NULL, HB_TYPE_COLLABORATOR_ROLE,
                                             HB_COLLABORATOR_ROLE_UNKNOWN, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_collaborator_init (HbCollaborator *self)
{
}

/** hb_collaborator_get_user_id: Returns: (transfer none): the AppHarbor user's id */
const char *
hb_collaborator_get_user_id (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return self->user_id;
}

/** hb_collaborator_get_user_name: Returns: (transfer none): the AppHarbor user's name */
const char *
hb_collaborator_get_user_name (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return hb_resource_get_value (HB_RESOURCE (self));
}

/** hb_collaborator_get_role: Returns: the role */
HbCollaboratorRole
hb_collaborator_get_role (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), HB_COLLABORATOR_ROLE_UNKNOWN);
  return self->role;
}
