/* hb-app-page.c: a page of one application's details: its list, loaded while on screen
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-app-page-private.h"

typedef struct
{
  HbClient *client;
  HbApp *app;
  HbRemoteList *list;        /* NULL without an app */
  GCancellable *cancellable; /* the page's own requests for the app; renewed with it */
  GSignalGroup *list_signals;
  gboolean load_pending; /* a load waits for the page to be shown */

  HbStatusStack *status_stack; /* template children of the subclass */
  GtkListBox *list_box;
} HbAppPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HbAppPage, hb_app_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  PROP_LIST,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Only a page on screen loads: choosing an application (or moving through the list with
 * the arrow keys) asks for the shown page's items, and each other page when first shown. */
static void
load (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  priv->load_pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (priv->load_pending)
    return;
  if (priv->list != NULL)
    hb_remote_list_reload (priv->list);
  else if (HB_APP_PAGE_GET_CLASS (self)->load != NULL)
    HB_APP_PAGE_GET_CLASS (self)->load (self);
}

static void
hb_app_page_map (GtkWidget *widget)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (HB_APP_PAGE (widget));

  GTK_WIDGET_CLASS (hb_app_page_parent_class)->map (widget);
  if (priv->load_pending && priv->app != NULL)
    load (HB_APP_PAGE (widget));
}

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  return HB_APP_PAGE_GET_CLASS (user_data)->create_row (user_data, item);
}

static void
drop_list (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  /* A fetch holds its list: stop it, or the old app's items keep loading. */
  if (priv->list != NULL)
    hb_remote_list_cancel (priv->list);
  g_signal_group_set_target (priv->list_signals, NULL);
  g_clear_object (&priv->list);
}

/* The list of the app shown, with the status stack (and list box) following it. A page
 * without a list only loads. */
static void
show_list (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  drop_list (self);
  if (HB_APP_PAGE_GET_CLASS (self)->create_list == NULL)
    {
      if (priv->app != NULL)
        load (self);
      return;
    }
  if (priv->app != NULL)
    {
      priv->list = HB_APP_PAGE_GET_CLASS (self)->create_list (self, priv->client, priv->app);
      g_signal_group_set_target (priv->list_signals, priv->list);
      load (self);
    }
  hb_status_stack_set_list (priv->status_stack, priv->list);
  if (priv->list_box != NULL && HB_APP_PAGE_GET_CLASS (self)->create_row != NULL)
    gtk_list_box_bind_model (priv->list_box, G_LIST_MODEL (priv->list), create_row, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST]);
}

/**
 * hb_app_page_set_app:
 * @app: (nullable): the application to show
 *
 * Shows @app's items, loading them now when the page is on screen, and cancels the page's
 * requests for the previous app.
 */
void
hb_app_page_set_app (HbAppPage *self, HbApp *app)
{
  HbAppPagePrivate *priv;

  g_return_if_fail (HB_IS_APP_PAGE (self));
  priv = hb_app_page_get_instance_private (self);

  /* A disposed page starts no new requests. */
  if (priv->app == app || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_set_object (&priv->app, app);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  show_list (self);
  hb_app_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

/* Asks again: now when the page is on screen, else when it is next shown. */
void
hb_app_page_reload (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_if_fail (HB_IS_APP_PAGE (self));
  priv = hb_app_page_get_instance_private (self);
  if (priv->app != NULL)
    load (self);
}

HbClient *
hb_app_page_get_client (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), NULL);
  priv = hb_app_page_get_instance_private (self);
  return priv->client;
}

HbApp *
hb_app_page_get_app (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), NULL);
  priv = hb_app_page_get_instance_private (self);
  return priv->app;
}

/** hb_app_page_get_list: Returns: (transfer none) (nullable): the list of the app shown */
HbRemoteList *
hb_app_page_get_list (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), NULL);
  priv = hb_app_page_get_instance_private (self);
  return priv->list;
}

/** hb_app_page_get_cancellable: Returns: (transfer none): cancels the page's requests for the
 * app shown, when another is shown or the page goes */
GCancellable *
hb_app_page_get_cancellable (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), NULL);
  priv = hb_app_page_get_instance_private (self);
  return priv->cancellable;
}

gboolean
hb_app_page_get_loading (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), FALSE);
  priv = hb_app_page_get_instance_private (self);
  return priv->list != NULL && hb_remote_list_get_loading (priv->list);
}

/**
 * hb_app_page_find:
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the shown item with @id
 */
gpointer
hb_app_page_find (HbAppPage *self, const char *id, guint *position)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), NULL);
  priv = hb_app_page_get_instance_private (self);
  return priv->list != NULL ? hb_remote_list_find (priv->list, id, position) : NULL;
}

