/* test-auth.c: HbAuth against harbor-server, with the memory store, gnome-keyring, or no keyring
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>
#include <string.h>

#include "hb-auth.h"
#include "hb-client.h"
#include "hb-client-private.h"
#include "hb-secret-store-libsecret.h"
#include "hb-secret-store-memory.h"
#include "hbs-server.h"

#define VALID_TOKEN "test-auth-valid-token-4711"

/* design.md's keyring item, as a keyring manager sees it. */
static const SecretSchema keyring_schema = { "io.github.appharbor.Harbor.Token",
                                             SECRET_SCHEMA_DONT_MATCH_NAME,
                                             { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                               { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                               { "app", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                               { NULL, 0 } } };

typedef struct
{
  HbsServer *server;
  char *base_url;
  HbClient *client;
  HbSecretStore *store;
  HbAuth *auth;
  guint reauth_count;
  guint storage_count;
} Fixture;

static void
count_reauth (HbAuth *auth, Fixture *f)
{
  f->reauth_count++;
}

static void
count_storage (HbAuth *auth, const char *message, Fixture *f)
{
  f->storage_count++;
}

static HbAuth *
new_auth (Fixture *f, HbSecretStore *store)
{
  HbAuth *auth = hb_auth_new (f->client, store);

  g_signal_connect (auth, "reauth-required", G_CALLBACK (count_reauth), f);
  g_signal_connect (auth, "storage-unavailable", G_CALLBACK (count_storage), f);
  return auth;
}

/* @data: the store to test, built by the test's own function. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  HbSecretStore *(*new_store) (void) = data;
  g_autoptr (GError) error = NULL;

  f->server = hbs_server_new ();
  hbs_server_seed (f->server);
  hbs_server_add_token (f->server, "demo", VALID_TOKEN);
  hbs_server_set_auto_approve (f->server, TRUE);
  g_assert_true (hbs_server_listen (f->server, "127.0.0.1", 0, NULL, &error));
  g_assert_no_error (error);
  f->base_url = hbs_server_dup_base_url (f->server);
  f->client = hb_client_new (f->base_url);
  f->store = new_store ();
  f->auth = new_auth (f, f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->auth);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->server);
  g_free (f->base_url);
}

static void
store_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static char *
store_lookup (HbSecretStore *store, const char *server)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *token;

  hb_secret_store_lookup_async (store, server, NULL, store_result_cb, &result);
  token = hb_secret_store_lookup_finish (store, await (&result), &error);
  g_assert_no_error (error);
  return token;
}

static gboolean
restore (HbAuth *auth)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean signed_in;

  hb_auth_restore_async (auth, NULL, store_result_cb, &result);
  signed_in = hb_auth_restore_finish (auth, await (&result), &error);
  g_assert_no_error (error);
  return signed_in;
}

/* Storing happens in the background after a sign-in; wait until the store has it. */
static void
await_stored (Fixture *f, const char *expected)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *token = store_lookup (f->store, f->base_url);

      if (g_strcmp0 (token, expected) == 0)
        return;
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_not_reached ();
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static void
user_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static HbUser *
get_user (HbClient *client, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hb_client_get_user_async (client, NULL, user_cb, &result);
  return hb_client_get_user_finish (client, await (&result), error);
}

/* What a process started from this one sees of HARBOR_ACCESS_TOKEN ("unset" when absent). */
static char *
child_sees_env_token (void)
{
  const char *argv[] = { "/bin/sh", "-c", "printf %s \"${HARBOR_ACCESS_TOKEN-unset}\"", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  return out;
}

/* harbor's main() takes the variable before anything else runs: WebKit's processes and the
 * web browser a sign-in opens must not inherit the token. */
static void
test_env_token (Fixture *f, gconstpointer data)
{
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  g_autofree char *seen = NULL;

  g_setenv ("HARBOR_ACCESS_TOKEN", VALID_TOKEN, TRUE);
  token = hb_auth_take_env_token ();
  g_assert_cmpstr (token, ==, VALID_TOKEN);
  g_assert_null (g_getenv ("HARBOR_ACCESS_TOKEN"));
  seen = child_sees_env_token ();
  g_assert_cmpstr (seen, ==, "unset");
  again = hb_auth_take_env_token ();
  g_assert_null (again);

  hb_auth_set_env_token (f->auth, token);
  g_assert_true (restore (f->auth));
  g_assert_true (hb_auth_get_signed_in (f->auth));
  g_assert_false (hb_auth_get_persistent (f->auth));
  g_assert_cmpstr (hb_client_get_token (f->client), ==, VALID_TOKEN);

  /* Never stored. */
  spin (100);
  stored = store_lookup (f->store, f->base_url);
  g_assert_null (stored);
}

/* An empty variable means "no token", and is removed all the same. */
static void
test_env_token_empty (Fixture *f, gconstpointer data)
{
  g_autofree char *token = NULL;

  g_setenv ("HARBOR_ACCESS_TOKEN", "", TRUE);
  token = hb_auth_take_env_token ();
  g_assert_null (token);
  g_assert_null (g_getenv ("HARBOR_ACCESS_TOKEN"));
  g_assert_false (restore (f->auth));
}

static void
test_restore_nothing (Fixture *f, gconstpointer data)
{
  g_assert_false (restore (f->auth));
  g_assert_false (hb_auth_get_signed_in (f->auth));
  g_assert_false (hb_auth_get_busy (f->auth));
}

static void
test_set_token_restore_sign_out (Fixture *f, gconstpointer data)
{
  g_autoptr (HbClient) client2 = NULL;
  g_autoptr (HbAuth) auth2 = NULL;
  g_autofree char *left = NULL;

  hb_auth_set_token (f->auth, VALID_TOKEN);
  g_assert_true (hb_auth_get_signed_in (f->auth));
  await_stored (f, VALID_TOKEN);

  /* A new run: another client and HbAuth over the same store. */
  client2 = hb_client_new (f->base_url);
  auth2 = hb_auth_new (client2, f->store);
  g_assert_true (restore (auth2));
  g_assert_cmpstr (hb_client_get_token (client2), ==, VALID_TOKEN);
  g_assert_cmpint (hb_auth_get_persistent (auth2), ==, hb_secret_store_is_persistent (f->store));

  hb_auth_sign_out (auth2);
  g_assert_false (hb_auth_get_signed_in (auth2));
  g_assert_null (hb_client_get_token (client2));
  await_stored (f, NULL);
  left = store_lookup (f->store, f->base_url);
  g_assert_null (left);
}

static gboolean
reauth_seen (Fixture *f)
{
  for (guint i = 0; i < 500 && f->reauth_count == 0; i++)
    spin (10);
  return f->reauth_count > 0;
}

/* A token the server does not accept: the first call's 401 signs out and asks again. */
static void
test_unauthorized (Fixture *f, gconstpointer data)
{
  g_autofree char *left = NULL;

  hb_auth_set_token (f->auth, "revoked-or-never-valid");
  g_assert_true (reauth_seen (f));
  g_assert_cmpuint (f->reauth_count, ==, 1);
  g_assert_false (hb_auth_get_signed_in (f->auth));
  g_assert_null (hb_client_get_token (f->client));
  spin (100);
  left = store_lookup (f->store, f->base_url);
  g_assert_null (left);
}

/* A token that stops working later (revoked on the server): same, and the saved copy goes. */
static void
test_unauthorized_later (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;

  hb_auth_set_token (f->auth, VALID_TOKEN);
  await_stored (f, VALID_TOKEN);
  g_object_set (f->client, "token", "revoked-or-never-valid", NULL);

  user = get_user (f->client, &error);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (f->reauth_count, ==, 1);
  g_assert_false (hb_auth_get_signed_in (f->auth));
  await_stored (f, NULL);
}

/* What the login window does, without the window: follow the authorize URI (the server
 * approves by itself), read the code from the redirect, exchange it. */
static char *
authorize (Fixture *f, HbOAuth *attempt)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *uri = hb_oauth_dup_authorize_uri (attempt);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GInputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  const char *location;
  g_autofree char *absolute = NULL;
  char *code;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, NULL, store_result_cb, &result);
  stream = soup_session_send_finish (session, await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_assert_nonnull (location);
  absolute = g_uri_resolve_relative (uri, location, G_URI_FLAGS_NONE, NULL);
  g_assert_true (hb_oauth_is_redirect (attempt, absolute));
  code = hb_oauth_parse_redirect (attempt, absolute, &error);
  g_assert_no_error (error);
  return code;
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr (HbOAuth) attempt = hb_auth_new_attempt (f->auth, 43210);
  g_autofree char *code = authorize (f, attempt);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = NULL;

  hb_auth_sign_in_async (f->auth, attempt, code, NULL, store_result_cb, &result);
  g_assert_true (hb_auth_get_busy (f->auth));
  g_assert_true (hb_auth_sign_in_finish (f->auth, await (&result), &error));
  g_assert_no_error (error);
  g_assert_true (hb_auth_get_signed_in (f->auth));
  g_assert_false (hb_auth_get_busy (f->auth));

  user = get_user (f->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hb_user_get_username (user), ==, "demo");
  await_stored (f, hb_client_get_token (f->client));
}

static void
test_sign_in_bad_code (Fixture *f, gconstpointer data)
{
  g_autoptr (HbOAuth) attempt = hb_auth_new_attempt (f->auth, 43210);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hb_auth_sign_in_async (f->auth, attempt, "not-a-code", NULL, store_result_cb, &result);
  g_assert_false (hb_auth_sign_in_finish (f->auth, await (&result), &error));
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER);
  g_assert_false (hb_auth_get_signed_in (f->auth));
}

/* PKCE: a code is only worth something with the verifier of the attempt that asked for it. */
static void
test_sign_in_wrong_verifier (Fixture *f, gconstpointer data)
{
  g_autoptr (HbOAuth) attempt = hb_auth_new_attempt (f->auth, 43210);
  g_autoptr (HbOAuth) other = hb_auth_new_attempt (f->auth, 43210);
  g_autofree char *code = authorize (f, attempt);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hb_auth_sign_in_async (f->auth, other, code, NULL, store_result_cb, &result);
  g_assert_false (hb_auth_sign_in_finish (f->auth, await (&result), &error));
  g_assert_nonnull (error);
  g_assert_false (hb_auth_get_signed_in (f->auth));
}

/* Walks @dir and fails if any file contains @needle. */
static void
assert_not_in_files (const char *dir, const char *needle)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_not_in_files (path, needle);
          continue;
        }
      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          g_test_message ("searched %s (%zu bytes)", path, length);
          g_assert_null (g_strstr_len (contents, length, needle));
        }
    }
}

