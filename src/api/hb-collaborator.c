/* hb-collaborator.c: a person with access to an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-collaborator.h"

#include "hb-api-enums.h"
#include "hb-json-private.h"

struct _HbCollaborator
{
  GObject parent_instance;
  char *id;
  char *url;
  char *user_id;
  char *user_name;
  HbCollaboratorRole role;
};

G_DEFINE_FINAL_TYPE (HbCollaborator, hb_collaborator, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_ROLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_collaborator_finalize (GObject *object)
{
  HbCollaborator *self = HB_COLLABORATOR (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_name, g_free);
  G_OBJECT_CLASS (hb_collaborator_parent_class)->finalize (object);
}

static void
hb_collaborator_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbCollaborator *self = HB_COLLABORATOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_collaborator_class_init (HbCollaboratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_collaborator_finalize;
  object_class->get_property = hb_collaborator_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
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

/**
 * hb_collaborator_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbCollaborator *
hb_collaborator_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "collaborator", error);
  JsonObject *user;
  const char *user_id, *user_name, *role;
  g_autoptr (HbCollaborator) self = NULL;

  if (object == NULL || !_hb_json_get_object (object, "user", FALSE, &user, error) ||
      !_hb_json_get_string (user, "id", &user_id, error) ||
      !_hb_json_get_string (user, "name", &user_name, error) ||
      !_hb_json_get_string (object, "role", &role, error))
    return NULL;

  self = g_object_new (HB_TYPE_COLLABORATOR, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  /* The owner has no url; the user id is the stable key then. */
  self->id = self->url != NULL ? _hb_url_last_segment (self->url) : g_strdup (user_id);
  self->user_id = g_strdup (user_id);
  self->user_name = g_strdup (user_name);
  self->role = _hb_collaborator_role_from_string (role);
  return g_steal_pointer (&self);
}

/** hb_collaborator_get_id: Returns: (transfer none): the id */
const char *
hb_collaborator_get_id (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return self->id;
}

/** hb_collaborator_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_collaborator_get_url (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return self->url;
}

/** hb_collaborator_is_openable: Returns: whether the item has a url (the owner and built-in items
 * do not) */
gboolean
hb_collaborator_is_openable (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), FALSE);
  return self->url != NULL;
}

/** hb_collaborator_get_user_id: Returns: (transfer none): the user id */
const char *
hb_collaborator_get_user_id (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return self->user_id;
}

/** hb_collaborator_get_user_name: Returns: (transfer none): the user name */
const char *
hb_collaborator_get_user_name (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), NULL);
  return self->user_name;
}

/** hb_collaborator_get_role: Returns: the role */
HbCollaboratorRole
hb_collaborator_get_role (HbCollaborator *self)
{
  g_return_val_if_fail (HB_IS_COLLABORATOR (self), HB_COLLABORATOR_ROLE_UNKNOWN);
  return self->role;
}
