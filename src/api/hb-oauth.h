/* hb-oauth.h: one OAuth authorization attempt (AppHarbor's code flow with state and PKCE)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HB_OAUTH_ERROR (hb_oauth_error_quark ())

typedef enum
{
  HB_OAUTH_ERROR_NOT_REDIRECT,   /* the URI is not this attempt's redirect URI */
  HB_OAUTH_ERROR_STATE_MISMATCH, /* missing, wrong or already used state */
  HB_OAUTH_ERROR_ACCESS_DENIED,  /* the person pressed Deny */
  HB_OAUTH_ERROR_SERVER,         /* any other error= from the server; message holds the code */
  HB_OAUTH_ERROR_MISSING_CODE,   /* a redirect without code or error */
  HB_OAUTH_ERROR_INVALID_REPLY,  /* the token reply cannot be read */
  HB_OAUTH_ERROR_TIMED_OUT,      /* the browser never came back */
} HbOAuthError;

GQuark hb_oauth_error_quark (void);

#define HB_OAUTH_REDIRECT_PATH "/oauth/callback"

#define HB_TYPE_OAUTH (hb_oauth_get_type ())
G_DECLARE_FINAL_TYPE (HbOAuth, hb_oauth, HB, OAUTH, GObject)

/* A new attempt: fresh state and PKCE verifier from the kernel's CSPRNG. The redirect URI is
 * http://127.0.0.1:<redirect_port>/oauth/callback. */
HbOAuth *hb_oauth_new (const char *base_url,
                       const char *client_id,
                       const char *client_secret,
                       guint redirect_port);
const char *hb_oauth_get_base_url (HbOAuth *self);
const char *hb_oauth_get_redirect_uri (HbOAuth *self);
const char *hb_oauth_get_state (HbOAuth *self);
const char *hb_oauth_get_code_verifier (HbOAuth *self);
char *hb_oauth_dup_code_challenge (HbOAuth *self);
char *hb_oauth_dup_authorize_uri (HbOAuth *self);

/* TRUE when @uri has exactly the redirect URI's scheme, host, port and path. */
gboolean hb_oauth_is_redirect (HbOAuth *self, const char *uri);
/* Returns the authorization code; the state is used up by the first call that returns one. */
char *hb_oauth_parse_redirect (HbOAuth *self, const char *uri, GError **error);

/* Parses the form-encoded reply of POST /tokens; returns the access token. @length may be -1. */
char *hb_oauth_parse_token_reply (const char *body, gssize length, GError **error);

void hb_oauth_exchange_async (HbOAuth *self,
                              const char *code,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
char *hb_oauth_exchange_finish (HbOAuth *self, GAsyncResult *result, GError **error);

G_END_DECLS
