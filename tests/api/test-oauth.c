/* test-oauth.c: HbOAuth's pure logic: authorize URI, redirect parsing, token-reply parsing
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-api-error.h"
#include "hb-oauth.h"
#include "hbt-utils.h"

#define BASE "https://appharbor.example"
#define PORT 41234

static HbOAuth *
new_attempt (void)
{
  return hb_oauth_new (BASE, "harbor-desktop", "harbor-desktop-secret", PORT);
}

/* @query with every "%s" replaced by @value (kept printf-like for readability, without
 * handing a non-literal format to printf). */
static char *
redirect_with (HbOAuth *oauth, const char *query, const char *value)
{
  GString *uri = g_string_new (NULL);

  g_string_printf (uri, "http://127.0.0.1:%u/oauth/callback?", PORT);
  g_string_append (uri, query);
  g_string_replace (uri, "%%", "%", 0);
  g_string_replace (uri, "%s", value, 0);
  return g_string_free (uri, FALSE);
}

/* The challenge is recomputed here from RFC 7636's definition, not through HbOAuth. */
static char *
expected_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return g_steal_pointer (&b64);
}

static void
assert_url_safe (const char *s, gsize min_len)
{
  g_assert_cmpuint (strlen (s), >=, min_len);
  for (const char *p = s; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

static void
test_authorize_uri (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  g_autofree char *uri = hb_oauth_dup_authorize_uri (oauth);
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *challenge = NULL;

  g_assert_nonnull (parsed);
  g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "https");
  g_assert_cmpstr (g_uri_get_host (parsed), ==, "appharbor.example");
  g_assert_cmpstr (g_uri_get_path (parsed), ==, "/user/authorizations/new");

  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  g_assert_cmpuint (g_hash_table_size (params), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "harbor-desktop");
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==,
                   "http://127.0.0.1:41234/oauth/callback");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, hb_oauth_get_state (oauth));
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  challenge = expected_challenge (hb_oauth_get_code_verifier (oauth));
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, challenge);

  /* No secret, no verifier in the browser's address bar. */
  g_assert_null (strstr (uri, "secret"));
  g_assert_null (strstr (uri, hb_oauth_get_code_verifier (oauth)));

  /* 128 bits of state, 256 bits of verifier, base64url. */
  assert_url_safe (hb_oauth_get_state (oauth), 22);
  assert_url_safe (hb_oauth_get_code_verifier (oauth), 43);
  g_assert_cmpuint (strlen (hb_oauth_get_code_verifier (oauth)), <=, 128);
}

static void
test_authorize_uri_trailing_slash (void)
{
  g_autoptr (HbOAuth) oauth = hb_oauth_new ("http://127.0.0.1:8080/", "id", NULL, PORT);
  g_autofree char *uri = hb_oauth_dup_authorize_uri (oauth);

  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:8080/user/authorizations/new?"));
}

/* The code exchange sends the client secret and gets the token back: never over plain http
 * to another machine. */
static void
test_exchange_plain_http_refused (void)
{
  g_autoptr (HbOAuth) oauth = hb_oauth_new ("http://appharbor.example.com", "id", "secret", 1234);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;

  hb_oauth_exchange_async (oauth, "code", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  token = hb_oauth_exchange_finish (oauth, result, &error);
  g_assert_null (token);
  g_assert_error (error, HB_API_ERROR, HB_API_ERROR_INSECURE);
}

static void
test_fresh_every_attempt (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (HbOAuth) oauth = new_attempt ();

      g_assert_true (g_hash_table_add (seen, g_strdup (hb_oauth_get_state (oauth))));
      g_assert_true (g_hash_table_add (seen, g_strdup (hb_oauth_get_code_verifier (oauth))));
    }
}

static void
test_redirect_code (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  g_autofree char *uri =
      redirect_with (oauth, "code=abc%%2F1&state=%s", hb_oauth_get_state (oauth));
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_true (hb_oauth_is_redirect (oauth, uri));
  code = hb_oauth_parse_redirect (oauth, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "abc/1");
}

static void
test_redirect_order_and_extras (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  g_autofree char *uri =
      redirect_with (oauth, "state=%s&iss=x&code=c1&foo", hb_oauth_get_state (oauth));
  g_autofree char *code = hb_oauth_parse_redirect (oauth, uri, NULL);

  g_assert_cmpstr (code, ==, "c1");
}

