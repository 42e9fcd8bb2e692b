/* test-server-expiring.c: the table harbor-server keeps OAuth codes, sign-in sessions and log
 * sessions in: entries expire on a timer, oldest first, and the table is capped
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-expiring.h"
#include "hst.h"

static guint n_freed;

static void
count_free (gpointer value)
{
  n_freed++;
  g_free (value);
}

static void
insert_numbered (HbsExpiring *table, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);

      hbs_expiring_insert (table, key, g_strdup (key));
    }
}

/* Expired entries go by themselves, without a new entry or a lookup to trigger a scan. */
static void
test_expire_on_timer (void)
{
  g_autoptr (HbsExpiring) table = hbs_expiring_new (50 * 1000, 100, 20, count_free);

  n_freed = 0;
  insert_numbered (table, 0, 10);
  g_assert_cmpuint (hbs_expiring_size (table), ==, 10);
  g_assert_cmpstr (hbs_expiring_lookup (table, "k3"), ==, "k3");
  hst_wait (200);
  g_assert_cmpuint (hbs_expiring_size (table), ==, 0);
  g_assert_cmpuint (n_freed, ==, 10);
  /* The timer stops with the last entry, and starts again with the next. */
  g_assert_null (g_main_context_find_source_by_user_data (NULL, table));
  insert_numbered (table, 10, 11);
  g_assert_nonnull (g_main_context_find_source_by_user_data (NULL, table));
}

/* Past the cap, the oldest goes. */
static void
test_cap (void)
{
  g_autoptr (HbsExpiring) table = hbs_expiring_new (G_USEC_PER_SEC * 60, 3, 1000, count_free);

  n_freed = 0;
  insert_numbered (table, 0, 5);
  g_assert_cmpuint (hbs_expiring_size (table), ==, 3);
  g_assert_cmpuint (n_freed, ==, 2);
  g_assert_null (hbs_expiring_lookup (table, "k0"));
  g_assert_null (hbs_expiring_lookup (table, "k1"));
  g_assert_cmpstr (hbs_expiring_lookup (table, "k4"), ==, "k4");
}

/* An expired entry is neither found nor handed out, and stealing one still removes it. */
static void
test_expired_not_found (void)
{
  g_autoptr (HbsExpiring) table = hbs_expiring_new (10 * 1000, 10, 60 * 1000, count_free);
  g_autofree char *stolen = NULL;

  insert_numbered (table, 0, 2);
  stolen = hbs_expiring_steal (table, "k1");
  g_assert_cmpstr (stolen, ==, "k1");
  g_assert_cmpuint (hbs_expiring_size (table), ==, 1);
  g_usleep (30 * 1000);
  g_assert_null (hbs_expiring_lookup (table, "k0"));
  g_assert_null (hbs_expiring_steal (table, "k0"));
  g_assert_cmpuint (hbs_expiring_size (table), ==, 0);
}

/* Adding under a key already there replaces the entry (and frees the old value). */
static void
test_replace (void)
{
  g_autoptr (HbsExpiring) table = hbs_expiring_new (G_USEC_PER_SEC, 10, 1000, count_free);

  n_freed = 0;
  hbs_expiring_insert (table, "k", g_strdup ("one"));
  hbs_expiring_insert (table, "k", g_strdup ("two"));
  g_assert_cmpuint (hbs_expiring_size (table), ==, 1);
  g_assert_cmpuint (n_freed, ==, 1);
  g_assert_cmpstr (hbs_expiring_lookup (table, "k"), ==, "two");
  hbs_expiring_remove (table, "k");
  g_assert_cmpuint (hbs_expiring_size (table), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/expiring/expire-on-timer", test_expire_on_timer);
  g_test_add_func ("/server/expiring/cap", test_cap);
  g_test_add_func ("/server/expiring/expired-not-found", test_expired_not_found);
  g_test_add_func ("/server/expiring/replace", test_replace);
  return g_test_run ();
}
