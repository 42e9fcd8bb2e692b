/* hb-service-hook.c: a URL called after every build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-service-hook.h"

#include "hb-json-private.h"

struct _HbServiceHook
{
  GObject parent_instance;
  char *id;
  char *url;
  char *value;
};

G_DEFINE_FINAL_TYPE (HbServiceHook, hb_service_hook, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_VALUE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_service_hook_finalize (GObject *object)
{
  HbServiceHook *self = HB_SERVICE_HOOK (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->value, g_free);
  G_OBJECT_CLASS (hb_service_hook_parent_class)->finalize (object);
}

static void
hb_service_hook_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbServiceHook *self = HB_SERVICE_HOOK (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_service_hook_class_init (HbServiceHookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_service_hook_finalize;
  object_class->get_property = hb_service_hook_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_service_hook_init (HbServiceHook *self)
{
}

/**
 * hb_service_hook_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbServiceHook *
hb_service_hook_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "service hook", error);
  const char *value;
  g_autoptr (HbServiceHook) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "value", &value, error))
    return NULL;

  self = g_object_new (HB_TYPE_SERVICE_HOOK, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  self->id = self->url != NULL ? _hb_url_last_segment (self->url) : g_strdup (value);
  self->value = g_strdup (value);
  return g_steal_pointer (&self);
}

/** hb_service_hook_get_id: Returns: (transfer none): the id */
const char *
hb_service_hook_get_id (HbServiceHook *self)
{
  g_return_val_if_fail (HB_IS_SERVICE_HOOK (self), NULL);
  return self->id;
}

/** hb_service_hook_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_service_hook_get_url (HbServiceHook *self)
{
  g_return_val_if_fail (HB_IS_SERVICE_HOOK (self), NULL);
  return self->url;
}

/** hb_service_hook_is_openable: Returns: whether the item has a url (the owner and built-in items
 * do not) */
gboolean
hb_service_hook_is_openable (HbServiceHook *self)
{
  g_return_val_if_fail (HB_IS_SERVICE_HOOK (self), FALSE);
  return self->url != NULL;
}

/** hb_service_hook_get_value: Returns: (transfer none): the value */
const char *
hb_service_hook_get_value (HbServiceHook *self)
{
  g_return_val_if_fail (HB_IS_SERVICE_HOOK (self), NULL);
  return self->value;
}
