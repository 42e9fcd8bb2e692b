/* hb-ui-a11y.h: accessible names for what GTK 4.8 and libadwaita 1.2 leave unnamed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void hb_ui_set_accessible_label (gpointer widget, const char *label);
void hb_ui_set_accessible_description (gpointer widget, const char *description);
void hb_ui_name_descendants (GtkWidget *root, GType type, const char *label);
void hb_ui_name_list_item (GtkWidget *row, const char *label, const char *description);
void hb_ui_button_set_accessible_label (GtkButton *button, const char *label);
void hb_ui_name_status_page (AdwStatusPage *page);
void hb_ui_name_status_pages (GtkWidget *root);
void hb_ui_name_drop_down (GtkDropDown *drop_down, const char *label);
void hb_ui_name_combo_row (AdwComboRow *row);
void hb_ui_name_menu_button_popover (GtkMenuButton *button);
void hb_ui_hide_squeezed (GtkWidget *root);
void hb_ui_hide_while_empty (GtkLabel *label);
void hb_ui_name_search_bar_close (GtkSearchBar *bar, const char *label);
void hb_ui_expose_editable (GtkWidget *editable, const char *label);

G_END_DECLS
