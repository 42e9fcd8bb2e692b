/* hbs-test-cache.c: the tests of a build as served: generated trees kept rendered, and
 * results a caller gave for a build "1"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-test-cache.h"

#include "hbs-json.h"
#include "hbs-test-tree.h"

#include <string.h>

/* Rendered test trees kept; a big one is megabytes, so the cache is small. */
#define MAX_CACHED_TREES 32

struct _HbsTestCache
{
  GHashTable *trees;    /* "slug/id/n/fail/skip" → GBytes */
  GHashTable *fixtures; /* slug → JsonNode: test results given by the caller, build 1 */
};

HbsTestCache *
hbs_test_cache_new (void)
{
  HbsTestCache *self = g_new0 (HbsTestCache, 1);

  self->trees =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->fixtures =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  return self;
}

void
hbs_test_cache_free (HbsTestCache *self)
{
  g_hash_table_unref (self->trees);
  g_hash_table_unref (self->fixtures);
  g_free (self);
}

/* @roots (taken): an array of test nodes, served as given for @slug's build "1". */
void
hbs_test_cache_add_fixture (HbsTestCache *self, const char *slug, JsonNode *roots)
{
  g_hash_table_replace (self->fixtures, g_strdup (slug), roots);
}

/* The node with this id anywhere under @nodes (an array of test nodes), or NULL. */
static JsonNode *
find_fixture_node (JsonArray *nodes, const char *id)
{
  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *node = json_array_get_element (nodes, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *children;
      JsonNode *found;

      if (object == NULL)
        continue;
      if (g_strcmp0 (hbs_json_get_string (object, "id"), id) == 0)
        return node;
      children = hbs_json_get_array (object, "tests");
      if (children != NULL && (found = find_fixture_node (children, id)) != NULL)
        return found;
    }
  return NULL;
}

static GBytes *
render_fixture (JsonNode *roots, const char *test_id)
{
  JsonNode *node = roots;
  char *text;

  if (test_id != NULL && (node = find_fixture_node (json_node_get_array (roots), test_id)) == NULL)
    return NULL;
  text = json_to_string (node, FALSE);
  return g_bytes_new_take (text, strlen (text));
}

/* The roots (@test_id NULL) or one node of @build's tests, or NULL when there is no such node.
 * Trees are generated, then kept serialized: the big one is served as fast as a small one. */
GBytes *
hbs_test_cache_render (HbsTestCache *self, const char *slug, JsonObject *build, const char *test_id)
{
  JsonObject *tests = hbs_json_get_object (build, "tests");
  g_autofree char *seed = g_strdup_printf ("%s/%s", slug, hbs_json_get_string (build, "id"));
  HbsTestSpec spec = { seed, 0, 0, 0 };
  g_autofree char *key = NULL;
  JsonNode *fixture = g_hash_table_lookup (self->fixtures, slug);
  GBytes *bytes;

  if (fixture != NULL && g_strcmp0 (hbs_json_get_string (build, "id"), "1") == 0)
    return render_fixture (fixture, test_id);
  /* Queued and Building builds have no results yet. */
  if (tests == NULL)
    return test_id == NULL ? g_bytes_new_static ("[]", 2) : NULL;
  spec.n_tests = (guint) CLAMP (hbs_json_get_int (tests, "n", 0), 0, G_MAXINT32);
  spec.fail_mod = (guint) CLAMP (hbs_json_get_int (tests, "fail", 0), 0, G_MAXINT32);
  spec.skip_mod = (guint) CLAMP (hbs_json_get_int (tests, "skip", 0), 0, G_MAXINT32);
  if (test_id != NULL)
    return hbs_test_tree_render_node (&spec, test_id);

  key = g_strdup_printf ("%s/%u/%u/%u", seed, spec.n_tests, spec.fail_mod, spec.skip_mod);
  bytes = g_hash_table_lookup (self->trees, key);
  if (bytes != NULL)
    return g_bytes_ref (bytes);
  if (g_hash_table_size (self->trees) >= MAX_CACHED_TREES)
    g_hash_table_remove_all (self->trees);
  bytes = hbs_test_tree_render_roots (&spec);
  g_hash_table_insert (self->trees, g_steal_pointer (&key), g_bytes_ref (bytes));
  return bytes;
}
