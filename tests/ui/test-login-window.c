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

/* -- issue 12, item 1: the problem page shows a server's or WebKit's words as they are */

static GtkLabel *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
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

/* What HbSignIn shows for a server's error=…&error_description=… (the text it composes). */
static void
test_problem_plain_text (void)
{
  const char *descriptions[] = {
    "The server refused the sign-in (invalid_grant: <b>&amp;</a>). Try again.",
    "<span size=\"xx-large\" foreground=\"red\">Your session expired.</span> "
    "<a href=\"https://evil.example/login\">Sign in again here</a>",
    "R&D apps: <b>bold",
  };
  GtkWindow *window = new_window ("http://127.0.0.1:1/user/authorizations/new");
  GtkWidget *problem = GTK_WIDGET (
      gtk_widget_get_template_child (GTK_WIDGET (window), login_window_type, "problem_page"));

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    {
      g_signal_emit_by_name (window, "show-problem", "Sign-In Failed", descriptions[i], TRUE);
      g_assert_true (page_is_problem (window));
      g_assert_nonnull (find_label (problem, descriptions[i]));
    }
  gtk_window_destroy (window);
}

/* -- issue 12, item 4: http(s) only, and nothing is downloaded */

#define HOSTILE_TITLE "HOSTILE-PAGE-LOADED"

typedef struct
{
  char *base;
  guint download_hits;
} Pages;

/* /start?to=URL: a page titled "start" that sends its own frame to URL, as a hostile or
 * compromised sign-in page could; /second: an ordinary page; /download: an attachment. */
static void
pages_handler (
    SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Pages *pages = data;
  const char *to = query != NULL ? g_hash_table_lookup (query, "to") : NULL;
  g_autofree char *html = NULL;

  /* Something WebKit cannot show, and a page it could show but is told to save. */
  if (g_str_equal (path, "/download") || g_str_equal (path, "/download-html"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      gboolean as_html = g_str_equal (path, "/download-html");

      pages->download_hits++;
      soup_message_headers_replace (headers, "Content-Disposition",
                                    as_html ? "attachment; filename=\"harbor-evil.html\""
                                            : "attachment; filename=\"harbor-evil.bin\"");
      soup_server_message_set_response (msg, as_html ? "text/html" : "application/octet-stream",
                                        SOUP_MEMORY_STATIC, "<p>MZ-not-really</p>", 20);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    }
  if (g_str_equal (path, "/second"))
    html = g_strdup ("<html><head><title>second</title></head><body>second</body></html>");
  else
    {
      g_autoptr (GString) script = g_string_new (NULL);

      /* Put into a script string as it is: the tests' targets hold no quote, backslash or <. */
      g_assert_null (strpbrk (to != NULL ? to : "", "\"\\<"));
      g_string_printf (script, "setTimeout(function () { location.href = \"%s\"; }, 50);",
                       to != NULL ? to : "");
      html = g_strdup_printf ("<html><head><title>start</title></head><body>start"
                              "<script>%s</script></body></html>",
                              script->str);
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, html, strlen (html));
}

static const char *
window_title (GtkWindow *window)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (
      gtk_widget_get_template_child (GTK_WIDGET (window), login_window_type, "window_title"));

  return adw_window_title_get_title (title);
}

typedef struct
{
  GtkWindow *window;
  const char *title;
} TitleWait;

static gboolean
title_is (gpointer data)
{
  TitleWait *wait = data;

  return g_strcmp0 (window_title (wait->window), wait->title) == 0;
}

