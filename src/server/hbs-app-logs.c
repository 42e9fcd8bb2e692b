/* hbs-app-logs.c: what happens to each application, as timestamped lines in a ring per
 * application: builds, deploys, hook calls, configuration changes and a simulated web process
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-app-logs.h"

#include "hbs-json.h"

#include <string.h>

/* A ring starts with the logs of the application's last finished builds: after a restart (rings
 * are not saved), or the first time anything reads or writes it. */
#define HISTORY_BUILDS 5
/* The web process writes a line every web_ms while its application runs (has a deployed build),
 * but only when someone looks: reading or writing a ring first fills in what it wrote since,
 * at most this many lines, and a ring with a session streaming it wakes at each line's time.
 * So an idle server does no work, however many applications it has. */
#define MAX_WEB_CATCH_UP 30

enum
{
  SIGNAL_LINE,
  SIGNAL_FORGET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _HbsAppLogs
{
  GObject parent_instance;

  HbsStore *store;
  GHashTable *apps; /* slug → AppLog, made when first needed */
  guint web_ms;
};

G_DEFINE_FINAL_TYPE (HbsAppLogs, hbs_app_logs, G_TYPE_OBJECT)

typedef struct
{
  HbsAppLogs *self;
  char *slug;
  HbsLogRing *ring;
  gint64 web_done_us; /* the web process has written its lines up to this time */
  guint watchers;
  GSource *web_source; /* while watched: wakes at the web process's next line */
} AppLog;

static void
app_log_free (AppLog *log)
{
  if (log->web_source != NULL)
    {
      g_source_destroy (log->web_source);
      g_source_unref (log->web_source);
    }
  hbs_log_ring_free (log->ring);
  g_free (log->slug);
  g_free (log);
}

static void
hbs_app_logs_dispose (GObject *object)
{
  HbsAppLogs *self = HBS_APP_LOGS (object);

  g_clear_pointer (&self->apps, g_hash_table_unref);
  G_OBJECT_CLASS (hbs_app_logs_parent_class)->dispose (object);
}

static void
hbs_app_logs_finalize (GObject *object)
{
  HbsAppLogs *self = HBS_APP_LOGS (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (hbs_app_logs_parent_class)->finalize (object);
}

static void
hbs_app_logs_class_init (HbsAppLogsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hbs_app_logs_dispose;
  object_class->finalize = hbs_app_logs_finalize;

  /* A line was added to @slug's ring; @line (an HbsLogLine) is valid during the emission. */
  signals[SIGNAL_LINE] =
      g_signal_new ("line", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_POINTER);
  /* @slug's application is gone, and its ring with it. */
  signals[SIGNAL_FORGET] = g_signal_new ("forget", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hbs_app_logs_init (HbsAppLogs *self)
{
  self->apps = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) app_log_free);
  self->web_ms = HBS_DEFAULT_WEB_LOG_MS;
}

HbsAppLogs *
hbs_app_logs_new (HbsStore *store)
{
  HbsAppLogs *self = g_object_new (HBS_TYPE_APP_LOGS, NULL);

  self->store = g_object_ref (store);
  return self;
}

static void
append (AppLog *log, gint64 time_us, const char *source, const char *process, const char *message)
{
  const HbsLogLine *line = hbs_log_ring_append (log->ring, time_us, source, process, message);

  g_signal_emit (log->self, signals[SIGNAL_LINE], 0, log->slug, line);
}

/* -- the simulated web process */

static gboolean
is_running (JsonObject *app)
{
  JsonArray *builds = hbs_json_get_array (app, "builds");

  for (guint i = 0; builds != NULL && i < json_array_get_length (builds); i++)
    if (hbs_json_get_string (json_array_get_object_element (builds, i), "deployed") != NULL)
      return TRUE;
  return FALSE;
}

/* The line of the @n-th tick of @slug's web process: the same every time it is made. */
static char *
web_message (const char *slug, gint64 n)
{
  static const struct
  {
    const char *method;
    const char *path;
    guint status;
  } requests[] = {
    { "GET", "/", 200 },           { "GET", "/api/items", 200 },    { "GET", "/about", 200 },
    { "POST", "/api/items", 201 }, { "GET", "/api/items/42", 200 }, { "GET", "/health", 200 },
    { "GET", "/site.css", 304 },   { "GET", "/favicon.ico", 404 },
  };
  guint hash = g_str_hash (slug) ^ (guint) ((guint64) n * 2654435761u);
  guint i = hash % G_N_ELEMENTS (requests);

  return g_strdup_printf ("%s %s responded %u in %u ms", requests[i].method, requests[i].path,
                          requests[i].status, 2 + (hash >> 8) % 90);
}

/* Writes the web process's lines due by @now_us, at the times they were due. */
static void
catch_up_web (AppLog *log, gint64 now_us)
{
  HbsAppLogs *self = log->self;
  gint64 tick_us = (gint64) self->web_ms * 1000;
  JsonObject *app = hbs_store_find_app (self->store, log->slug);
  gint64 first, last;

  if (tick_us == 0 || app == NULL || !is_running (app) || now_us <= log->web_done_us)
    {
      log->web_done_us = MAX (log->web_done_us, now_us);
      return;
    }
  first = log->web_done_us / tick_us + 1;
  last = now_us / tick_us;
  first = MAX (first, last - MAX_WEB_CATCH_UP + 1);
  for (gint64 n = first; n <= last; n++)
    {
      g_autofree char *message = web_message (log->slug, n);

      append (log, n * tick_us, "app", "web.1", message);
    }
  log->web_done_us = now_us;
}

static void arm_web (AppLog *log);

static gboolean
web_tick_cb (gpointer user_data)
{
  AppLog *log = user_data;

  g_clear_pointer (&log->web_source, g_source_unref);
  catch_up_web (log, g_get_real_time ());
  arm_web (log);
  return G_SOURCE_REMOVE;
}

/* While a session streams @log, wake when the web process's next line is due. */
static void
arm_web (AppLog *log)
{
  gint64 tick_us = (gint64) log->self->web_ms * 1000;
  gint64 now_us = g_get_real_time ();
  gint64 next_us;

  if (log->web_source != NULL)
    {
      g_source_destroy (log->web_source);
      g_clear_pointer (&log->web_source, g_source_unref);
    }
  if (log->watchers == 0 || tick_us == 0)
    return;
  next_us = (now_us / tick_us + 1) * tick_us;
  log->web_source = g_timeout_source_new ((guint) ((next_us - now_us + 999) / 1000));
  g_source_set_callback (log->web_source, web_tick_cb, log, NULL);
  g_source_set_name (log->web_source, "[hbs] web process");
  g_source_attach (log->web_source, g_main_context_get_thread_default ());
}

void
hbs_app_logs_set_web_ms (HbsAppLogs *self, guint ms)
{
  GHashTableIter iter;
  AppLog *log;

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  self->web_ms = ms;
  g_hash_table_iter_init (&iter, self->apps);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &log))
    arm_web (log);
}

