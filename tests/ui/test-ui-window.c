/* test-ui-window.c: HbWindow and its views driven in-process against a seeded libhb-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-auth.h"
#include "hb-builds-page.h"
#include "hb-create-app-dialog.h"
#include "hb-errors-page.h"
#include "hb-resources-page.h"
#include "hb-status-stack.h"
#include "hb-variables-page.h"
#include "hb-window.h"
#include "hbt-server.h"
#include "hbt-utils.h"

typedef struct
{
  HbtServer *server;
  HbClient *client;
  HbWindow *window;
} Fixture;

/* ---- waiting and looking ------------------------------------------------ */

typedef gboolean (*Check) (Fixture *fixture, gconstpointer data);

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @check holds; fails the test with @what after 30 s. */
static void
wait_until (Fixture *fixture, Check check, gconstpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (!check (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

static GtkWidget *
child_of (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static HbAppListView *
list_view (Fixture *fixture)
{
  return HB_APP_LIST_VIEW (hb_window_get_list_view (fixture->window));
}

static HbAppDetailView *
detail_view (Fixture *fixture)
{
  return HB_APP_DETAIL_VIEW (hb_window_get_detail_view (fixture->window));
}

static HbStatusStack *
list_status (Fixture *fixture)
{
  return HB_STATUS_STACK (child_of (list_view (fixture), HB_TYPE_APP_LIST_VIEW, "status_stack"));
}

static HbBuildsPage *
builds_page (Fixture *fixture)
{
  return HB_BUILDS_PAGE (hb_app_detail_view_get_page (detail_view (fixture), "builds"));
}

/* Shows the detail page @name, as its tab would: a page loads once it is on screen. */
static GtkWidget *
shown_page (Fixture *fixture, const char *name)
{
  hb_app_detail_view_set_page (detail_view (fixture), name);
  return hb_app_detail_view_get_page (detail_view (fixture), name);
}

static HbVariablesPage *
variables_page (Fixture *fixture)
{
  return HB_VARIABLES_PAGE (shown_page (fixture, "variables"));
}

static gboolean
list_page_is (Fixture *fixture, gconstpointer page)
{
  HbAppList *apps = hb_app_list_view_get_list (list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         g_strcmp0 (hb_status_stack_get_page (list_status (fixture)), page) == 0;
}

static gboolean
selected_is (Fixture *fixture, gconstpointer slug)
{
  HbApp *app = hb_app_detail_view_get_app (detail_view (fixture));

  return app != NULL && g_strcmp0 (hb_app_get_slug (app), slug) == 0;
}

static gboolean
builds_loaded (Fixture *fixture, gconstpointer n_at_least)
{
  HbBuildList *builds = hb_builds_page_get_list (builds_page (fixture));

  return builds != NULL && !hb_remote_list_get_loading (HB_REMOTE_LIST (builds)) &&
         g_list_model_get_n_items (G_LIST_MODEL (builds)) >= GPOINTER_TO_UINT (n_at_least);
}

static gboolean
list_has_slug (Fixture *fixture, const char *slug)
{
  GListModel *apps = G_LIST_MODEL (hb_app_list_view_get_list (list_view (fixture)));

  for (guint i = 0; i < g_list_model_get_n_items (apps); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (apps, i);

      if (g_strcmp0 (hb_app_get_slug (app), slug) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
list_lacks_slug (Fixture *fixture, gconstpointer slug)
{
  HbAppList *apps = hb_app_list_view_get_list (list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) && !list_has_slug (fixture, slug);
}

static gboolean dialog_open (Fixture *fixture, gconstpointer unused);
static AdwMessageDialog *open_message_dialog (void);

/* ---- screenshots -------------------------------------------------------- */

static void
save_screenshot (GtkWidget *widget, const char *name)
{
  const char *root = g_getenv ("HARBOR_BUILD_ROOT");
  g_autofree char *dir = g_build_filename (root != NULL ? root : ".", "screenshots", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = 0;
  int height = 0;

  g_mkdir_with_parents (dir, 0755);
  /* Under sanitizers the first frame can lag; draw until there is something to save. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    g_error ("nothing drawn for %s: mapped %d, %dx%d", G_OBJECT_TYPE_NAME (widget),
             gtk_widget_get_mapped (widget), width, height);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Lets size allocation, transitions and redraws finish. */
static void
settle (guint ms)
{
  hbt_iterate_for (ms);
}

/* ---- fixture ------------------------------------------------------------ */

static void
fixture_open (Fixture *fixture, HbClient *client, int width, int height)
{
  fixture->client = client;
  fixture->window = hb_window_new (NULL, client);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_setup (Fixture *fixture, gconstpointer data)
{
  fixture->server = hbt_server_new ();
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  fixture_open (fixture, hbt_server_new_client (fixture->server), 1280, 800);
  wait_until (fixture, list_page_is, "content", "the applications list");
}

static gboolean
window_gone (Fixture *fixture, gconstpointer unused)
{
  return fixture->window == NULL;
}

/* Cancelled requests still call back (holding a reference) on a later iteration; the
 * window must be finalized once they have. */
static void
fixture_teardown (Fixture *fixture, gconstpointer data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->window);
  wait_until (fixture, window_gone, NULL, "the window to be finalized");
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, hbt_server_free);
}

static void
select_app (Fixture *fixture, const char *slug)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-app", "s", slug);
  wait_until (fixture, selected_is, slug, slug);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_list_sorted_and_select (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  GtkListView *view =
      GTK_LIST_VIEW (child_of (list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
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

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  settle (600);
  save_screenshot (GTK_WIDGET (fixture->window), "main-window-1280x800.png");

  /* The selection is remembered for the next start (when the schema is installed). */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APP_ID, TRUE);
  if (schema != NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *last = g_settings_get_string (settings, "last-app");

      g_assert_cmpstr (last, ==, "hello-world");
    }
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
  gtk_window_destroy (overlay);
}

static void
test_search (Fixture *fixture, gconstpointer data)
{
  GtkListView *view =
      GTK_LIST_VIEW (child_of (list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (view));
  GtkEditable *entry;

  /* Ctrl+F's action: the search entry appears with the focus in it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = GTK_EDITABLE (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                                 GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (entry), GTK_WIDGET (list_view (fixture))));
  gtk_editable_set_text (entry, "SHOP");
  settle (300); /* search-changed is delayed */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_editable_set_text (entry, "status-p"); /* slugs match too */
  settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_editable_set_text (entry, "");
  settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);
}

static gboolean
dialog_idle (Fixture *fixture, gconstpointer dialog)
{
  return !hb_create_app_dialog_get_busy ((HbCreateAppDialog *) dialog);
}

static gboolean
pointer_cleared (Fixture *fixture, gconstpointer slot)
{
  return *(gpointer *) slot == NULL;
}

static void
test_create_valid (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name = GTK_EDITABLE (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  AdwComboRow *region = ADW_COMBO_ROW (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "region_row"));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (name, "Brand New App");
  adw_combo_row_set_selected (region, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  /* A second press while the first is in flight does nothing. */
  g_assert_true (hb_create_app_dialog_get_busy (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_false (
      gtk_widget_get_sensitive (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);

  wait_until (fixture, pointer_cleared, &dialog, "the dialog to close");
  wait_until (fixture, selected_is, "brand-new-app", "the new application selected");
  g_assert_cmpstr (hb_app_get_region_id (hb_app_detail_view_get_app (detail_view (fixture))), ==,
                   hb_region_to_id (HB_REGION_EU_WEST_1));
}

static void
test_create_duplicate (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name = GTK_EDITABLE (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  GtkLabel *message = GTK_LABEL (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));

  gtk_editable_set_text (name, "Hello World");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  wait_until (fixture, dialog_idle, dialog, "the create request");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "already exists"));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Hello World");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  settle (400);
  save_screenshot (GTK_WIDGET (dialog), "create-dialog-error.png");
  gtk_window_destroy (dialog);
}

static void
test_create_invalid (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name = GTK_EDITABLE (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  GtkLabel *message = GTK_LABEL (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));

  GtkWidget *create = child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button");

  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_editable_set_text (name, "   ");
  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  gtk_editable_set_text (name, "!!!");
  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  g_assert_false (hb_create_app_dialog_get_busy (HB_CREATE_APP_DIALOG (dialog)));
  gtk_editable_set_text (name, "ok");
  g_assert_true (gtk_widget_get_sensitive (create));
  gtk_window_destroy (dialog);
}

static gboolean
signed_out (Fixture *fixture, gconstpointer unused)
{
  return !hb_client_get_signed_in (fixture->client);
}

static gboolean
list_has_slug_loaded (Fixture *fixture, gconstpointer slug)
{
  HbAppList *apps = hb_app_list_view_get_list (list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) && list_has_slug (fixture, slug);
}

static void
count_emission (guint *count)
{
  (*count)++;
}

static void
count_activation (GSimpleAction *action, GVariant *param, gpointer count)
{
  (*(guint *) count)++;
}

/* Issue: a 401 from any call signs out "without losing what the person was doing". The
 * server stops knowing the token while the Create dialog holds typed text; pressing Create
 * gets a real 401. */
static void
test_create_reauth (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbAuth) auth = hb_auth_new (fixture->client, NULL);
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name = GTK_EDITABLE (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  AdwComboRow *region = ADW_COMBO_ROW (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "region_row"));
  GtkWidget *signed_out_box = child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "signed_out_box");
  GtkWidget *sign_in = child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "sign_in_button");
  GtkWidget *create = child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button");
  GtkLabel *message = GTK_LABEL (child_of (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));
  guint reauth_count = 0;
  guint sign_in_count = 0;
  const GActionEntry app_entries[] = { { "sign-in", count_activation } };
  g_autoptr (GSimpleActionGroup) app_actions = g_simple_action_group_new ();

  /* Stands in for HbApplication's app.sign-in, which opens the login window. */
  g_action_map_add_action_entries (G_ACTION_MAP (app_actions), app_entries,
                                   G_N_ELEMENTS (app_entries), &sign_in_count);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app",
                                  G_ACTION_GROUP (app_actions));
  g_signal_connect_swapped (auth, "reauth-required", G_CALLBACK (count_emission), &reauth_count);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (gtk_widget_get_visible (signed_out_box));
  gtk_editable_set_text (name, "After Reauth");
  adw_combo_row_set_selected (region, 1);

  hb_client_set_token (fixture->client, "revoked-token");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  wait_until (fixture, signed_out, NULL, "the 401 to sign out");
  wait_until (fixture, dialog_idle, dialog, "the create request");
  g_assert_cmpuint (reauth_count, ==, 1);

  /* Still open, with what was typed, saying plainly what to do; Create waits for sign-in. */
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "After Reauth");
  g_assert_cmpuint (adw_combo_row_get_selected (region), ==, 1);
  g_assert_true (gtk_widget_is_visible (signed_out_box));
  g_assert_true (gtk_widget_is_visible (sign_in));
  g_assert_true (gtk_widget_get_sensitive (sign_in));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sign_in)), ==, "Sign In");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_get_sensitive (create));
  settle (400);
  save_screenshot (GTK_WIDGET (dialog), "create-dialog-signed-out.png");
  g_signal_emit_by_name (sign_in, "clicked");
  g_assert_cmpuint (sign_in_count, ==, 1);
  g_assert_nonnull (dialog);

  /* Signed in again (what the login window does through HbAuth): Create succeeds. */
  hb_client_set_token (fixture->client, HBT_DEMO_TOKEN);
  g_assert_false (gtk_widget_get_visible (signed_out_box));
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "After Reauth");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  wait_until (fixture, pointer_cleared, &dialog, "the dialog to close");
  wait_until (fixture, list_has_slug_loaded, "after-reauth", "the new application in the list");
  wait_until (fixture, selected_is, "after-reauth", "the new application selected");
  g_assert_cmpstr (hb_app_get_region_id (hb_app_detail_view_get_app (detail_view (fixture))), ==,
                   hb_region_to_id (HB_REGION_EU_WEST_1));
  g_assert_cmpstr (hb_window_get_page (fixture->window), ==, "main");
}

static gboolean
name_is (Fixture *fixture, gconstpointer name)
{
  HbApp *app = hb_app_detail_view_get_app (detail_view (fixture));

  return app != NULL && g_strcmp0 (hb_app_get_name (app), name) == 0;
}

static void
test_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (HbApp) fetched = NULL;
  g_autoptr (GError) error = NULL;

  select_app (fixture, "shop-api");
  hb_app_detail_view_rename (detail_view (fixture), "Shop API v2");
  wait_until (fixture, name_is, "Shop API v2", "the rename");

  hb_client_get_app_async (fixture->client, "shop-api", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  fetched = hb_client_get_app_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_name (fetched), ==, "Shop API v2");
}

/* A rename the server refuses (400: too long) brings the dialog back with the name typed. */
static void
test_rename_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *long_name = g_strnfill (150, 'x');
  AdwMessageDialog *dialog;

  select_app (fixture, "docs-site");
  hb_app_detail_view_rename (detail_view (fixture), long_name);
  wait_until (fixture, dialog_open, NULL, "the rename dialog to come back");
  dialog = open_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at most"));
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog))), ==,
      long_name);
  g_assert_cmpstr (hb_app_get_name (hb_app_detail_view_get_app (detail_view (fixture))), ==,
                   "Docs Site");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_delete (Fixture *fixture, gconstpointer data)
{
  select_app (fixture, "status-page");
  hb_app_detail_view_delete (detail_view (fixture));
  wait_until (fixture, list_lacks_slug, "status-page", "the list without the deleted app");
  g_assert_null (hb_app_detail_view_get_app (detail_view (fixture)));
}

