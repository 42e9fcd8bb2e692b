/* test-app-list.c: HbAppListView: search, refresh, and data we did not write (edge sizes, names)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-list-view.h"
#include "hb-status-stack.h"
#include "hb-window.h"
#include "hbt-generate.h"
#include "hbt-server.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

/* The server's longest application name. */
#define MAX_NAME_CHARS 100

typedef struct
{
  HbtServer *server;
  HbClient *client;
  HbWindow *window;
  GPtrArray *names; /* of the applications created, in creation order */
} Fixture;

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Check) (Fixture *fixture);

static void
wait_until (Fixture *fixture, Check check, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (!check (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

static HbAppListView *
list_view (Fixture *fixture)
{
  return HB_APP_LIST_VIEW (hb_window_get_list_view (fixture->window));
}

static GListModel *
shown_apps (Fixture *fixture)
{
  GObject *view = gtk_widget_get_template_child (GTK_WIDGET (list_view (fixture)),
                                                 HB_TYPE_APP_LIST_VIEW, "list_view");

  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
}

static const char *
list_page (Fixture *fixture)
{
  GObject *status = gtk_widget_get_template_child (GTK_WIDGET (list_view (fixture)),
                                                   HB_TYPE_APP_LIST_VIEW, "status_stack");

  return hb_status_stack_get_page (HB_STATUS_STACK (status));
}

static gboolean
list_loaded (Fixture *fixture)
{
  HbAppList *apps = hb_app_list_view_get_list (list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         (g_strcmp0 (list_page (fixture), "content") == 0 ||
          g_strcmp0 (list_page (fixture), "empty") == 0);
}

/* hbt_odd_name() within the server's limit: a long one keeps its end, where the number is. */
static char *
app_name (guint i)
{
  g_autofree char *name = hbt_odd_name (i);
  glong length = g_utf8_strlen (name, -1);

  if (length <= MAX_NAME_CHARS)
    return g_steal_pointer (&name);
  return g_utf8_substring (name, length - MAX_NAME_CHARS, length);
}

/* @n applications for demo, created through the API as a person would. */
static void
create_apps (Fixture *fixture, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (HbApp) app = NULL;
      g_autofree char *name = app_name (i);

      hb_client_create_app_async (fixture->client, name, "amazon-web-services::us-east-1", NULL,
                                  hbt_async_ready, &result);
      hbt_await (&result);
      app = hb_client_create_app_finish (fixture->client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hb_app_get_name (app), ==, name);
      g_ptr_array_add (fixture->names, g_steal_pointer (&name));
    }
}

static void
fixture_setup (Fixture *fixture, guint n_apps)
{
  HbtServerOptions options = { .unseeded = TRUE };

  fixture->server = hbt_server_new_full (&options);
  fixture->client = hbt_server_new_client (fixture->server);
  fixture->names = g_ptr_array_new_with_free_func (g_free);
  create_apps (fixture, n_apps);
  fixture->window = g_object_ref_sink (hb_window_new (NULL, fixture->client));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_until (fixture, list_loaded, "the applications list");
}

static gboolean
window_gone (Fixture *fixture)
{
  return fixture->window == NULL;
}

static void
fixture_teardown (Fixture *fixture)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->window);
  wait_until (fixture, window_gone, "the window to be finalized");
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, hbt_server_free);
  g_clear_pointer (&fixture->names, g_ptr_array_unref);
}

/* The names a search for @needle keeps: the name or the slug holds it, in any case. */
static GHashTable *
expected_names (Fixture *fixture, const char *needle)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *all = G_LIST_MODEL (hb_app_list_view_get_list (list_view (fixture)));
  g_autofree char *folded = needle != NULL ? g_utf8_casefold (needle, -1) : NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (all, i);
      g_autofree char *name = g_utf8_casefold (hb_app_get_name (app), -1);
      g_autofree char *slug = g_utf8_casefold (hb_app_get_slug (app), -1);

      if (folded == NULL || strstr (name, folded) != NULL || strstr (slug, folded) != NULL)
        g_hash_table_add (names, (gpointer) hb_app_get_name (app));
    }
  return names;
}

