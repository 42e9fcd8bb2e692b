/* test-ui-smoke.c: builds every widget type of the app on the Debian 12 floor (GTK 4.8, Adw 1.2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-app-row.h"
#include "hb-build-row.h"
#include "hb-builds-page.h"
#include "hb-create-app-dialog.h"
#include "hb-error-details-dialog.h"
#include "hb-errors-page.h"
#include "hb-log-page.h"
#include "hb-resources-page.h"
#include "hb-status-stack.h"
#include "hb-test-results-view.h"
#include "hb-ui-util.h"
#include "hb-variables-page.h"
#include "hb-welcome-page.h"
#include "hb-window.h"
#include "hbt-properties.h"
#include "hbt-utils.h"

/* A .ui file naming a widget or property newer than the floor fails here: GtkBuilder
 * reports it as a critical, which G_DEBUG=fatal-criticals turns into a failure. */
static void
check_widget (GtkWidget *widget)
{
  GtkWidget *window = gtk_window_new ();

  g_object_ref_sink (widget);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

static void
test_widgets (void)
{
  g_autoptr (HbClient) client = hb_client_new ("http://127.0.0.1:9");
  g_autoptr (GMenu) menu = g_menu_new ();

  check_widget (hb_status_stack_new ());
  check_widget (hb_app_row_new ());
  check_widget (hb_app_list_view_new (client));
  check_widget (hb_welcome_page_new (client, G_MENU_MODEL (menu)));
  check_widget (g_object_new (HB_TYPE_APP_DETAIL_VIEW, "client", client, NULL));
  check_widget (g_object_new (HB_TYPE_BUILD_ROW, NULL));
  check_widget (g_object_new (HB_TYPE_BUILDS_PAGE, "client", client, NULL));
  check_widget (g_object_new (HB_TYPE_VARIABLES_PAGE, "client", client, NULL));
  check_widget (g_object_new (HB_TYPE_ERRORS_PAGE, "client", client, NULL));
  check_widget (g_object_new (HB_TYPE_LOG_PAGE, "client", client, NULL));
  check_widget (hb_log_view_new ());
  check_widget (
      g_object_new (HB_TYPE_RESOURCES_PAGE, "client", client, "kind", HB_TYPE_COLLABORATOR, NULL));
  check_widget (
      g_object_new (HB_TYPE_RESOURCES_PAGE, "client", client, "kind", HB_TYPE_HOSTNAME, NULL));
  check_widget (
      g_object_new (HB_TYPE_RESOURCES_PAGE, "client", client, "kind", HB_TYPE_SERVICE_HOOK, NULL));
  check_widget (
      g_object_new (HB_TYPE_RESOURCES_PAGE, "client", client, "kind", HB_TYPE_DRAIN, NULL));
  check_widget (
      hb_test_results_view_new (client, "http://127.0.0.1:9/applications/x/builds/1/tests"));
}

static void
check_window (GtkWindow *window)
{
  g_object_ref_sink (window);
  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

static void
test_windows (void)
{
  g_autoptr (HbClient) client = hb_client_new ("http://127.0.0.1:9");

  check_window (GTK_WINDOW (hb_window_new (NULL, client)));
  check_window (GTK_WINDOW (hb_create_app_dialog_new (client, NULL)));
  check_window (GTK_WINDOW (hb_error_details_dialog_new (NULL, "Timeout expired.", "report")));
}

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder = NULL;
  GObject *overlay;

  hb_ui_ensure_resources ();
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
set_flag (gpointer data, GObject *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

/* The view's first request (to a port where nothing listens) holds it until it fails. */
static void
assert_finalized_soon (gpointer object)
{
  gboolean finalized = FALSE;

  g_object_weak_ref (object, set_flag, &finalized);
  g_object_unref (object);
  g_assert_true (hbt_iterate_until (&finalized, 10000));
}

/* Every writable property of the app's widgets notifies by itself, once per change (issue 13):
 * the .ui bindings and the views rely on it. */
static void
test_properties (void)
{
  g_autoptr (HbClient) client = hb_client_new ("http://127.0.0.1:9");
  g_autoptr (GListStore) model = g_list_store_new (HB_TYPE_APP);
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
  g_autoptr (JsonNode) app_json =
      json_from_string ("{\"name\":\"Hello\",\"slug\":\"hello\","
                        "\"region_identifier\":\"amazon-web-services::us-east-1\","
                        "\"url\":\"http://127.0.0.1:9/applications/hello\"}",
                        NULL);
  g_autoptr (JsonNode) build_json =
      json_from_string ("{\"status\":\"Succeeded\",\"created\":\"2012-02-28T13:36:30\","
                        "\"commit\":{\"id\":\"abc\",\"message\":\"m\"},"
                        "\"url\":\"http://127.0.0.1:9/applications/hello/builds/1\"}",
                        NULL);
  /* A commit message with nothing on its first line: the build is named by its date. */
  g_autoptr (JsonNode) unnamed_json =
      json_from_string ("{\"status\":\"Failed\",\"created\":\"2012-02-29T10:00:00\","
                        "\"commit\":{\"id\":\"abd\",\"message\":\" \\nbody\"},"
                        "\"url\":\"http://127.0.0.1:9/applications/hello/builds/2\"}",
                        NULL);
  g_autoptr (HbResource) app = hb_resource_new_from_json (HB_TYPE_APP, app_json, NULL, NULL);
  g_autoptr (HbResource) unnamed =
      hb_resource_new_from_json (HB_TYPE_BUILD, unnamed_json, NULL, NULL);
  g_autoptr (HbResource) build = hb_resource_new_from_json (HB_TYPE_BUILD, build_json, NULL, NULL);
  GtkWidget *stack = g_object_ref_sink (hb_status_stack_new ());
  GtkWidget *app_row = g_object_ref_sink (hb_app_row_new ());
  GtkWidget *build_row = g_object_ref_sink (g_object_new (HB_TYPE_BUILD_ROW, NULL));
  GtkWidget *detail =
      g_object_ref_sink (g_object_new (HB_TYPE_APP_DETAIL_VIEW, "client", client, NULL));
  GtkWidget *page = g_object_ref_sink (g_object_new (HB_TYPE_ERRORS_PAGE, "client", client, NULL));
  GtkWidget *results = g_object_ref_sink (
      hb_test_results_view_new (client, "http://127.0.0.1:9/applications/x/builds/1/tests"));
  HbWindow *window = g_object_ref_sink (hb_window_new (NULL, client));
  GtkWidget *log_page = g_object_ref_sink (g_object_new (HB_TYPE_LOG_PAGE, "client", client, NULL));
  GtkWidget *log_view = g_object_ref_sink (hb_log_view_new ());
  g_autoptr (HbLogSession) log_session = hb_log_session_new (client, "hello");
  const char *title;

  g_type_ensure (HB_TYPE_APP_LIST_VIEW);
  g_type_ensure (HB_TYPE_BUILDS_PAGE);
  g_type_ensure (HB_TYPE_VARIABLES_PAGE);
  g_type_ensure (HB_TYPE_RESOURCES_PAGE);
  g_type_ensure (HB_TYPE_WELCOME_PAGE);
  g_type_ensure (HB_TYPE_CREATE_APP_DIALOG);
  g_type_ensure (HB_TYPE_LOG_BUFFER);
  g_type_ensure (HB_TYPE_LOG_LINE);
  g_assert_cmpuint (hbt_assert_explicit_notify (), >=, 25);

  hbt_assert_notifies_on_change (stack, "model", model);
  hbt_assert_notifies_on_change (stack, "loading", TRUE);
  hbt_assert_notifies_on_change (stack, "error", error);
  hbt_assert_notifies_on_change (stack, "content", gtk_label_new ("content"));
  hbt_assert_notifies_on_change (stack, "empty-title", "Nothing");
  hbt_assert_notifies_on_change (stack, "empty-description", "Really nothing");
  hbt_assert_notifies_on_change (stack, "empty-icon-name", "folder-symbolic");
  hbt_assert_notifies_on_change (stack, "retry-action-name", "win.refresh");
  hbt_assert_notifies_on_change (app_row, "app", app);
  hbt_assert_notifies_on_change (build_row, "build", build);
  hbt_assert_notifies_on_change (detail, "folded", TRUE);
  hbt_assert_notifies_on_change (page, "app", app);
  hbt_assert_notifies_on_change (results, "failed-only", TRUE);
  hbt_assert_notifies_on_change (results, "search-text", "login");
  hbt_assert_notifies_on_change (results, "build", build);
  /* The header names the build by its commit message (issue 16, item 12). */
  g_assert_cmpstr (hb_test_results_view_get_title (HB_TEST_RESULTS_VIEW (results)), ==, "m");
  hb_test_results_view_set_build (HB_TEST_RESULTS_VIEW (results), HB_BUILD (unnamed));
  title = hb_test_results_view_get_title (HB_TEST_RESULTS_VIEW (results));
  g_assert_true (g_str_has_prefix (title, "Build of "));
  g_assert_nonnull (strstr (title, "2012"));
  hb_test_results_view_set_build (HB_TEST_RESULTS_VIEW (results), NULL);
  g_assert_cmpstr (hb_test_results_view_get_title (HB_TEST_RESULTS_VIEW (results)), ==,
                   "Test Results");
  hbt_assert_notifies_on_change (window, "restoring", TRUE);
  hbt_assert_notifies_on_change (log_page, "following", FALSE);
  hbt_assert_notifies_on_change (log_page, "search-text", "error");
  hbt_assert_notifies_on_change (log_view, "following", FALSE);
  hbt_assert_notifies_on_change (log_view, "search-text", "error");
  hbt_assert_notifies_on_change (log_session, "tail", FALSE);
  hbt_assert_notifies_on_change (log_session, "limit", 10);
  hbt_assert_notifies_on_change (log_session, "source-filter", "app");
  hbt_assert_notifies_on_change (log_session, "process-filter", "web.1");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (log_view);
  g_assert_finalize_object (log_page);
  assert_finalized_soon (results);
  g_assert_finalize_object (page);
  g_assert_finalize_object (detail);
  g_assert_finalize_object (build_row);
  g_assert_finalize_object (app_row);
  g_assert_finalize_object (stack);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hb/smoke/widgets", test_widgets);
  g_test_add_func ("/hb/smoke/windows", test_windows);
  g_test_add_func ("/hb/smoke/help-overlay", test_help_overlay);
  g_test_add_func ("/hb/smoke/properties", test_properties);
  return g_test_run ();
}
