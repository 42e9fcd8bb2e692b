/* hb-secret-store-libsecret.h: keeps the token in the Secret Service (or the Secret portal)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-secret-store.h"

G_BEGIN_DECLS

#define HB_TYPE_SECRET_STORE_LIBSECRET (hb_secret_store_libsecret_get_type ())
G_DECLARE_FINAL_TYPE (
    HbSecretStoreLibsecret, hb_secret_store_libsecret, HB, SECRET_STORE_LIBSECRET, GObject)

HbSecretStore *hb_secret_store_libsecret_new (void);

G_END_DECLS
