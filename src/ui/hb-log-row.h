/* hb-log-row.h: a live log's line as a row: its time, its source[process] coloured and
 * written out, its message wrapping; all plain text
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"

G_BEGIN_DECLS

GtkListItemFactory *hb_log_row_factory_new (void);

G_END_DECLS
