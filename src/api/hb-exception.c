/* hb-exception.c: an exception, with its inner chain, of an application error
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-exception.h"

#include "hb-api-error.h"
#include "hb-json-private.h"

struct _HbException
{
  GObject parent_instance;
  char *type;
  char *message;
  char *stack_trace;
  HbException *inner;
};

G_DEFINE_FINAL_TYPE (HbException, hb_exception, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TYPE,
  PROP_MESSAGE,
  PROP_STACK_TRACE,
  PROP_INNER,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_exception_finalize (GObject *object)
{
  HbException *self = HB_EXCEPTION (object);

  g_clear_pointer (&self->type, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->stack_trace, g_free);
  g_clear_object (&self->inner);
  G_OBJECT_CLASS (hb_exception_parent_class)->finalize (object);
}

static void
hb_exception_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbException *self = HB_EXCEPTION (object);

  switch (prop_id)
    {
    case PROP_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_STACK_TRACE:
      g_value_set_string (value, self->stack_trace);
      break;
    case PROP_INNER:
      g_value_set_object (value, self->inner);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_exception_class_init (HbExceptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_exception_finalize;
  object_class->get_property = hb_exception_get_property;

  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_STACK_TRACE] = g_param_spec_string ("stack-trace", NULL, NULL, NULL, ro);
  properties[PROP_INNER] = g_param_spec_object ("inner", NULL, NULL, HB_TYPE_EXCEPTION, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_exception_init (HbException *self)
{
}

/**
 * hb_exception_new_from_json:
 * @node: the JSON object from the API
 * @error: return location for an HB_API_ERROR_INVALID_RESPONSE
 *
 * Returns: (transfer full) (nullable): the new object, or %NULL on error
 */
HbException *
hb_exception_new_from_json (JsonNode *node, GError **error)
{
  g_autoptr (HbException) outer = NULL;
  HbException **slot = &outer;
  guint depth = 0;

  /* Iterative, so a long chain cannot exhaust the stack. */
  while (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonObject *object = _hb_json_node_get_object (node, "exception", error);
      const char *type, *message, *stack_trace;
      HbException *self;

      if (object == NULL || !_hb_json_get_string (object, "type", &type, error) ||
          !_hb_json_get_string (object, "message", &message, error) ||
          !_hb_json_get_nullable_string (object, "stack_trace", &stack_trace, error))
        return NULL;
      if (++depth > HB_JSON_MAX_DEPTH)
        {
          g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: exception chain too long");
          return NULL;
        }

      self = g_object_new (HB_TYPE_EXCEPTION, NULL);
      self->type = g_strdup (type);
      self->message = g_strdup (message);
      self->stack_trace = g_strdup (stack_trace);
      *slot = self;
      slot = &self->inner;
      node = json_object_get_member (object, "inner_exception");
    }
  if (outer == NULL)
    _hb_json_node_get_object (node, "exception", error);
  return g_steal_pointer (&outer);
}

/** hb_exception_get_type_name: Returns: (transfer none): the type name */
const char *
hb_exception_get_type_name (HbException *self)
{
  g_return_val_if_fail (HB_IS_EXCEPTION (self), NULL);
  return self->type;
}

/** hb_exception_get_message: Returns: (transfer none): the message */
const char *
hb_exception_get_message (HbException *self)
{
  g_return_val_if_fail (HB_IS_EXCEPTION (self), NULL);
  return self->message;
}

/** hb_exception_get_stack_trace: Returns: (transfer none) (nullable): the stack trace */
const char *
hb_exception_get_stack_trace (HbException *self)
{
  g_return_val_if_fail (HB_IS_EXCEPTION (self), NULL);
  return self->stack_trace;
}

/** hb_exception_get_inner: Returns: (transfer none) (nullable): the inner */
HbException *
hb_exception_get_inner (HbException *self)
{
  g_return_val_if_fail (HB_IS_EXCEPTION (self), NULL);
  return self->inner;
}
