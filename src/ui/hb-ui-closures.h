/* hb-ui-closures.h: pure helpers for <closure> expressions: values in, text or icon out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each takes the template's object first (unused) and returns a new value: GtkBuilder
 * closures, also called directly. */
char *hb_ui_build_status_icon_name (gpointer this, int status);
char *hb_ui_build_status_text (gpointer this, int status);
char **hb_ui_build_status_css_classes (gpointer this, int status);
char *hb_ui_date_relative (gpointer this, GDateTime *dt);
char *hb_ui_date_exact (gpointer this, GDateTime *dt);
char *hb_ui_short_commit (gpointer this, const char *commit_id);
char *hb_ui_first_line (gpointer this, const char *text);
char *hb_ui_region_name (gpointer this, const char *region_id);
char *hb_ui_role_text (gpointer this, int role);
gboolean hb_ui_not_null (gpointer this, gpointer object);

G_END_DECLS