static gboolean
list_reloaded (Fixture *fixture, gconstpointer unused)
{
  return !hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (list_view (fixture))));
}

/* Refreshing (F5) keeps the application the person is looking at. */
static void
test_refresh_keeps_selection (Fixture *fixture, gconstpointer data)
{
  select_app (fixture, "shop-api");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (list_view (fixture)))));
  wait_until (fixture, list_reloaded, NULL, "the refreshed list");
  g_assert_nonnull (hb_app_detail_view_get_app (detail_view (fixture)));
  g_assert_cmpstr (hb_app_get_slug (hb_app_detail_view_get_app (detail_view (fixture))), ==,
                   "shop-api");
}

/* Choosing another application while a delete is on its way does not lose the delete. */
static void
test_delete_then_switch (Fixture *fixture, gconstpointer data)
{
  HbsFaults slow = { .latency_ms = 500 };
  HbsFaults none = { 0 };

  select_app (fixture, "status-page");
  hbs_server_set_faults (fixture->server->server, &slow);
  hb_app_detail_view_delete (detail_view (fixture));
  select_app (fixture, "docs-site");
  wait_until (fixture, list_lacks_slug, "status-page", "the list without the deleted app");
  hbs_server_set_faults (fixture->server->server, &none);
  g_assert_cmpstr (hb_app_get_slug (hb_app_detail_view_get_app (detail_view (fixture))), ==,
                   "docs-site");
}

