/* test-window.c: HbWindow: the list, the sub-pages, the narrow layout, the welcome page
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-row.h"
#include "hb-create-app-dialog.h"
#include "hb-remote-list-private.h"
#include "hb-test-results-view.h"
#include "hbt-requests.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
tests_shown (Fixture *fixture, gconstpointer unused)
{
  AdwLeaflet *leaflet =
      ADW_LEAFLET (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "detail_leaflet"));

  return adw_leaflet_get_visible_child (leaflet) ==
         hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_page");
}

static gboolean
tests_hidden (Fixture *fixture, gconstpointer unused)
{
  return !tests_shown (fixture, NULL);
}

static void
test_list_sorted_and_select (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GtkListView *view = GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (view));
  g_autofree char *previous = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (shown, i);

      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, hb_app_get_name (app)), <=, 0);
      g_free (previous);
      previous = g_strdup (hb_app_get_name (app));
    }

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbt_settle (600);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "main-window-1280x800.png");

  /* The selection is remembered for the next start (when the schema is installed). */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = g_settings_get_string (settings, "last-app");

      g_assert_cmpstr (last, ==, "hello-world");
    }
}

/* Issue 16, item 8: every shortcut shows its keys (Keyboard Shortcuts and Quit had blank key
 * caps: their keys were looked up from an action the window does not know), and shows the keys
 * the application binds. */
static void
assert_key_caps (GtkWidget *widget)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      g_test_message ("%s: %s", title, accelerator);
      g_assert_nonnull (accelerator);
      g_assert_cmpstr (accelerator, !=, "");
      if (g_str_equal (title, "Keyboard Shortcuts"))
        g_assert_cmpstr (accelerator, ==, "<Control>question");
      if (g_str_equal (title, "Quit"))
        g_assert_cmpstr (accelerator, ==, "<Control>q");
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_key_caps (child);
}

static void
test_shortcuts (Fixture *fixture, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *overlay = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && overlay == NULL; i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (GTK_IS_SHORTCUTS_WINDOW (window))
        overlay = GTK_WINDOW (window);
    }
  g_assert_nonnull (overlay);
  g_assert_true (gtk_window_get_transient_for (overlay) == GTK_WINDOW (fixture->window));
  hbt_settle (300);
  assert_key_caps (GTK_WIDGET (overlay));
  hbt_save_screenshot (GTK_WIDGET (overlay), "shortcuts-window.png");
  gtk_window_destroy (overlay);
}

/* A build's tests open in a sub-page with its own header and Back. */
static void
test_show_tests (Fixture *fixture, gconstpointer data)
{
  HbBuildList *builds;
  g_autoptr (HbBuild) newest = NULL;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));
  newest = g_list_model_get_item (G_LIST_MODEL (builds), 0);
  g_assert_nonnull (hb_build_get_tests_url (newest));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s",
                              hb_build_get_tests_url (newest));
  hbt_window_wait (fixture, tests_shown, NULL, "the test results page");
  hbt_settle (1500);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "test-results-subpage.png");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  hbt_window_wait (fixture, tests_hidden, NULL, "back to the builds");
}

static gboolean
tests_settled (Fixture *fixture, gconstpointer unused)
{
  GtkWidget *view = adw_bin_get_child (
      ADW_BIN (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_bin")));

  return tests_shown (fixture, NULL) && view != NULL &&
         !hb_test_results_view_get_busy (HB_TEST_RESULTS_VIEW (view));
}

/* Issue 16, item 12: the Test Results header names the build (its commit message's first
 * line, as its row does) above the counts; another build's tests name that build. */
static void
test_tests_header_names_build (Fixture *fixture, gconstpointer data)
{
  AdwWindowTitle *header =
      ADW_WINDOW_TITLE (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_title"));
  GListModel *builds;
  g_autofree char *first = NULL;
  guint opened = 0;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (3), "the builds");
  builds = G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture)));
  for (guint i = 0; i < g_list_model_get_n_items (builds) && opened < 2; i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (builds, i);
      const char *message = hb_build_get_commit_message (build);
      g_autofree char *name = g_strndup (message, strcspn (message, "\n"));

      if (hb_build_get_tests_url (build) == NULL ||
          !hb_build_status_is_finished (hb_build_get_status (build)))
        continue;
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s",
                                  hb_build_get_tests_url (build));
      hbt_window_wait (fixture, tests_settled, NULL, "the build's tests");
      g_test_message ("build %s: “%s” — “%s”", hb_resource_get_id (HB_RESOURCE (build)),
                      adw_window_title_get_title (header), adw_window_title_get_subtitle (header));
      g_assert_cmpstr (adw_window_title_get_title (header), ==, name);
      g_assert_nonnull (strstr (adw_window_title_get_subtitle (header), "test"));
      if (opened++ == 0)
        {
          hbt_save_screenshot (GTK_WIDGET (fixture->window), "test-results-header.png");
          first = g_steal_pointer (&name);
        }
      else
        g_assert_cmpstr (name, !=, first);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
      hbt_window_wait (fixture, tests_hidden, NULL, "back to the builds");
    }
  g_assert_cmpuint (opened, ==, 2);
}

