/* hb-client-logs.c: HbClient: opening a log session (L1), whose URL streams the log
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

/* {"tail":…,"limit":…[,"sourceFilter":…][,"processFilter":…]}, as the docs spell the keys. */
static JsonNode *
session_body (gboolean tail, guint limit, const char *source_filter, const char *process_filter)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "tail");
  json_builder_add_boolean_value (builder, tail);
  json_builder_set_member_name (builder, "limit");
  json_builder_add_int_value (builder, limit);
  if (source_filter != NULL && *source_filter != '\0')
    {
      json_builder_set_member_name (builder, "sourceFilter");
      json_builder_add_string_value (builder, source_filter);
    }
  if (process_filter != NULL && *process_filter != '\0')
    {
      json_builder_set_member_name (builder, "processFilter");
      json_builder_add_string_value (builder, process_filter);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * hb_client_open_log_session_async:
 * @slug: the application
 * @tail: keep the session open for the lines written after its first batch
 * @limit: how many past lines come first
 * @source_filter: (nullable): only lines of this source ("app", "appharbor"); NULL or "": all
 * @process_filter: (nullable): only lines of this process ("web.1"); NULL or "": all
 *
 * Opens a log session (`POST /applications/:slug/logsession`). Never retried.
 */
void
hb_client_open_log_session_async (HbClient *self,
                                  const char *slug,
                                  gboolean tail,
                                  guint limit,
                                  const char *source_filter,
                                  const char *process_filter,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) body = NULL;

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (slug != NULL);

  task = _hb_client_task_new (self, hb_client_open_log_session_async, cancellable, callback,
                              user_data);
  path = _hb_client_path ("applications", slug, "logsession", NULL);
  body = session_body (tail, limit, source_filter, process_filter);
  _hb_client_create_for_location (self, task, path, body);
}

/**
 * hb_client_open_log_session_finish:
 *
 * Returns: (transfer full): the session's URL, absolute, as the server gave it (it may be on
 *   another host: it carries no credentials, and is opened without them), or NULL with @error
 */
char *
hb_client_open_log_session_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_object (self, result, hb_client_open_log_session_async, error);
}
