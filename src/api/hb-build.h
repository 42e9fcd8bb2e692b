/* hb-build.h: an AppHarbor build (status, deployed and the log follow reloads and watches)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-api-types.h"
#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD (hb_build_get_type ())
G_DECLARE_FINAL_TYPE (HbBuild, hb_build, HB, BUILD, HbResource)

/* The commit id is the value, the commit message the title. */
HbBuildStatus hb_build_get_status (HbBuild *self);
const char *hb_build_get_commit_id (HbBuild *self);
const char *hb_build_get_commit_message (HbBuild *self);
const char *hb_build_get_branch (HbBuild *self);
GDateTime *hb_build_get_created (HbBuild *self);
GDateTime *hb_build_get_deployed (HbBuild *self);
const char *hb_build_get_tests_url (HbBuild *self);
const char *hb_build_get_download_url (HbBuild *self);
GListModel *hb_build_get_log_entries (HbBuild *self);

G_END_DECLS
