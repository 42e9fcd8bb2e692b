/* hb-app-list.c: the signed-in user's applications as a remote list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-app-list.h"

#include "hb-remote-list-private.h"

struct _HbAppList
{
  HbRemoteList parent_instance;
  HbClient *client;
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
  hb_client_list_apps_async (HB_APP_LIST (list)->client, cancellable, callback, user_data);
}

static GPtrArray *
hb_app_list_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  g_autoptr (GListModel) apps =
      hb_client_list_apps_finish (HB_APP_LIST (list)->client, result, error);

  return apps != NULL ? _hb_list_model_to_ptr_array (apps) : NULL;
}

static void
hb_app_list_dispose (GObject *object)
{
  G_OBJECT_CLASS (hb_app_list_parent_class)->dispose (object);
  g_clear_object (&HB_APP_LIST (object)->client);
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

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
 * The list starts empty; call hb_remote_list_reload() to fill it.
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