/* The page's Add button (its action ends in ".add"), the one place it always has. */
static GtkWidget *
find_add_button (GtkWidget *widget)
{
  const char *action =
      GTK_IS_ACTIONABLE (widget) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;

  if (action != NULL && g_str_has_suffix (action, ".add") && gtk_widget_is_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * hb_app_page_focus_start:
 *
 * The keyboard goes into the page at its Add button (where there is one), unless it is in
 * the page already: after the last row was removed, or Undo pressed in a toast that goes.
 */
static void
focus_add_button (HbAppPage *self)
{
  GtkWidget *add = find_add_button (GTK_WIDGET (self));

  if (add == NULL || !gtk_widget_grab_focus (add))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

void
hb_app_page_focus_start (HbAppPage *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (HB_IS_APP_PAGE (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    focus_add_button (self);
}

/**
 * hb_app_page_remove_item:
 * @position: the item the server has just removed
 *
 * Takes it out of the list shown. When the focus was in its row (its Remove button), it goes
 * to the row now in its place, else the one before, else into the page (its Add button):
 * never nowhere, or to an unnamed scrolled window.
 */
void
hb_app_page_remove_item (HbAppPage *self, guint position)
{
  HbAppPagePrivate *priv;
  GtkListBoxRow *row = NULL;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus;
  guint n;

  g_return_if_fail (HB_IS_APP_PAGE (self));
  priv = hb_app_page_get_instance_private (self);
  g_return_if_fail (priv->list != NULL);

  if (priv->list_box != NULL)
    row = gtk_list_box_get_row_at_index (priv->list_box, position);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = row != NULL && focus != NULL &&
              (focus == GTK_WIDGET (row) || gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  hb_remote_list_remove_item (priv->list, position);
  if (!had_focus)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (priv->list));
  if (n > 0)
    gtk_widget_grab_focus (
        GTK_WIDGET (gtk_list_box_get_row_at_index (priv->list_box, MIN (position, n - 1))));
  else
    focus_add_button (self); /* not the empty page's scrolled window the stack chose */
}

HbStatusStack *
_hb_app_page_get_status_stack (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  return priv->status_stack;
}

GtkListBox *
_hb_app_page_get_list_box (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  return priv->list_box;
}

void
hb_app_page_actions_update (HbAppPage *self)
{
  g_return_if_fail (HB_IS_APP_PAGE (self));
  if (HB_APP_PAGE_GET_CLASS (self)->actions_update != NULL)
    HB_APP_PAGE_GET_CLASS (self)->actions_update (self);
}

static void
on_list_loading (HbAppPage *self)
{
  hb_app_page_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
hb_app_page_class_bind_template_children (GtkWidgetClass *widget_class, gboolean list_box)
{
  gtk_widget_class_bind_template_child_full (widget_class, "status_stack", FALSE,
                                             G_PRIVATE_OFFSET (HbAppPage, status_stack));
  if (list_box)
    gtk_widget_class_bind_template_child_full (widget_class, "list_box", FALSE,
                                               G_PRIVATE_OFFSET (HbAppPage, list_box));
}

/* What needs the service waits while it cannot be reached (HbClient:reachable), and only
 * then: a refresh that failed for another reason leaves the actions as they were. */
gboolean
hb_app_page_get_reachable (HbAppPage *self)
{
  HbAppPagePrivate *priv;

  g_return_val_if_fail (HB_IS_APP_PAGE (self), FALSE);
  priv = hb_app_page_get_instance_private (self);
  return priv->client != NULL && hb_client_get_reachable (priv->client);
}

static void
hb_app_page_constructed (GObject *object)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (HB_APP_PAGE (object));

  G_OBJECT_CLASS (hb_app_page_parent_class)->constructed (object);
  if (priv->client != NULL)
    g_signal_connect_object (priv->client, "notify::reachable",
                             G_CALLBACK (hb_app_page_actions_update), object, G_CONNECT_SWAPPED);
  hb_app_page_actions_update (HB_APP_PAGE (object));
}

/* Subclasses dispose their template first: the list box lets go of the list before the
 * list goes. */
static void
hb_app_page_dispose (GObject *object)
{
  HbAppPage *self = HB_APP_PAGE (object);
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  drop_list (self);
  g_clear_object (&priv->list_signals);
  g_clear_object (&priv->app);
  g_clear_object (&priv->client);

  G_OBJECT_CLASS (hb_app_page_parent_class)->dispose (object);
}

static void
hb_app_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppPage *self = HB_APP_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, hb_app_page_get_client (self));
      break;
    case PROP_APP:
      g_value_set_object (value, hb_app_page_get_app (self));
      break;
    case PROP_LIST:
      g_value_set_object (value, hb_app_page_get_list (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, hb_app_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbAppPage *self = HB_APP_PAGE (object);
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CLIENT:
      priv->client = g_value_dup_object (value);
      break;
    case PROP_APP:
      hb_app_page_set_app (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_page_class_init (HbAppPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = hb_app_page_constructed;
  object_class->dispose = hb_app_page_dispose;
  object_class->get_property = hb_app_page_get_property;
  object_class->set_property = hb_app_page_set_property;
  widget_class->map = hb_app_page_map;

  /* The one way a page gets its client. */
  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIST] = g_param_spec_object ("list", NULL, NULL, HB_TYPE_REMOTE_LIST, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
hb_app_page_init (HbAppPage *self)
{
  HbAppPagePrivate *priv = hb_app_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  priv->list_signals = g_signal_group_new (HB_TYPE_REMOTE_LIST);
  g_signal_group_connect_swapped (priv->list_signals, "notify::loading",
                                  G_CALLBACK (on_list_loading), self);
  g_signal_group_connect_swapped (priv->list_signals, "items-changed",
                                  G_CALLBACK (hb_app_page_actions_update), self);
}
