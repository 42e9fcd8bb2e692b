/* test-create-app-dialog.c: HbCreateAppDialog in a window: create, refusals, a 401 that keeps the
 * input SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-auth.h"
#include "hb-create-app-dialog.h"
#include "hbt-requests.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
dialog_idle (Fixture *fixture, gconstpointer dialog)
{
  return !hb_create_app_dialog_get_busy ((HbCreateAppDialog *) dialog);
}

static gboolean
signed_out (Fixture *fixture, gconstpointer unused)
{
  return !hb_client_get_signed_in (fixture->client);
}

static gboolean
list_has_slug_loaded (Fixture *fixture, gconstpointer slug)
{
  HbAppList *apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         hbt_window_list_has_slug (fixture, slug);
}

static void
count_emission (guint *count)
{
  (*count)++;
}

static void
count_activation (GSimpleAction *action, GVariant *param, gpointer count)
{
  (*(guint *) count)++;
}

static void
test_create_valid (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name =
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  AdwComboRow *region =
      ADW_COMBO_ROW (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "region_row"));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (name, "Brand New App");
  adw_combo_row_set_selected (region, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  /* A second press while the first is in flight does nothing. */
  g_assert_true (hb_create_app_dialog_get_busy (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (
      hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);

  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "brand-new-app",
                   "the new application selected");
  g_assert_cmpstr (
      hb_app_get_region_id (hb_app_detail_view_get_app (hbt_window_detail_view (fixture))), ==,
      hb_region_to_id (HB_REGION_EU_WEST_1));
}

/* What Enter does in a text field: its key binding emits "activate". */
static void
press_enter (GtkWidget *text)
{
  g_signal_emit_by_name (text, "activate");
}

/* Issue 16, item 2: what is typed right after Ctrl+N goes into Name, and Enter creates, once,
 * as soon as the name is valid (the dialog used to open with focus on Cancel). */
static void
test_keyboard (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbtRequests) requests = hbt_requests_new (fixture->client);
  GtkWindow *dialog = NULL;
  GtkWidget *name, *focus;
  guint created = 0;

  /* Ctrl+N's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-app", NULL));
  for (guint i = 0; dialog == NULL && i < g_list_model_get_n_items (gtk_window_get_toplevels ());
       i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (HB_IS_CREATE_APP_DIALOG (window))
        dialog = GTK_WINDOW (window);
    }
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect_swapped (dialog, "created", G_CALLBACK (count_emission), &created);
  name = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row");
  hbt_settle (200);

  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_test_message ("focus on %s", G_OBJECT_TYPE_NAME (focus));
  g_assert_true (focus == name || gtk_widget_is_ancestor (focus, name));
  g_assert_true (GTK_IS_EDITABLE (focus));

  /* Enter with no name yet: nothing is sent, the dialog stays. */
  press_enter (focus);
  hbt_settle (200);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "POST"), ==, 0);

  /* Typed into the focused field, then Enter, twice: one application. */
  gtk_editable_set_text (GTK_EDITABLE (focus), "Keyboard App");
  press_enter (focus);
  press_enter (focus);
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, hbt_window_selected_is, "keyboard-app", "the new application chosen");
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (hbt_requests_count_of (requests, "POST /applications"), ==, 1);
}

static void
test_create_duplicate (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name =
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  GtkLabel *message =
      GTK_LABEL (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));

  gtk_editable_set_text (name, "Hello World");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, dialog_idle, dialog, "the create request");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "already exists"));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Hello World");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (dialog), "create-dialog-error.png");
  gtk_window_destroy (dialog);
}

