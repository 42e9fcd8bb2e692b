/* test-server-oauth.c: harbor-server's OAuth 2 flow (sign-in form, consent page, redirect,
 * /tokens with PKCE, the CLI's /token) driven as a browser without JavaScript would
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, setup, fn, hst_teardown)
#define CALLBACK "http://127.0.0.1:43210/oauth/callback"
/* A confidential client (its secret stays on a server): PKCE is optional for it. */
#define SCRIPT "script"
#define SCRIPT_SECRET "script-secret"
#define SCRIPT_CALLBACK "http://127.0.0.1:43211/script/callback"
/* RFC 7636 appendix B. */
#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

static void
setup (HstFixture *f, gconstpointer data)
{
  hst_setup (f, data);
  /* A browser: keeps cookies, and we look at each redirect ourselves. */
  soup_session_add_feature_by_type (f->session, SOUP_TYPE_COOKIE_JAR);
  hbs_server_add_client (f->server, SCRIPT, SCRIPT_SECRET, "Script",
                         "http://127.0.0.1/script/callback");
}

static HstResponse *
browse (HstFixture *f, const char *method, const char *url_or_path, const char *form)
{
  g_autofree char *url = g_str_has_prefix (url_or_path, "http")
                             ? g_strdup (url_or_path)
                             : g_strconcat (f->base, url_or_path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (form, strlen (form));
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  return hst_send_message (f, msg);
}

static char *
authorize_path (const char *client, const char *redirect, const char *challenge)
{
  g_autofree char *escaped = g_uri_escape_string (redirect, NULL, FALSE);

  if (challenge != NULL)
    return g_strdup_printf ("/user/authorizations/new?client_id=%s&redirect_uri=%s&state=st%%20ate"
                            "&code_challenge=%s&code_challenge_method=S256",
                            client, escaped, challenge);
  return g_strdup_printf ("/user/authorizations/new?client_id=%s&redirect_uri=%s&state=st%%20ate",
                          client, escaped);
}

static char *
hidden_value (const char *html, const char *name)
{
  g_autofree char *needle = g_strdup_printf ("name=\"%s\" value=\"", name);
  const char *start = strstr (html, needle);

  g_assert_nonnull (start);
  start += strlen (needle);
  return g_strndup (start, strchr (start, '"') - start);
}

static void
sign_in (HstFixture *f, const char *return_to)
{
  g_autofree char *escaped = g_uri_escape_string (return_to, NULL, FALSE);
  g_autofree char *form = g_strdup_printf ("username=demo&password=demo&return_to=%s", escaped);
  g_autoptr (HstResponse) r = browse (f, "POST", "/session", form);
  g_autofree char *expected = g_strconcat (f->base, return_to, NULL);

  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Location"), ==, expected);
  g_assert_nonnull (strstr (soup_message_headers_get_one (r->headers, "Set-Cookie"), "HttpOnly"));
}

/* The query of a redirect to the callback, as a table. */
static GHashTable *
callback_params (HstResponse *r, const char *callback)
{
  const char *location = soup_message_headers_get_one (r->headers, "Location");

  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, callback));
  g_assert_cmpint (location[strlen (callback)], ==, '?');
  return soup_form_decode (location + strlen (callback) + 1);
}

/* Sign in, allow, and return the code the callback received. */
static char *
get_client_code (HstFixture *f, const char *client, const char *callback, const char *challenge)
{
  g_autofree char *path = authorize_path (client, callback, challenge);
  g_autoptr (HstResponse) consent = NULL;
  g_autoptr (HstResponse) allowed = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GString) form = g_string_new ("decision=allow");
  static const char *const fields[] = { "client_id", "redirect_uri", "state", "csrf" };

  sign_in (f, path);
  consent = browse (f, "GET", path, NULL);
  g_assert_cmpuint (consent->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = hidden_value (consent->text, fields[i]);
      g_autofree char *unescaped = g_strcompress (value);
      g_autofree char *escaped = NULL;

      /* Hidden values are HTML-escaped; ours contain no entities but '&amp;'-free URLs. */
      escaped = g_uri_escape_string (unescaped, NULL, FALSE);
      g_string_append_printf (form, "&%s=%s", fields[i], escaped);
    }
  if (challenge != NULL)
    g_string_append_printf (form, "&code_challenge=%s&code_challenge_method=S256", challenge);
  allowed = browse (f, "POST", "/user/authorizations", form->str);
  g_assert_cmpuint (allowed->status, ==, 303);
  params = callback_params (allowed, callback);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st ate");
  return g_strdup (g_hash_table_lookup (params, "code"));
}

