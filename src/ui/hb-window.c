/* hb-window.c: Harbor's main window: welcome page, or applications list | detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-builds-page.h"
#include "hb-create-app-dialog.h"
#include "hb-test-results-view.h"
#include "hb-ui-a11y.h"
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
  GMenu *account_menu;
  GMenu *account_section; /* Sign Out, under the account's name once known */

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
  GBindingGroup *tests_bindings; /* the header follows the view shown, and no other */
  AdwStatusPage *placeholder_page;
  GtkMenuButton *main_menu_button;
  GtkMenuButton *account_menu_button;
  GtkWidget *tests_back_button;
  GtkWidget *tests_invoker;    /* weak: the button that opened the test results, for Back */
  gboolean focus_list_pending; /* the list takes the focus once it shows its applications */
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

/* Back from the test results, from a detail that replaced the list, or (beside the list)
 * from the detail to the application's row. */
static gboolean
can_go_back (HbWindow *self)
{
  gboolean in_tests = adw_leaflet_get_visible_child (self->detail_leaflet) == self->tests_page;
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (in_tests)
    return TRUE;
  if (folded)
    return g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0;
  return self->app_list_view != NULL &&
         hb_app_list_view_get_selected_app (self->app_list_view) != NULL;
}

static void
window_actions_update (HbWindow *self)
{
  gboolean signed_in = self->client != NULL && hb_client_get_signed_in (self->client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-app",
                                 signed_in && hb_client_get_reachable (self->client));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", can_go_back (self));
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
          gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "welcome_menu"));

      self->welcome_page = hb_welcome_page_new (self->client, menu);
      gtk_stack_add_named (self->main_stack, self->welcome_page, "welcome");
    }
  else if (g_str_equal (name, "restoring"))
    gtk_widget_set_visible (self->restoring_page, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, name);

  /* Each page has one place the keyboard starts from: Sign In, or the list once loaded. */
  if (g_str_equal (name, "welcome"))
    hb_welcome_page_focus_sign_in (HB_WELCOME_PAGE (self->welcome_page));
  else if (g_str_equal (name, "main"))
    self->focus_list_pending = TRUE;
}

const char *
hb_window_get_page (HbWindow *self)
{
  g_return_val_if_fail (HB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* ---- account ---- */

/* The account's name heads the menu's section, as a label: it was a disabled item, which a
 * screen reader offers as something to press. */
static void
set_account_heading (HbWindow *self, const char *heading)
{
  g_autoptr (GMenu) section = g_object_ref (self->account_section);

  g_menu_remove_all (self->account_menu);
  g_menu_append_section (self->account_menu, heading, G_MENU_MODEL (section));
}

static void
user_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;
  g_autofree char *label = NULL;

  user = hb_client_get_user_finish (HB_CLIENT (source), result, &error);
  /* On failure the list shows the connection problem; the menu keeps Sign Out, unheaded. */
  if (user == NULL)
    return;

  /* Translators: heads the account menu; %s is the account's user name */
  label = g_strdup_printf (_ ("Signed in as %s"), hb_user_get_username (user));
  set_account_heading (self, label);
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
  set_account_heading (self, NULL);

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

/* The detail of the application chosen is shown. The keyboard stays on its row when the list
 * is still on screen (the leaflet moves it into the detail, to whatever had it last), and goes
 * to the detail's Back button when the detail replaces the list. */
static void
show_detail_keeping_focus (HbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL)
    g_object_ref (focus);
  show_detail (self);
  if (adw_leaflet_get_folded (self->leaflet))
    hb_app_detail_view_focus_start (ensure_detail_view (self));
  else if (focus != NULL && gtk_widget_get_root (focus) == GTK_ROOT (self) &&
           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->app_list_view)))
    gtk_widget_grab_focus (focus);
  else
    hb_app_list_view_focus_selected (self->app_list_view);
  g_clear_object (&focus);
}

