/* hb-secret-store.c: where the access token is kept between runs (interface)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-secret-store.h"

G_DEFINE_INTERFACE (HbSecretStore, hb_secret_store, G_TYPE_OBJECT)

static void
hb_secret_store_default_init (HbSecretStoreInterface *iface)
{
}

gboolean
hb_secret_store_is_persistent (HbSecretStore *self)
{
  g_return_val_if_fail (HB_IS_SECRET_STORE (self), FALSE);

  return HB_SECRET_STORE_GET_IFACE (self)->is_persistent (self);
}

void
hb_secret_store_lookup_async (HbSecretStore *self,
                              const char *server,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (HB_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  HB_SECRET_STORE_GET_IFACE (self)->lookup_async (self, server, cancellable, callback, user_data);
}

char *
hb_secret_store_lookup_finish (HbSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (HB_IS_SECRET_STORE (self), NULL);

  return HB_SECRET_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
hb_secret_store_store_async (HbSecretStore *self,
                             const char *server,
                             const char *account,
                             const char *token,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (HB_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);
  g_return_if_fail (token != NULL && *token != '\0');

  HB_SECRET_STORE_GET_IFACE (self)->store_async (self, server, account, token, cancellable,
                                                 callback, user_data);
}

gboolean
hb_secret_store_store_finish (HbSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (HB_IS_SECRET_STORE (self), FALSE);

  return HB_SECRET_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
hb_secret_store_clear_async (HbSecretStore *self,
                             const char *server,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_return_if_fail (HB_IS_SECRET_STORE (self));
  g_return_if_fail (server != NULL);

  HB_SECRET_STORE_GET_IFACE (self)->clear_async (self, server, cancellable, callback, user_data);
}

gboolean
hb_secret_store_clear_finish (HbSecretStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (HB_IS_SECRET_STORE (self), FALSE);

  return HB_SECRET_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}
