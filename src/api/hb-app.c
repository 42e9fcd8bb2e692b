/* hb-app.c: an AppHarbor application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app.h"

#include "hb-api-enums.h"
#include "hb-json-private.h"

struct _HbApp
{
  GObject parent_instance;
  char *slug;
  char *name;
  char *region_id;
  char *url;
};

G_DEFINE_FINAL_TYPE (HbApp, hb_app, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_SLUG,
  PROP_NAME,
  PROP_REGION_ID,
  PROP_REGION,
  PROP_URL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_app_finalize (GObject *object)
{
  HbApp *self = HB_APP (object);

  g_free (self->slug);
  g_free (self->name);
  g_free (self->region_id);
  g_free (self->url);
  G_OBJECT_CLASS (hb_app_parent_class)->finalize (object);
}

static void
hb_app_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbApp *self = HB_APP (object);

  switch (prop_id)
    {
    case PROP_ID:
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;
    case PROP_REGION:
      g_value_set_enum (value, hb_app_get_region (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_NAME:
      hb_app_set_name (HB_APP (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_class_init (HbAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_app_finalize;
  object_class->get_property = hb_app_get_property;
  object_class->set_property = hb_app_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, ro);
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION_ID] = g_param_spec_string ("region-id", NULL, NULL, NULL, ro);
  properties[PROP_REGION] =
      g_param_spec_enum ("region", NULL, NULL, HB_TYPE_REGION, HB_REGION_UNKNOWN, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_app_init (HbApp *self)
{
}

/**
 * hb_app_new_from_json:
 * @node: an application object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the application, or %NULL on error
 */
HbApp *
hb_app_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "application", error);
  const char *slug, *name, *region_id;
  g_autoptr (HbApp) self = NULL;

  if (object == NULL || !_hb_json_get_string (object, "slug", &slug, error) ||
      !_hb_json_get_string (object, "name", &name, error) ||
      !_hb_json_get_optional_string (object, "region_identifier", &region_id, error))
    return NULL;

  self = g_object_new (HB_TYPE_APP, NULL);
  self->slug = g_strdup (slug);
  self->name = g_strdup (name);
  self->region_id = g_strdup (region_id);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  return g_steal_pointer (&self);
}

/** hb_app_get_id: Returns: (transfer none): the slug, which is the application's id */
const char *
hb_app_get_id (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->slug;
}

/** hb_app_get_slug: Returns: (transfer none): the slug */
const char *
hb_app_get_slug (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->slug;
}

/** hb_app_get_name: Returns: (transfer none): the name */
const char *
hb_app_get_name (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->name;
}

/** hb_app_set_name: updates the local name after a successful rename */
void
hb_app_set_name (HbApp *self, const char *name)
{
  g_return_if_fail (HB_IS_APP (self));
  if (_hb_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/** hb_app_get_region_id: Returns: (transfer none) (nullable): the region identifier */
const char *
hb_app_get_region_id (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->region_id;
}

/** hb_app_get_region: Returns: the region */
HbRegion
hb_app_get_region (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), HB_REGION_UNKNOWN);
  return hb_region_from_id (self->region_id);
}

/** hb_app_get_url: Returns: (transfer none) (nullable): the API URL of the application */
const char *
hb_app_get_url (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->url;
}

/** hb_app_is_openable: Returns: whether the item has a url (the owner and built-in items do not) */
gboolean
hb_app_is_openable (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), FALSE);
  return self->url != NULL;
}
