/* hbs-oauth.h: AppHarbor's OAuth 2 flow: sign-in form, consent page, codes and /tokens
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-request.h"
#include "hbs-store.h"

G_BEGIN_DECLS

#define HBS_TYPE_OAUTH (hbs_oauth_get_type ())
G_DECLARE_FINAL_TYPE (HbsOAuth, hbs_oauth, HBS, OAUTH, GObject)

HbsOAuth *hbs_oauth_new (HbsStore *store);
void hbs_oauth_set_auto_approve (HbsOAuth *self, gboolean auto_approve);
gboolean hbs_oauth_handle (HbsOAuth *self, HbsRequest *req);

G_END_DECLS
