/* hb-log-entry.c: one entry of a build log
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-log-entry.h"

#include "hb-json-private.h"

struct _HbLogEntry
{
  GObject parent_instance;
  GDateTime *created;
  char *message;
  char *details_url;
};

G_DEFINE_FINAL_TYPE (HbLogEntry, hb_log_entry, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CREATED,
  PROP_MESSAGE,
  PROP_DETAILS_URL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_log_entry_finalize (GObject *object)
{
  HbLogEntry *self = HB_LOG_ENTRY (object);

  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->details_url, g_free);
  G_OBJECT_CLASS (hb_log_entry_parent_class)->finalize (object);
}

static void
hb_log_entry_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogEntry *self = HB_LOG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_DETAILS_URL:
      g_value_set_string (value, self->details_url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_entry_class_init (HbLogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_log_entry_finalize;
  object_class->get_property = hb_log_entry_get_property;

  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_DETAILS_URL] = g_param_spec_string ("details-url", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_log_entry_init (HbLogEntry *self)
{
}

/**
 * hb_log_entry_new_from_json:
 * @node: the JSON object from the API
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbLogEntry *
hb_log_entry_new_from_json (JsonNode *node, GError **error)
{
  JsonObject *object = _hb_json_node_get_object (node, "log entry", error);
  const char *message, *details_url;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (HbLogEntry) self = NULL;

  if (object == NULL || !_hb_json_get_datetime (object, "created", FALSE, &created, error) ||
      !_hb_json_get_string (object, "message", &message, error) ||
      !_hb_json_get_optional_string (object, "details_url", &details_url, error))
    return NULL;

  self = g_object_new (HB_TYPE_LOG_ENTRY, NULL);
  self->created = g_steal_pointer (&created);
  self->message = g_strdup (message);
  self->details_url = g_strdup (details_url);
  return g_steal_pointer (&self);
}

/** hb_log_entry_get_created: Returns: (transfer none): the created, in UTC */
GDateTime *
hb_log_entry_get_created (HbLogEntry *self)
{
  g_return_val_if_fail (HB_IS_LOG_ENTRY (self), NULL);
  return self->created;
}

/** hb_log_entry_get_message: Returns: (transfer none): the message */
const char *
hb_log_entry_get_message (HbLogEntry *self)
{
  g_return_val_if_fail (HB_IS_LOG_ENTRY (self), NULL);
  return self->message;
}

/** hb_log_entry_get_details_url: Returns: (transfer none) (nullable): the details url */
const char *
hb_log_entry_get_details_url (HbLogEntry *self)
{
  g_return_val_if_fail (HB_IS_LOG_ENTRY (self), NULL);
  return self->details_url;
}
