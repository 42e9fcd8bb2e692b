/* test-variables-page.c: HbVariablesPage: add and remove a variable
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hb-api.h"
#include "hb-variables-page.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static HbVariablesPage *
variables_page (Fixture *fixture)
{
  return HB_VARIABLES_PAGE (hbt_window_show_page (fixture, "variables"));
}

static gboolean
vars_settled (Fixture *fixture, gconstpointer n)
{
  HbVariablesPage *page = variables_page (fixture);

  return !hb_app_page_get_loading (HB_APP_PAGE (page)) &&
         g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)))) ==
             GPOINTER_TO_UINT (n);
}

static gboolean
vars_loaded (Fixture *fixture, gconstpointer unused)
{
  return !hb_app_page_get_loading (HB_APP_PAGE (variables_page (fixture)));
}

static char *
var_id_for_key (Fixture *fixture, const char *key)
{
  GListModel *vars = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (variables_page (fixture))));

  for (guint i = 0; i < g_list_model_get_n_items (vars); i++)
    {
      g_autoptr (HbConfigVar) var = g_list_model_get_item (vars, i);

      if (g_strcmp0 (hb_config_var_get_key (var), key) == 0)
        return g_strdup (hb_resource_get_id (HB_RESOURCE (var)));
    }
  return NULL;
}

static void
test_variables (Fixture *fixture, gconstpointer data)
{
  g_autofree char *id = NULL;
  guint n;

  hbt_window_select_app (fixture, "shop-api");
  hb_app_detail_view_set_page (hbt_window_detail_view (fixture), "variables");
  hbt_window_wait (fixture, vars_loaded, NULL, "the variables");
  n = g_list_model_get_n_items (
      G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (variables_page (fixture)))));

  hb_variables_page_add (variables_page (fixture), "FEATURE_FLAG", "on");
  hbt_window_wait (fixture, vars_settled, GUINT_TO_POINTER (n + 1), "the added variable");
  id = var_id_for_key (fixture, "FEATURE_FLAG");
  g_assert_nonnull (id);
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "variables-page.png");

  hb_variables_page_remove (variables_page (fixture), id);
  hbt_window_wait (fixture, vars_settled, GUINT_TO_POINTER (n), "the removed variable");
  g_assert_null (var_id_for_key (fixture, "FEATURE_FLAG"));
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
  ADD ("/hb/variables/add-remove", test_variables);
#undef ADD

  return g_test_run ();
}
