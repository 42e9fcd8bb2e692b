/* hb-build-private.h: in-place updates of an HbBuild, for HbBuildWatch
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-build.h"

G_BEGIN_DECLS

void _hb_build_update_from (HbBuild *self, HbBuild *fresh);

G_END_DECLS
