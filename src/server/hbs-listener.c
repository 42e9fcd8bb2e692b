/* hbs-listener.c: harbor-server's own accept loop: connection cap, timeouts, EMFILE recovery
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-listener.h"

#include <errno.h>
#include <gio/gnetworking.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* libsoup 3.2's own listener gives up for good on the first failed accept (soup-listener.c
 * listen_watch() removes its source when g_socket_accept() returns NULL, EMFILE included), has
 * no connection limit and no timeout: 1,100 clients sending a request line stopped the server
 * forever, and 500 half-sent requests were held as long as their senders liked. So we accept
 * connections ourselves and hand each to libsoup with soup_server_accept_iostream(), which lets
 * us cap them, time them out, and back off and accept again when descriptors run out. */

#define DEFAULT_MAX_CONNECTIONS 512
#define MIN_MAX_CONNECTIONS 16
#define DEFAULT_REQUEST_TIMEOUT_MS 10000
#define DEFAULT_IDLE_TIMEOUT_MS 60000
#define LISTEN_BACKLOG 256
/* Accepted per wake-up, so a flood of connections cannot starve the requests in flight. */
#define ACCEPT_BATCH 32
#define FIRST_BACK_OFF_MS 10
#define MAX_BACK_OFF_MS 1000

/* -- HbsConnection: a TCP connection that says when it is closed */

/* libsoup closes a connection in several places (after a response without keep-alive, on a
 * read error, when we steal it); overriding close is the one place that sees them all. */
#define HBS_TYPE_CONNECTION (hbs_connection_get_type ())
G_DECLARE_FINAL_TYPE (HbsConnection, hbs_connection, HBS, CONNECTION, GTcpConnection)

struct _HbsConnection
{
  GTcpConnection parent_instance;

  GDestroyNotify closed;
  gpointer closed_data;
};

G_DEFINE_FINAL_TYPE (HbsConnection, hbs_connection, G_TYPE_TCP_CONNECTION)

static gboolean
hbs_connection_close (GIOStream *stream, GCancellable *cancellable, GError **error)
{
  HbsConnection *self = HBS_CONNECTION (stream);
  GDestroyNotify closed = g_steal_pointer (&self->closed);
  gboolean ok =
      G_IO_STREAM_CLASS (hbs_connection_parent_class)->close_fn (stream, cancellable, error);

  if (closed != NULL)
    closed (self->closed_data);
  return ok;
}

static void
hbs_connection_class_init (HbsConnectionClass *klass)
{
  /* GSocketConnection's close_async calls close_fn too, synchronously. */
  G_IO_STREAM_CLASS (klass)->close_fn = hbs_connection_close;
}

static void
hbs_connection_init (HbsConnection *self)
{
}

/* -- the listener */

typedef enum
{
  READING, /* a request is on its way (or the first is awaited): the request timeout runs */
  BUSY,    /* the request is read and being answered: no timeout (faults, log tails) */
  IDLE,    /* kept alive, waiting for the next request: the idle timeout runs */
} State;

typedef struct
{
  HbsListener *self;
  HbsConnection *connection; /* borrowed: libsoup (or the TLS layer) owns it */
  GSocket *socket;
  GSocketAddress *remote; /* its key in self->by_remote */
  SoupServerMessage *msg; /* the latest message: a handle to steal the connection with */
  State state;
  gboolean tls;
  GSource *timer;
  GSource *watch; /* IDLE: notices the client closing, which libsoup 3.2 does not */
  GList *link;    /* in self->clients, oldest first */
} Client;

struct _HbsListener
{
  GObject parent_instance;

  SoupServer *soup;
  HbsLimits limits;
  GSocket *socket;
  GInetSocketAddress *address;
  GTlsCertificate *cert;
  GSocket *keep_alive[2]; /* see keep_alive_listener() */
  GSource *accept_source;
  GSource *retry_source;
  guint back_off_ms;
  GQueue clients;        /* Client */
  GHashTable *by_remote; /* GSocketAddress → Client: every message of a connection returns
                          * the same remote address object, which finds its Client */
};

G_DEFINE_FINAL_TYPE (HbsListener, hbs_listener, G_TYPE_OBJECT)

static void start_accepting (HbsListener *self);

static void
destroy_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
client_free (Client *client)
{
  destroy_source (&client->timer);
  destroy_source (&client->watch);
  g_hash_table_remove (client->self->by_remote, client->remote);
  g_clear_object (&client->remote);
  g_clear_object (&client->socket);
  g_clear_object (&client->msg);
  g_free (client);
}

