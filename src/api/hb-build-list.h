/* hb-build-list.h: an application's builds as a remote list, paged by count/offset
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"
#include "hb-remote-list.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD_LIST (hb_build_list_get_type ())
G_DECLARE_FINAL_TYPE (HbBuildList, hb_build_list, HB, BUILD_LIST, HbRemoteList)

HbBuildList *hb_build_list_new (HbClient *client, const char *slug);
HbClient *hb_build_list_get_client (HbBuildList *self);
const char *hb_build_list_get_slug (HbBuildList *self);
guint hb_build_list_get_page_size (HbBuildList *self);
void hb_build_list_set_page_size (HbBuildList *self, guint page_size);
gboolean hb_build_list_get_has_more (HbBuildList *self);
void hb_build_list_load_more (HbBuildList *self);
void hb_build_list_watch_unfinished (HbBuildList *self);

G_END_DECLS
