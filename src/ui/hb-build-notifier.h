/* hb-build-notifier.h: watches the builds a person cares about (deployed in Harbor, or of an
 * application marked "Notify me"), says on the desktop how each ended when no Harbor window
 * has the focus, and keeps Harbor running in the background until they end
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD_NOTIFIER (hb_build_notifier_get_type ())
G_DECLARE_FINAL_TYPE (HbBuildNotifier, hb_build_notifier, HB, BUILD_NOTIFIER, GObject)

/* How often the builds of "Notify me" applications are listed, unless
 * HARBOR_TEST_BUILD_POLL_MS says otherwise (tests). */
#define HB_BUILD_NOTIFIER_POLL_MS 20000

/* @settings (nullable): "build-notifications" and "notify-apps"; without them every watched
 * build is notified and no application is followed. Adds the actions app.watch-build ((ss):
 * slug, build id), app.builds-seen (s: slug) and, with @settings, app.build-notifications. */
HbBuildNotifier *
hb_build_notifier_new (GApplication *application, HbClient *client, GSettings *settings);

/* Watches build @build_id of @slug until it ends: one Harbor started or deployed. */
void hb_build_notifier_watch (HbBuildNotifier *self, const char *slug, const char *build_id);
/* Takes back the notification of that build, if there is one. */
void hb_build_notifier_withdraw (HbBuildNotifier *self, const char *slug, const char *build_id);
/* Takes back every notification about @slug's builds (its builds are on screen). */
void hb_build_notifier_withdraw_app (HbBuildNotifier *self, const char *slug);
/* How many builds are watched now; while any is, the application is held. */
guint hb_build_notifier_get_n_watched (HbBuildNotifier *self);

/* "Notify me" for @slug, kept in @settings' notify-apps, which notifiers follow. */
gboolean hb_build_notifier_follows (GSettings *settings, const char *slug);
void hb_build_notifier_set_follows (GSettings *settings, const char *slug, gboolean follow);

/* The GNotification id of a build's notification. */
char *hb_build_notifier_dup_notification_id (const char *slug, const char *build_id);

G_END_DECLS
