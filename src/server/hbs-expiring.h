/* hbs-expiring.h: a table whose entries expire after a fixed lifetime, oldest first, capped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HbsExpiring HbsExpiring;

HbsExpiring *
hbs_expiring_new (gint64 lifetime_us, guint max_entries, guint sweep_ms, GDestroyNotify free_value);
void hbs_expiring_free (HbsExpiring *self);
void hbs_expiring_insert (HbsExpiring *self, const char *key, gpointer value);
gpointer hbs_expiring_lookup (HbsExpiring *self, const char *key);
gpointer hbs_expiring_steal (HbsExpiring *self, const char *key);
void hbs_expiring_remove (HbsExpiring *self, const char *key);
guint hbs_expiring_size (HbsExpiring *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbsExpiring, hbs_expiring_free)

G_END_DECLS
