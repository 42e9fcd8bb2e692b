/* test-resources-page.c: HbResourcesPage: collaborators, roles, hostnames, service hooks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-resources-page.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
resources_loaded (Fixture *fixture, gconstpointer page)
{
  return !hb_app_page_get_loading (HB_APP_PAGE ((HbResourcesPage *) page)) &&
         g_list_model_get_n_items (
             G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE ((HbResourcesPage *) page)))) > 0;
}

static gboolean
resources_count_is (Fixture *fixture, gconstpointer data)
{
  const guint *expect = data;
  HbResourcesPage *page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));

  return !hb_app_page_get_loading (HB_APP_PAGE (page)) &&
         g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)))) ==
             *expect;
}

static gboolean
role_is_admin (Fixture *fixture, gconstpointer id)
{
  HbResourcesPage *page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  GListModel *items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_resource_get_id (HB_RESOURCE (c)), id) == 0)
        return hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_ADMINISTRATOR;
    }
  return FALSE;
}

static HbResourcesPage *
hooks_page (Fixture *fixture)
{
  return HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "service-hooks"));
}

static gboolean
hooks_count_is (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page = hooks_page (fixture);

  return !hb_app_page_get_loading (HB_APP_PAGE (page)) &&
         g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)))) ==
             *(const guint *) data;
}

static gboolean
hooks_settled (Fixture *fixture, gconstpointer unused)
{
  return !hb_app_page_get_loading (HB_APP_PAGE (hooks_page (fixture)));
}

static void
test_collaborators (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  GListModel *items;
  g_autofree char *bob = NULL;
  gboolean owner_seen = FALSE;
  guint n;

  hbt_window_select_app (fixture, "hello-world");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  hbt_window_wait (fixture, resources_loaded, page, "the collaborators");
  items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);
      if (hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_OWNER)
        owner_seen = !hb_resource_is_openable (HB_RESOURCE (c));
      if (g_strcmp0 (hb_collaborator_get_user_name (c), "bob") == 0)
        bob = g_strdup (hb_resource_get_id (HB_RESOURCE (c)));
    }
  g_assert_true (owner_seen);

  if (bob == NULL)
    {
      guint more = n + 1;

      hb_resources_page_add (page, "bob@example.com", HB_COLLABORATOR_ROLE_COLLABORATOR);
      hbt_window_wait (fixture, resources_count_is, &more, "bob added");
      for (guint i = 0; i < more; i++)
        {
          g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);
          if (g_strcmp0 (hb_collaborator_get_user_name (c), "bob") == 0)
            bob = g_strdup (hb_resource_get_id (HB_RESOURCE (c)));
        }
      n = more;
    }
  g_assert_nonnull (bob);
  hb_resources_page_remove (page, bob);
  n--;
  hbt_window_wait (fixture, resources_count_is, &n, "bob removed");
}

/* A collaborator's role changes in place; the owner has no role control. */
static void
test_collaborator_role (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  GListModel *items;
  g_autofree char *id = NULL;

  hbt_window_select_app (fixture, "shop-api");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  hbt_window_wait (fixture, resources_loaded, page, "the collaborators");
  items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));
  for (guint i = 0; i < g_list_model_get_n_items (items) && id == NULL; i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);

      if (hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_COLLABORATOR)
        id = g_strdup (hb_resource_get_id (HB_RESOURCE (c)));
    }
  g_assert_nonnull (id); /* the seed makes bob a plain collaborator */
  hb_resources_page_set_role (page, id, HB_COLLABORATOR_ROLE_ADMINISTRATOR);
  hbt_window_wait (fixture, role_is_admin, id, "the new role");
}

/* Ana has no card: adding a hostname to her app answers 402, which the form explains. */
static void
test_hostname_needs_card (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  AdwMessageDialog *dialog;

  hbt_window_select_app (fixture, "ana-blog");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "hostnames"));
  hbt_window_wait (fixture, resources_loaded, page, "the hostnames");
  hb_resources_page_add (page, "blog.example.com", HB_COLLABORATOR_ROLE_UNKNOWN);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the form to come back");
  dialog = hbt_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "credit card on file"));
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (dialog), "hostname-402.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_service_hooks (Fixture *fixture, gconstpointer data)
{
  const char *url = "https://hooks.example.com/harbor";
  GListModel *items;
  g_autofree char *id = NULL;
  guint n, more;

  hbt_window_select_app (fixture, "shop-api");
  hbt_window_wait (fixture, hooks_settled, NULL, "the hooks");
  items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (hooks_page (fixture))));
  n = g_list_model_get_n_items (items);
  more = n + 1;

  hb_resources_page_add (hooks_page (fixture), url, HB_COLLABORATOR_ROLE_UNKNOWN);
  hbt_window_wait (fixture, hooks_count_is, &more, "the added hook");
  for (guint i = 0; i < more && id == NULL; i++)
    {
      g_autoptr (HbServiceHook) hook = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_resource_get_value (HB_RESOURCE (hook)), url) == 0)
        id = g_strdup (hb_resource_get_id (HB_RESOURCE (hook)));
    }
  g_assert_nonnull (id);
  hb_resources_page_remove (hooks_page (fixture), id);
  hbt_window_wait (fixture, hooks_count_is, &n, "the removed hook");
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
  ADD ("/hb/collaborators/add-remove", test_collaborators);
  ADD ("/hb/collaborators/role", test_collaborator_role);
  ADD ("/hb/hostnames/needs-card", test_hostname_needs_card);
  ADD ("/hb/service-hooks/add-remove", test_service_hooks);
#undef ADD

  return g_test_run ();
}
