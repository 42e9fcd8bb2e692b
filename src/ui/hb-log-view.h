/* hb-log-view.h: a live log's lines on screen: rows, search, following, lines per frame
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_LOG_VIEW (hb_log_view_get_type ())
G_DECLARE_FINAL_TYPE (HbLogView, hb_log_view, HB, LOG_VIEW, GtkWidget)

GtkWidget *hb_log_view_new (void);

HbLogBuffer *hb_log_view_get_buffer (HbLogView *self);
GListModel *hb_log_view_get_shown (HbLogView *self);
GtkSelectionModel *hb_log_view_get_selection (HbLogView *self);
gboolean hb_log_view_get_following (HbLogView *self);
void hb_log_view_set_following (HbLogView *self, gboolean following);
const char *hb_log_view_get_search_text (HbLogView *self);
void hb_log_view_set_search_text (HbLogView *self, const char *text);

void hb_log_view_queue_lines (HbLogView *self, GPtrArray *lines);
void hb_log_view_flush (HbLogView *self);
void hb_log_view_drop_pending (HbLogView *self);

char *hb_log_view_dup_count_text (HbLogView *self);
char *hb_log_view_dup_shown_text (HbLogView *self);
char *hb_log_view_dup_selected_text (HbLogView *self);

G_END_DECLS