/* Case does not count in the order, as for a person reading the list. */
static int
compare_names (const char *a, const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);
  g_autofree char *folded_b = g_utf8_casefold (b, -1);

  return g_utf8_collate (folded_a, folded_b);
}

/* Exactly the expected applications show, sorted by name as the locale sorts. */
static void
assert_shown (Fixture *fixture, const char *needle)
{
  g_autoptr (GHashTable) expected = expected_names (fixture, needle);
  GListModel *shown = shown_apps (fixture);
  g_autofree char *previous = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_hash_table_size (expected));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (shown, i);

      g_assert_true (g_hash_table_contains (expected, hb_app_get_name (app)));
      if (previous != NULL)
        g_assert_cmpint (compare_names (previous, hb_app_get_name (app)), <=, 0);
      g_free (previous);
      previous = g_strdup (hb_app_get_name (app));
    }
}

static void
search (Fixture *fixture, const char *text)
{
  GtkWidget *focus;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY)),
                         text);
  hbt_iterate_for (300); /* search-changed is delayed */
}

static void
test_sizes (gconstpointer data)
{
  static const char *const needles[] = { "1", "ÄRGER", "测试", "<b>&amp;", "-", "nothing" };
  guint n_apps = GPOINTER_TO_UINT (data);
  Fixture fixture = { 0 };
  g_autoptr (GHashTable) listed = NULL;

  fixture_setup (&fixture, n_apps);
  g_assert_cmpuint (g_list_model_get_n_items (shown_apps (&fixture)), ==, n_apps);
  g_assert_cmpstr (list_page (&fixture), ==, n_apps > 0 ? "content" : "empty");
  /* Every name arrives as it was given. */
  listed = expected_names (&fixture, NULL);
  for (guint i = 0; i < fixture.names->len; i++)
    g_assert_true (g_hash_table_contains (listed, g_ptr_array_index (fixture.names, i)));
  assert_shown (&fixture, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      search (&fixture, needles[i]);
      assert_shown (&fixture, needles[i]);
    }
  search (&fixture, "");
  assert_shown (&fixture, NULL);
  fixture_teardown (&fixture);
}

/* ---- in the window, against the seeded world ---------------------------- */

static gboolean
list_reloaded (HbtWindow *fixture, gconstpointer unused)
{
  return !hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (hbt_window_list_view (fixture))));
}

static void
test_search (HbtWindow *fixture, gconstpointer data)
{
  GtkListView *view = GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (view));
  GtkEditable *entry;

  /* Ctrl+F's action: the search entry appears with the focus in it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = GTK_EDITABLE (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                                 GTK_TYPE_SEARCH_ENTRY));
  g_assert_nonnull (entry);
  g_assert_true (
      gtk_widget_is_ancestor (GTK_WIDGET (entry), GTK_WIDGET (hbt_window_list_view (fixture))));
  gtk_editable_set_text (entry, "SHOP");
  hbt_settle (300); /* search-changed is delayed */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_editable_set_text (entry, "status-p"); /* slugs match too */
  hbt_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  gtk_editable_set_text (entry, "");
  hbt_settle (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 6);
}

/* ---- issue 16, item 10: a search with no match, and the search button ---- */

static GtkWidget *
search_button (HbtWindow *fixture)
{
  return hbt_template_child (fixture->window, HB_TYPE_WINDOW, "search_button");
}

