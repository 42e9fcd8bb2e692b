/* hb-ui-util.h: what every view shares: resources, the app icon, menus, error text, toasts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The timing rules (HACKING.md): a wait shows "Still loading…" after this long; a request
 * gives up after HbClient:timeout (20 s). */
#define HB_UI_SLOW_MS 3000

void hb_ui_ensure_resources (void);
void hb_ui_ensure_app_icon (GdkDisplay *display);
void hb_ui_menu_button_set_lazy_menu (GtkMenuButton *button, GMenuModel *menu);

char *hb_ui_error_to_text (const GError *error);
char *hb_ui_write_error_to_text (const GError *error, const char *not_done, const char *unknown);
gboolean hb_ui_error_is_about_input (const GError *error);
const char *hb_ui_region_id_for_position (guint position);

void hb_ui_unparent_children (GtkWidget *widget);
void hb_ui_spin_while_mapped (GtkSpinner *spinner);

/* TRUE when @row, a list view's child, shows @item. */
typedef gboolean (*HbUiRowShows) (GtkWidget *row, gpointer item);
void
hb_ui_list_focus_item (GtkWidget *list_view, guint position, gpointer item, HbUiRowShows row_shows);

/* libadwaita 1.2 reads a toast's title and a status page's description as Pango markup, with
 * no way to turn that off. Text that came from a server or a person goes through these, which
 * take plain text: "R&D <b>" must show as typed, neither bold nor blank. */
AdwToast *hb_ui_toast_new (const char *text);
AdwToast *hb_ui_toast_new_printf (const char *format, ...) G_GNUC_PRINTF (1, 2);
void hb_ui_status_page_set_description (AdwStatusPage *page, const char *text);

void hb_ui_add_toast (GtkWidget *from, AdwToast *toast);
void hb_ui_toast (GtkWidget *from, const char *title);
void hb_ui_copy_text (GtkWidget *from, const char *text);

GSettings *hb_ui_settings_new (void);
char *hb_ui_text_about (const char *message, const char *what);

G_END_DECLS