static gboolean
vars_settled (Fixture *fixture, gconstpointer n)
{
  HbVariablesPage *page = variables_page (fixture);

  return !hb_variables_page_get_loading (page) &&
         g_list_model_get_n_items (hb_variables_page_get_model (page)) == GPOINTER_TO_UINT (n);
}

static gboolean
vars_loaded (Fixture *fixture, gconstpointer unused)
{
  return !hb_variables_page_get_loading (variables_page (fixture));
}

/* Choosing an application loads the page on screen; another page asks when it is shown. */
static void
test_pages_load_when_shown (Fixture *fixture, gconstpointer data)
{
  HbVariablesPage *variables;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  variables = HB_VARIABLES_PAGE (hb_app_detail_view_get_page (detail_view (fixture), "variables"));
  g_assert_false (hb_variables_page_get_loading (variables));
  g_assert_cmpuint (g_list_model_get_n_items (hb_variables_page_get_model (variables)), ==, 0);

  g_assert_true (variables_page (fixture) == variables); /* shows it */
  g_assert_true (hb_variables_page_get_loading (variables));
  wait_until (fixture, vars_loaded, NULL, "the variables");
  g_assert_cmpuint (g_list_model_get_n_items (hb_variables_page_get_model (variables)), >, 0);
}

static char *
var_id_for_key (Fixture *fixture, const char *key)
{
  GListModel *vars = hb_variables_page_get_model (variables_page (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (vars); i++)
    {
      g_autoptr (HbConfigVar) var = g_list_model_get_item (vars, i);

      if (g_strcmp0 (hb_config_var_get_key (var), key) == 0)
        return g_strdup (hb_config_var_get_id (var));
    }
  return NULL;
}

static void
test_variables (Fixture *fixture, gconstpointer data)
{
  g_autofree char *id = NULL;
  guint n;

  select_app (fixture, "shop-api");
  hb_app_detail_view_set_page (detail_view (fixture), "variables");
  wait_until (fixture, vars_loaded, NULL, "the variables");
  n = g_list_model_get_n_items (hb_variables_page_get_model (variables_page (fixture)));

  hb_variables_page_add (variables_page (fixture), "FEATURE_FLAG", "on");
  wait_until (fixture, vars_settled, GUINT_TO_POINTER (n + 1), "the added variable");
  id = var_id_for_key (fixture, "FEATURE_FLAG");
  g_assert_nonnull (id);
  settle (400);
  save_screenshot (GTK_WIDGET (fixture->window), "variables-page.png");

  hb_variables_page_remove (variables_page (fixture), id);
  wait_until (fixture, vars_settled, GUINT_TO_POINTER (n), "the removed variable");
  g_assert_null (var_id_for_key (fixture, "FEATURE_FLAG"));
}

static void
test_builds_paging (Fixture *fixture, gconstpointer data)
{
  HbBuildList *builds;
  guint first;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  builds = hb_builds_page_get_list (builds_page (fixture));
  first = g_list_model_get_n_items (G_LIST_MODEL (builds));
  g_assert_cmpuint (first, <, 60);
  g_assert_true (hb_build_list_get_has_more (builds));

  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (builds_page (fixture)), "builds.load-more", NULL));
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (first + 1), "the next page");
  settle (300);
  save_screenshot (GTK_WIDGET (fixture->window), "builds-page-1280x800.png");
}

