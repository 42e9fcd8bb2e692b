/* test-ui-markup.c: text from a server or a person reaches every label as plain text, never markup
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "hb-api.h"
#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-app-row.h"
#include "hb-builds-page.h"
#include "hb-create-app-dialog.h"
#include "hb-status-stack.h"
#include "hb-variables-page.h"
#include "hb-welcome-page.h"
#include "hb-window.h"
#include "hbt-utils.h"

/* Issue 12, item 1: markup that parses (tags, a link), markup that does not (GTK then shows
 * nothing at all), and a lone ampersand. Each must come back exactly as sent. */
#define TAGS "<b>&amp;</a>"
#define SPAN                                                                                       \
  "<span size=\"xx-large\" foreground=\"red\">Your session expired.</span> "                       \
  "<a href=\"https://evil.example/login\">Sign in again here</a>"
#define AMPERSAND "R&D apps: <b>bold"

static const char *const hostile[] = { TAGS, SPAN, AMPERSAND };

/* ---- a server that answers with hostile text ---------------------------- */

typedef struct
{
  SoupServer *server;
  char *base_url;
  const char *app_name;     /* the application "x" */
  const char *created_name; /* what POST /applications creates */
  const char *list_error;   /* GET /applications answers 403 with it */
  const char *builds_error; /* GET …/builds answers 403 with it */
  const char *rename_error; /* PUT answers 400 with it */
  HbClient *client;
  HbWindow *window;
} Fixture;

static void
respond_json (SoupServerMessage *msg, guint status, JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  respond_json (msg, status, node);
}

/* @first_member, then pairs of member names and string values (NULL for null). */
static void
add_object (JsonBuilder *builder, const char *first_member, ...)
{
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_member);
  for (const char *name = first_member; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      json_builder_set_member_name (builder, name);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  va_end (args);
  json_builder_end_object (builder);
}

static void
add_app (Fixture *f, JsonBuilder *builder, const char *slug, const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s/applications/%s", f->base_url, slug);

  add_object (builder, "name", name, "slug", slug, "region_identifier",
              "amazon-web-services::us-east-1", "url", url, NULL);
}

/* @what: "app-x", "app-y", "apps", "variables", "collaborators", "hostnames", "builds". */
static void
respond_with (Fixture *f, SoupServerMessage *msg, const char *what)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *item = NULL;

  if (g_str_equal (what, "app-x"))
    add_app (f, builder, "x", f->app_name);
  else if (g_str_equal (what, "app-y"))
    add_app (f, builder, "y", f->created_name);
  else
    {
      json_builder_begin_array (builder);
      if (g_str_equal (what, "apps"))
        add_app (f, builder, "x", f->app_name);
      else if (g_str_equal (what, "variables"))
        {
          item = g_strdup_printf ("%s/applications/x/configurationvariables/1", f->base_url);
          add_object (builder, "url", item, "key", TAGS, "value", SPAN, NULL);
        }
      else if (g_str_equal (what, "collaborators"))
        {
          item = g_strdup_printf ("%s/applications/x/collaborators/1", f->base_url);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, item);
          json_builder_set_member_name (builder, "user");
          add_object (builder, "id", "u1", "name", SPAN, NULL);
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, "collaborator");
          json_builder_end_object (builder);
        }
      else if (g_str_equal (what, "hostnames"))
        {
          item = g_strdup_printf ("%s/applications/x/hostnames/1", f->base_url);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, item);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, AMPERSAND);
          json_builder_set_member_name (builder, "canonical");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  node = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, node);
}

static void
handle (SoupServer *server,
        SoupServerMessage *msg,
        const char *path,
        GHashTable *query,
        gpointer user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  gboolean get = g_str_equal (method, "GET");

  if (g_str_equal (path, "/applications") && get)
    {
      if (f->list_error != NULL)
        respond_error (msg, SOUP_STATUS_FORBIDDEN, f->list_error);
      else
        respond_with (f, msg, "apps");
    }
  else if (g_str_equal (path, "/applications") && g_str_equal (method, "POST"))
    {
      g_autofree char *location = g_strconcat (f->base_url, "/applications/y", NULL);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                    location);
      soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
    }
  else if (g_str_equal (path, "/applications/y") && get)
    respond_with (f, msg, "app-y");
  else if (g_str_equal (path, "/applications/x") && get)
    respond_with (f, msg, "app-x");
  else if (g_str_equal (path, "/applications/x") && g_str_equal (method, "PUT") &&
           f->rename_error != NULL)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, f->rename_error);
  else if (g_str_equal (path, "/applications/x/builds") && get && f->builds_error != NULL)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, f->builds_error);
  else if (g_str_equal (path, "/applications/x/builds") && get)
    respond_with (f, msg, "builds");
  else if (g_str_equal (path, "/applications/x/configurationvariables") && get)
    respond_with (f, msg, "variables");
  else if (g_str_equal (path, "/applications/x/collaborators") && get)
    respond_with (f, msg, "collaborators");
  else if (g_str_equal (path, "/applications/x/hostnames") && get)
    respond_with (f, msg, "hostnames");
  else if (g_str_equal (method, "PUT") || g_str_equal (method, "DELETE"))
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  else if (get && g_str_has_prefix (path, "/applications/x/"))
    respond_with (f, msg, "builds"); /* any other list: empty */
  else
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "Not here");
}

