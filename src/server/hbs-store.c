/* hbs-store.c: harbor-server's world (users, tokens, clients, applications) and its file
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-store.h"

#include "hbs-json.h"
#include "hbs-random.h"
#include "hbs-world.h"

#include <string.h>

/* Writes are batched: a burst of changes costs one write, at most this long after the first. */
#define SAVE_DELAY_MS 100
/* A big file is written less often, so that writing it takes a small share of the time: the
 * next write comes no sooner than the last one's size at this rate, nor than ten times as long
 * as it took, nor (however big or slow) than MAX_SAVE_DELAY_MS. */
#define SAVE_BYTES_PER_S (2 * 1024 * 1024)
#define SAVE_SLOWDOWN 10
#define MAX_SAVE_DELAY_MS 10000
/* Tokens issued per account and client (/tokens, /token): one more revokes the oldest. GitHub
 * caps its OAuth tokens the same way (ten per user, application and scope). AppHarbor's never
 * expired, and neither do these. */
#define MAX_ISSUED_TOKENS 10

struct _HbsStore
{
  GObject parent_instance;

  JsonObject *world;
  char *path;
  GSource *save_source;
  guint save_delay_ms; /* grows with the file: see SAVE_BYTES_PER_S */
};

G_DEFINE_FINAL_TYPE (HbsStore, hbs_store, G_TYPE_OBJECT)

static JsonObject *
new_world (void)
{
  JsonObject *world = json_object_new ();

  json_object_set_int_member (world, "version", 1);
  json_object_set_boolean_member (world, "seeded", FALSE);
  json_object_set_int_member (world, "next_id", 1);
  json_object_set_array_member (world, "users", json_array_new ());
  json_object_set_object_member (world, "tokens", json_object_new ());
  json_object_set_array_member (world, "clients", json_array_new ());
  json_object_set_array_member (world, "apps", json_array_new ());
  return world;
}

static void
hbs_store_finalize (GObject *object)
{
  HbsStore *self = HBS_STORE (object);
  g_autoptr (GError) error = NULL;

  if (self->save_source != NULL && !hbs_store_flush (self, &error))
    g_warning ("Could not save %s: %s", self->path, error->message);
  if (self->save_source != NULL)
    {
      g_source_destroy (self->save_source);
      g_clear_pointer (&self->save_source, g_source_unref);
    }
  g_clear_pointer (&self->world, json_object_unref);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (hbs_store_parent_class)->finalize (object);
}

static void
hbs_store_class_init (HbsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hbs_store_finalize;
}

static void
hbs_store_init (HbsStore *self)
{
  self->world = new_world ();
  self->save_delay_ms = SAVE_DELAY_MS;
}

HbsStore *
hbs_store_new (void)
{
  return g_object_new (HBS_TYPE_STORE, NULL);
}

static JsonObject *
load_world (const char *path, GError **error)
{
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonObject *world;

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  world = hbs_world_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                           &local_error);
  if (world == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "%s is not a harbor-server state file: %s", path, local_error->message);
  return world;
}

/* Replaces the world with @world, which hbs_world_validate() accepted. */
void
hbs_store_set_world (HbsStore *self, JsonObject *world)
{
  g_clear_pointer (&self->world, json_object_unref);
  self->world = json_object_ref (world);
}

/**
 * hbs_store_set_file:
 * Loads @path when it exists (replacing the world), otherwise writes the current world there.
 * A file that does not parse, nests too deep or has a member of the wrong type is an error
 * (naming the member) and is left untouched.
 */
gboolean
hbs_store_set_file (HbsStore *self, const char *path, GError **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr (JsonObject) world = load_world (path, error);

      if (world == NULL)
        return FALSE;
      hbs_store_set_world (self, world);
      g_free (self->path);
      self->path = g_strdup (path);
      return TRUE;
    }
  g_free (self->path);
  self->path = g_strdup (path);
  return hbs_store_flush (self, error);
}

/* Atomic: the file is written beside the old one, synced, then renamed over it, so a crash
 * (even kill -9 mid-write) leaves either the old or the new world, never a mix. */
gboolean
hbs_store_flush (HbsStore *self, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  gint64 start, took_ms;
  gsize length;
  gboolean ok;

  if (self->save_source != NULL)
    {
      g_source_destroy (self->save_source);
      g_clear_pointer (&self->save_source, g_source_unref);
    }
  if (self->path == NULL)
    return TRUE;
  start = g_get_monotonic_time ();
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, self->world);
  text = json_to_string (root, FALSE);
  length = strlen (text);
  ok = g_file_set_contents_full (self->path, text, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 error);
  took_ms = (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND;
  self->save_delay_ms =
      (guint) CLAMP (MAX ((gint64) (length * 1000 / SAVE_BYTES_PER_S), took_ms * SAVE_SLOWDOWN),
                     SAVE_DELAY_MS, MAX_SAVE_DELAY_MS);
  return ok;
}