/* A code for Harbor's own client, which always sends a PKCE challenge. */
static char *
get_code (HstFixture *f)
{
  return get_client_code (f, "harbor-desktop", CALLBACK, CHALLENGE);
}

static HstResponse *
exchange_for (
    HstFixture *f, const char *client, const char *secret, const char *code, const char *verifier)
{
  g_autofree char *form =
      g_strdup_printf ("client_id=%s&client_secret=%s&code=%s%s%s", client, secret, code,
                       verifier != NULL ? "&code_verifier=" : "", verifier != NULL ? verifier : "");

  return browse (f, "POST", "/tokens", form);
}

static HstResponse *
exchange (HstFixture *f, const char *code, const char *verifier, const char *secret)
{
  return exchange_for (f, "harbor-desktop", secret, code, verifier);
}

static char *
token_from (HstResponse *r)
{
  g_autoptr (GHashTable) reply = NULL;

  if (r->status != 200)
    g_error ("token exchange answered %u: %s", r->status, r->text);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==,
                   "application/x-www-form-urlencoded");
  /* Clients that read only the first pair must find the token. */
  g_assert_true (g_str_has_prefix (r->text, "access_token="));
  reply = soup_form_decode (r->text);
  g_assert_cmpstr (g_hash_table_lookup (reply, "token_type"), ==, "bearer");
  g_assert_cmpuint (g_hash_table_size (reply), ==, 2);
  return g_strdup (g_hash_table_lookup (reply, "access_token"));
}

static void
assert_token_error (HstResponse *r, const char *error)
{
  g_autofree char *expected = g_strconcat ("error=", error, NULL);

  g_assert_cmpuint (r->status, ==, 400);
  g_assert_cmpstr (r->text, ==, expected);
}

static void
assert_user (HstFixture *f, const char *token, const char *username)
{
  g_autoptr (HstResponse) r = hst_request (f, "GET", "/user", token, NULL, NULL);

  g_assert_cmpstr (hst_member (hst_object (r), "username"), ==, username);
}

