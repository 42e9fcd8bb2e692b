/* test-builds-page.c: HbBuildsPage: paging, live status, deploy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

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
          if (build != NULL && g_strcmp0 (hb_resource_get_id (HB_RESOURCE (build)), build_id) == 0)
            {
              GtkWidget *label = hbt_template_child (child, G_OBJECT_TYPE (child), "status_label");

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
  return g_strcmp0 (row_status_text (GTK_WIDGET (hbt_window_builds_page (fixture)), "60"), text) ==
         0;
}

static gboolean
build_status_is (Fixture *fixture, gconstpointer status)
{
  HbBuildList *builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (builds)); i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (G_LIST_MODEL (builds), i);

      if (g_strcmp0 (hb_resource_get_id (HB_RESOURCE (build)), "58") == 0)
        return hb_build_get_status (build) == (HbBuildStatus) GPOINTER_TO_INT (status);
    }
  return FALSE;
}

static void
test_builds_paging (Fixture *fixture, gconstpointer data)
{
  HbBuildList *builds;
  guint first;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));
  first = g_list_model_get_n_items (G_LIST_MODEL (builds));
  g_assert_cmpuint (first, <, 60);
  g_assert_true (hb_build_list_get_has_more (builds));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)),
                                             "builds.load-more", NULL));
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (first + 1),
                   "the next page");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "builds-page-1280x800.png");
}

static void
test_build_live (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  g_assert_cmpstr (row_status_text (GTK_WIDGET (hbt_window_builds_page (fixture)), "60"), ==,
                   "Succeeded");

  /* Redeploying runs the build again on the server, slowly enough for the watch (which
   * polls every 2 s) to see every stage. */
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  hb_client_deploy_build_async (fixture->client, "hello-world", "60", NULL, hbt_async_ready,
                                &result);
  hbt_await (&result);
  g_assert_true (hb_client_deploy_build_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)), "builds.reload", NULL);
  hbt_window_wait (fixture, row_shows, "Building", "build 60 shown as Building");
  hbt_window_wait (fixture, row_shows, "Succeeded", "build 60 shown as Succeeded");
}

/* A reload hands the page new build objects; the live status follows the new ones. */
static void
test_build_live_after_reload (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  hb_client_deploy_build_async (fixture->client, "hello-world", "60", NULL, hbt_async_ready,
                                &result);
  hbt_await (&result);
  g_assert_true (hb_client_deploy_build_finish (fixture->client, result, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)), "builds.reload", NULL);
  hbt_window_wait (fixture, row_shows, "Building", "build 60 shown as Building");
  gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)), "builds.reload", NULL);
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the reloaded builds");
  hbt_window_wait (fixture, row_shows, "Succeeded", "build 60 shown as Succeeded after a reload");
}

/* Deploy asks first, naming the build; confirming runs it on the server. */
static void
test_deploy_confirmed (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the first builds");
  hbs_server_set_build_step_ms (fixture->server->server, 5000);
  gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)), "builds.deploy", "s",
                              "58");
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the confirmation");
  dialog = hbt_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "58"));
  adw_message_dialog_response (dialog, "deploy");
  hbt_window_wait (fixture, build_status_is, GINT_TO_POINTER (HB_BUILD_STATUS_QUEUED),
                   "build 58 queued again");
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
  ADD ("/hb/builds/paging", test_builds_paging);
  ADD ("/hb/builds/live", test_build_live);
  ADD ("/hb/builds/live-after-reload", test_build_live_after_reload);
  ADD ("/hb/builds/deploy-confirmed", test_deploy_confirmed);
#undef ADD

  return g_test_run ();
}
