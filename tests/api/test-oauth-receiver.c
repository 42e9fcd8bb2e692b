/* test-oauth-receiver.c: the loopback receiver (browser mode), driven by a real HTTP client
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "hb-oauth-receiver.h"
#include "hbt-utils.h"
#include "hbs-server.h"

#define WAIT_MS (HBT_DEFAULT_TIMEOUT_S * 1000)

typedef struct
{
  HbOAuthReceiver *receiver;
  HbOAuth *attempt;
  SoupSession *session;
  gboolean done;
  char *code;
  GError *error;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->receiver = hb_oauth_receiver_new ();
  g_assert_true (hb_oauth_receiver_listen (f->receiver, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hb_oauth_receiver_get_port (f->receiver), >, 0);
  f->attempt = hb_oauth_new ("http://127.0.0.1:1", "harbor-desktop", "harbor-desktop-secret",
                             hb_oauth_receiver_get_port (f->receiver));
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->attempt);
  g_clear_object (&f->receiver);
  g_free (f->code);
  g_clear_error (&f->error);
}

static void
wait_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Fixture *f = user_data;

  f->code = hb_oauth_receiver_wait_finish (HB_OAUTH_RECEIVER (source), result, &f->error);
  f->done = TRUE;
}

static void
start_wait (Fixture *f, guint timeout, GCancellable *cancellable)
{
  f->done = FALSE;
  hb_oauth_receiver_wait_async (f->receiver, f->attempt, timeout, cancellable, wait_cb, f);
}

typedef struct
{
  GBytes *body;
  guint status;
  gboolean done;
} Reply;

static void
send_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Reply *reply = user_data;
  g_autoptr (GError) error = NULL;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  reply->status = soup_message_get_status (
      soup_session_get_async_result_message (SOUP_SESSION (source), result));
  reply->done = TRUE;
}

/* What a web browser does at the end of the flow: a GET of the redirect URI. */
static guint
browser_get (Fixture *f, const char *path_and_query, char **body_out)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s",
                                          hb_oauth_receiver_get_port (f->receiver), path_and_query);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  Reply reply = { 0 };

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, WAIT_MS));
  if (body_out != NULL)
    *body_out = g_strndup (g_bytes_get_data (reply.body, NULL), g_bytes_get_size (reply.body));
  g_bytes_unref (reply.body);
  return reply.status;
}

static char *
callback_path (Fixture *f, const char *extra)
{
  return g_strdup_printf ("/oauth/callback?state=%s%s", hb_oauth_get_state (f->attempt), extra);
}

static void
test_code (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&code=the-code");
  g_autofree char *body = NULL;

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, path, &body), ==, 200);
  g_assert_nonnull (strstr (body, "return to Harbor"));
  g_assert_null (strstr (body, "the-code"));
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->code, ==, "the-code");

  /* Single use: a replay finds nobody waiting. */
  g_assert_cmpuint (browser_get (f, path, NULL), ==, 410);
}

static void
test_strangers_do_not_end_the_wait (Fixture *f, gconstpointer data)
{
  g_autofree char *good = callback_path (f, "&code=c2");

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, "/oauth/callback?state=wrong&code=evil", NULL), ==, 400);
  g_assert_cmpuint (browser_get (f, "/oauth/callback?code=evil", NULL), ==, 400);
  g_assert_cmpuint (browser_get (f, "/oauth/callbackx?code=evil", NULL), ==, 404);
  g_assert_cmpuint (browser_get (f, "/", NULL), ==, 404);
  g_assert_cmpuint (browser_get (f, "/oauth/callback/x?code=evil", NULL), ==, 404);
  g_assert_false (f->done);

  g_assert_cmpuint (browser_get (f, good, NULL), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_cmpstr (f->code, ==, "c2");
}

static void
test_denied (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&error=access_denied");
  g_autofree char *body = NULL;

  start_wait (f, 0, NULL);
  g_assert_cmpuint (browser_get (f, path, &body), ==, 200);
  g_assert_nonnull (strstr (body, "Cancelled"));
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_null (f->code);
}

static void
test_timeout (Fixture *f, gconstpointer data)
{
  start_wait (f, 1, NULL);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_TIMED_OUT);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  start_wait (f, 0, cancellable);
  g_cancellable_cancel (cancellable);
  g_assert_false (f->done); /* never re-entrantly from inside cancel() */
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
replaced_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gboolean *replaced = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *code =
      hb_oauth_receiver_wait_finish (HB_OAUTH_RECEIVER (source), result, &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (code);
  *replaced = TRUE;
}

