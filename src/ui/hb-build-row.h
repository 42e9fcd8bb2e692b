/* hb-build-row.h: one build: status, commit, branch, times, Deploy and Test Results
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_BUILD_ROW (hb_build_row_get_type ())
G_DECLARE_FINAL_TYPE (HbBuildRow, hb_build_row, HB, BUILD_ROW, GtkWidget)

HbBuild *hb_build_row_get_build (HbBuildRow *self);
void hb_build_row_set_build (HbBuildRow *self, HbBuild *build);

G_END_DECLS
