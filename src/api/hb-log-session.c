/* hb-log-session.c: one live log session: opened (L1), then read line by line (L2) until it
 * ends or drops
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-session.h"

#include <string.h>

#include "hb-api-error.h"
#include "hb-log-http-private.h"

/* AppHarbor's session URL was on another host (logplex.appharbor.com), opened with a plain GET
 * and no credentials: the URL is the secret. So it is not read through HbClient: no token to
 * leak, and no I/O timeout (a quiet application writes nothing for a long time) nor size cap
 * (a session that tails never ends); only a single line is capped.
 *
 * The session is single-use, like the server's: run it once; a reconnect is a new session. */

struct _HbLogSession
{
  GObject parent_instance;

  HbClient *client;
  char *slug;
  gboolean tail;
  guint limit;
  char *source_filter;
  char *process_filter;

  gboolean started;
  gboolean streaming;
  char *url;
  guint64 n_lines;
  GByteArray *line;  /* a line being read */
  gboolean skipping; /* the rest of a line too long to keep */
};

G_DEFINE_FINAL_TYPE (HbLogSession, hb_log_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SLUG,
  PROP_TAIL,
  PROP_LIMIT,
  PROP_SOURCE_FILTER,
  PROP_PROCESS_FILTER,
  PROP_URL,
  PROP_STREAMING,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  LINES,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
hb_log_session_dispose (GObject *object)
{
  HbLogSession *self = HB_LOG_SESSION (object);

  g_clear_object (&self->client);
  G_OBJECT_CLASS (hb_log_session_parent_class)->dispose (object);
}

static void
hb_log_session_finalize (GObject *object)
{
  HbLogSession *self = HB_LOG_SESSION (object);

  g_free (self->slug);
  g_free (self->source_filter);
  g_free (self->process_filter);
  g_free (self->url);
  g_clear_pointer (&self->line, g_byte_array_unref);
  G_OBJECT_CLASS (hb_log_session_parent_class)->finalize (object);
}

static void
hb_log_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogSession *self = HB_LOG_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_TAIL:
      g_value_set_boolean (value, self->tail);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    case PROP_SOURCE_FILTER:
      g_value_set_string (value, self->source_filter);
      break;
    case PROP_PROCESS_FILTER:
      g_value_set_string (value, self->process_filter);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_STREAMING:
      g_value_set_boolean (value, self->streaming);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_session_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLogSession *self = HB_LOG_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SLUG:
      self->slug = g_value_dup_string (value);
      break;
    case PROP_TAIL:
      hb_log_session_set_tail (self, g_value_get_boolean (value));
      break;
    case PROP_LIMIT:
      hb_log_session_set_limit (self, g_value_get_uint (value));
      break;
    case PROP_SOURCE_FILTER:
      hb_log_session_set_source_filter (self, g_value_get_string (value));
      break;
    case PROP_PROCESS_FILTER:
      hb_log_session_set_process_filter (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_session_class_init (HbLogSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags co =
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_log_session_dispose;
  object_class->finalize = hb_log_session_finalize;
  object_class->get_property = hb_log_session_get_property;
  object_class->set_property = hb_log_session_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, co);
  /* The options of L1, set before running (the official CLI's -t, -n, -s, -p). */
  properties[PROP_TAIL] = g_param_spec_boolean ("tail", NULL, NULL, TRUE, rw);
  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, HB_LOG_SESSION_MAX_LIMIT,
                                              HB_LOG_SESSION_DEFAULT_LIMIT, rw);
  properties[PROP_SOURCE_FILTER] = g_param_spec_string ("source-filter", NULL, NULL, NULL, rw);
  properties[PROP_PROCESS_FILTER] = g_param_spec_string ("process-filter", NULL, NULL, NULL, rw);
  /* The session's URL, once L1 gave it. */
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, ro);
  /* TRUE from the session URL's answer until the stream ends, drops or is cancelled. */
  properties[PROP_STREAMING] = g_param_spec_boolean ("streaming", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbLogSession::lines:
   * @lines: (element-type HbLogLine): the lines that one read completed, oldest first
   *
   * Never emitted after the run was cancelled.
   */
  signals[LINES] = g_signal_new ("lines", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
hb_log_session_init (HbLogSession *self)
{
  self->tail = TRUE;
  self->limit = HB_LOG_SESSION_DEFAULT_LIMIT;
  self->line = g_byte_array_new ();
}

/**
 * hb_log_session_new:
 * @client: the signed-in client that opens the session
 * @slug: the application whose log to read
 *
 * Returns: (transfer full): a session to run once; by default it tails, after the last
 *   %HB_LOG_SESSION_DEFAULT_LIMIT lines
 */
HbLogSession *
hb_log_session_new (HbClient *client, const char *slug)
{
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  return g_object_new (HB_TYPE_LOG_SESSION, "client", client, "slug", slug, NULL);
}

HbClient *
hb_log_session_get_client (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), NULL);
  return self->client;
}

