/* hbs-simulator.c: live builds (Queued → Building → Succeeded/Failed) and service-hook calls
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-simulator.h"

#include "hbs-json.h"
#include "hbs-seed.h"

#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_STEP_MS 1500
#define HOOK_TIMEOUT_S 10
/* A hook call ends after this however slowly its target answers. */
#define HOOK_DEADLINE_S 30
/* What is read of a hook's reply: enough to see it answered, never its whole body. */
#define HOOK_REPLY_MAX 4096
/* Hook calls in flight at once, and waiting beyond those (later ones are dropped). */
#define MAX_HOOK_CALLS 4
#define MAX_WAITING_HOOKS 256

struct _HbsSimulator
{
  GObject parent_instance;

  HbsStore *store;
  HbsAppLogs *logs;
  guint step_ms;
  GList *runs; /* Run */
  SoupSession *session;
  char *base_url;
  GQueue waiting; /* HookCall not yet sent */
  GQueue calls;   /* HookCall in flight */
};

G_DEFINE_FINAL_TYPE (HbsSimulator, hbs_simulator, G_TYPE_OBJECT)

typedef struct
{
  HbsSimulator *self;
  char *slug;
  char *id;
  gboolean deploy; /* re-deploying a finished build: its results stay */
  guint stage;
  GSource *source;
} Run;

static void
run_free (Run *run)
{
  if (run->source != NULL)
    {
      g_source_destroy (run->source);
      g_source_unref (run->source);
    }
  g_free (run->slug);
  g_free (run->id);
  g_free (run);
}

typedef struct
{
  HbsSimulator *self; /* NULL once the simulator is gone */
  GList link;         /* in self->calls */
  char *slug;         /* whose log says how the call went */
  char *url;          /* as the log shows it */
  gboolean timed_out;
  SoupMessage *msg;
  GCancellable *cancellable;
  GSource *deadline;
  GInputStream *reply;
  guint8 buffer[HOOK_REPLY_MAX];
} HookCall;

static void
hook_call_free (HookCall *call)
{
  if (call->deadline != NULL)
    {
      g_source_destroy (call->deadline);
      g_source_unref (call->deadline);
    }
  g_clear_object (&call->reply);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->msg);
  g_free (call->slug);
  g_free (call->url);
  g_free (call);
}

static void
hbs_simulator_dispose (GObject *object)
{
  HbsSimulator *self = HBS_SIMULATOR (object);

  g_queue_clear_full (&self->waiting, (GDestroyNotify) hook_call_free);
  /* Calls in flight finish on their own, cancelled, without us. */
  for (GList *l = self->calls.head; l != NULL; l = l->next)
    {
      HookCall *call = l->data;

      call->self = NULL;
      g_cancellable_cancel (call->cancellable);
    }
  g_queue_init (&self->calls);
  g_list_free_full (g_steal_pointer (&self->runs), (GDestroyNotify) run_free);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (hbs_simulator_parent_class)->dispose (object);
}

static void
hbs_simulator_finalize (GObject *object)
{
  HbsSimulator *self = HBS_SIMULATOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->logs);
  g_clear_pointer (&self->base_url, g_free);
  G_OBJECT_CLASS (hbs_simulator_parent_class)->finalize (object);
}

static void
hbs_simulator_class_init (HbsSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hbs_simulator_dispose;
  object_class->finalize = hbs_simulator_finalize;
}

static void
hbs_simulator_init (HbsSimulator *self)
{
  self->step_ms = DEFAULT_STEP_MS;
  g_queue_init (&self->waiting);
  g_queue_init (&self->calls);
}

HbsSimulator *
hbs_simulator_new (HbsStore *store, HbsAppLogs *logs)
{
  HbsSimulator *self = g_object_new (HBS_TYPE_SIMULATOR, NULL);

  self->store = g_object_ref (store);
  self->logs = g_object_ref (logs);
  return self;
}

void
hbs_simulator_set_step_ms (HbsSimulator *self, guint ms)
{
  self->step_ms = MAX (ms, 1);
}

void
hbs_simulator_set_base_url (HbsSimulator *self, const char *base_url)
{
  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

guint
hbs_simulator_get_step_ms (HbsSimulator *self)
{
  return self->step_ms;
}

static void start_hook_calls (HbsSimulator *self);

/* Hooks are fire and forget, as AppHarbor's were: whatever the target answers, or if it never
 * does, nothing changes; the call only frees its place for the next. */
static void
hook_call_done (HookCall *call)
{
  HbsSimulator *self = call->self;

  if (self != NULL)
    g_queue_unlink (&self->calls, &call->link);
  hook_call_free (call);
  if (self != NULL)
    start_hook_calls (self);
}

static void log_hook (HookCall *call, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* A line in the application's log about @call, unless the simulator is gone. */
static void
log_hook (HookCall *call, const char *format, ...)
{
  g_autofree char *outcome = NULL;
  va_list args;

  if (call->self == NULL)
    return;
  va_start (args, format);
  outcome = g_strdup_vprintf (format, args);
  va_end (args);
  hbs_app_logs_write (call->self->logs, call->slug, "appharbor", "servicehook",
                      "Service hook %s %s", call->url, outcome);
}

static void
hook_reply_closed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (source), result, NULL);
  hook_call_done (user_data);
}

