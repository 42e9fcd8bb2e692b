/* hst.h: harbor-server test helpers: an in-process seeded server and real HTTP on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hbs-server.h"

G_BEGIN_DECLS

#define HST_TOKEN "T"

typedef struct
{
  HbsServer *server;
  char *base;
  SoupSession *session;
  char *tmpdir;
} HstFixture;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
  char *text;     /* the body, NUL-terminated */
  JsonNode *json; /* parsed when the body is JSON */
} HstResponse;

void hst_setup (HstFixture *f, gconstpointer data);
void hst_teardown (HstFixture *f, gconstpointer data);
void hst_start (HstFixture *f, HbsServer *server);

HstResponse *hst_request (HstFixture *f,
                          const char *method,
                          const char *path,
                          const char *token,
                          const char *content_type,
                          const char *body);
HstResponse *hst_get (HstFixture *f, const char *path);
HstResponse *hst_send (HstFixture *f, const char *method, const char *path, const char *json);
HstResponse *hst_send_message (HstFixture *f, SoupMessage *msg);
guint hst_raw (HstFixture *f, const char *request, char **response);
void hst_response_free (HstResponse *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HstResponse, hst_response_free)

void hst_assert_error (HstResponse *r, guint status);
void hst_assert_created (HstFixture *f, HstResponse *r, const char *path_prefix, char **id);
JsonArray *hst_array (HstResponse *r);
JsonObject *hst_object (HstResponse *r);
const char *hst_member (JsonObject *object, const char *name);
void hst_wait (guint ms);
gboolean hst_wait_for (gboolean (*condition) (gpointer), gpointer data, guint timeout_ms);
/* Descriptors this process holds; a condition for hst_wait_for() with the bound as data. */
guint hst_count_fds (void);
gboolean hst_fds_at_most (gpointer max_fds);
GError *hst_send_expecting_failure (HstFixture *f, SoupSession *session, const char *path);

typedef struct _HstStream HstStream;

HstStream *hst_stream_open (SoupSession *session, const char *url);
char *hst_stream_read_line (HstStream *stream, guint timeout_ms);
char *hst_stream_read_until (HstStream *stream, const char *needle, guint timeout_ms);
gboolean hst_stream_timed_out (HstStream *stream);
void hst_stream_free (HstStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HstStream, hst_stream_free)

GSocket *hst_socket_connect (const char *base);
void hst_socket_send (GSocket *socket, const char *text);
gboolean hst_socket_closed_by_peer (GSocket *socket);
guint hst_wait_closed (GPtrArray *sockets, guint wanted, guint timeout_ms);
char *hst_socket_read_response (GSocket *socket, guint timeout_ms);
GSubprocess *hst_spawn_server (const char *const *args, guint fd_soft, guint fd_hard, char **base);
guint64 hst_process_rss_kib (GSubprocess *process);

G_END_DECLS
