/* hb-compat.c: the only place that knows about GTK/libadwaita version differences
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-compat.h"

/* gtk_show_uri is deprecated in 4.10 for GtkUriLauncher, which 4.8 lacks. */
void
hb_compat_open_uri (GtkWidget *from, const char *uri)
{
  GtkRoot *root = from != NULL ? gtk_widget_get_root (from) : NULL;

  g_return_if_fail (uri != NULL);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}