static gboolean
save_cb (gpointer user_data)
{
  HbsStore *self = user_data;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->save_source, g_source_unref);
  if (!hbs_store_flush (self, &error))
    g_warning ("Could not save %s: %s", self->path, error->message);
  return G_SOURCE_REMOVE;
}

void
hbs_store_changed (HbsStore *self)
{
  if (self->path == NULL || self->save_source != NULL)
    return;
  self->save_source = g_timeout_source_new (self->save_delay_ms);
  g_source_set_callback (self->save_source, save_cb, self, NULL);
  g_source_set_name (self->save_source, "[hbs] save state");
  g_source_attach (self->save_source, g_main_context_get_thread_default ());
}

gboolean
hbs_store_get_seeded (HbsStore *self)
{
  return hbs_json_get_boolean (self->world, "seeded", FALSE);
}

void
hbs_store_set_seeded (HbsStore *self)
{
  json_object_set_boolean_member (self->world, "seeded", TRUE);
  hbs_store_changed (self);
}

char *
hbs_store_next_id (HbsStore *self)
{
  gint64 id = hbs_json_get_int (self->world, "next_id", 1);

  json_object_set_int_member (self->world, "next_id", id + 1);
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static JsonObject *
find_in_array (JsonArray *array, const char *member, const char *value, gboolean casefold)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *v = hbs_json_get_string (item, member);

      if (v != NULL && (casefold ? g_ascii_strcasecmp (v, value) == 0 : g_str_equal (v, value)))
        return item;
    }
  return NULL;
}

static gboolean
remove_from_array (JsonArray *array, const char *member, const char *value)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *v = hbs_json_get_string (json_array_get_object_element (array, i), member);

      if (g_strcmp0 (v, value) == 0)
        {
          json_array_remove_element (array, i);
          return TRUE;
        }
    }
  return FALSE;
}

JsonObject *
hbs_store_find_user (HbsStore *self, const char *name)
{
  return find_in_array (hbs_json_get_array (self->world, "users"), "name", name, FALSE);
}

JsonObject *
hbs_store_find_user_by_email (HbsStore *self, const char *email)
{
  return find_in_array (hbs_json_get_array (self->world, "users"), "email", email, TRUE);
}

static char *
hash_secret (const char *salt, const char *secret)
{
  g_autofree char *salted = g_strconcat (salt, ":", secret, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
}

/* Adds the user, or updates the email and password of an existing one. */
void
hbs_store_put_user (HbsStore *self, const char *name, const char *email, const char *password)
{
  JsonObject *user = hbs_store_find_user (self, name);
  g_autofree char *salt = hbs_random_token (16);
  g_autofree char *hash = hash_secret (salt, password);

  if (user == NULL)
    {
      user = json_object_new ();
      json_object_set_string_member (user, "name", name);
      json_object_set_boolean_member (user, "has_card", TRUE);
      json_array_add_object_element (hbs_json_get_array (self->world, "users"), user);
    }
  json_object_set_string_member (user, "email", email);
  json_object_set_string_member (user, "salt", salt);
  json_object_set_string_member (user, "password_sha256", hash);
  hbs_store_changed (self);
}

gboolean
hbs_store_check_password (HbsStore *self, const char *name, const char *password)
{
  JsonObject *user = hbs_store_find_user (self, name);
  const char *salt = hbs_json_get_string (user, "salt");
  const char *expected = hbs_json_get_string (user, "password_sha256");
  g_autofree char *hash = NULL;

  if (salt == NULL || expected == NULL)
    return FALSE;
  hash = hash_secret (salt, password);
  return g_str_equal (hash, expected);
}

void
hbs_store_set_has_card (HbsStore *self, const char *name, gboolean has_card)
{
  JsonObject *user = hbs_store_find_user (self, name);

  if (user == NULL)
    return;
  json_object_set_boolean_member (user, "has_card", has_card);
  hbs_store_changed (self);
}

/* Opaque and stable, shaped like AppHarbor's: base64 of a 20-byte digest. */
char *
hbs_store_user_id (const char *name)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  return g_base64_encode (digest, length);
}

/* The account --token and --auto-approve act for: demo when present, else the first user. */
const char *
hbs_store_default_user (HbsStore *self)
{
  JsonArray *users = hbs_json_get_array (self->world, "users");

  if (hbs_store_find_user (self, "demo") != NULL)
    return "demo";
  if (json_array_get_length (users) == 0)
    return NULL;
  return hbs_json_get_string (json_array_get_object_element (users, 0), "name");
}

