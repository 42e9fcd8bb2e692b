/* hb-oauth.c: one OAuth authorization attempt (AppHarbor's code flow with state and PKCE)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-oauth.h"

#include "hb-api-error.h"
#include "hb-client.h"

#include <errno.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/random.h>

/* A token reply is two short pairs; anything much larger is not one. */
#define MAX_TOKEN_REPLY 16384
#define EXCHANGE_TIMEOUT_SECONDS 30

struct _HbOAuth
{
  GObject parent_instance;

  char *base_url;
  char *client_id;
  char *client_secret;
  char *redirect_uri;
  guint redirect_port;
  char *state;
  char *code_verifier;
  gboolean state_used;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (HbOAuth, hb_oauth, G_TYPE_OBJECT)
G_DEFINE_QUARK (hb - oauth - error - quark, hb_oauth_error)

static char *
base64url_encode (const guchar *data, gsize length)
{
  g_autofree char *b64 = g_base64_encode (data, length);
  GString *out = g_string_sized_new (strlen (b64));

  for (const char *p = b64; *p != '\0' && *p != '='; p++)
    g_string_append_c (out, *p == '+' ? '-' : *p == '/' ? '_' : *p);
  return g_string_free (out, FALSE);
}

/* GRand is a Mersenne Twister seeded from the clock; state and verifier must be unguessable,
 * so they come from the kernel. getrandom() on a small buffer only fails before the pool is
 * initialised at early boot, which a desktop session never sees. */
static char *
random_token (gsize n_bytes)
{
  guchar buffer[64];
  gsize filled = 0;

  g_assert (n_bytes <= sizeof buffer);
  while (filled < n_bytes)
    {
      ssize_t got = getrandom (buffer + filled, n_bytes - filled, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      filled += (gsize) got;
    }
  return base64url_encode (buffer, n_bytes);
}

static void
hb_oauth_finalize (GObject *object)
{
  HbOAuth *self = HB_OAUTH (object);

  g_free (self->base_url);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->redirect_uri);
  g_free (self->state);
  g_free (self->code_verifier);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hb_oauth_parent_class)->finalize (object);
}

static void
hb_oauth_class_init (HbOAuthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hb_oauth_finalize;
}

static void
hb_oauth_init (HbOAuth *self)
{
  /* 128 bits of state, 256 bits of verifier (RFC 7636 §7.1: 43 characters). */
  self->state = random_token (16);
  self->code_verifier = random_token (32);
}

HbOAuth *
hb_oauth_new (const char *base_url,
              const char *client_id,
              const char *client_secret,
              guint redirect_port)
{
  HbOAuth *self;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (redirect_port > 0 && redirect_port < 65536, NULL);

  self = g_object_new (HB_TYPE_OAUTH, NULL);
  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret ? client_secret : "");
  self->redirect_port = redirect_port;
  self->redirect_uri =
      g_strdup_printf ("http://127.0.0.1:%u" HB_OAUTH_REDIRECT_PATH, redirect_port);
  return self;
}

const char *
hb_oauth_get_base_url (HbOAuth *self)
{
  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);
  return self->base_url;
}

const char *
hb_oauth_get_redirect_uri (HbOAuth *self)
{
  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);
  return self->redirect_uri;
}

const char *
hb_oauth_get_state (HbOAuth *self)
{
  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);
  return self->state;
}

const char *
hb_oauth_get_code_verifier (HbOAuth *self)
{
  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);
  return self->code_verifier;
}

char *
hb_oauth_dup_code_challenge (HbOAuth *self)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);

  g_checksum_update (checksum, (const guchar *) self->code_verifier, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);
  return base64url_encode (digest, digest_len);
}

static void
append_param (GString *out, const char *name, const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (out, "%c%s=%s", strchr (out->str, '?') ? '&' : '?', name, escaped);
}

char *
hb_oauth_dup_authorize_uri (HbOAuth *self)
{
  g_autofree char *challenge = NULL;
  GString *uri;

  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);

  challenge = hb_oauth_dup_code_challenge (self);
  uri = g_string_new (self->base_url);
  g_string_append (uri, "/user/authorizations/new");
  append_param (uri, "client_id", self->client_id);
  append_param (uri, "redirect_uri", self->redirect_uri);
  append_param (uri, "state", self->state);
  append_param (uri, "code_challenge", challenge);
  append_param (uri, "code_challenge_method", "S256");
  return g_string_free (uri, FALSE);
}

/* The path is compared still encoded, so "%2F" or "%63" cannot dress up another path; GUri has
 * already removed dot segments, so "/oauth/callback/.." is "/oauth/" here. */