/* The status label the person sees in the row showing @build_id. */
static const char *
row_status_text (GtkWidget *widget, const char *build_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (g_type_is_a (G_OBJECT_TYPE (child), g_type_from_name ("HbBuildRow")))
        {
          HbBuild *build = NULL;

          g_object_get (child, "build", &build, NULL);
          if (build != NULL && g_strcmp0 (hb_build_get_id (build), build_id) == 0)
            {
              GtkWidget *label = child_of (child, G_OBJECT_TYPE (child), "status_label");

              g_object_unref (build);
              return gtk_label_get_text (GTK_LABEL (label));
            }
          g_clear_object (&build);
          continue;
        }
      found = row_status_text (child, build_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
row_shows (Fixture *fixture, gconstpointer text)
{
  return g_strcmp0 (row_status_text (GTK_WIDGET (builds_page (fixture)), "60"), text) == 0;
}

static void
test_build_live (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  g_assert_cmpstr (row_status_text (GTK_WIDGET (builds_page (fixture)), "60"), ==, "Succeeded");

  /* Redeploying runs the build again on the server, slowly enough for the watch (which
   * polls every 2 s) to see every stage. */
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  hb_client_deploy_build_async (fixture->client, "hello-world", "60", NULL, hbt_async_ready,
                                &result);
  hbt_await (&result);
  g_assert_true (hb_client_deploy_build_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (builds_page (fixture)), "builds.reload", NULL);
  wait_until (fixture, row_shows, "Building", "build 60 shown as Building");
  wait_until (fixture, row_shows, "Succeeded", "build 60 shown as Succeeded");
}

/* A reload hands the page new build objects; the live status follows the new ones. */
static void
test_build_live_after_reload (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  hb_client_deploy_build_async (fixture->client, "hello-world", "60", NULL, hbt_async_ready,
                                &result);
  hbt_await (&result);
  g_assert_true (hb_client_deploy_build_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (builds_page (fixture)), "builds.reload", NULL);
  wait_until (fixture, row_shows, "Building", "build 60 shown as Building");
  gtk_widget_activate_action (GTK_WIDGET (builds_page (fixture)), "builds.reload", NULL);
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the reloaded builds");
  wait_until (fixture, row_shows, "Succeeded", "build 60 shown as Succeeded after a reload");
}

static gboolean
build_status_is (Fixture *fixture, gconstpointer status)
{
  HbBuildList *builds = hb_builds_page_get_list (builds_page (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (builds)); i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (G_LIST_MODEL (builds), i);

      if (g_strcmp0 (hb_build_get_id (build), "58") == 0)
        return hb_build_get_status (build) == (HbBuildStatus) GPOINTER_TO_INT (status);
    }
  return FALSE;
}

/* Deploy asks first, naming the build; confirming runs it on the server. */
static void
test_deploy_confirmed (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  gtk_widget_activate_action (GTK_WIDGET (builds_page (fixture)), "builds.deploy", "s", "58");
  wait_until (fixture, dialog_open, NULL, "the confirmation");
  dialog = open_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "58"));
  adw_message_dialog_response (dialog, "deploy");
  wait_until (fixture, build_status_is, GINT_TO_POINTER (HB_BUILD_STATUS_QUEUED),
              "build 58 queued again");
}

