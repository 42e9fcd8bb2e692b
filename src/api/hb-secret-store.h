/* hb-secret-store.h: where the access token is kept between runs (interface)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HB_TYPE_SECRET_STORE (hb_secret_store_get_type ())
G_DECLARE_INTERFACE (HbSecretStore, hb_secret_store, HB, SECRET_STORE, GObject)

/* Every call is asynchronous: a keyring may have to be unlocked or started over D-Bus, and
 * nothing may block the main loop. A lookup that finds nothing returns NULL without an error;
 * an error means the store could not be asked. The account a token is stored under is only a
 * label for people (lookups go by server); NULL when it is not known. */
struct _HbSecretStoreInterface
{
  GTypeInterface parent_iface;

  gboolean (*is_persistent) (HbSecretStore *self);

  void (*lookup_async) (HbSecretStore *self,
                        const char *server,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
  char *(*lookup_finish) (HbSecretStore *self, GAsyncResult *result, GError **error);

  void (*store_async) (HbSecretStore *self,
                       const char *server,
                       const char *account,
                       const char *token,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data);
  gboolean (*store_finish) (HbSecretStore *self, GAsyncResult *result, GError **error);

  void (*clear_async) (HbSecretStore *self,
                       const char *server,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data);
  gboolean (*clear_finish) (HbSecretStore *self, GAsyncResult *result, GError **error);
};

gboolean hb_secret_store_is_persistent (HbSecretStore *self);

void hb_secret_store_lookup_async (HbSecretStore *self,
                                   const char *server,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
char *hb_secret_store_lookup_finish (HbSecretStore *self, GAsyncResult *result, GError **error);
void hb_secret_store_store_async (HbSecretStore *self,
                                  const char *server,
                                  const char *account,
                                  const char *token,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean hb_secret_store_store_finish (HbSecretStore *self, GAsyncResult *result, GError **error);
void hb_secret_store_clear_async (HbSecretStore *self,
                                  const char *server,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
gboolean hb_secret_store_clear_finish (HbSecretStore *self, GAsyncResult *result, GError **error);

G_END_DECLS