const char *
hb_log_session_get_slug (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), NULL);
  return self->slug;
}

gboolean
hb_log_session_get_tail (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), FALSE);
  return self->tail;
}

void
hb_log_session_set_tail (HbLogSession *self, gboolean tail)
{
  g_return_if_fail (HB_IS_LOG_SESSION (self));
  if (self->tail == !!tail)
    return;
  self->tail = !!tail;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAIL]);
}

guint
hb_log_session_get_limit (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), 0);
  return self->limit;
}

/* More than HB_LOG_SESSION_MAX_LIMIT asks for that many. */
void
hb_log_session_set_limit (HbLogSession *self, guint limit)
{
  g_return_if_fail (HB_IS_LOG_SESSION (self));
  limit = MIN (limit, HB_LOG_SESSION_MAX_LIMIT);
  if (self->limit == limit)
    return;
  self->limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

const char *
hb_log_session_get_source_filter (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), NULL);
  return self->source_filter;
}

/* Replaces *@slot by a copy of @value; whether it changed (g_set_str is GLib 2.76). */
static gboolean
replace_str (char **slot, const char *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* NULL or "" for every source. */
void
hb_log_session_set_source_filter (HbLogSession *self, const char *source_filter)
{
  g_return_if_fail (HB_IS_LOG_SESSION (self));
  if (source_filter != NULL && *source_filter == '\0')
    source_filter = NULL;
  if (replace_str (&self->source_filter, source_filter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_FILTER]);
}

const char *
hb_log_session_get_process_filter (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), NULL);
  return self->process_filter;
}

/* NULL or "" for every process. */
void
hb_log_session_set_process_filter (HbLogSession *self, const char *process_filter)
{
  g_return_if_fail (HB_IS_LOG_SESSION (self));
  if (process_filter != NULL && *process_filter == '\0')
    process_filter = NULL;
  if (replace_str (&self->process_filter, process_filter))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROCESS_FILTER]);
}

/** hb_log_session_get_url: Returns: (nullable): the session's URL, once opened */
const char *
hb_log_session_get_url (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), NULL);
  return self->url;
}

gboolean
hb_log_session_get_streaming (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), FALSE);
  return self->streaming;
}

/** hb_log_session_get_n_lines: Returns: how many lines the session has given so far */
guint64
hb_log_session_get_n_lines (HbLogSession *self)
{
  g_return_val_if_fail (HB_IS_LOG_SESSION (self), 0);
  return self->n_lines;
}

static void
set_streaming (HbLogSession *self, gboolean streaming)
{
  if (self->streaming == streaming)
    return;
  self->streaming = streaming;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREAMING]);
}