/* Tokens are kept hashed, so a leaked state file does not leak working credentials. */
void
hbs_store_add_token (HbsStore *self, const char *username, const char *token)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);

  json_object_set_string_member (hbs_json_get_object (self->world, "tokens"), hash, username);
  hbs_store_changed (self);
}

/* A token's account: the value itself for a given token (--token), "user" for an issued one. */
static const char *
token_user (JsonNode *value)
{
  if (JSON_NODE_HOLDS_OBJECT (value))
    return hbs_json_get_string (json_node_get_object (value), "user");
  if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
    return json_node_get_string (value);
  return NULL;
}

const char *
hbs_store_lookup_token (HbsStore *self, const char *token)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  JsonObject *tokens = hbs_json_get_object (self->world, "tokens");
  JsonNode *value = json_object_get_member (tokens, hash);
  const char *username = value != NULL ? token_user (value) : NULL;

  return username != NULL && hbs_store_find_user (self, username) != NULL ? username : NULL;
}

/* The oldest token issued to @username for @client, and how many there are. */
static const char *
oldest_issued (JsonObject *tokens, const char *username, const char *client, guint *count)
{
  g_autoptr (GList) hashes = json_object_get_members (tokens);
  const char *oldest = NULL;
  gint64 oldest_issued = G_MAXINT64;

  *count = 0;
  for (GList *l = hashes; l != NULL; l = l->next)
    {
      JsonObject *issued = hbs_json_get_object (tokens, l->data);
      gint64 when = hbs_json_get_int (issued, "issued", 0);

      if (issued == NULL || g_strcmp0 (hbs_json_get_string (issued, "user"), username) != 0 ||
          g_strcmp0 (hbs_json_get_string (issued, "client"), client) != 0)
        continue;
      (*count)++;
      if (when < oldest_issued)
        {
          oldest_issued = when;
          oldest = l->data;
        }
    }
  return oldest;
}

/**
 * hbs_store_issue_token:
 * @client: the OAuth client it was issued to ("/token" for the password helper)
 *
 * Keeps a token that /tokens or /token handed out; past MAX_ISSUED_TOKENS for this account and
 * client, the oldest is revoked, so signing in again and again cannot grow the state file.
 */
void
hbs_store_issue_token (HbsStore *self, const char *username, const char *client, const char *token)
{
  JsonObject *tokens = hbs_json_get_object (self->world, "tokens");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  gint64 sequence = hbs_json_get_int (self->world, "next_token", 1);
  JsonObject *issued = json_object_new ();
  const char *oldest;
  guint count;

  while ((oldest = oldest_issued (tokens, username, client, &count)) != NULL &&
         count >= MAX_ISSUED_TOKENS)
    {
      /* The name belongs to the member being removed. */
      g_autofree char *revoked = g_strdup (oldest);

      json_object_remove_member (tokens, revoked);
    }
  json_object_set_int_member (self->world, "next_token", sequence + 1);
  json_object_set_string_member (issued, "user", username);
  json_object_set_string_member (issued, "client", client);
  json_object_set_int_member (issued, "issued", sequence);
  json_object_set_object_member (tokens, hash, issued);
  hbs_store_changed (self);
}

/* @needs_pkce: a public client (one whose secret is not secret) must use PKCE. */
void
hbs_store_put_client (HbsStore *self,
                      const char *id,
                      const char *secret,
                      const char *name,
                      const char *redirect_uri,
                      gboolean needs_pkce)
{
  JsonObject *client = hbs_store_find_client (self, id);

  if (client == NULL)
    {
      client = json_object_new ();
      json_object_set_string_member (client, "id", id);
      json_array_add_object_element (hbs_json_get_array (self->world, "clients"), client);
    }
  json_object_set_string_member (client, "secret", secret);
  json_object_set_string_member (client, "name", name);
  json_object_set_string_member (client, "redirect_uri", redirect_uri);
  json_object_set_boolean_member (client, "needs_pkce", needs_pkce);
  hbs_store_changed (self);
}

JsonObject *
hbs_store_find_client (HbsStore *self, const char *id)
{
  return find_in_array (hbs_json_get_array (self->world, "clients"), "id", id, FALSE);
}

JsonArray *
hbs_store_get_apps (HbsStore *self)
{
  return hbs_json_get_array (self->world, "apps");
}

JsonObject *
hbs_store_find_app (HbsStore *self, const char *slug)
{
  return find_in_array (hbs_store_get_apps (self), "slug", slug, FALSE);
}