/* -- builds, and the history a ring starts with */

static void
append_build_entry (AppLog *log, gint64 time_us, JsonObject *build, const char *message)
{
  const char *id = hbs_json_get_string (build, "id");
  g_autofree char *text = g_strdup_printf ("Build %s: %s", id, message);
  const char *process = g_str_has_prefix (message, "Deploy") ? "deploy" : "build";

  append (log, time_us, "appharbor", process, text);
  if (g_str_equal (message, "Deployed"))
    {
      g_autofree char *started = g_strdup_printf ("Application started (build %s)", id);

      append (log, time_us, "app", "web.1", started);
    }
}

static gint64
parse_time (const char *text)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC : -1;
}

/* The logs of the last finished builds, as they were recorded. A live build is left out: its
 * lines are written as it moves on. */
static void
add_history (AppLog *log, JsonObject *app)
{
  JsonArray *builds = hbs_json_get_array (app, "builds");
  guint n = builds != NULL ? json_array_get_length (builds) : 0;
  gint64 last_us = 0;

  for (guint b = n > HISTORY_BUILDS ? n - HISTORY_BUILDS : 0; b < n; b++)
    {
      JsonObject *build = json_array_get_object_element (builds, b);
      JsonArray *entries = hbs_json_get_array (build, "log_entries");

      if (hbs_json_get_boolean (build, "live", FALSE))
        continue;
      for (guint e = 0; entries != NULL && e < json_array_get_length (entries); e++)
        {
          JsonObject *entry = json_array_get_object_element (entries, e);
          gint64 time_us = parse_time (hbs_json_get_string (entry, "created"));
          const char *message = hbs_json_get_string (entry, "message");

          /* Lines keep their order: one out of it (a hand-edited state file) is left out. */
          if (time_us < last_us || message == NULL)
            continue;
          last_us = time_us;
          append_build_entry (log, time_us, build, message);
        }
    }
}

