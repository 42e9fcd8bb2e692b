/* hbt-utils.c: shared test helpers: await an async result with a deadline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-utils.h"

#include <stdlib.h>
#include <string.h>

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

static gboolean
is_hangup_warning (const char *log_domain, const char *message)
{
  return g_strcmp0 (log_domain, "libsoup") == 0 && message != NULL &&
         strstr (message, "could not get remote address") != NULL;
}

static gboolean
fatal_unless_hangup (const char *log_domain,
                     GLogLevelFlags log_level,
                     const char *message,
                     gpointer user_data)
{
  return !is_hangup_warning (log_domain, message);
}

/* In TAP mode GLib would print the (now harmless) warning as "Bail out!". */
static void
log_unless_hangup (const char *log_domain,
                   GLogLevelFlags log_level,
                   const char *message,
                   gpointer user_data)
{
  if (is_hangup_warning (log_domain, message))
    g_test_message ("ignored: %s", message);
  else
    g_log_default_handler (log_domain, log_level, message, user_data);
}

void
hbt_tolerate_client_hangups (void)
{
  static gsize installed;

  /* GTest forgets the fatal handler after each test case: set it every time. */
  g_test_log_set_fatal_handler (fatal_unless_hangup, NULL);
  if (g_once_init_enter (&installed))
    {
      g_log_set_handler ("libsoup", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, log_unless_hangup,
                         NULL);
      g_once_init_leave (&installed, 1);
    }
}
