/* hbs-oauth.c: AppHarbor's OAuth 2 flow: sign-in form, consent page, codes and /tokens
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-oauth.h"

#include "hbs-expiring.h"
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
#define MAX_BUCKETS 4096
#define COOKIE_NAME "hbs_session"
#define AUTHORIZE_PATH "/user/authorizations/new"

struct _HbsOAuth
{
  GObject parent_instance;

  HbsStore *store;
  HbsExpiring *logins;         /* cookie value → Login */
  HbsExpiring *codes;          /* code → Code */
  GHashTable *account_guesses; /* user name → Bucket */
  GHashTable *address_guesses; /* IP address → Bucket */
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

typedef struct
{
  double guesses; /* left, as of @updated */
  gint64 updated;
} Bucket;

/* The parameters of an authorization request, as sent to the page and back in its form. */
typedef struct
{
  const char *client_id;
  const char *redirect_uri;
  const char *state;
  const char *challenge;
  const char *method;
} Authorization;

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
  g_clear_pointer (&self->account_guesses, g_hash_table_unref);
  g_clear_pointer (&self->address_guesses, g_hash_table_unref);
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
  self->account_guesses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->address_guesses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

/* -- pages */

static const char page_style[] =
    "body{font:16px/1.5 Cantarell,'Noto Sans',sans-serif;background:#f6f5f4;color:#2e3436;"
    "margin:0;display:flex;justify-content:center}"
    "main{background:#fff;margin:48px 16px;padding:32px;border-radius:12px;max-width:420px;"
    "width:100%;box-shadow:0 1px 4px rgba(0,0,0,.15)}"
    "h1{font-size:22px;margin:0 0 8px}label{display:block;margin-top:16px;font-weight:bold}"
    "input{box-sizing:border-box;width:100%;font:inherit;padding:8px;margin-top:4px;"
    "border:1px solid #c0bfbc;border-radius:6px}"
    ".buttons{display:flex;gap:12px;margin-top:24px}"
    "button{font:inherit;font-weight:bold;padding:8px 20px;border-radius:6px;border:0;"
    "background:#deddda;color:#2e3436;cursor:pointer}"
    "button.suggested{background:#3584e4;color:#fff}"
    ".notice{background:#e8f1fc;border-radius:6px;padding:8px 12px;margin-top:24px}"
    ".error{color:#c01c28;font-weight:bold}.muted{color:#5e5c64;font-size:14px}"
    "@media (prefers-color-scheme:dark){body{background:#242424;color:#fff}"
    "main{background:#303030}input{background:#1e1e1e;color:#fff;border-color:#5e5c64}"
    "button{background:#4a4a4a;color:#fff}.notice{background:#1c3a5e}.muted{color:#c0bfbc}}";

static void
send_page (HbsRequest *req, guint status, const char *title, const char *content)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *html = g_strdup_printf (
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>%s – "
      "AppHarbor</title><style>%s</style></head>\n<body><main>\n%s\n</main></body></html>\n",
      escaped_title, page_style, content);

  hbs_request_html (req, status, html);
}

static void
error_page (HbsRequest *req, guint status, const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autofree char *content = g_strdup_printf ("<h1>This sign-in link does not work</h1>\n"
                                              "<p class=\"error\" role=\"alert\">%s</p>",
                                              escaped);

  send_page (req, status, "Sign-in error", content);
}

static void
append_hidden (GString *out, const char *name, const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, escaped);
}