static void
test_redirect_state_used_once (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  g_autofree char *uri = redirect_with (oauth, "code=c1&state=%s", hb_oauth_get_state (oauth));
  g_autofree char *first = hb_oauth_parse_redirect (oauth, uri, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *second = NULL;

  g_assert_cmpstr (first, ==, "c1");
  second = hb_oauth_parse_redirect (oauth, uri, &error);
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_STATE_MISMATCH);
  g_assert_null (second);
}

/* Each of these is not the redirect URI at all: decide-policy must let them load. */
static void
test_redirect_wrong_target (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  const char *state = hb_oauth_get_state (oauth);
  const char *targets[] = {
    "https://127.0.0.1:41234/oauth/callback",
    "ftp://127.0.0.1:41234/oauth/callback",
    "http://localhost:41234/oauth/callback",
    "http://127.0.0.2:41234/oauth/callback",
    "http://[::1]:41234/oauth/callback",
    "http://127.0.0.1.evil.example:41234/oauth/callback",
    "http://127.0.0.1:41235/oauth/callback",
    "http://127.0.0.1/oauth/callback",
    "http://127.0.0.1:41234/oauth/callbackx",
    "http://127.0.0.1:41234/oauth/callback/",
    "http://127.0.0.1:41234/oauth/callback/..",
    "http://127.0.0.1:41234/oauth/callback/../evil",
    "http://127.0.0.1:41234/oauth/Callback",
    "http://127.0.0.1:41234/oauth%2Fcallback",
    "http://127.0.0.1:41234/evil/oauth/callback",
    "http://127.0.0.1:41234//oauth/callback",
    "http://127.0.0.1:41234@evil.example/oauth/callback",
    "http://evil.example@127.0.0.1:41234/oauth/callback",
    "http://127.0.0.1:41234%40evil.example/oauth/callback",
    "http://evil.example/?next=http://127.0.0.1:41234/oauth/callback",
    "127.0.0.1:41234/oauth/callback",
    "/oauth/callback",
    "",
    "not a uri at all",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *uri = g_strdup_printf ("%s?code=c1&state=%s", targets[i], state);
      g_autoptr (GError) error = NULL;
      g_autofree char *code = NULL;

      g_test_message ("target %s", targets[i]);
      g_assert_false (hb_oauth_is_redirect (oauth, uri));
      code = hb_oauth_parse_redirect (oauth, uri, &error);
      g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_NOT_REDIRECT);
      g_assert_null (code);
    }
  g_assert_false (hb_oauth_is_redirect (oauth, NULL));

  /* A malformed escape makes the whole address unreadable, so it is not ours either. */
  {
    g_autofree char *bad = redirect_with (oauth, "code=c1&state=%s%%zz", state);
    g_autoptr (GError) error = NULL;

    g_assert_null (hb_oauth_parse_redirect (oauth, bad, &error));
    g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_NOT_REDIRECT);
  }
}

static void
assert_redirect_error (const char *query, const char *state_override, int expected)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  const char *state = state_override ? state_override : hb_oauth_get_state (oauth);
  g_autofree char *uri = redirect_with (oauth, query, state);
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  g_test_message ("query %s", query);
  g_assert_true (hb_oauth_is_redirect (oauth, uri));
  code = hb_oauth_parse_redirect (oauth, uri, &error);
  g_assert_error (error, HB_OAUTH_ERROR, expected);
  g_assert_null (code);
}

static void
test_redirect_state (void)
{
  assert_redirect_error ("code=c1%s", "", HB_OAUTH_ERROR_STATE_MISMATCH);
  assert_redirect_error ("code=c1&state=%s", "", HB_OAUTH_ERROR_STATE_MISMATCH);
  assert_redirect_error ("code=c1&state=%s", "someone-elses-state", HB_OAUTH_ERROR_STATE_MISMATCH);
  assert_redirect_error ("code=c1&state=%sx", NULL, HB_OAUTH_ERROR_STATE_MISMATCH);
  assert_redirect_error ("code=c1&state=%s&state=other", NULL, HB_OAUTH_ERROR_STATE_MISMATCH);
  assert_redirect_error ("code=c1&code=c2&state=%s", NULL, HB_OAUTH_ERROR_STATE_MISMATCH);
  /* A denial that does not carry our state is not trusted either. */
  assert_redirect_error ("error=access_denied%s", "", HB_OAUTH_ERROR_STATE_MISMATCH);
}

