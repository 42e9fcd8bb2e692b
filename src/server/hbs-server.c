/* hbs-server.c: harbor-server: listening, authentication, routing and fault injection
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-server.h"

#include "hbs-app-logs.h"
#include "hbs-body-cap.h"
#include "hbs-context.h"
#include "hbs-listener.h"
#include "hbs-log-sessions.h"
#include "hbs-names.h"
#include "hbs-oauth.h"
#include "hbs-request.h"
#include "hbs-routes-apps.h"
#include "hbs-seed.h"
#include "hbs-simulator.h"
#include "hbs-store.h"
#include "hbs-test-cache.h"

#include <string.h>
#include <sys/resource.h>

struct _HbsServer
{
  GObject parent_instance;

  SoupServer *soup;
  HbsContext ctx; /* the parts the routes reach, owned here */
  HbsOAuth *oauth;
  HbsFaults faults;
  guint64 n_requests;
  GList *held; /* Held: responses delayed or stalled by a fault */
  HbsLimits limits;
  HbsListener *listener;
  char *public_name;
  HbsNames *names; /* the Host values answered, once listening */
};

G_DEFINE_FINAL_TYPE (HbsServer, hbs_server, G_TYPE_OBJECT)

typedef struct
{
  HbsServer *self;
  SoupServerMessage *msg;
  GSource *source; /* NULL for a stall */
  gulong finished_id;
} Held;

static void
held_free (Held *held)
{
  g_signal_handler_disconnect (held->msg, held->finished_id);
  if (held->source != NULL)
    {
      g_source_destroy (held->source);
      g_source_unref (held->source);
    }
  g_object_unref (held->msg);
  g_free (held);
}

static void
hbs_server_dispose (GObject *object)
{
  HbsServer *self = HBS_SERVER (object);

  g_list_free_full (g_steal_pointer (&self->held), (GDestroyNotify) held_free);
  /* Closes every connection first, so the listener sees each go. */
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  self->ctx.listener = NULL;
  g_clear_object (&self->listener);
  g_clear_object (&self->soup);
  g_clear_object (&self->ctx.simulator);
  g_clear_object (&self->ctx.log_sessions);
  g_clear_object (&self->ctx.logs);
  g_clear_object (&self->oauth);
  G_OBJECT_CLASS (hbs_server_parent_class)->dispose (object);
}

static void
hbs_server_finalize (GObject *object)
{
  HbsServer *self = HBS_SERVER (object);

  g_clear_object (&self->ctx.store);
  g_clear_pointer (&self->ctx.tests, hbs_test_cache_free);
  g_clear_pointer (&self->names, hbs_names_free);
  g_clear_pointer (&self->public_name, g_free);
  G_OBJECT_CLASS (hbs_server_parent_class)->finalize (object);
}

static void
hbs_server_class_init (HbsServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hbs_server_dispose;
  object_class->finalize = hbs_server_finalize;
}

/* Harbor's own client exists on every server, so the app can always sign in. Its secret ships
 * in the app, so it is a public client: PKCE is what keeps a stolen code useless. */
static void
put_harbor_client (HbsServer *self)
{
  hbs_store_put_client (self->ctx.store, "harbor-desktop", "harbor-desktop-secret", "Harbor",
                        "http://127.0.0.1/oauth/callback", TRUE);
}

static void
hbs_server_init (HbsServer *self)
{
  self->ctx.store = hbs_store_new ();
  self->ctx.logs = hbs_app_logs_new (self->ctx.store);
  self->ctx.simulator = hbs_simulator_new (self->ctx.store, self->ctx.logs);
  self->ctx.log_sessions = hbs_log_sessions_new (self->ctx.logs);
  self->ctx.tests = hbs_test_cache_new ();
  self->oauth = hbs_oauth_new (self->ctx.store);
  put_harbor_client (self);
}

HbsServer *
hbs_server_new (void)
{
  return g_object_new (HBS_TYPE_SERVER, NULL);
}

void
hbs_server_seed (HbsServer *self)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  hbs_seed_world (self->ctx.store);
}

void
hbs_server_add_big_tests (HbsServer *self, guint n_tests)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  g_return_if_fail (n_tests <= HBS_MAX_BIG_TESTS);
  hbs_seed_big_tests (self->ctx.store, n_tests);
}

