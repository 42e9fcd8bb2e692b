/* hb-app-list-view.h: the applications pane: searchable, sorted list with status pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_LIST_VIEW (hb_app_list_view_get_type ())
G_DECLARE_FINAL_TYPE (HbAppListView, hb_app_list_view, HB, APP_LIST_VIEW, GtkWidget)

GtkWidget *hb_app_list_view_new (HbClient *client);
HbApp *hb_app_list_view_get_selected_app (HbAppListView *self);
HbAppList *hb_app_list_view_get_list (HbAppListView *self);
void hb_app_list_view_reload (HbAppListView *self);
gboolean hb_app_list_view_select_slug (HbAppListView *self, const char *slug);
HbApp *hb_app_list_view_add_app (HbAppListView *self, HbApp *app);
void hb_app_list_view_remove_app (HbAppListView *self, HbApp *app);
void hb_app_list_view_focus_search (HbAppListView *self);
gboolean hb_app_list_view_get_search_mode (HbAppListView *self);
void hb_app_list_view_set_search_mode (HbAppListView *self, gboolean search_mode);
void hb_app_list_view_focus_row (HbAppListView *self, guint position);
guint hb_app_list_view_get_position (HbAppListView *self, HbApp *app);
void hb_app_list_view_focus_selected (HbAppListView *self);

G_END_DECLS
