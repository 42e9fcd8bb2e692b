/* test-faults.c: issue 17 in the main window against harbor-server's fault switches: a write
 * whose answer is lost, a refresh that fails, slow answers, and latency
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-page-private.h"
#include "hb-app-row.h"
#include "hb-create-app-dialog.h"
#include "hb-test-results-view.h"
#include "hbt-requests.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

#define LATENCY_MS 3000
/* A stalled answer is given up on after this long (HbClient:timeout; 20 s in the app). */
#define TIMEOUT_S 2

/* ---- helpers ---- */

/* A first start: the tests before chose applications, and GSettings' memory backend lives as
 * long as this program; a remembered one would be chosen again, its builds asked for before
 * the test looks. */
static void
open_window (Fixture *fixture, HbClient *client)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "last-app");
  hbt_window_open (fixture, client, 1280, 800);
}

static void
open_window_on (Fixture *fixture, const HbsFaults *faults)
{
  HbtServerOptions options = { .faults = faults };

  fixture->server = hbt_server_new_full (&options);
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  open_window (fixture, hbt_server_new_client (fixture->server));
}

static guint
position_of (Fixture *fixture, const char *slug)
{
  GtkListView *list_view = GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list_view));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (shown, i);

      if (g_strcmp0 (hb_app_get_slug (app), slug) == 0)
        return i;
    }
  g_error ("%s is not in the list", slug);
}

/* What a click on a row does: the list view activates the item. */
static void
click_app (Fixture *fixture, const char *slug)
{
  GtkWidget *list_view =
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view");

  gtk_widget_activate_action (list_view, "list.activate-item", "u", position_of (fixture, slug));
}

/* A row of the builds page showing a build of the chosen application is on screen. */
static gboolean
mapped_build_row (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_type_is_a (G_OBJECT_TYPE (child), g_type_from_name ("HbBuildRow")))
        {
          g_autoptr (HbBuild) build = NULL;

          g_object_get (child, "build", &build, NULL);
          if (build != NULL && gtk_widget_get_mapped (child))
            return TRUE;
          continue;
        }
      if (mapped_build_row (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
builds_shown_for (Fixture *fixture, gconstpointer slug)
{
  HbBuildsPage *page;
  HbBuildList *builds;

  if (!hbt_window_selected_is (fixture, slug))
    return FALSE;
  page = hbt_window_builds_page (fixture);
  builds = hb_builds_page_get_list (page);
  return builds != NULL && g_strcmp0 (hb_build_list_get_slug (builds), slug) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (builds)) > 0 &&
         mapped_build_row (GTK_WIDGET (page));
}

/* The seeded applications all have builds: every row has its status once the list is in. */
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

/* A window on a seeded server whose client gives up after TIMEOUT_S, its list in. */
static void
setup_impatient (Fixture *fixture, gconstpointer data)
{
  HbClient *client;

  fixture->server = hbt_server_new ();
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  client = hbt_server_new_client (fixture->server);
  hb_client_set_timeout (client, TIMEOUT_S);
  open_window (fixture, client);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_window_wait (fixture, statuses_known, NULL, "every row's status");
}

/* The same, giving up after the seconds @data says: long enough to see "Still loading…". */
static void
setup_timeout (Fixture *fixture, gconstpointer data)
{
  HbClient *client;

  fixture->server = hbt_server_new ();
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  client = hbt_server_new_client (fixture->server);
  hb_client_set_timeout (client, GPOINTER_TO_UINT (data));
  open_window (fixture, client);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_window_wait (fixture, statuses_known, NULL, "every row's status");
}

/* The same, with the app's own timeout (20 s): for answers that are slow, not lost. */
static void
setup_patient (Fixture *fixture, gconstpointer data)
{
  fixture->server = hbt_server_new ();
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  open_window (fixture, hbt_server_new_client (fixture->server));
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_window_wait (fixture, statuses_known, NULL, "every row's status");
}

/* The next write meets @faults: they hit every second request from now, and one GET goes
 * first, so the write is the second. */
static void
fault_on_next_write (Fixture *fixture, HbsFaults faults)
{
  GAsyncResult *result = NULL;
  g_autoptr (HbUser) user = NULL;

  hbt_server_set_faults (fixture->server, &faults);
  hb_client_get_user_async (fixture->client, NULL, hbt_async_ready, &result);
  hbt_await (&result);
  user = hb_client_get_user_finish (fixture->client, result, NULL);
  g_object_unref (result);
  g_assert_nonnull (user);
}

static gboolean
dialog_idle (Fixture *fixture, gconstpointer dialog)
{
  return !hb_create_app_dialog_get_busy ((HbCreateAppDialog *) dialog);
}

static void
count (guint *counter)
{
  (*counter)++;
}

static GtkWindow *
submit_create (Fixture *fixture, const char *name, guint *created)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);

  if (created != NULL)
    g_signal_connect_swapped (dialog, "created", G_CALLBACK (count), created);
  gtk_editable_set_text (
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row")), name);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  return dialog;
}

