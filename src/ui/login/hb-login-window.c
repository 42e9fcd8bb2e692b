/* hb-login-window.c: the embedded sign-in window (a WebKit view), built as a loadable module
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-login-window.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>
#include <webkit/webkit.h>

struct _HbLoginWindow
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkOverlay *web_overlay;
  GtkProgressBar *progress_bar;
  GtkImage *security_image;
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  AdwStatusPage *problem_page;
  GtkSpinner *busy_spinner;
  GtkButton *retry_button;

  WebKitWebView *web_view;
  char *authorize_uri;
  char *test_script;
};

G_DEFINE_FINAL_TYPE (HbLoginWindow, hb_login_window, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_AUTHORIZE_URI,
  PROP_PAGE,
  N_PROPS
};

enum
{
  NAVIGATION,
  USE_BROWSER,
  RETRY,
  CANCELLED,
  SHOW_BUSY,
  SHOW_BROWSER,
  SHOW_PROBLEM,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_MODULE_EXPORT const char *g_module_check_init (GModule *module);

/* A module must stay loaded once its types are registered: GType cannot unregister them. */
G_MODULE_EXPORT const char *
g_module_check_init (GModule *module)
{
  g_module_make_resident (module);
  return NULL;
}

static char *
dup_host (const char *uri)
{
  g_autoptr (GUri) parsed = uri ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return NULL;
  if (g_uri_get_port (parsed) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (parsed), g_uri_get_port (parsed));
  return g_strdup (g_uri_get_host (parsed));
}

static void
set_security (HbLoginWindow *self, gboolean secure)
{
  const char *text = secure ? _ ("Secure connection") : _ ("Connection not encrypted");

  gtk_image_set_from_icon_name (self->security_image,
                                secure ? "channel-secure-symbolic" : "channel-insecure-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->security_image), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->security_image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* The host people type their password into is always visible, as in a browser's address bar. */
static void
update_host (HbLoginWindow *self)
{
  const char *uri = webkit_web_view_get_uri (self->web_view);
  g_autofree char *host = dup_host (uri ? uri : self->authorize_uri);

  adw_window_title_set_subtitle (self->window_title, host ? host : "");
}

static void
update_security (HbLoginWindow *self)
{
  GTlsCertificate *certificate = NULL;
  GTlsCertificateFlags errors = 0;

  set_security (self, webkit_web_view_get_tls_info (self->web_view, &certificate, &errors) &&
                          errors == 0);
}

static void
on_page_changed (HbLoginWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
on_title_changed (HbLoginWindow *self)
{
  const char *title = webkit_web_view_get_title (self->web_view);

  adw_window_title_set_title (self->window_title,
                              title != NULL && *title != '\0' ? title : _ ("Sign In"));
}

static void
on_progress_changed (HbLoginWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 webkit_web_view_get_estimated_load_progress (self->web_view));
}

/* Only for automated tests, and never in a release build unless asked for explicitly. */
static void
run_test_script (HbLoginWindow *self)
{
  if (self->test_script != NULL)
    webkit_web_view_evaluate_javascript (self->web_view, self->test_script, -1, NULL, NULL, NULL,
                                         NULL, NULL);
}

static void
on_load_changed (HbLoginWindow *self, WebKitLoadEvent event)
{
  switch (event)
    {
    case WEBKIT_LOAD_STARTED:
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
      break;
    case WEBKIT_LOAD_COMMITTED:
      update_host (self);
      update_security (self);
      break;
    case WEBKIT_LOAD_FINISHED:
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      run_test_script (self);
      break;
    case WEBKIT_LOAD_REDIRECTED:
    default:
      break;
    }
}

/* @description is plain text (the server's error_description, WebKit's message); the status
 * page reads it as markup. */
static void
show_problem (HbLoginWindow *self, const char *title, const char *description, gboolean offer_retry)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);

  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), offer_retry);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static gboolean
