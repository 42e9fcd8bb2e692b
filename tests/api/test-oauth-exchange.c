/* test-oauth-exchange.c: the code-for-token POST against hostile servers: redirects, huge replies
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>

#include "hb-oauth.h"
#include "hbt-utils.h"

#define HUGE_BODY (100 * 1024 * 1024)
#define CHUNK_SIZE (64 * 1024)
/* Far below the 100 MB a reader that takes everything would hold, far above what a bounded
 * reader and the socket buffers between the two ends account for. */
#define BOUND (32 * 1024 * 1024)
/* Far below the exchange's own 30 s timeout, far above a prompt answer on a busy machine. */
#define SILENT_WAIT_S 10

typedef enum
{
  REPLY_TOKEN,         /* 200 access_token=… */
  REPLY_REDIRECT,      /* 302 to another origin */
  REPLY_HUGE_CHUNKED,  /* 200, HUGE_BODY streamed without a length */
  REPLY_HUGE_LENGTH,   /* 200, Content-Length: HUGE_BODY, streamed */
  REPLY_LARGE_CHUNKED, /* 200, a valid token padded past the cap */
  REPLY_HUGE_SILENT,   /* 200, Content-Length: HUGE_BODY, then nothing */
} Reply;

typedef struct
{
  SoupServer *server;
  char *base_url;
  Reply reply;
  char *location;
  guint requests;
  gsize written; /* body bytes handed to libsoup */
  gboolean finished;
} Origin;

static GBytes *
filler_chunk (void)
{
  static GBytes *chunk;

  if (chunk == NULL)
    {
      char *data = g_malloc (CHUNK_SIZE);

      memset (data, 'a', CHUNK_SIZE);
      chunk = g_bytes_new_take (data, CHUNK_SIZE);
    }
  return chunk;
}

/* Hands libsoup one more chunk each time the last one has been written, as a server streaming
 * from elsewhere would: the reply never sits in memory whole. */
static void
write_next_chunk (SoupServerMessage *msg, Origin *origin)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (origin->written >= HUGE_BODY)
    {
      soup_message_body_complete (body);
      return;
    }
  soup_message_body_append_bytes (body, filler_chunk ());
  origin->written += CHUNK_SIZE;
}

static void
on_finished (SoupServerMessage *msg, Origin *origin)
{
  origin->finished = TRUE;
}

static void
handle_tokens (SoupServer *server,
               SoupServerMessage *msg,
               const char *path,
               GHashTable *query,
               gpointer user_data)
{
  Origin *origin = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  const char *token = "access_token=stolen-by-the-other-origin&token_type=bearer";
  g_autofree char *padded = NULL;

  origin->requests++;
  g_signal_connect (msg, "finished", G_CALLBACK (on_finished), origin);
  switch (origin->reply)
    {
    case REPLY_TOKEN:
      soup_server_message_set_response (msg, "application/x-www-form-urlencoded", SOUP_MEMORY_COPY,
                                        token, strlen (token));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    case REPLY_REDIRECT:
      soup_message_headers_replace (headers, "Location", origin->location);
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
      return;
    case REPLY_LARGE_CHUNKED:
      /* Valid form text, only too long: the cap, not the parser, must refuse it. */
      padded = g_strdup_printf ("access_token=fine&padding=%0*d", 20000, 0);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append (body, SOUP_MEMORY_COPY, padded, strlen (padded));
      soup_message_body_complete (body);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    case REPLY_HUGE_CHUNKED:
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      break;
    case REPLY_HUGE_LENGTH:
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
      soup_message_headers_set_content_length (headers, HUGE_BODY);
      break;
    case REPLY_HUGE_SILENT:
      /* The headers go out; the body never comes. */
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CONTENT_LENGTH);
      soup_message_headers_set_content_length (headers, HUGE_BODY);
      soup_message_headers_set_content_type (headers, "application/x-www-form-urlencoded", NULL);
      soup_message_body_set_accumulate (body, FALSE);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      return;
    default:
      g_assert_not_reached ();
    }
  soup_message_headers_set_content_type (headers, "application/x-www-form-urlencoded", NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (write_next_chunk), origin);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (write_next_chunk), origin);
}