static GUri *
parse_if_redirect (HbOAuth *self, const char *uri)
{
  g_autoptr (GUri) parsed = NULL;

  if (uri == NULL)
    return NULL;
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL)
    return NULL;
  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "http") != 0 ||
      g_uri_get_userinfo (parsed) != NULL ||
      g_strcmp0 (g_uri_get_host (parsed), "127.0.0.1") != 0 ||
      g_uri_get_port (parsed) != (gint) self->redirect_port ||
      g_strcmp0 (g_uri_get_path (parsed), HB_OAUTH_REDIRECT_PATH) != 0)
    return NULL;
  return g_steal_pointer (&parsed);
}

gboolean
hb_oauth_is_redirect (HbOAuth *self, const char *uri)
{
  g_autoptr (GUri) parsed = NULL;

  g_return_val_if_fail (HB_IS_OAUTH (self), FALSE);

  parsed = parse_if_redirect (self, uri);
  return parsed != NULL;
}

/* Reads application/x-www-form-urlencoded text into @pairs (first value wins). A piece without
 * "=" is skipped, as browsers do; a bad %-escape fails the whole text. Sets @duplicate when a
 * name repeats, which makes a redirect suspect. */
static gboolean
parse_form (const char *text, GHashTable *pairs, gboolean *duplicate)
{
  g_auto (GStrv) pieces = g_strsplit (text, "&", -1);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *eq = strchr (pieces[i], '=');
      char *name;
      char *value;

      if (eq == NULL)
        continue;
      *eq = '\0';
      g_strdelimit (pieces[i], "+", ' ');
      g_strdelimit (eq + 1, "+", ' ');
      name = g_uri_unescape_string (pieces[i], NULL);
      value = g_uri_unescape_string (eq + 1, NULL);
      if (name == NULL || value == NULL)
        {
          g_free (name);
          g_free (value);
          return FALSE;
        }
      if (g_hash_table_contains (pairs, name))
        {
          *duplicate = TRUE;
          g_free (name);
          g_free (value);
          continue;
        }
      g_hash_table_insert (pairs, name, value);
    }
  return TRUE;
}

static GHashTable *
new_pairs (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

char *
hb_oauth_parse_redirect (HbOAuth *self, const char *uri, GError **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GHashTable) pairs = new_pairs ();
  gboolean duplicate = FALSE;
  const char *query;
  const char *state;
  const char *code;
  const char *server_error;
  const char *description;

  g_return_val_if_fail (HB_IS_OAUTH (self), NULL);

  parsed = parse_if_redirect (self, uri);
  if (parsed == NULL)
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_NOT_REDIRECT,
                           "Not this sign-in's redirect address");
      return NULL;
    }
  query = g_uri_get_query (parsed);
  if (query != NULL && !parse_form (query, pairs, &duplicate))
    duplicate = TRUE;
  state = g_hash_table_lookup (pairs, "state");

  /* Even an error reply must carry our state: otherwise any page could end the attempt. */
  if (duplicate || self->state_used || state == NULL || strcmp (state, self->state) != 0)
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_STATE_MISMATCH,
                           "The redirect does not belong to this sign-in attempt");
      return NULL;
    }
  self->state_used = TRUE;

  server_error = g_hash_table_lookup (pairs, "error");
  description = g_hash_table_lookup (pairs, "error_description");
  code = g_hash_table_lookup (pairs, "code");
  if (g_strcmp0 (server_error, "access_denied") == 0)
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_ACCESS_DENIED,
                           "Access was denied");
      return NULL;
    }
  if (server_error != NULL)
    {
      g_set_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER, "%s%s%s", server_error,
                   description ? ": " : "", description ? description : "");
      return NULL;
    }
  if (code == NULL || *code == '\0')
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_MISSING_CODE,
                           "The redirect carries no authorization code");
      return NULL;
    }
  return g_strdup (code);
}

/* A token goes into an Authorization header: printable ASCII without spaces only. */
static gboolean
token_is_valid (const char *token)
{
  if (token == NULL || *token == '\0')
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;
  return TRUE;
}

