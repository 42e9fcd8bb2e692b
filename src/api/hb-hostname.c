/* hb-hostname.c: a hostname of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-hostname.h"

#include "hb-resource-private.h"

struct _HbHostname
{
  HbResource parent_instance;
  gboolean canonical;
};

G_DEFINE_FINAL_TYPE (HbHostname, hb_hostname, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_CANONICAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_hostname_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CANONICAL:
      g_value_set_boolean (value, HB_HOSTNAME (object)->canonical);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
hb_hostname_read (HbResource *resource, JsonObject *object, GError **error)
{
  const char *value;

  if (!_hb_json_get_string (object, "value", &value, error) ||
      !_hb_json_get_boolean (object, "canonical", &HB_HOSTNAME (resource)->canonical, error))
    return FALSE;
  _hb_resource_set_value (resource, value);
  /* The built-in <slug>.apphb.com has no url; its value is the stable key. */
  _hb_resource_set_fallback_id (resource, value);
  return TRUE;
}

static void
hb_hostname_update_from (HbResource *resource, HbResource *fresh)
{
  HbHostname *self = HB_HOSTNAME (resource);

  HB_RESOURCE_CLASS (hb_hostname_parent_class)->update_from (resource, fresh);
  if (self->canonical == HB_HOSTNAME (fresh)->canonical)
    return;
  self->canonical = HB_HOSTNAME (fresh)->canonical;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANONICAL]);
}

static void
hb_hostname_class_init (HbHostnameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);

  object_class->get_property = hb_hostname_get_property;
  resource_class->read = hb_hostname_read;
  resource_class->update_from = hb_hostname_update_from;
  resource_class->what = "hostname";

  properties[PROP_CANONICAL] =
      g_param_spec_boolean ("canonical", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_hostname_init (HbHostname *self)
{
}

/** hb_hostname_get_canonical: Returns: whether requests to other hostnames redirect here */
gboolean
hb_hostname_get_canonical (HbHostname *self)
{
  g_return_val_if_fail (HB_IS_HOSTNAME (self), FALSE);
  return self->canonical;
}