/* The connection is closed, whoever closed it: forget it, and make room for the next. */
static void
client_closed (gpointer data)
{
  Client *client = data;
  HbsListener *self = client->self;

  g_queue_delete_link (&self->clients, client->link);
  client_free (client);
  if (self->accept_source == NULL && self->retry_source != NULL)
    {
      destroy_source (&self->retry_source);
      start_accepting (self);
    }
}

/* Takes the connection back from libsoup, which also makes it forget the connection (an idle
 * keep-alive one it would otherwise keep for ever), and closes the TCP connection under any TLS
 * layer: a TLS goodbye could wait on a client that does not read. */
static void
close_client (Client *client)
{
  g_autoptr (HbsConnection) connection = g_object_ref (client->connection);
  g_autoptr (GIOStream) stolen = NULL;

  if (client->msg != NULL)
    stolen = soup_server_message_steal_connection (client->msg);
  /* Shut down first: a TLS handshake runs in a thread blocked in poll() on the socket, which
   * keeps the socket alive (no FIN sent) past a mere close() until that poll returns. */
  g_socket_shutdown (client->socket, TRUE, TRUE, NULL);
  /* Frees @client (client_closed()). */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

static gboolean
timed_out_cb (gpointer data)
{
  Client *client = data;

  g_debug ("closing a connection %s",
           client->state == IDLE ? "idle too long" : "too slow to send its request");
  g_clear_pointer (&client->timer, g_source_unref);
  close_client (client);
  return G_SOURCE_REMOVE;
}

static void
set_state (Client *client, State state)
{
  HbsListener *self = client->self;
  guint timeout = state == READING ? self->limits.request_timeout_ms
                  : state == IDLE  ? self->limits.idle_timeout_ms
                                   : 0;

  client->state = state;
  destroy_source (&client->timer);
  destroy_source (&client->watch);
  if (timeout == 0)
    return;
  client->timer = g_timeout_source_new (timeout);
  g_source_set_callback (client->timer, timed_out_cb, client, NULL);
  g_source_set_name (client->timer, "[hbs] connection timeout");
  g_source_attach (client->timer, g_main_context_get_thread_default ());
}

/* -- following libsoup's requests */

/**
 * hbs_socket_peek:
 * Whether the peer of a non-blocking @socket has sent something (left unread), closed the
 * connection (or it failed), or neither yet.
 */
HbsPeek
hbs_socket_peek (GSocket *socket)
{
  g_autoptr (GError) error = NULL;
  GInputVector vector;
  char byte;
  gint flags = G_SOCKET_MSG_PEEK;
  gssize n;

  vector.buffer = &byte;
  vector.size = 1;
  n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return HBS_PEEK_NOTHING;
  return n > 0 ? HBS_PEEK_BYTES : HBS_PEEK_CLOSED;
}

static Client *
client_of (HbsListener *self, SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_hash_table_lookup (self->by_remote, remote) : NULL;
}

/**
 * hbs_listener_get_socket:
 * Returns: (transfer none) (nullable): the socket @msg came on. libsoup does not know it for a
 * connection it was handed (soup_server_message_get_socket() is NULL for all of ours), and
 * shutting it down is how a long response is ended under libsoup, which then fails its next
 * write and finishes the message as usual.
 */
GSocket *
hbs_listener_get_socket (HbsListener *self, SoupServerMessage *msg)
{
  Client *client;

  g_return_val_if_fail (HBS_IS_LISTENER (self), NULL);
  client = client_of (self, msg);

  return client != NULL ? client->socket : soup_server_message_get_socket (msg);
}

static void
hold_message (Client *client, SoupServerMessage *msg)
{
  g_set_object (&client->msg, msg);
}

/* Emitted when a connection is accepted, then when the first bytes of each next request come. */
static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  Client *client = client_of (user_data, msg);

  if (client == NULL)
    return;
  hold_message (client, msg);
  set_state (client, READING);
}

/* Over TLS, connections are not kept alive: libsoup 3.2 reads the close_notify of a client
 * leaving an idle connection as the end of a request that never started, then can neither be
 * told to drop the connection (stealing it crashes) nor drops it itself. */
static void
request_read_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  Client *client = client_of (user_data, msg);

  if (client == NULL)
    return;
  set_state (client, BUSY);
  if (client->tls)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                  "close");
}

/* Whether libsoup keeps the connection for another request (else it closes it itself). */
static gboolean
stays_open (SoupServerMessage *msg)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (soup_message_headers_header_contains (request, "Connection", "close") ||
      soup_message_headers_header_contains (response, "Connection", "close"))
    return FALSE;
  if (soup_server_message_get_http_version (msg) == SOUP_HTTP_1_0)
    return soup_message_headers_header_contains (request, "Connection", "keep-alive");
  return TRUE;
}