static const char *
dialog_message (GtkWindow *dialog)
{
  GtkWidget *label = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static gboolean
name_marked (GtkWindow *dialog)
{
  return gtk_widget_has_css_class (
      hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"), "error");
}

/* ---- item 1: a write whose answer is lost ---- */

/* Issue 17, item 1: "Create says it failed, but the application was created". The POST's
 * answer never comes: after the timeout the list says it is there, so the dialog closes, the
 * application is listed and chosen, and "created" is said once. */
static void
test_create_stalled (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);
  GtkWindow *dialog;
  guint created = 0;

  fault_on_next_write (fixture, (HbsFaults){ .stall_every = 2 });
  hbt_requests_clear (requests);
  dialog = submit_create (fixture, "Stalled Create", &created);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "stalled-create", "the new application chosen");
  g_assert_true (hbt_window_list_has_slug (fixture, "stalled-create"));
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (requests, "POST /applications"), ==, 1);
  hbt_settle (500);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "faults-create-recovered.png");
}

/* The 201 arrives, its body is cut short: created, once. */
static void
test_create_cut_short (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;
  guint created = 0;

  fault_on_next_write (fixture, (HbsFaults){ .truncate_every = 2 });
  dialog = submit_create (fixture, "Cut Create", &created);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "cut-create", "the new application chosen");
  g_assert_cmpuint (created, ==, 1);
}

/* Everything stalls: the create and the question after it. The dialog says it could not find
 * out, keeps the name, and marks nothing. Pressed again once the service answers, the
 * "already exists" is our own create: created, never "already exists". */
static void
test_create_unknown_then_again (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;
  GtkEditable *name;
  guint created = 0;

  hbt_server_set_faults (fixture->server, &(HbsFaults){ .stall_every = 1 });
  dialog = submit_create (fixture, "Again Create", &created);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  name = GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  hbt_window_wait (fixture, dialog_idle, dialog, "the create and its check to give up");
  g_test_message ("%s", dialog_message (dialog));
  g_assert_nonnull (strstr (dialog_message (dialog), "could not find out whether"));
  g_assert_null (strstr (dialog_message (dialog), "already exists"));
  g_assert_false (name_marked (dialog));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Again Create");
  g_assert_cmpuint (created, ==, 0);

  hbt_server_set_faults (fixture->server, NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "again-create", "the application chosen");
  g_assert_cmpuint (created, ==, 1);
}

/* Item 5: a 500 to Create. Checked, it was not created: the dialog says so, with the server's
 * reason, keeps the name, and does not mark it as if it were wrong. */
static void
test_create_server_error (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;

  fault_on_next_write (fixture, (HbsFaults){ .fail_every = 2 });
  dialog = submit_create (fixture, "Failing Create", NULL);
  hbt_window_wait (fixture, dialog_idle, dialog, "the create to fail");
  g_test_message ("%s", dialog_message (dialog));
  g_assert_true (g_str_has_prefix (dialog_message (dialog),
                                   "“Failing Create” was not created: The service had a problem"));
  g_assert_nonnull (strstr (dialog_message (dialog), "Injected failure"));
  g_assert_false (name_marked (dialog));
  g_assert_false (hbt_window_list_has_slug (fixture, "failing-create"));
  hbt_server_set_faults (fixture->server, NULL);

  /* Refused input is the one fault that marks the field. */
  gtk_editable_set_text (
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row")),
      "Hello World");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, dialog_idle, dialog, "the create to be refused");
  g_assert_nonnull (strstr (dialog_message (dialog), "It already exists"));
  g_assert_true (name_marked (dialog));
  gtk_window_destroy (dialog);
}

/* Closed while Create is under way: the create is not dropped; it still ends with the
 * application chosen. */
static void
test_create_closed_while_waiting (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;

  fault_on_next_write (fixture, (HbsFaults){ .stall_every = 2 });
  dialog = submit_create (fixture, "Closed Create", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  hbt_iterate_for (100);
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the create to finish");
  hbt_window_wait (fixture, hbt_window_selected_is, "closed-create", "the application chosen");
}

/* Item 4: a slow answer is said to be slow. Under 3.5 s of latency the dialog says "Still
 * waiting" after HB_UI_SLOW_MS, then creates. */
static void
test_create_slow (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;
  GtkWidget *slow;

  hb_client_set_timeout (fixture->client, 20);
  hbt_server_set_faults (fixture->server, &(HbsFaults){ .latency_ms = 3500 });
  dialog = submit_create (fixture, "Slow Create", NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  slow = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "slow_label");
  hbt_iterate_for (2500);
  g_assert_false (gtk_widget_get_visible (slow));
  hbt_iterate_for (700);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (slow));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (slow)), ==, "Still waiting for the service…");
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "slow-create", "the application chosen");
}

/* ---- item 2: a failed refresh keeps what was shown ---- */

static HbStatusStack *
builds_status (Fixture *fixture)
{
  return _hb_app_page_get_status_stack (HB_APP_PAGE (hbt_window_builds_page (fixture)));
}

