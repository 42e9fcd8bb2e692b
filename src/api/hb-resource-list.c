/* hb-resource-list.c: an application's variables, collaborators, errors… as a remote list
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-resource-list.h"

#include "hb-api-enums.h"
#include "hb-app-error.h"
#include "hb-collaborator.h"
#include "hb-config-var.h"
#include "hb-drain.h"
#include "hb-hostname.h"
#include "hb-remote-list-private.h"
#include "hb-service-hook.h"

struct _HbResourceList
{
  HbRemoteList parent_instance;
  HbClient *client;
  char *slug;
  HbResourceKind kind;
};

G_DEFINE_FINAL_TYPE (HbResourceList, hb_resource_list, HB_TYPE_REMOTE_LIST)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SLUG,
  PROP_KIND,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* Every kind is listed by the same shape of call; only the item type differs. */
typedef struct
{
  void (*list_async) (HbClient *client,
                      const char *slug,
                      GCancellable *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer user_data);
  GListModel *(*list_finish) (HbClient *client, GAsyncResult *result, GError **error);
} ListCalls;

static const ListCalls list_calls[] = {
  [HB_RESOURCE_KIND_COLLABORATORS] = { hb_client_list_collaborators_async,
                                       hb_client_list_collaborators_finish },
  [HB_RESOURCE_KIND_HOSTNAMES] = { hb_client_list_hostnames_async,
                                   hb_client_list_hostnames_finish },
  [HB_RESOURCE_KIND_SERVICE_HOOKS] = { hb_client_list_service_hooks_async,
                                       hb_client_list_service_hooks_finish },
  [HB_RESOURCE_KIND_CONFIG_VARS] = { hb_client_list_config_vars_async,
                                     hb_client_list_config_vars_finish },
  [HB_RESOURCE_KIND_DRAINS] = { hb_client_list_drains_async, hb_client_list_drains_finish },
  [HB_RESOURCE_KIND_ERRORS] = { hb_client_list_errors_async, hb_client_list_errors_finish },
};

static GType
item_type (HbResourceKind kind)
{
  switch (kind)
    {
    case HB_RESOURCE_KIND_COLLABORATORS:
      return HB_TYPE_COLLABORATOR;
    case HB_RESOURCE_KIND_HOSTNAMES:
      return HB_TYPE_HOSTNAME;
    case HB_RESOURCE_KIND_SERVICE_HOOKS:
      return HB_TYPE_SERVICE_HOOK;
    case HB_RESOURCE_KIND_CONFIG_VARS:
      return HB_TYPE_CONFIG_VAR;
    case HB_RESOURCE_KIND_DRAINS:
      return HB_TYPE_DRAIN;
    case HB_RESOURCE_KIND_ERRORS:
    default:
      return HB_TYPE_APP_ERROR;
    }
}

static const char *
item_id (HbResourceKind kind, gpointer item)
{
  switch (kind)
    {
    case HB_RESOURCE_KIND_COLLABORATORS:
      return hb_collaborator_get_id (item);
    case HB_RESOURCE_KIND_HOSTNAMES:
      return hb_hostname_get_id (item);
    case HB_RESOURCE_KIND_SERVICE_HOOKS:
      return hb_service_hook_get_id (item);
    case HB_RESOURCE_KIND_CONFIG_VARS:
      return hb_config_var_get_id (item);
    case HB_RESOURCE_KIND_DRAINS:
      return hb_drain_get_id (item);
    case HB_RESOURCE_KIND_ERRORS:
    default:
      return hb_app_error_get_id (item);
    }
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  GDateTime *da = hb_app_error_get_date (*(HbAppError **) a);
  GDateTime *db = hb_app_error_get_date (*(HbAppError **) b);

  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);
  return g_date_time_compare (db, da);
}

static void
hb_resource_list_fetch_async (HbRemoteList *list,
                              guint offset,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  HbResourceList *self = HB_RESOURCE_LIST (list);

  list_calls[self->kind].list_async (self->client, self->slug, cancellable, callback, user_data);
}

static GPtrArray *
hb_resource_list_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  HbResourceList *self = HB_RESOURCE_LIST (list);
  g_autoptr (GListModel) items = list_calls[self->kind].list_finish (self->client, result, error);
  GPtrArray *array;

  if (items == NULL)
    return NULL;
  array = _hb_list_model_to_ptr_array (items);
  /* Errors read as a log whatever order a server sends; the sort is stable. */
  if (self->kind == HB_RESOURCE_KIND_ERRORS)
    g_ptr_array_sort (array, newest_first);
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
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
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
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
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
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_resource_list_dispose;
  object_class->finalize = hb_resource_list_finalize;
  object_class->get_property = hb_resource_list_get_property;
  object_class->set_property = hb_resource_list_set_property;
  list_class->fetch_async = hb_resource_list_fetch_async;
  list_class->fetch_finish = hb_resource_list_fetch_finish;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, co);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, HB_TYPE_RESOURCE_KIND,
                                             HB_RESOURCE_KIND_COLLABORATORS, co);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_resource_list_init (HbResourceList *self)
{
}

/**
 * hb_resource_list_new:
 * @client: the client to fetch with
 * @slug: the application's slug
 * @kind: what to list; errors are kept newest first
 *
 * The list starts empty; call hb_remote_list_reload() to fill it.
 *
 * Returns: (transfer full): a new list of the @kind's model (#HbCollaborator …)
 */
HbResourceList *
hb_resource_list_new (HbClient *client, const char *slug, HbResourceKind kind)
{
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  g_return_val_if_fail (kind <= HB_RESOURCE_KIND_ERRORS, NULL);
  return g_object_new (HB_TYPE_RESOURCE_LIST, "client", client, "slug", slug, "kind", kind,
                       "item-type", item_type (kind), NULL);
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

HbResourceKind
hb_resource_list_get_kind (HbResourceList *self)
{
  g_return_val_if_fail (HB_IS_RESOURCE_LIST (self), HB_RESOURCE_KIND_COLLABORATORS);
  return self->kind;
}

/**
 * hb_resource_list_find:
 * @self: a resource list
 * @id: an item's id
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the item with @id, valid while it stays in the list
 */
gpointer
hb_resource_list_find (HbResourceList *self, const char *id, guint *position)
{
  guint n;

  g_return_val_if_fail (HB_IS_RESOURCE_LIST (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self));
  for (guint i = 0; i < n; i++)
    {
      /* The list keeps its own reference: borrowing past this unref is safe. */
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self), i);

      if (g_strcmp0 (item_id (self->kind, item), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }
  return NULL;
}