on_load_failed (HbLoginWindow *self, WebKitLoadEvent event, const char *failing_uri, GError *error)
{
  g_autofree char *host = dup_host (failing_uri);
  g_autofree char *description = NULL;

  /* Ignoring the redirect in decide-policy interrupts that load: that is success, not failure. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  description = g_strdup_printf (_ ("The page at %s could not be loaded (%s). Check your "
                                    "connection and try again, or sign in with your web "
                                    "browser."),
                                 host ? host : _ ("the server"), error->message);
  show_problem (self, _ ("Cannot Load the Sign-In Page"), description, TRUE);
  return TRUE;
}

static gboolean
on_load_failed_with_tls_errors (HbLoginWindow *self,
                                const char *failing_uri,
                                GTlsCertificate *certificate,
                                GTlsCertificateFlags errors)
{
  g_autofree char *host = dup_host (failing_uri);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  set_security (self, FALSE);
  description = g_strdup_printf (_ ("The identity of %s cannot be verified, so Harbor will not "
                                    "show its sign-in page. Your web browser may tell you more."),
                                 host ? host : _ ("the server"));
  show_problem (self, _ ("Connection Not Secure"), description, FALSE);
  return TRUE;
}

static void
on_web_process_terminated (HbLoginWindow *self, WebKitWebProcessTerminationReason reason)
{
  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;
  show_problem (self, _ ("The Sign-In Page Stopped Working"),
                reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                    ? _ ("It used too much memory. Try again, or sign in with your web browser.")
                    : _ ("The page’s process ended unexpectedly. Try again, or sign in with your "
                         "web browser."),
                TRUE);
}

/* A sign-in page is a web page: data:, file:, javascript: and the rest have no place in it.
 * WebKit asks about subframes too, without saying which frame it is: the empty documents
 * iframes start as stay allowed. */
static gboolean
is_web_uri (const char *uri)
{
  g_autofree char *scheme = uri != NULL ? g_uri_parse_scheme (uri) : NULL;

  if (scheme == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  return g_strcmp0 (uri, "about:blank") == 0 || g_strcmp0 (uri, "about:srcdoc") == 0;
}

/* Nothing the sign-in page sends is saved: what WebKit cannot show would become a download. */
static gboolean
decide_response (WebKitResponsePolicyDecision *decision)
{
  if (webkit_response_policy_decision_is_mime_type_supported (decision))
    return FALSE;
  webkit_policy_decision_ignore (WEBKIT_POLICY_DECISION (decision));
  return TRUE;
}

/* The redirect is recognised by HbSignIn (exact scheme, host, port and path) and is never
 * loaded: the code must not reach any server, not even our own loopback one. */
static gboolean
on_decide_policy (HbLoginWindow *self,
                  WebKitPolicyDecision *decision,
                  WebKitPolicyDecisionType type)
{
  WebKitNavigationAction *action;
  const char *uri;
  gboolean handled = FALSE;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return decide_response (WEBKIT_RESPONSE_POLICY_DECISION (decision));
  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
      WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  g_signal_emit (self, signals[NAVIGATION], 0, uri, &handled);

  /* Pop-ups are never opened inside the sign-in window. */
  if (handled || type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION || !is_web_uri (uri))
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
  return FALSE;
}

/* The last line of defence for downloads (an attachment WebKit could show, a download link):
 * without this, WebKit saves them into the Downloads folder without asking. */
static void
on_download_started (WebKitNetworkSession *session, WebKitDownload *download)
{
  g_message ("Refused a download from the sign-in page");
  webkit_download_cancel (download);
}

static void
load_authorize_uri (HbLoginWindow *self)
{
  if (self->authorize_uri == NULL || self->web_view == NULL)
    return;
  /* decide-policy would refuse it too, leaving an empty view; this says why instead. */
  if (!is_web_uri (self->authorize_uri) || g_str_has_prefix (self->authorize_uri, "about:"))
    {
      show_problem (self, _ ("Cannot Load the Sign-In Page"),
                    _ ("The sign-in address is not a web page. Sign in with your web browser."),
                    FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "web");
  set_security (self, g_str_has_prefix (self->authorize_uri, "https:"));
  webkit_web_view_load_uri (self->web_view, self->authorize_uri);
  update_host (self);
}

static void
show_busy (HbLoginWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "busy");
}

static void
show_browser (HbLoginWindow *self)
{
  webkit_web_view_stop_loading (self->web_view);
  gtk_stack_set_visible_child_name (self->stack, "browser");
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
copy_link_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->authorize_uri == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->authorize_uri);
  /* A toast's title is markup, and a translation may hold an ampersand. */
  text = g_markup_escape_text (_ ("Link copied"), -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
use_browser_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (widget);

  show_browser (self);
  g_signal_emit (self, signals[USE_BROWSER], 0);
}

static void
retry_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[RETRY], 0);
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closing the window by any means (Cancel, Escape, the window manager) cancels the sign-in;
 * HbSignIn destroys the window itself when it is done, which does not come through here.
 * The window is hidden first and destroyed from an idle: GTK 4.8's AT-SPI code crashed now
 * and then when the web view's accessible went away in the same cycle as the close click. */
static gboolean
hb_login_window_close_request (GtkWindow *window)
{
  g_signal_emit (window, signals[CANCELLED], 0);
  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  /* Not below redraw: with a spinner animating elsewhere, such an idle would wait for it. */
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_cb, g_object_ref (window), g_object_unref);
  return TRUE;
}

