/* hb-status-stack.h: loading / empty / error (with Retry) / content switcher for a remote view
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-remote-list.h"

G_BEGIN_DECLS

#define HB_TYPE_STATUS_STACK (hb_status_stack_get_type ())
G_DECLARE_FINAL_TYPE (HbStatusStack, hb_status_stack, HB, STATUS_STACK, GtkWidget)

GtkWidget *hb_status_stack_new (void);
void hb_status_stack_set_model (HbStatusStack *self, GListModel *model);
void hb_status_stack_set_list (HbStatusStack *self, HbRemoteList *list);
void hb_status_stack_set_list_shown (HbStatusStack *self, HbRemoteList *list, GListModel *shown);
gboolean hb_status_stack_get_stale (HbStatusStack *self);
const char *hb_status_stack_get_banner_text (HbStatusStack *self);
GtkWidget *hb_status_stack_get_banner_retry_button (HbStatusStack *self);
void hb_status_stack_set_loading (HbStatusStack *self, gboolean loading);
void hb_status_stack_set_error (HbStatusStack *self, const GError *error);
const GError *hb_status_stack_get_error (HbStatusStack *self);
void hb_status_stack_set_content (HbStatusStack *self, GtkWidget *content);
const char *hb_status_stack_get_page (HbStatusStack *self);
GtkWidget *hb_status_stack_get_retry_button (HbStatusStack *self);

G_END_DECLS
