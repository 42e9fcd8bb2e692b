/* hbt-utils.c: shared test helpers: await an async result with a deadline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-utils.h"

#include <stdlib.h>

void
hbt_async_ready (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
on_deadline (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
hbt_iterate_until (const gboolean *flag, guint timeout_ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean expired = FALSE;
  g_autoptr (GSource) deadline = g_timeout_source_new (timeout_ms);

  g_source_set_callback (deadline, on_deadline, &expired, NULL);
  g_source_attach (deadline, context);
  while (!*flag && !expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);
  return *flag;
}

void
hbt_iterate_for (guint ms)
{
  gboolean never = FALSE;

  hbt_iterate_until (&never, ms);
}

static gboolean
slot_is_set (GAsyncResult **slot, guint timeout_ms)
{
  GMainContext *context = g_main_context_get_thread_default ();
  gboolean expired = FALSE;
  g_autoptr (GSource) deadline = g_timeout_source_new (timeout_ms);

  g_source_set_callback (deadline, on_deadline, &expired, NULL);
  g_source_attach (deadline, context);
  while (*slot == NULL && !expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);
  return *slot != NULL;
}

void
hbt_await (GAsyncResult **slot)
{
  const char *env = g_getenv ("HBT_TIMEOUT");
  guint timeout_s = env != NULL ? (guint) atoi (env) : HBT_DEFAULT_TIMEOUT_S;

  if (!slot_is_set (slot, timeout_s * 1000))
    g_error ("hbt_await: no result within %u s", timeout_s);
}
