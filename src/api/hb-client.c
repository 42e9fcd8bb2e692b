/* hb-client.c: HbClient, the AppHarbor REST client: its session, token, timeout and limits
 * (the send path is in hb-client-send.c)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-client-private.h"

#include <stdarg.h>
#include <string.h>

#include "hb-json-private.h"

/* The timing rules (HACKING.md): a call gives up when the service has not started answering
 * within DEFAULT_TIMEOUT_S, or when its body stops for as long. */
#define DEFAULT_TIMEOUT_S 20
#define DEFAULT_ATTEMPTS 3
#define DEFAULT_RETRY_DELAY_MS 250
/* Browsers' figure; libsoup's default of 2 queues a click behind two slow requests. */
#define MAX_CONNS_PER_HOST 6

G_DEFINE_FINAL_TYPE (HbClient, hb_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_SIGNED_IN,
  PROP_TIMEOUT,
  PROP_REACHABLE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  UNAUTHORIZED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
redacting_printer (SoupLogger *logger,
                   SoupLoggerLogLevel level,
                   char direction,
                   const char *data,
                   gpointer user_data)
{
  /* SoupLogger prints credentials verbatim; the token must never reach a log. */
  if (g_ascii_strncasecmp (data, "Authorization:", strlen ("Authorization:")) == 0)
    data = "Authorization: [redacted]";
  g_message ("%c %s", direction, data);
}

static void
hb_client_constructed (GObject *object)
{
  HbClient *self = HB_CLIENT (object);
  const char *debug = g_getenv ("HB_DEBUG");

  G_OBJECT_CLASS (hb_client_parent_class)->constructed (object);

  self->base_uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  self->session = soup_session_new_with_options ("user-agent", "Harbor/" PACKAGE_VERSION " ",
                                                 "timeout", self->timeout, "max-conns-per-host",
                                                 MAX_CONNS_PER_HOST, NULL);
  if (debug != NULL && strstr (debug, "http") != NULL)
    {
      g_autoptr (SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, redacting_printer, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
}

static void
hb_client_dispose (GObject *object)
{
  HbClient *self = HB_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (hb_client_parent_class)->dispose (object);
}

static void
hb_client_finalize (GObject *object)
{
  HbClient *self = HB_CLIENT (object);

  g_free (self->base_url);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->token);
  g_hash_table_unref (self->unknown_writes);
  G_OBJECT_CLASS (hb_client_parent_class)->finalize (object);
}

static void
hb_client_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbClient *self = HB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_client_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbClient *self = HB_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        /* Paths are appended, so drop a trailing slash. */
        self->base_url = g_strndup (url, len > 0 && url[len - 1] == '/' ? len - 1 : len);
      }
      break;
    case PROP_TOKEN:
      hb_client_set_token (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      hb_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_client_class_init (HbClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hb_client_constructed;
  object_class->dispose = hb_client_dispose;
  object_class->finalize = hb_client_finalize;
  object_class->get_property = hb_client_get_property;
  object_class->set_property = hb_client_set_property;

  properties[PROP_BASE_URL] =
      g_param_spec_string ("base-url", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
      g_param_spec_string ("token", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED_IN] = g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] = g_param_spec_uint (
      "timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT_S,
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HbClient:reachable:
   *
   * FALSE from a request that found no way to the service (nothing could be sent) until an
   * answer starts again: what needs the service waits while it is FALSE, and only then.
   */
  properties[PROP_REACHABLE] =
      g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbClient::unauthorized:
   *
   * Emitted when the server answers 401: the token is no longer valid and
   * the user must sign in again (AppHarbor has no refresh tokens).
   */
  signals[UNAUTHORIZED] = g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_client_init (HbClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_S;
  self->max_body = HB_JSON_MAX_BYTES;
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
  self->reachable = TRUE;
  g_queue_init (&self->background_queue);
  self->unknown_writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * hb_client_new:
 * @base_url: the API root, e.g. "https://appharbor.com"
 *
 * Returns: (transfer full): a new client, signed out
 */
HbClient *
hb_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);
  return g_object_new (HB_TYPE_CLIENT, "base-url", base_url, NULL);
}

/** hb_client_get_base_url: Returns: (transfer none): the API root, without a trailing slash */
const char *
hb_client_get_base_url (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), NULL);
  return self->base_url;
}

/** hb_client_get_token: Returns: (transfer none) (nullable): the access token */
const char *
hb_client_get_token (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), NULL);
  return self->token;
}

/**
 * hb_client_set_token:
 * @token: (nullable): the access token; %NULL signs out
 */
void
hb_client_set_token (HbClient *self, const char *token)
{
  gboolean was_signed_in;

  g_return_if_fail (HB_IS_CLIENT (self));

  was_signed_in = self->token != NULL;
  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
  if (was_signed_in != (token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

/** hb_client_get_reachable: Returns: FALSE while the last request found no way to the
 * service */
gboolean
hb_client_get_reachable (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), FALSE);
  return self->reachable;
}

void
_hb_client_note_reachable (HbClient *self, const GError *error)
{
  gboolean reachable;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  reachable = hb_api_error_get_fault (error) != HB_API_FAULT_UNREACHABLE;
  if (self->reachable == reachable)
    return;
  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

gboolean
hb_client_get_signed_in (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), FALSE);
  return self->token != NULL;
}

guint
hb_client_get_timeout (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), 0);
  return self->timeout;
}

/**
 * hb_client_set_timeout:
 * @seconds: how long a request waits for the service to start answering, and a body for
 *   its next bytes; 0 disables it
 *
 * libsoup applies the body's to connections opened afterwards, so set it before the
 * first request.
 */
void
hb_client_set_timeout (HbClient *self, guint seconds)
{
  g_return_if_fail (HB_IS_CLIENT (self));
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

void
_hb_client_set_limits (HbClient *self, gsize max_body, guint max_attempts, guint retry_delay_ms)
{
  self->max_body = max_body;
  self->max_attempts = MAX (max_attempts, 1);
  self->retry_delay_ms = retry_delay_ms;
}

char *
_hb_client_path (const char *first, ...)
{
  g_autoptr (GString) path = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    {
      g_string_append_c (path, '/');
      g_string_append_uri_escaped (path, s, NULL, FALSE);
    }
  va_end (args);
  return g_string_free (g_steal_pointer (&path), FALSE);
}

JsonNode *
_hb_client_body (const char *const *keys, const char *const *values)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, values[i]);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GTask *
_hb_client_task_new (HbClient *self,
                     gpointer source_tag,
                     GCancellable *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

gpointer
_hb_client_finish_object (HbClient *self, GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
_hb_client_finish_boolean (HbClient *self,
                           GAsyncResult *result,
                           gpointer source_tag,
                           GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_hb_client_unauthorized (HbClient *self)
{
  g_signal_emit (self, signals[UNAUTHORIZED], 0);
}

SoupSession *
_hb_client_get_session (HbClient *self)
{
  g_return_val_if_fail (HB_IS_CLIENT (self), NULL);
  return self->session;
}
