/* hb-window.c: Harbor's main window: welcome page, or applications list | detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-create-app-dialog.h"
#include "hb-test-results-view.h"
#include "hb-ui-util.h"
#include "hb-welcome-page.h"
#include "hb-window.h"

struct _HbWindow
{
  AdwApplicationWindow parent_instance;

  HbClient *client;
  GSettings *settings; /* NULL when the schema is not installed (uninstalled tests) */
  GCancellable *cancellable;
  guint start_id;             /* the fallback of the first load, see schedule_first_load() */
  GdkFrameClock *first_clock; /* whose after-paint starts the first load */
  gulong first_paint_id;
  gboolean restoring;
  GMenu *account_section;

  AdwToastOverlay *toast_overlay;
  GtkWidget *restoring_page;
  GtkSpinner *restoring_spinner;
  GtkWidget *welcome_page; /* NULL until someone is signed out */
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  AdwLeaflet *detail_leaflet;
  AdwBin *list_bin;
  HbAppListView *app_list_view;
  char *last_app; /* chosen again once the first load brings it, then NULL */
  AdwBin *detail_bin;
  HbAppDetailView *detail_view; /* created with the first selection: a fast first frame */
  GtkWidget *tests_page;
  AdwBin *tests_bin;
  AdwWindowTitle *tests_title;
  GtkMenuButton *main_menu_button;
  GtkMenuButton *account_menu_button;
};

G_DEFINE_FINAL_TYPE (HbWindow, hb_window, ADW_TYPE_APPLICATION_WINDOW)

/* A signed-in window that is not shown still loads, this long after it was made. */
#define FIRST_LOAD_FALLBACK_MS 1000

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_RESTORING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
window_actions_update (HbWindow *self)
{
  gboolean signed_in = self->client != NULL && hb_client_get_signed_in (self->client);
  gboolean in_tests = adw_leaflet_get_visible_child (self->detail_leaflet) == self->tests_page;
  gboolean folded_in_detail =
      adw_leaflet_get_folded (self->leaflet) &&
      g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-app", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", in_tests || folded_in_detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-tests", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-app", signed_in);
}

/* While a saved sign-in is being restored, a spinner rather than a Sign In button that
 * would be wrong a moment later. */
static const char *
page_for_signed_in (gboolean signed_in, gboolean restoring)
{
  if (signed_in)
    return "main";
  return restoring ? "restoring" : "welcome";
}

/* The restoring page starts hidden and the welcome page is built when first needed, so a
 * signed-in start neither builds, styles nor measures them.  A GtkStack only switches to a
 * visible child. */
