/* hb-compat.h: the only place that knows about GTK/libadwaita version differences
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hb_compat_open_uri (GtkWidget *from, const char *uri);
void hb_compat_init (void);

G_END_DECLS