static void
test_redirect_errors (void)
{
  assert_redirect_error ("error=access_denied&state=%s", NULL, HB_OAUTH_ERROR_ACCESS_DENIED);
  assert_redirect_error ("state=%s&error=access_denied&code=c1", NULL,
                         HB_OAUTH_ERROR_ACCESS_DENIED);
  assert_redirect_error ("error=server_error&state=%s", NULL, HB_OAUTH_ERROR_SERVER);
  assert_redirect_error ("error=invalid_request&error_description=bad+thing&state=%s", NULL,
                         HB_OAUTH_ERROR_SERVER);
  assert_redirect_error ("state=%s", NULL, HB_OAUTH_ERROR_MISSING_CODE);
  assert_redirect_error ("code=&state=%s", NULL, HB_OAUTH_ERROR_MISSING_CODE);
}

static void
test_redirect_error_message (void)
{
  g_autoptr (HbOAuth) oauth = new_attempt ();
  g_autofree char *uri =
      redirect_with (oauth, "error=temporarily_unavailable&state=%s", hb_oauth_get_state (oauth));
  g_autoptr (GError) error = NULL;

  g_assert_null (hb_oauth_parse_redirect (oauth, uri, &error));
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "temporarily_unavailable"));
}

static void
assert_reply_token (const char *body, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = hb_oauth_parse_token_reply (body, -1, &error);

  g_test_message ("reply %s", body);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected);
}

static void
assert_reply_error (const char *body, gssize length, int expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = hb_oauth_parse_token_reply (body, length, &error);

  g_assert_error (error, HB_OAUTH_ERROR, expected);
  g_assert_null (token);
}

static void
test_token_reply (void)
{
  assert_reply_token ("access_token=tok1&token_type=bearer", "tok1");
  assert_reply_token ("token_type=bearer&access_token=tok2", "tok2");
  assert_reply_token ("access_token=tok3", "tok3");
  assert_reply_token ("scope=&x=1&access_token=tok4&token_type=Bearer&y", "tok4");
  assert_reply_token ("access_token=a%2Bb%3D%3D&token_type=bearer", "a+b==");
  assert_reply_token ("access_token=tok5&token_type=bearer\r\n", "tok5");
}

static void
test_token_reply_errors (void)
{
  g_autofree char *huge = NULL;
  g_autoptr (GError) error = NULL;

  assert_reply_error ("error=invalid_grant", -1, HB_OAUTH_ERROR_SERVER);
  assert_reply_error ("access_token=tok&error=unauthorized_client", -1, HB_OAUTH_ERROR_SERVER);
  assert_reply_error ("error=access_denied", -1, HB_OAUTH_ERROR_ACCESS_DENIED);
  assert_reply_error ("", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error (NULL, 0, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("token_type=bearer", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("access_token=", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("access_token=a+b", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("access_token=a%0D%0AX-Evil:%201", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("access_token=%zz", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("{\"access_token\":\"tok\"}", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("<html><body>Oops</body></html>", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("\x01\x02\xff\xfe", -1, HB_OAUTH_ERROR_INVALID_REPLY);
  assert_reply_error ("access_token=tok\0&x=1", 18, HB_OAUTH_ERROR_INVALID_REPLY);

  /* A megabyte of pairs is refused before it is parsed. */
  huge = g_strnfill (1024 * 1024, 'a');
  memcpy (huge, "access_token=", strlen ("access_token="));
  g_assert_null (hb_oauth_parse_token_reply (huge, -1, &error));
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/oauth/authorize-uri", test_authorize_uri);
  g_test_add_func ("/oauth/authorize-uri/trailing-slash", test_authorize_uri_trailing_slash);
  g_test_add_func ("/oauth/fresh-every-attempt", test_fresh_every_attempt);
  g_test_add_func ("/oauth/exchange/plain-http-refused", test_exchange_plain_http_refused);
  g_test_add_func ("/oauth/redirect/code", test_redirect_code);
  g_test_add_func ("/oauth/redirect/order-and-extras", test_redirect_order_and_extras);
  g_test_add_func ("/oauth/redirect/state-used-once", test_redirect_state_used_once);
  g_test_add_func ("/oauth/redirect/wrong-target", test_redirect_wrong_target);
  g_test_add_func ("/oauth/redirect/state", test_redirect_state);
  g_test_add_func ("/oauth/redirect/errors", test_redirect_errors);
  g_test_add_func ("/oauth/redirect/error-message", test_redirect_error_message);
  g_test_add_func ("/oauth/token-reply", test_token_reply);
  g_test_add_func ("/oauth/token-reply/errors", test_token_reply_errors);

  return g_test_run ();
}
