/* fuzz-server-world.c: libFuzzer target for harbor-server's state-file reader (--data FILE): the
 * text checks, the parse and the type check of every member, then every store lookup the routes
 * make on a world that passed, and a save-and-reload round trip
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-json.h"
#include "hbs-store.h"
#include "hbs-test-tree.h"
#include "hbs-world.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Keeps the fuzzer fast: a tree's cost grows with its size, which the reader bounds anyway. */
#define MAX_RENDERED_TESTS 300

static void
walk_build (JsonObject *app, JsonObject *build)
{
  JsonObject *tests = hbs_json_get_object (build, "tests");
  g_autoptr (JsonObject) commit = hbs_store_build_commit (build);
  JsonArray *entries = hbs_json_get_array (build, "log_entries");
  HbsTestSpec spec = { hbs_json_get_string (build, "id"), 0, 0, 0 };
  g_autoptr (GBytes) node = NULL;

  g_assert (hbs_json_get_string (build, "status") != NULL);
  g_assert (hbs_json_get_string (commit, "id") != NULL);
  g_assert (hbs_store_find_item (app, "builds", hbs_json_get_string (build, "id")) != NULL);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    g_assert (hbs_json_get_string (json_array_get_object_element (entries, i), "message"));
  if (tests == NULL)
    return;
  spec.n_tests = MIN (hbs_json_get_int (tests, "n", -1), MAX_RENDERED_TESTS);
  spec.fail_mod = (guint) hbs_json_get_int (tests, "fail", -1);
  spec.skip_mod = (guint) hbs_json_get_int (tests, "skip", -1);
  g_bytes_unref (hbs_test_tree_render_roots (&spec));
  g_clear_pointer (&node, g_bytes_unref);
  node = hbs_test_tree_render_node (&spec, "1.1");
}

/* What the routes do with a loaded world must never meet a NULL or a wrong type. */
static void
walk (HbsStore *store, JsonObject *world)
{
  JsonArray *apps = hbs_store_get_apps (store);
  JsonArray *users = hbs_json_get_array (world, "users");
  static const char *const collections[] = { "collaborators", "configurationvariables",
                                             "hostnames",     "servicehooks",
                                             "errors",        "drains" };

  hbs_store_default_user (store);
  hbs_store_lookup_token (store, "T");
  for (guint u = 0; u < json_array_get_length (users); u++)
    {
      const char *name = hbs_json_get_string (json_array_get_object_element (users, u), "name");

      g_assert (hbs_store_find_user (store, name) != NULL);
      hbs_store_check_password (store, name, "demo");
    }
  for (guint a = 0; a < json_array_get_length (apps); a++)
    {
      JsonObject *app = json_array_get_object_element (apps, a);
      JsonArray *builds = hbs_json_get_array (app, "builds");
      const char *owner = hbs_json_get_string (app, "owner");

      g_assert (hbs_store_find_app (store, hbs_json_get_string (app, "slug")) != NULL);
      g_assert (hbs_store_role (store, app, owner) != NULL);
      for (guint b = 0; b < json_array_get_length (builds); b++)
        walk_build (app, json_array_get_object_element (builds, b));
      for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
        {
          JsonArray *items = hbs_json_get_array (app, collections[c]);

          for (guint i = 0; i < json_array_get_length (items); i++)
            g_assert (hbs_json_get_string (json_array_get_object_element (items, i), "id"));
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean initialized;
  g_autoptr (JsonObject) world = NULL;
  g_autoptr (JsonObject) again = NULL;
  g_autoptr (HbsStore) store = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!initialized)
    {
      /* A critical from json-glib or GLib counts as a crash. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }
  world = hbs_world_parse ((const char *) data, size, &error);
  if (world == NULL)
    {
      /* A refusal always says why. */
      g_assert (error != NULL && error->message[0] != '\0');
      return 0;
    }
  store = hbs_store_new ();
  hbs_store_set_world (store, world);
  walk (store, world);
  /* What the server saves from a world it loaded, it loads again. */
  root = json_node_init_object (json_node_alloc (), world);
  text = json_to_string (root, FALSE);
  again = hbs_world_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert (again != NULL);
  return 0;
}
