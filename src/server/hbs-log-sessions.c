/* hbs-log-sessions.c: log sessions (L1) and the session URL that streams them (L2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-log-sessions.h"

#include "hbs-expiring.h"
#include "hbs-listener.h"
#include "hbs-random.h"

#include <string.h>

/* AppHarbor: open the session URL within a minute. */
#define SESSION_LIFETIME_US (60 * G_USEC_PER_SEC)
/* Opened and not yet streamed, at once; the oldest goes first. */
#define MAX_SESSIONS 1000
#define SWEEP_MS (10 * 1000)
/* Streaming at once: one more ends the oldest. Each holds a connection until its reader goes. */
#define MAX_STREAMS 64
/* A reader that stops reading is cut off once this much of the live log waits unsent for it
 * (the tail sent first does not count: it is bounded by the ring). */
#define MAX_BACKLOG (256 * 1024)
/* Lines a session may ask for: a log ring's length. */
#define MAX_LOG_LIMIT 1500

struct _HbsLogSessions
{
  GObject parent_instance;

  HbsAppLogs *logs;
  gulong line_id;
  gulong forget_id;
  HbsExpiring *sessions; /* id → Session */
  GQueue streams;        /* Stream, oldest first */
};

G_DEFINE_FINAL_TYPE (HbsLogSessions, hbs_log_sessions, G_TYPE_OBJECT)

typedef struct
{
  char *slug;
  gboolean tail;
  guint limit;
  char *source;
  char *process;
} Session;

typedef struct
{
  HbsLogSessions *self;
  GList link; /* in self->streams */
  Session *session;
  SoupServerMessage *msg;
  GSocket *socket; /* the connection's (nullable): shut down to let a reader go */
  gulong finished_id;
  gulong wrote_id;
  GSource *hangup;   /* notices the reader leaving while nothing is written */
  gsize tail_unsent; /* bytes of the tail not yet written */
  gsize live_unsent; /* bytes of later lines not yet written */
} Stream;

static void
session_free (Session *session)
{
  g_free (session->slug);
  g_free (session->source);
  g_free (session->process);
  g_free (session);
}

/* Forgets @stream (which stays registered with nobody); its response is left as it is. */
static void
stream_free (Stream *stream)
{
  HbsLogSessions *self = stream->self;

  g_queue_unlink (&self->streams, &stream->link);
  hbs_app_logs_unwatch (self->logs, stream->session->slug);
  if (stream->hangup != NULL)
    {
      g_source_destroy (stream->hangup);
      g_source_unref (stream->hangup);
    }
  g_signal_handler_disconnect (stream->msg, stream->finished_id);
  g_signal_handler_disconnect (stream->msg, stream->wrote_id);
  g_object_unref (stream->msg);
  g_clear_object (&stream->socket);
  session_free (stream->session);
  g_free (stream);
}

/* Ends @stream's response as a finished one: the reader sees the end of the log. */
static void
stream_end (Stream *stream)
{
  g_autoptr (SoupServerMessage) msg = g_object_ref (stream->msg);

  soup_message_body_complete (soup_server_message_get_response_body (msg));
  /* Forget the stream before unpausing: finishing may run "finished" handlers at once. */
  stream_free (stream);
  soup_server_message_unpause (msg);
}

static void
hbs_log_sessions_dispose (GObject *object)
{
  HbsLogSessions *self = HBS_LOG_SESSIONS (object);

  while (self->streams.head != NULL)
    stream_free (self->streams.head->data);
  g_clear_signal_handler (&self->line_id, self->logs);
  g_clear_signal_handler (&self->forget_id, self->logs);
  G_OBJECT_CLASS (hbs_log_sessions_parent_class)->dispose (object);
}

static void
hbs_log_sessions_finalize (GObject *object)
{
  HbsLogSessions *self = HBS_LOG_SESSIONS (object);

  g_clear_pointer (&self->sessions, hbs_expiring_free);
  g_clear_object (&self->logs);
  G_OBJECT_CLASS (hbs_log_sessions_parent_class)->finalize (object);
}

static void
hbs_log_sessions_class_init (HbsLogSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hbs_log_sessions_dispose;
  object_class->finalize = hbs_log_sessions_finalize;
}

static void
hbs_log_sessions_init (HbsLogSessions *self)
{
  self->sessions =
      hbs_expiring_new (SESSION_LIFETIME_US, MAX_SESSIONS, SWEEP_MS, (GDestroyNotify) session_free);
  g_queue_init (&self->streams);
}