static Origin *
origin_new (Reply reply)
{
  Origin *origin = g_new0 (Origin, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  hbt_tolerate_client_hangups ();
  origin->reply = reply;
  origin->server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (origin->server, "/tokens", handle_tokens, origin, NULL);
  g_assert_true (
      soup_server_listen_local (origin->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (origin->server);
  origin->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return origin;
}

static void
origin_free (Origin *origin)
{
  soup_server_disconnect (origin->server);
  g_object_unref (origin->server);
  g_free (origin->base_url);
  g_free (origin->location);
  g_free (origin);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Origin, origin_free)

static char *
exchange (Origin *origin, GError **error)
{
  g_autoptr (HbOAuth) oauth =
      hb_oauth_new (origin->base_url, "harbor-desktop", "harbor-desktop-secret", 43210);
  g_autoptr (GAsyncResult) result = NULL;

  hb_oauth_exchange_async (oauth, "the-code", NULL, hbt_async_ready, &result);
  hbt_await (&result);
  return hb_oauth_exchange_finish (oauth, result, error);
}

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
test_plain_reply (void)
{
  g_autoptr (Origin) origin = origin_new (REPLY_TOKEN);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = exchange (origin, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "stolen-by-the-other-origin");
}

/* A 302 must not carry the code (or, after the POST turns into a GET, fetch a token) anywhere
 * else: the redirect itself is the answer, and it is not a token. */
static void
test_redirect_not_followed (void)
{
  g_autoptr (Origin) origin = origin_new (REPLY_REDIRECT);
  g_autoptr (Origin) other = origin_new (REPLY_TOKEN);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;

  origin->location = g_strconcat (other->base_url, "/tokens", NULL);
  token = exchange (origin, &error);
  g_assert_null (token);
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_SERVER);
  g_assert_cmpuint (origin->requests, ==, 1);
  g_assert_cmpuint (other->requests, ==, 0);
}

/* The reply is read up to the cap: a server streaming without end is cut off early, and
 * neither the data read nor the process grows with what the server sends. */
static void
assert_huge_refused (Reply reply)
{
  g_autoptr (Origin) origin = origin_new (reply);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  glong rss_before = peak_rss_kib ();
  glong grown;

  token = exchange (origin, &error);
  g_assert_null (token);
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY);
  g_assert_nonnull (strstr (error->message, "too large"));

  /* The client hung up: the server's next write fails and it gives up. */
  hbt_iterate_until (&origin->finished, 10000);
  grown = (peak_rss_kib () - rss_before) * 1024;
  g_test_message ("server handed over %zu bytes; peak RSS grew by %ld bytes", origin->written,
                  grown);
  g_assert_true (origin->finished);
  g_assert_cmpuint (origin->written, <, BOUND);
  g_assert_cmpint (grown, <, BOUND);
}

static void
test_huge_chunked (void)
{
  assert_huge_refused (REPLY_HUGE_CHUNKED);
}

/* A Content-Length above the cap is refused before the body is read at all. */
static void
test_huge_length (void)
{
  assert_huge_refused (REPLY_HUGE_LENGTH);
}

/* The declared length alone decides: a server that announces too much and then sends nothing
 * gets its answer at once, where a client that began reading would wait for the body until its
 * 30 s timeout. */
static void
test_huge_length_unread (void)
{
  g_autoptr (Origin) origin = origin_new (REPLY_HUGE_SILENT);
  g_autoptr (HbOAuth) oauth =
      hb_oauth_new (origin->base_url, "harbor-desktop", "harbor-desktop-secret", 43210);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  gint64 start = g_get_monotonic_time ();

  hb_oauth_exchange_async (oauth, "the-code", NULL, hbt_async_ready, &result);
  while (result == NULL && g_get_monotonic_time () - start < SILENT_WAIT_S * G_TIME_SPAN_SECOND)
    hbt_iterate_for (20);
  g_test_message ("answered after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_nonnull (result);
  token = hb_oauth_exchange_finish (oauth, result, &error);
  g_assert_null (token);
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY);
  g_assert_nonnull (strstr (error->message, "too large"));
}

static void
test_just_over_the_cap (void)
{
  g_autoptr (Origin) origin = origin_new (REPLY_LARGE_CHUNKED);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = exchange (origin, &error);

  g_assert_null (token);
  g_assert_error (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_INVALID_REPLY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The huge replies first: peak RSS is a high-water mark. */
  g_test_add_func ("/oauth-exchange/huge-chunked", test_huge_chunked);
  g_test_add_func ("/oauth-exchange/huge-content-length", test_huge_length);
  g_test_add_func ("/oauth-exchange/huge-content-length-unread", test_huge_length_unread);
  g_test_add_func ("/oauth-exchange/just-over-the-cap", test_just_over_the_cap);
  g_test_add_func ("/oauth-exchange/plain-reply", test_plain_reply);
  g_test_add_func ("/oauth-exchange/redirect-not-followed", test_redirect_not_followed);

  return g_test_run ();
}
