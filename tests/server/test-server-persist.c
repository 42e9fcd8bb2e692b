/* test-server-persist.c: harbor-server's state file (restart, batched atomic writes, kill -9,
 * corrupt files) and its command line
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hst.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#define TEST(path, fn) g_test_add (path, HstFixture, NULL, setup, fn, hst_teardown)

static void
setup (HstFixture *f, gconstpointer data)
{
  f->tmpdir = g_dir_make_tmp ("hbs-persist-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
}

static char *
data_path (HstFixture *f)
{
  return g_build_filename (f->tmpdir, "state.json", NULL);
}

static HbsServer *
server_on (HstFixture *f)
{
  g_autofree char *path = data_path (f);
  g_autoptr (GError) error = NULL;
  HbsServer *server = hbs_server_new ();

  g_assert_true (hbs_server_set_data_file (server, path, &error));
  g_assert_no_error (error);
  hbs_server_seed (server);
  return server;
}

static void
stop (HstFixture *f)
{
  g_assert_finalize_object (g_steal_pointer (&f->server));
  g_clear_pointer (&f->base, g_free);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_restart (HstFixture *f, gconstpointer data)
{
  HbsServer *server = server_on (f);

  hbs_server_add_token (server, "demo", "persisted-token");
  hst_start (f, server);
  {
    g_autoptr (HstResponse) app = hst_request (
        f, "POST", "/applications", "persisted-token", "application/json",
        "{\"name\":\"Kept\",\"region_identifier\":\"amazon-web-services::eu-west-1\"}");
    g_autoptr (HstResponse) var =
        hst_request (f, "POST", "/applications/kept/configurationvariables", "persisted-token",
                     "application/json", "{\"key\":\"K\",\"value\":\"v\"}");
    g_autoptr (HstResponse) del =
        hst_request (f, "DELETE", "/applications/status-page", "persisted-token", NULL, NULL);
    g_autoptr (HstResponse) rename =
        hst_request (f, "PUT", "/applications/hello-world", "persisted-token", "application/json",
                     "{\"name\":\"Hello Again\"}");

    g_assert_cmpuint (app->status, ==, 201);
    g_assert_cmpuint (var->status, ==, 201);
    g_assert_cmpuint (del->status, ==, 204);
    g_assert_cmpuint (rename->status, ==, 200);
  }
  stop (f);

  /* Seeding a loaded, seeded world changes nothing. */
  hst_start (f, server_on (f));
  {
    g_autoptr (HstResponse) apps =
        hst_request (f, "GET", "/applications", "persisted-token", NULL, NULL);
    g_autoptr (HstResponse) vars = hst_request (
        f, "GET", "/applications/kept/configurationvariables", "persisted-token", NULL, NULL);
    g_autoptr (HstResponse) gone =
        hst_request (f, "GET", "/applications/status-page", "persisted-token", NULL, NULL);
    g_autoptr (HstResponse) hello =
        hst_request (f, "GET", "/applications/hello-world", "persisted-token", NULL, NULL);
    g_autoptr (HstResponse) builds =
        hst_request (f, "GET", "/applications/hello-world/builds", "persisted-token", NULL, NULL);

    g_assert_cmpuint (json_array_get_length (hst_array (apps)), ==, 6);
    g_assert_cmpstr (hst_member (json_array_get_object_element (hst_array (vars), 0), "value"), ==,
                     "v");
    hst_assert_error (gone, 404);
    g_assert_cmpstr (hst_member (hst_object (hello), "name"), ==, "Hello Again");
    g_assert_cmpuint (json_array_get_length (hst_array (builds)), ==, 60);
  }
}

static gboolean
file_mentions (gpointer data)
{
  const char **args = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (args[0], &contents, NULL, NULL) && strstr (contents, args[1]) != NULL;
}

/* Writes are batched but prompt: the file has a change well within a second, no restart. */
static void
test_prompt_write (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  const char *args[] = { path, "\"Prompt\"" };

  hst_start (f, server_on (f));
  hbs_server_add_token (f->server, "demo", "T");
  {
    g_autoptr (HstResponse) r =
        hst_send (f, "POST", "/applications",
                  "{\"name\":\"Prompt\",\"region_identifier\":\"amazon-web-services::us-east-1\"}");
    g_assert_cmpuint (r->status, ==, 201);
  }
  g_assert_true (hst_wait_for (file_mentions, args, 2000));
  /* The file never holds a token in clear. */
  g_assert_false (file_mentions ((const char *[]){ path, "\"T\"" }));
}

