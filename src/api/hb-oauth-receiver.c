/* hb-oauth-receiver.c: the loopback HTTP listener that receives the redirect from a web browser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-oauth-receiver-private.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

/* A browser opens a connection or two for the redirect; anything on this machine can open
 * more. Past the cap, a new connection is closed as soon as it is accepted. */
#define MAX_CONNECTIONS 16
/* A browser sends its request at once; one that takes longer is not a browser. libsoup keeps
 * no connection alive without its own listener, so this also bounds any idle time. */
#define CONNECTION_TIMEOUT_MS (10 * 1000)
/* After an accept() failure (out of file descriptors, most likely), before trying again. */
#define ACCEPT_RETRY_MS 200

struct _HbOAuthReceiver
{
  GObject parent_instance;

  SoupServer *server;
  GSocket *listener;
  GSource *accept_source; /* watches the listener; NULL while backing off */
  GSource *retry_source;
  GList *connections; /* Connection, the ones handed to the server */
  guint max_connections;
  guint timeout_ms;
  guint port;
  GTask *task; /* the pending wait, if any */
  HbOAuth *attempt;
  GSource *timeout_source;
  GSource *cancel_source;
};

G_DEFINE_FINAL_TYPE (HbOAuthReceiver, hb_oauth_receiver, G_TYPE_OBJECT)

/* One accepted connection, until libsoup lets go of it. */
typedef struct
{
  HbOAuthReceiver *receiver;
  GSocketConnection *stream; /* weak: owned by the server */
  GSocket *socket;
  GSource *deadline;
} Connection;

static void
connection_free (Connection *connection)
{
  g_source_destroy (connection->deadline);
  g_source_unref (connection->deadline);
  g_object_unref (connection->socket);
  g_free (connection);
}

/* The server has dropped the connection. */
static void
connection_gone (gpointer data, GObject *where_the_object_was)
{
  Connection *connection = data;
  HbOAuthReceiver *self = connection->receiver;

  self->connections = g_list_remove (self->connections, connection);
  connection_free (connection);
}

static void
connection_forget (Connection *connection)
{
  g_object_weak_unref (G_OBJECT (connection->stream), connection_gone, connection);
  connection_free (connection);
}