char *
hb_oauth_parse_token_reply (const char *body, gssize length, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (GHashTable) pairs = new_pairs ();
  gboolean duplicate = FALSE;
  const char *server_error;
  const char *token;

  if (length < 0)
    length = body ? strlen (body) : 0;
  if (body == NULL || length == 0 || length > MAX_TOKEN_REPLY ||
      memchr (body, '\0', length) != NULL)
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY,
                           length > MAX_TOKEN_REPLY ? "The token reply is too large"
                                                    : "The token reply is empty");
      return NULL;
    }

  /* Servers often end a body with a newline; it is not part of the last value. */
  text = g_strndup (body, length);
  g_strstrip (text);
  if (!parse_form (text, pairs, &duplicate))
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY,
                           "The token reply is not form-encoded");
      return NULL;
    }

  server_error = g_hash_table_lookup (pairs, "error");
  if (server_error != NULL)
    {
      g_set_error (error, HB_OAUTH_ERROR,
                   g_strcmp0 (server_error, "access_denied") == 0 ? HB_OAUTH_ERROR_ACCESS_DENIED
                                                                  : HB_OAUTH_ERROR_SERVER,
                   "%s", server_error);
      return NULL;
    }

  token = g_hash_table_lookup (pairs, "access_token");
  if (!token_is_valid (token))
    {
      g_set_error_literal (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY,
                           "The token reply holds no usable access token");
      return NULL;
    }
  return g_strdup (token);
}

typedef struct
{
  SoupMessage *msg;
  GInputStream *body;
  char *buffer; /* MAX_TOKEN_REPLY + 1 bytes: one more than a reply may hold */
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  g_clear_object (&exchange->msg);
  /* Closing before the end does not read the rest: libsoup drops the connection. */
  if (exchange->body != NULL)
    g_input_stream_close_async (exchange->body, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&exchange->body);
  g_free (exchange->buffer);
  g_free (exchange);
}

static void
return_too_large (GTask *task)
{
  g_task_return_new_error (task, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY,
                           "The token reply is too large");
}

static void
exchange_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  SoupMessage *msg = exchange->msg;
  g_autoptr (GError) error = NULL;
  gsize size = 0;
  char *token;
  guint status;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &size, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (size > MAX_TOKEN_REPLY)
    {
      return_too_large (task);
      return;
    }

  /* AppHarbor may answer error= with 200, and a failure status may still carry error=. */
  status = soup_message_get_status (msg);
  token = hb_oauth_parse_token_reply (exchange->buffer, size, &error);
  if (token != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    g_clear_pointer (&token, g_free);
  if (token == NULL && error == NULL)
    g_set_error (&error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER, "The server answered %u %s", status,
                 soup_message_get_reason_phrase (msg));
  else if (token == NULL && !SOUP_STATUS_IS_SUCCESSFUL (status) &&
           g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY))
    {
      g_clear_error (&error);
      g_set_error (&error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER, "The server answered %u %s",
                   status, soup_message_get_reason_phrase (msg));
    }

  if (token == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, g_free);
}

/* The reply is read up to one byte past the cap, never whole: a server (or whatever answers
 * in its place) could otherwise send without end. */
static void
exchange_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Exchange *exchange = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autoptr (GError) error = NULL;

  exchange->body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (exchange->body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  headers = soup_message_get_response_headers (exchange->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MAX_TOKEN_REPLY)
    {
      return_too_large (task);
      return;
    }
  exchange->buffer = g_malloc (MAX_TOKEN_REPLY + 1);
  g_input_stream_read_all_async (exchange->body, exchange->buffer, MAX_TOKEN_REPLY + 1,
                                 G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                 exchange_read_cb, g_object_ref (task));
}

void
hb_oauth_exchange_async (HbOAuth *self,
                         const char *code,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *uri = NULL;
  SoupMessage *msg;
  Exchange *exchange;

  g_return_if_fail (HB_IS_OAUTH (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_oauth_exchange_async);

  /* The secret, the code and the verifier buy a token: HbClient's rule for tokens applies. */
  if (!hb_client_url_may_carry_token (self->base_url))
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INSECURE,
                               "Refusing to send the sign-in over plain http to %s",
                               self->base_url);
      return;
    }

  if (self->session == NULL)
    self->session = g_object_new (SOUP_TYPE_SESSION, "timeout", EXCHANGE_TIMEOUT_SECONDS,
                                  "user-agent", "Harbor/" PACKAGE_VERSION " ", NULL);

  uri = g_strconcat (self->base_url, "/tokens", NULL);
  msg = soup_message_new_from_encoded_form (
      "POST", uri,
      soup_form_encode ("client_id", self->client_id, "client_secret", self->client_secret, "code",
                        code, "code_verifier", self->code_verifier, NULL));
  if (msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Invalid server address");
      return;
    }
  /* A redirect would take the code and verifier to another address, or (the POST turned into
   * a GET) fetch a "token" from there: the 3xx itself is the answer, and it is no token. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  exchange = g_new0 (Exchange, 1);
  exchange->msg = msg;
  g_task_set_task_data (task, exchange, (GDestroyNotify) exchange_free);
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable, exchange_sent_cb,
                           g_object_ref (task));
}

char *
hb_oauth_exchange_finish (HbOAuth *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
