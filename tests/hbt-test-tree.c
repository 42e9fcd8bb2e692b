/* hbt-test-tree.c: a test tree as one string, to compare two readers' trees
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-test-tree.h"

#include "hb-api.h"

static void
describe_level (GString *out, GListModel *level, guint depth)
{
  for (guint i = 0; i < g_list_model_get_n_items (level); i++)
    {
      g_autoptr (HbTestNode) node = g_list_model_get_item (level, i);
      GListModel *children = hb_test_node_get_children (node);

      g_string_append_printf (out, "%*s%s|%s|%d|%d|%" G_GINT64_FORMAT "|%u%s\n", depth * 2, "",
                              hb_test_node_get_id (node), hb_test_node_get_name (node),
                              hb_test_node_get_status (node), hb_test_node_get_kind (node),
                              hb_test_node_get_duration (node), hb_test_node_get_n_children (node),
                              children ? "" : " leaf");
      if (children == NULL)
        continue;
      /* The model and the node must agree on what the node holds. */
      g_assert_cmpuint (g_list_model_get_n_items (children), ==,
                        hb_test_node_get_n_children (node));
      describe_level (out, children, depth + 1);
    }
}

char *
hbt_test_tree_describe (GListModel *roots)
{
  GString *out = g_string_new (NULL);

  describe_level (out, roots, 0);
  return g_string_free (out, FALSE);
}