static void
test_create_invalid (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name =
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  GtkLabel *message =
      GTK_LABEL (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));

  GtkWidget *create = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button");

  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_editable_set_text (name, "   ");
  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  gtk_editable_set_text (name, "!!!");
  g_assert_false (hb_create_app_dialog_get_valid (HB_CREATE_APP_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  g_assert_false (hb_create_app_dialog_get_busy (HB_CREATE_APP_DIALOG (dialog)));
  gtk_editable_set_text (name, "ok");
  g_assert_true (gtk_widget_get_sensitive (create));
  gtk_window_destroy (dialog);
}

/* Issue: a 401 from any call signs out "without losing what the person was doing". The
 * server stops knowing the token while the Create dialog holds typed text; pressing Create
 * gets a real 401. */
static void
test_create_reauth (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbAuth) auth = hb_auth_new (fixture->client, NULL);
  GtkWindow *dialog = hb_window_open_create_dialog (fixture->window);
  GtkEditable *name =
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row"));
  AdwComboRow *region =
      ADW_COMBO_ROW (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "region_row"));
  GtkWidget *signed_out_box =
      hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "signed_out_box");
  GtkWidget *sign_in = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "sign_in_button");
  GtkWidget *create = hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "create_button");
  GtkLabel *message =
      GTK_LABEL (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "message_label"));
  guint reauth_count = 0;
  guint sign_in_count = 0;
  const GActionEntry app_entries[] = { { "sign-in", count_activation } };
  g_autoptr (GSimpleActionGroup) app_actions = g_simple_action_group_new ();

  /* Stands in for HbApplication's app.sign-in, which opens the login window. */
  g_action_map_add_action_entries (G_ACTION_MAP (app_actions), app_entries,
                                   G_N_ELEMENTS (app_entries), &sign_in_count);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app",
                                  G_ACTION_GROUP (app_actions));
  g_signal_connect_swapped (auth, "reauth-required", G_CALLBACK (count_emission), &reauth_count);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_false (gtk_widget_get_visible (signed_out_box));
  gtk_editable_set_text (name, "After Reauth");
  adw_combo_row_set_selected (region, 1);

  hb_client_set_token (fixture->client, "revoked-token");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, signed_out, NULL, "the 401 to sign out");
  hbt_window_wait (fixture, dialog_idle, dialog, "the create request");
  g_assert_cmpuint (reauth_count, ==, 1);

  /* Still open, with what was typed, saying plainly what to do; Create waits for sign-in. */
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "After Reauth");
  g_assert_cmpuint (adw_combo_row_get_selected (region), ==, 1);
  g_assert_true (gtk_widget_is_visible (signed_out_box));
  g_assert_true (gtk_widget_is_visible (sign_in));
  g_assert_true (gtk_widget_get_sensitive (sign_in));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sign_in)), ==, "Sign In");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_false (gtk_widget_get_sensitive (create));
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (dialog), "create-dialog-signed-out.png");
  g_signal_emit_by_name (sign_in, "clicked");
  g_assert_cmpuint (sign_in_count, ==, 1);
  g_assert_nonnull (dialog);

  /* Signed in again (what the login window does through HbAuth): Create succeeds. */
  hb_client_set_token (fixture->client, HBT_DEMO_TOKEN);
  g_assert_false (gtk_widget_get_visible (signed_out_box));
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "After Reauth");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "the dialog to close");
  hbt_window_wait (fixture, list_has_slug_loaded, "after-reauth",
                   "the new application in the list");
  hbt_window_wait (fixture, hbt_window_selected_is, "after-reauth", "the new application selected");
  g_assert_cmpstr (
      hb_app_get_region_id (hb_app_detail_view_get_app (hbt_window_detail_view (fixture))), ==,
      hb_region_to_id (HB_REGION_EU_WEST_1));
  g_assert_cmpstr (hb_window_get_page (fixture->window), ==, "main");
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
  ADD ("/hb/create-app/valid", test_create_valid);
  ADD ("/hb/create-app/keyboard", test_keyboard);
  ADD ("/hb/create-app/duplicate", test_create_duplicate);
  ADD ("/hb/create-app/invalid", test_create_invalid);
  ADD ("/hb/create-app/reauth-keeps-input", test_create_reauth);
#undef ADD

  return g_test_run ();
}