/* Under keyring-session.sh: gnome-keyring on a private bus, $HOME a fresh directory. */
static void
test_keyring_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr (HbOAuth) attempt = hb_auth_new_attempt (f->auth, 43210);
  g_autofree char *code = authorize (f, attempt);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbClient) client2 = NULL;
  g_autoptr (HbAuth) auth2 = NULL;
  g_autoptr (HbSecretStore) store2 = NULL;
  g_autofree char *token = NULL;

  hb_auth_sign_in_async (f->auth, attempt, code, NULL, store_result_cb, &result);
  g_assert_true (hb_auth_sign_in_finish (f->auth, await (&result), &error));
  token = g_strdup (hb_client_get_token (f->client));
  await_stored (f, token);
  g_assert_true (hb_auth_get_persistent (f->auth));
  g_assert_cmpuint (f->storage_count, ==, 0);

  /* The item is findable by design.md's attributes, as a keyring manager shows them. */
  {
    g_autofree char *found =
        secret_password_lookup_sync (&keyring_schema, NULL, &error, "server", f->base_url,
                                     "account", "demo", "app", APP_ID, NULL);
    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, token);
  }

  /* A new run restores it from the keyring. */
  client2 = hb_client_new (f->base_url);
  store2 = hb_secret_store_libsecret_new ();
  auth2 = hb_auth_new (client2, store2);
  g_assert_true (restore (auth2));
  g_assert_cmpstr (hb_client_get_token (client2), ==, token);
  g_assert_true (hb_auth_get_persistent (auth2));

  /* The keyring file is encrypted; nothing else under $HOME may hold the token. */
  assert_not_in_files (g_get_home_dir (), token);

  hb_auth_sign_out (auth2);
  await_stored (f, NULL);
}