static void
test_sign_in_form (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autoptr (HstResponse) page = browse (f, "GET", path, NULL);
  g_autoptr (HstResponse) wrong = browse (f, "POST", "/session", "username=demo&password=nope");
  static const char *const ids[] = {
    "id=\"username\"",         "id=\"password\"",
    "id=\"sign-in\"",          "Demo account: <strong>demo</strong> / <strong>demo</strong>",
    "<strong>Harbor</strong>", "method=\"post\""
  };

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (
      g_str_has_prefix (soup_message_headers_get_one (page->headers, "Content-Type"), "text/html"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_nonnull (strstr (page->text, ids[i]));
  g_assert_null (strstr (page->text, "<script"));
  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_nonnull (strstr (wrong->text, "Wrong username or password"));
  g_assert_null (soup_message_headers_get_one (wrong->headers, "Set-Cookie"));
}

static void
test_full_flow (HstFixture *f, gconstpointer data)
{
  g_autofree char *code = get_code (f);
  g_autoptr (HstResponse) r = exchange (f, code, VERIFIER, "harbor-desktop-secret");
  g_autofree char *token = token_from (r);
  g_autoptr (HstResponse) reused = exchange (f, code, VERIFIER, "harbor-desktop-secret");

  assert_user (f, token, "demo");
  assert_token_error (reused, "invalid_grant");
}

static void
test_consent_page (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autoptr (HstResponse) page = NULL;
  static const char *const needles[] = { "id=\"allow\"",     "id=\"deny\"",
                                         "Harbor",           "demo",
                                         "demo@example.com", "action=\"/user/authorizations\"" };

  sign_in (f, path);
  page = browse (f, "GET", path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_nonnull (strstr (page->text, needles[i]));
  g_assert_null (strstr (page->text, "<script"));
  g_assert_cmpstr (soup_message_headers_get_one (page->headers, "X-Frame-Options"), ==, "DENY");
}

static void
test_deny (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autoptr (HstResponse) page = NULL;
  g_autoptr (HstResponse) denied = NULL;
  g_autoptr (HstResponse) no_csrf = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *redirect = g_uri_escape_string (CALLBACK, NULL, FALSE);

  sign_in (f, path);
  page = browse (f, "GET", path, NULL);
  csrf = hidden_value (page->text, "csrf");
  form = g_strdup_printf ("decision=deny&client_id=harbor-desktop&redirect_uri=%s&state=s1&csrf=%s"
                          "&code_challenge=" CHALLENGE "&code_challenge_method=S256",
                          redirect, csrf);
  denied = browse (f, "POST", "/user/authorizations", form);
  params = callback_params (denied, CALLBACK);
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "access_denied");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "s1");
  g_assert_false (g_hash_table_contains (params, "code"));
  /* Without the page's token the form is refused: no cross-site consent. */
  g_clear_pointer (&form, g_free);
  form = g_strdup_printf ("decision=allow&client_id=harbor-desktop&redirect_uri=%s", redirect);
  no_csrf = browse (f, "POST", "/user/authorizations", form);
  g_assert_cmpuint (no_csrf->status, ==, 400);
  g_assert_null (soup_message_headers_get_one (no_csrf->headers, "Location"));
}

static void
test_pkce (HstFixture *f, gconstpointer data)
{
  g_autofree char *code1 = get_code (f);
  g_autofree char *code2 = get_code (f);
  g_autofree char *code3 = get_code (f);
  g_autofree char *plain = get_client_code (f, SCRIPT, SCRIPT_CALLBACK, NULL);
  g_autoptr (HstResponse) wrong = exchange (f, code1, "x" VERIFIER, "harbor-desktop-secret");
  g_autoptr (HstResponse) missing = exchange (f, code2, NULL, "harbor-desktop-secret");
  g_autoptr (HstResponse) retry = exchange (f, code1, VERIFIER, "harbor-desktop-secret");
  g_autoptr (HstResponse) right = exchange (f, code3, VERIFIER, "harbor-desktop-secret");
  g_autoptr (HstResponse) without = exchange_for (f, SCRIPT, SCRIPT_SECRET, plain, NULL);
  g_autofree char *t1 = token_from (right);
  g_autofree char *t2 = token_from (without);

  assert_token_error (wrong, "invalid_grant");
  assert_token_error (missing, "invalid_grant");
  /* A failed attempt used the code up. */
  assert_token_error (retry, "invalid_grant");
  assert_user (f, t1, "demo");
  assert_user (f, t2, "demo");
  g_assert_cmpstr (t1, !=, t2);
}

/* Harbor's client is public (its secret ships in the app), so a stolen code must be useless
 * without the verifier: it cannot get a code without a challenge. And no client can downgrade:
 * a verifier sent for a code issued without a challenge is refused, not ignored. */
static void
test_pkce_required (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, NULL);
  g_autofree char *redirect = g_uri_escape_string (CALLBACK, NULL, FALSE);
  g_autoptr (HstResponse) refused = NULL;
  g_autoptr (HstResponse) page = NULL;
  g_autoptr (HstResponse) forged = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (GHashTable) forged_params = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *plain2 = NULL;
  g_autofree char *token = NULL;

  refused = browse (f, "GET", path, NULL);
  g_assert_cmpuint (refused->status, ==, 302);
  params = callback_params (refused, CALLBACK);
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "invalid_request");
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st ate");
  g_assert_false (g_hash_table_contains (params, "code"));

  /* Nor by posting the consent form without the challenge the page carried. */
  g_clear_pointer (&path, g_free);
  path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  sign_in (f, path);
  page = browse (f, "GET", path, NULL);
  csrf = hidden_value (page->text, "csrf");
  form = g_strdup_printf ("decision=allow&client_id=harbor-desktop&redirect_uri=%s&csrf=%s",
                          redirect, csrf);
  forged = browse (f, "POST", "/user/authorizations", form);
  g_assert_cmpuint (forged->status, ==, 303);
  forged_params = callback_params (forged, CALLBACK);
  g_assert_cmpstr (g_hash_table_lookup (forged_params, "error"), ==, "invalid_request");
  g_assert_false (g_hash_table_contains (forged_params, "code"));

  /* A confidential client may skip PKCE, but then may not send a verifier. */
  plain = get_client_code (f, SCRIPT, SCRIPT_CALLBACK, NULL);
  plain2 = get_client_code (f, SCRIPT, SCRIPT_CALLBACK, NULL);
  {
    g_autoptr (HstResponse) downgrade = exchange_for (f, SCRIPT, SCRIPT_SECRET, plain, VERIFIER);
    g_autoptr (HstResponse) ok = exchange_for (f, SCRIPT, SCRIPT_SECRET, plain2, NULL);

    assert_token_error (downgrade, "invalid_grant");
    token = token_from (ok);
    assert_user (f, token, "demo");
  }
}

