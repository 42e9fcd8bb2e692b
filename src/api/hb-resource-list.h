/* hb-resource-list.h: one kind of an application's items (variables, collaborators…) as a list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"
#include "hb-remote-list.h"

G_BEGIN_DECLS

#define HB_TYPE_RESOURCE_LIST (hb_resource_list_get_type ())
G_DECLARE_FINAL_TYPE (HbResourceList, hb_resource_list, HB, RESOURCE_LIST, HbRemoteList)

HbResourceList *hb_resource_list_new (HbClient *client, GType type, const char *slug);
HbClient *hb_resource_list_get_client (HbResourceList *self);
const char *hb_resource_list_get_slug (HbResourceList *self);

G_END_DECLS
