/* hb-client-send.c: HbClient's send path: one request from its address (hb-client-uri.c) to
 * its body (retries, size cap, the Location of a create, a body streamed to a sink); what the
 * body becomes is hb-client-body.c's
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-client-private.h"

#include <string.h>

#include "hb-api-error.h"

#define READ_CHUNK (64 * 1024)
/* A streamed body is read at redraw priority, turn by turn with the frames: each turn takes
 * what has arrived, up to this much (a read takes what is there, it does not wait to fill),
 * so a slow frame does not hold the download back chunk by chunk. */
#define STREAM_READ_CHUNK (512 * 1024)

/* One request, kept as the task data of the caller's GTask. */
typedef struct
{
  char *method;
  GUri *uri;
  GBytes *body;
  HbParseFunc parse;
  GType type;
  gboolean create;
  gboolean location_only; /* a create completes with its Location instead of following it */
  guint attempt;
  SoupMessage *msg;
  GInputStream *stream;
  GByteArray *buffer;
  goffset expected_length;      /* -1: unknown */
  HbBodySink sink;              /* chunk == NULL: the body is buffered and parsed */
  gboolean streaming;           /* a 2xx body is going to the sink */
  gsize received;               /* of this attempt's body */
  gsize fed;                    /* bytes the sink has, over all attempts */
  GChecksum *fed_sum;           /* of those bytes */
  GChecksum *check_sum;         /* of this attempt's first `fed` bytes */
  GCancellable *caller;         /* the task's cancellable (nullable) */
  GCancellable *attempt_cancel; /* this attempt's: the caller's cancellable, or the deadline */
  gulong attempt_link;          /* the caller's cancellable cancels the attempt */
  GSource *deadline;            /* until the answer starts; NULL once it did */
  gboolean timed_out;           /* the deadline cancelled the attempt */
  HbClient *client;             /* for the background slot, when the task goes */
  gboolean background;          /* waits for a background slot, see _hb_client_call_background () */
  gboolean queued;              /* in the client's background queue */
  gulong queued_link;           /* the caller's cancellable takes it out of that queue */
} HbRequest;

static void send_request (GTask *task);
static void background_done (HbClient *client);

static void
stop_deadline (HbRequest *req)
{
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
}

static void
end_attempt (HbRequest *req)
{
  stop_deadline (req);
  g_cancellable_disconnect (req->caller, req->attempt_link); /* nothing for 0 */
  req->attempt_link = 0;
  g_clear_object (&req->attempt_cancel);
}

/* The task data goes when the task does: its call is over, and a background slot frees. */
static void
hb_request_free (HbRequest *req)
{
  end_attempt (req);
  if (req->background && !req->queued)
    background_done (req->client);
  g_clear_object (&req->client);
  g_clear_object (&req->caller);
  g_free (req->method);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_pointer (&req->fed_sum, g_checksum_free);
  g_clear_pointer (&req->check_sum, g_checksum_free);
  g_free (req);
}