/* The window appears before any request is sent; its first frame says the list is
 * loading, never "No Applications". */
static void
test_first_frame_loading (void)
{
  Fixture fixture = { 0 };
  gboolean spinning = FALSE;

  fixture.server = hbt_server_new ();
  fixture.client = hbt_server_new_client (fixture.server);
  fixture.window = hb_window_new (NULL, fixture.client);
  g_object_ref_sink (fixture.window);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1280, 800);
  /* No main-loop iteration yet: what the present paints first. */
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "main");
  g_assert_cmpstr (hb_status_stack_get_page (hbt_window_list_status (&fixture)), ==, "loading");
  g_object_get (hbt_window_list_status (&fixture), "loading", &spinning, NULL);
  g_assert_true (spinning);
  g_assert_false (hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (hbt_window_list_view (&fixture)))));
  gtk_window_present (GTK_WINDOW (fixture.window));
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_window_teardown (&fixture, NULL);
}

/* Whether @menu or one of its sections has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

static void
test_signed_out_welcome (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GMenuModel) menu = NULL;
  GtkStack *main_stack;
  guint n_windows;

  fixture.server = hbt_server_new ();
  hbt_window_open (&fixture, hb_client_new (fixture.server->base_url), 1280, 800);
  hbt_settle (200);
  main_stack = GTK_STACK (hbt_template_child (fixture.window, HB_TYPE_WINDOW, "main_stack"));
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "welcome");
  /* While a saved sign-in is restored: a spinner, not a Sign In button. */
  g_object_set (fixture.window, "restoring", TRUE, NULL);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "restoring");
  g_object_set (fixture.window, "restoring", FALSE, NULL);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "welcome");
  /* Its menu offers no Refresh: signed out, that item was always disabled. */
  g_object_get (gtk_stack_get_child_by_name (main_stack, "welcome"), "menu", &menu, NULL);
  g_assert_false (menu_has_action (menu, "win.refresh"));
  g_assert_true (menu_has_action (menu, "app.about"));
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new-app", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows);
  hbt_save_screenshot (GTK_WIDGET (fixture.window), "welcome-1280x800.png");

  hb_client_set_token (fixture.client, HBT_DEMO_TOKEN);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "main");
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the list after signing in");
  hbt_window_teardown (&fixture, NULL);
}

