/* hb-oauth-receiver.h: the loopback HTTP listener that receives the redirect from a web browser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-oauth.h"

G_BEGIN_DECLS

#define HB_TYPE_OAUTH_RECEIVER (hb_oauth_receiver_get_type ())
G_DECLARE_FINAL_TYPE (HbOAuthReceiver, hb_oauth_receiver, HB, OAUTH_RECEIVER, GObject)

HbOAuthReceiver *hb_oauth_receiver_new (void);
/* Binds 127.0.0.1 on a port the kernel picks (IPv4 only: the redirect URI names 127.0.0.1). */
gboolean hb_oauth_receiver_listen (HbOAuthReceiver *self, GError **error);
guint hb_oauth_receiver_get_port (HbOAuthReceiver *self);

/* Waits for @attempt's redirect. Requests for other paths or with a wrong state are answered
 * with an error page and do not end the wait. Finishes with the code, or HB_OAUTH_ERROR_*
 * (ACCESS_DENIED, SERVER, MISSING_CODE, TIMED_OUT after @timeout_seconds unless that is 0),
 * or cancelled. A new wait replaces a pending one, which finishes as cancelled. */
void hb_oauth_receiver_wait_async (HbOAuthReceiver *self,
                                   HbOAuth *attempt,
                                   guint timeout_seconds,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
char *hb_oauth_receiver_wait_finish (HbOAuthReceiver *self, GAsyncResult *result, GError **error);

G_END_DECLS
