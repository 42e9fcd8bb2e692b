/* hbt-properties.h: shared test helpers: properties notify by themselves, and only on a change
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every writable property that a registered Hb type (not Hbs, not Hbt) declares itself is
 * G_PARAM_EXPLICIT_NOTIFY: its setter notifies, and only on a real change. Returns how many
 * types were looked at; register them first (g_type_ensure). */
guint hbt_assert_explicit_notify (void);

/* Sets @property of @object to the value that follows (as g_object_set() takes it) twice: the
 * first set must notify @property exactly once (the value differs from the one held), the
 * second not at all. */
void hbt_assert_notifies_on_change (gpointer object, const char *property, ...);

G_END_DECLS
