/* hb-builds-page.h: an application's builds, paged, with live status and deploy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILDS_PAGE (hb_builds_page_get_type ())
G_DECLARE_FINAL_TYPE (HbBuildsPage, hb_builds_page, HB, BUILDS_PAGE, HbAppPage)

HbBuildList *hb_builds_page_get_list (HbBuildsPage *self);
void hb_builds_page_show_build (HbBuildsPage *self, const char *build_id, gboolean tests);
HbBuild *hb_builds_page_get_selected (HbBuildsPage *self);
HbBuild *hb_builds_page_find_tests (HbBuildsPage *self, const char *tests_url);
void hb_builds_page_set_poll_intervals (HbBuildsPage *self, guint active_ms, guint inactive_ms);

G_END_DECLS
