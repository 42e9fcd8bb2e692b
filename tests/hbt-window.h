/* hbt-window.h: shared test fixture: an HbWindow against a seeded in-process harbor-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-builds-page.h"
#include "hb-status-stack.h"
#include "hb-window.h"
#include "hbt-server.h"

G_BEGIN_DECLS

typedef struct
{
  HbtServer *server;
  HbClient *client;
  HbWindow *window;
} HbtWindow;

typedef gboolean (*HbtWindowCheck) (HbtWindow *fixture, gconstpointer data);

/* Iterates until @check holds; fails the test with @what after 30 s. */
void
hbt_window_wait (HbtWindow *fixture, HbtWindowCheck check, gconstpointer data, const char *what);
/* Lets size allocation, transitions and redraws finish. */
void hbt_settle (guint ms);

/* Shows a window on @client (taken), @width × @height. */
void hbt_window_open (HbtWindow *fixture, HbClient *client, int width, int height);
/* For g_test_add: a seeded server (builds step every 300 ms), 1280 × 800, the list shown. */
void hbt_window_setup (HbtWindow *fixture, gconstpointer data);
/* Destroys the window and waits until it is finalized (cancelled requests call back late). */
void hbt_window_teardown (HbtWindow *fixture, gconstpointer data);

GtkWidget *hbt_template_child (gpointer widget, GType type, const char *name);
HbAppListView *hbt_window_list_view (HbtWindow *fixture);
HbAppDetailView *hbt_window_detail_view (HbtWindow *fixture);
HbStatusStack *hbt_window_list_status (HbtWindow *fixture);
HbBuildsPage *hbt_window_builds_page (HbtWindow *fixture);
/* Shows the detail page @name, as its tab would: a page loads once it is on screen. */
GtkWidget *hbt_window_show_page (HbtWindow *fixture, const char *name);
/* Chooses @slug through win.show-app and waits until the detail view shows it. */
void hbt_window_select_app (HbtWindow *fixture, const char *slug);

/* Checks for hbt_window_wait (). */
gboolean hbt_window_list_page_is (HbtWindow *fixture, gconstpointer page);
gboolean hbt_window_selected_is (HbtWindow *fixture, gconstpointer slug);
gboolean hbt_window_builds_loaded (HbtWindow *fixture, gconstpointer n_at_least);
gboolean hbt_window_list_lacks_slug (HbtWindow *fixture, gconstpointer slug);
gboolean hbt_window_pointer_cleared (HbtWindow *fixture, gconstpointer slot);
gboolean hbt_window_dialog_open (HbtWindow *fixture, gconstpointer unused);
gboolean hbt_window_list_has_slug (HbtWindow *fixture, const char *slug);

/* The first message dialog among the toplevels, or NULL. */
AdwMessageDialog *hbt_message_dialog (void);

G_END_DECLS