static gboolean
tests_shown (Fixture *fixture, gconstpointer unused)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (child_of (fixture->window, HB_TYPE_WINDOW, "detail_leaflet"));

  return adw_leaflet_get_visible_child (leaflet) ==
         child_of (fixture->window, HB_TYPE_WINDOW, "tests_page");
}

static gboolean
tests_hidden (Fixture *fixture, gconstpointer unused)
{
  return !tests_shown (fixture, NULL);
}

/* A build's tests open in a sub-page with its own header and Back. */
static void
test_show_tests (Fixture *fixture, gconstpointer data)
{
  HbBuildList *builds;
  g_autoptr (HbBuild) newest = NULL;

  select_app (fixture, "hello-world");
  wait_until (fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  builds = hb_builds_page_get_list (builds_page (fixture));
  newest = g_list_model_get_item (G_LIST_MODEL (builds), 0);
  g_assert_nonnull (hb_build_get_tests_url (newest));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s",
                              hb_build_get_tests_url (newest));
  wait_until (fixture, tests_shown, NULL, "the test results page");
  settle (1500);
  save_screenshot (GTK_WIDGET (fixture->window), "test-results-subpage.png");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  wait_until (fixture, tests_hidden, NULL, "back to the builds");
}

static void
test_folded (void)
{
  Fixture fixture = { 0 };
  AdwLeaflet *leaflet;

  fixture.server = hbt_server_new ();
  fixture_open (&fixture, hbt_server_new_client (fixture.server), 360, 720);
  wait_until (&fixture, list_page_is, "content", "the applications list");
  leaflet = ADW_LEAFLET (child_of (fixture.window, HB_TYPE_WINDOW, "leaflet"));
  settle (500);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  save_screenshot (GTK_WIDGET (fixture.window), "list-360x720.png");

  select_app (&fixture, "hello-world");
  wait_until (&fixture, builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  settle (800);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "detail");
  save_screenshot (GTK_WIDGET (fixture.window), "detail-360x720.png");

  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.back", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  fixture_teardown (&fixture, NULL);
}

