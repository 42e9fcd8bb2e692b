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
GError *hst_send_expecting_failure (HstFixture *f, SoupSession *session, const char *path);

G_END_DECLS