/**
 * hbs_server_add_test_results:
 * @slug: the application to add (kept if it exists), owned by the default user
 * @json: the tests of its build "1": a JSON array of test nodes, served as given
 *
 * Serves test results that the server did not generate: edge sizes, odd names, the
 * reference's examples. Not saved to the data file. Returns FALSE when @json is not an array.
 */
gboolean
hbs_server_add_test_results (HbsServer *self, const char *slug, const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  const char *owner;

  g_return_val_if_fail (HBS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (slug != NULL && json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "test results must be an array");
      return FALSE;
    }
  owner = hbs_store_default_user (self->ctx.store);
  g_return_val_if_fail (owner != NULL, FALSE);
  hbs_seed_fixture_app (self->ctx.store, slug, owner);
  hbs_test_cache_add_fixture (self->ctx.tests, slug, json_parser_steal_root (parser));
  return TRUE;
}

void
hbs_server_add_user (HbsServer *self, const char *name, const char *email, const char *password)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  g_return_if_fail (name != NULL && email != NULL && password != NULL);
  hbs_store_put_user (self->ctx.store, name, email, password);
}

/* demo when the world has it, else its first user; NULL in an empty world. */
const char *
hbs_server_get_default_user (HbsServer *self)
{
  g_return_val_if_fail (HBS_IS_SERVER (self), NULL);
  return hbs_store_default_user (self->ctx.store);
}

void
hbs_server_add_token (HbsServer *self, const char *username, const char *token)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  g_return_if_fail (username != NULL && token != NULL);
  hbs_store_add_token (self->ctx.store, username, token);
}

void
hbs_server_add_client (
    HbsServer *self, const char *id, const char *secret, const char *name, const char *redirect_uri)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  g_return_if_fail (id != NULL && secret != NULL && redirect_uri != NULL);
  hbs_store_put_client (self->ctx.store, id, secret, name != NULL ? name : id, redirect_uri, FALSE);
}

void
hbs_server_set_has_card (HbsServer *self, const char *username, gboolean has_card)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  hbs_store_set_has_card (self->ctx.store, username, has_card);
}

void
hbs_server_set_auto_approve (HbsServer *self, gboolean auto_approve)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  hbs_oauth_set_auto_approve (self->oauth, auto_approve);
}

/**
 * hbs_server_set_data_file:
 * Persists the world to @path. When @path exists it is loaded and replaces the world, so call
 * this before seeding or adding users, tokens and clients (seeding a loaded seeded world is a
 * no-op).
 */
gboolean
hbs_server_set_data_file (HbsServer *self, const char *path, GError **error)
{
  g_return_val_if_fail (HBS_IS_SERVER (self), FALSE);
  if (!hbs_store_set_file (self->ctx.store, path, error))
    return FALSE;
  put_harbor_client (self);
  return TRUE;
}

/* Writes pending changes now (they are otherwise written within 100 ms, or later for a big
 * file: hbs-store.c SAVE_BYTES_PER_S). */
gboolean
hbs_server_flush (HbsServer *self, GError **error)
{
  g_return_val_if_fail (HBS_IS_SERVER (self), FALSE);
  return hbs_store_flush (self->ctx.store, error);
}

void
hbs_server_set_faults (HbsServer *self, const HbsFaults *faults)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  if (faults != NULL)
    self->faults = *faults;
  else
    memset (&self->faults, 0, sizeof self->faults);
  self->n_requests = 0;
}

/**
 * hbs_server_set_public_name:
 * @name: (nullable): HOST or HOST:PORT (a missing port is the scheme's default)
 *
 * Before listening: the server also answers requests whose Host is @name (behind a proxy, or
 * under a name in /etc/hosts), builds the URLs of those answers from it, and puts it in service
 * hook payloads. Any other Host than @name and the listening address is refused with 400.
 */
gboolean
hbs_server_set_public_name (HbsServer *self, const char *name, GError **error)
{
  g_return_val_if_fail (HBS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->names == NULL, FALSE);
  if (name != NULL && !hbs_names_check_public_name (name, error))
    return FALSE;
  g_free (self->public_name);
  self->public_name = g_strdup (name);
  return TRUE;
}

