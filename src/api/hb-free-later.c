/* hb-free-later.c: hand something big to a worker thread to free, so nobody waits for it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-free-later.h"

typedef struct
{
  gpointer data;
  GDestroyNotify free_func;
} Garbage;

static void
free_garbage (gpointer item, gpointer user_data)
{
  Garbage *garbage = item;

  garbage->free_func (garbage->data);
  g_free (garbage);
}

void
hb_free_later (gpointer data, GDestroyNotify free_func)
{
  static GThreadPool *reaper;
  Garbage *garbage;

  g_return_if_fail (free_func != NULL);
  if (data == NULL)
    return;
  /* One thread: freeing is not worth more cores than the app has to spare. */
  if (g_once_init_enter (&reaper))
    g_once_init_leave (&reaper, g_thread_pool_new (free_garbage, NULL, 1, FALSE, NULL));
  garbage = g_new (Garbage, 1);
  garbage->data = data;
  garbage->free_func = free_func;
  g_thread_pool_push (reaper, garbage, NULL);
}
