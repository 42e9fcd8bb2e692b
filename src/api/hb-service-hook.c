/* hb-service-hook.c: a URL called after every build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-service-hook.h"

#include "hb-resource-private.h"

struct _HbServiceHook
{
  HbResource parent_instance;
};

G_DEFINE_FINAL_TYPE (HbServiceHook, hb_service_hook, HB_TYPE_RESOURCE)

static gboolean
hb_service_hook_read (HbResource *resource, JsonObject *object, GError **error)
{
  const char *value;

  if (!_hb_json_get_string (object, "value", &value, error))
    return FALSE;
  _hb_resource_set_value (resource, value);
  _hb_resource_set_fallback_id (resource, value);
  return TRUE;
}

static void
hb_service_hook_class_init (HbServiceHookClass *klass)
{
  HB_RESOURCE_CLASS (klass)->read = hb_service_hook_read;
  HB_RESOURCE_CLASS (klass)->what = "service hook";
}

static void
hb_service_hook_init (HbServiceHook *self)
{
}
