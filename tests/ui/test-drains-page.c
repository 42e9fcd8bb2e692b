/* test-drains-page.c: the Drains page (HbResourcesPage with the drains descriptor) against a
 * seeded harbor-server: list, copy, add (checked in the form, a 400 and a 409 shown in it
 * with the address kept), remove after asking, with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-form-dialog.h"
#include "hb-resource-descriptors.h"
#include "hb-resources-page.h"
#include "hbt-requests.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

#define SEEDED_DRAIN "syslog://logs.example.com:514"
#define ADD_PATH "POST /applications/hello-world/drains"

static HbResourcesPage *
drains_page (Fixture *fixture)
{
  return HB_RESOURCES_PAGE (hbt_window_show_page (fixture, "drains"));
}

static GListModel *
drains (Fixture *fixture)
{
  return G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (drains_page (fixture))));
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

/* Add Drain's form, open. */
static HbFormDialog *
open_form (Fixture *fixture)
{
  HbFormDialog *form;

  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "resources.add", NULL);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the Add Drain form");
  form = HB_FORM_DIALOG (hbt_message_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (form)), ==, "Add Drain");
  return form;
}

static GtkWidget *
field (HbFormDialog *form)
{
  return hb_form_dialog_get_field (form, 0);
}

static void
type (HbFormDialog *form, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (form)), text);
}

static gboolean
can_add (HbFormDialog *form)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "accept");
}

static gboolean
is_problem_label (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static GtkWidget *
find_widget (GtkWidget *root, gboolean (*match) (GtkWidget *, gconstpointer), gconstpointer data);

/* What the form says under the address, or NULL when it says nothing. */
static const char *
problem (HbFormDialog *form)
{
  GtkWidget *label = find_widget (GTK_WIDGET (form), is_problem_label, NULL);

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* A new form came back after a failed add. */
static gboolean
form_back (Fixture *fixture, gconstpointer unused)
{
  return hbt_window_dialog_open (fixture, NULL);
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

  row = find_widget (GTK_WIDGET (drains_page (fixture)), is_row_titled, SEEDED_DRAIN);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, token);

  button = find_widget (row, is_button_for, &(Action){ "resources.copy-value", id });
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, SEEDED_DRAIN);
  g_clear_pointer (&copied, g_free);

  button = find_widget (row, is_button_for, &(Action){ "resources.copy-detail", id });
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  copied = clipboard_text (fixture);
  g_assert_cmpstr (copied, ==, token);
  g_assert_nonnull (find_widget (row, is_button_for, &(Action){ "resources.remove", id }));
}

/* A checked address is added: the list shows the new drain with its token. */
static void
test_add (Fixture *fixture, gconstpointer data)
{
  const char *url = "https://logs.example.org/harbor";
  guint two = 2;
  HbFormDialog *form;
  HbDrain *drain;

  open_hello_world (fixture);
  form = open_form (fixture);
  g_assert_false (can_add (form));
  type (form, url);
  g_assert_true (can_add (form));
  g_assert_null (problem (form));
  respond (ADW_MESSAGE_DIALOG (form), "accept");
  hbt_window_wait (fixture, count_is, &two, "the added drain");
  drain = find_drain (fixture, url);
  g_assert_nonnull (drain);
  g_assert_true (g_str_has_prefix (hb_drain_get_token (drain), "d."));
  hbt_window_wait (fixture, toast_shown, "Drain “https://logs.example.org/harbor” added",
                   "the toast");
}

/* What cannot be a drain's address is never sent: Add stays off, and the form says why
 * under the field while it holds it. */
static void
test_check (Fixture *fixture, gconstpointer data)
{
  static const char *const bad[] = { "logs.example.com:514", "ftp://logs.example.com/", "syslog://",
                                     "https://exa mple.com/" };
  static const char *const why[] = { "syslog://, http:// or https://",
                                     "syslog://, http:// or https://", "host name", "no spaces" };
  static const char *const good[] = { "syslog://logs.example.com:514", "http://10.0.0.1/logs",
                                      "HTTPS://Logs.Example.com/drain?key=1" };
  char *(*check) (const char *) = hb_resource_descriptor_lookup (HB_TYPE_DRAIN)->check;
  g_autoptr (HbtRequests) requests = NULL;
  HbFormDialog *form;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *reason = check (bad[i]);

      g_assert_nonnull (reason);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *reason = check (good[i]);

      g_assert_null (reason);
    }

  open_hello_world (fixture);
  requests = hbt_requests_new (fixture->client);
  form = open_form (fixture);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type (form, bad[i]);
      g_assert_false (can_add (form));
      g_assert_nonnull (problem (form));
      g_assert_nonnull (strstr (problem (form), why[i]));
      g_assert_true (gtk_widget_has_css_class (field (form), "error"));
      /* Enter does not send it either. */
      gtk_widget_activate_default (field (form));
    }
  /* Blank: off, and nothing to complain about yet. */
  type (form, "   ");
  g_assert_false (can_add (form));
  g_assert_null (problem (form));
  /* Typing a good one takes the complaint away. */
  type (form, "syslog://logs.example.com:5140");
  g_assert_null (problem (form));
  g_assert_false (gtk_widget_has_css_class (field (form), "error"));
  g_assert_true (can_add (form));
  type (form, "syslog://");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (form), "drains-add-check.png");
  respond (ADW_MESSAGE_DIALOG (form), "cancel");
  hbt_settle (200);
  g_assert_cmpuint (hbt_requests_count_prefix (requests, "POST "), ==, 0);
}

