/* test-drains-page.c: HbDrainsPage against a seeded harbor-server: list, copy, add (checked,
 * a 400 and a 409 inline with the address kept), remove after asking, with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-drains-page.h"
#include "hbt-requests.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

#define SEEDED_DRAIN "syslog://logs.example.com:514"
#define ADD_PATH "POST /applications/hello-world/drains"

static HbDrainsPage *
drains_page (Fixture *fixture)
{
  return HB_DRAINS_PAGE (hbt_window_show_page (fixture, "drains"));
}

static GListModel *
drains (Fixture *fixture)
{
  return G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (drains_page (fixture))));
}

static GtkWidget *
child (Fixture *fixture, const char *name)
{
  return hbt_template_child (drains_page (fixture), HB_TYPE_DRAINS_PAGE, name);
}

static gboolean
count_is (Fixture *fixture, gconstpointer data)
{
  HbAppPage *page = HB_APP_PAGE (drains_page (fixture));

  return !hb_app_page_get_loading (page) &&
         g_list_model_get_n_items (G_LIST_MODEL (hb_app_page_get_list (page))) ==
             *(const guint *) data;
}

static gboolean
settled (Fixture *fixture, gconstpointer unused)
{
  return !hb_app_page_get_loading (HB_APP_PAGE (drains_page (fixture)));
}

static gboolean
error_shown (Fixture *fixture, gconstpointer unused)
{
  return gtk_widget_get_visible (child (fixture, "error_label"));
}

static gboolean
adding_done (Fixture *fixture, gconstpointer unused)
{
  return gtk_widget_get_sensitive (child (fixture, "url_entry"));
}

/* The drain with address @url, or NULL. */
static HbDrain *
find_drain (Fixture *fixture, const char *url)
{
  GListModel *items = drains (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HbDrain) drain = g_list_model_get_item (items, i);

      if (g_strcmp0 (hb_resource_get_value (HB_RESOURCE (drain)), url) == 0)
        return drain; /* the list holds it */
    }
  return NULL;
}

static gboolean
has_drain (Fixture *fixture, gconstpointer url)
{
  return settled (fixture, NULL) && find_drain (fixture, url) != NULL;
}

static void
open_hello_world (Fixture *fixture)
{
  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, has_drain, SEEDED_DRAIN, "the seeded drain");
}

static void
type (Fixture *fixture, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "url_entry")), text);
}

static const char *
typed (Fixture *fixture)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (fixture, "url_entry")));
}

static const char *
error_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, "error_label")));
}

/* The first widget under @root (depth first) for which @match holds. */
static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

typedef struct
{
  const char *action;
  const char *target;
} Action;

static gboolean
is_button_for (GtkWidget *widget, gconstpointer data)
{
  const Action *want = data;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), want->action) != 0)
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), want->target) == 0;
}

static gboolean
toast_shown (Fixture *fixture, gconstpointer text)
{
  return find_widget (GTK_WIDGET (fixture->window), is_label_with, text) != NULL;
}

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
clipboard_text (Fixture *fixture)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->window)), NULL,
                                 read_text_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

/* Each row shows its address and token, and has a named button to copy each. */
static void
test_list_and_copy (Fixture *fixture, gconstpointer data)
{
  HbDrain *drain;
  GtkWidget *row, *button;
  g_autofree char *copied = NULL;
  const char *id, *token;

  open_hello_world (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (drains (fixture)), ==, 1);
  drain = find_drain (fixture, SEEDED_DRAIN);
  id = hb_resource_get_id (HB_RESOURCE (drain));
  token = hb_drain_get_token (drain);
  g_assert_true (g_str_has_prefix (token, "d."));

  row = find_widget (child (fixture, "list_box"), is_row_titled, SEEDED_DRAIN);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, token);

  button = find_widget (row, is_button_for, &(Action){ "drains.copy-url", id });
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, SEEDED_DRAIN);
  g_clear_pointer (&copied, g_free);

  button = find_widget (row, is_button_for, &(Action){ "drains.copy-token", id });
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, token);
  g_assert_nonnull (find_widget (row, is_button_for, &(Action){ "drains.remove", id }));
}

