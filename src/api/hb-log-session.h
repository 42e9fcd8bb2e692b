/* hb-log-session.h: one live log session: opened (L1), then read line by line (L2) until it
 * ends or drops
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"
#include "hb-log-line.h"

G_BEGIN_DECLS

/* Reads run at GDK's redraw priority (G_PRIORITY_HIGH_IDLE + 20): a fast log shares the main
 * loop with the frames turn by turn, never starving them nor starved (HACKING.md). */
#define HB_LOG_SESSION_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)
/* A longer line is cut here (and ends in "…"); the rest of it is skipped. */
#define HB_LOG_SESSION_MAX_LINE (16 * 1024)
/* AppHarbor kept an application's last 1,500 lines: a larger limit brings nothing more. */
#define HB_LOG_SESSION_MAX_LIMIT 1500
#define HB_LOG_SESSION_DEFAULT_LIMIT 100

#define HB_TYPE_LOG_SESSION (hb_log_session_get_type ())
G_DECLARE_FINAL_TYPE (HbLogSession, hb_log_session, HB, LOG_SESSION, GObject)

HbLogSession *hb_log_session_new (HbClient *client, const char *slug);

HbClient *hb_log_session_get_client (HbLogSession *self);
const char *hb_log_session_get_slug (HbLogSession *self);
gboolean hb_log_session_get_tail (HbLogSession *self);
void hb_log_session_set_tail (HbLogSession *self, gboolean tail);
guint hb_log_session_get_limit (HbLogSession *self);
void hb_log_session_set_limit (HbLogSession *self, guint limit);
const char *hb_log_session_get_source_filter (HbLogSession *self);
void hb_log_session_set_source_filter (HbLogSession *self, const char *source_filter);
const char *hb_log_session_get_process_filter (HbLogSession *self);
void hb_log_session_set_process_filter (HbLogSession *self, const char *process_filter);
const char *hb_log_session_get_url (HbLogSession *self);
gboolean hb_log_session_get_streaming (HbLogSession *self);
guint64 hb_log_session_get_n_lines (HbLogSession *self);

void hb_log_session_run_async (HbLogSession *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
gboolean hb_log_session_run_finish (HbLogSession *self, GAsyncResult *result, GError **error);

G_END_DECLS