static gboolean
list_stale (Fixture *fixture, gconstpointer unused)
{
  HbAppList *apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         hb_status_stack_get_stale (hbt_window_list_status (fixture));
}

static gboolean
builds_stale (Fixture *fixture, gconstpointer unused)
{
  HbBuildList *builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (builds)) &&
         hb_status_stack_get_stale (builds_status (fixture));
}

static gboolean
builds_fresh (Fixture *fixture, gconstpointer unused)
{
  HbBuildList *builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (builds)) &&
         !hb_status_stack_get_stale (builds_status (fixture));
}

static gboolean
list_fresh_with (Fixture *fixture, gconstpointer slug)
{
  return !list_stale (fixture, NULL) && hbt_window_list_has_slug (fixture, slug) &&
         !hb_remote_list_get_loading (
             HB_REMOTE_LIST (hb_app_list_view_get_list (hbt_window_list_view (fixture))));
}

/* A row's Deploy button, as a person meets it: sensitive or not. */
static GtkWidget *
find_deploy_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "builds.deploy") ==
              0 &&
          gtk_widget_get_visible (child))
        return child;
      found = find_deploy_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
deploy_enabled (Fixture *fixture)
{
  GtkWidget *button = find_deploy_button (GTK_WIDGET (hbt_window_builds_page (fixture)));

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

/* Issue 17, item 2, and "It must show": the server is killed mid-session and F5 pressed: the
 * list and the page stay, marked out of date (a banner saying why and since when), with Deploy
 * off while the service cannot be reached; the server comes back on the same port and Retry
 * refreshes them. */
static void
test_kill_and_restart (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GUri) uri = g_uri_parse (fixture->server->base_url, G_URI_FLAGS_NONE, NULL);
  HbtServerOptions options = { .port = g_uri_get_port (uri) };
  HbStatusStack *list_status = hbt_window_list_status (fixture);
  guint n_apps, n_builds;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  n_apps = g_list_model_get_n_items (
      G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (fixture))));
  n_builds = g_list_model_get_n_items (
      G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture))));
  g_assert_true (deploy_enabled (fixture));

  g_clear_pointer (&fixture->server, hbt_server_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  hbt_window_wait (fixture, list_stale, NULL, "the list marked out of date");
  hbt_window_wait (fixture, builds_stale, NULL, "the builds marked out of date");

  /* Nothing thrown away. */
  g_assert_cmpstr (hb_status_stack_get_page (list_status), ==, "content");
  g_assert_cmpstr (hb_status_stack_get_page (builds_status (fixture)), ==, "content");
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (fixture)))),
                    ==, n_apps);
  g_assert_cmpuint (g_list_model_get_n_items (
                        G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture)))),
                    ==, n_builds);
  g_assert_true (hbt_window_selected_is (fixture, "hello-world"));
  g_test_message ("banner: %s", hb_status_stack_get_banner_text (list_status));
  g_assert_true (g_str_has_prefix (hb_status_stack_get_banner_text (list_status),
                                   "Not up to date: Cannot reach the service"));
  g_assert_nonnull (strstr (hb_status_stack_get_banner_text (list_status), "Last updated at "));
  g_assert_true (gtk_widget_is_visible (hb_status_stack_get_banner_retry_button (list_status)));
  /* What needs the service waits while it is unreachable. */
  g_assert_false (hb_client_get_reachable (fixture->client));
  g_assert_false (deploy_enabled (fixture));
  g_assert_false (gtk_widget_get_sensitive (
      hbt_template_child (fixture->window, HB_TYPE_WINDOW, "new_app_button")));
  hbt_settle (500);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "faults-out-of-date.png");

  /* Back on the same port, with an application it did not have. */
  fixture->server = hbt_server_new_full (&options);
  g_assert_true (hbs_server_add_test_results (fixture->server->server, "back-again", "[]", NULL));
  gtk_widget_activate (hb_status_stack_get_banner_retry_button (list_status));
  hbt_window_wait (fixture, list_fresh_with, "back-again", "the list refreshed by Retry");
  g_assert_true (hb_client_get_reachable (fixture->client));
  g_assert_true (hbt_window_selected_is (fixture, "hello-world"));
  /* The window's Retry asks the shown page again too. */
  hbt_window_wait (fixture, builds_fresh, NULL, "the builds refreshed");
  g_assert_true (deploy_enabled (fixture));
}

/* A 500 to F5: out of date too, but the service is reachable, so Deploy stays on. */
static void
test_refresh_server_error (Fixture *fixture, gconstpointer data)
{
  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  hbt_server_set_faults (fixture->server, &(HbsFaults){ .fail_every = 1 });
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  hbt_window_wait (fixture, list_stale, NULL, "the list marked out of date");
  hbt_window_wait (fixture, builds_stale, NULL, "the builds marked out of date");
  g_assert_true (g_str_has_prefix (hb_status_stack_get_banner_text (builds_status (fixture)),
                                   "Not up to date: The service had a problem"));
  g_assert_true (hb_client_get_reachable (fixture->client));
  g_assert_true (deploy_enabled (fixture));
}