static gboolean
is_retryable (HbRequest *req, const GError *error, guint status)
{
  if (g_strcmp0 (req->method, "GET") != 0)
    return FALSE;
  if (error != NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  return status >= 500 && status < 600;
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    send_request (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* Exponential back-off with jitter, on the caller's main context. */
static void
schedule_retry (GTask *task)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  guint delay = self->retry_delay_ms << (req->attempt - 1);
  g_autoptr (GSource) source = NULL;

  delay += g_random_int_range (0, (gint32) self->retry_delay_ms / 4 + 1);
  source = g_timeout_source_new (delay);
  g_source_set_callback (source, on_retry_timeout, g_object_ref (task), g_object_unref);
  g_source_set_name (source, "[hb-api] retry");
  g_source_attach (source, g_task_get_context (task));
}

static void
complete_with_body (GTask *task)
{
  HbRequest *req = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  if (req->parse == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!_hb_client_check_json_type (req->msg, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  url = g_uri_to_string (req->uri);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
  _hb_client_parse_body (task, bytes, req->parse, req->type, url);
}

/* The Location of a create's 201, absolute; NULL (and @task failed) when there is none. */
static GUri *
created_location (GTask *task)
{
  HbRequest *req = g_task_get_task_data (task);
  const char *location =
      soup_message_headers_get_one (soup_message_get_response_headers (req->msg), "Location");
  GUri *absolute = NULL;

  if (location != NULL)
    absolute = g_uri_parse_relative (req->uri, location, G_URI_FLAGS_ENCODED, NULL);
  if (absolute == NULL)
    g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                             "Invalid response: created without a Location");
  return absolute;
}

/* A create answered 201: follow the Location with a GET, or, when only the Location is wanted
 * (a log session's URL), complete with it. Also when the 201's body was cut short. */
static void
complete_created (GTask *task)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  g_autoptr (GUri) absolute = created_location (task);
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (absolute == NULL)
    return;
  text = g_uri_to_string (absolute);
  if (req->location_only)
    {
      g_task_return_pointer (task, g_steal_pointer (&text), g_free);
      return;
    }
  g_clear_pointer (&req->uri, g_uri_unref);
  req->uri = _hb_client_resolve_uri (self, text, &error);
  if (req->uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_free (req->method);
  req->method = g_strdup ("GET");
  g_clear_pointer (&req->body, g_bytes_unref);
  req->create = FALSE;
  req->attempt = 0;
  send_request (g_object_ref (task));
}

static void
finish_response (GTask *task)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  guint status = soup_message_get_status (req->msg);
  g_autofree char *message = NULL;

  if (req->create && status == SOUP_STATUS_CREATED)
    {
      complete_created (task);
      return;
    }
  if (!req->create && status >= 200 && status < 300)
    {
      complete_with_body (task);
      return;
    }
  if (is_retryable (req, NULL, status) && req->attempt < self->max_attempts)
    {
      schedule_retry (task);
      return;
    }

  if (req->create && status >= 200 && status < 300)
    message = g_strdup_printf ("Invalid response: create answered %u instead of 201", status);
  else
    message = _hb_client_error_message (req->msg, req->buffer);
  if (status == SOUP_STATUS_UNAUTHORIZED)
    _hb_client_unauthorized (self);
  g_task_return_new_error (task, HB_API_ERROR,
                           req->create && status < 300 ? HB_API_ERROR_INVALID_RESPONSE
                                                       : _hb_client_status_to_code (status),
                           "%s", message);
}

/* A create answered 201 with its Location: it happened, whatever becomes of the (empty) body. */
static gboolean
created (HbRequest *req)
{
  return req->create && req->msg != NULL &&
         soup_message_get_status (req->msg) == SOUP_STATUS_CREATED;
}

static void
fail_transport (GTask *task, GError *error)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_error_free (error);
      return;
    }
  end_attempt (req);
  if (req->timed_out && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           "No answer from the service within %u s", self->timeout);
    }
  _hb_client_note_reachable (self, error);
  if (created (req))
    {
      g_error_free (error);
      complete_created (task);
      return;
    }
  if (is_retryable (req, error, 0) && req->attempt < self->max_attempts)
    {
      g_error_free (error);
      schedule_retry (task);
      return;
    }
  g_task_return_error (task, error);
}

static void on_read (GObject *source_object, GAsyncResult *result, gpointer user_data);
static void read_next (GTask *task);

static gboolean
same_sums (GChecksum *fed_sum, GChecksum *check_sum)
{
  g_autoptr (GChecksum) fed = g_checksum_copy (fed_sum);

  return g_strcmp0 (g_checksum_get_string (fed), g_checksum_get_string (check_sum)) == 0;
}

/* A sink cannot take back what it was given, so a retried GET checks that its body starts
 * with the bytes the sink already has, skips them and goes on: a body cut short is retried
 * for a sink as for a buffered call. Returns the bytes past those, or NULL. */
