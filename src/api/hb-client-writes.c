/* hb-client-writes.c: HbClient's writes (create, update, delete, deploy), which find out what
 * happened before they say they failed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-resource-kinds-private.h"

/* A write whose answer was lost (it timed out, was cut short, or the service said it failed)
 * may have happened. Before such a write is reported as failed, the service is asked what it
 * holds now:
 *
 *   create  the kind's list: the item whose fields are what was sent (or, for a kind whose
 *           item does not show its key, a collaborator, the item that was not listed before:
 *           that list is read first)
 *   update  the item: its fields are what was sent
 *   delete  the item: it is gone
 *   deploy  the build (read first): it is running again, or was deployed since
 *
 * Found: the write succeeded, and says so once. Not found: the write fails with its own error,
 * which is now certain. Asking failed too: HB_API_ERROR_OUTCOME_UNKNOWN, and the write is
 * remembered, so that when the same create (or delete) is sent again and the service answers
 * "already exists" (or "not found"), it is checked rather than shown as a conflict with
 * ourselves. */

typedef enum
{
  WRITE_CREATE,
  WRITE_UPDATE,
  WRITE_DELETE,
  WRITE_DEPLOY,
} HbWriteVerb;

typedef struct
{
  HbWriteVerb verb;
  GType type;
  const HbResourceKind *kind;
  char *slug; /* NULL for applications */
  char *id;   /* the item of an update, delete or deploy */
  GStrv values;
  char *memo;        /* the write, as remembered in HbClient:unknown_writes */
  GHashTable *known; /* ids listed before a create whose item does not show its key */
  HbBuild *before;   /* the build before a deploy */
  GError *cause;     /* why the write's own answer is not known */
} HbWrite;

static void
hb_write_free (HbWrite *w)
{
  g_free (w->slug);
  g_free (w->id);
  g_strfreev (w->values);
  g_free (w->memo);
  g_clear_pointer (&w->known, g_hash_table_unref);
  g_clear_object (&w->before);
  g_clear_error (&w->cause);
  g_free (w);
}

static HbClient *
client_of (GTask *task)
{
  return g_task_get_source_object (task);
}

static char *
write_memo (HbWriteVerb verb, GType type, const char *slug, const char *id,
            const char *const *values)
{
  g_autofree char *joined = values != NULL ? g_strjoinv ("\x1f", (char **) values) : NULL;

  return g_strdup_printf ("%d\x1e%s\x1e%s\x1e%s\x1e%s", verb, g_type_name (type),
                          slug != NULL ? slug : "", id != NULL ? id : "",
                          joined != NULL ? joined : "");
}

static gboolean
remembered (HbClient *self, HbWrite *w)
{
  return g_hash_table_contains (self->unknown_writes, w->memo);
}

static void
remember (HbClient *self, HbWrite *w, gboolean unknown)
{
  if (unknown)
    g_hash_table_add (self->unknown_writes, g_strdup (w->memo));
  else
    g_hash_table_remove (self->unknown_writes, w->memo);
}

/* ---- what an item shows ---- */

/* A string property as sent, an enumeration by its nick ("administrator"). */
static gboolean
prop_matches (HbResource *item, const char *prop, const char *sent, gboolean fold_case)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), prop);
  const char *shown = NULL;

  g_return_val_if_fail (pspec != NULL, FALSE);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (item), prop, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    shown = g_value_get_string (&value);
  else if (G_VALUE_HOLDS_ENUM (&value))
    {
      GEnumValue *nick =
          g_enum_get_value (G_ENUM_CLASS (g_type_class_peek (pspec->value_type)),
                            g_value_get_enum (&value));

      shown = nick != NULL ? nick->value_nick : NULL;
    }
  /* A field the item does not show (a list item without its region) says nothing. */
  if (shown == NULL)
    return TRUE;
  if (sent == NULL)
    return FALSE;
  return fold_case ? g_ascii_strcasecmp (shown, sent) == 0 : g_strcmp0 (shown, sent) == 0;
}

/* Every field @props names shows what @values sent (a NULL slot is a field not shown). */
static gboolean
shows (const HbResourceKind *kind, HbResource *item, const char *const *props,
       const char *const *values)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (props[i] != NULL && !prop_matches (item, props[i], values[i], kind->fold_case))
      return FALSE;
  return TRUE;
}

static gboolean
has_key (const HbResourceKind *kind)
{
  return kind->create_props != NULL && kind->create_props[0] != NULL;
}

/* The created item in @items, or NULL. */
static HbResource *
find_created (HbWrite *w, GListModel *items)
{
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr (HbResource) item = g_list_model_get_item (items, i);

      if (!has_key (w->kind) && g_hash_table_contains (w->known, hb_resource_get_id (item)))
        continue;
      if (shows (w->kind, item, w->kind->create_props, (const char *const *) w->values))
        return g_steal_pointer (&item);
    }
  return NULL;
}