static void
test_corrupt_file (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  g_autoptr (HbsServer) server = hbs_server_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;
  static const char *const bad[] = { "{\"version\":1,\"users\":[", "[]", "{\"version\":2}",
                                     "\xff" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      g_assert_false (hbs_server_set_data_file (server, path, &error));
      g_assert_nonnull (error);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, bad[i]);
      g_clear_pointer (&after, g_free);
    }
}

static guint64
file_inode (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (guint64) buf.st_ino : 0;
}

/* A big state file is not rewritten every 100 ms: writes are spaced by its size (2 MB/s at
 * most) and by how long the last one took, while a small file still gets each change within
 * 100 ms. Each write replaces the file, so each gives it a new inode. */
static void
test_throttled_writes (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  g_autofree char *padding = g_strnfill (10000, 'x');
  g_autoptr (GHashTable) inodes = g_hash_table_new (NULL, NULL);
  HbsServer *server = server_on (f);
  g_autoptr (GError) error = NULL;
  gint64 start;
  GStatBuf buf;

  /* About 3 MB of state. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%u", i);
      g_autofree char *email = g_strdup_printf ("%s@%s.example", name, padding);

      hbs_server_add_user (server, name, email, "pw");
    }
  hbs_server_add_token (server, "demo", "T");
  g_assert_true (hbs_server_flush (server, &error));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_test_message ("state file: %" G_GINT64_FORMAT " bytes", (gint64) buf.st_size);
  g_assert_cmpint (buf.st_size, >, 3000000);
  hst_start (f, server);
  start = g_get_monotonic_time ();
  for (guint i = 0; g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"key\":\"K%u\",\"value\":\"v\"}", i);
      g_autoptr (HstResponse) r =
          hst_send (f, "POST", "/applications/hello-world/configurationvariables", body);

      g_assert_cmpuint (r->status, ==, 201);
      hst_wait (10);
      g_hash_table_add (inodes, GSIZE_TO_POINTER (file_inode (path)));
    }
  g_test_message ("%u writes in 2 s of changes", g_hash_table_size (inodes) - 1);
  g_assert_cmpuint (g_hash_table_size (inodes) - 1, <=, 2);
  /* The last change still arrives, within the spacing. */
  g_assert_true (hst_wait_for (file_mentions, (const char *[]){ path, "\"K1\"" }, 5000));
}

/* Writes @text to @path, tries to load it, and checks that it was refused with a message naming
 * @needle and left as it was. */
static void
assert_refused (const char *path, const char *text, const char *needle)
{
  g_autoptr (HbsServer) server = hbs_server_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_false (hbs_server_set_data_file (server, path, &error));
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "is not a harbor-server state file"));
  if (needle != NULL && strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

static JsonObject *
find_object (JsonArray *array, const char *member, const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0)
        return object;
    }
  g_error ("no %s “%s”", member, value);
}

/* A seeded world as text, with one change made by @edit. */
static char *
edited_world (const char *seeded, void (*edit) (JsonObject *world))
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, seeded, -1, NULL));
  root = json_parser_get_root (parser);
  edit (json_node_get_object (root));
  return json_to_string (root, FALSE);
}

static JsonObject *
hello_build (JsonObject *world, const char *id)
{
  JsonObject *app =
      find_object (json_object_get_array_member (world, "apps"), "slug", "hello-world");

  return find_object (json_object_get_array_member (app, "builds"), "id", id);
}

static void
drop_status (JsonObject *world)
{
  json_object_remove_member (hello_build (world, "60"), "status");
}

static void
unknown_status (JsonObject *world)
{
  json_object_set_string_member (hello_build (world, "60"), "status", "Exploded");
}

static void
numeric_message (JsonObject *world)
{
  json_object_set_int_member (hello_build (world, "12"), "commit_message", 12);
}

static void
header_in_id (JsonObject *world)
{
  json_object_set_string_member (hello_build (world, "3"), "id", "3\r\nX-Injected: 1");
}