static void
sign_in_page (HbsOAuth *self,
              HbsRequest *req,
              guint status,
              const char *return_to,
              const char *client_name,
              const char *error)
{
  g_autoptr (GString) content = g_string_new ("<h1>Sign in to AppHarbor</h1>\n");

  if (client_name != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (client_name, -1);

      g_string_append_printf (content, "<p>to continue to <strong>%s</strong></p>\n", escaped);
    }
  if (error != NULL)
    g_string_append_printf (
        content, "<p class=\"error\" role=\"alert\" id=\"sign-in-error\">%s</p>\n", error);
  g_string_append (content, "<form method=\"post\" action=\"/session\">\n");
  append_hidden (content, "return_to", return_to);
  g_string_append (content, "<label for=\"username\">Username or email</label>\n"
                            "<input id=\"username\" name=\"username\" autocomplete=\"username\" "
                            "autocapitalize=\"none\" required autofocus>\n"
                            "<label for=\"password\">Password</label>\n"
                            "<input id=\"password\" name=\"password\" type=\"password\" "
                            "autocomplete=\"current-password\" required>\n"
                            "<div class=\"buttons\"><button id=\"sign-in\" class=\"suggested\" "
                            "type=\"submit\">Sign in</button></div>\n</form>\n");
  /* A newcomer in `harbor --demo` must never be stuck at a password prompt. */
  if (hbs_store_get_seeded (self->store))
    g_string_append (content, "<p class=\"notice\" id=\"demo-notice\">Demo account: "
                              "<strong>demo</strong> / <strong>demo</strong></p>\n");
  send_page (req, status, "Sign in", content->str);
}

static void
consent_page (
    HbsOAuth *self, HbsRequest *req, Login *login, JsonObject *client, const Authorization *auth)
{
  JsonObject *user = hbs_store_find_user (self->store, login->username);
  g_autofree char *client_name = g_markup_escape_text (hbs_json_get_string (client, "name"), -1);
  g_autofree char *username = g_markup_escape_text (login->username, -1);
  g_autofree char *email = g_markup_escape_text (hbs_json_get_string (user, "email"), -1);
  g_autoptr (GUri) target = g_uri_parse (auth->redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *host = g_markup_escape_text (
      target != NULL && g_uri_get_host (target) != NULL ? g_uri_get_host (target) : "?", -1);
  g_autoptr (GString) content = g_string_new (NULL);

  g_string_append_printf (content,
                          "<h1>Allow <span id=\"client-name\">%s</span> to use your account?</h1>\n"
                          "<p>Signed in as <strong id=\"user-name\">%s</strong> "
                          "<span class=\"muted\">(%s)</span></p>\n"
                          "<p>%s will be able to see and change your applications, builds and "
                          "their settings.</p>\n"
                          "<p class=\"muted\">You will return to %s.</p>\n"
                          "<form method=\"post\" action=\"/user/authorizations\">\n",
                          client_name, username, email, client_name, host);
  append_hidden (content, "client_id", auth->client_id);
  append_hidden (content, "redirect_uri", auth->redirect_uri);
  append_hidden (content, "state", auth->state);
  append_hidden (content, "code_challenge", auth->challenge);
  append_hidden (content, "code_challenge_method", auth->method);
  append_hidden (content, "csrf", login->csrf);
  g_string_append (
      content, "<div class=\"buttons\">"
               "<button id=\"deny\" name=\"decision\" value=\"deny\" type=\"submit\">Deny</button>"
               "<button id=\"allow\" class=\"suggested\" name=\"decision\" value=\"allow\" "
               "type=\"submit\">Allow</button></div>\n</form>\n");
  send_page (req, 200, "Authorize", content->str);
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
check_client (HbsOAuth *self, HbsRequest *req, Authorization *auth)
{
  JsonObject *client;

  if (auth->client_id == NULL)
    {
      error_page (req, 400, "The request does not say which application is asking (client_id).");
      return NULL;
    }
  client = hbs_store_find_client (self->store, auth->client_id);
  if (client == NULL)
    {
      error_page (req, 400, "No application is registered with this client_id.");
      return NULL;
    }
  if (auth->redirect_uri == NULL || auth->redirect_uri[0] == '\0')
    {
      error_page (req, 400,
                  "The request does not say where to send you back (redirect_uri is missing).");
      return NULL;
    }
  if (!redirect_matches (hbs_json_get_string (client, "redirect_uri"), auth->redirect_uri))
    {
      error_page (req, 400, "The redirect_uri is not the one registered for this application.");
      return NULL;
    }
  return client;
}

static void
issue_code (
    HbsOAuth *self, HbsRequest *req, const Authorization *auth, const char *username, guint status)
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
redirect_error (HbsRequest *req, const Authorization *auth, const char *error, guint status)
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
check_pkce (HbsRequest *req, JsonObject *client, const Authorization *auth, guint status)
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
  Authorization auth = {
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

      sign_in_page (self, req, 200, return_to, hbs_json_get_string (client, "name"), NULL);
      return;
    }
  consent_page (self, req, login, client, &auth);
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
  Authorization auth = {
    field (form, "client_id"),      field (form, "redirect_uri"),          field (form, "state"),
    field (form, "code_challenge"), field (form, "code_challenge_method"),
  };
  Login *login = current_login (self, req);
  const char *decision = field (form, "decision");
  JsonObject *client;

  if (login == NULL)
    {
      error_page (req, 400, "Your sign-in expired. Start again from the application.");
      return;
    }
  if (g_strcmp0 (field (form, "csrf"), login->csrf) != 0)
    {
      error_page (req, 400, "This form was not sent from the consent page.");
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

static double
bucket_level (const Bucket *bucket, gint64 now, guint capacity, gint64 refill_us)
{
  return MIN ((double) capacity, bucket->guesses + (double) (now - bucket->updated) / refill_us);
}

/* Forgets full buckets (they say nothing a new one would not) once there are many. */
static void
prune_buckets (GHashTable *buckets, gint64 now, guint capacity, gint64 refill_us)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (buckets) < MAX_BUCKETS)
    return;
  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (bucket_level (value, now, capacity, refill_us) >= capacity)
      g_hash_table_iter_remove (&iter);
}

/* Seconds until @key may guess again; 0 when it may now. A full table (thousands of addresses
 * guessing at once) makes newcomers wait too. */
static guint
bucket_wait (GHashTable *buckets, const char *key, guint capacity, gint64 refill_us)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;
  double level;

  if (key == NULL)
    return 0;
  bucket = g_hash_table_lookup (buckets, key);
  if (bucket == NULL)
    {
      prune_buckets (buckets, now, capacity, refill_us);
      return g_hash_table_size (buckets) < MAX_BUCKETS ? 0 : refill_us / G_USEC_PER_SEC;
    }
  level = bucket_level (bucket, now, capacity, refill_us);
  if (level >= 1)
    return 0;
  return (guint) ((1 - level) * refill_us / G_USEC_PER_SEC) + 1;
}

