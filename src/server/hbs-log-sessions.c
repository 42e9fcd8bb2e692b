/* hbs-log-sessions.c: log sessions (L1) and the session URL that streams them (L2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-log-sessions.h"

#include "hbs-expiring.h"
#include "hbs-random.h"

#include <string.h>

/* AppHarbor: open the session URL within a minute; it keeps the last 1500 messages. */
#define SESSION_LIFETIME_US (60 * G_USEC_PER_SEC)
/* Opened and not yet streamed, at once; the oldest goes first. */
#define MAX_SESSIONS 1000
#define SWEEP_MS (10 * 1000)
#define TAIL_LINES 5

struct _HbsLogSessions
{
  GObject parent_instance;

  HbsStore *store;
  HbsExpiring *sessions; /* id → Session */
  GList *streams;        /* Stream */
  guint step_ms;
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
  SoupServerMessage *msg;
  GSource *source;
  gulong finished_id;
  guint sent;
} Stream;

static void
session_free (Session *session)
{
  g_free (session->slug);
  g_free (session->source);
  g_free (session->process);
  g_free (session);
}

static void
stream_free (Stream *stream)
{
  g_signal_handler_disconnect (stream->msg, stream->finished_id);
  g_source_destroy (stream->source);
  g_source_unref (stream->source);
  g_object_unref (stream->msg);
  g_free (stream);
}

static void
hbs_log_sessions_dispose (GObject *object)
{
  HbsLogSessions *self = HBS_LOG_SESSIONS (object);

  g_list_free_full (g_steal_pointer (&self->streams), (GDestroyNotify) stream_free);
  G_OBJECT_CLASS (hbs_log_sessions_parent_class)->dispose (object);
}

static void
hbs_log_sessions_finalize (GObject *object)
{
  HbsLogSessions *self = HBS_LOG_SESSIONS (object);

  g_clear_pointer (&self->sessions, hbs_expiring_free);
  g_clear_object (&self->store);
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
  self->step_ms = 1500;
}

HbsLogSessions *
hbs_log_sessions_new (HbsStore *store)
{
  HbsLogSessions *self = g_object_new (HBS_TYPE_LOG_SESSIONS, NULL);

  self->store = g_object_ref (store);
  return self;
}

void
hbs_log_sessions_set_step_ms (HbsLogSessions *self, guint ms)
{
  self->step_ms = MAX (ms, 1);
}

char *
hbs_log_sessions_open (HbsLogSessions *self,
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

static gboolean
wanted (Session *session, const char *source, const char *process)
{
  return (session->source == NULL || session->source[0] == '\0' ||
          g_ascii_strcasecmp (session->source, source) == 0) &&
         (session->process == NULL || session->process[0] == '\0' ||
          g_str_equal (session->process, process));
}

static void
add_line (GPtrArray *lines,
          Session *session,
          const char *time,
          const char *source,
          const char *process,
          const char *message)
{
  if (wanted (session, source, process))
    g_ptr_array_add (lines,
                     g_strdup_printf ("%s+00:00 %s[%s]: %s\n", time, source, process, message));
}

/* The application's history as log lines: its builds' logs and a little web traffic. */
static GString *
history (HbsLogSessions *self, Session *session)
{
  JsonObject *app = hbs_store_find_app (self->store, session->slug);
  JsonArray *builds = hbs_json_get_array (app, "builds");
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  guint n_builds = builds != NULL ? json_array_get_length (builds) : 0;

  for (guint b = n_builds > 5 ? n_builds - 5 : 0; b < n_builds; b++)
    {
      JsonObject *build = json_array_get_object_element (builds, b);
      JsonArray *entries = hbs_json_get_array (build, "log_entries");

      for (guint e = 0; entries != NULL && e < json_array_get_length (entries); e++)
        {
          JsonObject *entry = json_array_get_object_element (entries, e);
          const char *message = hbs_json_get_string (entry, "message");
          const char *process = g_str_has_prefix (message, "Deploy") ? "deploy" : "build";

          add_line (lines, session, hbs_json_get_string (entry, "created"), "appharbor", process,
                    message);
          if (g_str_equal (process, "deploy"))
            add_line (lines, session, hbs_json_get_string (entry, "created"), "app", "web.1",
                      "Application started");
        }
    }
  for (guint i = lines->len > session->limit ? lines->len - session->limit : 0; i < lines->len; i++)
    g_string_append (out, g_ptr_array_index (lines, i));
  return out;
}

static void
stream_finished_cb (SoupServerMessage *msg, Stream *stream)
{
  HbsLogSessions *self = stream->self;

  self->streams = g_list_remove (self->streams, stream);
  stream_free (stream);
}

static gboolean
stream_step_cb (gpointer user_data)
{
  Stream *stream = user_data;
  HbsLogSessions *self = stream->self;
  SoupMessageBody *body = soup_server_message_get_response_body (stream->msg);
  g_autofree char *now = hbs_store_now ();
  g_autofree char *line =
      g_strdup_printf ("%s+00:00 router[router]: GET / 200 %ums\n", now, 12 + stream->sent * 7);

  g_autoptr (SoupServerMessage) msg = g_object_ref (stream->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, line, strlen (line));
  if (++stream->sent < TAIL_LINES)
    {
      soup_server_message_unpause (msg);
      return G_SOURCE_CONTINUE;
    }
  /* Forget the stream before unpausing: finishing may run "finished" handlers at once. */
  soup_message_body_complete (body);
  self->streams = g_list_remove (self->streams, stream);
  stream_free (stream);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

/* L2: plain text, no credentials (the URL is the secret), single use, valid for a minute.
 * A tailing session keeps the response open and adds a line per step. */
void
hbs_log_sessions_serve (HbsLogSessions *self, HbsRequest *req, const char *id)
{
  Session *session;
  g_autoptr (GString) text = NULL;
  SoupMessageHeaders *headers;
  SoupMessageBody *body;
  Stream *stream;

  session = hbs_expiring_lookup (self->sessions, id);
  if (!g_str_equal (req->method, "GET"))
    {
      hbs_request_method_not_allowed (req, "GET");
      return;
    }
  if (session == NULL)
    {
      hbs_request_error (req, 404, "No log session “%s” (sessions expire after a minute)", id);
      return;
    }
  text = history (self, session);
  if (!session->tail)
    {
      hbs_request_text (req, 200, "text/plain; charset=utf-8", text->str);
      hbs_expiring_remove (self->sessions, id);
      return;
    }
  hbs_expiring_remove (self->sessions, id);
  headers = soup_server_message_get_response_headers (req->msg);
  body = soup_server_message_get_response_body (req->msg);
  soup_server_message_set_status (req->msg, 200, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/plain; charset=utf-8", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_body_append (body, SOUP_MEMORY_COPY, text->str, text->len);

  stream = g_new0 (Stream, 1);
  stream->self = self;
  stream->msg = g_object_ref (req->msg);
  stream->finished_id =
      g_signal_connect (req->msg, "finished", G_CALLBACK (stream_finished_cb), stream);
  stream->source = g_timeout_source_new (self->step_ms);
  g_source_set_callback (stream->source, stream_step_cb, stream, NULL);
  g_source_attach (stream->source, g_main_context_get_thread_default ());
  self->streams = g_list_prepend (self->streams, stream);
}
