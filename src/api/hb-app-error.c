/* hb-app-error.c: an unhandled exception logged for an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app-error.h"

#include "hb-resource-private.h"

struct _HbAppError
{
  HbResource parent_instance;
  char *commit_id;
  GDateTime *date;
  char *request_path;
  HbException *exception;
};

G_DEFINE_FINAL_TYPE (HbAppError, hb_app_error, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_COMMIT_ID,
  PROP_DATE,
  PROP_REQUEST_PATH,
  PROP_MESSAGE,
  PROP_EXCEPTION,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_app_error_finalize (GObject *object)
{
  HbAppError *self = HB_APP_ERROR (object);

  g_free (self->commit_id);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->request_path);
  g_clear_object (&self->exception);
  G_OBJECT_CLASS (hb_app_error_parent_class)->finalize (object);
}

static void
hb_app_error_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppError *self = HB_APP_ERROR (object);

  switch (prop_id)
    {
    case PROP_COMMIT_ID:
      g_value_set_string (value, self->commit_id);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_REQUEST_PATH:
      g_value_set_string (value, self->request_path);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, hb_app_error_get_message (self));
      break;
    case PROP_EXCEPTION:
      g_value_set_object (value, self->exception);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "exception" must be there; null means the error carried none. */
static gboolean
read_exception (HbAppError *self, JsonObject *object, GError **error)
{
  JsonNode *node = json_object_get_member (object, "exception");

  if (node == NULL)
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: \"exception\" is not present");
      return FALSE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  self->exception = hb_exception_new_from_json (node, error);
  return self->exception != NULL;
}

static gboolean
hb_app_error_read (HbResource *resource, JsonObject *object, GError **error)
{
  HbAppError *self = HB_APP_ERROR (resource);
  const char *commit_id, *request_path, *message;
  g_autofree char *date = NULL;

  if (!_hb_json_get_nullable_string (object, "commit_id", &commit_id, error) ||
      !_hb_json_get_datetime (object, "date", FALSE, &self->date, error) ||
      !_hb_json_get_string (object, "request_path", &request_path, error) ||
      !_hb_json_get_string (object, "message", &message, error) ||
      !read_exception (self, object, error))
    return FALSE;
  self->commit_id = g_strdup (commit_id);
  self->request_path = g_strdup (request_path);
  _hb_resource_set_value (resource, message);
  date = g_date_time_format_iso8601 (self->date);
  _hb_resource_set_fallback_id (resource, date);
  return TRUE;
}

/* A logged error never changes: what a reload says is what was there. */
static void
hb_app_error_class_init (HbAppErrorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_app_error_finalize;
  object_class->get_property = hb_app_error_get_property;
  resource_class->read = hb_app_error_read;
  resource_class->what = "error";

  properties[PROP_COMMIT_ID] = g_param_spec_string ("commit-id", NULL, NULL, NULL, ro);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_REQUEST_PATH] = g_param_spec_string ("request-path", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_EXCEPTION] = g_param_spec_object ("exception", NULL, NULL, HB_TYPE_EXCEPTION, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_app_error_init (HbAppError *self)
{
}

/** hb_app_error_get_commit_id: Returns: (transfer none) (nullable): the commit id */
const char *
hb_app_error_get_commit_id (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->commit_id;
}

/** hb_app_error_get_date: Returns: (transfer none): the date, in UTC */
GDateTime *
hb_app_error_get_date (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->date;
}

/** hb_app_error_get_request_path: Returns: (transfer none): the request path */
const char *
hb_app_error_get_request_path (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->request_path;
}

/** hb_app_error_get_message: Returns: (transfer none): the message */
const char *
hb_app_error_get_message (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return hb_resource_get_value (HB_RESOURCE (self));
}

/** hb_app_error_get_exception: Returns: (transfer none) (nullable): the exception */
HbException *
hb_app_error_get_exception (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->exception;
}
