/* hb-client-private.h: HbClient's shared send path, used by the hb-client-*.c endpoint files
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hb-client.h"

G_BEGIN_DECLS

/* HbClient is one object over several files (hb-client.c: the object and its properties;
 * hb-client-send.c: the send path; hb-client-body.c: what a body becomes;
 * hb-client-{apps,builds,resources,tests}.c: the calls), so its fields are here, for them only. */
struct _HbClient
{
  GObject parent_instance;

  char *base_url;
  GUri *base_uri;
  char *token;
  guint timeout;
  SoupSession *session;
  gsize max_body;
  guint max_attempts;
  guint retry_delay_ms;
  gboolean reachable;
  guint n_background;         /* background requests under way */
  GQueue background_queue;    /* and those waiting for a slot (GTask) */
  GHashTable *unknown_writes; /* writes whose outcome stayed unknown, see hb-client-writes.c */
};

/* Called when an answer starts (@error NULL) or a request fails: HbClient:reachable. */
void _hb_client_note_reachable (HbClient *self, const GError *error);

/* Emits HbClient::unauthorized (a 401 with a token set). */
void _hb_client_unauthorized (HbClient *self);

/* Builds one model (or a GListModel) from a response body. @url is the
 * address the body came from; @type the item type asked for (for the
 * generic resource calls). Runs in a worker thread for large bodies. */
typedef gpointer (*HbParseFunc) (JsonNode *node, const char *url, GType type, GError **error);

GTask *_hb_client_task_new (HbClient *self,
                            gpointer source_tag,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);

/* @path (below the base URL, or an absolute link from an answer) as a URI on the base URL's
 * server, or an error: no other server, and plain http only to this computer
 * (hb-client-uri.c). */
GUri *_hb_client_resolve_uri (HbClient *self, const char *path, GError **error);

/* Sends @method to @path (a path below the base URL, or an absolute link
 * from a response on the same server) and completes @task (transfer full)
 * with the object @parse builds (passed @type), or with TRUE when @parse is NULL. */
void _hb_client_call (HbClient *self,
                      GTask *task,
                      const char *method,
                      const char *path,
                      JsonNode *body,
                      HbParseFunc parse,
                      GType type);

/* A GET nobody waits for (a row's status): it goes after every other request in
 * the session's queue and takes at most a few of its connections. */
void _hb_client_call_background (
    HbClient *self, GTask *task, const char *path, HbParseFunc parse, GType type);

/* Where a streamed body goes, as it arrives. */
typedef struct
{
  /* FALSE (with @error) stops reading and completes the request with it. */
  gboolean (*chunk) (gpointer data, GBytes *chunk, GError **error);
  /* The whole body arrived; the sink completes @task (transfer full) when it is done. */
  void (*end) (gpointer data, GTask *task);
  gpointer data;
  /* Of the reads: a long body read at G_PRIORITY_DEFAULT would hold off every frame until
   * its end, as a loopback server always has the next chunk ready. */
  int priority;
} HbBodySink;

/* GETs @path; a successful JSON body goes to @sink chunk by chunk, under the same size cap,
 * and is never retried once a byte went (a sink cannot take it back). Anything else
 * completes @task (transfer full) with an error, as _hb_client_call () would. */
void _hb_client_stream (HbClient *self, GTask *task, const char *path, const HbBodySink *sink);

/* POSTs @body to @path, requires 201 + Location, then GETs the Location and
 * completes @task (transfer full) with the object @parse builds from it. */
void _hb_client_create (
    HbClient *self, GTask *task, const char *path, JsonNode *body, HbParseFunc parse, GType type);

/* hb-client-writes.c: the writes, which check what happened when their answer is lost
 * (see there). Each takes @task (transfer full): a create completes it with the item, the
 * others with TRUE. */
void _hb_client_write_create (
    HbClient *self, GTask *task, GType type, const char *slug, const char *const *values);
void _hb_client_write_update (HbClient *self,
                              GTask *task,
                              GType type,
                              const char *slug,
                              const char *id,
                              const char *const *values);
void
_hb_client_write_delete (HbClient *self, GTask *task, GType type, const char *slug, const char *id);
void _hb_client_write_deploy (HbClient *self, GTask *task, const char *slug, const char *build_id);
/* POSTs @body to @path, requires 201 + Location, and completes @task (transfer full) with the
 * Location as an absolute URL (a char *), which is not fetched. */
void
_hb_client_create_for_location (HbClient *self, GTask *task, const char *path, JsonNode *body);

/* hb-client-body.c: the server's {"error":{"message":…}} text, or the reason phrase; the
 * error code of an HTTP status; whether a body says it is JSON; parsing a body into what
 * @parse builds, completing @task (in a worker thread when the body is large). */
char *_hb_client_error_message (SoupMessage *msg, GByteArray *buffer);
char *_hb_client_error_text (const char *data, gsize length, const char *reason, guint status);
HbApiError _hb_client_status_to_code (guint status);
gboolean _hb_client_check_json_type (SoupMessage *msg, GError **error);
void
_hb_client_parse_body (GTask *task, GBytes *bytes, HbParseFunc parse, GType type, const char *url);

gpointer _hb_client_finish_object (HbClient *self,
                                   GAsyncResult *result,
                                   gpointer source_tag,
                                   GError **error);
gboolean _hb_client_finish_boolean (HbClient *self,
                                    GAsyncResult *result,
                                    gpointer source_tag,
                                    GError **error);

/* "/applications/<escaped slug>/…" from segments, NULL-terminated. */
char *_hb_client_path (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* A JSON object body of string members: @keys[i] is @values[i]; both NULL-terminated. */
JsonNode *_hb_client_body (const char *const *keys, const char *const *values);

/* For tests: smaller limits and faster back-off. */
void
_hb_client_set_limits (HbClient *self, gsize max_body, guint max_attempts, guint retry_delay_ms);

/* For tests: the session every request goes through (to count them, by "request-queued"). */
SoupSession *_hb_client_get_session (HbClient *self);

G_END_DECLS