static void
test_token_errors (HstFixture *f, gconstpointer data)
{
  g_autofree char *code = get_code (f);
  g_autoptr (HstResponse) bad_secret = exchange (f, code, VERIFIER, "guess");
  g_autoptr (HstResponse) unknown_code = exchange (f, "made-up", VERIFIER, "harbor-desktop-secret");
  g_autoptr (HstResponse) incomplete = browse (f, "POST", "/tokens", "client_id=harbor-desktop");
  g_autoptr (HstResponse) get = browse (f, "GET", "/tokens", NULL);
  g_autoptr (HstResponse) after = exchange (f, code, VERIFIER, "harbor-desktop-secret");

  assert_token_error (bad_secret, "unauthorized_client");
  assert_token_error (unknown_code, "invalid_grant");
  assert_token_error (incomplete, "invalid_request");
  g_assert_cmpuint (get->status, ==, 405);
  /* The bad secret did not consume the code. */
  g_free (token_from (after));
}

/* Some clients put the three values in the query string of the POST. */
static void
test_token_in_query (HstFixture *f, gconstpointer data)
{
  g_autofree char *code = get_code (f);
  g_autofree char *path =
      g_strdup_printf ("/tokens?client_id=harbor-desktop&client_secret=harbor-desktop-secret"
                       "&code=%s&code_verifier=" VERIFIER,
                       code);
  g_autoptr (HstResponse) r = browse (f, "POST", path, NULL);
  g_autofree char *token = token_from (r);

  assert_user (f, token, "demo");
}

