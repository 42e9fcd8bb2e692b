/* hbs-request.h: one request being answered: its parsed path, caller and response helpers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hbs-context.h"
#include "hbs-json.h"

G_BEGIN_DECLS

#define HBS_MAX_SEGMENT 200

typedef struct
{
  const HbsContext *ctx;  /* borrowed: what the routes reach of the server */
  SoupServerMessage *msg; /* borrowed */
  const char *method;     /* GET for HEAD too */
  char **segments;        /* decoded path segments */
  guint n_segments;
  GHashTable *query; /* nullable, borrowed */
  char *base;        /* "http://host:port": ours, for the name the request was accepted under */
  const char *user;  /* authenticated username, or NULL */
  GBytes *body;      /* the request body as received */
} HbsRequest;

gboolean hbs_request_init (HbsRequest *req,
                           SoupServerMessage *msg,
                           GHashTable *query,
                           GBytes *body,
                           char *base,
                           GError **error);
void hbs_request_clear (HbsRequest *req);

const char *hbs_request_query (HbsRequest *req, const char *name);
const char *hbs_request_header (HbsRequest *req, const char *name);
HbsBody *hbs_request_parse_body (HbsRequest *req);
gboolean hbs_request_segments_are (HbsRequest *req, guint n, ...);

void hbs_request_json (HbsRequest *req, guint status, JsonNode *node);
void hbs_request_json_bytes (HbsRequest *req, guint status, GBytes *bytes);
void hbs_request_error (HbsRequest *req, guint status, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
void hbs_request_gerror (HbsRequest *req, const GError *error);
void hbs_request_method_not_allowed (HbsRequest *req, const char *allow);
void hbs_request_created (HbsRequest *req, const char *path);
void hbs_request_no_content (HbsRequest *req);
void hbs_request_ok_empty (HbsRequest *req);
void hbs_request_html (HbsRequest *req, guint status, const char *html);
void hbs_request_text (HbsRequest *req, guint status, const char *content_type, const char *text);
void hbs_request_redirect (HbsRequest *req, guint status, const char *location);

char *hbs_request_url (HbsRequest *req, const char *path);
char **hbs_path_split (const char *path, GError **error);
gboolean hbs_header_value_ok (const char *value);

G_END_DECLS
