/* hb-remote-list.c: a GListModel filled from the server, merged by id, with loading and error
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-remote-list-private.h"

#include "hb-resource.h"

typedef struct
{
  GType item_type;
  GPtrArray *items;
  GError *error;
  GCancellable *cancellable;
  gboolean loading;
  gboolean appending; /* the fetch in flight, or the last one, is a load more */
  gboolean merging;   /* n-items is notified once, for the whole merge */
  GDateTime *updated; /* when an answer last came */
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
  PROP_UPDATED,
  PROP_APPENDING,
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
  g_clear_pointer (&priv->updated, g_date_time_unref);
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
    case PROP_UPDATED:
      g_value_set_boxed (value, priv->updated);
      break;
    case PROP_APPENDING:
      g_value_set_boolean (value, priv->appending);
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
      g_param_spec_gtype ("item-type", NULL, NULL, HB_TYPE_RESOURCE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                              G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* When an answer last came (local time): a list shown after a failed refresh says how old
   * it is. NULL before the first. */
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, ro);
  /* The fetch in flight, or the last one (the one `error` is about), loads more. */
  properties[PROP_APPENDING] = g_param_spec_boolean ("appending", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_remote_list_init (HbRemoteList *self)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  priv->item_type = HB_TYPE_RESOURCE;
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

/* One items-changed, then n-items (held back while a merge makes several changes). */
static void
splice (HbRemoteList *self, guint position, guint n_removed, gpointer *added, guint n_added)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  if (n_removed == 0 && n_added == 0)
    return;
  g_ptr_array_remove_range (priv->items, position, n_removed);
  for (guint i = 0; i < n_added; i++)
    g_ptr_array_insert (priv->items, (gint) (position + i), g_object_ref (added[i]));
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
  if (n_removed != n_added && !priv->merging)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
find_position (HbRemoteList *self, const char *id, guint *position)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);

  for (guint i = 0; i < priv->items->len; i++)
    if (g_strcmp0 (hb_resource_get_id (priv->items->pdata[i]), id) == 0)
      {
        *position = i;
        return TRUE;
      }
  return FALSE;
}

/* @wanted is the answer with every item already shown swapped for the shown object (updated
 * in place); @was[j] is where that object is now, or -1 for a new one. The shown objects that
 * keep their order are a longest increasing run of @was; everything else is a change. */
static void
mark_kept (const gint *was, guint n, gboolean *kept_wanted, gboolean *kept_shown)
{
  g_autofree guint *tails = g_new (guint, n + 1);
  g_autofree gint *before = g_new (gint, n + 1);
  guint length = 0;

  for (guint j = 0; j < n; j++)
    {
      guint lo = 0, hi = length;

      if (was[j] < 0)
        continue;
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (was[tails[mid]] < was[j])
            lo = mid + 1;
          else
            hi = mid;
        }
      before[j] = lo > 0 ? (gint) tails[lo - 1] : -1;
      tails[lo] = j;
      length = MAX (length, lo + 1);
    }
  for (gint j = length > 0 ? (gint) tails[length - 1] : -1; j >= 0; j = before[j])
    {
      kept_wanted[j] = TRUE;
      kept_shown[was[j]] = TRUE;
    }
}

/* Walks both orders, replacing each run of changes between two kept objects in one splice. */
static void
apply_changes (HbRemoteList *self,
               GPtrArray *wanted,
               const gboolean *kept_wanted,
               const gboolean *kept_shown,
               guint n_shown)
{
  guint i = 0, j = 0, position = 0;

  while (i < n_shown || j < wanted->len)
    {
      guint i0 = i, j0 = j;

      if (i < n_shown && j < wanted->len && kept_shown[i] && kept_wanted[j])
        {
          i++, j++, position++;
          continue;
        }
      while (i < n_shown && !kept_shown[i])
        i++;
      while (j < wanted->len && !kept_wanted[j])
        j++;
      splice (self, position, i - i0, wanted->pdata + j0, j - j0);
      position += j - j0;
    }
}

/* Updates @shown in place. An item whose title changed is also "replaced" (items-changed over
 * the same object), so that views sorted or filtered by it place it again: returns FALSE. */
static gboolean
update_item (HbResource *shown, HbResource *fresh)
{
  g_autofree char *title = g_strdup (hb_resource_get_title (shown));

  hb_resource_update_from (shown, fresh);
  return g_strcmp0 (title, hb_resource_get_title (shown)) == 0;
}