static void
huge_tree (JsonObject *world)
{
  JsonObject *tests = json_object_get_object_member (hello_build (world, "59"), "tests");

  json_object_set_int_member (tests, "n", G_GINT64_CONSTANT (4000000000));
}

static void
token_number (JsonObject *world)
{
  json_object_set_int_member (json_object_get_object_member (world, "tokens"), "abc", 7);
}

static void
user_not_object (JsonObject *world)
{
  json_array_add_string_element (json_object_get_array_member (world, "users"), "mallory");
}

static void
inner_exception_string (JsonObject *world)
{
  JsonObject *app =
      find_object (json_object_get_array_member (world, "apps"), "slug", "hello-world");
  JsonObject *error =
      json_array_get_object_element (json_object_get_array_member (app, "errors"), 0);

  json_object_set_string_member (json_object_get_object_member (error, "exception"),
                                 "inner_exception", "boom");
}

/* Every member the server reads is checked at load: a corrupt or hostile file is refused with a
 * message naming the member, and left untouched; nothing reaches a route to crash there. */
static void
test_invalid_world (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  g_autofree char *seeded = NULL;
  g_autoptr (GString) deep = g_string_new ("{\"version\":1,\"users\":");
  static const struct
  {
    void (*edit) (JsonObject *world);
    const char *needle;
  } edits[] = {
    { drop_status, "apps[0].builds[59].status: is missing" },
    { unknown_status, "status: must be one of Queued, Building, Succeeded, Failed" },
    { numeric_message, "commit_message: must be a string" },
    { header_in_id, "id: must hold only letters, digits and -._~" },
    { huge_tree, "tests.n: must be from 0 to 1000000" },
    { token_number, "tokens[“abc”]" },
    { user_not_object, "users[3]: must be an object" },
    { inner_exception_string, "exception.inner_exception: must be an object" },
  };

  {
    g_autoptr (HbsServer) server = server_on (f);
    g_autoptr (GError) error = NULL;

    g_assert_true (hbs_server_flush (server, &error));
    g_assert_true (g_file_get_contents (path, &seeded, NULL, NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *text = edited_world (seeded, edits[i].edit);

      assert_refused (path, text, edits[i].needle);
    }
  /* json-glib 1.6 recurses per bracket: 200,000 of them overflowed its stack. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  assert_refused (path, deep->str, "nested more than 64 levels");
  assert_refused (path, "{\"version\":1,\"next_id\":1,\"users\":[{\"name\":\"a\\u0000b\"}]}",
                  "\\u0000");
  /* json-glib's octal escape is another NUL; a lone surrogate, invalid UTF-8 (the server would
   * then save a file it cannot load). */
  assert_refused (path, "{\"version\":1,\"next_id\":1,\"users\":[{\"name\":\"a\\0b\"}]}",
                  "invalid escape");
  assert_refused (path, "{\"version\":1,\"next_id\":1,\"users\":[{\"name\":\"a\\ud800\"}]}",
                  "invalid escape");
  /* The seeded world itself still loads. */
  {
    g_autoptr (HbsServer) server = hbs_server_new ();
    g_autoptr (GError) error = NULL;

    g_assert_true (g_file_set_contents (path, seeded, -1, NULL));
    g_assert_true (hbs_server_set_data_file (server, path, &error));
    g_assert_no_error (error);
  }
}

/* The build URL (B4) authenticates with the application's own token, kept in the state file. */
static void
test_build_url_token (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  JsonArray *apps;
  const char *token = NULL;

  hst_start (f, server_on (f));
  g_assert_true (hbs_server_flush (f->server, &error));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  apps =
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "apps");
  for (guint i = 0; i < json_array_get_length (apps); i++)
    if (g_str_equal (
            json_object_get_string_member (json_array_get_object_element (apps, i), "slug"),
            "docs-site"))
      token =
          json_object_get_string_member (json_array_get_object_element (apps, i), "build_token");
  g_assert_nonnull (token);
  url = g_strconcat ("/applications/docs-site/builds?authorization=", token, NULL);
  {
    g_autoptr (HstResponse) r = hst_request (
        f, "POST", url, NULL, "application/json",
        "{\"branches\":{\"default\":{\"commit_id\":\"abc\",\"commit_message\":\"hook\"}}}");
    g_autoptr (HstResponse) other_app = NULL;
    g_autofree char *other =
        g_strconcat ("/applications/shop-api/builds?authorization=", token, NULL);

    hst_assert_created (f, r, "/applications/docs-site/builds", NULL);
    other_app = hst_request (f, "POST", other, NULL, "application/json",
                             "{\"branches\":{\"default\":{\"commit_id\":\"abc\"}}}");
    hst_assert_error (other_app, 401);
  }
}

/* The secrets a seeded world holds, in file order: salts, build tokens, drain tokens. */
static GPtrArray *
world_secrets (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GPtrArray *secrets = g_ptr_array_new_with_free_func (g_free);
  JsonObject *world;
  JsonArray *users, *apps;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  world = json_node_get_object (json_parser_get_root (parser));
  users = json_object_get_array_member (world, "users");
  apps = json_object_get_array_member (world, "apps");
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      const char *salt =
          json_object_get_string_member (json_array_get_object_element (users, i), "salt");

      g_assert_cmpuint (strlen (salt), >=, 22);
      g_ptr_array_add (secrets, g_strdup (salt));
    }
  for (guint i = 0; i < json_array_get_length (apps); i++)
    {
      JsonObject *app = json_array_get_object_element (apps, i);
      const char *token = json_object_get_string_member (app, "build_token");
      JsonArray *drains = json_object_get_array_member (app, "drains");

      /* 256 bits, URL-safe as it is: it goes in ?authorization= unescaped. */
      g_assert_true (g_regex_match_simple ("^[A-Za-z0-9_-]{43,}$", token, 0, 0));
      g_ptr_array_add (secrets, g_strdup (token));
      for (guint d = 0; d < json_array_get_length (drains); d++)
        {
          const char *drain =
              json_object_get_string_member (json_array_get_object_element (drains, d), "token");

          /* AppHarbor's shape: "d." and a version 4 UUID. */
          g_assert_true (g_regex_match_simple (
              "^d\\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", drain, 0,
              0));
          g_ptr_array_add (secrets, g_strdup (drain));
        }
    }
  return secrets;
}