/* A Load More whose body is cut short (every try): the pages loaded stay, the banner says the
 * next one could not be loaded, and its Retry loads it. */
static void
test_load_more_cut_short (Fixture *fixture, gconstpointer data)
{
  HbBuildList *builds;
  guint first;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));
  first = g_list_model_get_n_items (G_LIST_MODEL (builds));
  hbt_server_set_faults (fixture->server, &(HbsFaults){ .truncate_every = 1 });
  gtk_widget_activate_action (GTK_WIDGET (hbt_window_builds_page (fixture)), "builds.load-more",
                              NULL);
  hbt_window_wait (fixture, builds_stale, NULL, "the failed Load More");
  g_assert_cmpstr (hb_status_stack_get_page (builds_status (fixture)), ==, "content");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (builds)), ==, first);
  g_assert_true (g_str_has_prefix (hb_status_stack_get_banner_text (builds_status (fixture)),
                                   "Could not load more: The service’s answer was cut short"));

  hbt_server_set_faults (fixture->server, NULL);
  gtk_widget_activate (hb_status_stack_get_banner_retry_button (builds_status (fixture)));
  hbt_window_wait (fixture, builds_fresh, NULL, "the next page");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (builds)), ==, 2 * first);

  /* F5 now refreshes both pages, and keeps them. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  hbt_iterate_for (100);
  hbt_window_wait (fixture, builds_fresh, NULL, "the refresh");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (builds)), ==, 2 * first);
}

/* ---- item 3: nothing from a previous subject ---- */

static char *
tests_url (Fixture *fixture, const char *id)
{
  return g_strdup_printf ("%s/applications/hello-world/builds/%s/tests",
                          hb_client_get_base_url (fixture->client), id);
}