static AppLog *
ensure_log (HbsAppLogs *self, const char *slug)
{
  AppLog *log = g_hash_table_lookup (self->apps, slug);
  JsonObject *app;

  if (log != NULL)
    return log;
  app = hbs_store_find_app (self->store, slug);
  if (app == NULL)
    return NULL;
  log = g_new0 (AppLog, 1);
  log->self = self;
  log->slug = g_strdup (slug);
  log->ring = hbs_log_ring_new (HBS_LOG_RING_CAPACITY);
  log->web_done_us = g_get_real_time ();
  g_hash_table_insert (self->apps, log->slug, log);
  add_history (log, app);
  return log;
}

/* -- writing and reading */

static void
write_now (HbsAppLogs *self,
           const char *slug,
           const char *source,
           const char *process,
           const char *message)
{
  AppLog *log = ensure_log (self, slug);
  gint64 now_us = g_get_real_time ();

  if (log == NULL)
    return;
  catch_up_web (log, now_us);
  append (log, now_us, source, process, message);
}

/* Adds a line to @slug's log now (nothing when there is no such application). */
void
hbs_app_logs_write (HbsAppLogs *self,
                    const char *slug,
                    const char *source,
                    const char *process,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  write_now (self, slug, source, process, message);
}

/* The log line of a build log entry just recorded: "appharbor[build]: Build 61: Building", or
 * [deploy] for deploys, whose end also starts the web process. */
void
hbs_app_logs_write_build_entry (HbsAppLogs *self,
                                const char *slug,
                                JsonObject *build,
                                const char *message)
{
  AppLog *log;
  gint64 now_us = g_get_real_time ();

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  log = ensure_log (self, slug);
  if (log == NULL)
    return;
  catch_up_web (log, now_us);
  append_build_entry (log, now_us, build, message);
}

/* @slug's ring, with the web process's lines due by now; NULL when there is no application. */
HbsLogRing *
hbs_app_logs_get_ring (HbsAppLogs *self, const char *slug)
{
  AppLog *log;

  g_return_val_if_fail (HBS_IS_APP_LOGS (self), NULL);
  log = ensure_log (self, slug);
  if (log == NULL)
    return NULL;
  catch_up_web (log, g_get_real_time ());
  return log->ring;
}

/* A session streams @slug: the web process writes its lines as they are due. */
void
hbs_app_logs_watch (HbsAppLogs *self, const char *slug)
{
  AppLog *log;

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  log = ensure_log (self, slug);
  if (log == NULL || log->watchers++ > 0)
    return;
  arm_web (log);
}

void
hbs_app_logs_unwatch (HbsAppLogs *self, const char *slug)
{
  AppLog *log;

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  log = g_hash_table_lookup (self->apps, slug);
  if (log == NULL || log->watchers == 0 || --log->watchers > 0)
    return;
  arm_web (log);
}

/* The application was deleted: its ring goes, and whoever streams it hears so first. */
void
hbs_app_logs_forget (HbsAppLogs *self, const char *slug)
{
  g_autofree char *copy = g_strdup (slug);

  g_return_if_fail (HBS_IS_APP_LOGS (self));
  if (!g_hash_table_contains (self->apps, copy))
    return;
  g_signal_emit (self, signals[SIGNAL_FORGET], 0, copy);
  g_hash_table_remove (self->apps, copy);
}

/* A URL as a log line shows it: scheme, host, port and path, without the credentials or tokens
 * a user may have put in its user part or query. */
char *
hbs_app_logs_public_url (const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    return g_strdup ("(not a URL)");
  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), NULL, NULL);
}
