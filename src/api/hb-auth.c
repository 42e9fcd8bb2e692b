/* hb-auth.c: the signed-in state: restores, keeps, exchanges and forgets the access token
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-auth.h"

#include "hb-api-error.h"
#include "hb-client.h"
#include "hb-secret-store-memory.h"

struct _HbAuth
{
  GObject parent_instance;

  HbClient *client;
  char *server;            /* the client's base URL: the keyring attribute "server" */
  HbSecretStore *store;    /* where tokens go while it works */
  HbSecretStore *fallback; /* memory, once the store has failed this run */
  GCancellable *cancellable;
  char *client_id;
  char *client_secret;
  char *env_token; /* from HARBOR_ACCESS_TOKEN: used first, never stored */
  guint busy_count;
  gboolean persistent;
  gboolean storage_warned;
};

G_DEFINE_FINAL_TYPE (HbAuth, hb_auth, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_SIGNED_IN,
  PROP_PERSISTENT,
  PROP_BUSY,
  PROP_CLIENT_ID,
  PROP_CLIENT_SECRET,
  N_PROPS
};

enum
{
  REAUTH_REQUIRED,
  STORAGE_UNAVAILABLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (HbAuth *self, gboolean busy)
{
  gboolean was_busy = self->busy_count > 0;

  if (busy)
    self->busy_count++;
  else if (self->busy_count > 0)
    self->busy_count--;
  if (was_busy != (self->busy_count > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_persistent (HbAuth *self, gboolean persistent)
{
  if (self->persistent == persistent)
    return;
  self->persistent = persistent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
}

/* Where the token is kept now: the real store until it has failed once, then memory. */
static HbSecretStore *
current_store (HbAuth *self)
{
  return self->fallback != NULL ? self->fallback : self->store;
}

static void
on_client_signed_in (HbAuth *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

static void
clear_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  if (!hb_secret_store_clear_finish (HB_SECRET_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not remove the saved sign-in: %s", error->message);
}

static void
forget_token (HbAuth *self)
{
  hb_client_set_token (self->client, NULL);
  set_persistent (self, FALSE);
  /* The stored copy goes too, also from the real store after a fallback: it may hold an
   * older token from a previous run. */
  hb_secret_store_clear_async (self->store, self->server, NULL, clear_cb, NULL);
  if (self->fallback != NULL)
    hb_secret_store_clear_async (self->fallback, self->server, NULL, clear_cb, NULL);
}

static void
on_client_unauthorized (HbAuth *self)
{
  if (!hb_auth_get_signed_in (self))
    return;
  forget_token (self);
  g_signal_emit (self, signals[REAUTH_REQUIRED], 0);
}

static void
store_fallback_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  hb_secret_store_store_finish (HB_SECRET_STORE (source), result, NULL);
}

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbAuth) self = user_data;
  HbSecretStore *store = HB_SECRET_STORE (source);
  g_autoptr (GError) error = NULL;
  const char *token;

  if (hb_secret_store_store_finish (store, result, &error))
    {
      set_persistent (self, hb_secret_store_is_persistent (store));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Never lose the session over a keyring problem: keep the token for this run and say so
   * once. The real error name goes to the log for bug reports. */
  g_message ("Could not save the sign-in: %s", error->message);
  if (self->fallback == NULL)
    self->fallback = hb_secret_store_memory_new ();
  token = hb_client_get_token (self->client);
  if (token != NULL)
    hb_secret_store_store_async (self->fallback, self->server, NULL, token, NULL, store_fallback_cb,
                                 NULL);
  set_persistent (self, FALSE);
  if (!self->storage_warned && hb_secret_store_is_persistent (self->store))
    {
      self->storage_warned = TRUE;
      g_signal_emit (self, signals[STORAGE_UNAVAILABLE], 0, error->message);
    }
}

typedef struct
{
  HbAuth *self;
  char *token;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->self);
  g_free (data->token);
  g_free (data);
}

/* The keyring item names the account it belongs to (attribute "account"), so the token is
 * saved once the server has said whose it is. A 401 here is handled by on_client_unauthorized.
 * Any other failure (a 500, a timeout) says nothing against the token: it is saved all the
 * same, without an account name, rather than lost at the next start. */
static void
save_user_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveData *data = user_data;
  HbAuth *self = data->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbUser) user = hb_client_get_user_finish (HB_CLIENT (source), result, &error);

  if (user == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                       g_error_matches (error, HB_API_ERROR, HB_API_ERROR_UNAUTHORIZED)))
    {
      save_data_free (data);
      return;
    }
  /* Signed out or signed in again meanwhile: this token is no longer the one to keep. */
  if (g_strcmp0 (hb_client_get_token (self->client), data->token) != 0)
    {
      save_data_free (data);
      return;
    }
  if (user == NULL)
    g_message ("Saving the sign-in without its account name, which the server did not say: %s",
               error->message);
  hb_secret_store_store_async (current_store (self), self->server,
                               user != NULL ? hb_user_get_username (user) : NULL, data->token,
                               self->cancellable, store_cb, g_object_ref (self));
  save_data_free (data);
}

