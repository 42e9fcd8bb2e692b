/* test-server-tls.c: harbor-server over HTTPS (--tls-cert/--tls-key)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <string.h>

static gboolean
accept_cb (SoupMessage *msg, GTlsCertificate *cert, GTlsCertificateFlags errors, gpointer user_data)
{
  return TRUE;
}

static void
test_tls (void)
{
  g_autofree char *cert_path =
      g_test_build_filename (G_TEST_DIST, "server", "data", "test-cert.pem", NULL);
  g_autofree char *key_path =
      g_test_build_filename (G_TEST_DIST, "server", "data", "test-key.pem", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_autoptr (HbsServer) server = hbs_server_new ();
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  HstFixture f = {
    NULL,
  };
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (HstResponse) r = NULL;
  g_autoptr (GError) refused = NULL;
  g_autoptr (GPtrArray) silent = g_ptr_array_new_with_free_func (g_object_unref);
  HbsLimits limits = { 0, 500, 0 };
  guint before;

  g_assert_no_error (error);
  hbs_server_seed (server);
  hbs_server_add_token (server, "demo", "T");
  hbs_server_set_limits (server, &limits);
  g_assert_true (hbs_server_listen (server, "127.0.0.1", 0, cert, &error));
  g_assert_no_error (error);
  base = hbs_server_dup_base_url (server);
  g_assert_true (g_str_has_prefix (base, "https://127.0.0.1:"));
  f.base = base;
  f.session = soup_session_new ();
  /* An unknown certificate is an error for a client that does not opt in: a TLS certificate
   * error, not just any failure (a refused connection must not pass for it). */
  refused = hst_send_expecting_failure (&f, f.session, "/user");
  g_assert_error (refused, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  url = g_strconcat (base, "/applications?access_token=T", NULL);
  msg = soup_message_new ("GET", url);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_cb), NULL);
  r = hst_send_message (&f, msg);
  g_assert_cmpuint (json_array_get_length (hst_array (r)), ==, 6);
  g_assert_true (g_str_has_prefix (
      hst_member (json_array_get_object_element (hst_array (r), 0), "url"), "https://"));
  g_clear_object (&f.session);

  /* TLS connections are let go like plain ones: closed by the client, or never started. */
  before = hst_count_fds ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr (SoupMessage) again = soup_message_new ("GET", url);
      g_autoptr (HstResponse) ok = NULL;

      f.session = soup_session_new ();
      g_signal_connect (again, "accept-certificate", G_CALLBACK (accept_cb), NULL);
      ok = hst_send_message (&f, again);
      g_assert_cmpuint (ok->status, ==, 200);
      g_clear_object (&f.session);
    }
  g_assert_true (hst_wait_for (hst_fds_at_most, GUINT_TO_POINTER (before + 2), 5000));
  g_ptr_array_add (silent, hst_socket_connect (base));
  g_assert_cmpuint (hst_wait_closed (silent, 1, 5000), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&server));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/tls", test_tls);
  return g_test_run ();
}