static gboolean
search_button_pressed (HbtWindow *fixture)
{
  GtkWidget *button = search_button (fixture);

  return GTK_IS_TOGGLE_BUTTON (button) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

static AdwStatusPage *
empty_page (HbtWindow *fixture)
{
  GtkWidget *stack = hbt_template_child (GTK_WIDGET (hbt_window_list_status (fixture)),
                                         HB_TYPE_STATUS_STACK, "stack");
  GtkWidget *page = gtk_stack_get_visible_child (GTK_STACK (stack));

  g_assert_true (ADW_IS_STATUS_PAGE (page));
  return ADW_STATUS_PAGE (page);
}

/* A search that matches nothing says so, and says what to do: not "No Applications, create
 * one with the + button" while there are six. */
static void
test_search_no_results (HbtWindow *fixture, gconstpointer data)
{
  GtkEditable *entry;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = GTK_EDITABLE (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                                 GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (entry, "no such application");
  hbt_settle (300); /* search-changed is delayed */
  g_assert_cmpstr (hb_status_stack_get_page (hbt_window_list_status (fixture)), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (empty_page (fixture)), ==, "No Results Found");
  g_assert_cmpstr (adw_status_page_get_description (empty_page (fixture)), ==,
                   "Try a different search");
  g_assert_cmpstr (adw_status_page_get_icon_name (empty_page (fixture)), ==, "edit-find-symbolic");
  hbt_settle (700); /* the page fades in */
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "search-no-results-1280x800.png");

  gtk_editable_set_text (entry, "");
  hbt_settle (300);
  g_assert_cmpstr (hb_status_stack_get_page (hbt_window_list_status (fixture)), ==, "content");
}

/* The search button looks pressed while the bar is open: Ctrl+F opens it, the button closes
 * it, and the button opens it again with the focus in the field. */
static void
test_search_button (HbtWindow *fixture, gconstpointer data)
{
  GtkWidget *button = search_button (fixture);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_false (search_button_pressed (fixture));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  hbt_settle (100);
  g_assert_true (search_button_pressed (fixture));

  gtk_widget_activate (button); /* Return or Space on it, or a click */
  hbt_settle (300);
  g_assert_false (search_button_pressed (fixture));
  g_assert_null (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                          GTK_TYPE_SEARCH_ENTRY));

  gtk_widget_activate (button);
  hbt_settle (300);
  g_assert_true (search_button_pressed (fixture));
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                             GTK_TYPE_SEARCH_ENTRY));
  hbt_settle (700); /* the bar slides in */
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "search-open-1280x800.png");
}

/* Refreshing (F5) keeps the application the person is looking at. */

static void
test_refresh_keeps_selection (HbtWindow *fixture, gconstpointer data)
{
  hbt_window_select_app (fixture, "shop-api");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL));
  g_assert_true (hb_remote_list_get_loading (
      HB_REMOTE_LIST (hb_app_list_view_get_list (hbt_window_list_view (fixture)))));
  hbt_window_wait (fixture, list_reloaded, NULL, "the refreshed list");
  g_assert_nonnull (hb_app_detail_view_get_app (hbt_window_detail_view (fixture)));
  g_assert_cmpstr (hb_app_get_slug (hb_app_detail_view_get_app (hbt_window_detail_view (fixture))),
                   ==, "shop-api");
}

int
main (int argc, char **argv)
{
  static const guint sizes[] = { HBT_EDGE_SIZES };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hb/app-list/generated/%u", sizes[i]);

      g_test_add_data_func (path, GUINT_TO_POINTER (sizes[i]), test_sizes);
    }
  g_test_add ("/hb/window/search", HbtWindow, NULL, hbt_window_setup, test_search,
              hbt_window_teardown);
  g_test_add ("/hb/window/search-no-results", HbtWindow, NULL, hbt_window_setup,
              test_search_no_results, hbt_window_teardown);
  g_test_add ("/hb/window/search-button", HbtWindow, NULL, hbt_window_setup, test_search_button,
              hbt_window_teardown);
  g_test_add ("/hb/window/refresh-keeps-selection", HbtWindow, NULL, hbt_window_setup,
              test_refresh_keeps_selection, hbt_window_teardown);
  return g_test_run ();
}