/* Ends the run (takes ownership of @task). */
static void
complete (GTask *task, GError *error)
{
  HbLogSession *self = g_task_get_source_object (task);

  set_streaming (self, FALSE);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* ---- lines ---- */

static void
add_line (HbLogSession *self, GPtrArray *lines, const char *data, gsize length, gboolean truncated)
{
  /* A blank line says nothing (some servers send them to keep a connection open). */
  if (length == 0 || (length == 1 && data[0] == '\r'))
    return;
  g_ptr_array_add (lines, hb_log_line_new (data, length, truncated));
}

/* Cuts @take back to the start of a UTF-8 character of @data, if one is near. */
static gsize
char_boundary (const char *data, gsize take)
{
  gsize back = 0;

  while (back < 4 && back < take && ((guchar) data[take - back] & 0xc0) == 0x80)
    back++;
  return back < 4 ? take - back : take;
}

/* Splits @data into lines, added to @lines; what follows the last newline waits in body. */
static void
split_lines (HbLogSession *self, const char *data, gsize size, GPtrArray *lines)
{
  GByteArray *partial = self->line;

  while (size > 0)
    {
      const char *newline = memchr (data, '\n', size);
      gsize segment = newline != NULL ? (gsize) (newline - data) : size;

      if (self->skipping)
        self->skipping = newline == NULL;
      else if (partial->len + segment > HB_LOG_SESSION_MAX_LINE)
        {
          gsize take = char_boundary (data, HB_LOG_SESSION_MAX_LINE - partial->len);

          g_byte_array_append (partial, (const guint8 *) data, (guint) take);
          add_line (self, lines, (const char *) partial->data, partial->len, TRUE);
          g_byte_array_set_size (partial, 0);
          self->skipping = newline == NULL;
        }
      else if (newline != NULL && partial->len == 0)
        add_line (self, lines, data, segment, FALSE);
      else
        {
          g_byte_array_append (partial, (const guint8 *) data, (guint) segment);
          if (newline != NULL)
            {
              add_line (self, lines, (const char *) partial->data, partial->len, FALSE);
              g_byte_array_set_size (partial, 0);
            }
        }
      if (newline == NULL)
        break;
      data = newline + 1;
      size -= segment + 1;
    }
}

static void
emit_lines (HbLogSession *self, GPtrArray *lines)
{
  if (lines->len == 0)
    return;
  self->n_lines += lines->len;
  g_signal_emit (self, signals[LINES], 0, lines);
}

/* A piece of the body, as it came: its whole lines go out in one batch. */
static void
take_body (const char *data, gsize size, gpointer user_data)
{
  HbLogSession *self = user_data;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  split_lines (self, data, size, lines);
  emit_lines (self, lines);
}

/* The body ended: a last line without its newline is a line too. (A line cut by a drop is
 * left out: a reconnect brings it whole.) */
static void
body_ended (HbLogSession *self)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

  if (!self->skipping && self->line->len > 0)
    add_line (self, lines, (const char *) self->line->data, self->line->len, FALSE);
  g_byte_array_set_size (self->line, 0);
  emit_lines (self, lines);
}

/* No token goes to the session URL, so any https host may serve it (AppHarbor's was
 * logplex.appharbor.com); plain http only on this computer: the URL is the secret. */
static gboolean
check_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Invalid response: “%s” is not a log session URL", url);
      return FALSE;
    }
  if (!hb_client_url_may_carry_token (url))
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INSECURE,
                   "Refusing to read a log over plain http from %s", g_uri_get_host (uri));
      return FALSE;
    }
  return TRUE;
}

static void
on_http_started (gpointer user_data)
{
  set_streaming (user_data, TRUE);
}

/* The body ended (a last line without its newline is a line too), or the GET failed. */
static void
on_http_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (_hb_log_http_get_finish (result, &error))
    body_ended (g_task_get_source_object (task));
  complete (task, error);
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  HbLogSession *self = g_task_get_source_object (task);
  GError *error = NULL;
  char *url = hb_client_open_log_session_finish (HB_CLIENT (source), result, &error);

  if (url == NULL)
    {
      complete (task, error);
      return;
    }
  self->url = url;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
  if (!check_url (url, &error))
    {
      complete (task, error);
      return;
    }
  _hb_log_http_get_async (url, HB_LOG_SESSION_PRIORITY, on_http_started, take_body, self,
                          g_task_get_cancellable (task), on_http_done, task);
}

/**
 * hb_log_session_run_async:
 * @cancellable: (nullable): stops the session; the run then finishes with
 *   %G_IO_ERROR_CANCELLED, and no line is emitted after it
 *
 * Opens the session (L1) and reads it (L2), emitting #HbLogSession::lines as lines arrive,
 * until the stream ends. A session runs once: a second run fails with %G_IO_ERROR_PENDING.
 */
void
hb_log_session_run_async (HbLogSession *self,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HB_IS_LOG_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_log_session_run_async);
  if (self->started)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A log session is read once; open another");
      return;
    }
  self->started = TRUE;
  hb_client_open_log_session_async (self->client, self->slug, self->tail, self->limit,
                                    self->source_filter, self->process_filter, cancellable,
                                    on_opened, g_steal_pointer (&task));
}

/**
 * hb_log_session_run_finish:
 *
 * Returns: %TRUE when the server ended the stream (a session that does not tail ends after
 *   its lines; one that tails when the application is deleted, or the server lets it go);
 *   %FALSE with @error otherwise: %HB_API_ERROR for what the server answered (L1's errors,
 *   or an expired session's 404), %G_IO_ERROR and friends for a stream that dropped,
 *   %G_IO_ERROR_CANCELLED when cancelled
 */
gboolean
hb_log_session_run_finish (HbLogSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hb_log_session_run_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