static Pages *
pages_start (SoupServer *server)
{
  Pages *pages = g_new0 (Pages, 1);
  g_autoptr (GError) error = NULL;

  soup_server_add_handler (server, NULL, pages_handler, pages, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  pages->base = server_base (server);
  return pages;
}

static void
pages_free (Pages *pages)
{
  g_free (pages->base);
  g_free (pages);
}

/* Opens /start?to=@target and waits for "start"; then, after the page has had the time to
 * navigate, returns the title shown. */
static char *
title_after_navigating (Pages *pages, const char *target)
{
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *start = g_strdup_printf ("%s/start?to=%s", pages->base, escaped);
  GtkWindow *window = new_window (start);
  TitleWait wait = { window, "start" };
  char *title;

  g_assert_true (wait_until (title_is, &wait, 60));
  spin (1500);
  title = g_strdup (window_title (window));
  gtk_window_destroy (window);
  return title;
}

static void
test_navigation_http_only (void)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  Pages *pages = pages_start (server);
  g_autofree char *dir = g_dir_make_tmp ("harbor-login-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "hostile.html", NULL);
  g_autofree char *file_uri = g_filename_to_uri (file, NULL, NULL);
  g_autofree char *second = g_strconcat (pages->base, "/second", NULL);
  const char *refused[] = {
    "data:text/html,%3Ctitle%3E" HOSTILE_TITLE "%3C/title%3E",
    file_uri,
    "javascript:document.title='" HOSTILE_TITLE "'",
  };
  g_autofree char *title = NULL;

  g_assert_true (g_file_set_contents (
      file, "<html><head><title>" HOSTILE_TITLE "</title></head></html>", -1, NULL));

  /* The page's script does run: an http target is followed. */
  title = title_after_navigating (pages, second);
  g_assert_cmpstr (title, ==, "second");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *shown = NULL;

      g_test_message ("navigating to %s", refused[i]);
      shown = title_after_navigating (pages, refused[i]);
      g_assert_cmpstr (shown, !=, HOSTILE_TITLE);
    }

  /* Not even as the first page. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GtkWindow *window = new_window (refused[i]);

      spin (1500);
      g_assert_cmpstr (window_title (window), !=, HOSTILE_TITLE);
      gtk_window_destroy (window);
    }

  g_unlink (file);
  g_rmdir (dir);
  pages_free (pages);
}

static gboolean
downloaded_anything (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (strstr (name, "harbor-evil") != NULL)
        return TRUE;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
          downloaded_anything (path))
        return TRUE;
    }
  return FALSE;
}

static gboolean
download_requested (gpointer data)
{
  return ((Pages *) data)->download_hits > 0;
}

/* main() points $HOME and the XDG download directory at a fresh directory. */
static void
assert_no_download (const char *path)
{
  g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
  Pages *pages = pages_start (server);
  g_autofree char *target = g_strconcat (pages->base, path, NULL);
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *start = g_strdup_printf ("%s/start?to=%s", pages->base, escaped);
  GtkWindow *window = new_window (start);

  g_assert_true (wait_until (download_requested, pages, 60));
  spin (3000);
  g_assert_false (downloaded_anything (g_get_home_dir ()));
  gtk_window_destroy (window);
  pages_free (pages);
}

static void
test_no_download (void)
{
  assert_no_download ("/download");
}

static void
test_no_download_attachment (void)
{
  assert_no_download ("/download-html");
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

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }
  g_remove (path);
}

/* A download would land in $HOME or its XDG download directory: both are a fresh directory,
 * set before GLib reads (and caches) either. */
static void
isolate_home (void)
{
  g_autofree char *home = g_dir_make_tmp ("harbor-login-home-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *dirs = g_build_filename (config, "user-dirs.dirs", NULL);

  g_autofree char *downloads = g_build_filename (home, "Downloads", NULL);

  g_assert_nonnull (home);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (downloads, 0700);
  g_assert_true (g_file_set_contents (dirs, "XDG_DOWNLOAD_DIR=\"$HOME/Downloads\"\n", -1, NULL));
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_assert_cmpstr (g_get_home_dir (), ==, home);
}

int
main (int argc, char **argv)
{
  const char *module_path = NULL;
  GModule *module;
  GType (*get_type) (void) = NULL;
  int status;

  /* meson passes the built module's path first: the same file harbor loads. */
  if (argc > 1 && g_str_has_suffix (argv[1], "." G_MODULE_SUFFIX))
    {
      module_path = argv[1];
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  g_test_init (&argc, &argv, NULL);
  isolate_home ();
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
  g_test_add_func ("/login-window/problem-plain-text", test_problem_plain_text);
  g_test_add_func ("/login-window/navigation-http-only", test_navigation_http_only);
  g_test_add_func ("/login-window/no-download", test_no_download);
  g_test_add_func ("/login-window/no-download-attachment", test_no_download_attachment);

  status = g_test_run ();
  remove_tree (g_get_home_dir ());
  return status;
}