static void
test_folded (void)
{
  Fixture fixture = { 0 };
  AdwLeaflet *leaflet;

  fixture.server = hbt_server_new ();
  hbt_window_open (&fixture, hbt_server_new_client (fixture.server), 360, 720);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the applications list");
  leaflet = ADW_LEAFLET (hbt_template_child (fixture.window, HB_TYPE_WINDOW, "leaflet"));
  hbt_settle (500);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  hbt_save_screenshot (GTK_WIDGET (fixture.window), "list-360x720.png");

  hbt_window_select_app (&fixture, "hello-world");
  hbt_window_wait (&fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbt_settle (800);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  hbt_save_screenshot (GTK_WIDGET (fixture.window), "detail-360x720.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  hbt_window_teardown (&fixture, NULL);
}

/* ---- issue 16, item 12: menus that offer nothing to press --------------------- */

static gboolean
account_known (Fixture *fixture, gconstpointer unused)
{
  GMenuModel *menu = G_MENU_MODEL (
      gtk_widget_get_template_child (GTK_WIDGET (fixture->window), HB_TYPE_WINDOW, "account_menu"));
  g_autofree char *label = NULL;

  return g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
}

/* The account menu is headed by the account's name (a section label, not a disabled item).
 * The application's name and address are no Tab stops: focus /hb/focus/detail-tab. */
static void
test_nothing_disabled (Fixture *fixture, gconstpointer data)
{
  GMenuModel *account = G_MENU_MODEL (
      gtk_widget_get_template_child (GTK_WIDGET (fixture->window), HB_TYPE_WINDOW, "account_menu"));
  g_autofree char *heading = NULL;
  g_autoptr (GMenuModel) section = NULL;

  hbt_window_wait (fixture, account_known, NULL, "the account's name");
  g_assert_true (
      g_menu_model_get_item_attribute (account, 0, G_MENU_ATTRIBUTE_LABEL, "s", &heading));
  g_assert_cmpstr (heading, ==, "Signed in as demo");
  section = g_menu_model_get_item_link (account, 0, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (menu_has_action (section, "app.sign-out"));
  g_assert_false (menu_has_action (account, "win.account-name"));
}

/* ---- requests: what start-up, F5 and a create send (issue 13) ---------------- */

static gboolean
statuses_known (Fixture *fixture, gconstpointer unused)
{
  GListModel *apps = G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (fixture)));
  guint n = g_list_model_get_n_items (apps);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (apps, i);

      if (hb_app_get_status (app) == HB_BUILD_STATUS_UNKNOWN)
        return FALSE;
    }
  return n > 0;
}

static gboolean
requests_at_least (Fixture *fixture, gconstpointer data)
{
  const struct
  {
    HbtRequests *requests;
    guint n;
  } *want = data;

  return hbt_requests_count (want->requests) >= want->n;
}

/* Waits until @n requests were sent, and a little longer for any that should not come. */
static void
wait_requests (Fixture *fixture, HbtRequests *requests, guint n)
{
  struct
  {
    HbtRequests *requests;
    guint n;
  } want = { requests, n };

  hbt_window_wait (fixture, requests_at_least, &want, "the requests");
  hbt_settle (500);
}

static void
assert_requests (HbtRequests *requests, guint n, const char *what)
{
  g_autofree char *dump = hbt_requests_dump (requests);

  g_test_message ("%s: %u requests\n%s", what, hbt_requests_count (requests), dump);
  g_assert_cmpuint (hbt_requests_count (requests), ==, n);
}

/* Every app's newest build, once: the list endpoint has no status. */
static void
assert_one_status_each (HbtRequests *requests, GListModel *apps)
{
  for (guint i = 0; i < g_list_model_get_n_items (apps); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (apps, i);
      g_autofree char *request =
          g_strdup_printf ("GET /applications/%s/builds?count=1&offset=0", hb_app_get_slug (app));

      g_assert_cmpuint (hbt_requests_count_of (requests, request), ==, 1);
    }
}

