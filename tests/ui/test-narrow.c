/* test-narrow.c: issue 16, item 1: every screen fits a 360 px wide window, in English and in
 * German, and keeps fitting after every other screen was visited
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "hb-api.h"
#include "hb-errors-page.h"
#include "hb-test-results-view.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

#define NARROW 360

static const char *language = "en"; /* "de" when the German catalogue is in use */

/* The widget (mapped, in @root) whose own minimum width is widest among the deepest ones
 * over @limit: what makes a screen too wide, named in the failure message. */
static void
describe_widest (GtkWidget *widget, int limit, GString *out, int depth)
{
  gboolean child_over = FALSE;
  int min;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > limit)
        {
          child_over = TRUE;
          describe_widest (child, limit, out, depth + 1);
        }
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_string_append_printf (out, "%*s%s %s: %d px%s\n", depth, "", G_OBJECT_TYPE_NAME (widget),
                          gtk_widget_get_name (widget), min, child_over ? "" : "  <-");
}

/* Item 9: the words in header bars ("Appl…", "Anw…", a subtitle cut short) and a test's
 * status ("Fehlgeschlage") are shown whole. Row titles and the view switcher's tabs may end
 * in an ellipsis. */
static void
find_cut_labels (GtkWidget *widget, gboolean in_header, GString *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  in_header = in_header || ADW_IS_HEADER_BAR (widget);
  if (GTK_IS_LABEL (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);
      gboolean status = gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL &&
                        (gtk_widget_has_css_class (parent, "error") ||
                         gtk_widget_has_css_class (parent, "success") ||
                         gtk_widget_has_css_class (parent, "dim-label"));

      if ((in_header || status) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        g_string_append_printf (out, "“%s” ", gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut_labels (child, in_header, out);
}

static void
assert_nothing_cut (Fixture *fixture, const char *screen)
{
  g_autoptr (GString) cut = g_string_new (NULL);

  find_cut_labels (GTK_WIDGET (fixture->window), FALSE, cut);
  if (cut->len > 0)
    g_test_message ("%s (%s): cut short: %s", screen, language, cut->str);
  g_assert_cmpuint (cut->len, ==, 0);
}

/* The window's content (what is inside its frame and shadow) asks for no more than 360 px,
 * and got no more; @screen names it. */
static void
assert_fits (Fixture *fixture, const char *screen)
{
  GtkWidget *content =
      adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));
  int min, nat;

  hbt_settle (300);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_test_message ("%s (%s): minimum %d px, natural %d px, allocated %d px", screen, language, min,
                  nat, gtk_widget_get_width (content));
  if (min > NARROW || gtk_widget_get_width (content) > NARROW)
    {
      g_autoptr (GString) why = g_string_new (NULL);

      describe_widest (content, NARROW, why, 0);
      g_test_message ("too wide:\n%s", why->str);
    }
  g_assert_cmpint (min, <=, NARROW);
  g_assert_cmpint (gtk_widget_get_width (content), <=, NARROW);
  assert_nothing_cut (fixture, screen);
}

static void
shoot (Fixture *fixture, const char *screen, int width)
{
  g_autofree char *name = g_strdup_printf ("narrow-%s-%s-%d.png", screen, language, width);

  hbt_save_screenshot (GTK_WIDGET (fixture->window), name);
}

static void
resize (Fixture *fixture, int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  hbt_settle (400);
}

/* The page @name of the detail view, loaded. */
static gboolean
page_loaded (Fixture *fixture, gconstpointer name)
{
  HbAppPage *page =
      HB_APP_PAGE (hb_app_detail_view_get_page (hbt_window_detail_view (fixture), name));

  return hb_app_page_get_list (page) != NULL && !hb_app_page_get_loading (page);
}

static const char *const pages[] = { "builds",        "variables", "collaborators", "hostnames",
                                     "service-hooks", "drains",    "errors" };

static GtkWidget *
tests_page (Fixture *fixture)
{
  return hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_page");
}

static gboolean
tests_loaded (Fixture *fixture, gconstpointer unused)
{
  GtkWidget *bin = hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_bin");
  GtkWidget *view = adw_bin_get_child (ADW_BIN (bin));

  return view != NULL && !hb_test_results_view_get_busy (HB_TEST_RESULTS_VIEW (view));
}

/* The tests of the newest failed build of the app shown. */
static void
open_failed_tests (Fixture *fixture)
{
  GListModel *builds = G_LIST_MODEL (hb_builds_page_get_list (hbt_window_builds_page (fixture)));

  for (guint i = 0; i < g_list_model_get_n_items (builds); i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (builds, i);

      if (hb_build_get_status (build) == HB_BUILD_STATUS_FAILED &&
          hb_build_get_tests_url (build) != NULL)
        {
          gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-tests", "s",
                                      hb_build_get_tests_url (build));
          hbt_window_wait (fixture, tests_loaded, NULL, "the failed build's tests");
          return;
        }
    }
  g_assert_not_reached ();
}

/* Issue 16, item 11: an error's details, a window of its own over the Errors page, fit a
 * narrow main window too (no wider, asking for no more, its header words whole). */