/* Makes the list say what @fresh says, keeping every object whose id it still lists. */
static void
merge (HbRemoteList *self, GPtrArray *fresh)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);
  guint n_shown = priv->items->len;
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) wanted = g_ptr_array_new_full (fresh->len, g_object_unref);
  g_autofree gint *was = g_new (gint, fresh->len + 1);
  g_autofree gboolean *kept_wanted = g_new0 (gboolean, fresh->len + 1);
  g_autofree gboolean *kept_shown = g_new0 (gboolean, n_shown + 1);

  for (guint i = 0; i < n_shown; i++)
    g_hash_table_insert (shown, (gpointer) hb_resource_get_id (priv->items->pdata[i]),
                         GUINT_TO_POINTER (i + 1));
  for (guint j = 0; j < fresh->len; j++)
    {
      const char *id = hb_resource_get_id (fresh->pdata[j]);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (shown, id));

      /* Each shown object stands for one id, once. */
      g_hash_table_remove (shown, id);
      was[j] = (gint) at - 1;
      if (at > 0 && !update_item (priv->items->pdata[at - 1], fresh->pdata[j]))
        was[j] = -1;
      g_ptr_array_add (wanted,
                       g_object_ref (at > 0 ? priv->items->pdata[at - 1] : fresh->pdata[j]));
    }
  mark_kept (was, fresh->len, kept_wanted, kept_shown);
  priv->merging = TRUE;
  apply_changes (self, wanted, kept_wanted, kept_shown, n_shown);
  priv->merging = FALSE;
  if (n_shown != priv->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Load more: the next page may repeat items a newer build pushed down; those update in place. */
static void
append (HbRemoteList *self, GPtrArray *fresh)
{
  HbRemoteListPrivate *priv = hb_remote_list_get_instance_private (self);
  g_autoptr (GPtrArray) added = g_ptr_array_new ();
  guint position;

  for (guint j = 0; j < fresh->len; j++)
    if (find_position (self, hb_resource_get_id (fresh->pdata[j]), &position))
      hb_resource_update_from (priv->items->pdata[position], fresh->pdata[j]);
    else
      g_ptr_array_add (added, fresh->pdata[j]);
  splice (self, priv->items->len, 0, added->pdata, added->len);
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
        append (self, items);
      else
        merge (self, items);
      g_clear_pointer (&priv->updated, g_date_time_unref);
      priv->updated = g_date_time_new_now_local ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
      set_error (self, NULL);
      if (HB_REMOTE_LIST_GET_CLASS (self)->fetched != NULL)
        HB_REMOTE_LIST_GET_CLASS (self)->fetched (self);
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
  if (priv->appending != append)
    {
      priv->appending = append;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPENDING]);
    }
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
 * Fetches the list again, cancelling the request in flight. The answer is
 * merged by id when it arrives (see #HbRemoteListClass); on failure the items
 * stay and `error` is set.
 */
void
hb_remote_list_reload (HbRemoteList *self)
{
  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  _hb_remote_list_fetch (self, FALSE);
}

/**
 * hb_remote_list_retry:
 * @self: a remote list
 *
 * Asks again what the last fetch asked: a reload, or the next page after a failed load more
 * (the pages shown stay).
 */
void
hb_remote_list_retry (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  priv = hb_remote_list_get_instance_private (self);
  _hb_remote_list_fetch (self, priv->appending);
}

/** hb_remote_list_get_updated: Returns: (transfer none) (nullable): when an answer last came */
GDateTime *
hb_remote_list_get_updated (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), NULL);
  priv = hb_remote_list_get_instance_private (self);
  return priv->updated;
}

/** hb_remote_list_get_appending: Returns: whether the fetch in flight, or the last one, loads
 * more */
gboolean
hb_remote_list_get_appending (HbRemoteList *self)
{
  HbRemoteListPrivate *priv;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), FALSE);
  priv = hb_remote_list_get_instance_private (self);
  return priv->appending;
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
 * hb_remote_list_find:
 * @self: a remote list
 * @id: an item's id
 * @position: (out) (optional): where the item is
 *
 * Returns: (transfer none) (nullable): the item with @id, valid while it stays in the list
 */
gpointer
hb_remote_list_find (HbRemoteList *self, const char *id, guint *position)
{
  HbRemoteListPrivate *priv;
  guint at;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), NULL);
  priv = hb_remote_list_get_instance_private (self);
  if (!find_position (self, id, &at))
    return NULL;
  if (position != NULL)
    *position = at;
  return priv->items->pdata[at];
}

/**
 * hb_remote_list_insert_item:
 * @self: a remote list
 * @item: (transfer none): an #HbResource the server just returned (a create's)
 *
 * Shows @item without a fetch: the item with its id is updated from it in place (and
 * replaced by itself when its title changed), or @item is appended (one `items-changed`).
 *
 * Returns: (transfer none): the object the list shows for @item's id
 */
gpointer
hb_remote_list_insert_item (HbRemoteList *self, gpointer item)
{
  HbRemoteListPrivate *priv;
  gpointer shown;
  guint position;

  g_return_val_if_fail (HB_IS_REMOTE_LIST (self), NULL);
  priv = hb_remote_list_get_instance_private (self);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, priv->item_type), NULL);

  shown = hb_remote_list_find (self, hb_resource_get_id (item), &position);
  if (shown != NULL)
    {
      if (!update_item (shown, item))
        splice (self, position, 1, &shown, 1);
      return shown;
    }
  splice (self, priv->items->len, 0, &item, 1);
  return item;
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

  g_return_if_fail (HB_IS_REMOTE_LIST (self));
  priv = hb_remote_list_get_instance_private (self);
  g_return_if_fail (position < priv->items->len);
  splice (self, position, 1, NULL, 0);
}