/* A checked address is added; the field empties and the list shows the new drain. */
static void
test_add (Fixture *fixture, gconstpointer data)
{
  const char *url = "https://logs.example.org/harbor";
  guint two = 2;
  HbDrain *drain;

  open_hello_world (fixture);
  type (fixture, url);
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "add_button")));
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.add", NULL);
  hbt_window_wait (fixture, count_is, &two, "the added drain");
  drain = find_drain (fixture, url);
  g_assert_nonnull (drain);
  g_assert_true (g_str_has_prefix (hb_drain_get_token (drain), "d."));
  hbt_window_wait (fixture, adding_done, NULL, "the field back");
  g_assert_cmpstr (typed (fixture), ==, "");
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_label")));
  hbt_window_wait (fixture, toast_shown, "Drain https://logs.example.org/harbor added",
                   "the toast");
}

/* What cannot be a drain's address is never sent: Add Drain (or Enter) says why instead. */
static void
test_check (Fixture *fixture, gconstpointer data)
{
  static const char *const bad[] = { "logs.example.com:514", "ftp://logs.example.com/", "syslog://",
                                     "https://exa mple.com/", "   " };
  static const char *const good[] = { "syslog://logs.example.com:514", "http://10.0.0.1/logs",
                                      "HTTPS://Logs.Example.com/drain?key=1" };
  g_autoptr (HbtRequests) requests = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *problem = hb_drains_page_check_url (bad[i]);

      g_assert_nonnull (problem);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *problem = hb_drains_page_check_url (good[i]);

      g_assert_null (problem);
    }

  open_hello_world (fixture);
  requests = hbt_requests_new (fixture->client);
  for (gsize i = 0; i < G_N_ELEMENTS (bad) - 1; i++)
    {
      type (fixture, bad[i]);
      g_assert_true (gtk_widget_is_sensitive (child (fixture, "add_button")));
      g_assert_false (gtk_widget_get_visible (child (fixture, "error_label")));
      if (i % 2 == 0)
        g_signal_emit_by_name (child (fixture, "add_button"), "clicked");
      else
        g_signal_emit_by_name (child (fixture, "url_entry"), "activate");
      g_assert_true (gtk_widget_get_visible (child (fixture, "error_label")));
      g_assert_cmpstr (typed (fixture), ==, bad[i]);
    }
  g_assert_nonnull (strstr (error_text (fixture), "no spaces"));
  type (fixture, "syslog://");
  g_signal_emit_by_name (child (fixture, "url_entry"), "activate");
  g_assert_nonnull (strstr (error_text (fixture), "host name"));
  type (fixture, "ftp://logs.example.com/");
  g_signal_emit_by_name (child (fixture, "url_entry"), "activate");
  g_assert_nonnull (strstr (error_text (fixture), "syslog://, http:// or https://"));
  /* An empty field: Add Drain is off, Enter says what to type. */
  type (fixture, "");
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "add_button")));
  g_signal_emit_by_name (child (fixture, "url_entry"), "activate");
  g_assert_nonnull (strstr (error_text (fixture), "Enter the address"));
  /* Typing again takes the complaint away. */
  type (fixture, "syslog://logs.example.com:5140");
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_label")));
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "add_button")));
  hbt_settle (200);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "POST "), ==, 0);
}

/* The server refuses (400: too long for it; 409: there already): its words show under the
 * field, which keeps the address; nothing is added. */
