/* hbt-generate.c: test data we did not write by hand: generated test trees and names
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-generate.h"

#include <json-glib/json-glib.h>

/* Children per group in HBT_TREE_GROUPS, at both levels. */
#define GROUP_SIZE 7

char *
hbt_odd_name (guint i)
{
  switch (i % 8)
    {
    case 0:
      return g_strdup_printf ("Test%u", i);
    case 1:
      return g_strdup_printf ("CanParse%uItems", i);
    case 2:
      return g_strdup_printf ("Prüfung_Ärger_Straße_%u", i);
    case 3:
      return g_strdup_printf ("测试_Ωμέγα_%u", i);
    case 4:
      return g_strdup_printf ("اختبار_%u", i);
    case 5:
      return g_strdup_printf ("🚀 launches %u times", i);
    case 6:
      return g_strdup_printf ("<b>&amp;</a> %u", i);
    default:
      {
        GString *name = g_string_new (NULL);

        while (name->len < 300)
          g_string_append (name, "AVeryLongTestNameThatKeepsGoing");
        g_string_append_printf (name, "_%u", i);
        return g_string_free (name, FALSE);
      }
    }
}

typedef struct
{
  guint next_test; /* how many tests were made so far */
} Generator;

static JsonObject *
new_node (const char *id, const char *name, const char *kind, const char *status, guint ms)
{
  JsonObject *node = json_object_new ();
  g_autofree char *duration =
      g_strdup_printf ("00:00:%02u.%03u0000", (ms / 1000) % 60, ms % 1000);

  json_object_set_string_member (node, "id", id);
  json_object_set_string_member (node, "name", name);
  json_object_set_string_member (node, "status", status);
  json_object_set_string_member (node, "kind", kind);
  json_object_set_string_member (node, "duration", duration);
  json_object_set_array_member (node, "tests", json_array_new ());
  return node;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
make_test (Generator *gen, const char *id)
{
  guint i = gen->next_test++;
  g_autofree char *name = hbt_odd_name (i);
  const char *status = i % 5 == 1 ? "Failed" : i % 7 == 3 ? "Skipped" : "Passed";

  return object_node (new_node (id, name, "Test", status, 3 + (i * 37) % 2000));
}

static gboolean
node_failed (JsonNode *node)
{
  return g_str_equal (json_object_get_string_member (json_node_get_object (node), "status"),
                      "Failed");
}

/* A group over @children (consumed): Failed when one of them failed. */
static JsonNode *
make_group (const char *id, guint index, JsonArray *children)
{
  g_autofree char *name = hbt_odd_name (index + 1000);
  g_autofree char *group_name = g_strconcat ("Fixture ", name, NULL);
  gboolean failed = FALSE;
  JsonObject *group;

  for (guint i = 0; i < json_array_get_length (children); i++)
    failed |= node_failed (json_array_get_element (children, i));
  group = new_node (id, group_name, "Group", failed ? "Failed" : "Passed", 50 + index);
  json_object_set_array_member (group, "tests", children);
  return object_node (group);
}

static char *
child_id (const char *parent, guint position)
{
  return parent != NULL ? g_strdup_printf ("%s.%u", parent, position)
                        : g_strdup_printf ("%u", position);
}

/* Up to @n tests at positions 1… under @parent (NULL: the top level). */
static JsonArray *
make_tests (Generator *gen, const char *parent, guint n)
{
  JsonArray *tests = json_array_new ();

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *id = child_id (parent, i);

      json_array_add_element (tests, make_test (gen, id));
    }
  return tests;
}

/* @n tests in groups of GROUP_SIZE under @parent; with @levels > 1 those groups are grouped
 * again. */
static JsonArray *
make_groups (Generator *gen, const char *parent, guint n, guint levels)
{
  JsonArray *groups = json_array_new ();
  guint per_group = GROUP_SIZE;

  for (guint l = 1; l < levels; l++)
    per_group *= GROUP_SIZE;
  for (guint position = 1; n > 0; position++)
    {
      g_autofree char *id = child_id (parent, position);
      guint here = MIN (n, per_group);
      JsonArray *children = levels > 1 ? make_groups (gen, id, here, levels - 1)
                                       : make_tests (gen, id, here);

      json_array_add_element (groups, make_group (id, position, children));
      n -= here;
    }
  return groups;
}

static JsonArray *
make_deep (Generator *gen, const char *parent, guint depth, guint n)
{
  g_autofree char *id = child_id (parent, 1);
  JsonArray *level = json_array_new ();
  JsonArray *children =
      depth > 1 ? make_deep (gen, id, depth - 1, n) : make_tests (gen, id, n);

  json_array_add_element (level, make_group (id, depth, children));
  return level;
}

char *
hbt_generate_tests_json (guint n_tests, HbtTreeShape shape)
{
  Generator gen = { 0 };
  g_autoptr (JsonNode) root = json_node_alloc ();
  JsonArray *roots;

  if (n_tests == 0)
    roots = json_array_new ();
  else if (shape == HBT_TREE_FLAT)
    roots = make_tests (&gen, NULL, n_tests);
  else if (shape == HBT_TREE_GROUPS)
    roots = make_groups (&gen, NULL, n_tests, n_tests > GROUP_SIZE * GROUP_SIZE ? 2 : 1);
  else if (shape == HBT_TREE_ONE_GROUP)
    {
      roots = json_array_new ();
      json_array_add_element (roots, make_group ("1", 1, make_tests (&gen, "1", n_tests)));
    }
  else
    roots = make_deep (&gen, NULL, HBT_DEEP_LEVELS, n_tests);

  json_node_init_array (root, roots);
  json_array_unref (roots);
  return json_to_string (root, FALSE);
}
