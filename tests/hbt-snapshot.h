/* hbt-snapshot.h: shared test helper: save what a widget draws as a PNG beside the build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Draws @widget (mapped) and saves it as $HARBOR_BUILD_ROOT/screenshots/@name, saying where;
 * fails the test when nothing can be drawn or written. */
void hbt_save_screenshot (GtkWidget *widget, const char *name);

G_END_DECLS
