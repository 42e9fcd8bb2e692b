/* hb-build-notifier.c: watches the builds a person cares about (deployed in Harbor, or of an
 * application marked "Notify me"), says on the desktop how each ended when no Harbor window
 * has the focus, and keeps Harbor running in the background until they end
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "hb-build-notifier.h"

/* A build that has not ended after this long is let go: Harbor does not stay in the
 * background for ever on a build the service never finishes. */
#define GIVE_UP_S (60 * 60)
/* A "Notify me" application's builds are listed this many at a time, newest first. */
#define LISTED_BUILDS 10
/* The first delay of a watched build's polls (HbBuildWatch backs off from there). */
#define WATCH_INTERVAL_MS 2000

struct _HbBuildNotifier
{
  GObject parent_instance;

  GApplication *application; /* not referenced: it owns the notifier */
  HbClient *client;
  GSettings *settings; /* nullable */
  guint poll_ms;
  GHashTable *watched;  /* "slug/id" → Watched */
  GHashTable *followed; /* slug → Followed: the "Notify me" applications */
  GHashTable *notified; /* notification id → slug, until taken back */
  guint poll_id;
  gboolean held;
};

G_DEFINE_FINAL_TYPE (HbBuildNotifier, hb_build_notifier, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_WATCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  HbBuildNotifier *self;
  char *slug;
  char *build_id;
  gboolean started_here; /* deployed or started in Harbor: watched whatever "Notify me" says */
  HbBuild *build;        /* NULL while it is fetched */
  HbBuildWatch *watch;
  GCancellable *cancellable; /* the fetch of the build, then of its application's name */
  guint give_up_id;
} Watched;

typedef struct
{
  HbBuildNotifier *self;
  char *slug;
  GHashTable *known;         /* the build ids of the last listing */
  gboolean primed;           /* listed once: an id not known since is a new build */
  GCancellable *cancellable; /* the listing in flight, or NULL */
} Followed;

static char *
watch_key (const char *slug, const char *build_id)
{
  return g_strconcat (slug, "/", build_id, NULL);
}

char *
hb_build_notifier_dup_notification_id (const char *slug, const char *build_id)
{
  return g_strconcat ("build/", slug, "/", build_id, NULL);
}

/* ---- holding the application ---- */

/* While a build is watched Harbor stays: closing its window leaves it watching. */
static void
update_hold (HbBuildNotifier *self)
{
  gboolean want = g_hash_table_size (self->watched) > 0;

  if (want == self->held || self->application == NULL)
    return;
  self->held = want;
  if (want)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

static void
watched_free (Watched *w)
{
  g_cancellable_cancel (w->cancellable);
  g_clear_object (&w->cancellable);
  g_clear_handle_id (&w->give_up_id, g_source_remove);
  if (w->watch != NULL)
    g_signal_handlers_disconnect_by_data (w->watch, w);
  g_clear_object (&w->watch);
  g_clear_object (&w->build);
  g_free (w->slug);
  g_free (w->build_id);
  g_free (w);
}

static void
drop (HbBuildNotifier *self, Watched *w)
{
  g_autofree char *key = watch_key (w->slug, w->build_id);

  g_hash_table_remove (self->watched, key);
  update_hold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WATCHED]);
}

guint
hb_build_notifier_get_n_watched (HbBuildNotifier *self)
{
  g_return_val_if_fail (HB_IS_BUILD_NOTIFIER (self), 0);
  return g_hash_table_size (self->watched);
}

/* ---- telling ---- */

/* Someone looking at a Harbor window sees the build end there. */
static gboolean
harbor_has_focus (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_is_active (window))
        return TRUE;
    }
  return FALSE;
}

static gboolean
wanted (HbBuildNotifier *self)
{
  return self->settings == NULL || g_settings_get_boolean (self->settings, "build-notifications");
}

