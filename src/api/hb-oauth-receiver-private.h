/* hb-oauth-receiver-private.h: the loopback receiver's limits, for tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-oauth-receiver.h"

G_BEGIN_DECLS

/* At most @max_connections at once (one more is closed as soon as it is accepted), each one
 * open at most @timeout_ms, request and answer included. */
void _hb_oauth_receiver_set_limits (HbOAuthReceiver *self, guint max_connections, guint timeout_ms);
guint _hb_oauth_receiver_get_n_connections (HbOAuthReceiver *self);

G_END_DECLS
