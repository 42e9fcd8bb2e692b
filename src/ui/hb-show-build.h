/* hb-show-build.h: what a build notification opens in a window
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-window.h"

G_BEGIN_DECLS

void hb_show_build (HbWindow *window, const char *slug, const char *build_id, gboolean tests);

G_END_DECLS
