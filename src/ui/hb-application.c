/* hb-application.c: Harbor's AdwApplication: the client, sign-in state, app actions, --demo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hb-application.h"
#include "hb-build-notifier.h"
#include "hb-compat.h"
#include "hb-secret-store-libsecret.h"
#include "hb-ui-util.h"
#include "hb-window.h"
#include "hb-show-build.h"
#include "hb-sign-in.h"
#include "hbs-server.h"

struct _HbApplication
{
  AdwApplication parent_instance;

  HbClient *client;
  HbAuth *auth;
  HbSignIn *sign_in;   /* while one runs */
  GSettings *settings; /* NULL without the schema */
  HbBuildNotifier *notifier;
  HbsServer *demo_server;
  GCancellable *cancellable;
  char *api_url;
  char *env_token;
  gboolean demo;
};

G_DEFINE_FINAL_TYPE (HbApplication, hb_application, ADW_TYPE_APPLICATION)

static void
app_actions_update (HbApplication *self)
{
  gboolean signed_in = self->client != NULL && hb_client_get_signed_in (self->client);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-in");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !signed_in);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), signed_in);
}

/* The client's own rule, checked up front so a wrong --api-url is refused with a message. */
static gboolean
url_is_acceptable (const char *url, GError **error)
{
  if (hb_client_url_may_carry_token (url))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _ ("Refusing %s: use https, or http only for this computer"), url);
  return FALSE;
}

static char *
start_demo_server (HbApplication *self, GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "harbor", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.json", NULL);

  self->demo_server = hbs_server_new ();
  /* Load the earlier demo state first: seeding an already seeded world changes nothing. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !hbs_server_set_data_file (self->demo_server, path, error))
    {
      /* The demo still works, it just forgets its changes. */
      g_clear_error (error);
    }
  hbs_server_seed (self->demo_server);
  /* The in-process server shares Harbor's descriptors: give it the room harbor-server has. */
  hbs_server_raise_fd_limit ();
  if (!hbs_server_listen (self->demo_server, "127.0.0.1", 0, NULL, error))
    return NULL;
  return hbs_server_dup_base_url (self->demo_server);
}

static char *
choose_base_url (HbApplication *self, GError **error)
{
  g_autoptr (GSettings) settings = NULL;

  if (self->api_url != NULL)
    return g_strdup (self->api_url);
  if (self->demo)
    return start_demo_server (self, error);
  settings = hb_ui_settings_new ();
  if (settings != NULL)
    return g_settings_get_string (settings, "api-base-url");
  return g_strdup (HB_DEFAULT_API_URL);
}

static void
on_reauth_required (HbApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (HB_IS_WINDOW (window))
    hb_window_add_toast (HB_WINDOW (window), hb_ui_toast_new (_ ("You need to sign in again")));
}

/* Sign-in hook (issue #4): said once per run when no keyring could keep the token. */
static void
on_storage_unavailable (HbApplication *self, const char *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToast *toast;

  if (!HB_IS_WINDOW (window))
    window = GTK_WINDOW (gtk_application_get_windows (GTK_APPLICATION (self))
                             ? gtk_application_get_windows (GTK_APPLICATION (self))->data
                             : NULL);
  if (!HB_IS_WINDOW (window))
    return;
  toast =
      hb_ui_toast_new (_ ("Your sign-in could not be saved, so Harbor will ask again next time"));
  adw_toast_set_timeout (toast, 0);
  hb_window_add_toast (HB_WINDOW (window), toast);
}

static void
restore_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_auth_restore_finish (HB_AUTH (source), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not restore the sign-in: %s", error->message);
}

static void
on_sign_in_finished (HbApplication *self)
{
  g_clear_object (&self->sign_in);
}

/* One sign-in at a time: asking again while one runs brings its window back. */
static void
sign_in (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  HbApplication *self = user_data;

  if (self->sign_in != NULL)
    {
      hb_sign_in_present (self->sign_in);
      return;
    }
  self->sign_in =
      hb_sign_in_new (gtk_application_get_active_window (GTK_APPLICATION (self)), self->auth);
  if (self->sign_in != NULL)
    g_signal_connect_object (self->sign_in, "finished", G_CALLBACK (on_sign_in_finished), self,
                             G_CONNECT_SWAPPED);
}

static void
sign_out (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  HbApplication *self = user_data;

  hb_auth_sign_out (self->auth);
}

static void
show_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  HbApplication *self = user_data;
  const char *developers[] = { "Harbor developers", NULL };

  hb_ui_ensure_app_icon (gdk_display_get_default ());
  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _ ("Harbor"), "application-icon", APP_ID, "version",
                         PACKAGE_VERSION, "comments", _ ("Manage your AppHarbor applications"),
                         "developer-name", _ ("Harbor developers"), "developers", developers,
                         "website", "https://github.com/appharbor/harbor", "issue-url",
                         "https://github.com/appharbor/harbor/issues", "license-type",
                         GTK_LICENSE_GPL_3_0, "translator-credits", _ ("translator-credits"), NULL);
}

static void
quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* A notification's actions (hb-build-notifier.c): the window comes back (or is made, when
 * Harbor ran in the background or the desktop started it for this) and shows the build. */