static GNotification *
notification_new (Watched *w, const char *app_name)
{
  gboolean failed = hb_build_get_status (w->build) == HB_BUILD_STATUS_FAILED;
  const char *message = hb_build_get_commit_message (w->build);
  g_autofree char *title =
      g_strdup_printf (failed ? _ ("Build failed — %s") : _ ("Build succeeded — %s"), app_name);
  g_autofree char *body = g_strstrip (g_strdup (message != NULL ? message : ""));
  GVariant *target = g_variant_new ("(ss)", w->slug, w->build_id);
  GNotification *notification = g_notification_new (title);

  if (*body != '\0')
    g_notification_set_body (notification, body);
  g_notification_set_priority (notification, failed ? G_NOTIFICATION_PRIORITY_HIGH
                                                    : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target_value (notification, "app.show-build", target);
  /* As its row offers them: a finished build with tests. */
  if (hb_build_get_tests_url (w->build) != NULL)
    g_notification_add_button_with_target_value (notification, _ ("Test Results"),
                                                 "app.show-build-tests", target);
  return notification;
}

static void
send (HbBuildNotifier *self, Watched *w, const char *app_name)
{
  g_autofree char *id = hb_build_notifier_dup_notification_id (w->slug, w->build_id);
  g_autoptr (GNotification) notification = notification_new (w, app_name);

  g_debug ("Build %s of %s ended: notifying", w->build_id, w->slug);
  g_application_send_notification (self->application, id, notification);
  g_hash_table_replace (self->notified, g_steal_pointer (&id), g_strdup (w->slug));
}

static void
app_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) app = hb_client_get_resource_finish (HB_CLIENT (source), result, &error);
  Watched *w = user_data;

  /* A cancelled fetch means the record is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The slug names it well enough when the name cannot be had. */
  send (w->self, w, app != NULL ? hb_app_get_name (HB_APP (app)) : w->slug);
  drop (w->self, w);
}

/* The build ended: the desktop hears of it unless someone is looking at Harbor, or does not
 * want to know. The name is asked for now: it may have changed since the build started. */
static void
ended (HbBuildNotifier *self, Watched *w)
{
  if (!wanted (self) || harbor_has_focus ())
    {
      g_debug ("Build %s of %s ended, not notifying", w->build_id, w->slug);
      drop (self, w);
      return;
    }
  g_cancellable_cancel (w->cancellable);
  g_clear_object (&w->cancellable);
  w->cancellable = g_cancellable_new ();
  hb_client_get_resource_async (self->client, HB_TYPE_APP, NULL, w->slug, w->cancellable, app_cb,
                                w);
}

/* ---- watching ---- */

static void
on_watch_active (HbBuildWatch *watch, GParamSpec *pspec, Watched *w)
{
  if (hb_build_watch_get_active (watch))
    return;
  /* Finished, or gone (deleted, signed out): only a finished build is told. */
  if (hb_build_status_is_finished (hb_build_get_status (w->build)))
    ended (w->self, w);
  else
    drop (w->self, w);
}

static gboolean
give_up (gpointer user_data)
{
  Watched *w = user_data;

  g_debug ("Stopped watching build %s of %s: it did not end", w->build_id, w->slug);
  w->give_up_id = 0;
  drop (w->self, w);
  return G_SOURCE_REMOVE;
}

static void
follow_build (HbBuildNotifier *self, Watched *w, HbBuild *build)
{
  w->build = g_object_ref (build);
  if (hb_build_status_is_finished (hb_build_get_status (build)))
    {
      ended (self, w);
      return;
    }
  w->watch = hb_build_watch_new (self->client, w->slug, build);
  hb_build_watch_set_interval (w->watch, MIN (WATCH_INTERVAL_MS, self->poll_ms));
  g_signal_connect (w->watch, "notify::active", G_CALLBACK (on_watch_active), w);
}

static void
build_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) build = hb_client_get_resource_finish (HB_CLIENT (source), result, &error);
  Watched *w = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (build == NULL)
    {
      /* GETs are retried already; what is left will not get better by waiting. */
      g_debug ("Cannot watch build %s of %s: %s", w->build_id, w->slug, error->message);
      drop (w->self, w);
      return;
    }
  follow_build (w->self, w, HB_BUILD (build));
}

/* The record of a build now watched, or NULL when it already was. */
static Watched *
add_watched (HbBuildNotifier *self, const char *slug, const char *build_id, gboolean started_here)
{
  g_autofree char *key = watch_key (slug, build_id);
  Watched *w = g_hash_table_lookup (self->watched, key);

  if (w != NULL)
    {
      w->started_here |= started_here;
      return NULL;
    }
  w = g_new0 (Watched, 1);
  w->self = self;
  w->slug = g_strdup (slug);
  w->build_id = g_strdup (build_id);
  w->started_here = started_here;
  w->cancellable = g_cancellable_new ();
  w->give_up_id = g_timeout_add_seconds (GIVE_UP_S, give_up, w);
  g_hash_table_insert (self->watched, g_steal_pointer (&key), w);
  update_hold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WATCHED]);
  return w;
}

void
hb_build_notifier_watch (HbBuildNotifier *self, const char *slug, const char *build_id)
{
  Watched *w;

  g_return_if_fail (HB_IS_BUILD_NOTIFIER (self));
  g_return_if_fail (slug != NULL && build_id != NULL);

  w = add_watched (self, slug, build_id, TRUE);
  if (w != NULL)
    hb_client_get_resource_async (self->client, HB_TYPE_BUILD, slug, build_id, w->cancellable,
                                  build_cb, w);
}

/* ---- "Notify me" applications ---- */