static gboolean
resources_loaded (Fixture *fixture, gconstpointer page)
{
  return !hb_resources_page_get_loading ((HbResourcesPage *) page) &&
         g_list_model_get_n_items (hb_resources_page_get_model ((HbResourcesPage *) page)) > 0;
}

static gboolean
resources_count_is (Fixture *fixture, gconstpointer data)
{
  const guint *expect = data;
  HbResourcesPage *page = HB_RESOURCES_PAGE (shown_page (fixture, "collaborators"));

  return !hb_resources_page_get_loading (page) &&
         g_list_model_get_n_items (hb_resources_page_get_model (page)) == *expect;
}

static void
test_collaborators (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  GListModel *items;
  g_autofree char *bob = NULL;
  gboolean owner_seen = FALSE;
  guint n;

  select_app (fixture, "hello-world");
  page = HB_RESOURCES_PAGE (shown_page (fixture, "collaborators"));
  wait_until (fixture, resources_loaded, page, "the collaborators");
  items = hb_resources_page_get_model (page);
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);
      if (hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_OWNER)
        owner_seen = !hb_collaborator_is_openable (c);
      if (g_strcmp0 (hb_collaborator_get_user_name (c), "bob") == 0)
        bob = g_strdup (hb_collaborator_get_id (c));
    }
  g_assert_true (owner_seen);

  if (bob == NULL)
    {
      guint more = n + 1;

      hb_resources_page_add (page, "bob@example.com", HB_COLLABORATOR_ROLE_COLLABORATOR);
      wait_until (fixture, resources_count_is, &more, "bob added");
      for (guint i = 0; i < more; i++)
        {
          g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);
          if (g_strcmp0 (hb_collaborator_get_user_name (c), "bob") == 0)
            bob = g_strdup (hb_collaborator_get_id (c));
        }
      n = more;
    }
  g_assert_nonnull (bob);
  hb_resources_page_remove (page, bob);
  n--;
  wait_until (fixture, resources_count_is, &n, "bob removed");
}

static gboolean
role_is_admin (Fixture *fixture, gconstpointer id)
{
  HbResourcesPage *page = HB_RESOURCES_PAGE (shown_page (fixture, "collaborators"));
  GListModel *items = hb_resources_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_collaborator_get_id (c), id) == 0)
        return hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_ADMINISTRATOR;
    }
  return FALSE;
}

/* A collaborator's role changes in place; the owner has no role control. */
static void
test_collaborator_role (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  GListModel *items;
  g_autofree char *id = NULL;

  select_app (fixture, "shop-api");
  page = HB_RESOURCES_PAGE (shown_page (fixture, "collaborators"));
  wait_until (fixture, resources_loaded, page, "the collaborators");
  items = hb_resources_page_get_model (page);
  for (guint i = 0; i < g_list_model_get_n_items (items) && id == NULL; i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);

      if (hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_COLLABORATOR)
        id = g_strdup (hb_collaborator_get_id (c));
    }
  g_assert_nonnull (id); /* the seed makes bob a plain collaborator */
  hb_resources_page_set_role (page, id, HB_COLLABORATOR_ROLE_ADMINISTRATOR);
  wait_until (fixture, role_is_admin, id, "the new role");
}

static HbResourcesPage *
hooks_page (Fixture *fixture)
{
  return HB_RESOURCES_PAGE (shown_page (fixture, "service-hooks"));
}

static gboolean
hooks_count_is (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page = hooks_page (fixture);

  return !hb_resources_page_get_loading (page) &&
         g_list_model_get_n_items (hb_resources_page_get_model (page)) == *(const guint *) data;
}

static gboolean
hooks_settled (Fixture *fixture, gconstpointer unused)
{
  return !hb_resources_page_get_loading (hooks_page (fixture));
}