static GBytes *
skip_fed (HbRequest *req, GBytes *chunk, GError **error)
{
  gsize size = g_bytes_get_size (chunk);
  gsize replay = MIN (size, req->fed - req->received);

  g_checksum_update (req->check_sum, g_bytes_get_data (chunk, NULL), (gssize) replay);
  req->received += replay;
  if (req->received == req->fed && !same_sums (req->fed_sum, req->check_sum))
    {
      g_set_error_literal (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                           "Invalid response: the body changed when it was asked for again");
      return NULL;
    }
  return g_bytes_new_from_bytes (chunk, replay, size - replay);
}

/* Takes ownership of @task. A streamed body is capped like a buffered one. */
static void
stream_chunk (GTask *task, GBytes *chunk)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  g_autoptr (GBytes) rest = NULL;
  GError *error = NULL;

  if (req->received + g_bytes_get_size (chunk) > self->max_body)
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: body larger than %" G_GSIZE_FORMAT " bytes",
                               self->max_body);
      g_object_unref (task);
      return;
    }
  rest = req->received < req->fed ? skip_fed (req, chunk, &error) : g_bytes_ref (chunk);
  if (rest != NULL && g_bytes_get_size (rest) > 0)
    {
      g_checksum_update (req->fed_sum, g_bytes_get_data (rest, NULL),
                         (gssize) g_bytes_get_size (rest));
      req->received += g_bytes_get_size (rest);
      req->fed += g_bytes_get_size (rest);
      if (!req->sink.chunk (req->sink.data, rest, &error))
        g_clear_pointer (&rest, g_bytes_unref);
    }
  if (rest == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  read_next (task);
}

/* Takes ownership of @task. */
static void
stream_end (GTask *task)
{
  HbRequest *req = g_task_get_task_data (task);

  if (req->received < req->fed)
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: the body changed when it was asked for again");
      g_object_unref (task);
      return;
    }
  req->sink.end (req->sink.data, task);
}

/* Takes ownership of @task. */
static void
read_next (GTask *task)
{
  HbRequest *req = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (req->stream, req->streaming ? STREAM_READ_CHUNK : READ_CHUNK,
                                   req->streaming ? req->sink.priority : G_PRIORITY_DEFAULT,
                                   req->attempt_cancel, on_read, task);
}

static void
on_read (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GBytes) chunk =
      g_input_stream_read_bytes_finish (G_INPUT_STREAM (source_object), result, &error);

  if (chunk == NULL)
    {
      fail_transport (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      /* libsoup reports a body cut short as a clean end: check it here, so
       * a dropped connection is a transport error (and a GET is retried). */
      gsize got = req->streaming ? req->received : req->buffer->len;

      if (req->expected_length >= 0 && (goffset) got != req->expected_length)
        {
          fail_transport (task, g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                             "Connection closed after %" G_GSIZE_FORMAT
                                             " of %" G_GOFFSET_FORMAT " bytes",
                                             got, req->expected_length));
          return;
        }
      /* Read to its end: the connection goes back to the session now, not when whoever
       * holds the result lets go of it. */
      g_clear_object (&req->stream);
      if (req->streaming)
        stream_end (g_steal_pointer (&task));
      else
        finish_response (task);
      return;
    }
  if (req->streaming)
    {
      stream_chunk (g_steal_pointer (&task), chunk);
      return;
    }
  if (req->buffer->len + g_bytes_get_size (chunk) > self->max_body)
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: body larger than %" G_GSIZE_FORMAT " bytes",
                               self->max_body);
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next (g_steal_pointer (&task));
}