/* At most HOOK_REPLY_MAX bytes are read: a hook answering 400 MB costs 4 KiB. Closing the
 * reply early makes libsoup drop the connection rather than read the rest. */
static void
hook_reply_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HookCall *call = user_data;
  gsize n = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &n, NULL);
  g_debug ("hook answered %u (%" G_GSIZE_FORMAT " bytes read)", soup_message_get_status (call->msg),
           n);
  log_hook (call, "answered %u %s", soup_message_get_status (call->msg),
            soup_status_get_phrase (soup_message_get_status (call->msg)));
  g_input_stream_close_async (call->reply, G_PRIORITY_DEFAULT, NULL, hook_reply_closed_cb, call);
}

static void
hook_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  HookCall *call = user_data;
  g_autoptr (GError) error = NULL;

  call->reply = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (call->reply == NULL)
    {
      if (call->timed_out)
        log_hook (call, "did not answer within %d s", HOOK_DEADLINE_S);
      else
        log_hook (call, "could not be called: %s", error->message);
      hook_call_done (call);
      return;
    }
  g_input_stream_read_all_async (call->reply, call->buffer, sizeof call->buffer, G_PRIORITY_DEFAULT,
                                 call->cancellable, hook_reply_read_cb, call);
}

static gboolean
hook_deadline_cb (gpointer user_data)
{
  HookCall *call = user_data;

  g_clear_pointer (&call->deadline, g_source_unref);
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
send_hook (HbsSimulator *self, HookCall *call)
{
  call->link.data = call;
  g_queue_push_tail_link (&self->calls, &call->link);
  call->cancellable = g_cancellable_new ();
  call->deadline = g_timeout_source_new_seconds (HOOK_DEADLINE_S);
  g_source_set_callback (call->deadline, hook_deadline_cb, call, NULL);
  g_source_set_name (call->deadline, "[hbs] hook call deadline");
  g_source_attach (call->deadline, g_main_context_get_thread_default ());
  call->self = self;
  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT, call->cancellable,
                           hook_sent_cb, call);
}

static void
start_hook_calls (HbsSimulator *self)
{
  while (self->calls.length < MAX_HOOK_CALLS && !g_queue_is_empty (&self->waiting))
    send_hook (self, g_queue_pop_head (&self->waiting));
}

/* The payload AppHarbor POSTed to each hook after a build (appharbor-api.md §3.8). The server
 * URLs use the address it listens on. */
static char *
hook_payload (JsonObject *app, JsonObject *build, const char *base)
{
  g_autoptr (JsonObject) root = json_object_new ();
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *application = json_object_new ();
  JsonObject *b = json_object_new ();
  JsonObject *branch = json_object_new ();
  const char *slug = hbs_json_get_string (app, "slug");
  const char *id = hbs_json_get_string (build, "id");
  g_autofree char *app_url = g_strdup_printf ("%s/applications/%s", base, slug);
  g_autofree char *build_url = g_strdup_printf ("%s/builds/%s", app_url, id);
  g_autofree char *status = g_ascii_strdown (hbs_json_get_string (build, "status"), -1);

  json_object_set_string_member (application, "name", hbs_json_get_string (app, "name"));
  json_object_set_string_member (application, "slug", slug);
  json_object_set_string_member (application, "url", app_url);
  json_object_set_string_member (branch, "name", hbs_json_get_string (build, "branch"));
  json_object_set_object_member (branch, "commit", hbs_store_build_commit (build));
  json_object_set_string_member (b, "id", id);
  json_object_set_object_member (b, "branch", branch);
  json_object_set_object_member (b, "commit", hbs_store_build_commit (build));
  json_object_set_string_member (b, "status", status);
  json_object_set_string_member (b, "url", build_url);
  json_object_set_object_member (root, "application", application);
  json_object_set_object_member (root, "build", b);
  json_node_set_object (node, root);
  return json_to_string (node, FALSE);
}

static void
call_hooks (HbsSimulator *self, JsonObject *app, JsonObject *build)
{
  JsonArray *hooks = hbs_json_get_array (app, "servicehooks");
  g_autofree char *payload =
      hook_payload (app, build, self->base_url != NULL ? self->base_url : "");
  g_autoptr (GBytes) bytes = g_bytes_new (payload, strlen (payload));

  if (self->session == NULL)
    self->session =
        soup_session_new_with_options ("timeout", HOOK_TIMEOUT_S, "user-agent",
                                       "harbor-server hooks", "max-conns", MAX_HOOK_CALLS, NULL);
  for (guint i = 0; hooks != NULL && i < json_array_get_length (hooks); i++)
    {
      const char *url = hbs_json_get_string (json_array_get_object_element (hooks, i), "value");
      SoupMessage *msg = url != NULL ? soup_message_new ("POST", url) : NULL;
      g_autofree char *shown = url != NULL ? hbs_app_logs_public_url (url) : NULL;
      const char *slug = hbs_json_get_string (app, "slug");
      HookCall *call;

      if (msg == NULL)
        continue;
      if (g_queue_get_length (&self->waiting) >= MAX_WAITING_HOOKS)
        {
          g_debug ("too many hook calls waiting: not calling %s", url);
          hbs_app_logs_write (self->logs, slug, "appharbor", "servicehook",
                              "Service hook %s not called: too many calls waiting", shown);
          g_object_unref (msg);
          continue;
        }
      /* A hook URL must not bounce the call (and the payload) somewhere else. */
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      call = g_new0 (HookCall, 1);
      call->msg = msg;
      call->slug = g_strdup (slug);
      call->url = g_steal_pointer (&shown);
      g_queue_push_tail (&self->waiting, call);
    }
  start_hook_calls (self);
}

