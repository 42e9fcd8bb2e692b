/* hb-sign-in.c: runs one sign-in: the login window (loaded on demand), the browser handoff
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-sign-in.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "hb-oauth-receiver.h"
#include "hb-ui-util.h"

/* How long the loopback receiver waits once the person has gone to their web browser. */
#define BROWSER_TIMEOUT_SECONDS (5 * 60)

struct _HbSignIn
{
  GObject parent_instance;

  HbAuth *auth;
  GtkWindow *parent;
  GtkWindow *window; /* HbLoginWindow, or a message dialog without the module */
  HbOAuthReceiver *receiver;
  HbOAuth *attempt;
  GCancellable *cancellable; /* the current attempt's waits and exchange */
  gboolean answered;         /* the current attempt's redirect has arrived */
};

G_DEFINE_FINAL_TYPE (HbSignIn, hb_sign_in, G_TYPE_OBJECT)

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_attempt (HbSignIn *self);

static gboolean
destroy_window_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
hb_sign_in_dispose (GObject *object)
{
  HbSignIn *self = HB_SIGN_IN (object);

  g_cancellable_cancel (self->cancellable);
  if (self->window != NULL)
    {
      /* Hidden now, destroyed on the next pass of the main loop, as the window does itself
       * on close; not below redraw, where the list's spinner would hold it back. */
      g_signal_handlers_disconnect_by_data (self->window, self);
      gtk_widget_set_visible (GTK_WIDGET (self->window), FALSE);
      g_idle_add_full (G_PRIORITY_DEFAULT, destroy_window_cb, g_object_ref (self->window),
                       g_object_unref);
    }
  g_clear_object (&self->window);
  g_clear_object (&self->receiver);
  g_clear_object (&self->attempt);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->parent);
  g_clear_object (&self->auth);

  G_OBJECT_CLASS (hb_sign_in_parent_class)->dispose (object);
}

static void
hb_sign_in_class_init (HbSignInClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hb_sign_in_dispose;

  /**
   * HbSignIn::finished:
   *
   * The sign-in is over (signed in, or the window closed): its owner lets go of it.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_sign_in_init (HbSignIn *self)
{
}

/* Ends the sign-in: the attempt's waits end (their callbacks hold references too), then the
 * owner drops its reference, which disposes @self. */
static void
finish (HbSignIn *self)
{
  g_cancellable_cancel (self->cancellable);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
show_problem (HbSignIn *self, const char *title, const char *description, gboolean offer_retry)
{
  if (self->window == NULL)
    return;
  if (ADW_IS_MESSAGE_DIALOG (self->window))
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self->window), title);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self->window), description);
      return;
    }
  g_signal_emit_by_name (self->window, "show-problem", title, description, offer_retry);
}

/* Says what failed and what to do, in the person's words; the technical detail goes last. */
static void
show_error (HbSignIn *self, const GError *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_ACCESS_DENIED))
    show_problem (self, _ ("Access Denied"),
                  _ ("Harbor was not allowed to use your AppHarbor account, so you are still "
                     "signed out."),
                  TRUE);
  else if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_TIMED_OUT))
    show_problem (self, _ ("No Answer From Your Web Browser"),
                  _ ("The sign-in in your web browser did not finish within five minutes. Try "
                     "again, or sign in here instead."),
                  TRUE);
  else if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER))
    {
      text =
          g_strdup_printf (_ ("The server refused the sign-in (%s). Try again."), error->message);
      show_problem (self, _ ("Sign-In Failed"), text, TRUE);
    }
  else if (error->domain == HB_OAUTH_ERROR)
    show_problem (self, _ ("Sign-In Failed"),
                  _ ("The server’s answer did not belong to this sign-in or could not be read. "
                     "Try again."),
                  TRUE);
  else if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR)
    {
      text = g_strdup_printf (_ ("Harbor could not reach %s (%s). Check your connection and "
                                 "try again."),
                              hb_auth_get_server (self->auth), error->message);
      show_problem (self, _ ("Cannot Reach the Server"), text, TRUE);
    }
  else
    {
      /* An untrusted certificate, a refused plain-http server: the app's usual words. */
      text = hb_ui_error_to_text (error);
      show_problem (self, _ ("Sign-In Failed"), text, TRUE);
    }
}