void
hb_auth_set_token (HbAuth *self, const char *token)
{
  SaveData *data;

  g_return_if_fail (HB_IS_AUTH (self));
  g_return_if_fail (token != NULL && *token != '\0');
  hb_client_set_token (self->client, token);
  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->token = g_strdup (token);
  hb_client_get_user_async (self->client, self->cancellable, save_user_cb, data);
}

static void
hb_auth_constructed (GObject *object)
{
  HbAuth *self = HB_AUTH (object);

  G_OBJECT_CLASS (hb_auth_parent_class)->constructed (object);

  g_assert (self->client != NULL);
  if (self->store == NULL)
    self->store = hb_secret_store_memory_new ();
  self->server = g_strdup (hb_client_get_base_url (self->client));
  g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (on_client_signed_in),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "unauthorized", G_CALLBACK (on_client_unauthorized), self,
                           G_CONNECT_SWAPPED);
}

static void
hb_auth_dispose (GObject *object)
{
  HbAuth *self = HB_AUTH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (hb_auth_parent_class)->dispose (object);
}

static void
hb_auth_finalize (GObject *object)
{
  HbAuth *self = HB_AUTH (object);

  g_clear_object (&self->cancellable);
  g_free (self->server);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->env_token);

  G_OBJECT_CLASS (hb_auth_parent_class)->finalize (object);
}