/* libsoup 3.2 never notices a client closing an idle keep-alive connection (fixed in 3.3 by
 * commit d20c660): each one would stay in CLOSE_WAIT, keeping its descriptor. So between
 * requests we watch the socket ourselves and close the connection on EOF. */
static gboolean
idle_socket_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Client *client = user_data;
  HbsPeek peek = hbs_socket_peek (socket);

  if (peek == HBS_PEEK_NOTHING)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&client->watch, g_source_unref);
  /* Bytes: the next request has arrived and libsoup reads it ("request-started" follows). This
   * watch was attached before libsoup's reader for the next request, so on EOF it runs first,
   * while the connection can still be stolen. */
  if (peek == HBS_PEEK_CLOSED)
    close_client (client);
  return G_SOURCE_REMOVE;
}

static void
request_finished_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  Client *client = client_of (user_data, msg);

  if (client == NULL || g_socket_is_closed (client->socket) || !stays_open (msg))
    return;
  hold_message (client, msg);
  set_state (client, IDLE);
  client->watch = g_socket_create_source (client->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (client->watch, (GSourceFunc) (void (*) (void)) idle_socket_cb, client,
                         NULL);
  g_source_set_name (client->watch, "[hbs] idle keep-alive connection");
  g_source_attach (client->watch, g_main_context_get_thread_default ());
}

/* -- accepting */

/* The oldest connection that is not in the middle of answering: still sending its request
 * (a slow client, or an attacker) or idle between requests. */
static gboolean
evict_one (HbsListener *self, const char *why)
{
  for (GList *l = self->clients.head; l != NULL; l = l->next)
    {
      Client *client = l->data;

      if (client->state == BUSY)
        continue;
      g_debug ("%s: closing the oldest waiting connection", why);
      close_client (client);
      return TRUE;
    }
  return FALSE;
}

