/* hbs-test-tree.c: deterministic test-result trees, rendered straight to JSON
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-test-tree.h"

#include <string.h>

/* Every group has up to FANOUT children, so a node's id ("2.5.1") is its position. */
#define FANOUT 8
#define TICKS_PER_SECOND G_GINT64_CONSTANT (10000000)

typedef struct
{
  const HbsTestSpec *spec;
  guint64 seed_hash;
  guint levels;  /* groups above the tests, plus the tests */
  guint64 *span; /* span[d]: leaves under one node at depth d (0 = root level) */
} Tree;

static const char *const areas[] = {
  "Controllers", "Services", "Models", "Data", "Api", "Security", "Billing", "Rendering",
};
static const char *const nouns[] = {
  "Account", "Order",    "Invoice", "Session", "Cart",   "Payment", "Route", "Template",
  "Cache",   "Customer", "Report",  "Upload",  "Search", "Webhook", "Token", "Mailer",
};
static const char *const verbs[] = {
  "Creates", "Rejects", "Loads", "Saves",   "Renders", "Validates",
  "Retries", "Parses",  "Sorts", "Filters", "Expires", "Refunds",
};
static const char *const cases[] = {
  "WhenEmpty",        "WithValidInput",  "WithMissingField", "OnTimeout",     "ForNewUser",
  "WhenUnauthorized", "WithUnicodeName", "OnSecondAttempt",  "WhenDuplicate", "InParallel",
};