static gboolean
persistent_seen (Fixture *f)
{
  for (guint i = 0; i < 500 && !hb_auth_get_persistent (f->auth) && f->storage_count == 0; i++)
    spin (10);
  return hb_auth_get_persistent (f->auth);
}

/* Issue 12, item 6: /user fails with something other than 401 (here every request answers
 * 500), so the account is unknown. The token still works and is kept: saved under the server,
 * without an account attribute rather than with a made-up one, and the save finishes (a
 * store that never calls back would leave HbAuth waiting and leak its task). */
static void
test_user_unknown (Fixture *f, gconstpointer data)
{
  const HbsFaults failing = { .fail_every = 1 };
  const HbsFaults none = { 0 };
  g_autoptr (HbClient) client2 = NULL;
  g_autoptr (HbAuth) auth2 = NULL;

  _hb_client_set_limits (f->client, 64 * 1024 * 1024, 3, 5); /* retry the 500s quickly */
  hbs_server_set_faults (f->server, &failing);
  g_test_expect_message ("hb-api", G_LOG_LEVEL_MESSAGE, "*account*");
  hb_auth_set_token (f->auth, VALID_TOKEN);
  await_stored (f, VALID_TOKEN);
  if (hb_secret_store_is_persistent (f->store))
    g_assert_true (persistent_seen (f));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->storage_count, ==, 0);
  g_assert_true (hb_auth_get_signed_in (f->auth));
  hbs_server_set_faults (f->server, &none);

  /* Found by server and app, and not under an empty account name (what it was stored under
   * before). secret_password_search_sync would show the attributes, but leaks in libsecret. */
  if (hb_secret_store_is_persistent (f->store))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *by_server = secret_password_lookup_sync (
          &keyring_schema, NULL, &error, "server", f->base_url, "app", APP_ID, NULL);
      g_autofree char *by_empty_account = secret_password_lookup_sync (
          &keyring_schema, NULL, &error, "server", f->base_url, "account", "", "app", APP_ID, NULL);

      g_assert_no_error (error);
      g_assert_cmpstr (by_server, ==, VALID_TOKEN);
      g_assert_null (by_empty_account);
    }

  /* The next run is signed in with it. */
  client2 = hb_client_new (f->base_url);
  auth2 = hb_auth_new (client2, f->store);
  g_assert_true (restore (auth2));
  g_assert_cmpstr (hb_client_get_token (client2), ==, VALID_TOKEN);
  hb_auth_sign_out (auth2);
  await_stored (f, NULL);
}