/* A deploy starts the build again, and stamps it deployed when it is done. */
static gboolean
deployed_since (HbBuild *before, HbBuild *now)
{
  GDateTime *then = hb_build_get_deployed (before);
  GDateTime *since = hb_build_get_deployed (now);

  if (!hb_build_status_is_finished (hb_build_get_status (now)))
    return TRUE;
  if (since == NULL)
    return FALSE;
  return then == NULL || !g_date_time_equal (then, since);
}

/* ---- ending a write ---- */

static void
return_done (GTask *task, gpointer item)
{
  HbWrite *w = g_task_get_task_data (task);

  remember (client_of (task), w, FALSE);
  if (w->verb == WRITE_CREATE)
    g_task_return_pointer (task, item, g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

/* Checked: it did not happen, for the reason its own answer gave. */
static void
return_not_done (GTask *task)
{
  HbWrite *w = g_task_get_task_data (task);

  remember (client_of (task), w, FALSE);
  g_task_return_error (task, g_steal_pointer (&w->cause));
}

static void
return_unknown (GTask *task, const GError *asking)
{
  HbWrite *w = g_task_get_task_data (task);

  remember (client_of (task), w, TRUE);
  g_task_return_new_error (task, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN,
                           "%s; asking the service what happened failed too: %s",
                           w->cause->message, asking->message);
}

/* ---- checking ---- */

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbWrite *w = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) items = hb_client_list_resource_finish (HB_CLIENT (source), result, &error);
  HbResource *found;

  if (items == NULL)
    {
      if (!g_task_return_error_if_cancelled (task))
        return_unknown (task, error);
      return;
    }
  found = find_created (w, items);
  if (found != NULL)
    {
      g_debug ("The answer to a create was lost, but %s is there", hb_resource_get_id (found));
      return_done (task, found);
      return;
    }
  return_not_done (task);
}

static void
item_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbWrite *w = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) item = hb_client_get_resource_finish (HB_CLIENT (source), result, &error);
  gboolean done;

  if (item == NULL && w->verb == WRITE_DELETE &&
      g_error_matches (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND))
    {
      return_done (task, NULL);
      return;
    }
  if (item == NULL)
    {
      if (!g_task_return_error_if_cancelled (task))
        return_unknown (task, error);
      return;
    }
  if (w->verb == WRITE_UPDATE)
    done = shows (w->kind, item, w->kind->update_props, (const char *const *) w->values);
  else if (w->verb == WRITE_DEPLOY)
    done = deployed_since (w->before, HB_BUILD (item));
  else
    done = FALSE; /* a delete: it is still there */
  if (done)
    return_done (task, NULL);
  else
    return_not_done (task);
}

/* Takes @task; @cause is why the write's answer is not known. */
static void
check (GTask *task, GError *cause)
{
  HbWrite *w = g_task_get_task_data (task);
  HbClient *self = client_of (task);

  g_clear_error (&w->cause);
  w->cause = cause;
  if (w->verb == WRITE_CREATE)
    hb_client_list_resource_async (self, w->type, w->slug, g_task_get_cancellable (task),
                                   listed_cb, task);
  else
    hb_client_get_resource_async (self, w->type, w->slug, w->id, g_task_get_cancellable (task),
                                  item_cb, task);
}

/* A conflict (or, for a delete, "not found") after the same write was lost earlier is our
 * own write answering: check it rather than report it. */
static gboolean
answers_lost_write (HbClient *self, HbWrite *w, const GError *error)
{
  if (!remembered (self, w))
    return FALSE;
  return (w->verb == WRITE_CREATE && g_error_matches (error, HB_API_ERROR, HB_API_ERROR_CONFLICT)) ||
         (w->verb == WRITE_DELETE && g_error_matches (error, HB_API_ERROR, HB_API_ERROR_NOT_FOUND));
}

