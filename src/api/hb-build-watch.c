/* hb-build-watch.c: polls a queued or building HbBuild while referenced
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-build-watch.h"

#define DEFAULT_INTERVAL_MS 2000
#define MAX_INTERVAL_MS 30000

struct _HbBuildWatch
{
  GObject parent_instance;
  HbClient *client;
  char *slug;
  HbBuild *build;
  GCancellable *cancellable;
  guint source_id;
  guint interval_ms;
  guint delay_ms;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (HbBuildWatch, hb_build_watch, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUILD,
  PROP_ACTIVE,
  PROP_INTERVAL,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void schedule_poll (HbBuildWatch *self);

static void
stop (HbBuildWatch *self)
{
  g_clear_handle_id (&self->source_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->active)
    {
      self->active = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}

/* @user_data is the watch, unreferenced: dispose cancels the request, and a
 * cancelled call never completes successfully, so it is only touched when
 * still alive. */
static void
on_polled (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) fresh =
      hb_client_get_resource_finish (HB_CLIENT (source_object), result, &error);
  HbBuildWatch *self = user_data;
  HbBuildStatus before;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (fresh == NULL)
    {
      /* The build or the session is gone: polling cannot help. Keep trying
       * through server and network trouble. */
      if (error->domain == HB_API_ERROR && error->code != HB_API_ERROR_SERVER)
        {
          g_debug ("Stopped watching build %s: %s", hb_resource_get_id (HB_RESOURCE (self->build)),
                   error->message);
          stop (self);
          return;
        }
      self->delay_ms = MIN (self->delay_ms * 2, MAX_INTERVAL_MS);
      schedule_poll (self);
      return;
    }

  before = hb_build_get_status (self->build);
  hb_resource_update_from (HB_RESOURCE (self->build), fresh);
  if (hb_build_status_is_finished (hb_build_get_status (self->build)))
    {
      stop (self);
      return;
    }
  /* Back off while nothing changes; start over when something does. */
  if (before != hb_build_get_status (self->build))
    self->delay_ms = self->interval_ms;
  else
    self->delay_ms = MIN (self->delay_ms * 3 / 2, MAX_INTERVAL_MS);
  schedule_poll (self);
}

static gboolean
on_poll_timeout (gpointer user_data)
{
  HbBuildWatch *self = user_data;

  self->source_id = 0;
  self->cancellable = g_cancellable_new ();
  hb_client_get_resource_async (self->client, HB_TYPE_BUILD, self->slug,
                                hb_resource_get_id (HB_RESOURCE (self->build)), self->cancellable,
                                on_polled, self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (HbBuildWatch *self)
{
  self->source_id = g_timeout_add (self->delay_ms, on_poll_timeout, self);
  g_source_set_name_by_id (self->source_id, "[hb-api] build watch");
}

static void
hb_build_watch_dispose (GObject *object)
{
  HbBuildWatch *self = HB_BUILD_WATCH (object);

  stop (self);
  g_clear_object (&self->client);
  g_clear_object (&self->build);
  G_OBJECT_CLASS (hb_build_watch_parent_class)->dispose (object);
}

static void
hb_build_watch_finalize (GObject *object)
{
  g_free (HB_BUILD_WATCH (object)->slug);
  G_OBJECT_CLASS (hb_build_watch_parent_class)->finalize (object);
}

static void
hb_build_watch_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbBuildWatch *self = HB_BUILD_WATCH (object);

  switch (prop_id)
    {
    case PROP_BUILD:
      g_value_set_object (value, self->build);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_watch_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_INTERVAL:
      hb_build_watch_set_interval (HB_BUILD_WATCH (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_watch_class_init (HbBuildWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hb_build_watch_dispose;
  object_class->finalize = hb_build_watch_finalize;
  object_class->get_property = hb_build_watch_get_property;
  object_class->set_property = hb_build_watch_set_property;

  properties[PROP_BUILD] = g_param_spec_object ("build", NULL, NULL, HB_TYPE_BUILD,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
      g_param_spec_uint ("interval", NULL, NULL, 1, MAX_INTERVAL_MS, DEFAULT_INTERVAL_MS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_build_watch_init (HbBuildWatch *self)
{
  self->interval_ms = DEFAULT_INTERVAL_MS;
  self->delay_ms = DEFAULT_INTERVAL_MS;
}

/**
 * hb_build_watch_new:
 * @client: the client to poll with
 * @slug: the build's application
 * @build: the build to keep up to date
 *
 * While the returned object is referenced, @build is polled with back-off and
 * its `status` and `deployed` notify when they change. Polling stops by itself
 * once the build has succeeded or failed (`active` turns %FALSE); a build that
 * is already finished is not polled at all.
 *
 * Returns: (transfer full): the watch
 */
HbBuildWatch *
hb_build_watch_new (HbClient *client, const char *slug, HbBuild *build)
{
  HbBuildWatch *self;

  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  g_return_val_if_fail (HB_IS_BUILD (build), NULL);

  self = g_object_new (HB_TYPE_BUILD_WATCH, NULL);
  self->client = g_object_ref (client);
  self->slug = g_strdup (slug);
  self->build = g_object_ref (build);
  if (!hb_build_status_is_finished (hb_build_get_status (build)))
    {
      self->active = TRUE;
      schedule_poll (self);
    }
  return self;
}

/** hb_build_watch_get_build: Returns: (transfer none): the watched build */
HbBuild *
hb_build_watch_get_build (HbBuildWatch *self)
{
  g_return_val_if_fail (HB_IS_BUILD_WATCH (self), NULL);
  return self->build;
}

/** hb_build_watch_get_active: Returns: whether the build is still being polled */
gboolean
hb_build_watch_get_active (HbBuildWatch *self)
{
  g_return_val_if_fail (HB_IS_BUILD_WATCH (self), FALSE);
  return self->active;
}

guint
hb_build_watch_get_interval (HbBuildWatch *self)
{
  g_return_val_if_fail (HB_IS_BUILD_WATCH (self), 0);
  return self->interval_ms;
}

/**
 * hb_build_watch_set_interval:
 * @interval_ms: the first (and shortest) delay between polls
 */
void
hb_build_watch_set_interval (HbBuildWatch *self, guint interval_ms)
{
  g_return_if_fail (HB_IS_BUILD_WATCH (self));
  g_return_if_fail (interval_ms > 0);
  if (self->interval_ms == interval_ms)
    return;
  self->interval_ms = interval_ms;
  self->delay_ms = interval_ms;
  if (self->source_id != 0)
    {
      g_source_remove (self->source_id);
      schedule_poll (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}