/* Under no-secret-service: the session bus cannot be reached at all. */
static void
test_no_secret_service (Fixture *f, gconstpointer data)
{
  g_assert_false (restore (f->auth));

  hb_auth_set_token (f->auth, VALID_TOKEN);
  for (guint i = 0; i < 500 && f->storage_count == 0; i++)
    spin (10);
  g_assert_true (hb_auth_get_signed_in (f->auth));
  g_assert_false (hb_auth_get_persistent (f->auth));
  g_assert_cmpuint (f->storage_count, ==, 1);

  /* Said once per run, however often the token is saved. */
  hb_auth_set_token (f->auth, VALID_TOKEN);
  spin (300);
  g_assert_cmpuint (f->storage_count, ==, 1);
  g_assert_cmpstr (hb_client_get_token (f->client), ==, VALID_TOKEN);

  hb_auth_sign_out (f->auth);
  spin (100);
  g_assert_false (hb_auth_get_signed_in (f->auth));
}

static void
add (const char *path, void (*func) (Fixture *, gconstpointer), HbSecretStore *(*new_store) (void) )
{
  g_test_add (path, Fixture, new_store, fixture_set_up, func, fixture_tear_down);
}

int
main (int argc, char **argv)
{
  /* The mode comes first, before GTest sees the arguments. */
  const char *mode = argc > 1 && argv[1][0] != '-' ? argv[1] : "memory";

  if (argc > 1 && argv[1][0] != '-')
    {
      argv[1] = argv[0];
      argv++;
      argc--;
    }
  g_test_init (&argc, &argv, NULL);

  if (g_str_equal (mode, "memory"))
    {
      add ("/auth/memory/env-token", test_env_token, hb_secret_store_memory_new);
      add ("/auth/memory/env-token-empty", test_env_token_empty, hb_secret_store_memory_new);
      add ("/auth/memory/restore-nothing", test_restore_nothing, hb_secret_store_memory_new);
      add ("/auth/memory/set-restore-sign-out", test_set_token_restore_sign_out,
           hb_secret_store_memory_new);
      add ("/auth/memory/unauthorized", test_unauthorized, hb_secret_store_memory_new);
      add ("/auth/memory/unauthorized-later", test_unauthorized_later, hb_secret_store_memory_new);
      add ("/auth/memory/sign-in", test_sign_in, hb_secret_store_memory_new);
      add ("/auth/memory/sign-in-bad-code", test_sign_in_bad_code, hb_secret_store_memory_new);
      add ("/auth/memory/sign-in-wrong-verifier", test_sign_in_wrong_verifier,
           hb_secret_store_memory_new);
      add ("/auth/memory/user-unknown", test_user_unknown, hb_secret_store_memory_new);
    }
  else if (g_str_equal (mode, "keyring"))
    {
      add ("/auth/keyring/env-token", test_env_token, hb_secret_store_libsecret_new);
      add ("/auth/keyring/set-restore-sign-out", test_set_token_restore_sign_out,
           hb_secret_store_libsecret_new);
      add ("/auth/keyring/unauthorized", test_unauthorized, hb_secret_store_libsecret_new);
      add ("/auth/keyring/sign-in", test_keyring_sign_in, hb_secret_store_libsecret_new);
      add ("/auth/keyring/user-unknown", test_user_unknown, hb_secret_store_libsecret_new);
    }
  else if (g_str_equal (mode, "no-secret-service"))
    {
      /* Deterministic: no bus at all, rather than whatever a desktop would auto-start. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/harbor-test-bus", TRUE);
      add ("/auth/no-secret-service/fallback", test_no_secret_service,
           hb_secret_store_libsecret_new);
    }
  else
    g_error ("unknown mode %s", mode);

  return g_test_run ();
}