static void
test_redirect_rules (HstFixture *f, gconstpointer data)
{
  static const char *const refused[] = {
    "http://127.0.0.1:43210/other",
    "http://evil.example/oauth/callback",
    "https://127.0.0.1:43210/oauth/callback",
    "http://127.0.0.2:43210/oauth/callback",
    "http://127.0.0.1:43210/oauth/callback?x=1",
    "http://user@127.0.0.1:43210/oauth/callback",
  };
  static const char *const accepted[] = {
    "http://127.0.0.1/oauth/callback",
    "http://127.0.0.1:1/oauth/callback",
    "http://127.0.0.1:65535/oauth/callback",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *path = authorize_path ("harbor-desktop", refused[i], NULL);
      g_autoptr (HstResponse) r = browse (f, "GET", path, NULL);

      g_test_message ("refused %s", refused[i]);
      g_assert_cmpuint (r->status, ==, 400);
      g_assert_null (soup_message_headers_get_one (r->headers, "Location"));
      g_assert_nonnull (strstr (r->text, "redirect_uri"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *path = authorize_path ("harbor-desktop", accepted[i], CHALLENGE);
      g_autoptr (HstResponse) r = browse (f, "GET", path, NULL);

      g_assert_cmpuint (r->status, ==, 200);
      g_assert_nonnull (strstr (r->text, "id=\"sign-in\""));
    }
  {
    g_autofree char *path = authorize_path ("nobody", CALLBACK, NULL);
    g_autoptr (HstResponse) r = browse (f, "GET", path, NULL);
    g_autoptr (HstResponse) none = browse (f, "GET", "/user/authorizations/new", NULL);

    g_assert_cmpuint (r->status, ==, 400);
    g_assert_null (soup_message_headers_get_one (r->headers, "Location"));
    g_assert_cmpuint (none->status, ==, 400);
  }
  /* A bad PKCE method is reported to the (valid) client, not shown as a page. */
  {
    g_autofree char *redirect = g_uri_escape_string (CALLBACK, NULL, FALSE);
    g_autofree char *path =
        g_strdup_printf ("/user/authorizations/new?client_id=harbor-desktop&redirect_uri=%s"
                         "&code_challenge=%s&code_challenge_method=plain",
                         redirect, CHALLENGE);
    g_autoptr (HstResponse) r = browse (f, "GET", path, NULL);
    g_autoptr (GHashTable) params = callback_params (r, CALLBACK);

    g_assert_cmpuint (r->status, ==, 302);
    g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "invalid_request");
  }
}

/* Sign-in never redirects anywhere but back to an authorization page of ours. */
static void
test_no_open_redirect (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) r =
      browse (f, "POST", "/session",
              "username=demo%40example.com&password=demo&return_to=http%3A%2F%2Fevil.example%2F");

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_null (soup_message_headers_get_one (r->headers, "Location"));
  g_assert_nonnull (soup_message_headers_get_one (r->headers, "Set-Cookie"));
}

/* A value that would reach a header must not carry a line break (header injection; libsoup
 * answers it with a critical and a response without Location) or any control character. */
static void
test_control_characters (HstFixture *f, gconstpointer data)
{
  static const char *const return_tos[] = {
    "%2Fuser%2Fauthorizations%2Fnew%3Fx%0D%0AX-Injected%3A%20y",
    "%2Fuser%2Fauthorizations%2Fnew%3Fx%0AX-Injected%3A%20y",
    "%2Fuser%2Fauthorizations%2Fnew%3Fclient_id%3Dharbor-desktop%09tab",
    "%2Fuser%2Fauthorizations%2Fnew%3Fx%7F",
  };

  for (guint i = 0; i < G_N_ELEMENTS (return_tos); i++)
    {
      g_autofree char *form =
          g_strdup_printf ("username=demo&password=demo&return_to=%s", return_tos[i]);
      g_autoptr (HstResponse) r = browse (f, "POST", "/session", form);

      g_test_message ("return_to=%s", return_tos[i]);
      g_assert_cmpuint (r->status, ==, 400);
      g_assert_null (soup_message_headers_get_one (r->headers, "Location"));
      g_assert_null (soup_message_headers_get_one (r->headers, "X-Injected"));
      g_assert_null (soup_message_headers_get_one (r->headers, "Set-Cookie"));
    }
}

/* "%00" in an OAuth form decodes to a NUL that would cut the value short, as in a query:
 * "demo%00junk" must not pass for the password "demo", nor a secret with junk after a NUL for
 * the client's secret. */
static void
test_nul_in_form (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) session =
      browse (f, "POST", "/session", "username=demo&password=demo%00junk");
  g_autofree char *code = NULL;
  g_autoptr (HstResponse) cut_secret = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpuint (session->status, ==, 401);
  g_assert_null (soup_message_headers_get_one (session->headers, "Set-Cookie"));

  code = get_code (f);
  cut_secret = exchange (f, code, VERIFIER, "harbor-desktop-secret%00junk");
  g_assert_cmpuint (cut_secret->status, ==, 400);
  g_assert_null (strstr (cut_secret->text, "access_token"));
  /* Refused before the code was looked at: it still works. */
  {
    g_autoptr (HstResponse) ok = exchange (f, code, VERIFIER, "harbor-desktop-secret");

    token = token_from (ok);
    assert_user (f, token, "demo");
  }
}

