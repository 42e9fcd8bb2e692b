/* hb-user.c: the signed-in AppHarbor user
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-user.h"

#include "hb-api-error.h"
#include "hb-json-private.h"

struct _HbUser
{
  GObject parent_instance;
  char *id;
  char *username;
  char **email_addresses;
};

G_DEFINE_FINAL_TYPE (HbUser, hb_user, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_USERNAME,
  PROP_EMAIL_ADDRESSES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_user_finalize (GObject *object)
{
  HbUser *self = HB_USER (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->email_addresses, g_strfreev);
  G_OBJECT_CLASS (hb_user_parent_class)->finalize (object);
}

static void
hb_user_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbUser *self = HB_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_EMAIL_ADDRESSES:
      g_value_set_boxed (value, self->email_addresses);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_user_class_init (HbUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_user_finalize;
  object_class->get_property = hb_user_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, ro);
  properties[PROP_EMAIL_ADDRESSES] =
      g_param_spec_boxed ("email-addresses", NULL, NULL, G_TYPE_STRV, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_user_init (HbUser *self)
{
}

/**
 * hb_user_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbUser *
hb_user_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "user", error);
  const char *id, *username;
  JsonArray *emails;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (HbUser) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "id", &id, error) ||
      !_hb_json_get_string (object, "username", &username, error) ||
      !_hb_json_get_array (object, "email_addresses", FALSE, &emails, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (emails); i++)
    {
      JsonNode *email = json_array_get_element (emails, i);

      if (!JSON_NODE_HOLDS_VALUE (email) || json_node_get_value_type (email) != G_TYPE_STRING)
        {
          g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: \"email_addresses\" holds a non-string");
          return NULL;
        }
      g_strv_builder_add (builder, json_node_get_string (email));
    }

  self = g_object_new (HB_TYPE_USER, NULL);
  self->id = g_strdup (id);
  self->username = g_strdup (username);
  self->email_addresses = g_strv_builder_end (builder);
  return g_steal_pointer (&self);
}

/** hb_user_get_id: Returns: (transfer none): the id */
const char *
hb_user_get_id (HbUser *self)
{
  g_return_val_if_fail (HB_IS_USER (self), NULL);
  return self->id;
}

/** hb_user_get_username: Returns: (transfer none): the username */
const char *
hb_user_get_username (HbUser *self)
{
  g_return_val_if_fail (HB_IS_USER (self), NULL);
  return self->username;
}

/** hb_user_get_email_addresses: Returns: (transfer none): the email addresses */
const char *const *
hb_user_get_email_addresses (HbUser *self)
{
  g_return_val_if_fail (HB_IS_USER (self), NULL);
  return (const char *const *) self->email_addresses;
}
