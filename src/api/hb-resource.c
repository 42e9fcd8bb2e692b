/* hb-resource.c: what every item of the API has: an id, a url, a title and a value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-resource-private.h"

typedef struct
{
  char *id;
  char *fallback_id; /* only while reading */
  char *url;
  char *value;
} HbResourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HbResource, hb_resource, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_OPENABLE,
  PROP_TITLE,
  PROP_VALUE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_resource_finalize (GObject *object)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (HB_RESOURCE (object));

  g_free (priv->id);
  g_free (priv->fallback_id);
  g_free (priv->url);
  g_free (priv->value);
  G_OBJECT_CLASS (hb_resource_parent_class)->finalize (object);
}

static void
hb_resource_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbResource *self = HB_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, hb_resource_get_id (self));
      break;
    case PROP_URL:
      g_value_set_string (value, hb_resource_get_url (self));
      break;
    case PROP_OPENABLE:
      g_value_set_boolean (value, hb_resource_is_openable (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, hb_resource_get_title (self));
      break;
    case PROP_VALUE:
      g_value_set_string (value, hb_resource_get_value (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
hb_resource_real_read (HbResource *self, JsonObject *object, GError **error)
{
  return TRUE;
}

static const char *
hb_resource_real_get_title (HbResource *self)
{
  return hb_resource_get_value (self);
}

static void
hb_resource_real_update_from (HbResource *self, HbResource *fresh)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (self);
  HbResourcePrivate *fresh_priv = hb_resource_get_instance_private (fresh);
  gboolean was_openable = priv->url != NULL;

  _hb_resource_update_string (self, &priv->url, fresh_priv->url, properties[PROP_URL]);
  if (was_openable != (priv->url != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENABLE]);
  _hb_resource_update_string (self, &priv->value, fresh_priv->value, properties[PROP_VALUE]);
}

static void
hb_resource_class_init (HbResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_resource_finalize;
  object_class->get_property = hb_resource_get_property;
  klass->read = hb_resource_real_read;
  klass->update_from = hb_resource_real_update_from;
  klass->get_title = hb_resource_real_get_title;
  klass->what = "item";

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  properties[PROP_OPENABLE] = g_param_spec_boolean ("openable", NULL, NULL, FALSE, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_resource_init (HbResource *self)
{
}

/* Without a url the subclass's fallback names the item; no item is without an id. */
static gboolean
settle_id (HbResource *self, GError **error)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (self);

  if (priv->id == NULL && priv->url != NULL)
    priv->id = _hb_url_last_segment (priv->url);
  if (priv->id == NULL)
    priv->id = g_steal_pointer (&priv->fallback_id);
  g_clear_pointer (&priv->fallback_id, g_free);
  if (priv->id == NULL)
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s has neither a url nor an id",
                   HB_RESOURCE_GET_CLASS (self)->what);
      return FALSE;
    }
  return TRUE;
}

/**
 * hb_resource_new_from_json:
 * @type: an #HbResource subtype
 * @node: an item object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Reads one item strictly: a missing member or a wrong type is an error, never a default.
 * A "url" that is JSON null stays NULL and the item is not openable.
 *
 * Returns: (transfer full) (nullable): the item, or %NULL on error
 */
HbResource *
hb_resource_new_from_json (GType type, JsonNode *node, const char *url, GError **error)
{
  g_autoptr (HbResource) self = NULL;
  HbResourcePrivate *priv;
  JsonObject *object;

  g_return_val_if_fail (g_type_is_a (type, HB_TYPE_RESOURCE), NULL);

  self = g_object_new (type, NULL);
  priv = hb_resource_get_instance_private (self);
  object = _hb_json_node_get_object (node, HB_RESOURCE_GET_CLASS (self)->what, error);
  if (object == NULL || !HB_RESOURCE_GET_CLASS (self)->read (self, object, error) ||
      !_hb_json_get_item_url (object, url, &priv->url, error) || !settle_id (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * hb_resource_list_new_from_json:
 * @type: an #HbResource subtype
 * @node: an array of item objects
 *
 * Returns: (transfer full) (nullable): a #GListModel of @type, or %NULL when any item is
 *   invalid
 */
GListModel *
hb_resource_list_new_from_json (GType type, JsonNode *node, GError **error)
{
  JsonArray *array = _hb_json_node_get_array (node, "response", error);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GListStore) store = NULL;
  guint n;

  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      HbResource *item =
          hb_resource_new_from_json (type, json_array_get_element (array, i), NULL, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  store = g_list_store_new (type);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/** hb_resource_get_id: Returns: (transfer none): the last segment of the url, or a stable key */
const char *
hb_resource_get_id (HbResource *self)
{
  HbResourcePrivate *priv;

  g_return_val_if_fail (HB_IS_RESOURCE (self), NULL);
  priv = hb_resource_get_instance_private (self);
  return priv->id;
}

/** hb_resource_get_url: Returns: (transfer none) (nullable): the item's API URL */
const char *
hb_resource_get_url (HbResource *self)
{
  HbResourcePrivate *priv;

  g_return_val_if_fail (HB_IS_RESOURCE (self), NULL);
  priv = hb_resource_get_instance_private (self);
  return priv->url;
}

/** hb_resource_is_openable: Returns: whether the item has a url (the owner and built-in items
 * do not, and cannot be changed) */
gboolean
hb_resource_is_openable (HbResource *self)
{
  return hb_resource_get_url (self) != NULL;
}

/** hb_resource_get_title: Returns: (transfer none) (nullable): what names the item */
const char *
hb_resource_get_title (HbResource *self)
{
  g_return_val_if_fail (HB_IS_RESOURCE (self), NULL);
  return HB_RESOURCE_GET_CLASS (self)->get_title (self);
}

/** hb_resource_get_value: Returns: (transfer none) (nullable): what the item holds: a
 * variable's value, a hostname, a hook's or a drain's address */
const char *
hb_resource_get_value (HbResource *self)
{
  HbResourcePrivate *priv;

  g_return_val_if_fail (HB_IS_RESOURCE (self), NULL);
  priv = hb_resource_get_instance_private (self);
  return priv->value;
}

/**
 * hb_resource_update_from:
 * @self: an item shown somewhere
 * @fresh: the same item (same type and id) as the server describes it now
 *
 * Updates @self in place, so everything bound to it follows; notifies only what changed.
 */
void
hb_resource_update_from (HbResource *self, HbResource *fresh)
{
  g_autofree char *title = NULL;

  g_return_if_fail (HB_IS_RESOURCE (self));
  g_return_if_fail (G_OBJECT_TYPE (fresh) == G_OBJECT_TYPE (self));
  g_return_if_fail (g_strcmp0 (hb_resource_get_id (self), hb_resource_get_id (fresh)) == 0);

  if (self == fresh)
    return;
  title = g_strdup (hb_resource_get_title (self));
  g_object_freeze_notify (G_OBJECT (self));
  HB_RESOURCE_GET_CLASS (self)->update_from (self, fresh);
  if (g_strcmp0 (title, hb_resource_get_title (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_hb_resource_set_fallback_id (HbResource *self, const char *id)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (self);

  g_free (priv->fallback_id);
  priv->fallback_id = g_strdup (id);
}

void
_hb_resource_set_id (HbResource *self, const char *id)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (self);

  g_free (priv->id);
  priv->id = g_strdup (id);
}

void
_hb_resource_set_value (HbResource *self, const char *value)
{
  HbResourcePrivate *priv = hb_resource_get_instance_private (self);

  g_free (priv->value);
  priv->value = g_strdup (value);
}

void
_hb_resource_update_string (HbResource *self, char **field, const char *value, GParamSpec *pspec)
{
  if (_hb_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}
