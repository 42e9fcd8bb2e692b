/* hbt-properties.c: shared test helpers: properties notify by themselves, and only on a change
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-properties.h"

#include <gobject/gvaluecollector.h>

static gboolean
is_ours (GType type)
{
  const char *name = g_type_name (type);

  return g_str_has_prefix (name, "Hb") && !g_str_has_prefix (name, "Hbs") &&
         !g_str_has_prefix (name, "Hbt");
}

static void
check_type (GType type, guint *n_types)
{
  g_autofree GType *children = NULL;
  guint n_children = 0;

  if (is_ours (type))
    {
      g_autoptr (GTypeClass) klass = g_type_class_ref (type);
      guint n_pspecs = 0;
      g_autofree GParamSpec **pspecs =
          g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);

      for (guint i = 0; i < n_pspecs; i++)
        if (pspecs[i]->owner_type == type && (pspecs[i]->flags & G_PARAM_WRITABLE) != 0 &&
            (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY) == 0)
          g_error ("%s:%s is writable but not G_PARAM_EXPLICIT_NOTIFY", g_type_name (type),
                   pspecs[i]->name);
      (*n_types)++;
    }
  children = g_type_children (type, &n_children);
  for (guint i = 0; i < n_children; i++)
    check_type (children[i], n_types);
}

guint
hbt_assert_explicit_notify (void)
{
  guint n_types = 0;

  check_type (G_TYPE_OBJECT, &n_types);
  return n_types;
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

void
hbt_assert_notifies_on_change (gpointer object, const char *property, ...)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto (GValue) value = G_VALUE_INIT;
  g_autofree char *detailed = g_strconcat ("notify::", property, NULL);
  g_autofree char *error = NULL;
  guint count = 0;
  gulong handler;
  va_list args;

  g_assert_nonnull (pspec);
  va_start (args, property);
  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
  va_end (args);
  g_assert_null (error);

  handler = g_signal_connect (object, detailed, G_CALLBACK (count_notify), &count);
  g_object_set_property (object, property, &value);
  if (count != 1)
    g_error ("%s:%s notified %u times on a change", G_OBJECT_TYPE_NAME (object), property, count);
  g_object_set_property (object, property, &value);
  if (count != 1)
    g_error ("%s:%s notified when set to the value it held", G_OBJECT_TYPE_NAME (object), property);
  g_signal_handler_disconnect (object, handler);
}
