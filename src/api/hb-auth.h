/* hb-auth.h: the signed-in state: restores, keeps, exchanges and forgets the access token
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-client.h"
#include "hb-oauth.h"
#include "hb-secret-store.h"

G_BEGIN_DECLS

#define HB_TYPE_AUTH (hb_auth_get_type ())
G_DECLARE_FINAL_TYPE (HbAuth, hb_auth, HB, AUTH, GObject)

/* Properties: "signed-in" (mirrors the client), "persistent" (the token is in a keyring),
 * "busy" (restoring or exchanging a code), "client-id", "client-secret".
 * Signals: "reauth-required" (a call answered 401; the token is gone, ask for sign-in again),
 * "storage-unavailable" (emitted at most once per run: the token could not be saved and is
 * kept for this run only; argument: the store's error message, for logs). */

HbAuth *hb_auth_new (HbClient *client, HbSecretStore *store /* nullable: memory only */);
HbClient *hb_auth_get_client (HbAuth *self);
const char *hb_auth_get_server (HbAuth *self);
gboolean hb_auth_get_signed_in (HbAuth *self);
gboolean hb_auth_get_persistent (HbAuth *self);
gboolean hb_auth_get_busy (HbAuth *self);

/* Reads HARBOR_ACCESS_TOKEN (NULL when unset or empty) and removes it from the environment.
 * harbor calls it first thing in main(), while no other thread runs. */
char *hb_auth_take_env_token (void);
/* The token hb_auth_take_env_token() returned: restoring uses it instead of the store. */
void hb_auth_set_env_token (HbAuth *self, const char *token);

/* The environment's token first (never stored), then the store. Finishes TRUE when signed in;
 * a store that cannot be reached is not an error, only "not signed in". */
void hb_auth_restore_async (HbAuth *self,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean hb_auth_restore_finish (HbAuth *self, GAsyncResult *result, GError **error);

/* A new authorization attempt for this server and client registration. */
HbOAuth *hb_auth_new_attempt (HbAuth *self, guint redirect_port);
/* Exchanges @code, signs the client in and saves the token in the background. */
void hb_auth_sign_in_async (HbAuth *self,
                            HbOAuth *attempt,
                            const char *code,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean hb_auth_sign_in_finish (HbAuth *self, GAsyncResult *result, GError **error);
/* Signs in with a token obtained elsewhere and saves it. */
void hb_auth_set_token (HbAuth *self, const char *token);

void hb_auth_sign_out (HbAuth *self);

G_END_DECLS
