/* hbs-log-sessions.h: log sessions (L1) and the session URL that streams them (L2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-app-logs.h"
#include "hbs-request.h"

G_BEGIN_DECLS

#define HBS_TYPE_LOG_SESSIONS (hbs_log_sessions_get_type ())
G_DECLARE_FINAL_TYPE (HbsLogSessions, hbs_log_sessions, HBS, LOG_SESSIONS, GObject)

HbsLogSessions *hbs_log_sessions_new (HbsAppLogs *logs);
/* L1: opens a session of @slug's log from @req's body; answers 201 with its URL. */
void hbs_log_sessions_create (HbsLogSessions *self, HbsRequest *req, const char *slug);
/* L2: streams the session @id. */
void hbs_log_sessions_serve (HbsLogSessions *self, HbsRequest *req, const char *id);

G_END_DECLS