/**
 * hbs_server_set_limits:
 * Before listening: how many connections may be open at once, and how long a request may take
 * to arrive and a kept-alive connection may wait for the next (see #HbsLimits; %NULL or 0
 * fields: the defaults). The oldest connection still sending its request or idle is closed to
 * make room for a new one.
 */
void
hbs_server_set_limits (HbsServer *self, const HbsLimits *limits)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  g_return_if_fail (self->listener == NULL);
  if (limits != NULL)
    self->limits = *limits;
  else
    memset (&self->limits, 0, sizeof self->limits);
}

/**
 * hbs_server_raise_fd_limit:
 * Raises the soft limit on open files to the hard one, as a server that holds many connections
 * should (a process starts with 1024 on most systems, its hard limit often far higher). Call
 * it early, from main(): harbor-server does; an application running the server in-process
 * decides for itself.
 * Returns: the soft limit now (0 when it cannot be read).
 */
guint64
hbs_server_raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0)
    return 0;
  if (limit.rlim_cur < limit.rlim_max)
    {
      rlim_t wanted = limit.rlim_max;

      limit.rlim_cur = wanted;
      /* An unlimited hard limit is refused as a soft one: nr_open caps it. */
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0 && wanted == RLIM_INFINITY)
        {
          limit.rlim_cur = 1 << 20;
          setrlimit (RLIMIT_NOFILE, &limit);
        }
      getrlimit (RLIMIT_NOFILE, &limit);
    }
  return limit.rlim_cur == RLIM_INFINITY ? G_MAXUINT64 : (guint64) limit.rlim_cur;
}

void
hbs_server_set_build_step_ms (HbsServer *self, guint ms)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  hbs_simulator_set_step_ms (self->ctx.simulator, ms);
}

/**
 * hbs_server_set_web_log_ms:
 * @ms: time between two lines of the simulated web process (0: it writes none)
 *
 * A deployed application's log gets an "app[web.1]" line every @ms (default
 * HBS_DEFAULT_WEB_LOG_MS), at the times they are due; lines are made only when a log is read,
 * written or streamed, so an idle server does no work for them.
 */
void
hbs_server_set_web_log_ms (HbsServer *self, guint ms)
{
  g_return_if_fail (HBS_IS_SERVER (self));
  hbs_app_logs_set_web_ms (self->ctx.logs, ms);
}

/* "Authorization: Bearer T" (any case of the scheme) or "?access_token=T". Returns FALSE when
 * credentials were sent but are not valid; no credentials leaves req->user NULL. */
static gboolean
authenticate (HbsRequest *req)
{
  const char *header = hbs_request_header (req, "Authorization");
  const char *token = hbs_request_query (req, "access_token");

  if (header != NULL)
    {
      if (g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
        return FALSE;
      token = header + 7;
      while (*token == ' ')
        token++;
    }
  if (token == NULL)
    return TRUE;
  req->user = hbs_store_lookup_token (req->ctx->store, token);
  return req->user != NULL;
}

static void
route (HbsServer *self, HbsRequest *req)
{
  const char *first = req->n_segments > 0 ? req->segments[0] : "";

  if (hbs_oauth_handle (self->oauth, req))
    return;
  if (hbs_request_segments_are (req, 2, "sessions", NULL))
    {
      hbs_log_sessions_serve (self->ctx.log_sessions, req, req->segments[1]);
      return;
    }
  if (!g_str_equal (first, "user") && !g_str_equal (first, "applications"))
    {
      hbs_request_error (req, 404, "Not found");
      return;
    }
  if (!authenticate (req))
    {
      hbs_request_error (req, 401, "The access token is not valid");
      return;
    }
  if (g_str_equal (first, "applications"))
    hbs_routes_apps (req);
  else if (req->user == NULL)
    hbs_request_error (req, 401, "Sign in: send “Authorization: Bearer <token>”");
  else if (req->n_segments == 1)
    hbs_routes_user (req);
  else
    hbs_request_error (req, 404, "Not found");
}

static void
held_finished_cb (SoupServerMessage *msg, Held *held)
{
  HbsServer *self = held->self;

  self->held = g_list_remove (self->held, held);
  held_free (held);
}

static gboolean
latency_done_cb (gpointer user_data)
{
  Held *held = user_data;
  HbsServer *self = held->self;

  g_autoptr (SoupServerMessage) msg = g_object_ref (held->msg);

  /* Forget the message before unpausing: finishing may run "finished" handlers at once. */
  self->held = g_list_remove (self->held, held);
  held_free (held);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
hold (HbsServer *self, SoupServerMessage *msg, guint delay_ms)
{
  Held *held = g_new0 (Held, 1);

  held->self = self;
  held->msg = g_object_ref (msg);
  held->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (held_finished_cb), held);
  if (delay_ms > 0)
    {
      held->source = g_timeout_source_new (delay_ms);
      g_source_set_callback (held->source, latency_done_cb, held, NULL);
      g_source_attach (held->source, g_main_context_get_thread_default ());
    }
  soup_server_message_pause (msg);
  self->held = g_list_prepend (self->held, held);
}

typedef struct
{
  GIOStream *stream;
  GBytes *bytes;
} Truncation;

static void
truncation_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Truncation *t = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (t->stream, NULL, NULL);
  g_object_unref (t->stream);
  g_bytes_unref (t->bytes);
  g_free (t);
}

