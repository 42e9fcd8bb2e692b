/* hb-secret-store-libsecret.c: keeps the token in the Secret Service (or the Secret portal)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-secret-store-libsecret.h"

#include <libsecret/secret.h>

struct _HbSecretStoreLibsecret
{
  GObject parent_instance;
};

static void secret_store_iface_init (HbSecretStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HbSecretStoreLibsecret,
                               hb_secret_store_libsecret,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HB_TYPE_SECRET_STORE,
                                                      secret_store_iface_init))

/* DONT_MATCH_NAME: lookups keyed on xdg:schema fail while some keyrings are locked, so we
 * match on our own "app" attribute instead, which no other program writes. The simple
 * secret_password_* API is the one that also goes through the Flatpak Secret portal. */
static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.appharbor.Harbor.Token",
    SECRET_SCHEMA_DONT_MATCH_NAME,
    {
        { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "app", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };

  return &schema;
}

static gboolean
libsecret_is_persistent (HbSecretStore *store)
{
  return TRUE;
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

static void
libsecret_lookup_async (HbSecretStore *store,
                        const char *server,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, libsecret_lookup_async);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task, "server", server, "app",
                          APP_ID, NULL);
}

/* The token was allocated by libsecret in non-pageable memory; hand out a normal copy and
 * wipe the original. */
static char *
libsecret_lookup_finish (HbSecretStore *store, GAsyncResult *result, GError **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *copy = g_strdup (secret);

  secret_password_free (secret);
  return copy;
}

typedef struct
{
  char *server;
  char *account;
  char *token;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_free (data->server);
  g_free (data->account);
  secret_password_wipe (data->token);
  g_free (data->token);
  g_free (data);
}

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* One token per server: an item saved for another account on the same server goes first. */
static void
store_clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators are not involved: the label is shown by keyring managers next to our app. */
  label = g_strdup_printf ("Harbor sign-in for %s", data->server);
  /* libsecret refuses a NULL attribute value with a critical and never calls back: an unknown
   * account is left out instead. */
  if (data->account != NULL)
    secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, data->token,
                           g_task_get_cancellable (task), store_cb, g_object_ref (task), "server",
                           data->server, "account", data->account, "app", APP_ID, NULL);
  else
    secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, data->token,
                           g_task_get_cancellable (task), store_cb, g_object_ref (task), "server",
                           data->server, "app", APP_ID, NULL);
}

static void
libsecret_store_async (HbSecretStore *store,
                       const char *server,
                       const char *account,
                       const char *token,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  StoreData *data = g_new0 (StoreData, 1);

  data->server = g_strdup (server);
  data->account = g_strdup (account);
  data->token = g_strdup (token);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);
  g_task_set_source_tag (task, libsecret_store_async);
  secret_password_clear (token_schema (), cancellable, store_clear_cb, task, "server", server,
                         "app", APP_ID, NULL);
}

static gboolean
libsecret_finish_boolean (HbSecretStore *store, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;

  /* FALSE without an error only means there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
libsecret_clear_async (HbSecretStore *store,
                       const char *server,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, libsecret_clear_async);
  secret_password_clear (token_schema (), cancellable, clear_cb, task, "server", server, "app",
                         APP_ID, NULL);
}

static void
secret_store_iface_init (HbSecretStoreInterface *iface)
{
  iface->is_persistent = libsecret_is_persistent;
  iface->lookup_async = libsecret_lookup_async;
  iface->lookup_finish = libsecret_lookup_finish;
  iface->store_async = libsecret_store_async;
  iface->store_finish = libsecret_finish_boolean;
  iface->clear_async = libsecret_clear_async;
  iface->clear_finish = libsecret_finish_boolean;
}

static void
hb_secret_store_libsecret_class_init (HbSecretStoreLibsecretClass *klass)
{
}

static void
hb_secret_store_libsecret_init (HbSecretStoreLibsecret *self)
{
}

HbSecretStore *
hb_secret_store_libsecret_new (void)
{
  return g_object_new (HB_TYPE_SECRET_STORE_LIBSECRET, NULL);
}
