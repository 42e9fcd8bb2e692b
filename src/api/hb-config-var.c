/* hb-config-var.c: an application configuration variable: a key and its value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-config-var.h"

#include "hb-resource-private.h"

struct _HbConfigVar
{
  HbResource parent_instance;
  char *key;
};

G_DEFINE_FINAL_TYPE (HbConfigVar, hb_config_var, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_KEY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_config_var_finalize (GObject *object)
{
  g_free (HB_CONFIG_VAR (object)->key);
  G_OBJECT_CLASS (hb_config_var_parent_class)->finalize (object);
}

static void
hb_config_var_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, HB_CONFIG_VAR (object)->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
hb_config_var_read (HbResource *resource, JsonObject *object, GError **error)
{
  HbConfigVar *self = HB_CONFIG_VAR (resource);
  const char *key, *value;

  if (!_hb_json_get_string (object, "key", &key, error) ||
      !_hb_json_get_string (object, "value", &value, error))
    return FALSE;
  self->key = g_strdup (key);
  _hb_resource_set_value (resource, value);
  _hb_resource_set_fallback_id (resource, key);
  return TRUE;
}

static void
hb_config_var_update_from (HbResource *resource, HbResource *fresh)
{
  HbConfigVar *self = HB_CONFIG_VAR (resource);

  HB_RESOURCE_CLASS (hb_config_var_parent_class)->update_from (resource, fresh);
  _hb_resource_update_string (resource, &self->key, HB_CONFIG_VAR (fresh)->key,
                              properties[PROP_KEY]);
}

static const char *
hb_config_var_get_title (HbResource *resource)
{
  return HB_CONFIG_VAR (resource)->key;
}

static void
hb_config_var_class_init (HbConfigVarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);

  object_class->finalize = hb_config_var_finalize;
  object_class->get_property = hb_config_var_get_property;
  resource_class->read = hb_config_var_read;
  resource_class->update_from = hb_config_var_update_from;
  resource_class->get_title = hb_config_var_get_title;
  resource_class->what = "configuration variable";

  properties[PROP_KEY] = g_param_spec_string (
      "key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_config_var_init (HbConfigVar *self)
{
}

/** hb_config_var_get_key: Returns: (transfer none): the variable's name */
const char *
hb_config_var_get_key (HbConfigVar *self)
{
  g_return_val_if_fail (HB_IS_CONFIG_VAR (self), NULL);
  return self->key;
}
