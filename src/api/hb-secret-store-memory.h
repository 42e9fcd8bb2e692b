/* hb-secret-store-memory.h: a token store that forgets everything when Harbor quits
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-secret-store.h"

G_BEGIN_DECLS

#define HB_TYPE_SECRET_STORE_MEMORY (hb_secret_store_memory_get_type ())
G_DECLARE_FINAL_TYPE (HbSecretStoreMemory, hb_secret_store_memory, HB, SECRET_STORE_MEMORY, GObject)

HbSecretStore *hb_secret_store_memory_new (void);

G_END_DECLS
