/* hb-build.h: an AppHarbor build (status and deployed notify while watched)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-types.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD (hb_build_get_type ())
G_DECLARE_FINAL_TYPE (HbBuild, hb_build, HB, BUILD, GObject)

/* hb_build_new_from_json() reads one object strictly: a missing member or a wrong
 * type is HB_API_ERROR_INVALID_RESPONSE. Where it takes @url, that is the
 * address the object was fetched from, used when the JSON has no "url"
 * member (detail responses); a "url" that is JSON null stays NULL and the
 * item is not openable. */
HbBuild *hb_build_new_from_json (JsonNode *node, const char *url, GError **error);

const char *hb_build_get_id (HbBuild *self);
const char *hb_build_get_url (HbBuild *self);
gboolean hb_build_is_openable (HbBuild *self);
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
