/* hb-app.c: an AppHarbor application, with the status of its latest build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app-private.h"

#include "hb-api-enums.h"
#include "hb-resource-private.h"

struct _HbApp
{
  HbResource parent_instance;
  char *name;
  char *region_id;
  HbBuildStatus status;
  GError *status_error;
};

G_DEFINE_FINAL_TYPE (HbApp, hb_app, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_SLUG,
  PROP_NAME,
  PROP_REGION_ID,
  PROP_REGION,
  PROP_STATUS,
  PROP_STATUS_ERROR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_app_finalize (GObject *object)
{
  HbApp *self = HB_APP (object);

  g_free (self->name);
  g_free (self->region_id);
  g_clear_error (&self->status_error);
  G_OBJECT_CLASS (hb_app_parent_class)->finalize (object);
}

static void
hb_app_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbApp *self = HB_APP (object);

  switch (prop_id)
    {
    case PROP_SLUG:
      g_value_set_string (value, hb_app_get_slug (self));
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
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_ERROR:
      g_value_set_boxed (value, self->status_error);
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

static gboolean
hb_app_read (HbResource *resource, JsonObject *object, GError **error)
{
  HbApp *self = HB_APP (resource);
  const char *slug, *name, *region_id;

  if (!_hb_json_get_string (object, "slug", &slug, error) ||
      !_hb_json_get_string (object, "name", &name, error) ||
      !_hb_json_get_optional_string (object, "region_identifier", &region_id, error))
    return FALSE;
  self->name = g_strdup (name);
  self->region_id = g_strdup (region_id);
  _hb_resource_set_id (resource, slug);
  _hb_resource_set_value (resource, slug);
  return TRUE;
}

/* The status is not in the body: it stays until the list fills it in again. */
static void
hb_app_update_from (HbResource *resource, HbResource *fresh)
{
  HbApp *self = HB_APP (resource);
  HbRegion region = hb_app_get_region (self);

  HB_RESOURCE_CLASS (hb_app_parent_class)->update_from (resource, fresh);
  hb_app_set_name (self, HB_APP (fresh)->name);
  _hb_resource_update_string (resource, &self->region_id, HB_APP (fresh)->region_id,
                              properties[PROP_REGION_ID]);
  if (region != hb_app_get_region (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGION]);
}

static const char *
hb_app_get_title (HbResource *resource)
{
  return HB_APP (resource)->name;
}

static void
hb_app_class_init (HbAppClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_app_finalize;
  object_class->get_property = hb_app_get_property;
  object_class->set_property = hb_app_set_property;
  resource_class->read = hb_app_read;
  resource_class->update_from = hb_app_update_from;
  resource_class->get_title = hb_app_get_title;
  resource_class->what = "application";

  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, ro);
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION_ID] = g_param_spec_string ("region-id", NULL, NULL, NULL, ro);
  properties[PROP_REGION] =
      g_param_spec_enum ("region", NULL, NULL, HB_TYPE_REGION, HB_REGION_UNKNOWN, ro);
  /* The latest build's; UNKNOWN until the list has asked, or when there is none. */
  properties[PROP_STATUS] =
      g_param_spec_enum ("status", NULL, NULL, HB_TYPE_BUILD_STATUS, HB_BUILD_STATUS_UNKNOWN, ro);
  /* Why the latest build could not be asked for, the last time; NULL once it was. A status
   * that is known stays while this says it may be out of date. */
  properties[PROP_STATUS_ERROR] = g_param_spec_boxed ("status-error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_app_init (HbApp *self)
{
}

/** hb_app_get_slug: Returns: (transfer none): the slug, which is the application's id */
const char *
hb_app_get_slug (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return hb_resource_get_id (HB_RESOURCE (self));
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
  if (!_hb_set_str (&self->name, name))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  g_object_notify (G_OBJECT (self), "title");
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

/** hb_app_get_status: Returns: the status of the latest build, UNKNOWN while not known */
HbBuildStatus
hb_app_get_status (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), HB_BUILD_STATUS_UNKNOWN);
  return self->status;
}

void
_hb_app_set_status (HbApp *self, HbBuildStatus status)
{
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/** hb_app_get_status_error: Returns: (transfer none) (nullable): why the status could not be
 * asked for the last time */
const GError *
hb_app_get_status_error (HbApp *self)
{
  g_return_val_if_fail (HB_IS_APP (self), NULL);
  return self->status_error;
}

void
_hb_app_set_status_error (HbApp *self, const GError *error)
{
  if (self->status_error == NULL && error == NULL)
    return;
  g_clear_error (&self->status_error);
  self->status_error = error != NULL ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_ERROR]);
}
