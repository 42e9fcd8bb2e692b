/* hb-hostname.c: a hostname of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-hostname.h"

#include "hb-json-private.h"

struct _HbHostname
{
  GObject parent_instance;
  char *id;
  char *url;
  char *value;
  gboolean canonical;
};

G_DEFINE_FINAL_TYPE (HbHostname, hb_hostname, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_VALUE,
  PROP_CANONICAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_hostname_finalize (GObject *object)
{
  HbHostname *self = HB_HOSTNAME (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->value, g_free);
  G_OBJECT_CLASS (hb_hostname_parent_class)->finalize (object);
}

static void
hb_hostname_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbHostname *self = HB_HOSTNAME (object);

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
    case PROP_CANONICAL:
      g_value_set_boolean (value, self->canonical);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_hostname_class_init (HbHostnameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_hostname_finalize;
  object_class->get_property = hb_hostname_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  properties[PROP_CANONICAL] = g_param_spec_boolean ("canonical", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_hostname_init (HbHostname *self)
{
}

/**
 * hb_hostname_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbHostname *
hb_hostname_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "hostname", error);
  const char *value;
  gboolean canonical;
  g_autoptr (HbHostname) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "value", &value, error) ||
      !_hb_json_get_boolean (object, "canonical", &canonical, error))
    return NULL;

  self = g_object_new (HB_TYPE_HOSTNAME, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  /* The built-in <slug>.apphb.com has no url; its value is the stable key. */
  self->id = self->url != NULL ? _hb_url_last_segment (self->url) : g_strdup (value);
  self->value = g_strdup (value);
  self->canonical = canonical;
  return g_steal_pointer (&self);
}

/** hb_hostname_get_id: Returns: (transfer none): the id */
const char *
hb_hostname_get_id (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), NULL);
  return self->id;
}

/** hb_hostname_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_hostname_get_url (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), NULL);
  return self->url;
}

/** hb_hostname_is_openable: Returns: whether the item has a url (the owner and built-in items do
 * not) */
gboolean
hb_hostname_is_openable (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), FALSE);
  return self->url != NULL;
}

/** hb_hostname_get_value: Returns: (transfer none): the value */
const char *
hb_hostname_get_value (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), NULL);
  return self->value;
}

/** hb_hostname_get_canonical: Returns: the canonical */
gboolean
hb_hostname_get_canonical (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), FALSE);
  return self->canonical;
}
