/* hb-resource-list.c: one kind of an application's items (variables, collaborators…) as a list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-resource-list.h"

#include "hb-remote-list-private.h"
#include "hb-resource-kinds-private.h"

struct _HbResourceList
{
  HbRemoteList parent_instance;
  HbClient *client;
  char *slug;
};

G_DEFINE_FINAL_TYPE (HbResourceList, hb_resource_list, HB_TYPE_REMOTE_LIST)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SLUG,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GType
item_type (HbResourceList *self)
{
  return g_list_model_get_item_type (G_LIST_MODEL (self));
}

static void
hb_resource_list_fetch_async (HbRemoteList *list,
                              guint offset,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  HbResourceList *self = HB_RESOURCE_LIST (list);

  hb_client_list_resource_async (self->client, item_type (self), self->slug, cancellable, callback,
                                 user_data);
}

static GPtrArray *
hb_resource_list_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  HbResourceList *self = HB_RESOURCE_LIST (list);
  g_autoptr (GListModel) items = hb_client_list_resource_finish (self->client, result, error);
  const HbResourceKind *kind = _hb_resource_kind_lookup (item_type (self));
  GPtrArray *array;

  if (items == NULL)
    return NULL;
  array = _hb_list_model_to_ptr_array (items);
  if (kind->sort != NULL)
    g_ptr_array_sort (array, kind->sort);
  return array;
}

static void
hb_resource_list_dispose (GObject *object)
{
  G_OBJECT_CLASS (hb_resource_list_parent_class)->dispose (object);
  g_clear_object (&HB_RESOURCE_LIST (object)->client);
}

static void
hb_resource_list_finalize (GObject *object)
{
  g_free (HB_RESOURCE_LIST (object)->slug);
  G_OBJECT_CLASS (hb_resource_list_parent_class)->finalize (object);
}

static void
hb_resource_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbResourceList *self = HB_RESOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_resource_list_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  HbResourceList *self = HB_RESOURCE_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SLUG:
      self->slug = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_resource_list_class_init (HbResourceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbRemoteListClass *list_class = HB_REMOTE_LIST_CLASS (klass);
  GParamFlags co =
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_resource_list_dispose;
  object_class->finalize = hb_resource_list_finalize;
  object_class->get_property = hb_resource_list_get_property;
  object_class->set_property = hb_resource_list_set_property;
  list_class->fetch_async = hb_resource_list_fetch_async;
  list_class->fetch_finish = hb_resource_list_fetch_finish;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, co);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_resource_list_init (HbResourceList *self)
{
}

/**
 * hb_resource_list_new:
 * @client: the client to fetch with
 * @type: the kind, as its model's type (#HB_TYPE_COLLABORATOR …)
 * @slug: the application's slug
 *
 * The list starts empty; call hb_remote_list_reload() to fill it. It keeps the kind's order
 * (errors newest first).
 *
 * Returns: (transfer full): a new list of @type
 */
HbResourceList *
hb_resource_list_new (HbClient *client, GType type, const char *slug)
{
  const HbResourceKind *kind = _hb_resource_kind_lookup (type);

  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind != NULL && !kind->top_level, NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  return g_object_new (HB_TYPE_RESOURCE_LIST, "client", client, "slug", slug, "item-type", type,
                       NULL);
}

/** hb_resource_list_get_client: Returns: (transfer none): the client */
HbClient *
hb_resource_list_get_client (HbResourceList *self)
{
  g_return_val_if_fail (HB_IS_RESOURCE_LIST (self), NULL);
  return self->client;
}

/** hb_resource_list_get_slug: Returns: (transfer none): the application's slug */
const char *
hb_resource_list_get_slug (HbResourceList *self)
{
  g_return_val_if_fail (HB_IS_RESOURCE_LIST (self), NULL);
  return self->slug;
}
