/* hb-config-var.c: an application configuration variable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-config-var.h"

#include "hb-json-private.h"

struct _HbConfigVar
{
  GObject parent_instance;
  char *id;
  char *url;
  char *key;
  char *value;
};

G_DEFINE_FINAL_TYPE (HbConfigVar, hb_config_var, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_KEY,
  PROP_VALUE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_config_var_finalize (GObject *object)
{
  HbConfigVar *self = HB_CONFIG_VAR (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->value, g_free);
  G_OBJECT_CLASS (hb_config_var_parent_class)->finalize (object);
}

static void
hb_config_var_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbConfigVar *self = HB_CONFIG_VAR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_config_var_class_init (HbConfigVarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_config_var_finalize;
  object_class->get_property = hb_config_var_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_config_var_init (HbConfigVar *self)
{
}

/**
 * hb_config_var_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbConfigVar *
hb_config_var_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "configuration variable", error);
  const char *key, *value;
  g_autoptr (HbConfigVar) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "key", &key, error) ||
      !_hb_json_get_string (object, "value", &value, error))
    return NULL;

  self = g_object_new (HB_TYPE_CONFIG_VAR, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  self->id = self->url != NULL ? _hb_url_last_segment (self->url) : g_strdup (key);
  self->key = g_strdup (key);
  self->value = g_strdup (value);
  return g_steal_pointer (&self);
}

/** hb_config_var_get_id: Returns: (transfer none): the id */
const char *
hb_config_var_get_id (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), NULL);
  return self->id;
}

/** hb_config_var_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_config_var_get_url (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), NULL);
  return self->url;
}

/** hb_config_var_is_openable: Returns: whether the item has a url (the owner and built-in items do
 * not) */
gboolean
hb_config_var_is_openable (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), FALSE);
  return self->url != NULL;
}

/** hb_config_var_get_key: Returns: (transfer none): the key */
const char *
hb_config_var_get_key (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), NULL);
  return self->key;
}

/** hb_config_var_get_value: Returns: (transfer none): the value */
const char *
hb_config_var_get_value (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), NULL);
  return self->value;
}