static HbTestResultsView *
shown_tests_view (Fixture *fixture)
{
  AdwBin *bin = ADW_BIN (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_bin"));

  return HB_TEST_RESULTS_VIEW (adw_bin_get_child (bin));
}

static const char *
header_subtitle (Fixture *fixture)
{
  return adw_window_title_get_subtitle (
      ADW_WINDOW_TITLE (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_title")));
}

static gboolean
tests_settled (Fixture *fixture, gconstpointer unused)
{
  return !hb_test_results_view_get_busy (shown_tests_view (fixture));
}

/* Issue 17, item 3: "open one build's test results, Back after 1 s, open another's: while it
 * loads the header says '10 failed of 360 tests' (the first build's)". Build 59's tests are
 * read; Back; under 1.5 s of latency build 58's are opened. The first view may outlive its
 * place while its requests wind down (a pending callback, a streamed body): it is held here
 * and made to say its summary again, as a late answer would. The header says nothing of build
 * 59 while build 58's load, then build 58's own words. */
static void
test_tests_previous_subject (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = tests_url (fixture, "59");
  g_autofree char *second = tests_url (fixture, "58");
  g_autoptr (HbTestResultsView) old = NULL;
  const char *old_summary;
  guint samples = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s", first);
  hbt_window_wait (fixture, tests_settled, NULL, "build 59's tests");
  old = g_object_ref (shown_tests_view (fixture));
  old_summary = hb_test_results_view_get_subtitle (old);
  g_assert_nonnull (strstr (old_summary, "failed of"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);

  hbt_server_set_faults (fixture->server, &(HbsFaults){ .latency_ms = 1500 });
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s", second);
  while (hb_test_results_view_get_busy (shown_tests_view (fixture)))
    {
      const char *subtitle = header_subtitle (fixture);
      const char *own = hb_test_results_view_get_subtitle (shown_tests_view (fixture));

      if (samples == 5)
        g_object_notify (G_OBJECT (old), "subtitle");
      /* Only the second build's own words may show. */
      if (subtitle != NULL && *subtitle != '\0' && g_strcmp0 (subtitle, own) != 0)
        g_error ("while build 58 loads, the header says “%s”", subtitle);
      hbt_iterate_for (20);
      g_assert_cmpuint (++samples, <, 1000);
    }
  g_assert_cmpuint (samples, >, 5);
  hbt_window_wait (fixture, tests_settled, NULL, "build 58's tests");
  g_assert_cmpstr (header_subtitle (fixture), ==,
                   hb_test_results_view_get_subtitle (shown_tests_view (fixture)));
  g_assert_cmpstr (header_subtitle (fixture), !=, old_summary);
}

/* "Under stalls the wrong subtitle stays over the error page": build 59's tests are read,
 * then build 58's stall until the client gives up. The header says nothing of build 59, over
 * the loading page or the error page. */
static void
test_tests_previous_subject_stalled (Fixture *fixture, gconstpointer data)
{
  g_autofree char *first = tests_url (fixture, "59");
  g_autofree char *second = tests_url (fixture, "58");
  const char *state = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s", first);
  hbt_window_wait (fixture, tests_settled, NULL, "build 59's tests");
  g_assert_nonnull (strstr (header_subtitle (fixture), "failed of"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  hbt_server_set_faults (fixture->server, &(HbsFaults){ .stall_every = 1 });
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s", second);
  while (g_strcmp0 (state, "error") != 0)
    {
      const char *subtitle = header_subtitle (fixture);

      state = hb_test_results_view_get_state (shown_tests_view (fixture));
      if (subtitle != NULL && *subtitle != '\0')
        g_error ("over build 58's %s page, the header says “%s”", state, subtitle);
      hbt_iterate_for (20);
    }
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "faults-test-results-stalled.png");
}

/* ---- item 4: slow answers are said to be slow, and given up on ---- */

static void
note_time (gint64 *when)
{
  *when = g_get_monotonic_time ();
}

static gboolean
builds_page_is (Fixture *fixture, gconstpointer page)
{
  return g_strcmp0 (hb_status_stack_get_page (builds_status (fixture)), page) == 0;
}

/* Issue 17, item 4: "Builds and Errors spin ~30 s with no word". The builds' answer stalls:
 * "Still loading…" after 3 s on screen, then the error page with Retry at the client's
 * timeout (5 s here, 20 s in the app), saying it took too long; Retry loads them. */
static void
test_stalled_page (Fixture *fixture, gconstpointer data)
{
  HbStatusStack *status;
  GtkWidget *slow;
  gint64 start, failed_at = 0;
  double gave_up;

  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);

  hbt_server_set_faults (fixture->server, &(HbsFaults){ .stall_every = 1 });
  hbt_window_select_app (fixture, "hello-world");
  status = builds_status (fixture);
  slow = hbt_template_child (status, HB_TYPE_STATUS_STACK, "slow_label");
  hbt_window_wait (fixture, builds_page_is, "loading", "the builds loading");
  /* From the request, not from building the detail view (slow under ASan). */
  start = g_get_monotonic_time ();
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds?"),
                    ==, 1);
  /* Not at once; within HB_UI_SLOW_MS (and a little) of the page showing. */
  g_assert_false (gtk_widget_get_visible (slow));
  while (!gtk_widget_get_visible (slow) && g_get_monotonic_time () - start < 3600 * 1000)
    hbt_iterate_for (20);
  g_test_message ("\"Still loading…\" %.2f s after the loading page was seen",
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpstr (hb_status_stack_get_page (status), ==, "loading");
  g_assert_true (gtk_widget_is_visible (slow));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (slow)), ==, "Still loading…");
  hbt_settle (200);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "faults-still-loading.png");

  g_signal_connect_swapped (hb_builds_page_get_list (hbt_window_builds_page (fixture)),
                            "notify::error", G_CALLBACK (note_time), &failed_at);
  hbt_window_wait (fixture, builds_page_is, "error", "the builds to give up");
  /* When the list learnt it, not when the next frame showed it (seconds apart under ASan). */
  gave_up = (failed_at - start) / 1e6;
  g_test_message ("gave up after %.2f s (timeout %u s)", gave_up, GPOINTER_TO_UINT (data));
  g_assert_cmpfloat (gave_up, >=, GPOINTER_TO_UINT (data) - 0.5);
  g_assert_cmpfloat (gave_up, <=, GPOINTER_TO_UINT (data) + 2.5);
  g_assert_true (
      g_error_matches (hb_status_stack_get_error (status), G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  g_assert_true (gtk_widget_is_visible (hb_status_stack_get_retry_button (status)));

  hbt_server_set_faults (fixture->server, NULL);
  gtk_widget_activate (hb_status_stack_get_retry_button (status));
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
}

static HbApp *
listed_app (Fixture *fixture, const char *slug)
{
  return hb_remote_list_find (
      HB_REMOTE_LIST (hb_app_list_view_get_list (hbt_window_list_view (fixture))), slug, NULL);
}

static gboolean
status_failed (Fixture *fixture, gconstpointer slug)
{
  HbApp *app = listed_app (fixture, slug);

  return app != NULL && hb_app_get_status_error (app) != NULL;
}

static gboolean
status_fine (Fixture *fixture, gconstpointer slug)
{
  HbApp *app = listed_app (fixture, slug);

  return app != NULL && hb_app_get_status_error (app) == NULL &&
         hb_app_get_status (app) != HB_BUILD_STATUS_UNKNOWN;
}

static gboolean
every_status_failed (Fixture *fixture, gconstpointer unused)
{
  GListModel *apps = G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (fixture)));

  for (guint i = 0, n = g_list_model_get_n_items (apps); i < n; i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (apps, i);

      if (hb_app_get_status_error (app) == NULL)
        return FALSE;
    }
  return g_list_model_get_n_items (apps) > 0;
}

/* The tooltip of the status icon in @slug's row. */
static const char *
row_status_tooltip (GtkWidget *widget, const char *slug)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found;

      if (HB_IS_APP_ROW (child))
        {
          HbApp *app = hb_app_row_get_app (HB_APP_ROW (child));

          if (app != NULL && g_strcmp0 (hb_app_get_slug (app), slug) == 0)
            for (GtkWidget *w = child; w != NULL; w = gtk_widget_get_last_child (w))
              if (GTK_IS_IMAGE (w))
                return gtk_widget_get_visible (w) ? gtk_widget_get_tooltip_text (w) : NULL;
          continue;
        }
      found = row_status_tooltip (child, slug);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Once the list answers again, every status request stalls. */
static void
stall_statuses (HbAppList *apps, GParamSpec *pspec, HbtServer *server)
{
  if (!hb_remote_list_get_loading (HB_REMOTE_LIST (apps)))
    hbt_server_set_faults (server, &(HbsFaults){ .stall_every = 1 });
}

/* Issue 17, item 4: "a row's status icon whose request stalled or failed stays blank for the
 * session, the same as 'no builds'". A window whose first status requests stall: each row
 * shows a status it does not know, and says why. Then they answer: the status shows; then
 * they stall again on a refresh: the status keeps its value and says it may be old. */
static void
test_status_unknown (Fixture *fixture, gconstpointer data)
{
  HbClient *client;
  HbAppList *apps;
  gulong handler;
  const char *tooltip;

  fixture->server = hbt_server_new ();
  client = hbt_server_new_client (fixture->server);
  hb_client_set_timeout (client, TIMEOUT_S);
  open_window (fixture, client);
  apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));
  handler =
      g_signal_connect (apps, "notify::loading", G_CALLBACK (stall_statuses), fixture->server);
  hbt_window_wait (fixture, status_failed, "hello-world", "hello-world's status to fail");
  g_signal_handler_disconnect (apps, handler);
  /* Two at a time in the background lane: the last rows give up a few timeouts later. */
  hbt_window_wait (fixture, every_status_failed, NULL, "every row's status to fail");
  hbt_settle (300);
  tooltip = row_status_tooltip (GTK_WIDGET (hbt_window_list_view (fixture)), "hello-world");
  g_test_message ("hello-world's status: %s", tooltip);
  g_assert_cmpstr (tooltip, ==, "Status unknown: The service took too long to answer");
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "faults-status-unknown.png");

  hbt_server_set_faults (fixture->server, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  hbt_window_wait (fixture, status_fine, "hello-world", "hello-world's status");
  g_assert_cmpstr (row_status_tooltip (GTK_WIDGET (hbt_window_list_view (fixture)), "hello-world"),
                   ==, "Succeeded");

  handler =
      g_signal_connect (apps, "notify::loading", G_CALLBACK (stall_statuses), fixture->server);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  hbt_window_wait (fixture, status_failed, "hello-world", "the status request to fail");
  g_signal_handler_disconnect (apps, handler);
  g_assert_cmpint (hb_app_get_status (listed_app (fixture, "hello-world")), ==,
                   HB_BUILD_STATUS_SUCCEEDED);
  g_assert_cmpstr (row_status_tooltip (GTK_WIDGET (hbt_window_list_view (fixture)), "hello-world"),
                   ==, "Succeeded (may be out of date: The service took too long to answer)");
  hbt_server_set_faults (fixture->server, NULL);
}

