/* hb-secret-store-memory.c: a token store that forgets everything when Harbor quits
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-secret-store-memory.h"

#include <string.h>

struct _HbSecretStoreMemory
{
  GObject parent_instance;
  GHashTable *tokens; /* server → token */
};

static void secret_store_iface_init (HbSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbSecretStoreMemory,
                               hb_secret_store_memory,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SECRET_STORE,
                                                      secret_store_iface_init))

/* Overwrite before freeing, so a token does not linger in freed heap memory. */
static void
wipe_and_free (gpointer data)
{
  char *token = data;

  if (token != NULL)
    {
      memset (token, 0, strlen (token));
      g_free (token);
    }
}

static gboolean
memory_is_persistent (HbSecretStore *store)
{
  return FALSE;
}

/* Results are delivered from the main loop like any other store's, never re-entrantly. */
static void
memory_lookup_async (HbSecretStore *store,
                     const char *server,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  HbSecretStoreMemory *self = HB_SECRET_STORE_MEMORY (store);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_lookup_async);
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->tokens, server)), g_free);
}

static char *
memory_lookup_finish (HbSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_store_async (HbSecretStore *store,
                    const char *server,
                    const char *account,
                    const char *token,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  HbSecretStoreMemory *self = HB_SECRET_STORE_MEMORY (store);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_store_async);
  g_hash_table_replace (self->tokens, g_strdup (server), g_strdup (token));
  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_finish_boolean (HbSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
memory_clear_async (HbSecretStore *store,
                    const char *server,
                    GCancellable *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer user_data)
{
  HbSecretStoreMemory *self = HB_SECRET_STORE_MEMORY (store);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_clear_async);
  g_hash_table_remove (self->tokens, server);
  g_task_return_boolean (task, TRUE);
}

static void
secret_store_iface_init (HbSecretStoreInterface *iface)
{
  iface->is_persistent = memory_is_persistent;
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->store_async = memory_store_async;
  iface->store_finish = memory_finish_boolean;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = memory_finish_boolean;
}

static void
hb_secret_store_memory_finalize (GObject *object)
{
  HbSecretStoreMemory *self = HB_SECRET_STORE_MEMORY (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);

  G_OBJECT_CLASS (hb_secret_store_memory_parent_class)->finalize (object);
}

static void
hb_secret_store_memory_class_init (HbSecretStoreMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_secret_store_memory_finalize;
}

static void
hb_secret_store_memory_init (HbSecretStoreMemory *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_and_free);
}

HbSecretStore *
hb_secret_store_memory_new (void)
{
  return g_object_new (HB_TYPE_SECRET_STORE_MEMORY, NULL);
}
