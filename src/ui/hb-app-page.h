/* hb-app-page.h: a page of one application's details: its list, loaded while on screen
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_PAGE (hb_app_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (HbAppPage, hb_app_page, HB, APP_PAGE, GtkWidget)

/**
 * HbAppPageClass:
 * @create_list: a new list of @app's items (one per application shown)
 * @create_row: a row for @item when the page shows its list in its "list_box"; pages that
 *   show it otherwise (a list view) leave it NULL and follow #HbAppPage:list
 * @actions_update: sets every enabled state of the page's actions
 * @load: for a page without a list (no @create_list; it drives its status stack itself):
 *   loads what it shows of the app, when the page is on screen, or as soon as it is shown
 *
 * The base owns the client (a construct property), the application, its list, the
 * cancellable of the page's own requests for it (renewed with the app), the status stack
 * over the list, and loading: a page loads when it is on screen, or as soon as it is shown.
 */
struct _HbAppPageClass
{
  GtkWidgetClass parent_class;

  HbRemoteList *(*create_list) (HbAppPage *self, HbClient *client, HbApp *app);
  GtkWidget *(*create_row) (HbAppPage *self, gpointer item);
  void (*actions_update) (HbAppPage *self);
  void (*load) (HbAppPage *self);

  gpointer padding[7];
};

/* For a subclass's class_init, after its template: binds the template's "status_stack",
 * and its "list_box" when @list_box. */
void hb_app_page_class_bind_template_children (GtkWidgetClass *widget_class, gboolean list_box);

HbClient *hb_app_page_get_client (HbAppPage *self);
HbApp *hb_app_page_get_app (HbAppPage *self);
void hb_app_page_set_app (HbAppPage *self, HbApp *app);
HbRemoteList *hb_app_page_get_list (HbAppPage *self);
GCancellable *hb_app_page_get_cancellable (HbAppPage *self);
gboolean hb_app_page_get_loading (HbAppPage *self);
void hb_app_page_reload (HbAppPage *self);
gpointer hb_app_page_find (HbAppPage *self, const char *id, guint *position);
void hb_app_page_remove_item (HbAppPage *self, guint position);
void hb_app_page_focus_start (HbAppPage *self);
void hb_app_page_actions_update (HbAppPage *self);
gboolean hb_app_page_get_reachable (HbAppPage *self);

G_END_DECLS