static void
on_app_activated (HbWindow *self)
{
  show_detail_keeping_focus (self);
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

/* The deleted application's row goes; the keyboard goes to the row now in its place. */
static void
on_app_deleted (HbWindow *self, HbApp *app)
{
  guint position = hb_app_list_view_get_position (self->app_list_view, app);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  hb_app_list_view_remove_app (self->app_list_view, app);
  hb_app_list_view_focus_row (self->app_list_view, position != G_MAXUINT ? position : 0);
}

static void
back (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);

  /* Back where the person came from: the button that opened the test results, or the
   * application's row. */
  if (adw_leaflet_get_visible_child (self->detail_leaflet) == self->tests_page)
    {
      adw_leaflet_set_visible_child (self->detail_leaflet, GTK_WIDGET (self->detail_bin));
      if (self->tests_invoker != NULL && gtk_widget_is_visible (self->tests_invoker))
        gtk_widget_grab_focus (self->tests_invoker);
      else if (self->detail_view != NULL)
        hb_app_detail_view_focus_start (self->detail_view);
    }
  else
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      hb_app_list_view_focus_selected (self->app_list_view);
    }
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
  GtkWidget *tests = adw_bin_get_child (self->tests_bin);

  /* Ctrl+F on the test results searches the tests, wherever the focus is in that page. */
  if (tests != NULL && adw_leaflet_get_visible_child (self->detail_leaflet) == self->tests_page &&
      (!adw_leaflet_get_folded (self->leaflet) ||
       g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") == 0))
    {
      gtk_widget_activate_action (tests, "test-results.search", NULL);
      return;
    }
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

/* The build whose Test Results button was pressed: on the Builds page shown. */
static HbBuild *
find_build (HbWindow *self, const char *tests_url)
{
  GtkWidget *page =
      self->detail_view != NULL ? hb_app_detail_view_get_page (self->detail_view, "builds") : NULL;

  return page != NULL ? hb_builds_page_find_tests (HB_BUILDS_PAGE (page), tests_url) : NULL;
}

static void
show_tests (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbWindow *self = HB_WINDOW (widget);
  const char *tests_url = g_variant_get_string (param, NULL);
  GtkWidget *view = hb_test_results_view_new (self->client, tests_url);
  GtkWidget *invoker = gtk_root_get_focus (GTK_ROOT (self));

  /* The header names the build (issue 16, item 12). */
  hb_test_results_view_set_build (HB_TEST_RESULTS_VIEW (view), find_build (self, tests_url));

  /* The view has no header bar of its own; the sub-page's header shows its titles, and only
   * the shown view's: one that is going (its requests still winding down) no longer reaches
   * the header, so another build's summary never shows over this one (issue 17). */
  g_binding_group_set_source (self->tests_bindings, view);
  adw_bin_set_child (self->tests_bin, view);
  gtk_widget_set_visible (self->tests_page, TRUE); /* hidden until first used */
  adw_leaflet_set_visible_child (self->detail_leaflet, self->tests_page);
  /* The keyboard waits on the page's Back button, then goes to the first failure once the
   * table shows it; Back returns to the button that opened the page. */
  g_set_weak_pointer (&self->tests_invoker, invoker);
  gtk_widget_grab_focus (self->tests_back_button);
  hb_test_results_view_focus_results (HB_TEST_RESULTS_VIEW (view));
  window_actions_update (self);
}

/* The server returned the new application: it joins the list and is chosen, and the list is
 * not asked for again. */
static void
on_created (HbWindow *self, HbApp *app)
{
  hb_app_list_view_add_app (self->app_list_view, app);
  hb_window_add_toast (self, hb_ui_toast_new_printf (_ ("“%s” created"), hb_app_get_name (app)));
  /* A new application has builds to come, not the page the last one was left on. The
   * keyboard goes to it: its row, or the detail where that replaces the list. */
  hb_app_detail_view_set_page (ensure_detail_view (self), "builds");
  show_detail (self);
  if (adw_leaflet_get_folded (self->leaflet))
    hb_app_detail_view_focus_start (self->detail_view);
  else
    hb_app_list_view_focus_selected (self->app_list_view);
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
  /* GtkShortcutsWindow's own parts have no names (a search field read as "GtkSearchEntry"). */
  hb_ui_name_descendants (GTK_WIDGET (overlay), GTK_TYPE_SEARCH_ENTRY, _ ("Search Shortcuts"));
  hb_ui_name_descendants (GTK_WIDGET (overlay), GTK_TYPE_TOGGLE_BUTTON, _ ("Search Shortcuts"));
  hb_ui_name_descendants (GTK_WIDGET (overlay), GTK_TYPE_MENU_BUTTON, _ ("Sections"));
  hb_ui_name_descendants (GTK_WIDGET (overlay), GTK_TYPE_SCROLLED_WINDOW, _ ("Keyboard Shortcuts"));
  gtk_window_present (overlay);
}

/* Test results left behind are hidden once the way back has been shown: a folded leaflet
 * measures every visible page, and the table kept the columns of the width it last had. */
static void
hide_tests_page_when_left (HbWindow *self)
{
  if (adw_leaflet_get_visible_child (self->detail_leaflet) != self->tests_page &&
      !adw_leaflet_get_child_transition_running (self->detail_leaflet))
    gtk_widget_set_visible (self->tests_page, FALSE);
}

static void
on_leaflet_changed (HbWindow *self)
{
  hide_tests_page_when_left (self);
  window_actions_update (self);
}

/* ---- window state ---- */

static void
load_settings (HbWindow *self)
{
  g_autofree char *last_app = NULL;

  self->settings = hb_ui_settings_new ();
  if (self->settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_app = g_settings_get_string (self->settings, "last-app");
  if (*last_app != '\0')
    self->last_app = g_steal_pointer (&last_app);
}

/* Once the list shows its applications after a start or a sign-in, the keyboard starts on it
 * (on the application chosen, else the first), unless the person has pressed a key or a
 * button meanwhile (GTK's own first focus, the + button, is no choice of theirs). */
static void
focus_list_when_loaded (HbWindow *self)
{
  HbAppList *apps = hb_app_list_view_get_list (self->app_list_view);

  if (!self->focus_list_pending || hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) ||
      g_strcmp0 (hb_window_get_page (self), "main") != 0)
    return;
  self->focus_list_pending = FALSE;
  hb_app_list_view_focus_selected (self->app_list_view);
}

static void
on_person_acted (HbWindow *self)
{
  self->focus_list_pending = FALSE;
}

/* Any key shows the focus ring: GTK 4.8 shows it after navigation keys only (and hides it
 * 3 s later), so after Return, Escape or a shortcut the person saw no ring where the focus
 * had gone. */
static gboolean
on_key_pressed (
    GtkEventControllerKey *keys, guint keyval, guint code, GdkModifierType state, HbWindow *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (keys));

  on_person_acted (self);
  if (event == NULL || !gdk_key_event_is_modifier (event))
    gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
  /* Alt+Left is Back before the leaflets see it: their own Back moved the keyboard to the
   * first row of the list, not to where the person came from. */
  if ((keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) &&
      (state & gtk_accelerator_get_default_mod_mask ()) == GDK_ALT_MASK && can_go_back (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The application chosen in the last run is chosen again when the first load brings it. */
static void
on_list_loading (HbWindow *self)
{
  HbAppList *apps = hb_app_list_view_get_list (self->app_list_view);

  if (self->last_app != NULL && !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)))
    {
      if (hb_app_list_view_get_selected_app (self->app_list_view) == NULL)
        hb_app_list_view_select_slug (self->app_list_view, self->last_app);
      g_clear_pointer (&self->last_app, g_free);
    }
  focus_list_when_loaded (self);
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
  g_object_bind_property (
      self->app_list_view, "search-mode",
      gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "search_button"), "active",
      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
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
  g_signal_connect_object (self->client, "notify::reachable", G_CALLBACK (window_actions_update),
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
  g_clear_object (&self->tests_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);
  g_clear_pointer (&self->last_app, g_free);
  g_clear_weak_pointer (&self->tests_invoker);

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
  gtk_widget_class_bind_template_child (widget_class, HbWindow, placeholder_page);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, account_section);
  gtk_widget_class_bind_template_child_full (widget_class, "main_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, account_menu);
  gtk_widget_class_bind_template_child_full (widget_class, "welcome_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "new_app_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "search_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, HbWindow, tests_back_button);
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
  /* Watched builds keep Harbor running once its window is closed (hb-build-notifier.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
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
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_spin_while_mapped (self->restoring_spinner);
  hb_ui_name_status_page (self->placeholder_page);
  show_tooltip_buttons (self);
  main_menu =
      G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "main_menu"));
  account_menu = G_MENU_MODEL (
      gtk_widget_get_template_child (GTK_WIDGET (self), HB_TYPE_WINDOW, "account_menu"));
  hb_ui_menu_button_set_lazy_menu (self->main_menu_button, main_menu);
  hb_ui_menu_button_set_lazy_menu (self->account_menu_button, account_menu);
  self->cancellable = g_cancellable_new ();
  self->tests_bindings = g_binding_group_new ();
  g_binding_group_bind (self->tests_bindings, "title", self->tests_title, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->tests_bindings, "subtitle", self->tests_title, "subtitle",
                        G_BINDING_SYNC_CREATE);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_person_acted), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  if (g_strcmp0 (PROFILE, "development") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

HbWindow *
hb_window_new (GtkApplication *application, HbClient *client)
{
  return g_object_new (HB_TYPE_WINDOW, "application", application, "client", client, NULL);
}
