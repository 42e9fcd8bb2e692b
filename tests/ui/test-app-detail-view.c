/* test-app-detail-view.c: HbAppDetailView: rename, delete, and pages that load when shown
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-form-dialog.h"
#include "hb-variables-page.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
name_is (Fixture *fixture, gconstpointer name)
{
  HbApp *app = hb_app_detail_view_get_app (hbt_window_detail_view (fixture));

  return app != NULL && g_strcmp0 (hb_app_get_name (app), name) == 0;
}

static HbVariablesPage *
variables_page (Fixture *fixture)
{
  return HB_VARIABLES_PAGE (hbt_window_show_page (fixture, "variables"));
}

static gboolean
vars_loaded (Fixture *fixture, gconstpointer unused)
{
  return !hb_app_page_get_loading (HB_APP_PAGE (variables_page (fixture)));
}

static void
test_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (HbApp) fetched = NULL;
  g_autoptr (GError) error = NULL;

  hbt_window_select_app (fixture, "shop-api");
  hb_app_detail_view_rename (hbt_window_detail_view (fixture), "Shop API v2");
  hbt_window_wait (fixture, name_is, "Shop API v2", "the rename");

  hb_client_get_resource_async (fixture->client, HB_TYPE_APP, NULL, "shop-api", NULL,
                                hbt_async_ready, &result);
  hbt_await (&result);
  fetched = HB_APP (hb_client_get_resource_finish (fixture->client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hb_app_get_name (fetched), ==, "Shop API v2");
}

/* A rename the server refuses (400: too long) brings the dialog back with the name typed. */
static void
test_rename_refused (Fixture *fixture, gconstpointer data)
{
  g_autofree char *long_name = g_strnfill (150, 'x');
  AdwMessageDialog *dialog;

  hbt_window_select_app (fixture, "docs-site");
  hb_app_detail_view_rename (hbt_window_detail_view (fixture), long_name);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the rename dialog to come back");
  dialog = hbt_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "at most"));
  g_assert_cmpstr (hb_form_dialog_get_text (HB_FORM_DIALOG (dialog), 0), ==, long_name);
  g_assert_cmpstr (hb_app_get_name (hb_app_detail_view_get_app (hbt_window_detail_view (fixture))),
                   ==, "Docs Site");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_delete (Fixture *fixture, gconstpointer data)
{
  hbt_window_select_app (fixture, "status-page");
  hb_app_detail_view_delete (hbt_window_detail_view (fixture));
  hbt_window_wait (fixture, hbt_window_list_lacks_slug, "status-page",
                   "the list without the deleted app");
  g_assert_null (hb_app_detail_view_get_app (hbt_window_detail_view (fixture)));
}

/* Whether a label the window shows reads exactly @text. */
static gboolean
shows_label (GtkWidget *widget, const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* Issue 16, item 3: once the application is deleted its name leaves the header too (it
 * stayed above "No Application Selected", even after signing out and in). */
static void
test_delete_clears_title (Fixture *fixture, gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (hbt_template_child (
      hbt_window_detail_view (fixture), HB_TYPE_APP_DETAIL_VIEW, "switcher_title"));

  /* Narrow enough for the header to show the title rather than the page switcher. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 800);
  hbt_window_select_app (fixture, "status-page");
  hbt_settle (300);
  g_assert_true (shows_label (window, "Status Page"));
  hb_app_detail_view_delete (hbt_window_detail_view (fixture));
  hbt_window_wait (fixture, hbt_window_list_lacks_slug, "status-page",
                   "the list without the deleted app");
  hbt_settle (300);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "");
  g_assert_false (shows_label (window, "Status Page"));

  hb_client_set_token (fixture->client, NULL);
  hbt_settle (200);
  hb_client_set_token (fixture->client, HBT_DEMO_TOKEN);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the list after signing in");
  hbt_settle (300);
  g_assert_cmpstr (adw_view_switcher_title_get_title (title), ==, "");
  g_assert_false (shows_label (window, "Status Page"));
}

/* Choosing another application while a delete is on its way does not lose the delete. */
static void
test_delete_then_switch (Fixture *fixture, gconstpointer data)
{
  HbsFaults slow = { .latency_ms = 500 };
  HbsFaults none = { 0 };

  hbt_window_select_app (fixture, "status-page");
  hbs_server_set_faults (fixture->server->server, &slow);
  hb_app_detail_view_delete (hbt_window_detail_view (fixture));
  hbt_window_select_app (fixture, "docs-site");
  hbt_window_wait (fixture, hbt_window_list_lacks_slug, "status-page",
                   "the list without the deleted app");
  hbs_server_set_faults (fixture->server->server, &none);
  g_assert_cmpstr (hb_app_get_slug (hb_app_detail_view_get_app (hbt_window_detail_view (fixture))),
                   ==, "docs-site");
}

/* Choosing an application loads the page on screen; another page asks when it is shown. */
static void
test_pages_load_when_shown (Fixture *fixture, gconstpointer data)
{
  HbVariablesPage *variables;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  variables = HB_VARIABLES_PAGE (
      hb_app_detail_view_get_page (hbt_window_detail_view (fixture), "variables"));
  g_assert_false (hb_app_page_get_loading (HB_APP_PAGE (variables)));
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (variables)))), ==,
      0);

  g_assert_true (variables_page (fixture) == variables); /* shows it */
  g_assert_true (hb_app_page_get_loading (HB_APP_PAGE (variables)));
  hbt_window_wait (fixture, vars_loaded, NULL, "the variables");
  g_assert_cmpuint (
      g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (variables)))), >,
      0);
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
  ADD ("/hb/detail/rename", test_rename);
  ADD ("/hb/detail/rename-refused", test_rename_refused);
  ADD ("/hb/detail/delete", test_delete);
  ADD ("/hb/detail/delete-clears-title", test_delete_clears_title);
  ADD ("/hb/detail/delete-then-switch", test_delete_then_switch);
  ADD ("/hb/detail/pages-load-when-shown", test_pages_load_when_shown);
#undef ADD

  return g_test_run ();
}