/* The write's own answer: takes @task, @item and @error. */
static void
answered (GTask *task, gpointer item, GError *error)
{
  HbWrite *w = g_task_get_task_data (task);
  HbClient *self = client_of (task);

  if (error == NULL)
    {
      return_done (task, item);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (hb_api_error_may_have_happened (error) || answers_lost_write (self, w, error))
    {
      check (task, error);
      return;
    }
  remember (self, w, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
created_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  gpointer item = g_task_propagate_pointer (G_TASK (result), &error);

  answered (task, item, error);
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  answered (task, NULL, error);
}

/* ---- sending ---- */

/* /applications/<slug>/<kind>[/<id>], or /<kind>[/<id>] for a top-level kind. */
static char *
kind_path (const HbResourceKind *kind, const char *slug, const char *id)
{
  if (kind->top_level)
    return _hb_client_path (kind->path, id, NULL);
  return _hb_client_path ("applications", slug, kind->path, id, NULL);
}

static gpointer
parse_resource (JsonNode *node, const char *url, GType type, GError **error)
{
  return hb_resource_new_from_json (type, node, url, error);
}

/* An inner task per request, whose callback reports to the write's task. */
static GTask *
inner_task (GTask *task, GAsyncReadyCallback callback)
{
  return g_task_new (client_of (task), g_task_get_cancellable (task), callback, task);
}

static void
send (GTask *task)
{
  HbWrite *w = g_task_get_task_data (task);
  HbClient *self = client_of (task);
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  switch (w->verb)
    {
    case WRITE_CREATE:
      path = kind_path (w->kind, w->slug, NULL);
      body = _hb_client_body (w->kind->create_keys, (const char *const *) w->values);
      _hb_client_create (self, inner_task (task, created_cb), path, body, parse_resource, w->type);
      break;
    case WRITE_UPDATE:
      path = kind_path (w->kind, w->slug, w->id);
      body = _hb_client_body (w->kind->update_keys, (const char *const *) w->values);
      _hb_client_call (self, inner_task (task, written_cb), "PUT", path, body, NULL, w->type);
      break;
    case WRITE_DELETE:
      path = kind_path (w->kind, w->slug, w->id);
      _hb_client_call (self, inner_task (task, written_cb), "DELETE", path, NULL, NULL, w->type);
      break;
    case WRITE_DEPLOY:
      path = _hb_client_path ("applications", w->slug, "builds", w->id, "deploy", NULL);
      _hb_client_call (self, inner_task (task, written_cb), "POST", path, NULL, NULL, w->type);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* What is read before a write whose result would not show otherwise. */

static void
known_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbWrite *w = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr (GListModel) items = hb_client_list_resource_finish (HB_CLIENT (source), result, &error);

  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0, n = g_list_model_get_n_items (items); i < n; i++)
    {
      g_autoptr (HbResource) item = g_list_model_get_item (items, i);

      g_hash_table_add (w->known, g_strdup (hb_resource_get_id (item)));
    }
  send (g_steal_pointer (&task));
}

static void
before_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbWrite *w = g_task_get_task_data (task);
  GError *error = NULL;
  HbResource *build = hb_client_get_resource_finish (HB_CLIENT (source), result, &error);

  if (build == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  w->before = HB_BUILD (build);
  send (g_steal_pointer (&task));
}

/* Takes @task, whose data is @w. */
static void
start (GTask *task, HbWrite *w)
{
  HbClient *self = client_of (task);

  g_task_set_task_data (task, w, (GDestroyNotify) hb_write_free);
  w->memo = write_memo (w->verb, w->type, w->slug, w->id, (const char *const *) w->values);
  if (w->verb == WRITE_CREATE && !has_key (w->kind))
    hb_client_list_resource_async (self, w->type, w->slug, g_task_get_cancellable (task), known_cb,
                                   task);
  else if (w->verb == WRITE_DEPLOY)
    hb_client_get_resource_async (self, HB_TYPE_BUILD, w->slug, w->id,
                                  g_task_get_cancellable (task), before_cb, task);
  else
    send (task);
}

static HbWrite *
write_new (HbWriteVerb verb, GType type, const char *slug, const char *id,
           const char *const *values)
{
  HbWrite *w = g_new0 (HbWrite, 1);

  w->verb = verb;
  w->type = type;
  w->kind = _hb_resource_kind_lookup (type);
  w->slug = g_strdup (slug);
  w->id = g_strdup (id);
  w->values = g_strdupv ((char **) values);
  return w;
}

void
_hb_client_write_create (HbClient *self, GTask *task, GType type, const char *slug,
                         const char *const *values)
{
  start (task, write_new (WRITE_CREATE, type, slug, NULL, values));
}

void
_hb_client_write_update (HbClient *self, GTask *task, GType type, const char *slug, const char *id,
                         const char *const *values)
{
  start (task, write_new (WRITE_UPDATE, type, slug, id, values));
}

void
_hb_client_write_delete (HbClient *self, GTask *task, GType type, const char *slug, const char *id)
{
  start (task, write_new (WRITE_DELETE, type, slug, id, NULL));
}

void
_hb_client_write_deploy (HbClient *self, GTask *task, const char *slug, const char *build_id)
{
  start (task, write_new (WRITE_DEPLOY, HB_TYPE_BUILD, slug, build_id, NULL));
}