static void
test_auto_approve (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autoptr (HstResponse) r = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autoptr (HstResponse) token = NULL;
  g_autofree char *value = NULL;

  hbs_server_set_auto_approve (f->server, TRUE);
  r = browse (f, "GET", path, NULL);
  g_assert_cmpuint (r->status, ==, 302);
  params = callback_params (r, CALLBACK);
  token = exchange (f, g_hash_table_lookup (params, "code"), VERIFIER, "harbor-desktop-secret");
  value = token_from (token);
  assert_user (f, value, "demo");
}

/* redirect_uri is required (appharbor-api.md §2.2): without it the authorize page and the
 * consent form answer an error page and never issue a code, even when consent needs no page
 * (--auto-approve) and the client has a single registered callback to fall back on. */
static void
test_redirect_uri_required (HstFixture *f, gconstpointer data)
{
  static const char *const paths[] = {
    "/user/authorizations/new?client_id=harbor-desktop&state=s1"
    "&code_challenge=" CHALLENGE "&code_challenge_method=S256",
    "/user/authorizations/new?client_id=" SCRIPT "&state=s1",
    "/user/authorizations/new?client_id=" SCRIPT "&redirect_uri=&state=s1",
  };
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autoptr (HstResponse) page = NULL;
  g_autoptr (HstResponse) posted = NULL;
  g_autofree char *csrf = NULL;
  g_autofree char *form = NULL;

  for (guint approve = 0; approve < 2; approve++)
    {
      hbs_server_set_auto_approve (f->server, approve);
      for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
        {
          g_autoptr (HstResponse) r = browse (f, "GET", paths[i], NULL);

          g_test_message ("auto-approve %u: %s", approve, paths[i]);
          g_assert_cmpuint (r->status, ==, 400);
          g_assert_null (soup_message_headers_get_one (r->headers, "Location"));
          g_assert_true (g_str_has_prefix (
              soup_message_headers_get_one (r->headers, "Content-Type"), "text/html"));
          g_assert_nonnull (strstr (r->text, "redirect_uri"));
          g_assert_null (strstr (r->text, "code="));
        }
    }

  /* The consent form, posted without the redirect_uri its page carried. */
  hbs_server_set_auto_approve (f->server, FALSE);
  sign_in (f, path);
  page = browse (f, "GET", path, NULL);
  csrf = hidden_value (page->text, "csrf");
  form = g_strdup_printf ("decision=allow&client_id=harbor-desktop&state=s1&csrf=%s"
                          "&code_challenge=" CHALLENGE "&code_challenge_method=S256",
                          csrf);
  posted = browse (f, "POST", "/user/authorizations", form);
  g_assert_cmpuint (posted->status, ==, 400);
  g_assert_null (soup_message_headers_get_one (posted->headers, "Location"));
  g_assert_nonnull (strstr (posted->text, "redirect_uri"));
}

static void
test_registered_client (HstFixture *f, gconstpointer data)
{
  g_autofree char *exact = authorize_path ("ci", "https://ci.example.org/cb", NULL);
  g_autofree char *other = authorize_path ("ci", "https://ci.example.org:8443/cb", NULL);
  g_autoptr (HstResponse) ok = NULL;
  g_autoptr (HstResponse) refused = NULL;

  hbs_server_add_client (f->server, "ci", "ci-secret", "Build Bot", "https://ci.example.org/cb");
  ok = browse (f, "GET", exact, NULL);
  refused = browse (f, "GET", other, NULL);
  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_nonnull (strstr (ok->text, "Build Bot"));
  g_assert_cmpuint (refused->status, ==, 400);
}

