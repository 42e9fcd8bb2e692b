/* hb-build-list.c: an application's builds as a remote list, paged by count/offset, kept live
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-build-list.h"

#include "hb-build-watch.h"
#include "hb-remote-list-private.h"

#define DEFAULT_PAGE_SIZE 20

struct _HbBuildList
{
  HbRemoteList parent_instance;
  HbClient *client;
  char *slug;
  guint page_size;
  guint asked; /* how many builds the fetch in flight asked for */
  gboolean has_more;
  GHashTable *watches; /* build id → HbBuildWatch; NULL unless watching */
};

G_DEFINE_FINAL_TYPE (HbBuildList, hb_build_list, HB_TYPE_REMOTE_LIST)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SLUG,
  PROP_PAGE_SIZE,
  PROP_HAS_MORE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
set_has_more (HbBuildList *self, gboolean has_more)
{
  if (self->has_more == has_more)
    return;
  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
hb_build_list_fetch_async (HbRemoteList *list,
                           guint offset,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  HbBuildList *self = HB_BUILD_LIST (list);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* A reload asks for every page shown, so that loaded pages are not merged away. */
  self->asked = offset == 0 ? MAX (self->page_size, shown) : self->page_size;
  hb_client_list_builds_async (self->client, self->slug, self->asked, offset, cancellable,
                               callback, user_data);
}

static GPtrArray *
hb_build_list_fetch_finish (HbRemoteList *list, GAsyncResult *result, GError **error)
{
  HbBuildList *self = HB_BUILD_LIST (list);
  g_autoptr (GListModel) builds = hb_client_list_builds_finish (self->client, result, error);

  if (builds == NULL)
    return NULL;
  /* A short page is the last one: the API sends no total. */
  set_has_more (self, g_list_model_get_n_items (builds) >= self->asked);
  return _hb_list_model_to_ptr_array (builds);
}

/* Builds keep their objects across reloads, so a watch stays with its build: only builds
 * that left the list or finished drop theirs, and unfinished ones without one get one. */
static void
sync_watches (HbBuildList *self)
{
  GListModel *model = G_LIST_MODEL (self);
  guint n = g_list_model_get_n_items (model);
  g_autoptr (GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id, watch;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (model, i);
      const char *build_id = hb_resource_get_id (HB_RESOURCE (build));

      g_hash_table_add (listed, (gpointer) build_id);
      if (hb_build_status_is_finished (hb_build_get_status (build)))
        continue;
      watch = g_hash_table_lookup (self->watches, build_id);
      if (watch == NULL || !hb_build_watch_get_active (watch))
        g_hash_table_insert (self->watches, g_strdup (build_id),
                             hb_build_watch_new (self->client, self->slug, build));
    }
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, &id, &watch))
    if (!g_hash_table_contains (listed, id) || !hb_build_watch_get_active (watch))
      g_hash_table_iter_remove (&iter);
}

static void
hb_build_list_fetched (HbRemoteList *list)
{
  HbBuildList *self = HB_BUILD_LIST (list);

  if (self->watches != NULL)
    sync_watches (self);
}

static void
hb_build_list_dispose (GObject *object)
{
  HbBuildList *self = HB_BUILD_LIST (object);

  g_clear_pointer (&self->watches, g_hash_table_unref);
  G_OBJECT_CLASS (hb_build_list_parent_class)->dispose (object);
  g_clear_object (&self->client);
}

static void
hb_build_list_finalize (GObject *object)
{
  g_free (HB_BUILD_LIST (object)->slug);
  G_OBJECT_CLASS (hb_build_list_parent_class)->finalize (object);
}

static void
hb_build_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbBuildList *self = HB_BUILD_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SLUG:
      g_value_set_string (value, self->slug);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbBuildList *self = HB_BUILD_LIST (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SLUG:
      self->slug = g_value_dup_string (value);
      break;
    case PROP_PAGE_SIZE:
      hb_build_list_set_page_size (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_build_list_class_init (HbBuildListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbRemoteListClass *list_class = HB_REMOTE_LIST_CLASS (klass);
  GParamFlags co =
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_build_list_dispose;
  object_class->finalize = hb_build_list_finalize;
  object_class->get_property = hb_build_list_get_property;
  object_class->set_property = hb_build_list_set_property;
  list_class->fetch_async = hb_build_list_fetch_async;
  list_class->fetch_finish = hb_build_list_fetch_finish;
  list_class->fetched = hb_build_list_fetched;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_SLUG] = g_param_spec_string ("slug", NULL, NULL, NULL, co);
  properties[PROP_PAGE_SIZE] =
      g_param_spec_uint ("page-size", NULL, NULL, 1, 1000, DEFAULT_PAGE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_MORE] =
      g_param_spec_boolean ("has-more", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_build_list_init (HbBuildList *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

/**
 * hb_build_list_new:
 * @client: the client to fetch with
 * @slug: the application's slug
 *
 * The list starts empty; hb_remote_list_reload() fetches the newest page and
 * hb_build_list_load_more() appends the next one.
 *
 * Returns: (transfer full): a new list of #HbBuild
 */
HbBuildList *
hb_build_list_new (HbClient *client, const char *slug)
{
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (slug != NULL, NULL);
  return g_object_new (HB_TYPE_BUILD_LIST, "client", client, "slug", slug, "item-type",
                       HB_TYPE_BUILD, NULL);
}

/** hb_build_list_get_client: Returns: (transfer none): the client */
HbClient *
hb_build_list_get_client (HbBuildList *self)
{
  g_return_val_if_fail (HB_IS_BUILD_LIST (self), NULL);
  return self->client;
}

/** hb_build_list_get_slug: Returns: (transfer none): the application's slug */
const char *
hb_build_list_get_slug (HbBuildList *self)
{
  g_return_val_if_fail (HB_IS_BUILD_LIST (self), NULL);
  return self->slug;
}

guint
hb_build_list_get_page_size (HbBuildList *self)
{
  g_return_val_if_fail (HB_IS_BUILD_LIST (self), 0);
  return self->page_size;
}

/** hb_build_list_set_page_size: @page_size: builds fetched per request (1–1000) */
void
hb_build_list_set_page_size (HbBuildList *self, guint page_size)
{
  g_return_if_fail (HB_IS_BUILD_LIST (self));
  g_return_if_fail (page_size > 0);
  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

/** hb_build_list_get_has_more: Returns: whether the last page was full */
gboolean
hb_build_list_get_has_more (HbBuildList *self)
{
  g_return_val_if_fail (HB_IS_BUILD_LIST (self), FALSE);
  return self->has_more;
}

/**
 * hb_build_list_load_more:
 *
 * Appends the next page. Does nothing while a fetch is in flight or when
 * the last page was short.
 */
void
hb_build_list_load_more (HbBuildList *self)
{
  g_return_if_fail (HB_IS_BUILD_LIST (self));
  if (!self->has_more || hb_remote_list_get_loading (HB_REMOTE_LIST (self)))
    return;
  _hb_remote_list_fetch (HB_REMOTE_LIST (self), TRUE);
}

/**
 * hb_build_list_watch_unfinished:
 *
 * From now on every queued or building build in the list is polled (#HbBuildWatch) and
 * updates in place until it finishes, leaves the list, or the list goes.
 */
void
hb_build_list_watch_unfinished (HbBuildList *self)
{
  g_return_if_fail (HB_IS_BUILD_LIST (self));
  if (self->watches != NULL)
    return;
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  sync_watches (self);
}