/* The response's own headers (a create's Location…), but not its framing, which is ours. */
static void
append_header (const char *name, const char *value, gpointer raw)
{
  if (g_ascii_strcasecmp (name, "Content-Length") == 0 ||
      g_ascii_strcasecmp (name, "Content-Type") == 0 ||
      g_ascii_strcasecmp (name, "Connection") == 0 ||
      g_ascii_strcasecmp (name, "Transfer-Encoding") == 0)
    return;
  g_string_append_printf (raw, "%s: %s\r\n", name, value);
}

/* Announces the whole body but sends half of it, then hangs up: the status line and headers
 * are whole, as when a connection drops mid-body. */
static void
truncate_response (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr (GBytes) flat = soup_message_body_flatten (body);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *type = soup_message_headers_get_one (headers, "Content-Type");
  gsize length = g_bytes_get_size (flat);
  GString *raw = g_string_new (NULL);
  Truncation *t;
  GIOStream *stream;

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", soup_server_message_get_status (msg),
                          soup_status_get_phrase (soup_server_message_get_status (msg)));
  soup_message_headers_foreach (headers, append_header, raw);
  g_string_append_printf (raw,
                          "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT
                          "\r\nConnection: close\r\n\r\n",
                          type != NULL ? type : "application/json", length + 16);
  g_string_append_len (raw, g_bytes_get_data (flat, NULL), length / 2);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_string_free (raw, TRUE);
      return;
    }
  t = g_new0 (Truncation, 1);
  t->stream = stream;
  t->bytes = g_string_free_to_bytes (raw);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (t->bytes, NULL), g_bytes_get_size (t->bytes),
                                   G_PRIORITY_DEFAULT, NULL, truncation_written_cb, t);
}

static gboolean
nth (guint every, guint64 n)
{
  return every > 0 && n % every == 0;
}

static void
handler_cb (SoupServer *server,
            SoupServerMessage *msg,
            const char *path,
            GHashTable *query,
            gpointer user_data)
{
  HbsServer *self = user_data;
  HbsRequest req = {
    &self->ctx,
    NULL,
  };
  g_autoptr (GError) error = NULL;
  gboolean too_large = FALSE;
  g_autoptr (GBytes) body = hbs_body_cap_get (msg, &too_large);
  guint64 n = ++self->n_requests;
  char *base = hbs_names_match (self->names, msg);

  /* The early handler refused a foreign Host already; this only keeps base non-NULL. */
  if (base == NULL)
    base = g_strdup (hbs_names_get_base_url (self->names));
  if (!hbs_request_init (&req, msg, query, body, base, &error))
    hbs_request_gerror (&req, error);
  else if (too_large)
    hbs_request_error (&req, 413, "The body is larger than %d bytes", HBS_MAX_BODY);
  else if (nth (self->faults.fail_every, n))
    hbs_request_error (&req, 500, "Injected failure (request %" G_GUINT64_FORMAT ")", n);
  else
    route (self, &req);
  hbs_request_clear (&req);

  /* A log session's stream is paced by its log, which pauses and resumes it: a fault holding or
   * stealing it would leave the stream writing to a message that is not there. */
  if (soup_message_headers_get_encoding (soup_server_message_get_response_headers (msg)) ==
      SOUP_ENCODING_CHUNKED)
    return;
  if (nth (self->faults.stall_every, n))
    hold (self, msg, 0);
  else if (nth (self->faults.truncate_every, n))
    truncate_response (msg);
  else if (self->faults.latency_ms > 0)
    hold (self, msg, self->faults.latency_ms);
}