/* The reader left, or stopped reading: the response ends, and the connection under it is shut
 * down, so that libsoup finishes the message on its next write (which fails) rather than wait
 * for a reader that will not come. Frees @stream. */
static void
drop_reader (Stream *stream)
{
  if (stream->socket != NULL)
    g_socket_shutdown (stream->socket, TRUE, TRUE, NULL);
  stream_end (stream);
}

/* libsoup reads nothing while it answers, so a reader closing the connection goes unnoticed
 * until a write fails: with no line to write (an application that does not run) a stream would
 * hold its connection for ever. Peeking tells EOF from a pipelined request, which stays. */
static gboolean
hangup_cb (GSocket *socket, GIOCondition condition, gpointer user_data)
{
  Stream *stream = user_data;
  HbsPeek peek = hbs_socket_peek (socket);

  if (peek == HBS_PEEK_NOTHING)
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&stream->hangup, g_source_unref);
  if (peek == HBS_PEEK_CLOSED)
    drop_reader (stream);
  return G_SOURCE_REMOVE;
}

static void
send_line (Stream *stream, const HbsLogLine *line)
{
  gsize length = 0;
  const char *text = hbs_log_line_get_text (line, &length);

  stream->live_unsent += length;
  if (stream->live_unsent > MAX_BACKLOG)
    {
      g_debug ("a log session's reader is %" G_GSIZE_FORMAT " bytes behind: cutting it off",
               stream->live_unsent);
      drop_reader (stream);
      return;
    }
  soup_message_body_append (soup_server_message_get_response_body (stream->msg), SOUP_MEMORY_COPY,
                            text, length);
  soup_server_message_unpause (stream->msg);
}

static void
line_cb (HbsAppLogs *logs, const char *slug, gconstpointer line, gpointer user_data)
{
  HbsLogSessions *self = user_data;
  GList *l = self->streams.head;

  while (l != NULL)
    {
      Stream *stream = l->data;
      Session *session = stream->session;

      /* send_line() may free the stream, and its link with it. */
      l = l->next;
      if (g_str_equal (session->slug, slug) &&
          hbs_log_line_matches (line, session->source, session->process))
        send_line (stream, line);
    }
}

static void
forget_cb (HbsAppLogs *logs, const char *slug, gpointer user_data)
{
  HbsLogSessions *self = user_data;
  GList *l = self->streams.head;

  while (l != NULL)
    {
      Stream *stream = l->data;

      l = l->next;
      if (g_str_equal (stream->session->slug, slug))
        stream_end (stream);
    }
}

HbsLogSessions *
hbs_log_sessions_new (HbsAppLogs *logs)
{
  HbsLogSessions *self = g_object_new (HBS_TYPE_LOG_SESSIONS, NULL);

  self->logs = g_object_ref (logs);
  self->line_id = g_signal_connect (logs, "line", G_CALLBACK (line_cb), self);
  self->forget_id = g_signal_connect (logs, "forget", G_CALLBACK (forget_cb), self);
  return self;
}

static char *
open_session (HbsLogSessions *self,
              const char *slug,
              gboolean tail,
              guint limit,
              const char *source,
              const char *process)
{
  Session *session = g_new0 (Session, 1);
  char *id = hbs_random_token (16);

  session->slug = g_strdup (slug);
  session->tail = tail;
  session->limit = limit;
  session->source = g_strdup (source);
  session->process = g_strdup (process);
  hbs_expiring_insert (self->sessions, id, session);
  return id;
}

/* L1: keys are matched case-insensitively (the CLI wrote "sourcefilter"). */
void
hbs_log_sessions_create (HbsLogSessions *self, HbsRequest *req, const char *slug)
{
  g_autoptr (HbsBody) body = hbs_request_parse_body (req);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  const char *source = NULL, *process = NULL;
  const char *source_key, *process_key;
  gboolean tail;
  gint64 limit;

  if (body == NULL)
    return;
  source_key = hbs_body_find_field (body, "sourceFilter");
  process_key = hbs_body_find_field (body, "processFilter");
  if (!hbs_body_get_boolean (body, "tail", TRUE, &tail, &error) ||
      !hbs_body_get_int (body, "limit", TRUE, &limit, &error) ||
      (source_key != NULL && !hbs_body_get_string (body, source_key, FALSE, &source, &error)) ||
      (process_key != NULL && !hbs_body_get_string (body, process_key, FALSE, &process, &error)))
    {
      hbs_request_gerror (req, error);
      return;
    }
  if (limit < 0 || limit > MAX_LOG_LIMIT)
    {
      hbs_request_error (req, 400, "“limit” must be from 0 to %d", MAX_LOG_LIMIT);
      return;
    }
  id = open_session (self, slug, tail, (guint) limit, source, process);
  path = g_strconcat ("/sessions/", id, NULL);
  hbs_request_created (req, path);
}