static void
visit_error_details (Fixture *fixture, int width, gboolean shots)
{
  HbErrorsPage *page =
      HB_ERRORS_PAGE (hb_app_detail_view_get_page (hbt_window_detail_view (fixture), "errors"));
  g_autoptr (HbAppError) error =
      g_list_model_get_item (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page))), 0);
  GtkWindow *dialog = hb_errors_page_show_error (page, error);
  g_autoptr (GString) cut = g_string_new (NULL);
  int min;

  hbt_settle (400);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("error-details (%s): minimum %d px, allocated %d px", language, min,
                  gtk_widget_get_width (GTK_WIDGET (dialog)));
  if (width == NARROW)
    {
      if (min > NARROW)
        {
          g_autoptr (GString) why = g_string_new (NULL);

          describe_widest (GTK_WIDGET (dialog), NARROW, why, 0);
          g_test_message ("too wide:\n%s", why->str);
        }
      g_assert_cmpint (min, <=, NARROW);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, NARROW);
    }
  find_cut_labels (GTK_WIDGET (dialog), FALSE, cut);
  if (cut->len > 0)
    g_test_message ("error-details (%s): cut short: %s", language, cut->str);
  g_assert_cmpuint (cut->len, ==, 0);
  if (shots)
    {
      g_autofree char *name = g_strdup_printf ("narrow-error-details-%s-%d.png", language, width);

      hbt_save_screenshot (GTK_WIDGET (dialog), name);
    }
  gtk_window_destroy (dialog);
  hbt_settle (100);
}

/* One round through every screen of the main window, each checked at @width (and shot at
 * @width × @height when @shots). */
static void
visit_all (Fixture *fixture, int width, int height, gboolean shots)
{
  AdwLeaflet *leaflet =
      ADW_LEAFLET (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "leaflet"));

  resize (fixture, width, height);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  hbt_settle (300);
  if (width == NARROW)
    assert_fits (fixture, "list");
  if (shots)
    shoot (fixture, "list", width);

  hbt_window_select_app (fixture, "hello-world");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-app", "s", "hello-world");
  for (gsize i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      hbt_window_show_page (fixture, pages[i]);
      hbt_window_wait (fixture, page_loaded, pages[i], pages[i]);
      if (width == NARROW)
        assert_fits (fixture, pages[i]);
      if (shots)
        shoot (fixture, pages[i], width);
      if (g_str_equal (pages[i], "errors"))
        visit_error_details (fixture, width, shots);
    }

  hbt_window_show_page (fixture, "builds");
  hbt_window_wait (fixture, page_loaded, "builds", "builds");
  open_failed_tests (fixture);
  if (width == NARROW)
    assert_fits (fixture, "test-results");
  if (shots)
    shoot (fixture, "test-results", width);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  g_assert_false (adw_leaflet_get_visible_child (ADW_LEAFLET (hbt_template_child (
                      fixture->window, HB_TYPE_WINDOW, "detail_leaflet"))) == tests_page (fixture));
  if (width == NARROW)
    assert_fits (fixture, "builds-after-tests");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  if (adw_leaflet_get_folded (leaflet))
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  if (width == NARROW)
    assert_fits (fixture, "list-after-tests");
}

/* Every screen at 360 px, twice (the second round after every screen, test results included,
 * was shown once), then at 1280 px for the screenshots, then signed out and in again. */
static void
test_every_screen_fits (void)
{
  Fixture fixture = { 0 };

  fixture.server = hbt_server_new ();
  hbt_window_open (&fixture, hbt_server_new_client (fixture.server), NARROW, 720);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the applications list");

  visit_all (&fixture, NARROW, 720, TRUE);
  visit_all (&fixture, NARROW, 720, FALSE);
  visit_all (&fixture, 1280, 800, TRUE);

  hb_client_set_token (fixture.client, NULL);
  resize (&fixture, NARROW, 720);
  assert_fits (&fixture, "welcome");
  shoot (&fixture, "welcome", NARROW);
  resize (&fixture, 1280, 800);
  shoot (&fixture, "welcome", 1280);
  hb_client_set_token (fixture.client, HBT_DEMO_TOKEN);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the list after signing in");
  visit_all (&fixture, NARROW, 720, FALSE);

  hbt_window_teardown (&fixture, NULL);
}

static void
skip_no_locale (void)
{
  g_test_skip ("the de_DE.UTF-8 locale is not generated");
}

/* HARBOR_TEST_LANGUAGE=de runs in German, with the catalogue built in this tree. */
static gboolean
use_language (void)
{
  const char *wanted = g_getenv ("HARBOR_TEST_LANGUAGE");
  g_autofree char *po = g_build_filename (g_getenv ("HARBOR_BUILD_ROOT"), "po", NULL);

  if (wanted == NULL || g_str_equal (wanted, "en"))
    return TRUE;
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", wanted, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  language = wanted;
  /* The German run fails, not passes, when the catalogue is not read. */
  g_assert_cmpstr (_ ("Applications"), !=, "Applications");
  return TRUE;
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  if (!use_language ())
    g_test_add_func ("/hb/narrow/every-screen-fits", skip_no_locale);
  else
    g_test_add_func ("/hb/narrow/every-screen-fits", test_every_screen_fits);
  return g_test_run ();
}
