/* hb-build-watch.h: polls a queued or building HbBuild while referenced
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD_WATCH (hb_build_watch_get_type ())
G_DECLARE_FINAL_TYPE (HbBuildWatch, hb_build_watch, HB, BUILD_WATCH, GObject)

HbBuildWatch *hb_build_watch_new (HbClient *client, const char *slug, HbBuild *build);
HbBuild *hb_build_watch_get_build (HbBuildWatch *self);
gboolean hb_build_watch_get_active (HbBuildWatch *self);
guint hb_build_watch_get_interval (HbBuildWatch *self);
void hb_build_watch_set_interval (HbBuildWatch *self, guint interval_ms);

G_END_DECLS
