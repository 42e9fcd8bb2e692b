/* hbs-store.h: harbor-server's world (users, tokens, clients, applications) and its file
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HBS_TYPE_STORE (hbs_store_get_type ())
G_DECLARE_FINAL_TYPE (HbsStore, hbs_store, HBS, STORE, GObject)

HbsStore *hbs_store_new (void);

gboolean hbs_store_set_file (HbsStore *self, const char *path, GError **error);
void hbs_store_set_world (HbsStore *self, JsonObject *world);
void hbs_store_changed (HbsStore *self);
gboolean hbs_store_flush (HbsStore *self, GError **error);
gboolean hbs_store_get_seeded (HbsStore *self);
void hbs_store_set_seeded (HbsStore *self);
char *hbs_store_next_id (HbsStore *self);

JsonObject *hbs_store_find_user (HbsStore *self, const char *name);
JsonObject *hbs_store_find_user_by_email (HbsStore *self, const char *email);
void hbs_store_put_user (HbsStore *self, const char *name, const char *email, const char *password);
gboolean hbs_store_check_password (HbsStore *self, const char *name, const char *password);
void hbs_store_set_has_card (HbsStore *self, const char *name, gboolean has_card);
char *hbs_store_user_id (const char *name);
const char *hbs_store_default_user (HbsStore *self);

void hbs_store_add_token (HbsStore *self, const char *username, const char *token);
const char *hbs_store_lookup_token (HbsStore *self, const char *token);
void
hbs_store_issue_token (HbsStore *self, const char *username, const char *client, const char *token);

void hbs_store_put_client (HbsStore *self,
                           const char *id,
                           const char *secret,
                           const char *name,
                           const char *redirect_uri,
                           gboolean needs_pkce);
JsonObject *hbs_store_find_client (HbsStore *self, const char *id);

JsonArray *hbs_store_get_apps (HbsStore *self);
JsonObject *hbs_store_find_app (HbsStore *self, const char *slug);
JsonObject *hbs_store_add_app (
    HbsStore *self, const char *slug, const char *name, const char *region, const char *owner);
void hbs_store_remove_app (HbsStore *self, const char *slug);
const char *hbs_store_role (HbsStore *self, JsonObject *app, const char *username);
gboolean hbs_role_can_administer (const char *role);
JsonObject *hbs_store_build_commit (JsonObject *build);

JsonObject *hbs_store_find_item (JsonObject *app, const char *collection, const char *id);
JsonObject *hbs_store_add_item (HbsStore *self, JsonObject *app, const char *collection);
gboolean hbs_store_remove_item (JsonObject *app, const char *collection, const char *id);

JsonObject *hbs_store_add_build (HbsStore *self,
                                 JsonObject *app,
                                 const char *branch,
                                 const char *commit_id,
                                 const char *message,
                                 const char *created);
void hbs_store_add_log_entry (JsonObject *build, const char *created, const char *message);

char *hbs_store_now (void);
char *hbs_store_format_time (GDateTime *time);

G_END_DECLS
