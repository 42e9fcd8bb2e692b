/* hb-remote-list.c: a GListModel filled from the server, with loading and error state
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-remote-list-private.h"

typedef struct
{
  GType item_type;
  GPtrArray *items;
  GError *error;
  GCancellable *cancellable;
  gboolean loading;
  gboolean appending;
} HbRemoteListPrivate;

static void hb_remote_list_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (HbRemoteList,
                         hb_remote_list,
                         G_TYPE_OBJECT,
                         G_ADD_PRIVATE (HbRemoteList)
                             G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                    hb_remote_list_list_model_init))

enum
{
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GType
hb_remote_list_get_item_type (GListModel *model)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (model));

  return priv->item_type;
}

static guint
hb_remote_list_get_n_items (GListModel *model)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (model));

  return priv->items->len;
}

static gpointer
hb_remote_list_get_item (GListModel *model, guint position)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (model));

  if (position >= priv->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (priv->items, position));
}

static void
hb_remote_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hb_remote_list_get_item_type;
  iface->get_n_items = hb_remote_list_get_n_items;
  iface->get_item = hb_remote_list_get_item;
}

static void
hb_remote_list_dispose (GObject *object)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (object));

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  G_OBJECT_CLASS (hb_remote_list_parent_class)->dispose (object);
}

static void
hb_remote_list_finalize (GObject *object)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (object));

  g_ptr_array_unref (priv->items);
  g_clear_error (&priv->error);
  G_OBJECT_CLASS (hb_remote_list_parent_class)->finalize (object);
}

static void
hb_remote_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbRemoteList *self = HB_REMOTE_LIST (object);
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, priv->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, priv->error);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_remote_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (HB_REMOTE_LIST (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_remote_list_class_init (HbRemoteListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_remote_list_dispose;
  object_class->finalize = hb_remote_list_finalize;
  object_class->get_property = hb_remote_list_get_property;
  object_class->set_property = hb_remote_list_set_property;

  properties[PROP_ITEM_TYPE] =
      g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_remote_list_init (HbRemoteList *self)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  priv->item_type = G_TYPE_OBJECT;
  priv->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
set_loading (HbRemoteList *self, gboolean loading)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  if (priv->loading == loading)
    return;
  priv->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (HbRemoteList *self, GError *error)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  if (priv->error == NULL && error == NULL)
    return;
  g_clear_error (&priv->error);
  priv->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* One items-changed per result, then n-items. */
static void
splice (HbRemoteList *self, guint position, guint n_removed, GPtrArray *added)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  g_ptr_array_remove_range (priv->items, position, n_removed);
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_insert (priv->items, (gint) (position + i), g_object_ref (added->pdata[i]));
  if (n_removed == 0 && added->len == 0)
    return;
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, added->len);
  if (n_removed != added->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_fetched (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbRemoteList) self = user_data;
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);
  GError *error = NULL;
  g_autoptr (GPtrArray) items = NULL;

  items = HB_REMOTE_LIST_GET_CLASS (self)->fetch_finish (self, result, &error);
  /* Cancelled by reload() or dispose(): a newer fetch owns the state now. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  g_clear_object (&priv->cancellable);
  /* Items first, loading last: a view bound to both never shows a false "empty". */
  if (items != NULL)
    {
      if (priv->appending)
        splice (self, priv->items->len, 0, items);
      else
        splice (self, 0, priv->items->len, items);
      set_error (self, NULL);
    }
  else
    set_error (self, error);
  set_loading (self, FALSE);
}

void
_hb_remote_list_fetch (HbRemoteList *self, gboolean append)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
  priv->appending = append;
  set_loading (self, TRUE);
  HB_REMOTE_LIST_GET_CLASS (self)->fetch_async (self, append ? priv->items->len : 0,
                                                priv->cancellable, on_fetched, g_object_ref (self));
}

GPtrArray *
_hb_list_model_to_ptr_array (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/**
 * hb_remote_list_reload:
 * @self: a remote list
 *
 * Fetches the list again, cancelling the request in flight. The items are
 * replaced in one `items-changed` when the answer arrives; on failure they
 * stay and `error` is set.
 */
void
hb_remote_list_reload (HbRemoteList *self)
{
  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  _hb_remote_list_fetch (self, FALSE);
}

/** hb_remote_list_get_loading: Returns: whether a fetch is in flight */
gboolean
hb_remote_list_get_loading (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), FALSE);
  priv = hb_remote_list_get_instance_private (self);
  return priv->loading;
}

/**
 * hb_remote_list_get_error:
 *
 * Returns: (transfer none) (nullable): why the last fetch failed
 */
const GError *
hb_remote_list_get_error (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), NULL);
  priv = hb_remote_list_get_instance_private (self);
  return priv->error;
}

/**
 * hb_remote_list_cancel:
 * @self: a remote list
 *
 * Stops the fetch in flight, if any, keeping the items and the error. For an
 * owner that drops the list: the request would otherwise run to its end.
 */
void
hb_remote_list_cancel (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  priv = hb_remote_list_get_instance_private (self);
  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  set_loading (self, FALSE);
}

/**
 * hb_remote_list_remove_item:
 * @self: a remote list
 * @position: the item to drop
 *
 * Drops one item without a fetch, for an owner that deleted it on the server
 * and shows that at once (with Undo) rather than after a reload. One
 * `items-changed`, then `n-items`.
 */
void
hb_remote_list_remove_item (HbRemoteList *self, guint position)
{
  HbRemoteListPrivate *priv;
  g_autoptr (GPtrArray) none = g_ptr_array_new ();

  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  priv = hb_remote_list_get_instance_private (self);
  g_return_if_fail (position < priv->items->len);
  splice (self, position, 1, none);
}