/* libsoup answers a few requests itself, before any handler of ours runs: a target it routes
 * nowhere ("OPTIONS *"), an absolute URI of the wrong scheme. Those get the JSON error body
 * every other error has. (A request line it cannot parse at all is answered before even this:
 * that bare 400 is libsoup's alone.) */
static void
error_body_cb (SoupServerMessage *msg, gpointer user_data)
{
  HbsServer *self = user_data;
  guint status = soup_server_message_get_status (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  HbsRequest req = {
    &self->ctx,
    msg,
  };

  if (status < 400 || soup_message_headers_get_content_type (headers, NULL) != NULL)
    return;
  hbs_request_error (&req, status, "%s", soup_status_get_phrase (status));
}

/* Runs after libsoup's own "got-body" handler, which calls ours or has answered already. */
static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  g_signal_connect_object (msg, "got-body", G_CALLBACK (error_body_cb), user_data, 0);
}

/* A request for a name that is not ours (DNS rebinding: a web page's own name resolving to
 * 127.0.0.1) is refused before anything else happens. */
static gboolean
refuse_misdirected (HbsServer *self, SoupServerMessage *msg)
{
  g_autofree char *base = hbs_names_match (self->names, msg);
  g_autofree char *names = NULL;
  HbsRequest req = {
    &self->ctx,
    msg,
  };

  if (base != NULL)
    return FALSE;
  names = hbs_names_describe (self->names);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  hbs_request_error (&req, 400, "Misdirected request: this server answers to %s only", names);
  return TRUE;
}

/* A foreign name is refused, and bodies are capped before they are read. */
static void
early_handler_cb (SoupServer *server,
                  SoupServerMessage *msg,
                  const char *path,
                  GHashTable *query,
                  gpointer user_data)
{
  if (!refuse_misdirected (user_data, msg))
    hbs_body_cap_start (msg);
}

/**
 * hbs_server_listen:
 * Starts answering on @address (NULL: 127.0.0.1) and @port (0 picks one), over HTTPS when
 * @cert is given, on the thread-default main context.
 */
gboolean
hbs_server_listen (
    HbsServer *self, const char *address, guint port, GTlsCertificate *cert, GError **error)
{
  g_autoptr (GInetAddress) inet = NULL;

  g_return_val_if_fail (HBS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  inet = g_inet_address_new_from_string (address != NULL ? address : "127.0.0.1");
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address",
                   address);
      return FALSE;
    }
  /* Paths as sent: hbs_path_split() decodes them, one name at a time. */
  self->soup = soup_server_new ("server-header", "harbor-server ", "raw-paths", TRUE, NULL);
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  self->listener = hbs_listener_new (self->soup, &self->limits);
  if (!hbs_listener_listen (self->listener, inet, port, cert, error))
    {
      g_clear_object (&self->listener);
      g_clear_object (&self->soup);
      return FALSE;
    }
  self->ctx.listener = self->listener;
  self->names = hbs_names_new (cert != NULL ? "https" : "http",
                               hbs_listener_get_address (self->listener), self->public_name);
  hbs_simulator_set_base_url (self->ctx.simulator, hbs_names_get_base_url (self->names));
  hbs_simulator_resume (self->ctx.simulator);
  return TRUE;
}

/* "http://127.0.0.1:PORT" without a trailing slash, where the server listens (whatever
 * --public-name says); NULL before listening. */
char *
hbs_server_dup_base_url (HbsServer *self)
{
  g_return_val_if_fail (HBS_IS_SERVER (self), NULL);
  return self->names != NULL ? g_strdup (hbs_names_get_listening_url (self->names)) : NULL;
}
