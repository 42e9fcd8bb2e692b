/* fuzz-api-common.h: the shared libFuzzer body for the libhb-api JSON readers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>

#include "hb-api.h"
#include "hb-json-private.h"

typedef gpointer (*FuzzReader) (JsonNode *node, const char *url, GError **error);

/* Reads every property, so a half-built object cannot hide. */
static void
fuzz_touch (GObject *object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (object, pspecs[i]->name, &value);
    }
}

/* The bytes as one object and as a list, exactly as HbClient reads them:
 * guards first, then the strict reader (@reader, or for an item of the API the
 * HbResource reader of @type). A critical or warning is a crash. */
static int
fuzz_api_reader (const uint8_t *data, size_t size, GType type, FuzzReader reader)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GObject) object = NULL;
  g_autoptr (GListModel) list = NULL;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  node = _hb_json_parse ((const char *) data, size, &error);
  if (node == NULL)
    {
      g_assert_true (error != NULL && error->domain == HB_API_ERROR);
      return 0;
    }

  if (reader != NULL)
    object = reader (node, "https://appharbor.com/applications/a/items/1", &error);
  else
    object = G_OBJECT (hb_resource_new_from_json (
        type, node, "https://appharbor.com/applications/a/items/1", &error));
  g_assert_true ((object == NULL) == (error != NULL));
  if (object != NULL)
    fuzz_touch (object);
  g_clear_error (&error);

  if (reader != NULL)
    list = _hb_json_list_from_array (node, type, reader, &error);
  else
    list = hb_resource_list_new_from_json (type, node, &error);
  g_assert_true ((list == NULL) == (error != NULL));
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (list, i);

      fuzz_touch (item);
    }
  return 0;
}

#define FUZZ_API_TARGET(type, reader)                                                              \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);                                   \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)                                    \
  {                                                                                                \
    return fuzz_api_reader (data, size, (type), (FuzzReader) (reader));                            \
  }

/* An item of the API, read by its type. */
#define FUZZ_RESOURCE_TARGET(type)                                                                 \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);                                   \
  int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)                                    \
  {                                                                                                \
    return fuzz_api_reader (data, size, (type), NULL);                                             \
  }
