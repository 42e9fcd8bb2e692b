/* hbs-app-logs.h: what happens to each application, as timestamped lines in a ring per
 * application: builds, deploys, hook calls, configuration changes and a simulated web process
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-limits.h"
#include "hbs-log-ring.h"
#include "hbs-store.h"

G_BEGIN_DECLS

#define HBS_TYPE_APP_LOGS (hbs_app_logs_get_type ())
G_DECLARE_FINAL_TYPE (HbsAppLogs, hbs_app_logs, HBS, APP_LOGS, GObject)

HbsAppLogs *hbs_app_logs_new (HbsStore *store);
void hbs_app_logs_set_web_ms (HbsAppLogs *self, guint ms);
void hbs_app_logs_write (HbsAppLogs *self,
                         const char *slug,
                         const char *source,
                         const char *process,
                         const char *format,
                         ...) G_GNUC_PRINTF (5, 6);
void hbs_app_logs_write_build_entry (HbsAppLogs *self,
                                     const char *slug,
                                     JsonObject *build,
                                     const char *message);
HbsLogRing *hbs_app_logs_get_ring (HbsAppLogs *self, const char *slug);
void hbs_app_logs_watch (HbsAppLogs *self, const char *slug);
void hbs_app_logs_unwatch (HbsAppLogs *self, const char *slug);
void hbs_app_logs_forget (HbsAppLogs *self, const char *slug);

char *hbs_app_logs_public_url (const char *url);

G_END_DECLS
