/* hb-page-list.h: the app, client and HbResourceList behind one detail page (a struct, no class)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"
#include "hb-status-stack.h"

G_BEGIN_DECLS

/* The variables, errors and resources pages each embed one: they follow an app the same way,
 * and differ only in their rows and actions. */
typedef struct
{
  GtkWidget *page; /* the page embedding this; not a reference */
  GType kind;      /* the items' type */
  HbStatusStack *status_stack;
  GtkListBox *list_box;
  GtkListBoxCreateWidgetFunc create_row; /* called with the page */

  HbClient *client;
  HbApp *app;
  HbResourceList *items;     /* NULL until both the client and the app are set */
  GCancellable *cancellable; /* the page's own requests for the app; renewed with it */
  gboolean load_pending;     /* a load waits for the page to be shown */
} HbPageList;

void hb_page_list_init (HbPageList *self,
                        GtkWidget *page,
                        GType kind,
                        HbStatusStack *status_stack,
                        GtkListBox *list_box,
                        GtkListBoxCreateWidgetFunc create_row);
gboolean hb_page_list_set_client (HbPageList *self, HbClient *client);
gboolean hb_page_list_set_app (HbPageList *self, HbApp *app);
void hb_page_list_reload (HbPageList *self);
gboolean hb_page_list_get_loading (HbPageList *self);
gpointer hb_page_list_find (HbPageList *self, const char *id, guint *position);
void hb_page_list_clear (HbPageList *self);

G_END_DECLS
