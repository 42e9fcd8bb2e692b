/* hbs-oauth-pages.h: the pages of the sign-in flow: sign in, consent, errors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-request.h"

G_BEGIN_DECLS

/* The parameters of an authorization request, as sent to the page and back in its form. */
typedef struct
{
  const char *client_id;
  const char *redirect_uri;
  const char *state;
  const char *challenge;
  const char *method;
} HbsAuthorization;

/* @title is plain text, @content the page's HTML. */
void hbs_oauth_send_page (HbsRequest *req, guint status, const char *title, const char *content);
/* The other arguments are plain text (escaped here) but for the sign-in page's @error. */
void hbs_oauth_error_page (HbsRequest *req, guint status, const char *message);
/* @error is markup (our own messages); @demo adds the demo account's name and password. */
void hbs_oauth_sign_in_page (HbsRequest *req,
                             guint status,
                             const char *return_to,
                             const char *client_name,
                             const char *error,
                             gboolean demo);
void hbs_oauth_consent_page (HbsRequest *req,
                             const char *user_name,
                             const char *email,
                             const char *csrf,
                             const char *client_name,
                             const HbsAuthorization *auth);

G_END_DECLS