static void
hb_auth_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAuth *self = HB_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, hb_auth_get_signed_in (self));
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy_count > 0);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_CLIENT_SECRET:
      g_value_set_string (value, self->client_secret);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string (HbAuth *self, char **field, const char *value, guint prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
hb_auth_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbAuth *self = HB_AUTH (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      set_string (self, &self->client_id, g_value_get_string (value), prop_id);
      break;
    case PROP_CLIENT_SECRET:
      set_string (self, &self->client_secret, g_value_get_string (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_auth_class_init (HbAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hb_auth_constructed;
  object_class->dispose = hb_auth_dispose;
  object_class->finalize = hb_auth_finalize;
  object_class->get_property = hb_auth_get_property;
  object_class->set_property = hb_auth_set_property;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
      g_param_spec_object ("store", NULL, NULL, HB_TYPE_SECRET_STORE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] = g_param_spec_string (
      "client-id", NULL, NULL, HB_OAUTH_CLIENT_ID,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_SECRET] = g_param_spec_string (
      "client-secret", NULL, NULL, HB_OAUTH_CLIENT_SECRET,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REAUTH_REQUIRED] = g_signal_new ("reauth-required", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[STORAGE_UNAVAILABLE] =
      g_signal_new ("storage-unavailable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hb_auth_init (HbAuth *self)
{
  self->cancellable = g_cancellable_new ();
}

HbAuth *
hb_auth_new (HbClient *client, HbSecretStore *store)
{
  g_return_val_if_fail (G_IS_OBJECT (client), NULL);
  g_return_val_if_fail (store == NULL || HB_IS_SECRET_STORE (store), NULL);

  return g_object_new (HB_TYPE_AUTH, "client", client, "store", store, NULL);
}

HbClient *
hb_auth_get_client (HbAuth *self)
{
  g_return_val_if_fail (HB_IS_AUTH (self), NULL);
  return self->client;
}

const char *
hb_auth_get_server (HbAuth *self)
{
  g_return_val_if_fail (HB_IS_AUTH (self), NULL);
  return self->server;
}

gboolean
hb_auth_get_signed_in (HbAuth *self)
{
  g_return_val_if_fail (HB_IS_AUTH (self), FALSE);
  return self->client != NULL && hb_client_get_signed_in (self->client);
}

gboolean
hb_auth_get_persistent (HbAuth *self)
{
  g_return_val_if_fail (HB_IS_AUTH (self), FALSE);
  return self->persistent;
}

gboolean
hb_auth_get_busy (HbAuth *self)
{
  g_return_val_if_fail (HB_IS_AUTH (self), FALSE);
  return self->busy_count > 0;
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbAuth *self = g_task_get_source_object (task);
  HbSecretStore *store = HB_SECRET_STORE (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = hb_secret_store_lookup_finish (store, result, &error);

  set_busy (self, FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* An unreachable keyring only means "not signed in": the welcome page offers sign-in, and
   * saving the next token will tell the person if it cannot be kept. */
  if (error != NULL)
    g_message ("Could not read the saved sign-in: %s", error->message);

  /* A sign-in that finished while the keyring was slow wins over the older saved token. */
  if (token != NULL && *token != '\0' && !hb_auth_get_signed_in (self))
    {
      hb_client_set_token (self->client, token);
      set_persistent (self, hb_secret_store_is_persistent (store));
    }
  g_task_return_boolean (task, hb_auth_get_signed_in (self));
}

void
hb_auth_restore_async (HbAuth *self,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HB_IS_AUTH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_auth_restore_async);

  /* For automation: used as given, never written anywhere. */
  if (self->env_token != NULL)
    {
      hb_client_set_token (self->client, self->env_token);
      set_persistent (self, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  set_busy (self, TRUE);
  hb_secret_store_lookup_async (current_store (self), self->server, cancellable, lookup_cb,
                                g_steal_pointer (&task));
}

/* Called before any thread exists (g_unsetenv is not thread-safe), so that no process Harbor
 * starts later (WebKit's, the web browser of a sign-in) inherits the token. */
char *
hb_auth_take_env_token (void)
{
  const char *value = g_getenv ("HARBOR_ACCESS_TOKEN");
  char *token = value != NULL && *value != '\0' ? g_strdup (value) : NULL;

  g_unsetenv ("HARBOR_ACCESS_TOKEN");
  return token;
}

void
hb_auth_set_env_token (HbAuth *self, const char *token)
{
  g_return_if_fail (HB_IS_AUTH (self));

  g_free (self->env_token);
  self->env_token = token != NULL && *token != '\0' ? g_strdup (token) : NULL;
}

gboolean
hb_auth_restore_finish (HbAuth *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

HbOAuth *
hb_auth_new_attempt (HbAuth *self, guint redirect_port)
{
  g_return_val_if_fail (HB_IS_AUTH (self), NULL);

  return hb_oauth_new (self->server, self->client_id, self->client_secret, redirect_port);
}

static void
exchange_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  HbAuth *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = hb_oauth_exchange_finish (HB_OAUTH (source), result, &error);

  set_busy (self, FALSE);
  if (token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  hb_auth_set_token (self, token);
  g_task_return_boolean (task, TRUE);
}

void
hb_auth_sign_in_async (HbAuth *self,
                       HbOAuth *attempt,
                       const char *code,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HB_IS_AUTH (self));
  g_return_if_fail (HB_IS_OAUTH (attempt));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hb_auth_sign_in_async);
  set_busy (self, TRUE);
  hb_oauth_exchange_async (attempt, code, cancellable, exchange_cb, g_steal_pointer (&task));
}

gboolean
hb_auth_sign_in_finish (HbAuth *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hb_auth_sign_out (HbAuth *self)
{
  g_return_if_fail (HB_IS_AUTH (self));

  forget_token (self);
}
