/* hbs-oauth.c: AppHarbor's OAuth 2 flow: sign-in form, consent page, codes and /tokens
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-oauth.h"

#include "hbs-buckets.h"
#include "hbs-expiring.h"
#include "hbs-oauth-pages.h"
#include "hbs-random.h"

#include <string.h>

#define CODE_LIFETIME_US (60 * G_USEC_PER_SEC)
#define LOGIN_LIFETIME_US (G_GINT64_CONSTANT (12) * 3600 * G_USEC_PER_SEC)
/* Outstanding at once: far more than people signing in need, and a bound on what a flood of
 * (auto-approved) authorizations or sign-ins can make the server hold. The oldest goes first. */
#define MAX_CODES 1000
#define MAX_LOGINS 1000
#define SWEEP_MS (10 * 1000)

/* Password guesses (POST /session and /token) are token buckets: an account has 5 and gets one
 * back every 12 s, an address 20 and one back every 3 s. Only wrong guesses spend them. */
#define ACCOUNT_GUESSES 5
#define ACCOUNT_REFILL_US (12 * G_USEC_PER_SEC)
#define ADDRESS_GUESSES 20
#define ADDRESS_REFILL_US (3 * G_USEC_PER_SEC)
#define COOKIE_NAME "hbs_session"
#define AUTHORIZE_PATH "/user/authorizations/new"

struct _HbsOAuth
{
  GObject parent_instance;

  HbsStore *store;
  HbsExpiring *logins;         /* cookie value → Login */
  HbsExpiring *codes;          /* code → Code */
  HbsBuckets *account_guesses; /* by user name */
  HbsBuckets *address_guesses; /* by IP address */
  gboolean auto_approve;
};

G_DEFINE_FINAL_TYPE (HbsOAuth, hbs_oauth, G_TYPE_OBJECT)

typedef struct
{
  char *username;
  char *csrf;
} Login;

typedef struct
{
  char *client_id;
  char *redirect_uri;
  char *username;
  char *challenge; /* nullable: PKCE was not used */
} Code;

static void
login_free (Login *login)
{
  g_free (login->username);
  g_free (login->csrf);
  g_free (login);
}

static void
code_free (Code *code)
{
  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->username);
  g_free (code->challenge);
  g_free (code);
}

static void
hbs_oauth_finalize (GObject *object)
{
  HbsOAuth *self = HBS_OAUTH (object);

  g_clear_pointer (&self->logins, hbs_expiring_free);
  g_clear_pointer (&self->codes, hbs_expiring_free);
  g_clear_pointer (&self->account_guesses, hbs_buckets_free);
  g_clear_pointer (&self->address_guesses, hbs_buckets_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (hbs_oauth_parent_class)->finalize (object);
}

static void
hbs_oauth_class_init (HbsOAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hbs_oauth_finalize;
}

static void
hbs_oauth_init (HbsOAuth *self)
{
  self->logins =
      hbs_expiring_new (LOGIN_LIFETIME_US, MAX_LOGINS, SWEEP_MS, (GDestroyNotify) login_free);
  self->codes =
      hbs_expiring_new (CODE_LIFETIME_US, MAX_CODES, SWEEP_MS, (GDestroyNotify) code_free);
  self->account_guesses = hbs_buckets_new (ACCOUNT_GUESSES, ACCOUNT_REFILL_US);
  self->address_guesses = hbs_buckets_new (ADDRESS_GUESSES, ADDRESS_REFILL_US);
}

HbsOAuth *
hbs_oauth_new (HbsStore *store)
{
  HbsOAuth *self = g_object_new (HBS_TYPE_OAUTH, NULL);

  self->store = g_object_ref (store);
  return self;
}

void
hbs_oauth_set_auto_approve (HbsOAuth *self, gboolean auto_approve)
{
  self->auto_approve = auto_approve;
}

/* -- redirect URIs */

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0 ||
         g_strcmp0 (host, "[::1]") == 0 || g_strcmp0 (host, "localhost") == 0;
}