static void
sign_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbSignIn) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_auth_sign_in_finish (HB_AUTH (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (self->parent != NULL)
    gtk_window_present (self->parent);
  finish (self);
}

/* One place for both ways the redirect arrives: intercepted in the web view, or received by
 * the loopback listener from the person's browser. */
static void
handle_redirect_result (HbSignIn *self, char *code, const GError *error)
{
  g_autofree char *owned_code = code;

  /* WebKit may offer the same redirect more than once; only the first one counts. */
  if (self->answered)
    return;
  self->answered = TRUE;
  if (owned_code == NULL)
    {
      show_error (self, error);
      return;
    }
  if (self->window != NULL && !ADW_IS_MESSAGE_DIALOG (self->window))
    g_signal_emit_by_name (self->window, "show-busy");
  hb_auth_sign_in_async (self->auth, self->attempt, owned_code, self->cancellable, sign_in_cb,
                         g_object_ref (self));
}

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbSignIn) self = user_data;
  g_autoptr (GError) error = NULL;
  char *code = hb_oauth_receiver_wait_finish (HB_OAUTH_RECEIVER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The person is in their browser: bring Harbor back to the front. */
  if (self->window != NULL)
    gtk_window_present (self->window);
  handle_redirect_result (self, code, error);
}

static gboolean
on_navigation (HbSignIn *self, const char *uri)
{
  g_autoptr (GError) error = NULL;
  char *code;

  if (!hb_oauth_is_redirect (self->attempt, uri))
    return FALSE;
  if (self->answered)
    return TRUE;
  code = hb_oauth_parse_redirect (self->attempt, uri, &error);
  handle_redirect_result (self, code, error);
  return TRUE;
}

static void
launch_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbSignIn) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  text = g_strdup_printf (_ ("Harbor could not open a web browser (%s). Copy the link into a "
                             "browser yourself, or sign in here."),
                          error->message);
  show_problem (self, _ ("No Web Browser Found"), text, TRUE);
}

/* Goes through the OpenURI portal inside a Flatpak; GtkUriLauncher needs GTK 4.10. */
static void
open_in_browser (HbSignIn *self)
{
  g_autoptr (GAppLaunchContext) context = NULL;
  g_autofree char *uri = hb_oauth_dup_authorize_uri (self->attempt);

  if (self->window != NULL)
    context = G_APP_LAUNCH_CONTEXT (
        gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self->window))));
  hb_oauth_receiver_wait_async (self->receiver, self->attempt, BROWSER_TIMEOUT_SECONDS,
                                self->cancellable, wait_cb, g_object_ref (self));
  g_app_info_launch_default_for_uri_async (uri, context, self->cancellable, launch_cb,
                                           g_object_ref (self));
}

static void
on_cancelled (HbSignIn *self)
{
  /* The window is closing itself. */
  g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_object (&self->window);
  finish (self);
}

static void
start_attempt (HbSignIn *self)
{
  g_autofree char *uri = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->attempt);
  self->answered = FALSE;
  self->attempt = hb_auth_new_attempt (self->auth, hb_oauth_receiver_get_port (self->receiver));

  /* The listener also waits in embedded mode, without a time limit: a person may paste the
   * copied link into a browser at any time. */
  hb_oauth_receiver_wait_async (self->receiver, self->attempt, 0, self->cancellable, wait_cb,
                                g_object_ref (self));
  uri = hb_oauth_dup_authorize_uri (self->attempt);
  if (self->window != NULL && !ADW_IS_MESSAGE_DIALOG (self->window))
    g_object_set (self->window, "authorize-uri", uri, NULL);
}

/* The folder of the running executable, or NULL where /proc is missing. */
static char *
dup_exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL ? g_path_get_dirname (exe) : NULL;
}

/* HARBOR_MODULE_DIR when set; else next to the running harbor when it is not the installed
 * one (an uninstalled build of either profile keeps the module beside it); else PKGLIBDIR. */