static void
hb_login_window_constructed (GObject *object)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (object);

  G_OBJECT_CLASS (hb_login_window_parent_class)->constructed (object);
  load_authorize_uri (self);
}

static void
hb_login_window_dispose (GObject *object)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (object);

  /* The web process and the ephemeral session go with the window. */
  if (self->web_view != NULL)
    webkit_web_view_terminate_web_process (self->web_view);
  self->web_view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_LOGIN_WINDOW);

  G_OBJECT_CLASS (hb_login_window_parent_class)->dispose (object);
}

static void
hb_login_window_finalize (GObject *object)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (object);

  g_free (self->authorize_uri);
  g_free (self->test_script);

  G_OBJECT_CLASS (hb_login_window_parent_class)->finalize (object);
}

static void
hb_login_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZE_URI:
      g_value_set_string (value, self->authorize_uri);
      break;
    case PROP_PAGE:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->stack));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_login_window_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  HbLoginWindow *self = HB_LOGIN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_AUTHORIZE_URI:
      /* Set again on "Try Again" with a new attempt: always reload, even if unchanged. */
      g_free (self->authorize_uri);
      self->authorize_uri = g_value_dup_string (value);
      load_authorize_uri (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_login_window_class_init (HbLoginWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_login_window_constructed;
  object_class->dispose = hb_login_window_dispose;
  object_class->finalize = hb_login_window_finalize;
  object_class->get_property = hb_login_window_get_property;
  object_class->set_property = hb_login_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = hb_login_window_close_request;

  properties[PROP_AUTHORIZE_URI] =
      g_param_spec_string ("authorize-uri", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Which state shows: "web", "busy", "browser" or "problem" (for tests and debugging). */
  properties[PROP_PAGE] =
      g_param_spec_string ("page", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NAVIGATION] = g_signal_new ("navigation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN,
                                      1, G_TYPE_STRING);
  signals[USE_BROWSER] = g_signal_new ("use-browser", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_BUSY] = g_signal_new_class_handler (
      "show-busy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (show_busy), NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_BROWSER] = g_signal_new_class_handler (
      "show-browser", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (show_browser), NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_PROBLEM] = g_signal_new_class_handler (
      "show-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
      G_CALLBACK (show_problem), NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
      G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/login/hb-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, web_overlay);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, security_image);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, HbLoginWindow, busy_spinner);

  gtk_widget_class_install_action (widget_class, "login.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "login.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "login.use-browser", NULL, use_browser_action);
  gtk_widget_class_install_action (widget_class, "login.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "login.cancel", NULL);
}

static WebKitWebView *
create_web_view (void)
{
  g_autoptr (WebKitNetworkSession) session = webkit_network_session_new_ephemeral ();
  WebKitWebView *view;
  WebKitSettings *settings;

  /* Ephemeral: no cookie or cache of the sign-in outlives this window. TLS errors fail the
   * load (the session's default policy), and are explained by on_load_failed_with_tls_errors. */
  g_signal_connect (session, "download-started", G_CALLBACK (on_download_started), NULL);
  view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", session, NULL);
  settings = webkit_web_view_get_settings (view);
  webkit_settings_set_enable_developer_extras (settings, g_str_equal (PROFILE, "development"));
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (view), TRUE);
  return view;
}

static void
spin_while_mapped (GtkWidget *spinner)
{
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), gtk_widget_get_mapped (spinner));
}

static void
hb_login_window_init (HbLoginWindow *self)
{
  const char *script = g_getenv ("HARBOR_TEST_LOGIN_SCRIPT");

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (on_page_changed), self,
                           G_CONNECT_SWAPPED);
  /* Off screen, GTK 4.8 would go on animating it, a frame every frame. */
  g_signal_connect (self->busy_spinner, "map", G_CALLBACK (spin_while_mapped), NULL);
  g_signal_connect (self->busy_spinner, "unmap", G_CALLBACK (spin_while_mapped), NULL);

  if (script != NULL && *script != '\0' &&
      (g_str_equal (PROFILE, "development") ||
       g_strcmp0 (g_getenv ("HARBOR_TEST_HOOKS"), "1") == 0))
    self->test_script = g_strdup (script);

  self->web_view = create_web_view ();
  gtk_overlay_set_child (self->web_overlay, GTK_WIDGET (self->web_view));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->web_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Sign-in page"), -1);

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (on_load_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed-with-tls-errors",
                           G_CALLBACK (on_load_failed_with_tls_errors), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (on_web_process_terminated), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress",
                           G_CALLBACK (on_progress_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::title", G_CALLBACK (on_title_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::uri", G_CALLBACK (update_host), self,
                           G_CONNECT_SWAPPED);
}