static void
on_sent (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  GError *error = NULL;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (source_object), result, &error);
  if (req->stream == NULL)
    {
      fail_transport (task, error);
      return;
    }
  /* The answer has started: from here libsoup's own timeout watches the body. */
  stop_deadline (req);
  _hb_client_note_reachable (self, NULL);

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (req->msg));
  if (length > 0 && (guint64) length > self->max_body)
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                               "Invalid response: body of %" G_GOFFSET_FORMAT " bytes is too large",
                               length);
      return;
    }
  /* Content-Length counts encoded bytes; only compare when nothing decodes them. */
  req->expected_length = -1;
  if (soup_message_headers_get_encoding (soup_message_get_response_headers (req->msg)) ==
          SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (soup_message_get_response_headers (req->msg),
                                    "Content-Encoding") == NULL)
    req->expected_length = length;
  req->buffer = g_byte_array_sized_new (length > 0 ? (guint) length : READ_CHUNK);
  /* Only a successful body goes to a sink: an error's body is read for its message. */
  if (req->sink.chunk != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (req->msg)))
    {
      if (!_hb_client_check_json_type (req->msg, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      req->streaming = TRUE;
      req->received = 0;
      if (req->fed_sum == NULL)
        req->fed_sum = g_checksum_new (G_CHECKSUM_MD5);
      g_clear_pointer (&req->check_sum, g_checksum_free);
      req->check_sum = g_checksum_new (G_CHECKSUM_MD5);
    }
  read_next (g_steal_pointer (&task));
}

static void
cancel_attempt (GCancellable *caller, GCancellable *attempt)
{
  g_cancellable_cancel (attempt);
}

static gboolean
on_deadline (gpointer user_data)
{
  HbRequest *req = user_data;

  g_clear_pointer (&req->deadline, g_source_unref);
  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancel);
  return G_SOURCE_REMOVE;
}

/* Each attempt gets a cancellable of its own, cancelled by the caller's or by the deadline:
 * the service must start answering within the client's timeout. libsoup's own timeout is
 * per read, and a connection that was reused may be tried again, so it alone could wait
 * twice as long. */
static void
start_attempt (GTask *task, HbRequest *req)
{
  HbClient *self = g_task_get_source_object (task);

  end_attempt (req);
  req->timed_out = FALSE;
  req->attempt_cancel = g_cancellable_new ();
  if (req->caller != NULL)
    req->attempt_link = g_cancellable_connect (req->caller, G_CALLBACK (cancel_attempt),
                                               g_object_ref (req->attempt_cancel), g_object_unref);
  if (self->timeout == 0)
    return;
  req->deadline = g_timeout_source_new (self->timeout * 1000);
  g_source_set_callback (req->deadline, on_deadline, req, NULL);
  g_source_set_name (req->deadline, "[hb-api] answer deadline");
  g_source_attach (req->deadline, g_task_get_context (task));
}

/* Takes ownership of @task. A new SoupMessage per attempt: libsoup cannot
 * requeue one that is still being unqueued. */
static void
send_request (GTask *task)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  g_autofree char *auth = NULL;

  if (self->token == NULL)
    {
      g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_NOT_SIGNED_IN, "Not signed in");
      g_object_unref (task);
      return;
    }
  /* A background request let through while the client is being disposed. */
  if (self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The client is closed");
      g_object_unref (task);
      return;
    }

  req->attempt++;
  start_attempt (task, req);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  req->streaming = FALSE;
  req->received = 0;
  req->msg = soup_message_new_from_uri (req->method, req->uri);
  /* A REST API should not redirect; following one could leak the token. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  if (g_strcmp0 (req->method, "POST") != 0)
    soup_message_add_flags (req->msg, SOUP_MESSAGE_IDEMPOTENT);

  headers = soup_message_get_request_headers (req->msg);
  auth = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "Authorization", auth);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);
  else if (g_strcmp0 (req->method, "GET") != 0)
    soup_message_headers_set_content_length (headers, 0);

  if (req->background)
    soup_message_set_priority (req->msg, SOUP_MESSAGE_PRIORITY_VERY_LOW);
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT, req->attempt_cancel,
                           on_sent, task);
}

/* ---- the background lane ---- */

/* Requests nobody waits for (each row's status) take at most this many of the session's
 * connections to the server, and go last in its queue: a person's request always finds one
 * free and never waits a round trip behind them. */