/* The rows shown, each bound to one of @objects. */
static guint
rows_bound_to (GtkWidget *widget, GPtrArray *objects)
{
  guint n = 0;

  if (HB_IS_APP_ROW (widget) && hb_app_row_get_app (HB_APP_ROW (widget)) != NULL)
    {
      g_assert_true (g_ptr_array_find (objects, hb_app_row_get_app (HB_APP_ROW (widget)), NULL));
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += rows_bound_to (child, objects);
  return n;
}

static void
test_requests (void)
{
  Fixture fixture = { 0 };
  HbClient *client;
  g_autoptr (HbtRequests) requests = NULL;
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GAsyncResult) renamed = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *apps;
  GtkWindow *dialog;
  HbApp *shop;
  const char *const name[] = { "Shop API v2", NULL };

  /* A first start: no application chosen in an earlier run (whose page would load too). */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);

      g_settings_reset (settings, "last-app");
    }
  fixture.server = hbt_server_new ();
  client = hbt_server_new_client (fixture.server);
  requests = hbt_requests_new (client);

  /* Start-up: the user, the list, and each application's newest build. */
  hbt_window_open (&fixture, client, 1280, 800);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_window_wait (&fixture, statuses_known, NULL, "every status");
  apps = G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (&fixture)));
  wait_requests (&fixture, requests, 2 + g_list_model_get_n_items (apps));
  assert_requests (requests, 8, "start-up, 6 applications");
  g_assert_cmpuint (hbt_requests_count_of (requests, "GET /user"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (requests, "GET /applications"), ==, 1);
  assert_one_status_each (requests, apps);

  /* F5: the list and the statuses again, merged into the same objects; a rename on the
   * server reaches the object every row already shows. */
  before = _hb_list_model_to_ptr_array (apps);
  shop = hb_remote_list_find (HB_REMOTE_LIST (apps), "shop-api", NULL);
  hb_client_update_resource_async (client, HB_TYPE_APP, NULL, "shop-api", name, NULL,
                                   hbt_async_ready, &renamed);
  hbt_await (&renamed);
  g_assert_true (hb_client_update_resource_finish (client, renamed, &error));
  hbt_requests_clear (requests);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.refresh", NULL));
  wait_requests (&fixture, requests, 1 + g_list_model_get_n_items (apps));
  assert_requests (requests, 7, "F5, nothing chosen");
  g_assert_cmpuint (hbt_requests_count_of (requests, "GET /applications"), ==, 1);
  assert_one_status_each (requests, apps);
  g_assert_cmpuint (g_list_model_get_n_items (apps), ==, before->len);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (hb_remote_list_find (HB_REMOTE_LIST (apps), hb_app_get_slug (before->pdata[i]),
                                        NULL) == before->pdata[i]);
  g_assert_true (hb_remote_list_find (HB_REMOTE_LIST (apps), "shop-api", NULL) == shop);
  g_assert_cmpstr (hb_app_get_name (shop), ==, "Shop API v2");
  g_assert_cmpuint (rows_bound_to (GTK_WIDGET (hbt_window_list_view (&fixture)), before), ==,
                    before->len);

  /* With an application chosen, F5 also asks its page again. */
  hbt_window_select_app (&fixture, "hello-world");
  hbt_window_wait (&fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  hbt_settle (300);
  hbt_requests_clear (requests);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.refresh", NULL));
  wait_requests (&fixture, requests, 2 + g_list_model_get_n_items (apps));
  /* Not counted: the page's watch of hello-world's unfinished builds asks for each one every
   * 2 s, on its own clock (on a slow machine one tick fell inside this count: 10, not 8). */
  g_assert_cmpuint (
      hbt_requests_count (requests) -
          hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds/"),
      ==, 8);
  g_assert_cmpuint (
      hbt_requests_count_of (requests, "GET /applications/hello-world/builds?count=20&offset=0"),
      ==, 1);

  /* Create: the POST and the GET of its Location; never the list again, no status (it has
   * no builds). Its Builds page asks for its first page. */
  hbt_requests_clear (requests);
  dialog = hb_window_open_create_dialog (fixture.window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row")),
      "Counted App");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (&fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (&fixture, hbt_window_selected_is, "counted-app", "the new application chosen");
  wait_requests (&fixture, requests, 3);
  /* hello-world's watch may tick before its page lets go (in the sanitizer tree at load 5 two
   * did: 5, not 3). */
  assert_requests (
      requests, 3 + hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds/"),
      "create");
  g_assert_cmpuint (hbt_requests_count_of (requests, "POST /applications"), ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (requests, "GET /applications/counted-app"), ==, 1);
  g_assert_cmpuint (
      hbt_requests_count_of (requests, "GET /applications/counted-app/builds?count=20&offset=0"),
      ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (requests, "GET /applications"), ==, 0);
  g_assert_true (hbt_window_list_has_slug (&fixture, "counted-app"));

  g_clear_pointer (&requests, hbt_requests_free);
  hbt_window_teardown (&fixture, NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Dialogs fade in; screenshots and checks want them in their final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, hbt_window_setup, func, hbt_window_teardown)
  ADD ("/hb/window/list-sorted-and-select", test_list_sorted_and_select);
  ADD ("/hb/window/shortcuts", test_shortcuts);
  ADD ("/hb/builds/show-tests", test_show_tests);
  ADD ("/hb/window/nothing-disabled", test_nothing_disabled);
  ADD ("/hb/builds/tests-header-names-build", test_tests_header_names_build);
#undef ADD
  g_test_add_func ("/hb/window/first-frame-loading", test_first_frame_loading);
  g_test_add_func ("/hb/window/signed-out-welcome", test_signed_out_welcome);
  g_test_add_func ("/hb/window/folded", test_folded);
  g_test_add_func ("/hb/window/requests", test_requests);

  return g_test_run ();
}