/* The outcome of a triggered build: a commit message mentioning "[fail]" fails, so a client
 * test can ask for either ending. */
static gboolean
build_fails (JsonObject *build)
{
  const char *message = hbs_json_get_string (build, "commit_message");

  return message != NULL && strstr (message, "[fail]") != NULL;
}

/* Records a stage in the build's own log (B2's log_entries) and in its application's log. */
static void
log_stage (
    HbsSimulator *self, JsonObject *app, JsonObject *build, const char *now, const char *message)
{
  hbs_store_add_log_entry (build, now, message);
  hbs_app_logs_write_build_entry (self->logs, hbs_json_get_string (app, "slug"), build, message);
}

static void
finish (HbsSimulator *self, JsonObject *app, JsonObject *build, gboolean deploy)
{
  g_autofree char *now = hbs_store_now ();
  gboolean failed = !deploy && build_fails (build);

  json_object_set_string_member (build, "status", failed ? "Failed" : "Succeeded");
  json_object_remove_member (build, "live");
  json_object_remove_member (build, "redeploy");
  if (!deploy)
    {
      g_autofree char *key = g_strdup_printf ("%s:%s", hbs_json_get_string (app, "slug"),
                                              hbs_json_get_string (build, "id"));

      log_stage (self, app, build, now, failed ? "Build failed: tests failed" : "Build succeeded");
      hbs_seed_set_tests (build, 8 + g_str_hash (key) % 24, failed ? 4 : 0, 9);
    }
  if (!failed)
    {
      json_object_set_string_member (build, "deployed", now);
      log_stage (self, app, build, now, "Deployed");
    }
  call_hooks (self, app, build);
}

static gboolean
step_cb (gpointer user_data)
{
  Run *run = user_data;
  HbsSimulator *self = run->self;
  JsonObject *app = hbs_store_find_app (self->store, run->slug);
  JsonObject *build = app != NULL ? hbs_store_find_item (app, "builds", run->id) : NULL;
  g_autofree char *now = hbs_store_now ();

  run->stage++;
  if (build != NULL && run->stage == 1)
    {
      json_object_set_string_member (build, "status", "Building");
      log_stage (self, app, build, now, run->deploy ? "Deploying" : "Building");
    }
  else if (build != NULL && run->stage == 2 && !run->deploy)
    log_stage (self, app, build, now, "Running tests");
  else if (build != NULL)
    finish (self, app, build, run->deploy);
  hbs_store_changed (self->store);

  if (build != NULL && (run->stage < 2 || (run->stage == 2 && !run->deploy)))
    return G_SOURCE_CONTINUE;
  g_clear_pointer (&run->source, g_source_unref);
  self->runs = g_list_remove (self->runs, run);
  run_free (run);
  return G_SOURCE_REMOVE;
}

/* Moves the build along one stage per step on the thread-default main context. */
void
hbs_simulator_start (HbsSimulator *self, const char *slug, const char *id, gboolean deploy)
{
  Run *run = g_new0 (Run, 1);

  run->self = self;
  run->slug = g_strdup (slug);
  run->id = g_strdup (id);
  run->deploy = deploy;
  run->source = g_timeout_source_new (self->step_ms);
  g_source_set_callback (run->source, step_cb, run, NULL);
  g_source_set_name (run->source, "[hbs] live build");
  g_source_attach (run->source, g_main_context_get_thread_default ());
  self->runs = g_list_prepend (self->runs, run);
}

/* Builds still live in a loaded world start again from Queued. */
void
hbs_simulator_resume (HbsSimulator *self)
{
  JsonArray *apps = hbs_store_get_apps (self->store);

  for (guint a = 0; a < json_array_get_length (apps); a++)
    {
      JsonObject *app = json_array_get_object_element (apps, a);
      JsonArray *builds = hbs_json_get_array (app, "builds");

      for (guint b = 0; builds != NULL && b < json_array_get_length (builds); b++)
        {
          JsonObject *build = json_array_get_object_element (builds, b);

          if (!hbs_json_get_boolean (build, "live", FALSE))
            continue;
          json_object_set_string_member (build, "status", "Queued");
          hbs_simulator_start (self, hbs_json_get_string (app, "slug"),
                               hbs_json_get_string (build, "id"),
                               hbs_json_get_boolean (build, "redeploy", FALSE));
        }
    }
}
