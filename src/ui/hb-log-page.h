/* hb-log-page.h: an application's live log: a log session's lines as they arrive, followed,
 * searched, copied and saved; Reconnect when the stream ends or drops
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"
#include "hb-log-view.h"

G_BEGIN_DECLS

#define HB_TYPE_LOG_PAGE (hb_log_page_get_type ())
G_DECLARE_FINAL_TYPE (HbLogPage, hb_log_page, HB, LOG_PAGE, HbAppPage)

/* What the page's session is doing. */
typedef enum
{
  HB_LOG_PAGE_IDLE,       /* no session (no app, or not shown yet) */
  HB_LOG_PAGE_CONNECTING, /* opening a session */
  HB_LOG_PAGE_STREAMING,  /* lines arrive as they are written */
  HB_LOG_PAGE_ENDED,      /* the server ended the stream */
  HB_LOG_PAGE_DROPPED,    /* the stream failed; what was shown stays */
} HbLogPageState;

HbLogPageState hb_log_page_get_state (HbLogPage *self);
const GError *hb_log_page_get_error (HbLogPage *self);
HbLogView *hb_log_page_get_view (HbLogPage *self);
gboolean hb_log_page_get_following (HbLogPage *self);
void hb_log_page_set_following (HbLogPage *self, gboolean following);
const char *hb_log_page_get_search_text (HbLogPage *self);
void hb_log_page_set_search_text (HbLogPage *self, const char *text);
void hb_log_page_set_options (HbLogPage *self,
                              gboolean tail,
                              guint limit,
                              const char *source_filter,
                              const char *process_filter);
void hb_log_page_reconnect (HbLogPage *self);
void hb_log_page_save_async (HbLogPage *self,
                             GFile *file,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data);
gboolean hb_log_page_save_finish (HbLogPage *self, GAsyncResult *result, GError **error);

G_END_DECLS
