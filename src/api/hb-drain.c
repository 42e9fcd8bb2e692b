/* hb-drain.c: a log drain of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-drain.h"

#include "hb-json-private.h"

struct _HbDrain
{
  GObject parent_instance;
  char *id;
  char *url;
  char *value;
  char *token;
};

G_DEFINE_FINAL_TYPE (HbDrain, hb_drain, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_VALUE,
  PROP_TOKEN,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_drain_finalize (GObject *object)
{
  HbDrain *self = HB_DRAIN (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->token, g_free);
  G_OBJECT_CLASS (hb_drain_parent_class)->finalize (object);
}

static void
hb_drain_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbDrain *self = HB_DRAIN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_drain_class_init (HbDrainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_drain_finalize;
  object_class->get_property = hb_drain_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_drain_init (HbDrain *self)
{
}

/**
 * hb_drain_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbDrain *
hb_drain_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "drain", error);
  const char *value, *token;
  g_autoptr (HbDrain) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "value", &value, error) ||
      !_hb_json_get_string (object, "token", &token, error))
    return NULL;

  self = g_object_new (HB_TYPE_DRAIN, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  self->id = self->url != NULL ? _hb_url_last_segment (self->url) : g_strdup (token);
  self->value = g_strdup (value);
  self->token = g_strdup (token);
  return g_steal_pointer (&self);
}

/** hb_drain_get_id: Returns: (transfer none): the id */
const char *
hb_drain_get_id (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), NULL);
  return self->id;
}

/** hb_drain_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_drain_get_url (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), NULL);
  return self->url;
}

/** hb_drain_is_openable: Returns: whether the item has a url (the owner and built-in items do not)
 */
gboolean
hb_drain_is_openable (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), FALSE);
  return self->url != NULL;
}

/** hb_drain_get_value: Returns: (transfer none): the value */
const char *
hb_drain_get_value (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), NULL);
  return self->value;
}

/** hb_drain_get_token: Returns: (transfer none): the token */
const char *
hb_drain_get_token (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), NULL);
  return self->token;
}