static void
test_service_hooks (Fixture *fixture, gconstpointer data)
{
  const char *url = "https://hooks.example.com/harbor";
  GListModel *items;
  g_autofree char *id = NULL;
  guint n, more;

  select_app (fixture, "shop-api");
  wait_until (fixture, hooks_settled, NULL, "the hooks");
  items = hb_resources_page_get_model (hooks_page (fixture));
  n = g_list_model_get_n_items (items);
  more = n + 1;

  hb_resources_page_add (hooks_page (fixture), url, HB_COLLABORATOR_ROLE_UNKNOWN);
  wait_until (fixture, hooks_count_is, &more, "the added hook");
  for (guint i = 0; i < more && id == NULL; i++)
    {
      g_autoptr (HbServiceHook) hook = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_service_hook_get_value (hook), url) == 0)
        id = g_strdup (hb_service_hook_get_id (hook));
    }
  g_assert_nonnull (id);
  hb_resources_page_remove (hooks_page (fixture), id);
  wait_until (fixture, hooks_count_is, &n, "the removed hook");
}

static gboolean
dialog_open (Fixture *fixture, gconstpointer unused)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
open_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Ana has no card: adding a hostname to her app answers 402, which the form explains. */
static void
test_hostname_needs_card (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  AdwMessageDialog *dialog;

  select_app (fixture, "ana-blog");
  page = HB_RESOURCES_PAGE (shown_page (fixture, "hostnames"));
  wait_until (fixture, resources_loaded, page, "the hostnames");
  hb_resources_page_add (page, "blog.example.com", HB_COLLABORATOR_ROLE_UNKNOWN);
  wait_until (fixture, dialog_open, NULL, "the form to come back");
  dialog = open_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "credit card on file"));
  settle (300);
  save_screenshot (GTK_WIDGET (dialog), "hostname-402.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
errors_loaded (Fixture *fixture, gconstpointer page)
{
  return !hb_errors_page_get_loading ((HbErrorsPage *) page) &&
         g_list_model_get_n_items (hb_errors_page_get_model ((HbErrorsPage *) page)) > 0;
}

static void
test_errors (Fixture *fixture, gconstpointer data)
{
  HbErrorsPage *page;
  GListModel *errors;
  g_autoptr (HbAppError) first = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  select_app (fixture, "shop-api");
  page = HB_ERRORS_PAGE (shown_page (fixture, "errors"));
  wait_until (fixture, errors_loaded, page, "the errors");
  errors = hb_errors_page_get_model (page);
  for (guint i = 1; i < g_list_model_get_n_items (errors); i++)
    {
      g_autoptr (HbAppError) a = g_list_model_get_item (errors, i - 1);
      g_autoptr (HbAppError) b = g_list_model_get_item (errors, i);
      g_assert_cmpint (g_date_time_compare (hb_app_error_get_date (a), hb_app_error_get_date (b)),
                       >=, 0);
    }
  first = g_list_model_get_item (errors, 0);
  text = hb_errors_page_format_error (first);
  g_assert_nonnull (strstr (text, hb_app_error_get_request_path (first)));
  g_assert_nonnull (strstr (text, hb_exception_get_type_name (hb_app_error_get_exception (first))));

  hb_app_detail_view_set_page (detail_view (fixture), "errors");
  dialog = hb_errors_page_show_error (page, first);
  settle (400);
  save_screenshot (GTK_WIDGET (dialog), "error-detail.png");
  gtk_window_destroy (dialog);
}

/* ---- error states ------------------------------------------------------- */

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
  g_assert_cmpstr (hb_status_stack_get_page (list_status (&fixture)), ==, "loading");
  g_object_get (list_status (&fixture), "loading", &spinning, NULL);
  g_assert_true (spinning);
  g_assert_false (hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (list_view (&fixture)))));
  gtk_window_present (GTK_WINDOW (fixture.window));
  wait_until (&fixture, list_page_is, "content", "the applications list");
  fixture_teardown (&fixture, NULL);
}

static void
test_server_down (void)
{
  Fixture fixture = { 0 };
  HbClient *client = hb_client_new ("http://127.0.0.1:9");
  HbStatusStack *status;

  hb_client_set_token (client, HBT_DEMO_TOKEN);
  fixture_open (&fixture, client, 1280, 800);
  wait_until (&fixture, list_page_is, "error", "the error page");
  status = list_status (&fixture);
  g_assert_true (g_error_matches (hb_status_stack_get_error (status), G_IO_ERROR,
                                  G_IO_ERROR_CONNECTION_REFUSED));
  g_assert_true (gtk_widget_is_visible (hb_status_stack_get_retry_button (status)));
  settle (300);
  save_screenshot (GTK_WIDGET (fixture.window), "error-server-down.png");
  fixture_teardown (&fixture, NULL);
}

