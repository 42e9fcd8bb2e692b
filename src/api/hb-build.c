/* hb-build.c: an AppHarbor build (status, deployed and the log follow reloads and watches)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-build.h"

#include "hb-api-enums.h"
#include "hb-log-entry.h"
#include "hb-resource-private.h"

struct _HbBuild
{
  HbResource parent_instance;
  HbBuildStatus status;
  char *commit_message;
  char *branch;
  GDateTime *created;
  GDateTime *deployed;
  char *tests_url;
  char *download_url;
  GListStore *log_entries;
  gboolean has_log; /* the body carried "log_entries" (a detail body does, a list may not) */
};

G_DEFINE_FINAL_TYPE (HbBuild, hb_build, HB_TYPE_RESOURCE)

enum
{
  PROP_0,
  PROP_STATUS,
  PROP_COMMIT_ID,
  PROP_COMMIT_MESSAGE,
  PROP_BRANCH,
  PROP_CREATED,
  PROP_DEPLOYED,
  PROP_TESTS_URL,
  PROP_DOWNLOAD_URL,
  PROP_LOG_ENTRIES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_build_finalize (GObject *object)
{
  HbBuild *self = HB_BUILD (object);

  g_free (self->commit_message);
  g_free (self->branch);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->deployed, g_date_time_unref);
  g_free (self->tests_url);
  g_free (self->download_url);
  g_clear_object (&self->log_entries);
  G_OBJECT_CLASS (hb_build_parent_class)->finalize (object);
}

static void
hb_build_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbBuild *self = HB_BUILD (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_COMMIT_ID:
      g_value_set_string (value, hb_build_get_commit_id (self));
      break;
    case PROP_COMMIT_MESSAGE:
      g_value_set_string (value, self->commit_message);
      break;
    case PROP_BRANCH:
      g_value_set_string (value, self->branch);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_DEPLOYED:
      g_value_set_boxed (value, self->deployed);
      break;
    case PROP_TESTS_URL:
      g_value_set_string (value, self->tests_url);
      break;
    case PROP_DOWNLOAD_URL:
      g_value_set_string (value, self->download_url);
      break;
    case PROP_LOG_ENTRIES:
      g_value_set_object (value, self->log_entries);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean hb_build_read (HbResource *resource, JsonObject *object, GError **error);
static void hb_build_update_from (HbResource *resource, HbResource *fresh);

static const char *
hb_build_get_title (HbResource *resource)
{
  return HB_BUILD (resource)->commit_message;
}

static void
hb_build_class_init (HbBuildClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HbResourceClass *resource_class = HB_RESOURCE_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_build_finalize;
  object_class->get_property = hb_build_get_property;
  resource_class->read = hb_build_read;
  resource_class->update_from = hb_build_update_from;
  resource_class->get_title = hb_build_get_title;
  resource_class->what = "build";

  /* status, deployed and the log change in place: on a reload, and while watched. */
  properties[PROP_STATUS] =
      g_param_spec_enum ("status", NULL, NULL, HB_TYPE_BUILD_STATUS, HB_BUILD_STATUS_UNKNOWN,
                         ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMMIT_ID] = g_param_spec_string ("commit-id", NULL, NULL, NULL, ro);
  properties[PROP_COMMIT_MESSAGE] = g_param_spec_string ("commit-message", NULL, NULL, NULL, ro);
  properties[PROP_BRANCH] = g_param_spec_string ("branch", NULL, NULL, NULL, ro);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_DEPLOYED] =
      g_param_spec_boxed ("deployed", NULL, NULL, G_TYPE_DATE_TIME, ro | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TESTS_URL] = g_param_spec_string ("tests-url", NULL, NULL, NULL, ro);
  properties[PROP_DOWNLOAD_URL] = g_param_spec_string ("download-url", NULL, NULL, NULL, ro);
  properties[PROP_LOG_ENTRIES] =
      g_param_spec_object ("log-entries", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_build_init (HbBuild *self)
{
  self->log_entries = g_list_store_new (HB_TYPE_LOG_ENTRY);
}

/* The commit sits in "branch.commit" (current API) and/or "commit" (older one). */
static gboolean
read_commit (HbBuild *self, JsonObject *object, GError **error)
{
  JsonObject *branch = NULL, *commit = NULL;
  const char *name = NULL, *id, *message;

  if (json_object_has_member (object, "branch"))
    {
      if (!_hb_json_get_object (object, "branch", TRUE, &branch, error))
        return FALSE;
      if (branch != NULL && (!_hb_json_get_nullable_string (branch, "name", &name, error) ||
                             !_hb_json_get_object (branch, "commit", TRUE, &commit, error)))
        return FALSE;
    }
  if (commit == NULL && !_hb_json_get_object (object, "commit", FALSE, &commit, error))
    return FALSE;
  if (!_hb_json_get_string (commit, "id", &id, error) ||
      !_hb_json_get_nullable_string (commit, "message", &message, error))
    return FALSE;

  self->branch = g_strdup (name);
  _hb_resource_set_value (HB_RESOURCE (self), id);
  self->commit_message = g_strdup (message);
  return TRUE;
}

static gboolean
read_log_entries (HbBuild *self, JsonObject *object, GError **error)
{
  JsonArray *entries;
  g_autoptr (GPtrArray) items = NULL;

  if (!_hb_json_get_array (object, "log_entries", TRUE, &entries, error))
    return FALSE;
  if (entries == NULL)
    return TRUE;
  self->has_log = TRUE;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      HbLogEntry *entry = hb_log_entry_new_from_json (json_array_get_element (entries, i), error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (items, entry);
    }
  g_list_store_splice (self->log_entries, 0, 0, items->pdata, items->len);
  return TRUE;
}

static gboolean
hb_build_read (HbResource *resource, JsonObject *object, GError **error)
{
  HbBuild *self = HB_BUILD (resource);
  const char *status, *tests_url, *download_url, *id;

  if (!_hb_json_get_string (object, "status", &status, error) ||
      !_hb_json_get_datetime (object, "created", FALSE, &self->created, error) ||
      !_hb_json_get_optional_string (object, "tests_url", &tests_url, error) ||
      !_hb_json_get_optional_string (object, "download_url", &download_url, error) ||
      !_hb_json_get_optional_string (object, "id", &id, error) ||
      !read_commit (self, object, error) || !read_log_entries (self, object, error))
    return FALSE;
  /* "deployed" is null until deployed; some bodies leave it out. */
  if (json_object_has_member (object, "deployed") &&
      !_hb_json_get_datetime (object, "deployed", TRUE, &self->deployed, error))
    return FALSE;

  self->status = _hb_build_status_from_string (status);
  self->tests_url = g_strdup (tests_url);
  self->download_url = g_strdup (download_url);
  _hb_resource_set_fallback_id (resource, id != NULL ? id : hb_build_get_commit_id (self));
  return TRUE;
}

static gboolean
same_datetime (GDateTime *a, GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static void
update_log (HbBuild *self, HbBuild *fresh)
{
  GListModel *entries = G_LIST_MODEL (fresh->log_entries);
  guint n = g_list_model_get_n_items (entries);
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* A list body without the log says nothing about it. */
  if (!fresh->has_log || n == g_list_model_get_n_items (G_LIST_MODEL (self->log_entries)))
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (entries, i));
  g_list_store_splice (self->log_entries, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->log_entries)), items->pdata,
                       items->len);
  self->has_log = TRUE;
}