/* Ends the request where it is: the server reads the end of the stream and lets go. */
static gboolean
connection_expired (gpointer data)
{
  Connection *connection = data;

  if (!g_socket_is_closed (connection->socket))
    g_socket_shutdown (connection->socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

static guint
count_connections (HbOAuthReceiver *self)
{
  guint n = 0;

  /* A closed socket is a connection the server is done with but has not dropped yet. */
  for (GList *l = self->connections; l != NULL; l = l->next)
    n += !g_socket_is_closed (((Connection *) l->data)->socket);
  return n;
}

static void
hand_over (HbOAuthReceiver *self, GSocket *socket)
{
  g_autoptr (GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr (GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr (GSocketConnection) stream = NULL;
  Connection *connection;

  /* Gone already (reset before it was accepted), or one too many. */
  if (local == NULL || remote == NULL || count_connections (self) >= self->max_connections)
    {
      g_socket_close (socket, NULL);
      return;
    }

  stream = g_socket_connection_factory_create_connection (socket);
  connection = g_new0 (Connection, 1);
  connection->receiver = self;
  connection->stream = stream;
  connection->socket = g_object_ref (socket);
  connection->deadline = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (connection->deadline, connection_expired, connection, NULL);
  g_source_attach (connection->deadline, g_main_context_get_thread_default ());
  g_object_weak_ref (G_OBJECT (stream), connection_gone, connection);
  self->connections = g_list_prepend (self->connections, connection);
  soup_server_accept_iostream (self->server, G_IO_STREAM (stream), local, remote, NULL);
}

static gboolean on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data);

static void
watch_listener (HbOAuthReceiver *self)
{
  self->accept_source = g_socket_create_source (self->listener, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_incoming), self, NULL);
  g_source_attach (self->accept_source, g_main_context_get_thread_default ());
}

static gboolean
on_retry (gpointer user_data)
{
  HbOAuthReceiver *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  watch_listener (self);
  return G_SOURCE_REMOVE;
}

/* libsoup's own listener stops for good at the first failed accept() (EMFILE): this one
 * stops watching for a moment, since the pending connection keeps the listener readable,
 * and then accepts again. A few at a time, so that a flood of connections cannot keep the
 * main loop here. */
static gboolean
on_incoming (GSocket *listener, GIOCondition condition, gpointer user_data)
{
  HbOAuthReceiver *self = user_data;

  for (guint i = 0; i < MAX_CONNECTIONS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSocket) socket = g_socket_accept (listener, NULL, &error);

      if (socket != NULL)
        {
          hand_over (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      g_debug ("The sign-in listener could not accept a connection: %s", error->message);
      g_clear_pointer (&self->accept_source, g_source_unref);
      self->retry_source = g_timeout_source_new (ACCEPT_RETRY_MS);
      g_source_set_callback (self->retry_source, on_retry, self, NULL);
      g_source_attach (self->retry_source, g_main_context_get_thread_default ());
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A self-contained page: no scripts, no external resources, nothing to leak the code through
 * a Referer. */
static void
respond_page (SoupServerMessage *msg, guint status, const char *heading, const char *text)
{
  g_autofree char *heading_escaped = g_markup_escape_text (heading, -1);
  g_autofree char *text_escaped = g_markup_escape_text (text, -1);
  g_autofree char *body = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  body = g_strdup_printf ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"referrer\" content=\"no-referrer\">"
                          "<title>Harbor</title>"
                          "<style>body{font-family:sans-serif;max-width:32em;margin:4em auto;"
                          "text-align:center;color:#333}</style></head>"
                          "<body><h1>%s</h1><p>%s</p></body></html>\n",
                          heading_escaped, text_escaped);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

static void
finish_wait (HbOAuthReceiver *self, char *code, GError *error)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->task);

  g_clear_object (&self->attempt);
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (task == NULL)
    {
      g_free (code);
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, g_free);
}

static void
handle_callback (SoupServer *server,
                 SoupServerMessage *msg,
                 const char *path,
                 GHashTable *query,
                 gpointer user_data)
{
  HbOAuthReceiver *self = user_data;
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;
  char *code;

  if (self->task == NULL || g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      respond_page (msg, SOUP_STATUS_GONE, _ ("This Sign-In Link Has Expired"),
                    _ ("Start signing in again from Harbor."));
      return;
    }

  uri = g_uri_to_string (soup_server_message_get_uri (msg));
  code = hb_oauth_parse_redirect (self->attempt, uri, &error);

  /* Someone else's request must not end the person's attempt. libsoup also routes
   * "/oauth/callbackx" and "/oauth/callback/…" here: those are simply not found. */
  if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_NOT_REDIRECT))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_STATE_MISMATCH))
    {
      respond_page (msg, SOUP_STATUS_BAD_REQUEST, _ ("This Sign-In Link Is Not Valid"),
                    _ ("It does not belong to the sign-in Harbor is waiting for."));
      return;
    }

  if (code != NULL)
    respond_page (msg, SOUP_STATUS_OK, _ ("You Are Signed In"),
                  _ ("You can close this tab and return to Harbor."));
  else if (g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_ACCESS_DENIED))
    respond_page (msg, SOUP_STATUS_OK, _ ("Sign-In Cancelled"),
                  _ ("You can close this tab and return to Harbor."));
  else
    respond_page (msg, SOUP_STATUS_OK, _ ("Sign-In Failed"), _ ("Return to Harbor to try again."));
  finish_wait (self, code, g_steal_pointer (&error));
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
hb_oauth_receiver_dispose (GObject *object)
{
  HbOAuthReceiver *self = HB_OAUTH_RECEIVER (object);

  if (self->task != NULL)
    finish_wait (self, NULL,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Receiver closed"));
  clear_source (&self->accept_source);
  clear_source (&self->retry_source);
  if (self->listener != NULL)
    g_socket_close (self->listener, NULL);
  g_clear_object (&self->listener);
  g_list_free_full (g_steal_pointer (&self->connections), (GDestroyNotify) connection_forget);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (hb_oauth_receiver_parent_class)->dispose (object);
}

static void
hb_oauth_receiver_class_init (HbOAuthReceiverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hb_oauth_receiver_dispose;
}

static void
hb_oauth_receiver_init (HbOAuthReceiver *self)
{
  self->max_connections = MAX_CONNECTIONS;
  self->timeout_ms = CONNECTION_TIMEOUT_MS;
  /* No server header: nothing to tell a port scanner. */
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, HB_OAUTH_REDIRECT_PATH, handle_callback, self, NULL);
}

