/* hb-app-detail-view.h: one application: its facts, Rename, Delete, and its pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_DETAIL_VIEW (hb_app_detail_view_get_type ())
G_DECLARE_FINAL_TYPE (HbAppDetailView, hb_app_detail_view, HB, APP_DETAIL_VIEW, GtkWidget)

HbApp *hb_app_detail_view_get_app (HbAppDetailView *self);
const char *hb_app_detail_view_get_title (HbAppDetailView *self);
void hb_app_detail_view_set_app (HbAppDetailView *self, HbApp *app);
void hb_app_detail_view_set_page (HbAppDetailView *self, const char *name);
void hb_app_detail_view_reload (HbAppDetailView *self);
GtkWidget *hb_app_detail_view_get_page (HbAppDetailView *self, const char *name);
void hb_app_detail_view_rename (HbAppDetailView *self, const char *name);
void hb_app_detail_view_delete (HbAppDetailView *self);
gboolean hb_app_detail_view_get_notify_builds (HbAppDetailView *self);
void hb_app_detail_view_set_notify_builds (HbAppDetailView *self, gboolean notify);

void hb_app_detail_view_focus_start (HbAppDetailView *self);

G_END_DECLS
