/* hbt-utils.h: shared test helpers: await an async result with a deadline
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Seconds before hbt_await() fails the test; HBT_TIMEOUT overrides it. */
#define HBT_DEFAULT_TIMEOUT_S 30

/* A GAsyncReadyCallback storing a reference to @result in the
 * `GAsyncResult **` passed as @user_data. */
void hbt_async_ready (GObject *source_object, GAsyncResult *result, gpointer user_data);

/* Iterates the thread-default main context until *@slot is set (by
 * hbt_async_ready); fails the test if nothing arrives in time. */
void hbt_await (GAsyncResult **slot);

/* Iterates until *@flag is TRUE or @timeout_ms passes; returns *@flag. */
gboolean hbt_iterate_until (const gboolean *flag, guint timeout_ms);

/* libsoup's server warns when a client hangs up before it learned the
 * peer's address, which cancellation tests do on purpose: keep that one
 * warning non-fatal. Installed by the HbtServer constructors. */
void hbt_tolerate_client_hangups (void);

/* Iterates the main context for @ms milliseconds. */
void hbt_iterate_for (guint ms);

G_END_DECLS
