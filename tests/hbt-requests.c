/* hbt-requests.c: shared test helper: every request an HbClient sends, as "METHOD /path?query"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-requests.h"

#include <string.h>

#include "hb-client-private.h"

/* harbor-server keeps no request log, and the counts must not depend on one: the client's own
 * session says what it queues. */
struct _HbtRequests
{
  SoupSession *session;
  gulong handler;
  GPtrArray *requests;
};

static void
on_request_queued (SoupSession *session, SoupMessage *msg, HbtRequests *self)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);

  g_ptr_array_add (self->requests, g_strdup_printf ("%s %s%s%s", soup_message_get_method (msg),
                                                    g_uri_get_path (uri), query != NULL ? "?" : "",
                                                    query != NULL ? query : ""));
}

HbtRequests *
hbt_requests_new (HbClient *client)
{
  HbtRequests *self = g_new0 (HbtRequests, 1);

  self->session = g_object_ref (_hb_client_get_session (client));
  self->requests = g_ptr_array_new_with_free_func (g_free);
  self->handler =
      g_signal_connect (self->session, "request-queued", G_CALLBACK (on_request_queued), self);
  return self;
}

void
hbt_requests_free (HbtRequests *self)
{
  g_clear_signal_handler (&self->handler, self->session);
  g_object_unref (self->session);
  g_ptr_array_unref (self->requests);
  g_free (self);
}

void
hbt_requests_clear (HbtRequests *self)
{
  g_ptr_array_set_size (self->requests, 0);
}

guint
hbt_requests_count (HbtRequests *self)
{
  return self->requests->len;
}

guint
hbt_requests_count_of (HbtRequests *self, const char *request)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    n += g_str_equal (self->requests->pdata[i], request);
  return n;
}

guint
hbt_requests_count_prefix (HbtRequests *self, const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < self->requests->len; i++)
    n += g_str_has_prefix (self->requests->pdata[i], prefix);
  return n;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

char *
hbt_requests_dump (HbtRequests *self)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  /* Borrowed strings: a copy would take the array's free function too. */
  for (guint i = 0; i < self->requests->len; i++)
    g_ptr_array_add (sorted, self->requests->pdata[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv ("\n", (char **) sorted->pdata);
}