static void
test_replace (Fixture *f, gconstpointer data)
{
  g_autofree char *path = callback_path (f, "&code=c3");
  gboolean replaced = FALSE;

  hb_oauth_receiver_wait_async (f->receiver, f->attempt, 0, NULL, replaced_cb, &replaced);
  start_wait (f, 60, NULL); /* switching to the browser adds a time limit */
  g_assert_true (hbt_iterate_until (&replaced, WAIT_MS));

  g_assert_cmpuint (browser_get (f, path, NULL), ==, 200);
  g_assert_true (hbt_iterate_until (&f->done, WAIT_MS));
  g_assert_no_error (f->error);
  g_assert_cmpstr (f->code, ==, "c3");
}

static void
exchange_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **token = user_data;
  g_autoptr (GError) error = NULL;

  *token = hb_oauth_exchange_finish (HB_OAUTH (source), result, &error);
  g_assert_no_error (error);
}

/* The whole browser mode against harbor-server: the "browser" follows the server's redirect
 * to the receiver, and the code is exchanged for a token that the API accepts. */
static void
test_server_round_trip (void)
{
  g_autoptr (HbsServer) server = hbs_server_new ();
  g_autoptr (HbOAuthReceiver) receiver = hb_oauth_receiver_new ();
  g_autoptr (HbOAuth) attempt = NULL;
  g_autoptr (SoupSession) browser = soup_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (SoupMessage) user_msg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autofree char *auth_header = NULL;
  g_autofree char *user_uri = NULL;
  const char *body;
  gsize length;
  Fixture f = { 0 };
  Reply reply = { 0 };

  hbs_server_seed (server);
  hbs_server_set_auto_approve (server, TRUE);
  g_assert_true (hbs_server_listen (server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  base = hbs_server_dup_base_url (server);

  g_assert_true (hb_oauth_receiver_listen (receiver, NULL));
  attempt = hb_oauth_new (base, "harbor-desktop", "harbor-desktop-secret",
                          hb_oauth_receiver_get_port (receiver));
  hb_oauth_receiver_wait_async (receiver, attempt, 30, NULL, wait_cb, &f);

  uri = hb_oauth_dup_authorize_uri (attempt);
  msg = soup_message_new ("GET", uri);
  soup_session_send_and_read_async (browser, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, WAIT_MS));
  g_assert_true (hbt_iterate_until (&f.done, WAIT_MS));
  g_assert_cmpuint (reply.status, ==, 200);
  body = g_bytes_get_data (reply.body, &length); /* not NUL-terminated */
  g_assert_nonnull (g_strstr_len (body, length, "return to Harbor"));
  g_bytes_unref (reply.body);
  g_assert_no_error (f.error);
  g_assert_nonnull (f.code);

  hb_oauth_exchange_async (attempt, f.code, NULL, exchange_cb, &token);
  while (token == NULL)
    g_main_context_iteration (NULL, TRUE);

  user_uri = g_strconcat (base, "/user", NULL);
  user_msg = soup_message_new ("GET", user_uri);
  auth_header = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (user_msg), "Authorization",
                                auth_header);
  soup_message_headers_replace (soup_message_get_request_headers (user_msg), "Accept",
                                "application/json");
  reply = (Reply){ 0 };
  soup_session_send_and_read_async (browser, user_msg, G_PRIORITY_DEFAULT, NULL, send_cb, &reply);
  g_assert_true (hbt_iterate_until (&reply.done, WAIT_MS));
  g_assert_cmpuint (reply.status, ==, 200);
  g_bytes_unref (reply.body);

  g_free (f.code);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/oauth-receiver/code", Fixture, NULL, fixture_set_up, test_code, fixture_tear_down);
  g_test_add ("/oauth-receiver/strangers", Fixture, NULL, fixture_set_up,
              test_strangers_do_not_end_the_wait, fixture_tear_down);
  g_test_add ("/oauth-receiver/denied", Fixture, NULL, fixture_set_up, test_denied,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/timeout", Fixture, NULL, fixture_set_up, test_timeout,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/oauth-receiver/replace", Fixture, NULL, fixture_set_up, test_replace,
              fixture_tear_down);
  g_test_add_func ("/oauth-receiver/server-round-trip", test_server_round_trip);

  return g_test_run ();
}