/* ---- also ---- */

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GBytes **) user_data = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
}

/* A build started outside Harbor: a push, through the API. */
static void
push_build (Fixture *fixture, const char *message)
{
  g_autofree char *url =
      g_strconcat (fixture->server->base_url, "/applications/hello-world/builds", NULL);
  g_autofree char *json = g_strdup_printf (
      "{\"branches\":{\"master\":{\"commit_id\":\"feedface\",\"commit_message\":\"%s\"}}}",
      message);
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autoptr (SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr (GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr (GBytes) answer = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " HBT_DEMO_TOKEN);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &answer);
  while (answer == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
}

static gboolean
newest_build_is (Fixture *fixture, gconstpointer message)
{
  HbBuildList *builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));
  g_autoptr (HbBuild) newest = g_list_model_get_item (G_LIST_MODEL (builds), 0);

  return newest != NULL && g_strcmp0 (hb_build_get_commit_message (newest), message) == 0;
}

static gboolean
builds_all_finished (Fixture *fixture, gconstpointer unused)
{
  GListModel *builds = G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture)));
  guint n = builds != NULL ? g_list_model_get_n_items (builds) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (builds, i);

      if (!hb_build_status_is_finished (hb_build_get_status (build)))
        return FALSE;
    }
  return n > 0;
}

static void
count_paint (GdkFrameClock *clock, guint *painted)
{
  (*painted)++;
}

/* Idle means idle: a poll whose answer is what is shown changes no object and asks for no
 * frame (e2e/idle once caught a 15 s poll costing 1.2 % of a core over its 10 s). */
static void
test_poll_unchanged (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);
  GdkFrameClock *clock;
  HbBuildsPage *page;
  guint painted = 0, asked;
  gulong id;

  hbt_window_select_app (fixture, "docs-site");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  hbt_window_wait (fixture, builds_all_finished, NULL, "every build finished");
  page = hbt_window_builds_page (fixture);
  hb_builds_page_set_poll_intervals (page, 250, 250);
  hbt_iterate_for (1000);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (count_paint), &painted);
  hbt_requests_clear (requests);
  hbt_iterate_for (2500);
  g_signal_handler_disconnect (clock, id);
  asked = hbt_requests_count_prefix (requests, "GET /applications/docs-site/builds?");
  g_test_message ("%u polls, %u frames painted", asked, painted);
  g_assert_cmpuint (asked, >=, 4);
  g_assert_cmpuint (painted, ==, 0);
}