/* The session's first batch: the last @limit lines of @ring that pass its filters, oldest
 * first. */
static GString *
tail_text (HbsLogRing *ring, Session *session)
{
  guint n = hbs_log_ring_get_length (ring);
  guint start = n, found = 0;
  GString *out = g_string_new (NULL);

  while (start > 0 && found < session->limit)
    if (hbs_log_line_matches (hbs_log_ring_get (ring, --start), session->source, session->process))
      found++;
  for (guint i = start; i < n; i++)
    {
      const HbsLogLine *line = hbs_log_ring_get (ring, i);
      gsize length = 0;
      const char *text = hbs_log_line_get_text (line, &length);

      if (hbs_log_line_matches (line, session->source, session->process))
        g_string_append_len (out, text, length);
    }
  return out;
}

static void
stream_finished_cb (SoupServerMessage *msg, Stream *stream)
{
  stream_free (stream);
}

static void
wrote_body_data_cb (SoupServerMessage *msg, guint size, Stream *stream)
{
  gsize from_tail = MIN (size, stream->tail_unsent);

  stream->tail_unsent -= from_tail;
  stream->live_unsent -= MIN (size - from_tail, stream->live_unsent);
}

/* Keeps @req's response open after the tail, for the lines to come. */
static void
start_stream (HbsLogSessions *self, HbsRequest *req, Session *session, GString *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  Stream *stream;

  if (self->streams.length >= MAX_STREAMS)
    stream_end (self->streams.head->data);
  soup_server_message_set_status (req->msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/plain; charset=utf-8", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  /* What was written is dropped, so an open stream holds only what its reader has not read. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_COPY, text->str, text->len);

  stream = g_new0 (Stream, 1);
  stream->self = self;
  stream->session = session;
  stream->msg = g_object_ref (req->msg);
  g_set_object (&stream->socket, hbs_listener_get_socket (req->ctx->listener, req->msg));
  stream->tail_unsent = text->len;
  stream->finished_id =
      g_signal_connect (req->msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  stream->wrote_id =
      g_signal_connect (req->msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), stream);
  stream->link.data = stream;
  g_queue_push_tail_link (&self->streams, &stream->link);
  if (stream->socket != NULL)
    {
      stream->hangup = g_socket_create_source (stream->socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
      g_source_set_callback (stream->hangup, (GSourceFunc) (void (*) (void)) hangup_cb, stream,
                             NULL);
      g_source_set_name (stream->hangup, "[hbs] log session reader");
      g_source_attach (stream->hangup, g_main_context_get_thread_default ());
    }
  hbs_app_logs_watch (self->logs, session->slug);
}

/* L2: plain text, no credentials (the URL is the secret), single use, valid for a minute. The
 * last `limit` lines first; a tailing session then stays open and gets each new line as it is
 * written, until its reader goes. HEAD looks without using the session up. */
void
hbs_log_sessions_serve (HbsLogSessions *self, HbsRequest *req, const char *id)
{
  Session *session;
  HbsLogRing *ring;
  g_autoptr (GString) text = NULL;

  if (!g_str_equal (req->method, "GET"))
    {
      hbs_request_method_not_allowed (req, "GET, HEAD");
      return;
    }
  session = hbs_expiring_lookup (self->sessions, id);
  if (session == NULL)
    {
      hbs_request_error (req, 404, "No log session “%s” (sessions expire after a minute)", id);
      return;
    }
  if (g_str_equal (soup_server_message_get_method (req->msg), "HEAD"))
    {
      hbs_request_text (req, 200, "text/plain; charset=utf-8", "");
      return;
    }
  session = hbs_expiring_steal (self->sessions, id);
  ring = hbs_app_logs_get_ring (self->logs, session->slug);
  if (ring == NULL)
    {
      hbs_request_error (req, 404, "The application of this log session is gone");
      session_free (session);
      return;
    }
  text = tail_text (ring, session);
  if (!session->tail)
    {
      hbs_request_text (req, 200, "text/plain; charset=utf-8", text->str);
      session_free (session);
      return;
    }
  start_stream (self, req, session, text);
}