static void
test_password_helper (HstFixture *f, gconstpointer data)
{
  g_autoptr (HstResponse) ok = browse (f, "POST", "/token", "username=ana&password=ana");
  g_autoptr (HstResponse) wrong = browse (f, "POST", "/token", "username=ana&password=demo");
  g_autofree char *token = token_from (ok);

  assert_user (f, token, "ana");
  assert_token_error (wrong, "invalid_grant");
}

/* Tokens from /token (and /tokens) are capped per account and client, as GitHub caps its own:
 * the eleventh revokes the oldest, so sign-in scripts cannot grow the state without end. */
static void
test_token_cap (HstFixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 15; i++)
    {
      g_autoptr (HstResponse) r = browse (f, "POST", "/token", "username=bob&password=bob");

      g_ptr_array_add (tokens, token_from (r));
    }
  for (guint i = 0; i < tokens->len; i++)
    {
      g_autoptr (HstResponse) r =
          hst_request (f, "GET", "/user", g_ptr_array_index (tokens, i), NULL, NULL);

      g_test_message ("token %u: %u", i, r->status);
      g_assert_cmpuint (r->status, ==, i < 5 ? 401 : 200);
    }
  /* Another client's tokens (and --token's) are counted apart. */
  assert_user (f, HST_TOKEN, "demo");
  {
    g_autofree char *code = get_code (f);
    g_autoptr (HstResponse) r = exchange (f, code, VERIFIER, "harbor-desktop-secret");
    g_autofree char *token = token_from (r);

    assert_user (f, token, "demo");
  }
}

/* At most 1,000 codes are outstanding (they expire after a minute, on a timer): a flood of
 * auto-approved authorizations drops the oldest instead of growing the server. */
static void
test_codes_capped (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *last = NULL;

  hbs_server_set_auto_approve (f->server, TRUE);
  for (guint i = 0; i < 1001; i++)
    {
      g_autoptr (HstResponse) r = browse (f, "GET", path, NULL);
      g_autoptr (GHashTable) params = callback_params (r, CALLBACK);
      char **slot = i == 0 ? &first : i == 1 ? &second : i == 1000 ? &last : NULL;

      if (slot != NULL)
        *slot = g_strdup (g_hash_table_lookup (params, "code"));
    }
  {
    g_autoptr (HstResponse) dropped = exchange (f, first, VERIFIER, "harbor-desktop-secret");
    g_autoptr (HstResponse) kept = exchange (f, second, VERIFIER, "harbor-desktop-secret");
    g_autoptr (HstResponse) newest = exchange (f, last, VERIFIER, "harbor-desktop-secret");

    assert_token_error (dropped, "invalid_grant");
    g_free (token_from (kept));
    g_free (token_from (newest));
  }
}

/* The same for sign-in sessions, which live 12 hours: at most 1,000, the oldest goes. */
static void
test_sessions_capped (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = authorize_path ("harbor-desktop", CALLBACK, CHALLENGE);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint i = 0; i < 1001; i++)
    {
      g_autoptr (HstResponse) r = browse (f, "POST", "/session", "username=demo&password=demo");
      const char *cookie = soup_message_headers_get_one (r->headers, "Set-Cookie");

      g_assert_cmpuint (r->status, ==, 200);
      if (i < 2)
        {
          g_auto (GStrv) parts = g_strsplit (cookie, ";", 2);

          if (i == 0)
            first = g_strdup (parts[0]);
          else
            second = g_strdup (parts[0]);
        }
    }
  {
    g_autofree char *url = g_strconcat (f->base, path, NULL);
    g_autoptr (SoupMessage) dropped = soup_message_new ("GET", url);
    g_autoptr (SoupMessage) kept = soup_message_new ("GET", url);
    g_autoptr (HstResponse) r1 = NULL;
    g_autoptr (HstResponse) r2 = NULL;

    /* Sent without the jar: each carries one session cookie. */
    g_clear_object (&f->session);
    f->session = soup_session_new ();
    soup_message_headers_append (soup_message_get_request_headers (dropped), "Cookie", first);
    soup_message_headers_append (soup_message_get_request_headers (kept), "Cookie", second);
    r1 = hst_send_message (f, dropped);
    r2 = hst_send_message (f, kept);
    g_assert_nonnull (strstr (r1->text, "id=\"sign-in\""));
    g_assert_nonnull (strstr (r2->text, "id=\"allow\""));
  }
}

