/* test-resources-page.c: HbResourcesPage: collaborators, roles, hostnames, service hooks (drains
 * have test-drains-page.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-resources-page.h"
#include "hbt-requests.h"
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

/* ---- issue 16, item 5: removals offer Undo or ask; toasts name the item; focus ---- */

static GtkWidget *
find_button_with_tooltip (GtkWidget *root, const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (gtk_widget_get_visible (root) && match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_type (GtkWidget *widget, gconstpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

typedef struct
{
  HbResourcesPage *page;
  const char *value;
  gboolean present;
} Presence;

static gboolean
presence_is (Fixture *fixture, gconstpointer data)
{
  const Presence *want = data;
  GListModel *items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (want->page)));
  gboolean found = FALSE;

  if (hb_app_page_get_loading (HB_APP_PAGE (want->page)))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HbResource) item = g_list_model_get_item (items, i);

      found |= g_strcmp0 (hb_resource_get_value (item), want->value) == 0;
    }
  return found == want->present;
}

static gboolean
shows_label (Fixture *fixture, gconstpointer text)
{
  return find_widget (GTK_WIDGET (fixture->window), is_label_with, text) != NULL;
}

/* A hostname goes at once, with a toast naming it and an Undo that brings it back; the focus
 * moves to the next row; the toast shows above the page switcher, not over it. */
static void
test_remove_undo (Fixture *fixture, gconstpointer data)
{
  const char *gone = "www.hello-world.example";
  const char *toast_text = "Hostname “www.hello-world.example” removed";
  HbResourcesPage *page;
  GtkWidget *remove, *toast_label, *toast, *overlay, *bar, *undo, *focus;
  Presence absent, present;

  /* Narrow: the page switcher is a bar at the bottom, where toasts used to show. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  hbt_window_select_app (fixture, "hello-world");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "hostnames"));
  hbt_window_wait (fixture, resources_loaded, page, "the hostnames");
  hbt_settle (200);
  remove = find_button_with_tooltip (GTK_WIDGET (page), "Remove www.hello-world.example");
  g_assert_nonnull (remove);
  gtk_widget_grab_focus (remove);
  gtk_widget_activate (remove);
  absent = (Presence){ page, gone, FALSE };
  hbt_window_wait (fixture, presence_is, &absent, "the hostname removed");
  hbt_window_wait (fixture, shows_label, toast_text, "the toast naming the hostname");

  /* Focus: on the row that took the removed one's place. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_test_message ("focus on %s", G_OBJECT_TYPE_NAME (focus));
  g_assert_true (ADW_IS_ACTION_ROW (focus) || gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW));
  g_assert_cmpstr (
      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
          ADW_IS_ACTION_ROW (focus) ? focus
                                    : gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW))),
      ==, "hello.example.org");

  /* The toast's overlay holds the page, not the page switcher bar. */
  toast_label = find_widget (GTK_WIDGET (fixture->window), is_label_with, toast_text);
  toast = toast_label;
  while (toast != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (toast), "AdwToastWidget"))
    toast = gtk_widget_get_parent (toast);
  g_assert_nonnull (toast);
  overlay = gtk_widget_get_ancestor (toast, ADW_TYPE_TOAST_OVERLAY);
  bar = find_widget (GTK_WIDGET (hbt_window_detail_view (fixture)), is_type,
                     GSIZE_TO_POINTER (ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (page), overlay));
  g_assert_false (gtk_widget_is_ancestor (bar, overlay));
  g_assert_true (gtk_widget_get_mapped (bar));
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "remove-undo-360x720.png");

  /* Undo brings it back. */
  undo = find_widget (toast, is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  present = (Presence){ page, gone, TRUE };
  hbt_window_wait (fixture, presence_is, &present, "the hostname back");
}

/* A collaborator cannot be added back without their email address: removing one asks first,
 * and nothing is sent until the person agrees. */