static void
bucket_spend (GHashTable *buckets, const char *key, guint capacity, gint64 refill_us)
{
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (key == NULL)
    return;
  bucket = g_hash_table_lookup (buckets, key);
  if (bucket == NULL && g_hash_table_size (buckets) >= MAX_BUCKETS)
    return;
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->guesses = capacity;
      bucket->updated = now;
      g_hash_table_insert (buckets, g_strdup (key), bucket);
    }
  bucket->guesses = MAX (bucket_level (bucket, now, capacity, refill_us) - 1, 0);
  bucket->updated = now;
}

/* Seconds until this account (NULL: an unknown name) from this address may guess again. */
static guint
guess_wait (HbsOAuth *self, HbsRequest *req, const char *username)
{
  const char *address = soup_server_message_get_remote_host (req->msg);

  return MAX (bucket_wait (self->account_guesses, username, ACCOUNT_GUESSES, ACCOUNT_REFILL_US),
              bucket_wait (self->address_guesses, address, ADDRESS_GUESSES, ADDRESS_REFILL_US));
}

static void
count_wrong_guess (HbsOAuth *self, HbsRequest *req, const char *username)
{
  const char *address = soup_server_message_get_remote_host (req->msg);

  bucket_spend (self->account_guesses, username, ACCOUNT_GUESSES, ACCOUNT_REFILL_US);
  bucket_spend (self->address_guesses, address, ADDRESS_GUESSES, ADDRESS_REFILL_US);
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
      error_page (req, 400, "This sign-in link is damaged: it contains control characters.");
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
      sign_in_page (self, req, 429, return_to, NULL, message);
      return;
    }
  if (username == NULL || password == NULL ||
      !hbs_store_check_password (self->store, username, password))
    {
      count_wrong_guess (self, req, username);
      sign_in_page (self, req, 401, return_to, NULL, "Wrong username or password.");
      return;
    }
  start_login (self, req, username);
  if (return_to != NULL)
    {
      g_autofree char *location = hbs_request_url (req, return_to);

      hbs_request_redirect (req, 303, location);
    }
  else
    send_page (req, 200, "Signed in", "<h1>You are signed in</h1>");
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
