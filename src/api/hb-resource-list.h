/* hb-resource-list.h: an application's variables, collaborators, errors… as a remote list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-api-types.h"
#include "hb-client.h"
#include "hb-remote-list.h"

G_BEGIN_DECLS

#define HB_TYPE_RESOURCE_LIST (hb_resource_list_get_type ())
G_DECLARE_FINAL_TYPE (HbResourceList, hb_resource_list, HB, RESOURCE_LIST, HbRemoteList)

HbResourceList *hb_resource_list_new (HbClient *client, const char *slug, HbResourceKind kind);
HbClient *hb_resource_list_get_client (HbResourceList *self);
const char *hb_resource_list_get_slug (HbResourceList *self);
HbResourceKind hb_resource_list_get_kind (HbResourceList *self);
gpointer hb_resource_list_find (HbResourceList *self, const char *id, guint *position);

G_END_DECLS
