/* hb-drain.c: a log drain of an application: an address and the token it is sent with
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-drain.h"

#include "hb-resource-private.h"

struct _HbDrain
{
  HbResource parent_instance;
  char *token;
};

G_DEFINE_FINAL_TYPE (HbDrain, hb_drain, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_TOKEN,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_drain_finalize (GObject *object)
{
  g_free (HB_DRAIN (object)->token);
  G_OBJECT_CLASS (hb_drain_parent_class)->finalize (object);
}

static void
hb_drain_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TOKEN:
      g_value_set_string (value, HB_DRAIN (object)->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
hb_drain_read (HbResource *resource, JsonObject *object, GError **error)
{
  const char *value, *token;

  if (!_hb_json_get_string (object, "value", &value, error) ||
      !_hb_json_get_string (object, "token", &token, error))
    return FALSE;
  HB_DRAIN (resource)->token = g_strdup (token);
  _hb_resource_set_value (resource, value);
  _hb_resource_set_fallback_id (resource, token);
  return TRUE;
}

static void
hb_drain_update_from (HbResource *resource, HbResource *fresh)
{
  HB_RESOURCE_CLASS (hb_drain_parent_class)->update_from (resource, fresh);
  _hb_resource_update_string (resource, &HB_DRAIN (resource)->token, HB_DRAIN (fresh)->token,
                              properties[PROP_TOKEN]);
}

static void
hb_drain_class_init (HbDrainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);

  object_class->finalize = hb_drain_finalize;
  object_class->get_property = hb_drain_get_property;
  resource_class->read = hb_drain_read;
  resource_class->update_from = hb_drain_update_from;
  resource_class->what = "drain";

  properties[PROP_TOKEN] =
      g_param_spec_string ("token", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_drain_init (HbDrain *self)
{
}

/** hb_drain_get_token: Returns: (transfer none): the token the drain's lines carry */
const char *
hb_drain_get_token (HbDrain *self)
{
  g_return_val_if_fail (HB_IS_DRAIN (self), NULL);
  return self->token;
}