static guint64
mix (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

static void
tree_init (Tree *tree, const HbsTestSpec *spec)
{
  guint64 capacity = FANOUT * FANOUT;

  tree->spec = spec;
  tree->seed_hash = mix (g_str_hash (spec->seed));
  /* At least one level of groups, as real runners report fixtures. */
  tree->levels = 2;
  while (capacity < spec->n_tests)
    {
      capacity *= FANOUT;
      tree->levels++;
    }
  tree->span = g_new (guint64, tree->levels);
  tree->span[tree->levels - 1] = 1;
  for (int d = (int) tree->levels - 2; d >= 0; d--)
    tree->span[d] = tree->span[d + 1] * FANOUT;
}

static gboolean
leaf_failed (const Tree *tree, guint64 leaf)
{
  const HbsTestSpec *spec = tree->spec;

  if (spec->fail_mod == 0)
    return FALSE;
  /* A failed run always has at least one failure to show. */
  if (leaf == spec->n_tests / 2)
    return TRUE;
  return mix (tree->seed_hash ^ leaf) % spec->fail_mod == 0;
}

static const char *
leaf_status (const Tree *tree, guint64 leaf)
{
  if (leaf_failed (tree, leaf))
    return "Failed";
  if (tree->spec->skip_mod != 0 && (mix (tree->seed_hash ^ leaf) >> 8) % tree->spec->skip_mod == 0)
    return "Skipped";
  return "Passed";
}

static void
append_duration (GString *out, gint64 ticks)
{
  gint64 seconds = ticks / TICKS_PER_SECOND;

  g_string_append_printf (out,
                          "\"%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT ":%02" G_GINT64_FORMAT
                          ".%07" G_GINT64_FORMAT "\"",
                          seconds / 3600, (seconds / 60) % 60, seconds % 60,
                          ticks % TICKS_PER_SECOND);
}

static void
append_name (GString *out, const Tree *tree, guint depth, guint64 first_leaf, guint64 index)
{
  guint64 h = mix (tree->seed_hash ^ (first_leaf * 31 + depth));

  if (depth == tree->levels - 1)
    g_string_append_printf (out, "%s%s_%s", verbs[h % G_N_ELEMENTS (verbs)],
                            nouns[(h >> 8) % G_N_ELEMENTS (nouns)],
                            cases[(h >> 16) % G_N_ELEMENTS (cases)]);
  else if (depth == 0)
    g_string_append_printf (out, "Tests.%s", areas[index % G_N_ELEMENTS (areas)]);
  else
    g_string_append_printf (out, "%s%sTests", nouns[h % G_N_ELEMENTS (nouns)],
                            depth > 1 ? areas[(h >> 20) % G_N_ELEMENTS (areas)] : "");
}

/* Writes the node at @depth covering leaves from @first_leaf; returns its duration in ticks
 * and whether anything beneath it failed, which a group's status needs before it is written. */
static gint64
render (const Tree *tree,
        GString *out,
        const char *id,
        guint depth,
        guint64 first_leaf,
        guint64 index,
        gboolean *failed)
{
  gboolean is_leaf = depth == tree->levels - 1;
  g_autoptr (GString) children = g_string_new (NULL);
  gint64 ticks = 0;
  gboolean any_failed = FALSE;
  const char *status;

  if (is_leaf)
    {
      status = leaf_status (tree, first_leaf);
      any_failed = g_str_equal (status, "Failed");
      ticks = 20000 + (gint64) (mix (tree->seed_hash + first_leaf) % 2500000);
    }
  else
    {
      for (guint c = 0; c < FANOUT; c++)
        {
          guint64 child_first = first_leaf + c * tree->span[depth + 1];
          g_autofree char *child_id = NULL;
          gboolean child_failed = FALSE;

          if (child_first >= tree->spec->n_tests)
            break;
          child_id = g_strdup_printf ("%s.%u", id, c + 1);
          if (c > 0)
            g_string_append_c (children, ',');
          ticks += render (tree, children, child_id, depth + 1, child_first, c, &child_failed);
          any_failed |= child_failed;
        }
      /* Fixture set-up and tear-down: a group takes longer than its tests. */
      ticks += (gint64) (mix (tree->seed_hash ^ (first_leaf + depth)) % 400000);
      status = any_failed ? "Failed" : "Passed";
    }

  g_string_append_printf (out, "{\"id\":\"%s\",\"name\":\"", id);
  append_name (out, tree, depth, first_leaf, index);
  g_string_append_printf (out, "\",\"status\":\"%s\",\"kind\":\"%s\",\"duration\":", status,
                          is_leaf ? "Test" : "Group");
  append_duration (out, ticks);
  g_string_append (out, ",\"tests\":[");
  g_string_append_len (out, children->str, children->len);
  g_string_append (out, "]}");
  *failed = any_failed;
  return ticks;
}

GBytes *
hbs_test_tree_render_roots (const HbsTestSpec *spec)
{
  GString *out = g_string_sized_new ((gsize) spec->n_tests * 130 + 16);
  Tree tree;

  tree_init (&tree, spec);
  g_string_append_c (out, '[');
  for (guint64 r = 0; r * tree.span[0] < spec->n_tests; r++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, r + 1);
      gboolean failed;

      if (r > 0)
        g_string_append_c (out, ',');
      render (&tree, out, id, 0, r * tree.span[0], r, &failed);
    }
  g_string_append_c (out, ']');
  g_free (tree.span);
  return g_string_free_to_bytes (out);
}

/* Returns NULL when @id names no node of the tree. */
GBytes *
hbs_test_tree_render_node (const HbsTestSpec *spec, const char *id)
{
  g_auto (GStrv) parts = g_strsplit (id, ".", 0);
  guint n_parts = g_strv_length (parts);
  guint64 first_leaf = 0;
  guint64 index = 0;
  GString *out;
  gboolean failed;
  Tree tree;

  tree_init (&tree, spec);
  if (n_parts == 0 || n_parts > tree.levels)
    {
      g_free (tree.span);
      return NULL;
    }
  for (guint d = 0; d < n_parts; d++)
    {
      guint64 position;
      guint64 limit = d == 0 ? G_MAXUINT32 : FANOUT;

      /* Canonical numbers only, so "01" and "1" are not two names for one node. */
      if (parts[d][0] == '0' ||
          !g_ascii_string_to_unsigned (parts[d], 10, 1, limit, &position, NULL))
        {
          g_free (tree.span);
          return NULL;
        }
      index = position - 1;
      first_leaf += index * tree.span[d];
    }
  if (first_leaf >= spec->n_tests)
    {
      g_free (tree.span);
      return NULL;
    }
  out = g_string_new (NULL);
  render (&tree, out, id, n_parts - 1, first_leaf, index, &failed);
  g_free (tree.span);
  return g_string_free_to_bytes (out);
}