/* ---- reading text back -------------------------------------------------- */

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Check) (gconstpointer data);

static void
wait_until (Check check, gconstpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (!check (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

/* What a person sees (and a screen reader reads: GTK names a label by this text) is the
 * label's text with any markup applied and removed; it must be the string as sent. */
static GtkLabel *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *text;
} Shown;

static gboolean
is_shown (gconstpointer data)
{
  const Shown *shown = data;

  return find_label (shown->root, shown->text) != NULL;
}

static void
assert_shows (gpointer root, const char *text)
{
  Shown shown = { GTK_WIDGET (root), text };
  g_autofree char *what = g_strdup_printf ("the literal text %s", text);

  wait_until (is_shown, &shown, what);
  g_test_message ("shown literally: %s", text);
}

static GtkWidget *
child_of (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkButton *
find_close_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0)
    return GTK_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast on show goes away, so that the next one is shown at once instead of queued. */
static void
dismiss_toast (Fixture *f, const char *text)
{
  GtkWidget *toast_widget = GTK_WIDGET (find_label (GTK_WIDGET (f->window), text));

  while (toast_widget != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (toast_widget), "AdwToastWidget"))
    toast_widget = gtk_widget_get_parent (toast_widget);
  g_assert_nonnull (toast_widget);
  g_signal_emit_by_name (find_close_button (toast_widget), "clicked");
}

static void
assert_toast (Fixture *f, const char *text)
{
  assert_shows (f->window, text);
  dismiss_toast (f, text);
}

/* The newest toplevel of @type other than the main window (a message dialog). */
static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
dialog_open (gconstpointer unused)
{
  return find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static GtkWindow *
await_dialog (void)
{
  wait_until (dialog_open, NULL, "a message dialog");
  return find_window (ADW_TYPE_MESSAGE_DIALOG);
}

static GtkAccessible *
find_app_row (GtkWidget *root)
{
  if (HB_IS_APP_ROW (root))
    return GTK_ACCESSIBLE (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkAccessible *found = find_app_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- fixture ------------------------------------------------------------ */

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  f->app_name = TAGS;
  f->created_name = SPAN;
  f->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (f->server, NULL, handle, f, NULL);
  g_assert_true (soup_server_listen_local (f->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->server);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->client = hb_client_new (f->base_url);
  hb_client_set_token (f->client, "markup-test-token");
}

static void
open_window (Fixture *f)
{
  f->window = g_object_ref_sink (hb_window_new (NULL, f->client));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
}

static gboolean
pointer_cleared (gconstpointer slot)
{
  return *(gpointer *) slot == NULL;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  if (f->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_object_unref (f->window);
      wait_until (pointer_cleared, &f->window, "the window to be finalized");
    }
  g_clear_object (&f->client);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_free (f->base_url);
}

static HbAppDetailView *
detail_view (Fixture *f)
{
  return HB_APP_DETAIL_VIEW (hb_window_get_detail_view (f->window));
}

static gboolean
app_selected (gconstpointer data)
{
  const Fixture *f = data;
  HbApp *app = hb_app_detail_view_get_app (detail_view ((Fixture *) f));

  return app != NULL && g_strcmp0 (hb_app_get_slug (app), "x") == 0;
}

static gboolean
list_has_x (gconstpointer data)
{
  const Fixture *f = data;
  HbAppList *apps =
      hb_app_list_view_get_list (HB_APP_LIST_VIEW (hb_window_get_list_view (f->window)));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         hb_remote_list_find (HB_REMOTE_LIST (apps), "x", NULL) != NULL;
}

/* As a person would: once the list shows the application (a window's first load starts after
 * its first frame; until then there is nothing to choose). */
static void
select_app (Fixture *f)
{
  wait_until (list_has_x, f, "the list to show the application");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-app", "s", "x");
  wait_until (app_selected, f, "the application to be selected");
}

/* ---- the paths ---------------------------------------------------------- */

/* The status page of a list that failed to load says the server's words. */
static void
test_status_page (Fixture *f, gconstpointer data)
{
  GtkWidget *list_view;

  f->list_error = hostile[0];
  open_window (f);
  list_view = hb_window_get_list_view (f->window);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      f->list_error = hostile[i];
      hb_app_list_view_reload (HB_APP_LIST_VIEW (list_view));
      assert_shows (list_view, hostile[i]);
    }
}

/* An application's name: the list row, the detail header and title, the confirmations. */
static void
test_app_name (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;
  GtkWindow *create;

  open_window (f);
  assert_shows (hb_window_get_list_view (f->window), TAGS);
  select_app (f);
  assert_shows (detail_view (f), TAGS);

  /* Deploy and Delete ask first, naming the application. */
  gtk_widget_activate_action (hb_app_detail_view_get_page (detail_view (f), "builds"),
                              "builds.deploy", "s", "1");
  dialog = await_dialog ();
  assert_shows (dialog, "“" TAGS "” will run this build.");
  gtk_window_destroy (dialog);
  gtk_widget_activate_action (GTK_WIDGET (detail_view (f)), "detail.delete", NULL);
  dialog = await_dialog ();
  assert_shows (dialog, "Delete “" TAGS "”?");
  gtk_window_destroy (dialog);

  /* Toasts: renamed (the name typed), created (the name the server gives back), deleted. */
  hb_app_detail_view_rename (detail_view (f), AMPERSAND);
  assert_toast (f, "Renamed to “" AMPERSAND "”");
  /* The list row's accessible name follows the rename, as its label does. */
  assert_shows (hb_window_get_list_view (f->window), AMPERSAND);
  gtk_test_accessible_assert_property (find_app_row (hb_window_get_list_view (f->window)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, AMPERSAND);
  f->app_name = AMPERSAND; /* as the server now says */
  create = hb_window_open_create_dialog (f->window);
  gtk_editable_set_text (GTK_EDITABLE (child_of (create, HB_TYPE_CREATE_APP_DIALOG, "name_row")),
                         "Anything");
  gtk_widget_activate_action (GTK_WIDGET (create), "create.submit", NULL);
  assert_toast (f, "“" SPAN "” created");
  select_app (f);
  hb_app_detail_view_delete (detail_view (f));
  assert_toast (f, "“" AMPERSAND "” deleted");
}

/* The server's words under a failed rename, in the dialog that comes back. */
static void
test_dialog_error (Fixture *f, gconstpointer data)
{
  GtkWindow *dialog;
  g_autofree char *body = NULL;

  f->rename_error = SPAN;
  open_window (f);
  select_app (f);
  hb_app_detail_view_rename (detail_view (f), "New name");
  dialog = await_dialog ();
  body = g_strconcat ("The service did not accept this request\n", SPAN, NULL);
  assert_shows (dialog, body);
}

/* A page of the application whose list failed: its status page. */
static void
test_builds_error (Fixture *f, gconstpointer data)
{
  f->builds_error = AMPERSAND;
  open_window (f);
  select_app (f);
  assert_shows (hb_app_detail_view_get_page (detail_view (f), "builds"), AMPERSAND);
}

static gboolean
variables_loaded (gconstpointer data)
{
  HbVariablesPage *page = (HbVariablesPage *) data;
  GListModel *model = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));

  return model != NULL && !hb_app_page_get_loading (HB_APP_PAGE (page)) &&
         g_list_model_get_n_items (model) > 0;
}

static GtkToggleButton *
find_toggle (GtkWidget *root)
{
  if (GTK_IS_TOGGLE_BUTTON (root))
    return GTK_TOGGLE_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_toggle (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A variable's key and value (anyone allowed to edit the application sets them). */
static void
test_variable (Fixture *f, gconstpointer data)
{
  HbVariablesPage *page;

  open_window (f);
  select_app (f);
  hb_app_detail_view_set_page (detail_view (f), "variables");
  page = HB_VARIABLES_PAGE (hb_app_detail_view_get_page (detail_view (f), "variables"));
  wait_until (variables_loaded, page, "the variables");
  assert_shows (page, TAGS);
  gtk_toggle_button_set_active (find_toggle (GTK_WIDGET (page)), TRUE);
  assert_shows (page, SPAN);

  hb_variables_page_remove (page, "1");
  assert_toast (f, "Variable “" TAGS "” removed");
}

/* A collaborator's user name and a hostname, as rows. */
static void
test_resources (Fixture *f, gconstpointer data)
{
  open_window (f);
  select_app (f);
  hb_app_detail_view_set_page (detail_view (f), "collaborators");
  assert_shows (hb_app_detail_view_get_page (detail_view (f), "collaborators"), SPAN);
  hb_app_detail_view_set_page (detail_view (f), "hostnames");
  assert_shows (hb_app_detail_view_get_page (detail_view (f), "hostnames"), AMPERSAND);
}

/* The welcome page names the server from its address, which a person typed. */
static void
test_welcome (void)
{
  g_autoptr (HbClient) client = hb_client_new ("https://r&d.example");
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = hb_welcome_page_new (client, G_MENU_MODEL (menu));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  assert_shows (page, "Sign in to r&d.example to manage your applications");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* GTK warns, and shows nothing, when a label's markup does not parse: that is a failure. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  hbt_tolerate_client_hangups ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/markup/status-page", test_status_page);
  ADD ("/markup/app-name", test_app_name);
  ADD ("/markup/dialog-error", test_dialog_error);
  ADD ("/markup/builds-error", test_builds_error);
  ADD ("/markup/variable", test_variable);
  ADD ("/markup/resources", test_resources);
#undef ADD
  g_test_add_func ("/markup/welcome", test_welcome);

  return g_test_run ();
}