/* Exact match, except that a loopback http redirect may use any port (RFC 8252 §7.3). */
static gboolean
redirect_matches (const char *registered, const char *requested)
{
  g_autoptr (GUri) a = NULL;
  g_autoptr (GUri) b = NULL;

  if (g_strcmp0 (registered, requested) == 0)
    return TRUE;
  a = g_uri_parse (registered, G_URI_FLAGS_ENCODED, NULL);
  b = g_uri_parse (requested, G_URI_FLAGS_ENCODED, NULL);
  if (a == NULL || b == NULL || g_strcmp0 (g_uri_get_scheme (a), "http") != 0 ||
      !is_loopback (g_uri_get_host (a)))
    return FALSE;
  return g_strcmp0 (g_uri_get_scheme (b), "http") == 0 &&
         g_strcmp0 (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_userinfo (b) == NULL &&
         g_strcmp0 (g_uri_get_path (a), g_uri_get_path (b)) == 0 &&
         g_strcmp0 (g_uri_get_query (a), g_uri_get_query (b)) == 0 &&
         g_uri_get_fragment (b) == NULL;
}

static char *
redirect_with (const char *redirect_uri, const char *name, const char *value, const char *state)
{
  GString *uri = g_string_new (redirect_uri);
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (uri, strchr (redirect_uri, '?') != NULL ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", name, escaped);
  if (state != NULL)
    {
      g_autofree char *escaped_state = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (uri, "&state=%s", escaped_state);
    }
  return g_string_free (uri, FALSE);
}

/* -- login sessions */

static Login *
current_login (HbsOAuth *self, HbsRequest *req)
{
  const char *header = hbs_request_header (req, "Cookie");
  g_auto (GStrv) cookies = NULL;

  if (header == NULL)
    return NULL;
  cookies = g_strsplit (header, ";", 0);
  for (guint i = 0; cookies[i] != NULL; i++)
    {
      const char *cookie = g_strstrip (cookies[i]);

      if (g_str_has_prefix (cookie, COOKIE_NAME "="))
        {
          Login *login = hbs_expiring_lookup (self->logins, cookie + strlen (COOKIE_NAME "="));

          if (login != NULL && hbs_store_find_user (self->store, login->username) != NULL)
            return login;
        }
    }
  return NULL;
}

static void
start_login (HbsOAuth *self, HbsRequest *req, const char *username)
{
  Login *login = g_new0 (Login, 1);
  g_autofree char *id = hbs_random_token (32);
  g_autofree char *cookie = NULL;

  login->username = g_strdup (username);
  login->csrf = hbs_random_token (16);
  hbs_expiring_insert (self->logins, id, login);
  cookie = g_strdup_printf (COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Lax%s", id,
                            g_str_has_prefix (req->base, "https:") ? "; Secure" : "");
  soup_message_headers_append (soup_server_message_get_response_headers (req->msg), "Set-Cookie",
                               cookie);
}

/* -- authorization */

static gboolean
valid_challenge (const char *challenge)
{
  gsize n = strlen (challenge);

  if (n < 43 || n > 128)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (challenge[i]) && strchr ("-._~", challenge[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* Checks the client and redirect URI, answering with an error page, never a redirect, when they
 * are wrong. The redirect URI is required (appharbor-api.md §2.2): falling back on the
 * registered one would send a code to a callback the request never named. */
static JsonObject *
check_client (HbsOAuth *self, HbsRequest *req, HbsAuthorization *auth)
{
  JsonObject *client;

  if (auth->client_id == NULL)
    {
      hbs_oauth_error_page (req, 400,
                            "The request does not say which application is asking (client_id).");
      return NULL;
    }
  client = hbs_store_find_client (self->store, auth->client_id);
  if (client == NULL)
    {
      hbs_oauth_error_page (req, 400, "No application is registered with this client_id.");
      return NULL;
    }
  if (auth->redirect_uri == NULL || auth->redirect_uri[0] == '\0')
    {
      hbs_oauth_error_page (
          req, 400, "The request does not say where to send you back (redirect_uri is missing).");
      return NULL;
    }
  if (!redirect_matches (hbs_json_get_string (client, "redirect_uri"), auth->redirect_uri))
    {
      hbs_oauth_error_page (req, 400,
                            "The redirect_uri is not the one registered for this application.");
      return NULL;
    }
  return client;
}

static void
issue_code (HbsOAuth *self,
            HbsRequest *req,
            const HbsAuthorization *auth,
            const char *username,
            guint status)
{
  Code *code = g_new0 (Code, 1);
  g_autofree char *value = hbs_random_token (24);
  g_autofree char *location = redirect_with (auth->redirect_uri, "code", value, auth->state);

  code->client_id = g_strdup (auth->client_id);
  code->redirect_uri = g_strdup (auth->redirect_uri);
  code->username = g_strdup (username);
  code->challenge = g_strdup (auth->challenge);
  hbs_expiring_insert (self->codes, value, code);
  hbs_request_redirect (req, status, location);
}

static void
redirect_error (HbsRequest *req, const HbsAuthorization *auth, const char *error, guint status)
{
  g_autofree char *location = redirect_with (auth->redirect_uri, "error", error, auth->state);

  hbs_request_redirect (req, status, location);
}

static char *
request_path_and_query (HbsRequest *req)
{
  GUri *uri = soup_server_message_get_uri (req->msg);

  return g_strconcat (g_uri_get_path (uri), g_uri_get_query (uri) != NULL ? "?" : "",
                      g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);
}

/* The challenge, when sent, must be S256 and well formed; a public client must send one. The
 * client and redirect URI are already checked, so errors go back to the client. */
static gboolean
check_pkce (HbsRequest *req, JsonObject *client, const HbsAuthorization *auth, guint status)
{
  if (auth->challenge == NULL && hbs_json_get_boolean (client, "needs_pkce", FALSE))
    {
      redirect_error (req, auth, "invalid_request", status);
      return FALSE;
    }
  if (auth->challenge == NULL)
    return TRUE;
  if (g_strcmp0 (auth->method, "S256") != 0 || !valid_challenge (auth->challenge))
    {
      redirect_error (req, auth, "invalid_request", status);
      return FALSE;
    }
  return TRUE;
}

/* GET /user/authorizations/new?client_id&redirect_uri[&state][&code_challenge&…method] */
static void
authorize (HbsOAuth *self, HbsRequest *req)
{
  HbsAuthorization auth = {
    hbs_request_query (req, "client_id"),
    hbs_request_query (req, "redirect_uri"),
    hbs_request_query (req, "state"),
    hbs_request_query (req, "code_challenge"),
    hbs_request_query (req, "code_challenge_method"),
  };
  JsonObject *client = check_client (self, req, &auth);
  Login *login;

  if (client == NULL || !check_pkce (req, client, &auth, 302))
    return;
  login = current_login (self, req);
  if (self->auto_approve && (login != NULL || hbs_store_default_user (self->store) != NULL))
    {
      issue_code (self, req, &auth,
                  login != NULL ? login->username : hbs_store_default_user (self->store), 302);
      return;
    }
  if (login == NULL)
    {
      g_autofree char *return_to = request_path_and_query (req);

      hbs_oauth_sign_in_page (req, 200, return_to, hbs_json_get_string (client, "name"), NULL,
                              hbs_store_get_seeded (self->store));
      return;
    }
  hbs_oauth_consent_page (
      req, login->username,
      hbs_json_get_string (hbs_store_find_user (self->store, login->username), "email"),
      login->csrf, hbs_json_get_string (client, "name"), &auth);
}

static GHashTable *
form_fields (HbsRequest *req)
{
  const char *type = hbs_request_header (req, "Content-Type");
  gsize length = 0;
  const char *data = g_bytes_get_data (req->body, &length);
  g_autofree char *text = NULL;

  if (type == NULL || !g_str_has_prefix (type, "application/x-www-form-urlencoded") ||
      memchr (data, '\0', length) != NULL || hbs_form_has_nul (data, length))
    return g_hash_table_new (g_str_hash, g_str_equal);
  text = g_strndup (data, length);
  return soup_form_decode (text);
}

static const char *
field (GHashTable *form, const char *name)
{
  const char *value = g_hash_table_lookup (form, name);

  return value != NULL && g_utf8_validate (value, -1, NULL) ? value : NULL;
}

/* POST /user/authorizations: the consent form's Allow or Deny. */
static void
decide (HbsOAuth *self, HbsRequest *req)
{
  g_autoptr (GHashTable) form = form_fields (req);
  HbsAuthorization auth = {
    field (form, "client_id"),      field (form, "redirect_uri"),          field (form, "state"),
    field (form, "code_challenge"), field (form, "code_challenge_method"),
  };
  Login *login = current_login (self, req);
  const char *decision = field (form, "decision");
  JsonObject *client;

  if (login == NULL)
    {
      hbs_oauth_error_page (req, 400, "Your sign-in expired. Start again from the application.");
      return;
    }
  if (g_strcmp0 (field (form, "csrf"), login->csrf) != 0)
    {
      hbs_oauth_error_page (req, 400, "This form was not sent from the consent page.");
      return;
    }
  client = check_client (self, req, &auth);
  if (client == NULL || !check_pkce (req, client, &auth, 303))
    return;
  if (g_strcmp0 (decision, "allow") == 0)
    issue_code (self, req, &auth, login->username, 303);
  else
    redirect_error (req, &auth, "access_denied", 303);
}

static const char *
find_user (HbsOAuth *self, const char *name_or_email)
{
  JsonObject *user = hbs_store_find_user (self->store, name_or_email);

  if (user == NULL)
    user = hbs_store_find_user_by_email (self->store, name_or_email);
  return hbs_json_get_string (user, "name");
}

/* -- password guesses */

/* Seconds until this account (NULL: an unknown name) from this address may guess again. */
static guint
guess_wait (HbsOAuth *self, HbsRequest *req, const char *username)
{
  const char *address = soup_server_message_get_remote_host (req->msg);

  return MAX (hbs_buckets_wait (self->account_guesses, username),
              hbs_buckets_wait (self->address_guesses, address));
}

static void
count_wrong_guess (HbsOAuth *self, HbsRequest *req, const char *username)
{
  const char *address = soup_server_message_get_remote_host (req->msg);

  hbs_buckets_spend (self->account_guesses, username);
  hbs_buckets_spend (self->address_guesses, address);
}

static void
set_retry_after (HbsRequest *req, guint seconds)
{
  g_autofree char *value = g_strdup_printf ("%u", seconds);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After",
                                value);
}

/* POST /session: the sign-in form. */
static void
sign_in (HbsOAuth *self, HbsRequest *req)
{
  g_autoptr (GHashTable) form = form_fields (req);
  const char *return_to = field (form, "return_to");
  const char *password = field (form, "password");
  const char *username =
      field (form, "username") != NULL ? find_user (self, field (form, "username")) : NULL;
  guint wait;

  /* It becomes a Location header: a line break there would start a header of the sender's. */
  if (return_to != NULL && !hbs_header_value_ok (return_to))
    {
      hbs_oauth_error_page (req, 400,
                            "This sign-in link is damaged: it contains control characters.");
      return;
    }
  /* Only back to an authorization page of ours: never an open redirect. */
  if (return_to != NULL && !g_str_has_prefix (return_to, AUTHORIZE_PATH "?"))
    return_to = NULL;
  /* Checked before the password, so a limited guesser learns nothing. */
  wait = guess_wait (self, req, username);
  if (wait > 0)
    {
      g_autofree char *message =
          g_strdup_printf ("Too many failed sign-ins. Try again in %u seconds.", wait);

      set_retry_after (req, wait);
      hbs_oauth_sign_in_page (req, 429, return_to, NULL, message,
                              hbs_store_get_seeded (self->store));
      return;
    }
  if (username == NULL || password == NULL ||
      !hbs_store_check_password (self->store, username, password))
    {
      count_wrong_guess (self, req, username);
      hbs_oauth_sign_in_page (req, 401, return_to, NULL, "Wrong username or password.",
                              hbs_store_get_seeded (self->store));
      return;
    }
  start_login (self, req, username);
  if (return_to != NULL)
    {
      g_autofree char *location = hbs_request_url (req, return_to);

      hbs_request_redirect (req, 303, location);
    }
  else
    hbs_oauth_send_page (req, 200, "Signed in", "<h1>You are signed in</h1>");
}

/* -- token endpoints */

static void
token_reply (HbsRequest *req, guint status, const char *body)
{
  hbs_request_text (req, status, "application/x-www-form-urlencoded", body);
}

static void
token_error (HbsRequest *req, const char *error)
{
  g_autofree char *body = g_strconcat ("error=", error, NULL);

  token_reply (req, 400, body);
}

/* @client: the client_id, or "/token" for the password helper. */
static void
grant_token (HbsOAuth *self, HbsRequest *req, const char *username, const char *client)
{
  g_autofree char *token = hbs_random_token (32);
  g_autofree char *body = g_strconcat ("access_token=", token, "&token_type=bearer", NULL);

  hbs_store_issue_token (self->store, username, client, token);
  token_reply (req, 200, body);
}

static char *
pkce_challenge (const char *verifier)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &length);
  return hbs_base64url (digest, length);
}

/* With a challenge, the verifier must hash to it. Without one, a verifier is refused rather than
 * ignored (the client expected PKCE to protect it: the downgrade RFC 9700 warns about), and a
 * public client has no code without a challenge to redeem. */
static gboolean
pkce_matches (JsonObject *client, const Code *code, const char *verifier)
{
  g_autofree char *computed = NULL;

  if (code->challenge == NULL)
    return verifier == NULL && !hbs_json_get_boolean (client, "needs_pkce", FALSE);
  if (verifier == NULL)
    return FALSE;
  computed = pkce_challenge (verifier);
  return g_str_equal (computed, code->challenge);
}

/* A field from the form body, or from the query string as some clients sent it. */
static const char *
param (HbsRequest *req, GHashTable *form, const char *name)
{
  const char *value = field (form, name);

  return value != NULL ? value : hbs_request_query (req, name);
}

/* POST /tokens: client_id, client_secret, code[, code_verifier][, redirect_uri]. */
static void
exchange (HbsOAuth *self, HbsRequest *req)
{
  g_autoptr (GHashTable) form = form_fields (req);
  const char *client_id = param (req, form, "client_id");
  const char *secret = param (req, form, "client_secret");
  const char *code_text = param (req, form, "code");
  const char *verifier = param (req, form, "code_verifier");
  const char *redirect_uri = param (req, form, "redirect_uri");
  JsonObject *client = client_id != NULL ? hbs_store_find_client (self->store, client_id) : NULL;
  Code *code = NULL;
  g_autofree char *username = NULL;

  if (client_id == NULL || secret == NULL || code_text == NULL)
    {
      token_error (req, "invalid_request");
      return;
    }
  if (client == NULL || g_strcmp0 (hbs_json_get_string (client, "secret"), secret) != 0)
    {
      token_error (req, "unauthorized_client");
      return;
    }
  /* Single use: the code is gone whatever happens next (an expired one too). */
  code = hbs_expiring_steal (self->codes, code_text);
  if (code == NULL)
    {
      token_error (req, "invalid_grant");
      return;
    }
  if (!g_str_equal (code->client_id, client_id) ||
      (redirect_uri != NULL && !g_str_equal (redirect_uri, code->redirect_uri)))
    {
      code_free (code);
      token_error (req, "invalid_grant");
      return;
    }
  if (!pkce_matches (client, code, verifier))
    {
      code_free (code);
      token_error (req, "invalid_grant");
      return;
    }
  username = g_strdup (code->username);
  code_free (code);
  grant_token (self, req, username, client_id);
}

/* POST /token: the official CLI's username/password helper. */
static void
password_grant (HbsOAuth *self, HbsRequest *req)
{
  g_autoptr (GHashTable) form = form_fields (req);
  const char *given = field (form, "username");
  const char *password = field (form, "password");
  const char *username = given != NULL ? find_user (self, given) : NULL;
  guint wait = guess_wait (self, req, username);

  /* Form-encoded like this endpoint's other errors: its clients read "error" from it. */
  if (wait > 0)
    {
      set_retry_after (req, wait);
      token_reply (req, 429, "error=too_many_attempts");
      return;
    }
  if (username == NULL || password == NULL ||
      !hbs_store_check_password (self->store, username, password))
    {
      count_wrong_guess (self, req, username);
      token_error (req, "invalid_grant");
      return;
    }
  grant_token (self, req, username, "/token");
}

/* Answers the OAuth and sign-in paths; FALSE for any other path. */
gboolean
hbs_oauth_handle (HbsOAuth *self, HbsRequest *req)
{
  gboolean is_get = g_str_equal (req->method, "GET");
  gboolean is_post = g_str_equal (req->method, "POST");

  if (hbs_request_segments_are (req, 3, "user", "authorizations", "new"))
    {
      if (is_get)
        authorize (self, req);
      else
        hbs_request_method_not_allowed (req, "GET, HEAD");
    }
  else if (hbs_request_segments_are (req, 2, "user", "authorizations"))
    {
      if (is_post)
        decide (self, req);
      else
        hbs_request_method_not_allowed (req, "POST");
    }
  else if (hbs_request_segments_are (req, 1, "session"))
    {
      if (is_post)
        sign_in (self, req);
      else
        hbs_request_method_not_allowed (req, "POST");
    }
  else if (hbs_request_segments_are (req, 1, "tokens"))
    {
      if (is_post)
        exchange (self, req);
      else
        hbs_request_method_not_allowed (req, "POST");
    }
  else if (hbs_request_segments_are (req, 1, "token"))
    {
      if (is_post)
        password_grant (self, req);
      else
        hbs_request_method_not_allowed (req, "POST");
    }
  else
    return FALSE;
  return TRUE;
}
