/* hbs-simulator.c: live builds (Queued → Building → Succeeded/Failed) and service-hook calls
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-simulator.h"

#include "hbs-json.h"
#include "hbs-seed.h"

#include <libsoup/soup.h>
#include <string.h>

#define DEFAULT_STEP_MS 1500
#define HOOK_TIMEOUT_S 10

struct _HbsSimulator
{
  GObject parent_instance;

  HbsStore *store;
  guint step_ms;
  GList *runs; /* Run */
  SoupSession *session;
  GCancellable *cancellable;
  char *base_url;
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

static void
hbs_simulator_dispose (GObject *object)
{
  HbsSimulator *self = HBS_SIMULATOR (object);

  g_cancellable_cancel (self->cancellable);
  g_list_free_full (g_steal_pointer (&self->runs), (GDestroyNotify) run_free);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (hbs_simulator_parent_class)->dispose (object);
}

static void
hbs_simulator_finalize (GObject *object)
{
  HbsSimulator *self = HBS_SIMULATOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
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
  self->cancellable = g_cancellable_new ();
}

HbsSimulator *
hbs_simulator_new (HbsStore *store)
{
  HbsSimulator *self = g_object_new (HBS_TYPE_SIMULATOR, NULL);

  self->store = g_object_ref (store);
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

static void
hook_sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);

  /* Hooks are fire and forget, as AppHarbor's were: an unreachable target changes nothing. */
  g_clear_pointer (&bytes, g_bytes_unref);
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

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("timeout", HOOK_TIMEOUT_S, "user-agent",
                                                   "harbor-server hooks", NULL);
  for (guint i = 0; hooks != NULL && i < json_array_get_length (hooks); i++)
    {
      const char *url = hbs_json_get_string (json_array_get_object_element (hooks, i), "value");
      g_autoptr (SoupMessage) msg = url != NULL ? soup_message_new ("POST", url) : NULL;
      g_autoptr (GBytes) bytes = g_bytes_new (payload, strlen (payload));

      if (msg == NULL)
        continue;
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable,
                                        hook_sent_cb, NULL);
    }
}

/* The outcome of a triggered build: a commit message mentioning "[fail]" fails, so a client
 * test can ask for either ending. */
static gboolean
build_fails (JsonObject *build)
{
  const char *message = hbs_json_get_string (build, "commit_message");

  return message != NULL && strstr (message, "[fail]") != NULL;
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

      hbs_store_add_log_entry (build, now,
                               failed ? "Build failed: tests failed" : "Build succeeded");
      hbs_seed_set_tests (build, 8 + g_str_hash (key) % 24, failed ? 4 : 0, 9);
    }
  if (!failed)
    {
      json_object_set_string_member (build, "deployed", now);
      hbs_store_add_log_entry (build, now, "Deployed");
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
      hbs_store_add_log_entry (build, now, run->deploy ? "Deploying" : "Building");
    }
  else if (build != NULL && run->stage == 2 && !run->deploy)
    hbs_store_add_log_entry (build, now, "Running tests");
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