/* What a reload or a watch's poll can change, notifying only real changes. */
static void
hb_build_update_from (HbResource *resource, HbResource *fresh_resource)
{
  HbBuild *self = HB_BUILD (resource);
  HbBuild *fresh = HB_BUILD (fresh_resource);

  HB_RESOURCE_CLASS (hb_build_parent_class)->update_from (resource, fresh_resource);
  if (self->status != fresh->status)
    {
      self->status = fresh->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (!same_datetime (self->deployed, fresh->deployed))
    {
      g_clear_pointer (&self->deployed, g_date_time_unref);
      self->deployed = fresh->deployed != NULL ? g_date_time_ref (fresh->deployed) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPLOYED]);
    }
  update_log (self, fresh);
}

HbBuildStatus
hb_build_get_status (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), HB_BUILD_STATUS_UNKNOWN);
  return self->status;
}

/** hb_build_get_commit_id: Returns: (transfer none): the commit built, also the value */
const char *
hb_build_get_commit_id (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return hb_resource_get_value (HB_RESOURCE (self));
}

/** hb_build_get_commit_message: Returns: (transfer none) (nullable): the commit message */
const char *
hb_build_get_commit_message (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->commit_message;
}

/** hb_build_get_branch: Returns: (transfer none) (nullable): the branch name */
const char *
hb_build_get_branch (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->branch;
}

/** hb_build_get_created: Returns: (transfer none): when the build was created, in UTC */
GDateTime *
hb_build_get_created (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->created;
}

/** hb_build_get_deployed: Returns: (transfer none) (nullable): when it was deployed, in UTC */
GDateTime *
hb_build_get_deployed (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->deployed;
}

/** hb_build_get_tests_url: Returns: (transfer none) (nullable): the tests link as given */
const char *
hb_build_get_tests_url (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->tests_url;
}

/** hb_build_get_download_url: Returns: (transfer none) (nullable): the package link as given */
const char *
hb_build_get_download_url (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return self->download_url;
}

/** hb_build_get_log_entries: Returns: (transfer none): a GListModel of #HbLogEntry */
GListModel *
hb_build_get_log_entries (HbBuild *self)
{
  g_return_val_if_fail (HB_IS_BUILD (self), NULL);
  return G_LIST_MODEL (self->log_entries);
}