/* Whether @settings' notify-apps lists @slug. */
gboolean
hb_build_notifier_follows (GSettings *settings, const char *slug)
{
  g_auto (GStrv) slugs = g_settings_get_strv (settings, "notify-apps");

  return g_strv_contains ((const char *const *) slugs, slug);
}

/* Adds @slug to notify-apps, or takes it out; the notifier follows the setting. */
void
hb_build_notifier_set_follows (GSettings *settings, const char *slug, gboolean follow)
{
  g_auto (GStrv) slugs = g_settings_get_strv (settings, "notify-apps");
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) changed = NULL;

  if (follow == g_strv_contains ((const char *const *) slugs, slug))
    return;
  for (guint i = 0; slugs[i] != NULL; i++)
    if (!g_str_equal (slugs[i], slug))
      g_strv_builder_add (builder, slugs[i]);
  if (follow)
    g_strv_builder_add (builder, slug);
  changed = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "notify-apps", (const char *const *) changed);
}

static void
followed_free (Followed *f)
{
  g_cancellable_cancel (f->cancellable);
  g_clear_object (&f->cancellable);
  g_hash_table_unref (f->known);
  g_free (f->slug);
  g_free (f);
}

/* A build the listing shows for the first time: one running is watched; one that already
 * ended did so since the last listing, and is told at once. */
static void
new_build (HbBuildNotifier *self, Followed *f, HbBuild *build)
{
  Watched *w = add_watched (self, f->slug, hb_resource_get_id (HB_RESOURCE (build)), FALSE);

  if (w != NULL)
    follow_build (self, w, build);
}

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) builds = hb_client_list_builds_finish (HB_CLIENT (source), result, &error);
  Followed *f = user_data;
  g_autoptr (GHashTable) known = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&f->cancellable);
  if (builds == NULL)
    {
      g_debug ("Cannot list the builds of %s: %s", f->slug, error->message);
      return; /* the next round tries again */
    }

  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (builds); i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (builds, i);
      const char *id = hb_resource_get_id (HB_RESOURCE (build));
      gboolean running = !hb_build_status_is_finished (hb_build_get_status (build));

      if (running || (f->primed && !g_hash_table_contains (f->known, id)))
        new_build (f->self, f, build);
      g_hash_table_add (known, g_strdup (id));
    }
  g_hash_table_unref (f->known);
  f->known = g_steal_pointer (&known);
  f->primed = TRUE;
}

static void
list_builds (HbBuildNotifier *self, Followed *f)
{
  /* Signed out, a request would only ask to sign in again. */
  if (f->cancellable != NULL || !hb_client_get_signed_in (self->client))
    return;
  f->cancellable = g_cancellable_new ();
  hb_client_list_builds_async (self->client, f->slug, LISTED_BUILDS, 0, f->cancellable, listed_cb,
                               f);
}

static gboolean
poll_followed (gpointer user_data)
{
  HbBuildNotifier *self = user_data;
  GHashTableIter iter;
  gpointer f;

  g_hash_table_iter_init (&iter, self->followed);
  while (g_hash_table_iter_next (&iter, NULL, &f))
    list_builds (self, f);
  return G_SOURCE_CONTINUE;
}

/* Builds watched only because their application was followed, and it no longer is. */
static void
drop_unfollowed (HbBuildNotifier *self)
{
  GHashTableIter iter;
  Watched *w;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &w))
    if (!w->started_here && !g_hash_table_contains (self->followed, w->slug))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (!changed)
    return;
  update_hold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WATCHED]);
}

static void
on_followed_changed (HbBuildNotifier *self)
{
  g_auto (GStrv) slugs = g_settings_get_strv (self->settings, "notify-apps");
  GHashTableIter iter;
  gpointer slug;

  g_hash_table_iter_init (&iter, self->followed);
  while (g_hash_table_iter_next (&iter, &slug, NULL))
    if (!g_strv_contains ((const char *const *) slugs, slug))
      g_hash_table_iter_remove (&iter);
  for (guint i = 0; slugs[i] != NULL; i++)
    if (!g_hash_table_contains (self->followed, slugs[i]))
      {
        Followed *f = g_new0 (Followed, 1);

        f->self = self;
        f->slug = g_strdup (slugs[i]);
        f->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_hash_table_insert (self->followed, g_strdup (slugs[i]), f);
        list_builds (self, f); /* builds already running are watched from now */
      }
  drop_unfollowed (self);

  if (g_hash_table_size (self->followed) == 0)
    g_clear_handle_id (&self->poll_id, g_source_remove);
  else if (self->poll_id == 0)
    {
      self->poll_id = g_timeout_add (self->poll_ms, poll_followed, self);
      g_source_set_name_by_id (self->poll_id, "[hb] notify-me builds");
    }
}

