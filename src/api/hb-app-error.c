/* hb-app-error.c: an unhandled exception logged for an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app-error.h"

#include "hb-api-error.h"
#include "hb-json-private.h"

struct _HbAppError
{
  GObject parent_instance;
  char *id;
  char *url;
  char *commit_id;
  GDateTime *date;
  char *request_path;
  char *message;
  HbException *exception;
};

G_DEFINE_FINAL_TYPE (HbAppError, hb_app_error, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
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

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->commit_id, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->request_path, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_object (&self->exception);
  G_OBJECT_CLASS (hb_app_error_parent_class)->finalize (object);
}

static void
hb_app_error_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppError *self = HB_APP_ERROR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
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
      g_value_set_string (value, self->message);
      break;
    case PROP_EXCEPTION:
      g_value_set_object (value, self->exception);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_error_class_init (HbAppErrorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_app_error_finalize;
  object_class->get_property = hb_app_error_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
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

/**
 * hb_app_error_new_from_json:
 * @node: the JSON object from the API
 * @url: (nullable): where it was fetched from, for detail bodies without "url"
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbAppError *
hb_app_error_new_from_json (JsonNode *node, const char *url, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "error", error);
  const char *commit_id, *request_path, *message;
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (HbException) exception = NULL;
  g_autoptr (HbAppError) self = NULL;

  if (object == NULL || !_hb_json_get_nullable_string (object, "commit_id", &commit_id, error) ||
      !_hb_json_get_datetime (object, "date", FALSE, &date, error) ||
      !_hb_json_get_string (object, "request_path", &request_path, error) ||
      !_hb_json_get_string (object, "message", &message, error))
    return NULL;
  if (!json_object_has_member (object, "exception"))
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: \"exception\" is not present");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (object, "exception")))
    {
      exception = hb_exception_new_from_json (json_object_get_member (object, "exception"), error);
      if (exception == NULL)
        return NULL;
    }

  self = g_object_new (HB_TYPE_APP_ERROR, NULL);
  if (!_hb_json_get_item_url (object, url, &self->url, error))
    return NULL;
  self->id =
      self->url != NULL ? _hb_url_last_segment (self->url) : g_date_time_format_iso8601 (date);
  self->commit_id = g_strdup (commit_id);
  self->date = g_steal_pointer (&date);
  self->request_path = g_strdup (request_path);
  self->message = g_strdup (message);
  self->exception = g_steal_pointer (&exception);
  return g_steal_pointer (&self);
}

/** hb_app_error_get_id: Returns: (transfer none): the id */
const char *
hb_app_error_get_id (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->id;
}

/** hb_app_error_get_url: Returns: (transfer none) (nullable): the url */
const char *
hb_app_error_get_url (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->url;
}

/** hb_app_error_is_openable: Returns: whether the item has a url (the owner and built-in items do
 * not) */
gboolean
hb_app_error_is_openable (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), FALSE);
  return self->url != NULL;
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
  return self->message;
}

/** hb_app_error_get_exception: Returns: (transfer none) (nullable): the exception */
HbException *
hb_app_error_get_exception (HbAppError *self)
{
  g_return_val_if_fail (HB_IS_APP_ERROR (self), NULL);
  return self->exception;
}