HbOAuthReceiver *
hb_oauth_receiver_new (void)
{
  return g_object_new (HB_TYPE_OAUTH_RECEIVER, NULL);
}

/* The listening socket is ours, not libsoup's: libsoup then only serves the connections
 * handed to it, which lets the receiver cap them, time them out and survive EMFILE. */
gboolean
hb_oauth_receiver_listen (HbOAuthReceiver *self, GError **error)
{
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GSocket) listener = NULL;

  g_return_val_if_fail (HB_IS_OAUTH_RECEIVER (self), FALSE);
  g_return_val_if_fail (self->port == 0, FALSE);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  listener =
      g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_blocking (listener, FALSE);
  g_socket_set_listen_backlog (listener, MAX_CONNECTIONS);
  if (!g_socket_bind (listener, address, FALSE, error) || !g_socket_listen (listener, error))
    return FALSE;
  bound = g_socket_get_local_address (listener, error);
  if (bound == NULL)
    return FALSE;

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->listener = g_steal_pointer (&listener);
  watch_listener (self);
  return TRUE;
}

guint
hb_oauth_receiver_get_port (HbOAuthReceiver *self)
{
  g_return_val_if_fail (HB_IS_OAUTH_RECEIVER (self), 0);
  return self->port;
}

static gboolean
on_timeout (gpointer user_data)
{
  HbOAuthReceiver *self = user_data;

  finish_wait (self, NULL,
               g_error_new_literal (HB_OAUTH_ERROR, HB_OAUTH_ERROR_TIMED_OUT,
                                    "The web browser did not return in time"));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  HbOAuthReceiver *self = user_data;

  finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
  return G_SOURCE_REMOVE;
}

void
hb_oauth_receiver_wait_async (HbOAuthReceiver *self,
                              HbOAuth *attempt,
                              guint timeout_seconds,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_return_if_fail (HB_IS_OAUTH_RECEIVER (self));
  g_return_if_fail (HB_IS_OAUTH (attempt));
  g_return_if_fail (self->port > 0);

  /* A new wait replaces the pending one (for example when the person switches to the web
   * browser and the wait gains a timeout). */
  if (self->task != NULL)
    finish_wait (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Replaced"));

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, hb_oauth_receiver_wait_async);
  self->attempt = g_object_ref (attempt);

  /* Sources rather than signal handlers: they fire from the main loop, never inside
   * g_cancellable_cancel(), so finishing cannot re-enter the caller. */
  if (timeout_seconds > 0)
    {
      self->timeout_source = g_timeout_source_new_seconds (timeout_seconds);
      g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
      g_source_attach (self->timeout_source, g_main_context_get_thread_default ());
    }
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_main_context_get_thread_default ());
    }
}

char *
hb_oauth_receiver_wait_finish (HbOAuthReceiver *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_hb_oauth_receiver_set_limits (HbOAuthReceiver *self, guint max_connections, guint timeout_ms)
{
  g_return_if_fail (HB_IS_OAUTH_RECEIVER (self));

  self->max_connections = max_connections;
  self->timeout_ms = timeout_ms;
}

guint
_hb_oauth_receiver_get_n_connections (HbOAuthReceiver *self)
{
  g_return_val_if_fail (HB_IS_OAUTH_RECEIVER (self), 0);

  return count_connections (self);
}
