/* hbs-random.h: harbor-server's secrets, from the kernel's CSPRNG
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *hbs_base64url (const guint8 *data, gsize length);
char *hbs_random_token (gsize n_bytes);
char *hbs_random_uuid (void);

G_END_DECLS
