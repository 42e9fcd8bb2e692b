/* hb-page-list.c: the app, client and HbResourceList behind one detail page (a struct, no class)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-page-list.h"

/* Only a page on screen loads: choosing an application (or moving through the list with the
 * arrow keys) asks for the shown page's items, and each other page asks when first shown. */
static void
load (HbPageList *self)
{
  self->load_pending = !gtk_widget_get_mapped (self->page);
  if (!self->load_pending)
    hb_remote_list_reload (HB_REMOTE_LIST (self->items));
}

static void
on_page_map (GtkWidget *page, HbPageList *self)
{
  if (self->load_pending && self->items != NULL)
    load (self);
}

/**
 * hb_page_list_init:
 * @page: the page embedding @self
 * @kind: what the page lists
 * @status_stack: shows the list's loading, error and empty states
 * @list_box: shows the items, one @create_row (called with @page) each
 *
 * For the page's instance init, after its template; hb_page_list_clear() in dispose.
 */
void
hb_page_list_init (HbPageList *self,
                   GtkWidget *page,
                   GType kind,
                   HbStatusStack *status_stack,
                   GtkListBox *list_box,
                   GtkListBoxCreateWidgetFunc create_row)
{
  *self = (HbPageList){
    .page = page,
    .kind = kind,
    .status_stack = status_stack,
    .list_box = list_box,
    .create_row = create_row,
    .cancellable = g_cancellable_new (),
  };
  g_signal_connect (page, "map", G_CALLBACK (on_page_map), self);
}

/* A list of the app's items, loaded, with the page's widgets following it. The list of the
 * app already shown is only reloaded, so its items stay in view (and in callers' hands)
 * until the answer replaces them. */
static void
show (HbPageList *self)
{
  if (self->items != NULL && self->app != NULL &&
      hb_resource_list_get_client (self->items) == self->client &&
      g_strcmp0 (hb_resource_list_get_slug (self->items), hb_app_get_slug (self->app)) == 0)
    {
      load (self);
      return;
    }

  /* The old app's answer is of no use any more. */
  if (self->items != NULL)
    hb_remote_list_cancel (HB_REMOTE_LIST (self->items));
  g_clear_object (&self->items);
  if (self->app != NULL && self->client != NULL)
    {
      self->items = hb_resource_list_new (self->client, self->kind, hb_app_get_slug (self->app));
      load (self);
    }
  hb_status_stack_set_list (self->status_stack, HB_REMOTE_LIST (self->items));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->items), self->create_row, self->page,
                           NULL);
}

/**
 * hb_page_list_set_client:
 *
 * Template bindings set the client and the app in any order: the list loads
 * once both are there.
 *
 * Returns: whether the client changed
 */
gboolean
hb_page_list_set_client (HbPageList *self, HbClient *client)
{
  if (!g_set_object (&self->client, client))
    return FALSE;
  /* Bindings outlive dispose; a disposed page starts no new requests. */
  if (self->app != NULL && !gtk_widget_in_destruction (self->page))
    show (self);
  return TRUE;
}

/**
 * hb_page_list_set_app:
 * @app: (nullable): the application to show
 *
 * Shows @app's items and cancels the page's requests for the previous app.
 *
 * Returns: whether the app changed (the page then notifies `app`)
 */
gboolean
hb_page_list_set_app (HbPageList *self, HbApp *app)
{
  if (self->app == app || gtk_widget_in_destruction (self->page))
    return FALSE;
  g_set_object (&self->app, app);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show (self);
  return TRUE;
}

void
hb_page_list_reload (HbPageList *self)
{
  if (self->items != NULL)
    load (self);
}

gboolean
hb_page_list_get_loading (HbPageList *self)
{
  return self->items != NULL && hb_remote_list_get_loading (HB_REMOTE_LIST (self->items));
}

/**
 * hb_page_list_find:
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the shown item with @id
 */
gpointer
hb_page_list_find (HbPageList *self, const char *id, guint *position)
{
  return self->items != NULL ? hb_remote_list_find (HB_REMOTE_LIST (self->items), id, position)
                             : NULL;
}

/* For the page's dispose, after its template: every request stops, every reference goes. */
void
hb_page_list_clear (HbPageList *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->items != NULL)
    hb_remote_list_cancel (HB_REMOTE_LIST (self->items));
  g_clear_object (&self->items);
  g_clear_object (&self->app);
  g_clear_object (&self->client);
}