/* Issue 17, also: "a build triggered outside the app appears only after F5". While the
 * builds page shows an application, its builds are asked for again now and then (here every
 * 400 ms): a pushed build appears on its own. While the page is not on screen, nothing is
 * asked. */
static void
test_poll_new_build (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);
  HbBuildsPage *page;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  page = hbt_window_builds_page (fixture);
  g_test_message ("the window is %s",
                  gtk_window_is_active (GTK_WINDOW (fixture->window)) ? "active" : "not active");
  hb_builds_page_set_poll_intervals (page, 400, 400);
  push_build (fixture, "Pushed from outside");
  hbt_window_wait (fixture, newest_build_is, "Pushed from outside", "the pushed build");

  /* Not on screen: not asked. */
  hbt_window_show_page (fixture, "variables");
  hbt_iterate_for (300);
  hbt_requests_clear (requests);
  hbt_iterate_for (1500);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds?"),
                    ==, 0);

  /* Back on screen: asked again. */
  hbt_window_show_page (fixture, "builds");
  hbt_requests_clear (requests);
  hbt_iterate_for (1500);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds?"),
                    >, 0);

  /* Another window in use: at its pace (never, here), not asked. */
  {
    GtkWidget *other = gtk_window_new ();

    hb_builds_page_set_poll_intervals (page, 400, 0);
    gtk_window_present (GTK_WINDOW (other));
    hbt_iterate_for (500);
    g_test_message ("with another window presented, ours is %s",
                    gtk_window_is_active (GTK_WINDOW (fixture->window)) ? "active" : "not active");
    if (!gtk_window_is_active (GTK_WINDOW (fixture->window)))
      {
        hbt_requests_clear (requests);
        hbt_iterate_for (1500);
        g_assert_cmpuint (
            hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds?"), ==, 0);
        /* Back in use, and the last answer older than the pace: asked at once. */
        gtk_window_present (GTK_WINDOW (fixture->window));
        hbt_iterate_for (500);
        if (gtk_window_is_active (GTK_WINDOW (fixture->window)))
          g_assert_cmpuint (
              hbt_requests_count_prefix (requests, "GET /applications/hello-world/builds?"), >, 0);
      }
    gtk_window_destroy (GTK_WINDOW (other));
  }
}

/* The first button under @widget whose label is @label (a toast's). */
static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
retry_toast_shown (Fixture *fixture, gconstpointer unused)
{
  return find_button (GTK_WIDGET (fixture->window), "_Retry") != NULL;
}

/* Issue 17, also: "a failed delete's toast offers Retry". The delete meets a 500: checked, the
 * application is still there; the toast says it was not deleted and offers Retry, which
 * deletes it. */
static void
test_delete_retry (Fixture *fixture, gconstpointer data)
{
  hbt_window_select_app (fixture, "status-page");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  fault_on_next_write (fixture, (HbsFaults){ .fail_every = 2 });
  hb_app_detail_view_delete (hbt_window_detail_view (fixture));
  hbt_window_wait (fixture, retry_toast_shown, NULL, "the toast with Retry");
  g_assert_true (hbt_window_list_has_slug (fixture, "status-page"));
  hbt_server_set_faults (fixture->server, NULL);
  gtk_widget_activate (find_button (GTK_WIDGET (fixture->window), "_Retry"));
  hbt_window_wait (fixture, hbt_window_list_lacks_slug, "status-page", "the application deleted");
}

/* Issue 17, also: "a search that hides the selected app also clears the stale header title". */
static void
test_search_hides_selected (Fixture *fixture, gconstpointer data)
{
  GtkWidget *title = hbt_template_child (hbt_window_detail_view (fixture), HB_TYPE_APP_DETAIL_VIEW,
                                         "switcher_title");
  GtkWidget *entry;

  hbt_window_select_app (fixture, "hello-world");
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title)), ==,
                   "Hello World");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = GTK_WIDGET (gtk_root_get_focus (GTK_ROOT (fixture->window)));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "docs");
  hbt_iterate_for (500);
  g_assert_null (hb_app_list_view_get_selected_app (hbt_window_list_view (fixture)));
  g_assert_null (hb_app_detail_view_get_app (hbt_window_detail_view (fixture)));
  g_assert_cmpstr (adw_view_switcher_title_get_title (ADW_VIEW_SWITCHER_TITLE (title)), ==, "");
}

/* ---- item 6: a selection costs one round trip ---- */

/* Issue 17, item 6: "With 3 s of latency a click on an application shows its builds after
 * 6.5–9.7 s". Clicks come right after the list shows, while every row's status is still being
 * asked for, then once more each. Prints the figures HACKING.md quotes. */