static void
add_client (HbsListener *self, GSocket *socket)
{
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr (HbsConnection) connection = NULL;
  g_autoptr (GIOStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  Client *client;

  /* The client may already be gone. */
  if (local == NULL || remote == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  connection = g_object_new (HBS_TYPE_CONNECTION, "socket", socket, NULL);
  if (self->cert != NULL)
    {
      stream =
          G_IO_STREAM (g_tls_server_connection_new (G_IO_STREAM (connection), self->cert, &error));
      if (stream == NULL)
        {
          g_warning ("Cannot serve TLS: %s", error->message);
          g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
          return;
        }
      g_object_set (stream, "require-close-notify", FALSE, NULL);
    }
  else
    stream = g_object_ref (G_IO_STREAM (connection));

  client = g_new0 (Client, 1);
  client->self = self;
  client->connection = connection;
  client->socket = g_object_ref (socket);
  client->remote = g_object_ref (remote);
  client->tls = self->cert != NULL;
  g_queue_push_tail (&self->clients, client);
  client->link = self->clients.tail;
  connection->closed = client_closed;
  connection->closed_data = client;
  g_hash_table_insert (self->by_remote, client->remote, client);
  set_state (client, READING);
  /* Emits "request-started" at once, with the message that waits for the first request. */
  soup_server_accept_iostream (self->soup, stream, local, remote, NULL);
}

static gboolean
out_of_descriptors (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

static gboolean
retry_cb (gpointer user_data)
{
  HbsListener *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* Stops accepting for a while; waiting connections stay in the kernel's backlog. Any closed
 * connection ends the pause early (client_closed()). */
static void
back_off (HbsListener *self)
{
  self->back_off_ms = CLAMP (self->back_off_ms * 2, FIRST_BACK_OFF_MS, MAX_BACK_OFF_MS);
  g_debug ("cannot accept now; trying again in %u ms", self->back_off_ms);
  destroy_source (&self->accept_source);
  self->retry_source = g_timeout_source_new (self->back_off_ms);
  g_source_set_callback (self->retry_source, retry_cb, self, NULL);
  g_source_set_name (self->retry_source, "[hbs] accept again");
  g_source_attach (self->retry_source, g_main_context_get_thread_default ());
}

static gboolean
accept_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  HbsListener *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr (GSocket) accepted = NULL;
      g_autoptr (GError) error = NULL;

      if (self->clients.length >= self->limits.max_connections &&
          !evict_one (self, "too many connections"))
        {
          back_off (self);
          return G_SOURCE_REMOVE;
        }
      accepted = g_socket_accept (socket, NULL, &error);
      if (accepted != NULL)
        {
          self->back_off_ms = 0;
          add_client (self, accepted);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      /* EMFILE: a waiting connection can make room; else wait for one to close. */
      if (out_of_descriptors (error) && evict_one (self, "out of file descriptors"))
        continue;
      /* ECONNABORTED and the like concern that one connection: take the next. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
        continue;
      back_off (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_accepting (HbsListener *self)
{
  if (self->accept_source != NULL || self->socket == NULL)
    return;
  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, (GSourceFunc) (void (*) (void)) accept_cb, self,
                         NULL);
  g_source_set_name (self->accept_source, "[hbs] accept");
  g_source_attach (self->accept_source, g_main_context_get_thread_default ());
}

/* libsoup 3.2 keeps a connection alive after a response only while it has a listener of its
 * own (soup-server.c request_finished() checks priv->listeners). This one is a socket pair
 * nobody writes to, so it never accepts anything. */
static gboolean
keep_alive_listener (HbsListener *self, GError **error)
{
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    {
      self->keep_alive[i] = g_socket_new_from_fd (fds[i], error);
      if (self->keep_alive[i] == NULL)
        {
          close (fds[i]);
          if (i == 0)
            close (fds[1]);
          return FALSE;
        }
    }
  return soup_server_listen_socket (self->soup, self->keep_alive[0], 0, error);
}

static guint
default_max_connections (void)
{
  struct rlimit limit;

  /* Half the descriptors at most: state files, hook calls and TLS need some too. */
  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return DEFAULT_MAX_CONNECTIONS;
  return (guint) CLAMP (limit.rlim_cur / 2, MIN_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS);
}

static void
hbs_listener_dispose (GObject *object)
{
  HbsListener *self = HBS_LISTENER (object);
  Client *client;

  destroy_source (&self->accept_source);
  destroy_source (&self->retry_source);
  /* Connections still open (a stolen one being written, say) must not call back into us. */
  while ((client = g_queue_pop_head (&self->clients)) != NULL)
    {
      client->connection->closed = NULL;
      client_free (client);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_object (&self->keep_alive[0]);
  g_clear_object (&self->keep_alive[1]);
  if (self->soup != NULL)
    g_signal_handlers_disconnect_by_data (self->soup, self);
  g_clear_object (&self->soup);
  g_clear_object (&self->address);
  g_clear_object (&self->cert);
  G_OBJECT_CLASS (hbs_listener_parent_class)->dispose (object);
}

static void
hbs_listener_finalize (GObject *object)
{
  g_hash_table_unref (HBS_LISTENER (object)->by_remote);
  G_OBJECT_CLASS (hbs_listener_parent_class)->finalize (object);
}

static void
hbs_listener_class_init (HbsListenerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hbs_listener_dispose;
  G_OBJECT_CLASS (klass)->finalize = hbs_listener_finalize;
}

static void
hbs_listener_init (HbsListener *self)
{
  g_queue_init (&self->clients);
  self->by_remote = g_hash_table_new (NULL, NULL);
}

HbsListener *
hbs_listener_new (SoupServer *soup, const HbsLimits *limits)
{
  HbsListener *self = g_object_new (HBS_TYPE_LISTENER, NULL);

  self->soup = g_object_ref (soup);
  if (limits != NULL)
    self->limits = *limits;
  if (self->limits.max_connections == 0)
    self->limits.max_connections = default_max_connections ();
  if (self->limits.request_timeout_ms == 0)
    self->limits.request_timeout_ms = DEFAULT_REQUEST_TIMEOUT_MS;
  if (self->limits.idle_timeout_ms == 0)
    self->limits.idle_timeout_ms = DEFAULT_IDLE_TIMEOUT_MS;
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (soup, "request-read", G_CALLBACK (request_read_cb), self);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  return self;
}

/**
 * hbs_listener_listen:
 * Listens on @address and @port (0 picks one) on the thread-default main context and hands each
 * connection to the SoupServer, over TLS with @cert when it is given.
 */
gboolean
hbs_listener_listen (
    HbsListener *self, GInetAddress *address, guint port, GTlsCertificate *cert, GError **error)
{
  g_autoptr (GSocketAddress) wanted = g_inet_socket_address_new (address, port);
  g_autoptr (GSocket) socket = NULL;
  GSocketAddress *bound;

  g_return_val_if_fail (self->socket == NULL, FALSE);

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    g_socket_set_option (socket, IPPROTO_IPV6, IPV6_V6ONLY, TRUE, NULL);
  /* accept_cb() takes connections until there are none left. */
  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, wanted, TRUE, error) || !g_socket_listen (socket, error) ||
      !keep_alive_listener (self, error))
    return FALSE;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  self->address = G_INET_SOCKET_ADDRESS (bound);
  self->socket = g_steal_pointer (&socket);
  g_set_object (&self->cert, cert);
  start_accepting (self);
  return TRUE;
}

/* The address and port actually bound. */
GInetSocketAddress *
hbs_listener_get_address (HbsListener *self)
{
  return self->address;
}
