/* hb-duration.h: human-readable test durations ("12 ms", "3.4 s", "1 min 2 s")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *hb_duration_format (GTimeSpan span);

G_END_DECLS
