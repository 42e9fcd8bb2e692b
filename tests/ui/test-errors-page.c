/* test-errors-page.c: HbErrorsPage: the errors, newest first, and one in detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-errors-page.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
errors_loaded (Fixture *fixture, gconstpointer page)
{
  return !hb_app_page_get_loading (HB_APP_PAGE ((HbErrorsPage *) page)) &&
         g_list_model_get_n_items (
             G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE ((HbErrorsPage *) page)))) > 0;
}

static void
test_errors (Fixture *fixture, gconstpointer data)
{
  HbErrorsPage *page;
  GListModel *errors;
  g_autoptr (HbAppError) first = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  hbt_window_select_app (fixture, "shop-api");
  page = HB_ERRORS_PAGE (hbt_window_show_page (fixture, "errors"));
  hbt_window_wait (fixture, errors_loaded, page, "the errors");
  errors = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));
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

  hb_app_detail_view_set_page (hbt_window_detail_view (fixture), "errors");
  dialog = hb_errors_page_show_error (page, first);
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (dialog), "error-detail.png");
  gtk_window_destroy (dialog);
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
  ADD ("/hb/errors/list-and-detail", test_errors);
#undef ADD

  return g_test_run ();
}
