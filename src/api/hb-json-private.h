/* hb-json-private.h: strict typed JSON readers and guards shared by the models and the client
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "hb-api-error.h"
#include "hb-api-types.h"

G_BEGIN_DECLS

/* Bodies above this are refused before json-glib sees them. */
#define HB_JSON_MAX_BYTES (64 * 1024 * 1024)
/* json-glib 1.6 recurses per level and overflows its stack on deep input. */
#define HB_JSON_MAX_DEPTH 256

gboolean _hb_json_check_depth (const char *data, gsize length, guint max_depth, GError **error);
/* TRUE when a string in @data holds the escape \u0000, which json-glib 1.6 truncates at. */
gboolean _hb_json_has_nul_escape (const char *data, gsize length);
JsonNode *_hb_json_parse (const char *data, gsize length, GError **error);

JsonObject *_hb_json_node_get_object (JsonNode *node, const char *what, GError **error);
JsonArray *_hb_json_node_get_array (JsonNode *node, const char *what, GError **error);

/* Members: "required" fails when absent or null; "nullable" accepts null;
 * "optional" accepts absent or null. Strings are borrowed from the tree. */
gboolean
_hb_json_get_string (JsonObject *object, const char *member, const char **out, GError **error);
gboolean _hb_json_get_nullable_string (JsonObject *object,
                                       const char *member,
                                       const char **out,
                                       GError **error);
gboolean _hb_json_get_optional_string (JsonObject *object,
                                       const char *member,
                                       const char **out,
                                       GError **error);
gboolean
_hb_json_get_boolean (JsonObject *object, const char *member, gboolean *out, GError **error);
gboolean _hb_json_get_object (
    JsonObject *object, const char *member, gboolean nullable, JsonObject **out, GError **error);
gboolean _hb_json_get_array (
    JsonObject *object, const char *member, gboolean optional, JsonArray **out, GError **error);
gboolean _hb_json_get_datetime (
    JsonObject *object, const char *member, gboolean nullable, GDateTime **out, GError **error);
gboolean
_hb_json_get_timespan (JsonObject *object, const char *member, GTimeSpan *out, GError **error);

/* "url" member: absent means a detail body (use @fallback), null means the
 * item cannot be opened. Returns a newly allocated string or NULL. */
gboolean
_hb_json_get_item_url (JsonObject *object, const char *fallback, char **out, GError **error);

GDateTime *_hb_parse_datetime (const char *text);
gboolean _hb_parse_timespan (const char *text, GTimeSpan *out);
char *_hb_url_last_segment (const char *url);

HbBuildStatus _hb_build_status_from_string (const char *text);
HbTestStatus _hb_test_status_from_string (const char *text);
HbTestKind _hb_test_kind_from_string (const char *text);
HbCollaboratorRole _hb_collaborator_role_from_string (const char *text);

gboolean _hb_set_str (char **field, const char *value);

/* Lists of things that are no #HbResource (the fuzz targets read users as lists too). */
GListModel *_hb_json_list_from_array (JsonNode *node,
                                      GType item_type,
                                      gpointer (*item_new) (JsonNode *, const char *, GError **),
                                      GError **error);

G_END_DECLS