static void
test_server_error_then_retry (void)
{
  Fixture fixture = { 0 };
  HbsFaults faults = { .fail_every = 1 };
  HbsFaults none = { 0 };

  fixture.server = hbt_server_new ();
  hbt_server_set_faults (fixture.server, &faults);
  fixture_open (&fixture, hbt_server_new_client (fixture.server), 1280, 800);
  wait_until (&fixture, list_page_is, "error", "the error page");
  g_assert_true (g_error_matches (hb_status_stack_get_error (list_status (&fixture)), HB_API_ERROR,
                                  HB_API_ERROR_SERVER));

  hbt_server_set_faults (fixture.server, &none);
  gtk_widget_activate (hb_status_stack_get_retry_button (list_status (&fixture)));
  wait_until (&fixture, list_page_is, "content", "the list after Retry");
  fixture_teardown (&fixture, NULL);
}

static void
test_unauthorized (void)
{
  Fixture fixture = { 0 };
  HbClient *client;

  fixture.server = hbt_server_new ();
  client = hb_client_new (fixture.server->base_url);
  hb_client_set_token (client, "not-a-token");
  fixture_open (&fixture, client, 1280, 800);
  wait_until (&fixture, list_page_is, "error", "the error page");
  g_assert_true (g_error_matches (hb_status_stack_get_error (list_status (&fixture)), HB_API_ERROR,
                                  HB_API_ERROR_UNAUTHORIZED));
  fixture_teardown (&fixture, NULL);
}

static void
test_signed_out_welcome (void)
{
  Fixture fixture = { 0 };
  guint n_windows;

  fixture.server = hbt_server_new ();
  fixture_open (&fixture, hb_client_new (fixture.server->base_url), 1280, 800);
  settle (200);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "welcome");
  /* While a saved sign-in is restored: a spinner, not a Sign In button. */
  g_object_set (fixture.window, "restoring", TRUE, NULL);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "restoring");
  g_object_set (fixture.window, "restoring", FALSE, NULL);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "welcome");
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new-app", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows);
  save_screenshot (GTK_WIDGET (fixture.window), "welcome-1280x800.png");

  hb_client_set_token (fixture.client, HBT_DEMO_TOKEN);
  g_assert_cmpstr (hb_window_get_page (fixture.window), ==, "main");
  wait_until (&fixture, list_page_is, "content", "the list after signing in");
  fixture_teardown (&fixture, NULL);
}

#ifdef __SANITIZE_ADDRESS__
/* Full stacks for leak reports, so tests/lsan.supp can match frames in system libraries
 * (with the fast unwinder a leak from a dlclose()d module has no usable frames). */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Dialogs fade in; screenshots and checks want them in their final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hb/window/list-sorted-and-select", test_list_sorted_and_select);
  ADD ("/hb/window/search", test_search);
  ADD ("/hb/window/shortcuts", test_shortcuts);
  ADD ("/hb/create-app/valid", test_create_valid);
  ADD ("/hb/create-app/duplicate", test_create_duplicate);
  ADD ("/hb/create-app/invalid", test_create_invalid);
  ADD ("/hb/create-app/reauth-keeps-input", test_create_reauth);
  ADD ("/hb/detail/rename", test_rename);
  ADD ("/hb/detail/rename-refused", test_rename_refused);
  ADD ("/hb/detail/delete", test_delete);
  ADD ("/hb/detail/delete-then-switch", test_delete_then_switch);
  ADD ("/hb/window/refresh-keeps-selection", test_refresh_keeps_selection);
  ADD ("/hb/detail/pages-load-when-shown", test_pages_load_when_shown);
  ADD ("/hb/variables/add-remove", test_variables);
  ADD ("/hb/builds/paging", test_builds_paging);
  ADD ("/hb/builds/live", test_build_live);
  ADD ("/hb/builds/live-after-reload", test_build_live_after_reload);
  ADD ("/hb/builds/deploy-confirmed", test_deploy_confirmed);
  ADD ("/hb/builds/show-tests", test_show_tests);
  ADD ("/hb/collaborators/add-remove", test_collaborators);
  ADD ("/hb/collaborators/role", test_collaborator_role);
  ADD ("/hb/hostnames/needs-card", test_hostname_needs_card);
  ADD ("/hb/service-hooks/add-remove", test_service_hooks);
  ADD ("/hb/errors/list-and-detail", test_errors);
#undef ADD
  g_test_add_func ("/hb/window/first-frame-loading", test_first_frame_loading);
  g_test_add_func ("/hb/errors/server-down", test_server_down);
  g_test_add_func ("/hb/errors/server-500-retry", test_server_error_then_retry);
  g_test_add_func ("/hb/errors/unauthorized", test_unauthorized);
  g_test_add_func ("/hb/window/signed-out-welcome", test_signed_out_welcome);
  g_test_add_func ("/hb/window/folded", test_folded);

  return g_test_run ();
}