/* Salts, build tokens and drain tokens come from the kernel's CSPRNG: reseeding GLib's
 * Mersenne Twister (which g_uuid_string_random() draws from) does not repeat them. */
static void
test_secrets_unpredictable (HstFixture *f, gconstpointer data)
{
  g_autofree char *first_path = g_build_filename (f->tmpdir, "first.json", NULL);
  g_autofree char *second_path = g_build_filename (f->tmpdir, "second.json", NULL);
  const char *paths[] = { first_path, second_path };
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr (HbsServer) server = hbs_server_new ();
      g_autoptr (GError) error = NULL;

      g_random_set_seed (42);
      g_assert_true (hbs_server_set_data_file (server, paths[i], &error));
      hbs_server_seed (server);
      g_assert_true (hbs_server_flush (server, &error));
      g_assert_no_error (error);
    }
  first = world_secrets (first_path);
  second = world_secrets (second_path);
  g_assert_cmpuint (first->len, ==, second->len);
  g_assert_cmpuint (first->len, >, 6);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first, i), !=, g_ptr_array_index (second, i));
}

static char *
server_binary (void)
{
  return g_build_filename (g_getenv ("HARBOR_BUILD_ROOT"), "src", "server", "harbor-server", NULL);
}

static GSubprocess *
spawn (HstFixture *f, const char *const *extra)
{
  g_autofree char *binary = server_binary ();
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, binary);
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char *const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  return process;
}

/* The first line of stdout is the base URL. */
static char *
read_base_url (GSubprocess *process)
{
  g_autoptr (GDataInputStream) in =
      g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr (GError) error = NULL;
  char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[0-9]+$", line, 0, 0));
  return line;
}

