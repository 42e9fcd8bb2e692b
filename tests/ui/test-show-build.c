/* test-show-build.c: what a build notification opens (hb_show_build), and "Notify Me
 * About Builds" kept per application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "hb-api.h"
#include "hb-show-build.h"
#include "hb-test-results-view.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

typedef struct
{
  const char *slug;
  const char *build_id;
} Shown;

/* The detail view shows @slug, on its builds page, with build @build_id chosen. */
static gboolean
build_chosen (Fixture *fixture, gconstpointer data)
{
  const Shown *want = data;
  HbAppDetailView *detail = hbt_window_detail_view (fixture);
  GtkWidget *stack = hbt_template_child (detail, HB_TYPE_APP_DETAIL_VIEW, "view_stack");
  HbBuild *chosen = hb_builds_page_get_selected (hbt_window_builds_page (fixture));

  return hbt_window_selected_is (fixture, want->slug) &&
         g_strcmp0 (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), "builds") ==
             0 &&
         chosen != NULL &&
         g_strcmp0 (hb_resource_get_id (HB_RESOURCE (chosen)), want->build_id) == 0;
}

/* A build two pages down: the page loads more until it has it. */
static void
test_older_build (Fixture *fixture, gconstpointer data)
{
  hb_show_build (fixture->window, "hello-world", "5", FALSE);
  hbt_window_wait (fixture, build_chosen, &(Shown){ "hello-world", "5" }, "build 5 chosen");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture)))),
                    >=, 56);
}

static void
posted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SoupMessage **done = user_data;
  g_autoptr (GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  *done = soup_session_get_async_result_message (SOUP_SESSION (source), result);
}

/* A push to the repository (B4), as a Git host sends it; returns the new build's id. */
static char *
push_build (Fixture *fixture, const char *message)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *url =
      g_strconcat (fixture->server->base_url, "/applications/payments-worker/builds", NULL);
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *json = g_strdup_printf (
      "{\"branches\":{\"master\":{\"commit_id\":\"4f1c2a9\",\"commit_message\":\"%s\","
      "\"download_url\":\"https://git.example.com/p.tar.gz\"}}}",
      message);
  g_autoptr (GBytes) body = g_bytes_new (json, strlen (json));
  SoupMessage *done = NULL;
  const char *location;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Bearer " HBT_DEMO_TOKEN);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, posted_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_assert_nonnull (location);
  return g_strdup (strrchr (location, '/') + 1);
}

/* A build newer than the list shown (a notification about a push): the list is asked for
 * again, and the build is chosen. */
static void
test_newer_build (Fixture *fixture, gconstpointer data)
{
  g_autofree char *id = NULL;

  hbt_window_select_app (fixture, "payments-worker");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (6), "the builds");
  id = push_build (fixture, "Retry card payments after a gateway timeout");
  hb_show_build (fixture->window, "payments-worker", id, FALSE);
  hbt_window_wait (fixture, build_chosen, &(Shown){ "payments-worker", id }, "the new build");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "show-build.png");
}

static gboolean
tests_shown (Fixture *fixture, gconstpointer unused)
{
  GtkWidget *leaflet = hbt_template_child (fixture->window, HB_TYPE_WINDOW, "detail_leaflet");
  GtkWidget *tests_page = hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_page");
  GtkWidget *bin = hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_bin");

  return adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) == tests_page &&
         HB_IS_TEST_RESULTS_VIEW (adw_bin_get_child (ADW_BIN (bin)));
}

/* The Test Results button, with another application shown: the build is chosen and its test
 * results open. */
static void
test_build_tests (Fixture *fixture, gconstpointer data)
{
  hbt_window_select_app (fixture, "payments-worker");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (6), "the builds");
  hb_show_build (fixture->window, "hello-world", "59", TRUE);
  hbt_window_wait (fixture, build_chosen, &(Shown){ "hello-world", "59" }, "build 59 chosen");
  hbt_window_wait (fixture, tests_shown, NULL, "its test results");
}

/* A window just made (Harbor started for the notification): its list has not loaded yet. */
static void
setup_unloaded (Fixture *fixture, gconstpointer data)
{
  fixture->server = hbt_server_new ();
  hbt_window_open (fixture, hbt_server_new_client (fixture->server), 1280, 800);
}

static void
test_before_list_loads (Fixture *fixture, gconstpointer data)
{
  g_assert_false (hbt_window_list_has_slug (fixture, "shop-api"));
  hb_show_build (fixture->window, "shop-api", "3", FALSE);
  hbt_window_wait (fixture, build_chosen, &(Shown){ "shop-api", "3" }, "build 3 of shop-api");
}

static gboolean
notify_apps_are (Fixture *fixture, gconstpointer expected)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_auto (GStrv) slugs = g_settings_get_strv (settings, "notify-apps");
  g_autofree char *joined = g_strjoinv (",", slugs);

  return g_strcmp0 (joined, expected) == 0;
}

/* "Notify Me About Builds" is each application's own, kept in the notify-apps setting the
 * notifier follows. */
static void
test_notify_me (Fixture *fixture, gconstpointer data)
{
  HbAppDetailView *detail;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "notify-apps");
  hbt_window_select_app (fixture, "shop-api");
  detail = hbt_window_detail_view (fixture);
  g_assert_false (hb_app_detail_view_get_notify_builds (detail));
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.notify-builds", NULL);
  hbt_window_wait (fixture, notify_apps_are, "shop-api", "shop-api followed");
  g_assert_true (hb_app_detail_view_get_notify_builds (detail));

  hbt_window_select_app (fixture, "docs-site");
  g_assert_false (hb_app_detail_view_get_notify_builds (detail));
  hb_app_detail_view_set_notify_builds (detail, TRUE);
  hbt_window_wait (fixture, notify_apps_are, "shop-api,docs-site", "docs-site followed too");

  hbt_window_select_app (fixture, "shop-api");
  g_assert_true (hb_app_detail_view_get_notify_builds (detail));
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.notify-builds", NULL);
  hbt_window_wait (fixture, notify_apps_are, "docs-site", "shop-api no longer followed");
  g_assert_false (hb_app_detail_view_get_notify_builds (detail));
  g_settings_reset (settings, "notify-apps");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, hbt_window_setup, func, hbt_window_teardown)
  ADD ("/hb/show-build/older", test_older_build);
  ADD ("/hb/show-build/newer", test_newer_build);
  ADD ("/hb/show-build/tests", test_build_tests);
  g_test_add ("/hb/show-build/before-the-list-loads", Fixture, NULL, setup_unloaded,
              test_before_list_loads, hbt_window_teardown);
  ADD ("/hb/notify-me/per-application", test_notify_me);
#undef ADD

  return g_test_run ();
}