static const char *const collections[] = {
  "builds", "collaborators", "configurationvariables", "hostnames", "servicehooks",
  "errors", "drains",
};

JsonObject *
hbs_store_add_app (
    HbsStore *self, const char *slug, const char *name, const char *region, const char *owner)
{
  JsonObject *app = json_object_new ();
  /* The build URL is a credential: anyone holding it can trigger builds. */
  g_autofree char *build_token = hbs_random_token (32);

  json_object_set_string_member (app, "slug", slug);
  json_object_set_string_member (app, "name", name);
  json_object_set_string_member (app, "region_identifier", region);
  json_object_set_string_member (app, "owner", owner);
  json_object_set_string_member (app, "build_token", build_token);
  json_object_set_int_member (app, "next_build", 1);
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    json_object_set_array_member (app, collections[i], json_array_new ());
  json_array_add_object_element (hbs_store_get_apps (self), app);
  hbs_store_changed (self);
  return app;
}

void
hbs_store_remove_app (HbsStore *self, const char *slug)
{
  remove_from_array (hbs_store_get_apps (self), "slug", slug);
  hbs_store_changed (self);
}

/* "owner", "administrator", "collaborator", or NULL when the user may not see the app. */
const char *
hbs_store_role (HbsStore *self, JsonObject *app, const char *username)
{
  JsonObject *collaborator;

  if (username == NULL)
    return NULL;
  if (g_strcmp0 (hbs_json_get_string (app, "owner"), username) == 0)
    return "owner";
  collaborator = find_in_array (hbs_json_get_array (app, "collaborators"), "user", username, FALSE);
  return hbs_json_get_string (collaborator, "role");
}

/* Owners and administrators change an application and its resources. */
gboolean
hbs_role_can_administer (const char *role)
{
  return g_strcmp0 (role, "owner") == 0 || g_strcmp0 (role, "administrator") == 0;
}

/* A build's commit as the API and the service hooks show it: {"id", "message"}. */
JsonObject *
hbs_store_build_commit (JsonObject *build)
{
  JsonObject *commit = json_object_new ();

  json_object_set_string_member (commit, "id", hbs_json_get_string (build, "commit_id"));
  json_object_set_string_member (commit, "message", hbs_json_get_string (build, "commit_message"));
  return commit;
}

JsonObject *
hbs_store_find_item (JsonObject *app, const char *collection, const char *id)
{
  return find_in_array (hbs_json_get_array (app, collection), "id", id, FALSE);
}

JsonObject *
hbs_store_add_item (HbsStore *self, JsonObject *app, const char *collection)
{
  JsonObject *item = json_object_new ();
  g_autofree char *id = hbs_store_next_id (self);

  json_object_set_string_member (item, "id", id);
  json_array_add_object_element (hbs_json_get_array (app, collection), item);
  hbs_store_changed (self);
  return item;
}

gboolean
hbs_store_remove_item (JsonObject *app, const char *collection, const char *id)
{
  return remove_from_array (hbs_json_get_array (app, collection), "id", id);
}

/* Builds are numbered per application, oldest first in the array. */
JsonObject *
hbs_store_add_build (HbsStore *self,
                     JsonObject *app,
                     const char *branch,
                     const char *commit_id,
                     const char *message,
                     const char *created)
{
  JsonObject *build = json_object_new ();
  gint64 number = hbs_json_get_int (app, "next_build", 1);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, number);

  json_object_set_int_member (app, "next_build", number + 1);
  json_object_set_string_member (build, "id", id);
  json_object_set_string_member (build, "status", "Queued");
  json_object_set_string_member (build, "created", created);
  json_object_set_null_member (build, "deployed");
  json_object_set_string_member (build, "branch", branch);
  json_object_set_string_member (build, "commit_id", commit_id);
  json_object_set_string_member (build, "commit_message", message);
  json_object_set_array_member (build, "log_entries", json_array_new ());
  json_array_add_object_element (hbs_json_get_array (app, "builds"), build);
  hbs_store_changed (self);
  return build;
}

void
hbs_store_add_log_entry (JsonObject *build, const char *created, const char *message)
{
  JsonArray *entries = hbs_json_get_array (build, "log_entries");
  JsonObject *entry = json_object_new ();
  g_autofree char *id = g_strdup_printf ("%u", json_array_get_length (entries) + 1);

  json_object_set_string_member (entry, "id", id);
  json_object_set_string_member (entry, "created", created);
  json_object_set_string_member (entry, "message", message);
  json_array_add_object_element (entries, entry);
}

char *
hbs_store_format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
}

char *
hbs_store_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return hbs_store_format_time (now);
}