static void
test_latency_click_to_builds (Fixture *fixture, gconstpointer data)
{
  const HbsFaults faults = { .latency_ms = LATENCY_MS };
  const char *const slugs[] = { "hello-world", "docs-site", "shop-api", "hello-world",
                                "docs-site" };
  double worst = 0;

  g_autoptr (HbtRequests) requests = NULL;
  HbAppList *apps;

  open_window_on (fixture, &faults);
  requests = hbt_requests_new (fixture->client);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the applications list");
  for (gsize i = 0; i < G_N_ELEMENTS (slugs); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *page = g_strdup_printf ("GET /applications/%s/builds?count=20", slugs[i]);
      double took;

      gint64 asked = 0;

      hbt_requests_clear (requests);
      click_app (fixture, slugs[i]);
      while (!builds_shown_for (fixture, slugs[i]))
        {
          if (asked == 0 && hbt_requests_count_prefix (requests, page) > 0)
            asked = g_get_monotonic_time ();
          g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
          hbt_iterate_for (10);
        }
      took = (g_get_monotonic_time () - start) / 1e6;
      worst = MAX (worst, took);
      g_test_message ("click on %s to its builds on screen: %.2f s (latency %d ms; the request "
                      "queued after %.2f s)",
                      slugs[i], took, LATENCY_MS, asked > 0 ? (asked - start) / 1e6 : -1.0);
      /* One request for the page, nothing before it. */
      g_assert_cmpuint (hbt_requests_count_prefix (requests, page), ==, 1);
    }
    /* One round trip, and what the machine needs to draw it (a busy one: the CI runs 6 agents
     * on 2 cores); two round trips would be 6 s, and before issue 17 the first click took 12.9. */
#ifdef __SANITIZE_ADDRESS__
  /* Under ASan the first detail view alone takes seconds of CPU to build: the figure is the
   * normal build's to keep (the single request per click is still checked above). */
  g_test_message ("worst %.2f s: not held to a bound under AddressSanitizer", worst);
#else
  g_assert_cmpfloat (worst, <=, 1.8 * LATENCY_MS / 1000.0);
#endif

  /* A refresh keeps every row's status while it is asked for again. */
  apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));
  hbt_window_wait (fixture, statuses_known, NULL, "every row's status");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  for (guint i = 0; i < 200 && hbt_requests_count (requests) > 0; i++)
    {
      g_assert_true (statuses_known (fixture, NULL));
      hbt_iterate_for (50);
      if (!hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) && i > 100)
        break;
    }
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Dialogs fade in; checks and screenshots want them in their final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup_impatient, func, hbt_window_teardown)
  ADD ("/faults/create/stalled", test_create_stalled);
  ADD ("/faults/create/cut-short", test_create_cut_short);
  ADD ("/faults/create/unknown-then-again", test_create_unknown_then_again);
  ADD ("/faults/create/server-error", test_create_server_error);
  ADD ("/faults/create/closed-while-waiting", test_create_closed_while_waiting);
#undef ADD
  g_test_add ("/faults/create/slow", Fixture, NULL, setup_patient, test_create_slow,
              hbt_window_teardown);
  g_test_add ("/faults/test-results/previous-subject", Fixture, NULL, setup_patient,
              test_tests_previous_subject, hbt_window_teardown);
  g_test_add ("/faults/test-results/previous-subject-stalled", Fixture, NULL, setup_impatient,
              test_tests_previous_subject_stalled, hbt_window_teardown);
  g_test_add ("/faults/slow/stalled-page", Fixture, GUINT_TO_POINTER (5), setup_timeout,
              test_stalled_page, hbt_window_teardown);
  g_test_add ("/faults/slow/status-unknown", Fixture, NULL, NULL, test_status_unknown,
              hbt_window_teardown);
  g_test_add ("/faults/also/poll-unchanged", Fixture, NULL, setup_patient, test_poll_unchanged,
              hbt_window_teardown);
  g_test_add ("/faults/also/poll-new-build", Fixture, NULL, setup_patient, test_poll_new_build,
              hbt_window_teardown);
  g_test_add ("/faults/also/delete-retry", Fixture, NULL, setup_patient, test_delete_retry,
              hbt_window_teardown);
  g_test_add ("/faults/also/search-hides-selected", Fixture, NULL, setup_patient,
              test_search_hides_selected, hbt_window_teardown);
  g_test_add ("/faults/refresh/kill-and-restart", Fixture, NULL, setup_patient,
              test_kill_and_restart, hbt_window_teardown);
  g_test_add ("/faults/refresh/server-error", Fixture, NULL, setup_patient,
              test_refresh_server_error, hbt_window_teardown);
  g_test_add ("/faults/refresh/load-more-cut-short", Fixture, NULL, setup_patient,
              test_load_more_cut_short, hbt_window_teardown);
  g_test_add ("/faults/latency/click-to-builds", Fixture, NULL, NULL, test_latency_click_to_builds,
              hbt_window_teardown);
  return g_test_run ();
}
