/* test-ui-smoke.c: builds every widget type of the app on the Debian 12 floor (GTK 4.8, Adw 1.2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hb-api.h"
#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-app-row.h"
#include "hb-build-row.h"
#include "hb-builds-page.h"
#include "hb-create-app-dialog.h"
#include "hb-errors-page.h"
#include "hb-log-page.h"
#include "hb-resources-page.h"
#include "hb-status-stack.h"
#include "hb-test-results-view.h"
#include "hb-ui-util.h"
#include "hb-variables-page.h"
#include "hb-welcome-page.h"
#include "hb-window.h"

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

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/hb/smoke/widgets", test_widgets);
  g_test_add_func ("/hb/smoke/windows", test_windows);
  g_test_add_func ("/hb/smoke/help-overlay", test_help_overlay);
  return g_test_run ();
}