#define MAX_BACKGROUND 2

static void
unqueue (GCancellable *cancellable, GTask *task)
{
  HbClient *self = g_task_get_source_object (task);
  HbRequest *req = g_task_get_task_data (task);

  if (!req->queued)
    return;
  req->queued = FALSE;
  req->queued_link = 0;
  req->background = FALSE; /* it held no slot */
  g_queue_remove (&self->background_queue, task);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

static void
background_done (HbClient *self)
{
  GTask *next;

  self->n_background--;
  while ((next = g_queue_pop_head (&self->background_queue)) != NULL)
    {
      HbRequest *req = g_task_get_task_data (next);

      req->queued = FALSE;
      /* Not from inside the cancellable's own emission: this runs when a task goes. */
      g_cancellable_disconnect (req->caller, req->queued_link);
      req->queued_link = 0;
      self->n_background++;
      send_request (next);
      return;
    }
}

/* Takes ownership of @task. */
static void
send_or_queue (HbClient *self, GTask *task, HbRequest *req)
{
  if (!req->background || self->n_background < MAX_BACKGROUND)
    {
      if (req->background)
        self->n_background++;
      send_request (task);
      return;
    }
  req->queued = TRUE;
  g_queue_push_tail (&self->background_queue, task);
  /* The handler holds the task: it cannot take itself off inside the emission. */
  if (req->caller != NULL)
    req->queued_link = g_cancellable_connect (req->caller, G_CALLBACK (unqueue),
                                              g_object_ref (task), g_object_unref);
}

static void
start (HbClient *self,
       GTask *task,
       const char *method,
       const char *path,
       JsonNode *body,
       HbParseFunc parse,
       GType type,
       gboolean create,
       gboolean location_only,
       const HbBodySink *sink,
       gboolean background)
{
  HbRequest *req = g_new0 (HbRequest, 1);
  GError *error = NULL;

  g_task_set_task_data (task, req, (GDestroyNotify) hb_request_free);
  req->client = g_object_ref (self);
  req->caller =
      g_task_get_cancellable (task) != NULL ? g_object_ref (g_task_get_cancellable (task)) : NULL;
  if (sink != NULL)
    req->sink = *sink;
  req->method = g_strdup (method);
  req->parse = parse;
  req->type = type;
  req->create = create;
  req->location_only = location_only;
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);

      req->body = g_bytes_new_take (g_steal_pointer (&text), len);
    }
  req->uri = _hb_client_resolve_uri (self, path, &error);
  if (req->uri == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  req->background = background;
  send_or_queue (self, task, req);
}

void
_hb_client_call (HbClient *self,
                 GTask *task,
                 const char *method,
                 const char *path,
                 JsonNode *body,
                 HbParseFunc parse,
                 GType type)
{
  start (self, task, method, path, body, parse, type, FALSE, FALSE, NULL, FALSE);
}

void
_hb_client_call_background (
    HbClient *self, GTask *task, const char *path, HbParseFunc parse, GType type)
{
  start (self, task, "GET", path, NULL, parse, type, FALSE, FALSE, NULL, TRUE);
}

void
_hb_client_create (
    HbClient *self, GTask *task, const char *path, JsonNode *body, HbParseFunc parse, GType type)
{
  start (self, task, "POST", path, body, parse, type, TRUE, FALSE, NULL, FALSE);
}

void
_hb_client_create_for_location (HbClient *self, GTask *task, const char *path, JsonNode *body)
{
  start (self, task, "POST", path, body, NULL, G_TYPE_INVALID, TRUE, TRUE, NULL, FALSE);
}

void
_hb_client_stream (HbClient *self, GTask *task, const char *path, const HbBodySink *sink)
{
  g_return_if_fail (sink != NULL && sink->chunk != NULL && sink->end != NULL);
  start (self, task, "GET", path, NULL, NULL, G_TYPE_INVALID, FALSE, FALSE, sink, FALSE);
}
