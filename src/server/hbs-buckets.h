/* hbs-buckets.h: token buckets by name, for limiting password guesses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each name has @capacity tokens and gets one back every @refill_us; a new name starts full. */
typedef struct _HbsBuckets HbsBuckets;

HbsBuckets *hbs_buckets_new (guint capacity, gint64 refill_us);
void hbs_buckets_free (HbsBuckets *self);
/* Seconds until @key (NULL: nobody, never limited) has a token; 0 when it has one now. */
guint hbs_buckets_wait (HbsBuckets *self, const char *key);
/* Takes a token from @key, if it has one. */
void hbs_buckets_spend (HbsBuckets *self, const char *key);

G_END_DECLS
