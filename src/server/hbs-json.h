/* hbs-json.h: request-body checks and typed JSON accessors for harbor-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Request bodies are tiny; anything bigger is hostile. */
#define HBS_MAX_BODY (64 * 1024)
/* json-glib 1.6 recurses per bracket and overflows near 100,000: refuse long before. */
#define HBS_MAX_DEPTH 32

/* Error codes are the HTTP status to answer with. */
#define HBS_ERROR (hbs_error_quark ())
GQuark hbs_error_quark (void);

typedef struct _HbsBody HbsBody;

HbsBody *hbs_body_parse (const char *content_type, const char *data, gsize length, GError **error);
void hbs_body_free (HbsBody *body);
gboolean hbs_body_has (HbsBody *body, const char *field);
gboolean hbs_body_get_string (
    HbsBody *body, const char *field, gboolean required, const char **out, GError **error);
gboolean hbs_body_get_boolean (
    HbsBody *body, const char *field, gboolean required, gboolean *out, GError **error);
gboolean
hbs_body_get_int (HbsBody *body, const char *field, gboolean required, gint64 *out, GError **error);
gboolean hbs_body_get_object (
    HbsBody *body, const char *field, gboolean required, JsonObject **out, GError **error);
const char *hbs_body_find_field (HbsBody *body, const char *field_ci);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbsBody, hbs_body_free)

gboolean hbs_json_check_text (const char *data, gsize length, guint max_depth, GError **error);
gboolean hbs_form_has_nul (const char *data, gsize length);

const char *hbs_json_get_string (JsonObject *object, const char *member);
JsonObject *hbs_json_get_object (JsonObject *object, const char *member);
JsonArray *hbs_json_get_array (JsonObject *object, const char *member);
gint64 hbs_json_get_int (JsonObject *object, const char *member, gint64 fallback);
gboolean hbs_json_get_boolean (JsonObject *object, const char *member, gboolean fallback);
char *hbs_json_to_string (JsonNode *node);

G_END_DECLS