/* Signed in: the followed applications are listed now. Signed out: nothing can be watched. */
static void
on_signed_in (HbBuildNotifier *self)
{
  if (hb_client_get_signed_in (self->client))
    {
      poll_followed (self);
      return;
    }
  g_hash_table_remove_all (self->watched);
  update_hold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WATCHED]);
}

/* ---- taking back ---- */

void
hb_build_notifier_withdraw (HbBuildNotifier *self, const char *slug, const char *build_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (HB_IS_BUILD_NOTIFIER (self));

  id = hb_build_notifier_dup_notification_id (slug, build_id);
  /* After a restart (the desktop started Harbor for the notification) the table is empty:
   * taking back an id that is not shown is harmless. */
  g_hash_table_remove (self->notified, id);
  g_application_withdraw_notification (self->application, id);
}

void
hb_build_notifier_withdraw_app (HbBuildNotifier *self, const char *slug)
{
  GHashTableIter iter;
  gpointer id, owner;

  g_return_if_fail (HB_IS_BUILD_NOTIFIER (self));

  g_hash_table_iter_init (&iter, self->notified);
  while (g_hash_table_iter_next (&iter, &id, &owner))
    if (g_strcmp0 (owner, slug) == 0)
      {
        g_application_withdraw_notification (self->application, id);
        g_hash_table_iter_remove (&iter);
      }
}

/* ---- actions ---- */

static void
watch_build_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  const char *slug, *build_id;

  g_variant_get (param, "(&s&s)", &slug, &build_id);
  hb_build_notifier_watch (user_data, slug, build_id);
}

static void
builds_seen_action (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  hb_build_notifier_withdraw_app (user_data, g_variant_get_string (param, NULL));
}

static const GActionEntry actions[] = {
  { "watch-build", watch_build_action, "(ss)" },
  { "builds-seen", builds_seen_action, "s" },
};

/* ---- GObject ---- */

static void
hb_build_notifier_dispose (GObject *object)
{
  HbBuildNotifier *self = HB_BUILD_NOTIFIER (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_hash_table_remove_all (self->watched);
  g_hash_table_remove_all (self->followed);
  update_hold (self);
  if (self->application != NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
        g_action_map_remove_action (G_ACTION_MAP (self->application), actions[i].name);
      g_action_map_remove_action (G_ACTION_MAP (self->application), "build-notifications");
      g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
      self->application = NULL;
    }
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hb_build_notifier_parent_class)->dispose (object);
}

static void
hb_build_notifier_finalize (GObject *object)
{
  HbBuildNotifier *self = HB_BUILD_NOTIFIER (object);

  g_hash_table_unref (self->watched);
  g_hash_table_unref (self->followed);
  g_hash_table_unref (self->notified);

  G_OBJECT_CLASS (hb_build_notifier_parent_class)->finalize (object);
}

static void
hb_build_notifier_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_N_WATCHED:
      g_value_set_uint (value, hb_build_notifier_get_n_watched (HB_BUILD_NOTIFIER (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_notifier_class_init (HbBuildNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hb_build_notifier_dispose;
  object_class->finalize = hb_build_notifier_finalize;
  object_class->get_property = hb_build_notifier_get_property;

  properties[PROP_N_WATCHED] =
      g_param_spec_uint ("n-watched", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_build_notifier_init (HbBuildNotifier *self)
{
  const char *poll = g_getenv ("HARBOR_TEST_BUILD_POLL_MS");

  self->poll_ms = HB_BUILD_NOTIFIER_POLL_MS;
  if (poll != NULL && g_ascii_strtoull (poll, NULL, 10) > 0)
    self->poll_ms = MIN (g_ascii_strtoull (poll, NULL, 10), HB_BUILD_NOTIFIER_POLL_MS);
  self->watched =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) watched_free);
  self->followed =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) followed_free);
  self->notified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

HbBuildNotifier *
hb_build_notifier_new (GApplication *application, HbClient *client, GSettings *settings)
{
  HbBuildNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);

  self = g_object_new (HB_TYPE_BUILD_NOTIFIER, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->client = g_object_ref (client);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions),
                                   self);
  g_signal_connect_swapped (client, "notify::signed-in", G_CALLBACK (on_signed_in), self);
  if (settings != NULL)
    {
      g_autoptr (GAction) toggle = g_settings_create_action (settings, "build-notifications");

      self->settings = g_object_ref (settings);
      g_action_map_add_action (G_ACTION_MAP (application), toggle);
      g_signal_connect_object (settings, "changed::notify-apps", G_CALLBACK (on_followed_changed),
                               self, G_CONNECT_SWAPPED);
      on_followed_changed (self);
    }
  return self;
}