static void
test_cli_first_line (HstFixture *f, gconstpointer data)
{
  const char *args[] = { "--seed", "--token", "T", "--port", "0", NULL };
  g_autoptr (GSubprocess) process = spawn (f, args);
  g_autoptr (HstResponse) r = NULL;

  f->base = read_base_url (process);
  r = hst_get (f, "/applications");
  g_assert_cmpuint (json_array_get_length (hst_array (r)), ==, 6);
  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* kill -9 while writes stream in, again and again: the file always loads, whole. */
static void
test_kill_9 (HstFixture *f, gconstpointer data)
{
  g_autofree char *path = data_path (f);
  const char *args[] = { "--seed", "--token", "T", "--data", path, NULL };

  for (guint round = 0; round < 4; round++)
    {
      g_autoptr (GSubprocess) process = spawn (f, args);
      g_autoptr (HbsServer) check = hbs_server_new ();
      g_autoptr (GError) error = NULL;

      g_clear_pointer (&f->base, g_free);
      f->base = read_base_url (process);
      for (guint i = 0; i < 15 + round * 7; i++)
        {
          g_autofree char *body =
              g_strdup_printf ("{\"key\":\"K%u_%u\",\"value\":\"%s\"}", round, i,
                               "a fairly long value so that the file takes a while to write");
          g_autoptr (HstResponse) r =
              hst_send (f, "POST", "/applications/hello-world/configurationvariables", body);

          g_assert_cmpuint (r->status, ==, 201);
          hst_wait (g_random_int_range (0, 15));
        }
      g_subprocess_send_signal (process, SIGKILL);
      g_assert_true (g_subprocess_wait (process, NULL, NULL));
      g_assert_true (hbs_server_set_data_file (check, path, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&f->base, g_free);
  /* The last state that was written is a seeded world with the early variables. */
  {
    g_autoptr (HbsServer) server = hbs_server_new ();
    g_autoptr (GError) error = NULL;

    g_assert_true (hbs_server_set_data_file (server, path, &error));
    hbs_server_add_token (server, "demo", "T");
    hst_start (f, g_steal_pointer (&server));
    {
      g_autoptr (HstResponse) vars =
          hst_get (f, "/applications/hello-world/configurationvariables");
      g_assert_cmpuint (json_array_get_length (hst_array (vars)), >=, 3 + 15);
    }
  }
}

static void
test_cli_help (void)
{
  g_autofree char *binary = server_binary ();
  g_autofree char *out = NULL;
  int status;
  static const char *const options[] = {
    "--port",
    "--data",
    "--seed",
    "--public-name",
    "--big-tests",
    "--token",
    "--user",
    "--client-id",
    "--client-secret",
    "--redirect-uri",
    "--auto-approve",
    "--tls-cert",
    "--tls-key",
    "--latency",
    "--fail-every",
    "--stall-every",
    "--truncate-every",
    "--build-step-ms",
    "--max-connections",
    "--request-timeout",
    "--idle-timeout",
    "/user/authorizations/new",
    "Bearer",
  };
  const char *argv[] = { binary, "--help", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (out, options[i]));
}

static void
test_cli_rejects (void)
{
  g_autofree char *binary = server_binary ();
  const char *const cases[][4] = {
    { "--user", "no-colons", NULL },
    { "--token", "T", NULL },
    { "--client-id", "x", NULL },
    { "--port", "70000", NULL },
    { "--public-name", "bad/name", NULL },
    { "--request-timeout", "-1", NULL },
    { "--big-tests", "1000001", NULL },
    { "--tls-cert", "/nonexistent.pem", "--tls-key", "/nonexistent.pem" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[6] = { binary, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL };
      g_autofree char *err = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, &err, &status, NULL));
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_str_has_prefix (err, "harbor-server: "));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  TEST ("/server/persist/restart", test_restart);
  TEST ("/server/persist/prompt-write", test_prompt_write);
  TEST ("/server/persist/throttled-writes", test_throttled_writes);
  TEST ("/server/persist/corrupt-file", test_corrupt_file);
  TEST ("/server/persist/invalid-world", test_invalid_world);
  TEST ("/server/persist/kill-9", test_kill_9);
  TEST ("/server/persist/build-url-token", test_build_url_token);
  TEST ("/server/persist/secrets-unpredictable", test_secrets_unpredictable);
  TEST ("/server/cli/first-line", test_cli_first_line);
  g_test_add_func ("/server/cli/help", test_cli_help);
  g_test_add_func ("/server/cli/rejects", test_cli_rejects);
  return g_test_run ();
}
