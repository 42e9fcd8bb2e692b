/* test-login-window.c: the WebKit login window, loaded as the module harbor loads, on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gmodule.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

static GType login_window_type;

/* -- helpers */

static gboolean
wait_until (gboolean (*done) (gpointer), gpointer data, guint seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static char *
server_base (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  char *base = g_uri_to_string (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  return base;
}

static GtkWindow *
new_window (const char *uri)
{
  GtkWindow *window = g_object_new (login_window_type, "authorize-uri", uri, NULL);

  gtk_window_present (window);
  return window;
}

static gboolean
page_is_problem (gpointer data)
{
  g_autofree char *page = NULL;

  g_object_get (data, "page", &page, NULL);
  return g_strcmp0 (page, "problem") == 0;
}

/* -- the redirect is caught in decide-policy and never loaded */

typedef struct
{
  char *callback_base;
  char *caught;
  guint callback_hits;
} Redirect;

static void
authorize_handler (
    SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Redirect *r = data;
  g_autofree char *location =
      g_strconcat (r->callback_base, "/oauth/callback?code=c&state=s", NULL);

  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

static void
callback_handler (
    SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Redirect *r = data;

  r->callback_hits++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static gboolean
on_navigation (GtkWindow *window, const char *uri, Redirect *r)
{
  if (!g_str_has_prefix (uri, r->callback_base))
    return FALSE;
  g_free (r->caught);
  r->caught = g_strdup (uri);
  return TRUE;
}

static gboolean
caught (gpointer data)
{
  return ((Redirect *) data)->caught != NULL;
}

static void
test_redirect_never_loaded (void)
{
  g_autoptr (SoupServer) pages = soup_server_new (NULL, NULL);
  g_autoptr (SoupServer) callback = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *pages_base = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *page = NULL;
  Redirect r = { 0 };
  GtkWindow *window;

  g_assert_true (soup_server_listen_local (pages, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_true (soup_server_listen_local (callback, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  r.callback_base = server_base (callback);
  pages_base = server_base (pages);
  soup_server_add_handler (pages, "/authorize", authorize_handler, &r, NULL);
  soup_server_add_handler (callback, NULL, callback_handler, &r, NULL);

  authorize = g_strconcat (pages_base, "/authorize", NULL);
  window = new_window (authorize);
  g_signal_connect (window, "navigation", G_CALLBACK (on_navigation), &r);

  g_assert_true (wait_until (caught, &r, 60));
  g_assert_true (g_str_has_suffix (r.caught, "/oauth/callback?code=c&state=s"));
  spin (500);
  g_assert_cmpuint (r.callback_hits, ==, 0);
  g_object_get (window, "page", &page, NULL);
  g_assert_cmpstr (page, !=, "problem");

  gtk_window_destroy (window);
  g_free (r.caught);
  g_free (r.callback_base);
}

/* -- failures are explained */

static guint
unused_port (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);

  g_socket_listener_close (listener);
  return port;
}

static void
test_load_failed (void)
{
  g_autofree char *uri =
      g_strdup_printf ("http://127.0.0.1:%u/user/authorizations/new", unused_port ());
  GtkWindow *window = new_window (uri);

  g_assert_true (wait_until (page_is_problem, window, 60));
  gtk_window_destroy (window);
}

static GTlsCertificate *
self_signed_certificate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("harbor-tls-XXXXXX", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  const char *argv[] = { "openssl", "req",   "-x509",         "-newkey", "rsa:2048",
                         "-nodes",  "-subj", "/CN=127.0.0.1", "-days",   "1",
                         "-keyout", key,     "-out",          cert,      NULL };
  g_autoptr (GError) error = NULL;
  GTlsCertificate *certificate;
  int status = 0;

  g_assert_true (
      g_spawn_sync (NULL, (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_unlink (key);
  g_unlink (cert);
  g_rmdir (dir);
  return certificate;
}

static void
ok_handler (
    SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<p>x</p>", 8);
}

static void
test_tls_error (void)
{
  g_autoptr (GTlsCertificate) certificate = self_signed_certificate ();
  g_autoptr (SoupServer) server = soup_server_new ("tls-certificate", certificate, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  GtkWindow *window;

  soup_server_add_handler (server, NULL, ok_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (
      server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  base = server_base (server);
  g_assert_true (g_str_has_prefix (base, "https://"));
  uri = g_strconcat (base, "/user/authorizations/new", NULL);
  window = new_window (uri);

  g_assert_true (wait_until (page_is_problem, window, 60));
  gtk_window_destroy (window);
}

/* -- Use Web Browser Instead, Copy Link, Cancel */

static void
count (GtkWindow *window, guint *counter)
{
  (*counter)++;
}

static void
read_text_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_actions (void)
{
  const char *uri = "http://127.0.0.1:1/user/authorizations/new?client_id=x&state=y";
  GtkWindow *window = new_window (uri);
  g_autofree char *page = NULL;
  g_autofree char *copied = NULL;
  guint use_browser = 0;
  guint cancelled = 0;

  g_signal_connect (window, "use-browser", G_CALLBACK (count), &use_browser);
  g_signal_connect (window, "cancelled", G_CALLBACK (count), &cancelled);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "login.use-browser", NULL));
  g_assert_cmpuint (use_browser, ==, 1);
  g_object_get (window, "page", &page, NULL);
  g_assert_cmpstr (page, ==, "browser");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "login.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, read_text_cb,
                                 &copied);
  g_assert_true (wait_until (text_read, &copied, 10));
  g_assert_cmpstr (copied, ==, uri);

  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "login.cancel", NULL));
  g_assert_cmpuint (cancelled, ==, 1);
  spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_unref (window);
}

int
main (int argc, char **argv)
{
  const char *module_path = NULL;
  GModule *module;
  GType (*get_type) (void) = NULL;

  /* meson passes the built module's path first: the same file harbor loads. */
  if (argc > 1 && g_str_has_suffix (argv[1], "." G_MODULE_SUFFIX))
    {
      module_path = argv[1];
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_assert_nonnull (module_path);
  module = g_module_open (module_path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  g_assert_nonnull (module);
  g_assert_true (g_module_symbol (module, "hb_login_window_get_type", (gpointer *) &get_type));
  login_window_type = get_type ();

  g_test_add_func ("/login-window/redirect-never-loaded", test_redirect_never_loaded);
  g_test_add_func ("/login-window/load-failed", test_load_failed);
  g_test_add_func ("/login-window/tls-error", test_tls_error);
  g_test_add_func ("/login-window/actions", test_actions);

  return g_test_run ();
}