static void
open_build (HbApplication *self, GVariant *param, gboolean tests)
{
  const char *slug, *build_id;
  GtkWindow *window;

  g_variant_get (param, "(&s&s)", &slug, &build_id);
  hb_build_notifier_withdraw (self->notifier, slug, build_id);
  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (HB_IS_WINDOW (window))
    hb_show_build (HB_WINDOW (window), slug, build_id, tests);
}

static void
show_build (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  open_build (user_data, param, FALSE);
}

static void
show_build_tests (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  open_build (user_data, param, TRUE);
}

static const GActionEntry app_entries[] = {
  { "sign-in", sign_in },
  { "sign-out", sign_out },
  { "about", show_about },
  { "quit", quit },
  { "show-build", show_build, "(ss)" },
  { "show-build-tests", show_build_tests, "(ss)" },
};

static int
hb_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  HbApplication *self = HB_APPLICATION (app);
  g_autoptr (GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("harbor %s\n", PACKAGE_VERSION);
      return 0;
    }
  g_variant_dict_lookup (options, "api-url", "s", &self->api_url);
  self->demo = g_variant_dict_contains (options, "demo");
  if (self->api_url != NULL && !url_is_acceptable (self->api_url, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return -1;
}

/* Loaded by hand: see hb_application_new (). */
static void
load_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
hb_application_startup (GApplication *app)
{
  HbApplication *self = HB_APPLICATION (app);
  g_autoptr (GError) error = NULL;
  g_autofree char *base_url = NULL;
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (hb_application_parent_class)->startup (app);
  hb_compat_init ();
  load_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);

  base_url = choose_base_url (self, &error);
  if (base_url == NULL)
    {
      g_printerr (_ ("Could not start the demo server: %s\n"), error->message);
      base_url = g_strdup (HB_DEFAULT_API_URL);
    }
  self->client = hb_client_new (base_url);
  self->auth = hb_auth_new (self->client, hb_secret_store_libsecret_new ());
  hb_auth_set_env_token (self->auth, self->env_token);
  g_signal_connect_object (self->auth, "reauth-required", G_CALLBACK (on_reauth_required), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auth, "storage-unavailable", G_CALLBACK (on_storage_unavailable),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (app_actions_update), self,
                           G_CONNECT_SWAPPED);
  app_actions_update (self);
  self->settings = hb_ui_settings_new ();
  self->notifier = hb_build_notifier_new (app, self->client, self->settings);
}

static void
hb_application_activate (GApplication *app)
{
  HbApplication *self = HB_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      /* The keyring answers asynchronously: nothing here waits for it. */
      hb_auth_restore_async (self->auth, self->cancellable, restore_cb, g_object_ref (self));
      window = GTK_WINDOW (hb_window_new (GTK_APPLICATION (app), self->client));
      g_object_bind_property (self->auth, "busy", window, "restoring", G_BINDING_SYNC_CREATE);
    }
  gtk_window_present (window);
}

static void
hb_application_shutdown (GApplication *app)
{
  HbApplication *self = HB_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->demo_server != NULL)
    hbs_server_flush (self->demo_server, NULL);
  G_APPLICATION_CLASS (hb_application_parent_class)->shutdown (app);
}

static void
hb_application_dispose (GObject *object)
{
  HbApplication *self = HB_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sign_in);
  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);
  g_clear_object (&self->auth);
  g_clear_object (&self->client);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->api_url, g_free);
  g_clear_pointer (&self->env_token, g_free);

  G_OBJECT_CLASS (hb_application_parent_class)->dispose (object);
}

static void
hb_application_class_init (HbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hb_application_dispose;
  app_class->handle_local_options = hb_application_handle_local_options;
  app_class->startup = hb_application_startup;
  app_class->activate = hb_application_activate;
  app_class->shutdown = hb_application_shutdown;
}

static void
hb_application_init (HbApplication *self)
{
  const GOptionEntry entries[] = {
    { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_ ("The AppHarbor service to use"), N_ ("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Run a local demo service with sample data"),
      NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
    { NULL }
  };

  hb_ui_ensure_resources ();
  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

void
hb_application_set_env_token (HbApplication *self, const char *token)
{
  g_return_if_fail (HB_IS_APPLICATION (self));

  g_free (self->env_token);
  self->env_token = g_strdup (token);
}

HbClient *
hb_application_get_client (HbApplication *self)
{
  g_return_val_if_fail (HB_IS_APPLICATION (self), NULL);
  return self->client;
}

HbAuth *
hb_application_get_auth (HbApplication *self)
{
  g_return_val_if_fail (HB_IS_APPLICATION (self), NULL);
  return self->auth;
}

HbApplication *
hb_application_new (void)
{
  /* No automatic resources: GtkApplication would add our icons to the icon theme during
   * startup, which throws away the index GTK is already reading on a worker thread, so the
   * first frame would read it again (about 6 ms of CPU).  style.css is loaded in startup and
   * the icons are added when first shown (hb_ui_ensure_app_icon ()). */
  return g_object_new (HB_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", NULL, NULL);
}