static void
test_add_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) long_url = g_string_new ("syslog://logs.example.com:514/");
  g_autoptr (HbtRequests) requests = NULL;
  guint one = 1;

  open_hello_world (fixture);
  requests = hbt_requests_new (fixture->client);
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (long_url, 'a' + i % 26);
  type (fixture, long_url->str);
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.add", NULL);
  hbt_window_wait (fixture, error_shown, NULL, "the server's answer");
  g_assert_cmpuint (hbt_requests_count_of (requests, ADD_PATH), ==, 1);
  g_assert_nonnull (strstr (error_text (fixture), "The service did not accept this request"));
  g_assert_nonnull (strstr (error_text (fixture), "is not a URL with one of the schemes"));
  hbt_window_wait (fixture, adding_done, NULL, "the field back");
  g_assert_cmpstr (typed (fixture), ==, long_url->str);
  g_assert_true (gtk_widget_has_css_class (child (fixture, "url_entry"), "error"));
  hbt_window_wait (fixture, count_is, &one, "the list as it was");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "drains-page-400.png");

  type (fixture, SEEDED_DRAIN);
  g_assert_false (gtk_widget_get_visible (child (fixture, "error_label")));
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.add", NULL);
  hbt_window_wait (fixture, error_shown, NULL, "the server's answer");
  g_assert_nonnull (strstr (error_text (fixture), "That drain already exists"));
  hbt_window_wait (fixture, adding_done, NULL, "the field back");
  g_assert_cmpstr (typed (fixture), ==, SEEDED_DRAIN);
  g_assert_cmpuint (g_list_model_get_n_items (drains (fixture)), ==, 1);
}

/* As a click on the button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog, const char *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
dialog_gone (Fixture *fixture, gconstpointer unused)
{
  return !hbt_window_dialog_open (fixture, NULL);
}

static gboolean
lacks_drain (Fixture *fixture, gconstpointer url)
{
  return settled (fixture, NULL) && find_drain (fixture, url) == NULL;
}

/* Remove asks first, naming the drain; the toast names it too, and Undo puts it back (the
 * service gives it a new token). */
static void
test_remove_undo (Fixture *fixture, gconstpointer data)
{
  AdwMessageDialog *dialog;
  HbDrain *drain;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  GtkWidget *undo;

  open_hello_world (fixture);
  drain = find_drain (fixture, SEEDED_DRAIN);
  id = g_strdup (hb_resource_get_id (HB_RESOURCE (drain)));
  token = g_strdup (hb_drain_get_token (drain));

  /* Cancel keeps it. */
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.remove", "s", id);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove Drain?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), SEEDED_DRAIN));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Hello World"));
  respond (dialog, "cancel");
  hbt_window_wait (fixture, dialog_gone, NULL, "the question to go");
  hbt_settle (200);
  g_assert_nonnull (find_drain (fixture, SEEDED_DRAIN));

  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.remove", "s", id);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  hbt_settle (200);
  hbt_save_screenshot (GTK_WIDGET (dialog), "drains-remove-question.png");
  respond (dialog, "remove");
  hbt_window_wait (fixture, lacks_drain, SEEDED_DRAIN, "the drain to go");
  hbt_window_wait (fixture, toast_shown, "Drain " SEEDED_DRAIN " removed", "the toast");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "drains-removed-toast.png");

  undo = find_widget (GTK_WIDGET (fixture->window), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  hbt_window_wait (fixture, has_drain, SEEDED_DRAIN, "the drain back");
  drain = find_drain (fixture, SEEDED_DRAIN);
  g_assert_cmpstr (hb_drain_get_token (drain), !=, token);
  hbt_window_wait (fixture, toast_shown, "Drain " SEEDED_DRAIN " added again, with a new token",
                   "the Undo toast");
}

/* The page as people see it: the seeded drain, another one, and an address being typed. */
static void
test_screenshot (Fixture *fixture, gconstpointer data)
{
  guint two = 2;

  open_hello_world (fixture);
  type (fixture, "https://logs.example.org/harbor");
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "drains.add", NULL);
  hbt_window_wait (fixture, count_is, &two, "the added drain");
  hbt_window_wait (fixture, adding_done, NULL, "the field back");
  type (fixture, "syslog://");
  g_signal_emit_by_name (child (fixture, "url_entry"), "activate");
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "drains-page.png");
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
  ADD ("/hb/drains/list-and-copy", test_list_and_copy);
  ADD ("/hb/drains/add", test_add);
  ADD ("/hb/drains/check", test_check);
  ADD ("/hb/drains/add-refused", test_add_refused);
  ADD ("/hb/drains/remove-undo", test_remove_undo);
  ADD ("/hb/drains/screenshot", test_screenshot);
#undef ADD

  return g_test_run ();
}
