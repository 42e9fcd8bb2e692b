/* hb-app-list.h: the signed-in user's applications as a remote list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"
#include "hb-remote-list.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_LIST (hb_app_list_get_type ())
G_DECLARE_FINAL_TYPE (HbAppList, hb_app_list, HB, APP_LIST, HbRemoteList)

HbAppList *hb_app_list_new (HbClient *client);
HbClient *hb_app_list_get_client (HbAppList *self);

G_END_DECLS
