/* hbs-expiring.c: a table whose entries expire after a fixed lifetime, oldest first, capped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-expiring.h"

/* OAuth codes, sign-in sessions and log sessions each live a fixed time, so the order they were
 * made in is the order they expire in: a queue beside the hash table gives the expired ones in
 * O(1) each. A timer takes them out, so nothing scans the table when an entry is added, and
 * the cap bounds what a flood of requests can make the server hold before they expire. */

typedef struct
{
  char *key;
  gpointer value;
  gint64 expires;
  GList link; /* in HbsExpiring.order */
} Entry;

struct _HbsExpiring
{
  gint64 lifetime_us;
  guint max_entries;
  guint sweep_ms;
  GDestroyNotify free_value;
  GHashTable *entries; /* key → Entry */
  GQueue order;        /* Entry, oldest first */
  GSource *sweep;      /* only while there are entries */
};

static void
entry_free (HbsExpiring *self, Entry *entry)
{
  if (self->free_value != NULL && entry->value != NULL)
    self->free_value (entry->value);
  g_free (entry->key);
  g_free (entry);
}

/* Takes @entry out of the table and the queue; the caller frees it. */
static void
unlink_entry (HbsExpiring *self, Entry *entry)
{
  g_hash_table_steal (self->entries, entry->key);
  g_queue_unlink (&self->order, &entry->link);
}

static void
drop_oldest (HbsExpiring *self)
{
  Entry *oldest = g_queue_peek_head (&self->order);

  unlink_entry (self, oldest);
  entry_free (self, oldest);
}

static gboolean
sweep_cb (gpointer user_data)
{
  HbsExpiring *self = user_data;
  gint64 now = g_get_monotonic_time ();
  Entry *oldest;

  while ((oldest = g_queue_peek_head (&self->order)) != NULL && oldest->expires <= now)
    drop_oldest (self);
  if (!g_queue_is_empty (&self->order))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&self->sweep, g_source_unref);
  return G_SOURCE_REMOVE;
}

/**
 * hbs_expiring_new:
 * @lifetime_us: how long an entry lives
 * @max_entries: the most entries held; adding one more drops the oldest
 * @sweep_ms: how often expired entries are taken out (lookups never return one anyway)
 * @free_value: (nullable): frees a value
 *
 * The sweep runs on the thread-default main context of whoever adds the first entry.
 */
HbsExpiring *
hbs_expiring_new (gint64 lifetime_us, guint max_entries, guint sweep_ms, GDestroyNotify free_value)
{
  HbsExpiring *self = g_new0 (HbsExpiring, 1);

  self->lifetime_us = lifetime_us;
  self->max_entries = MAX (max_entries, 1);
  self->sweep_ms = MAX (sweep_ms, 1);
  self->free_value = free_value;
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->order);
  return self;
}

void
hbs_expiring_free (HbsExpiring *self)
{
  if (self->sweep != NULL)
    {
      g_source_destroy (self->sweep);
      g_source_unref (self->sweep);
    }
  while (!g_queue_is_empty (&self->order))
    drop_oldest (self);
  g_hash_table_unref (self->entries);
  g_free (self);
}

/* Adds @value under @key (copied), replacing an entry with the same key. */
void
hbs_expiring_insert (HbsExpiring *self, const char *key, gpointer value)
{
  Entry *entry = g_new0 (Entry, 1);

  hbs_expiring_remove (self, key);
  while (g_queue_get_length (&self->order) >= self->max_entries)
    drop_oldest (self);
  entry->key = g_strdup (key);
  entry->value = value;
  entry->expires = g_get_monotonic_time () + self->lifetime_us;
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->key, entry);
  g_queue_push_tail_link (&self->order, &entry->link);
  if (self->sweep == NULL)
    {
      self->sweep = g_timeout_source_new (self->sweep_ms);
      g_source_set_callback (self->sweep, sweep_cb, self, NULL);
      g_source_set_name (self->sweep, "[hbs] expire entries");
      g_source_attach (self->sweep, g_main_context_get_thread_default ());
    }
}

static Entry *
find_live (HbsExpiring *self, const char *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  return entry != NULL && entry->expires > g_get_monotonic_time () ? entry : NULL;
}

/* The value under @key; %NULL when there is none or it has expired. */
gpointer
hbs_expiring_lookup (HbsExpiring *self, const char *key)
{
  Entry *entry = find_live (self, key);

  return entry != NULL ? entry->value : NULL;
}

/* Removes the entry under @key and returns its value (the caller frees it); %NULL when there is
 * none or it has expired (an expired one is removed all the same: single use). */
gpointer
hbs_expiring_steal (HbsExpiring *self, const char *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);
  gboolean live = entry != NULL && entry->expires > g_get_monotonic_time ();
  gpointer value;

  if (entry == NULL)
    return NULL;
  unlink_entry (self, entry);
  if (!live)
    {
      entry_free (self, entry);
      return NULL;
    }
  value = g_steal_pointer (&entry->value);
  entry_free (self, entry);
  return value;
}

void
hbs_expiring_remove (HbsExpiring *self, const char *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return;
  unlink_entry (self, entry);
  entry_free (self, entry);
}

/* Entries held, expired ones not yet swept included. */
guint
hbs_expiring_size (HbsExpiring *self)
{
  return g_hash_table_size (self->entries);
}
