/* hb-client-body.c: what a response body becomes: the server's error, or the models parsed
 * from it (in a worker thread when it is large)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-api-error.h"
#include "hb-free-later.h"
#include "hb-json-private.h"

/* Bodies above this are parsed and turned into models in a worker thread. */
#define THREAD_PARSE_BYTES (256 * 1024)

/* The server's {"error":{"message":…}} text in @data, or @reason, or the status. */
char *
_hb_client_error_text (const char *data, gsize length, const char *reason, guint status)
{
  g_autoptr (JsonNode) root = _hb_json_parse (data, length, NULL);
  JsonObject *object = _hb_json_node_get_object (root, "response", NULL);
  JsonObject *inner = NULL;
  const char *message = NULL;

  if (object != NULL && _hb_json_get_object (object, "error", FALSE, &inner, NULL) &&
      _hb_json_get_string (inner, "message", &message, NULL))
    return g_strdup (message);
  if (reason != NULL && *reason != '\0')
    return g_strdup (reason);
  return g_strdup_printf ("HTTP %u", status);
}

/* The server's {"error":{"message":…}} text, or the reason phrase. */
char *
_hb_client_error_message (SoupMessage *msg, GByteArray *buffer)
{
  return _hb_client_error_text ((const char *) buffer->data, buffer->len,
                                soup_message_get_reason_phrase (msg),
                                soup_message_get_status (msg));
}

HbApiError
_hb_client_status_to_code (guint status)
{
  switch (status)
    {
    case 400:
      return HB_API_ERROR_BAD_REQUEST;
    case 401:
      return HB_API_ERROR_UNAUTHORIZED;
    case 402:
      return HB_API_ERROR_PAYMENT_REQUIRED;
    case 403:
      return HB_API_ERROR_FORBIDDEN;
    case 404:
      return HB_API_ERROR_NOT_FOUND;
    case 409:
      return HB_API_ERROR_CONFLICT;
    default:
      if (status >= 500 && status < 600)
        return HB_API_ERROR_SERVER;
      if (status >= 300 && status < 400)
        return HB_API_ERROR_INVALID_RESPONSE;
      return HB_API_ERROR_FAILED;
    }
}

typedef struct
{
  GBytes *bytes;
  HbParseFunc parse;
  GType type;
  char *url;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->bytes);
  g_free (job->url);
  g_free (job);
}

/* Guards, tree, models; the tree is handed back so the caller can free it
 * after the models have been delivered. */
static gpointer
parse_bytes (
    GBytes *bytes, HbParseFunc parse, GType type, const char *url, JsonNode **tree, GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  *tree = _hb_json_parse (data, length, error);
  if (*tree == NULL)
    return NULL;
  return parse (*tree, url, type, error);
}

static void
parse_in_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ParseJob *job = task_data;
  JsonNode *tree = NULL;
  GError *error = NULL;
  gpointer result = parse_bytes (job->bytes, job->parse, job->type, job->url, &tree, &error);

  /* GTask delivers a threaded result only when this returns, and freeing a large tree takes
   * as long as building its models: the caller does not wait for that. */
  if (tree != NULL)
    hb_free_later (tree, (GDestroyNotify) json_node_unref);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
on_parsed (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  gpointer object = g_task_propagate_pointer (G_TASK (result), &error);

  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

/* A body to parse must say it is JSON (or say nothing). */
gboolean
_hb_client_check_json_type (SoupMessage *msg, GError **error)
{
  const char *type =
      soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  if (type != NULL && g_ascii_strcasecmp (type, "application/json") != 0 &&
      !g_str_has_suffix (type, "+json"))
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Invalid response: expected JSON, got %s", type);
      return FALSE;
    }
  return TRUE;
}

/**
 * _hb_client_parse_body:
 * @task: completed with what @parse builds from @bytes (as @url, @type), or an error
 *
 * Large bodies are parsed, and turned into models, in a worker thread.
 */
void
_hb_client_parse_body (GTask *task, GBytes *bytes, HbParseFunc parse, GType type, const char *url)
{
  g_autoptr (JsonNode) tree = NULL;
  GError *error = NULL;
  gpointer object;

  if (g_bytes_get_size (bytes) > THREAD_PARSE_BYTES)
    {
      g_autoptr (GTask) job_task =
          g_task_new (NULL, g_task_get_cancellable (task), on_parsed, g_object_ref (task));
      ParseJob *job = g_new0 (ParseJob, 1);

      job->bytes = g_bytes_ref (bytes);
      job->parse = parse;
      job->type = type;
      job->url = g_strdup (url);
      g_task_set_task_data (job_task, job, (GDestroyNotify) parse_job_free);
      g_task_run_in_thread (job_task, parse_in_thread);
      return;
    }
  object = parse_bytes (bytes, parse, type, url, &tree, &error);
  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}
