/* hb-app-list.c: the signed-in user's applications as a remote list, with their latest status
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app-list.h"

#include "hb-app-private.h"
#include "hb-remote-list-private.h"

struct _HbAppList
{
  HbRemoteList parent_instance;
  HbClient *client;
  GCancellable *status_cancellable; /* the status requests of the last answer */
};

G_DEFINE_FINAL_TYPE (HbAppList, hb_app_list, HB_TYPE_REMOTE_LIST)

enum
{
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* The client's answer goes straight back to HbRemoteList, which asks fetch_finish for it. */
static void
hb_app_list_fetch_async (HbRemoteList *list,
                         guint offset,
                         GCancellable *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer user_data)
{
  hb_client_list_resource_async (HB_APP_LIST (list)->client, HB_TYPE_APP, NULL, cancellable,
                                 callback, user_data);
}

static GPtrArray *
hb_app_list_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  g_autoptr (GListModel) apps =
      hb_client_list_resource_finish (HB_APP_LIST (list)->client, result, error);

  return apps != NULL ? _hb_list_model_to_ptr_array (apps) : NULL;
}

/* Only the application is touched: the list may be gone, its requests cancelled. A status
 * that was known keeps its value when asking again fails; the error says why it may be old,
 * or why there is none. */
static void
latest_build_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbApp) app = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbBuild) latest = NULL;

  if (!hb_client_get_latest_build_finish (HB_CLIENT (source), result, &latest, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _hb_app_set_status_error (app, error);
      return;
    }
  _hb_app_set_status (app, latest != NULL ? hb_build_get_status (latest) : HB_BUILD_STATUS_UNKNOWN);
  _hb_app_set_status_error (app, NULL);
}

/* The list endpoint carries no status, so each application's newest build is asked for:
 * once per answer, never per row shown, in the client's background lane (a click never waits
 * behind them). Until it comes, a status keeps its last value. */
static void
hb_app_list_fetched (HbRemoteList *list)
{
  HbAppList *self = HB_APP_LIST (list);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);
  self->status_cancellable = g_cancellable_new ();
  for (guint i = 0; i < n; i++)
    {
      HbApp *app = g_list_model_get_item (G_LIST_MODEL (list), i);

      hb_client_get_latest_build_async (self->client, hb_app_get_slug (app),
                                        self->status_cancellable, latest_build_cb, app);
    }
}

static void
hb_app_list_dispose (GObject *object)
{
  HbAppList *self = HB_APP_LIST (object);

  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->status_cancellable);
  G_OBJECT_CLASS (hb_app_list_parent_class)->dispose (object);
  g_clear_object (&self->client);
}

static void
hb_app_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, HB_APP_LIST (object)->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CLIENT:
      HB_APP_LIST (object)->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_list_class_init (HbAppListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbRemoteListClass *list_class = HB_REMOTE_LIST_CLASS (klass);

  object_class->dispose = hb_app_list_dispose;
  object_class->get_property = hb_app_list_get_property;
  object_class->set_property = hb_app_list_set_property;
  list_class->fetch_async = hb_app_list_fetch_async;
  list_class->fetch_finish = hb_app_list_fetch_finish;
  list_class->fetched = hb_app_list_fetched;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_app_list_init (HbAppList *self)
{
}

/**
 * hb_app_list_new:
 * @client: the client to fetch with
 *
 * The list starts empty; call hb_remote_list_reload() to fill it. Each answer also asks
 * for every application's latest build, whose status becomes #HbApp:status.
 *
 * Returns: (transfer full): a new list of #HbApp
 */
HbAppList *
hb_app_list_new (HbClient *client)
{
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  return g_object_new (HB_TYPE_APP_LIST, "client", client, "item-type", HB_TYPE_APP, NULL);
}

/** hb_app_list_get_client: Returns: (transfer none): the client */
HbClient *
hb_app_list_get_client (HbAppList *self)
{
  g_return_val_if_fail (HB_IS_APP_LIST (self), NULL);
  return self->client;
}
