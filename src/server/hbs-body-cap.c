/* hbs-body-cap.c: request bodies capped before they are read
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-body-cap.h"

#include <string.h>

#include "hbs-json.h"

/* A streamed (chunked) request body, which we collect ourselves up to the cap. */
typedef struct
{
  GByteArray *bytes;
  gboolean too_large; /* a chunk would have passed the cap: the request gets 413 */
} Streamed;

/* The body belongs to one message and lives exactly as long as it, and libsoup hands a
 * handler nothing but the message: so it hangs on the message, as object data under this one
 * key (set once in hbs_body_cap_start(), read once in hbs_body_cap_get(): the only two uses
 * of object data in src/). */
#define STREAMED "hbs-streamed-body"

static void
streamed_free (Streamed *streamed)
{
  g_byte_array_unref (streamed->bytes);
  g_free (streamed);
}

static void
got_chunk_cb (SoupServerMessage *msg, GBytes *chunk, gpointer user_data)
{
  Streamed *streamed = user_data;

  if (streamed->too_large || streamed->bytes->len + g_bytes_get_size (chunk) > HBS_MAX_BODY)
    {
      streamed->too_large = TRUE;
      return;
    }
  g_byte_array_append (streamed->bytes, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
}

static void
refuse (SoupServerMessage *msg)
{
  static const char body[] = "{\"error\":{\"message\":\"The body is too large\"}}";

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection",
                                "close");
  soup_server_message_set_status (msg, 413, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC,
                                    body, strlen (body));
}

void
hbs_body_cap_start (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  Streamed *streamed;

  if (encoding == SOUP_ENCODING_NONE)
    return;
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    {
      if (soup_message_headers_get_content_length (headers) > HBS_MAX_BODY)
        refuse (msg);
      return;
    }
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  streamed = g_new0 (Streamed, 1);
  streamed->bytes = g_byte_array_new ();
  g_object_set_data_full (G_OBJECT (msg), STREAMED, streamed, (GDestroyNotify) streamed_free);
  /* Handlers go at the message's dispose, its data at finalize: no chunk finds it freed. */
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), streamed);
}

GBytes *
hbs_body_cap_get (SoupServerMessage *msg, gboolean *too_large)
{
  Streamed *streamed = g_object_get_data (G_OBJECT (msg), STREAMED);

  *too_large = streamed != NULL && streamed->too_large;
  if (streamed != NULL)
    return g_bytes_new (streamed->bytes->data, streamed->bytes->len);
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}