static char *
dup_module_dir (void)
{
  const char *env = g_getenv ("HARBOR_MODULE_DIR");
  g_autofree char *exe_dir = NULL;
  g_autofree char *beside = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  exe_dir = dup_exe_dir ();
  if (exe_dir != NULL && g_strcmp0 (exe_dir, BINDIR) != 0)
    {
      beside = g_build_filename (exe_dir, HB_LOGIN_MODULE_NAME "." G_MODULE_SUFFIX, NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&exe_dir);
    }
  return g_strdup (PKGLIBDIR);
}

/* Loads WebKit only now, on the first sign-in of this run. */
static GType
load_login_window_type (GError **error)
{
  static GType type = G_TYPE_INVALID;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GModule *module;
  GType (*get_type) (void) = NULL;

  if (type != G_TYPE_INVALID)
    return type;

  dir = dup_module_dir ();
  path = g_build_filename (dir, HB_LOGIN_MODULE_NAME "." G_MODULE_SUFFIX, NULL);
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", g_module_error ());
      return G_TYPE_INVALID;
    }
  if (!g_module_symbol (module, "hb_login_window_get_type", (gpointer *) &get_type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", g_module_error ());
      g_module_close (module);
      return G_TYPE_INVALID;
    }
  type = get_type ();
  return type;
}

static void
on_use_browser (HbSignIn *self)
{
  open_in_browser (self);
}

static void
create_login_window (HbSignIn *self, GType type)
{
  self->window = (GtkWindow *) g_object_ref_sink (
      g_object_new (type, "transient-for", self->parent, "modal", TRUE, NULL));
  g_signal_connect_object (self->window, "navigation", G_CALLBACK (on_navigation), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window, "use-browser", G_CALLBACK (on_use_browser), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window, "retry", G_CALLBACK (start_attempt), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window, "cancelled", G_CALLBACK (on_cancelled), self,
                           G_CONNECT_SWAPPED);
}

/* Without the module (a broken installation) the browser still works. */
static void
create_fallback_dialog (HbSignIn *self, const GError *error)
{
  g_message ("The sign-in window could not be loaded: %s", error->message);
  self->window = (GtkWindow *) g_object_ref_sink (
      adw_message_dialog_new (self->parent, _ ("Continue in Your Web Browser"),
                              _ ("Sign in on the page that opened in your web browser. Harbor "
                                 "continues by itself when you are done.")));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self->window), "cancel", _ ("_Cancel"));
  g_signal_connect_object (self->window, "response", G_CALLBACK (on_cancelled), self,
                           G_CONNECT_SWAPPED);
}

/* A second Sign In while one runs brings its window back. */
void
hb_sign_in_present (HbSignIn *self)
{
  g_return_if_fail (HB_IS_SIGN_IN (self));
  if (self->window != NULL)
    gtk_window_present (self->window);
}

HbSignIn *
hb_sign_in_new (GtkWindow *parent, HbAuth *auth)
{
  g_autoptr (HbSignIn) self = NULL;
  g_autoptr (GError) error = NULL;
  GType type;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HB_IS_AUTH (auth), NULL);

  self = g_object_new (HB_TYPE_SIGN_IN, NULL);
  self->auth = g_object_ref (auth);
  self->parent = parent ? g_object_ref (parent) : NULL;
  self->receiver = hb_oauth_receiver_new ();
  if (!hb_oauth_receiver_listen (self->receiver, &error))
    {
      /* Nothing on this machine can receive the redirect: say so instead of half-working. */
      AdwMessageDialog *dialog; /* GTK owns toplevels */
      g_autofree char *text =
          g_strdup_printf (_ ("Harbor could not prepare the sign-in (%s)."), error->message);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _ ("Cannot Sign In"), text));
      adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }

  type = load_login_window_type (&error);
  if (type != G_TYPE_INVALID)
    create_login_window (self, type);
  else
    create_fallback_dialog (self, error);

  start_attempt (self);
  if (type == G_TYPE_INVALID)
    open_in_browser (self);
  gtk_window_present (self->window);
  return g_steal_pointer (&self);
}