/* Password guesses are rate-limited per account and per address (token buckets): 429 with
 * Retry-After once a bucket is empty, whether the next guess is right or not. */
static void
test_rate_limit (HstFixture *f, gconstpointer data)
{
  /* Five wrong guesses for demo, then even the right password waits. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr (HstResponse) r = browse (f, "POST", "/session", "username=demo&password=nope");

      g_assert_cmpuint (r->status, ==, 401);
    }
  {
    g_autoptr (HstResponse) right = browse (f, "POST", "/session", "username=demo&password=demo");
    g_autoptr (HstResponse) token = browse (f, "POST", "/token", "username=demo&password=demo");
    const char *retry = soup_message_headers_get_one (right->headers, "Retry-After");

    g_assert_cmpuint (right->status, ==, 429);
    g_assert_nonnull (strstr (right->text, "Too many"));
    g_assert_null (soup_message_headers_get_one (right->headers, "Set-Cookie"));
    g_assert_nonnull (retry);
    g_assert_cmpuint (g_ascii_strtoull (retry, NULL, 10), >, 0);
    g_assert_cmpuint (token->status, ==, 429);
    g_assert_cmpstr (token->text, ==, "error=too_many_attempts");
    g_assert_nonnull (soup_message_headers_get_one (token->headers, "Retry-After"));
  }
  /* Another account is not locked by demo's... */
  {
    g_autoptr (HstResponse) ana = browse (f, "POST", "/token", "username=ana&password=ana");

    g_free (token_from (ana));
  }
  /* ...but this address runs out too: 20 guesses, whatever the names (15 left; one comes
   * back every 3 s, which a slow run may see). */
  for (guint i = 0;; i++)
    {
      g_autofree char *form = g_strdup_printf ("username=nobody%u&password=x", i);
      g_autoptr (HstResponse) r = browse (f, "POST", "/token", form);

      if (r->status == 429)
        {
          g_test_message ("address limited after %u more guesses", i);
          g_assert_cmpuint (i, >=, 15);
          break;
        }
      assert_token_error (r, "invalid_grant");
      g_assert_cmpuint (i, <, 20);
    }
  {
    g_autoptr (HstResponse) limited = browse (f, "POST", "/token", "username=bob&password=bob");

    g_assert_cmpuint (limited->status, ==, 429);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/server/oauth/sign-in-form", test_sign_in_form);
  TEST ("/server/oauth/consent-page", test_consent_page);
  TEST ("/server/oauth/full-flow", test_full_flow);
  TEST ("/server/oauth/deny", test_deny);
  TEST ("/server/oauth/pkce", test_pkce);
  TEST ("/server/oauth/pkce-required", test_pkce_required);
  TEST ("/server/oauth/token-errors", test_token_errors);
  TEST ("/server/oauth/token-in-query", test_token_in_query);
  TEST ("/server/oauth/redirect-rules", test_redirect_rules);
  TEST ("/server/oauth/no-open-redirect", test_no_open_redirect);
  TEST ("/server/oauth/control-characters", test_control_characters);
  TEST ("/server/oauth/nul-in-form", test_nul_in_form);
  TEST ("/server/oauth/auto-approve", test_auto_approve);
  TEST ("/server/oauth/registered-client", test_registered_client);
  TEST ("/server/oauth/redirect-uri-required", test_redirect_uri_required);
  TEST ("/server/oauth/password-helper", test_password_helper);
  TEST ("/server/oauth/token-cap", test_token_cap);
  TEST ("/server/oauth/codes-capped", test_codes_capped);
  TEST ("/server/oauth/sessions-capped", test_sessions_capped);
  TEST ("/server/oauth/rate-limit", test_rate_limit);
  return g_test_run ();
}