static void
test_remove_asks (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);
  HbResourcesPage *page;
  GtkWidget *remove;
  AdwMessageDialog *dialog;
  Presence absent;

  hbt_window_select_app (fixture, "shop-api");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  hbt_window_wait (fixture, resources_loaded, page, "the collaborators");
  hbt_settle (200);
  remove = find_button_with_tooltip (GTK_WIDGET (page), "Remove bob");
  g_assert_nonnull (remove);
  gtk_widget_activate (remove);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “bob”?");
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "DELETE"), ==, 0);
  adw_message_dialog_response (dialog, "cancel");
  hbt_settle (300);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "DELETE"), ==, 0);

  gtk_widget_activate (remove);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question again");
  adw_message_dialog_response (hbt_message_dialog (), "remove");
  absent = (Presence){ page, "bob", FALSE };
  hbt_window_wait (fixture, presence_is, &absent, "bob removed");
  hbt_window_wait (fixture, shows_label, "Collaborator “bob” removed", "the toast naming bob");
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "DELETE"), ==, 1);
}

/* ---- issue 16, item 7: the Add Collaborator dialog labels its fields ---- */

/* The widgets of @type in @widget, depth first. */
static void
collect (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

static gboolean
user_is_admin (Fixture *fixture, gconstpointer user_name)
{
  HbResourcesPage *page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  GListModel *items = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HbCollaborator) c = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_collaborator_get_user_name (c), user_name) == 0)
        return hb_collaborator_get_role (c) == HB_COLLABORATOR_ROLE_ADMINISTRATOR;
    }
  return FALSE;
}

/* Titled rows in one boxed list, as the Add Variable dialog has: "Email Address", then a
 * "Role" row; no field whose only label is a placeholder, no unlabelled drop-down. */
static void
test_add_collaborator_dialog (Fixture *fixture, gconstpointer data)
{
  HbResourcesPage *page;
  AdwMessageDialog *dialog;
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) drop_downs = g_ptr_array_new ();
  AdwComboRow *role;

  hbt_window_select_app (fixture, "hello-world");
  page = HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "collaborators"));
  hbt_window_wait (fixture, resources_loaded, page, "the collaborators");
  gtk_widget_activate_action (GTK_WIDGET (page), "resources.add", NULL);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the Add Collaborator dialog");
  dialog = hbt_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Collaborator");

  collect (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_true (ADW_IS_ENTRY_ROW (rows->pdata[0]));
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Email Address");
  g_assert_true (ADW_IS_COMBO_ROW (rows->pdata[1]));
  role = ADW_COMBO_ROW (rows->pdata[1]);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (role)), ==, "Role");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (role)), ==, 2);
  g_assert_true (gtk_widget_get_parent (rows->pdata[0]) ==
                 gtk_widget_get_parent (GTK_WIDGET (role)));
  g_assert_true (
      gtk_widget_has_css_class (gtk_widget_get_parent (GTK_WIDGET (role)), "boxed-list"));
  collect (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 0);
  /* A combo row has a drop-down-like popover inside, but no GtkDropDown of its own. */
  collect (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, drop_downs);
  g_assert_cmpuint (drop_downs->len, ==, 0);
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (dialog), "add-collaborator-dialog.png");

  /* The role chosen in the row is the one sent. */
  gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "ana@example.com");
  adw_combo_row_set_selected (role, 1);
  adw_message_dialog_response (dialog, "accept");
  hbt_window_wait (fixture, user_is_admin, "ana", "ana added as an administrator");
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
  ADD ("/hb/collaborators/add-dialog", test_add_collaborator_dialog);
  ADD ("/hb/hostnames/needs-card", test_hostname_needs_card);
  ADD ("/hb/service-hooks/add-remove", test_service_hooks);
  ADD ("/hb/resources/remove-undo", test_remove_undo);
  ADD ("/hb/resources/remove-asks", test_remove_asks);
#undef ADD

  return g_test_run ();
}