static void
update_page (HbWindow *self)
{
  const char *name = page_for_signed_in (hb_client_get_signed_in (self->client), self->restoring);

  if (g_str_equal (name, "welcome") && self->welcome_page == NULL)
    {
      GMenuModel *menu = G_MENU_MODEL (
          gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "main_menu"));

      self->welcome_page = hb_welcome_page_new (self->client, menu);
      gtk_stack_add_named (self->main_stack, self->welcome_page, "welcome");
    }
  else if (g_str_equal (name, "restoring"))
    gtk_widget_set_visible (self->restoring_page, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

const char *
hb_window_get_page (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* ---- account ---- */

static void
user_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;
  g_autofree char *label = NULL;

  user = hb_client_get_user_finish (HB_CLIENT (source), result, &error);
  if (user == NULL)
    return; /* the list shows connection problems; the menu keeps its generic label */

  label = g_strdup_printf (_ ("Signed in as %s"), hb_user_get_username (user));
  g_menu_remove_all (self->account_section);
  g_menu_append (self->account_section, label, "win.account-name");
}

static void
cancel_first_load (HbWindow *self)
{
  g_clear_handle_id (&self->start_id, g_source_remove);
  /* A clock whose surface went away has dropped its handlers already. */
  if (self->first_clock != NULL &&
      g_signal_handler_is_connected (self->first_clock, self->first_paint_id))
    g_signal_handler_disconnect (self->first_clock, self->first_paint_id);
  self->first_paint_id = 0;
  g_clear_object (&self->first_clock);
}

static void
on_signed_in_changed (HbWindow *self)
{
  gboolean signed_in = hb_client_get_signed_in (self->client);

  cancel_first_load (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_menu_remove_all (self->account_section);

  if (signed_in)
    {
      hb_app_list_view_reload (self->app_list_view);
      hb_client_get_user_async (self->client, self->cancellable, user_cb, g_object_ref (self));
    }
  window_actions_update (self);
}

static void
start_loading (HbWindow *self)
{
  cancel_first_load (self);
  if (hb_client_get_signed_in (self->client))
    on_signed_in_changed (self);
}

static void
on_first_paint (HbWindow *self)
{
  start_loading (self);
}

static void
on_first_load_fallback (gpointer user_data)
{
  HbWindow *self = user_data;

  self->start_id = 0;
  start_loading (self);
}

static void
on_first_map (HbWindow *self)
{
  if (self->start_id == 0 || self->first_clock != NULL)
    return;
  self->first_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->first_paint_id = g_signal_connect_swapped (self->first_clock, "after-paint",
                                                   G_CALLBACK (on_first_paint), self);
}

/* The first frame never waits for the network (nor competes with it): the list shows its
 * loading state and the requests start right after that frame is painted. Not from an idle:
 * below GDK's redraw priority an idle never runs while frames are slow (software GL, a busy
 * machine) and the list's spinner keeps asking for them. A window that is never mapped
 * starts after FIRST_LOAD_FALLBACK_MS anyway. */
static void
schedule_first_load (HbWindow *self)
{
  self->start_id = g_timeout_add_once (FIRST_LOAD_FALLBACK_MS, on_first_load_fallback, self);
  g_signal_connect (self, "map", G_CALLBACK (on_first_map), NULL);
}

/* ---- navigation ---- */

static void on_app_deleted (HbWindow *self, HbApp *app);

/* The detail pane (six pages) is built when first needed, not before the first frame. */
static HbAppDetailView *
ensure_detail_view (HbWindow *self)
{
  if (self->detail_view != NULL)
    return self->detail_view;

  self->detail_view = g_object_new (HB_TYPE_APP_DETAIL_VIEW, "client", self->client, NULL);
  g_object_bind_property (self->app_list_view, "selected-app", self->detail_view, "app",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->leaflet, "folded", self->detail_view, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->detail_view, "deleted", G_CALLBACK (on_app_deleted), self,
                           G_CONNECT_SWAPPED);
  adw_bin_set_child (self->detail_bin, GTK_WIDGET (self->detail_view));
  return self->detail_view;
}

static void
show_detail (HbWindow *self)
{
  adw_leaflet_set_visible_child (self->detail_leaflet, GTK_WIDGET (self->detail_bin));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  window_actions_update (self);
}

static void
on_app_activated (HbWindow *self)
{
  show_detail (self);
}

static void
on_selected_app_changed (HbWindow *self)
{
  HbApp *app = hb_app_list_view_get_selected_app (self->app_list_view);

  if (app != NULL)
    ensure_detail_view (self);
  adw_leaflet_set_visible_child (self->detail_leaflet, GTK_WIDGET (self->detail_bin));
  if (app != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "last-app", hb_app_get_slug (app));
  window_actions_update (self);
}

static void
on_app_deleted (HbWindow *self, HbApp *app)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  hb_app_list_view_remove_app (self->app_list_view, app);
}

static void
back (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);

  if (adw_leaflet_get_visible_child (self->detail_leaflet) == self->tests_page)
    adw_leaflet_set_visible_child (self->detail_leaflet, GTK_WIDGET (self->detail_bin));
  else
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  window_actions_update (self);
}

static void
refresh (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);

  /* The list merges the answer into the objects shown; the chosen application's pages ask
   * again (the shown one now, the others when next shown). */
  hb_app_list_view_reload (self->app_list_view);
  if (self->detail_view != NULL)
    hb_app_detail_view_reload (self->detail_view);
}

static void
search (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  hb_app_list_view_focus_search (self->app_list_view);
}

static void
show_app (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);

  hb_app_list_view_select_slug (self->app_list_view, g_variant_get_string (param, NULL));
  show_detail (self);
}

static void
show_tests (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);
  GtkWidget *view = hb_test_results_view_new (self->client, g_variant_get_string (param, NULL));

  /* The view has no header bar of its own; the sub-page's header shows its titles. */
  g_object_bind_property (view, "title", self->tests_title, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (view, "subtitle", self->tests_title, "subtitle", G_BINDING_SYNC_CREATE);
  adw_bin_set_child (self->tests_bin, view);
  gtk_widget_set_visible (self->tests_page, TRUE); /* hidden until first used */
  adw_leaflet_set_visible_child (self->detail_leaflet, self->tests_page);
  window_actions_update (self);
}

/* The server returned the new application: it joins the list and is chosen, and the list is
 * not asked for again. */
static void
on_created (HbWindow *self, HbApp *app)
{
  hb_app_list_view_add_app (self->app_list_view, app);
  hb_window_add_toast (self, hb_ui_toast_new_printf (_ ("“%s” created"), hb_app_get_name (app)));
  show_detail (self);
}

GtkWindow *
hb_window_open_create_dialog (HbWindow *self)
{
  HbCreateAppDialog *dialog;

  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);

  dialog = hb_create_app_dialog_new (self->client, GTK_WINDOW (self));
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_created), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
new_app (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_window_open_create_dialog (HB_WINDOW (widget));
}

