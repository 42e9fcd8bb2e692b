/* hbs-buckets.c: token buckets by name, for limiting password guesses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-buckets.h"

/* Names remembered at once; full buckets are forgotten first. */
#define MAX_BUCKETS 4096

struct _HbsBuckets
{
  guint capacity;
  gint64 refill_us;    /* one token back every refill_us */
  GHashTable *buckets; /* name → Bucket */
};

typedef struct
{
  double tokens; /* left, as of @updated */
  gint64 updated;
} Bucket;

static double
level (HbsBuckets *self, const Bucket *bucket, gint64 now)
{
  return MIN ((double) self->capacity,
              bucket->tokens + (double) (now - bucket->updated) / self->refill_us);
}

/* Forgets full buckets (they say nothing a new one would not) once there are many. */
static void
prune (HbsBuckets *self, gint64 now)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->buckets) < MAX_BUCKETS)
    return;
  g_hash_table_iter_init (&iter, self->buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (level (self, value, now) >= self->capacity)
      g_hash_table_iter_remove (&iter);
}

HbsBuckets *
hbs_buckets_new (guint capacity, gint64 refill_us)
{
  HbsBuckets *self = g_new0 (HbsBuckets, 1);

  self->capacity = capacity;
  self->refill_us = refill_us;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
hbs_buckets_free (HbsBuckets *self)
{
  g_hash_table_unref (self->buckets);
  g_free (self);
}

/* A full table (thousands of addresses guessing at once) makes newcomers wait too. */
guint
hbs_buckets_wait (HbsBuckets *self, const char *key)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;
  double left;

  if (key == NULL)
    return 0;
  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL)
    {
      prune (self, now);
      return g_hash_table_size (self->buckets) < MAX_BUCKETS ? 0 : self->refill_us / G_USEC_PER_SEC;
    }
  left = level (self, bucket, now);
  if (left >= 1)
    return 0;
  return (guint) ((1 - left) * self->refill_us / G_USEC_PER_SEC) + 1;
}

void
hbs_buckets_spend (HbsBuckets *self, const char *key)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (key == NULL)
    return;
  bucket = g_hash_table_lookup (self->buckets, key);
  if (bucket == NULL && g_hash_table_size (self->buckets) >= MAX_BUCKETS)
    return;
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->capacity;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_strdup (key), bucket);
    }
  bucket->tokens = MAX (level (self, bucket, now) - 1, 0);
  bucket->updated = now;
}
