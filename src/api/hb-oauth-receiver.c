/* hb-oauth-receiver.c: the loopback HTTP listener that receives the redirect from a web browser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-oauth-receiver.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

struct _HbOAuthReceiver
{
  GObject parent_instance;

  SoupServer *server;
  guint port;
  GTask *task; /* the pending wait, if any */
  HbOAuth *attempt;
  GSource *timeout_source;
  GSource *cancel_source;
};

G_DEFINE_FINAL_TYPE (HbOAuthReceiver, hb_oauth_receiver, G_TYPE_OBJECT)

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
hb_oauth_receiver_dispose (GObject *object)
{
  HbOAuthReceiver *self = HB_OAUTH_RECEIVER (object);

  if (self->task != NULL)
    finish_wait (self, NULL,
                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Receiver closed"));
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
  /* No server header: nothing to tell a port scanner. */
  self->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (self->server, HB_OAUTH_REDIRECT_PATH, handle_callback, self, NULL);
}

HbOAuthReceiver *
hb_oauth_receiver_new (void)
{
  return g_object_new (HB_TYPE_OAUTH_RECEIVER, NULL);
}

gboolean
hb_oauth_receiver_listen (HbOAuthReceiver *self, GError **error)
{
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (HB_IS_OAUTH_RECEIVER (self), FALSE);
  g_return_val_if_fail (self->port == 0, FALSE);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  if (!soup_server_listen (self->server, address, 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self->port > 0;
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