static void
show_help_overlay (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
on_leaflet_changed (HbWindow *self)
{
  window_actions_update (self);
}

/* ---- window state ---- */

static void
load_settings (HbWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autofree char *last_app = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_app = g_settings_get_string (self->settings, "last-app");
  if (*last_app != '\0')
    self->last_app = g_steal_pointer (&last_app);
}

/* The application chosen in the last run is chosen again when the first load brings it. */
static void
on_list_loading (HbWindow *self)
{
  HbAppList *apps = hb_app_list_view_get_list (self->app_list_view);

  if (self->last_app == NULL || hb_remote_list_get_loading (HB_REMOTE_LIST (apps)))
    return;
  if (hb_app_list_view_get_selected_app (self->app_list_view) == NULL)
    hb_app_list_view_select_slug (self->app_list_view, self->last_app);
  g_clear_pointer (&self->last_app, g_free);
}

static void
add_list_view (HbWindow *self)
{
  self->app_list_view = HB_APP_LIST_VIEW (hb_app_list_view_new (self->client));
  g_signal_connect_object (self->app_list_view, "activated", G_CALLBACK (on_app_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->app_list_view, "notify::selected-app",
                           G_CALLBACK (on_selected_app_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hb_app_list_view_get_list (self->app_list_view), "notify::loading",
                           G_CALLBACK (on_list_loading), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->list_bin, GTK_WIDGET (self->app_list_view));
}

static gboolean
hb_window_close_request (GtkWindow *window)
{
  HbWindow *self = HB_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (hb_window_parent_class)->close_request (window);
}

/* ---- GObject ---- */

HbClient *
hb_window_get_client (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return self->client;
}

GtkWidget *
hb_window_get_list_view (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->app_list_view);
}

GtkWidget *
hb_window_get_detail_view (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return GTK_WIDGET (ensure_detail_view (self));
}

void
hb_window_add_toast (HbWindow *self, AdwToast *toast)
{
  g_return_if_fail (HB_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
hb_window_constructed (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  G_OBJECT_CLASS (hb_window_parent_class)->constructed (object);

  /* Construct properties arrive after the template is built: the list is made here. */
  add_list_view (self);
  g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (on_signed_in_changed),
                           self, G_CONNECT_SWAPPED);
  update_page (self);
  load_settings (self);
  if (hb_client_get_signed_in (self->client))
    schedule_first_load (self);
  window_actions_update (self);
}

static void
hb_window_dispose (GObject *object)
{
  HbWindow *self = HB_WINDOW (object);

  cancel_first_load (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_pointer (&self->last_app, g_free);

  G_OBJECT_CLASS (hb_window_parent_class)->dispose (object);
}

static void
hb_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbWindow *self = HB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_RESTORING:
      if (self->restoring != g_value_get_boolean (value))
        {
          self->restoring = g_value_get_boolean (value);
          if (self->client != NULL)
            update_page (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_window_class_init (HbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hb_window_constructed;
  object_class->dispose = hb_window_dispose;
  object_class->get_property = hb_window_get_property;
  object_class->set_property = hb_window_set_property;
  window_class->close_request = hb_window_close_request;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  /* A saved sign-in is being restored (HbAuth:busy). */
  properties[PROP_RESTORING] =
      g_param_spec_boolean ("restoring", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* GtkBuilder looks a type it has not seen registered up by name, with dlsym across every
   * loaded library: registering the first frame's GTK types here is cheaper. */
  g_type_ensure (GTK_TYPE_BOX);
  g_type_ensure (GTK_TYPE_LIST_VIEW);
  g_type_ensure (GTK_TYPE_MENU_BUTTON);
  g_type_ensure (GTK_TYPE_SCROLLED_WINDOW);
  g_type_ensure (GTK_TYPE_SEPARATOR);
  g_type_ensure (GTK_TYPE_SPINNER);
  g_type_ensure (GTK_TYPE_STACK);
  g_type_ensure (GTK_TYPE_STACK_PAGE);
  g_type_ensure (GTK_TYPE_WINDOW_HANDLE);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, restoring_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, restoring_spinner);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, detail_leaflet);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, list_bin);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, tests_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, tests_bin);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, tests_title);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, account_section);
  gtk_widget_class_bind_template_child_full (widget_class, "main_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "account_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_app_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "search_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "tests_back_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, account_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh);
  gtk_widget_class_install_action (widget_class, "win.new-app", NULL, new_app);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back);
  gtk_widget_class_install_action (widget_class, "win.show-app", "s", show_app);
  gtk_widget_class_install_action (widget_class, "win.show-tests", "s", show_tests);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-app",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

/* Setting a tooltip on a visible widget makes GTK query the pointer position, a round trip
 * to the display server each time, all before the first frame.  The template sets these
 * buttons' tooltips while they are hidden; they are shown here, before the window is. */
static void
show_tooltip_buttons (HbWindow *self)
{
  static const char *const names[] = { "new_app_button", "main_menu_button", "account_menu_button",
                                       "search_button", "tests_back_button" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_set_visible (
        GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, names[i])),
        TRUE);
}

static void
hb_window_init (HbWindow *self)
{
  GMenuModel *main_menu, *account_menu;

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_spin_while_mapped (self->restoring_spinner);
  show_tooltip_buttons (self);
  main_menu =
      G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "main_menu"));
  account_menu = G_MENU_MODEL (
      gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "account_menu"));
  hb_ui_menu_button_set_lazy_menu (self->main_menu_button, main_menu);
  hb_ui_menu_button_set_lazy_menu (self->account_menu_button, account_menu);
  self->cancellable = g_cancellable_new ();
  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

HbWindow *
hb_window_new (GtkApplication *application, HbClient *client)
{
  return g_object_new (HB_TYPE_WINDOW, "application", application, "client", client, NULL);
}