/* The server refuses (400: too long for it; 409: there already): the form comes back with
 * the address and the server's words; nothing is added. */
static void
test_add_refused (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) long_url = g_string_new ("syslog://logs.example.com:514/");
  g_autoptr (HbtRequests) requests = NULL;
  HbFormDialog *form;
  const char *body;

  open_hello_world (fixture);
  requests = hbt_requests_new (fixture->client);
  for (guint i = 0; i < 2000; i++)
    g_string_append_c (long_url, 'a' + i % 26);
  form = open_form (fixture);
  type (form, long_url->str);
  respond (ADW_MESSAGE_DIALOG (form), "accept");
  hbt_window_wait (fixture, form_back, NULL, "the form back with the server's answer");
  form = HB_FORM_DIALOG (hbt_message_dialog ());
  g_assert_cmpuint (hbt_requests_count_of (requests, ADD_PATH), ==, 1);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form));
  g_assert_nonnull (strstr (body, "is not a URL with one of the schemes"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (form))), ==, long_url->str);
  g_assert_true (gtk_widget_has_css_class (field (form), "error"));
  g_assert_cmpuint (g_list_model_get_n_items (drains (fixture)), ==, 1);
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (form), "drains-add-400.png");

  /* Typing again answers the complaint. */
  type (form, SEEDED_DRAIN);
  g_assert_false (gtk_widget_has_css_class (field (form), "error"));
  respond (ADW_MESSAGE_DIALOG (form), "accept");
  hbt_window_wait (fixture, form_back, NULL, "the form back with the server's answer");
  form = HB_FORM_DIALOG (hbt_message_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)),
                            "That drain already exists"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (form))), ==, SEEDED_DRAIN);
  g_assert_cmpuint (g_list_model_get_n_items (drains (fixture)), ==, 1);
  respond (ADW_MESSAGE_DIALOG (form), "cancel");
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
  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "resources.remove", "s", id);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “" SEEDED_DRAIN "”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "new token"));
  respond (dialog, "cancel");
  hbt_window_wait (fixture, dialog_gone, NULL, "the question to go");
  hbt_settle (200);
  g_assert_nonnull (find_drain (fixture, SEEDED_DRAIN));

  gtk_widget_activate_action (GTK_WIDGET (drains_page (fixture)), "resources.remove", "s", id);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  hbt_settle (200);
  hbt_save_screenshot (GTK_WIDGET (dialog), "drains-remove-question.png");
  respond (dialog, "remove");
  hbt_window_wait (fixture, lacks_drain, SEEDED_DRAIN, "the drain to go");
  hbt_window_wait (fixture, toast_shown, "Drain “" SEEDED_DRAIN "” removed", "the toast");
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "drains-removed-toast.png");

  undo = find_widget (GTK_WIDGET (fixture->window), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  hbt_window_wait (fixture, has_drain, SEEDED_DRAIN, "the drain back");
  drain = find_drain (fixture, SEEDED_DRAIN);
  g_assert_cmpstr (hb_drain_get_token (drain), !=, token);
  hbt_window_wait (fixture, toast_shown, "Drain “" SEEDED_DRAIN "” added again, with a new token",
                   "the Undo toast");
}

/* The page as people see it: the seeded drain and another one. */
static void
test_screenshot (Fixture *fixture, gconstpointer data)
{
  guint two = 2;

  open_hello_world (fixture);
  hb_resources_page_add (drains_page (fixture), "https://logs.example.org/harbor",
                         HB_COLLABORATOR_ROLE_UNKNOWN);
  hbt_window_wait (fixture, count_is, &two, "the added drain");
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
