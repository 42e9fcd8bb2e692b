/* hb-client.h: HbClient, the AppHarbor REST client: one generic call per verb, a few typed ones
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-api-error.h"
#include "hb-api-types.h"
#include "hb-app.h"
#include "hb-build.h"
#include "hb-resource.h"
#include "hb-test-node.h"
#include "hb-test-store.h"
#include "hb-user.h"

G_BEGIN_DECLS

#define HB_TYPE_CLIENT (hb_client_get_type ())
G_DECLARE_FINAL_TYPE (HbClient, hb_client, HB, CLIENT, GObject)

/* Conventions for every call below:
 * - @cancellable (nullable); a cancelled call finishes with G_IO_ERROR_CANCELLED, never success.
 * - _finish returns (transfer full) the model, a GListModel (transfer full) of models, or TRUE;
 *   NULL/FALSE with @error set: HB_API_ERROR for HTTP statuses and bad bodies (the message is the
 *   server's), G_IO_ERROR / G_TLS_ERROR / G_RESOLVER_ERROR for transport failures as they are.
 * - Creates follow 201 + Location and return the created item fetched from there.
 * - A kind of item is named by its model's type (HB_TYPE_COLLABORATOR …); what differs
 *   between kinds on the wire is one row of hb-resource-kinds.c.
 * - GETs are retried with back-off on 5xx and connection resets; POST, PUT and DELETE never. */

HbClient *hb_client_new (const char *base_url);

const char *hb_client_get_base_url (HbClient *self);
gboolean hb_client_url_may_carry_token (const char *url);
const char *hb_client_get_token (HbClient *self);
void hb_client_set_token (HbClient *self, const char *token);
gboolean hb_client_get_signed_in (HbClient *self);
guint hb_client_get_timeout (HbClient *self);
gboolean hb_client_get_reachable (HbClient *self);
void hb_client_set_timeout (HbClient *self, guint seconds);

/* Fetches the signed-in user (`GET /user`). */
void hb_client_get_user_async (HbClient *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
HbUser *hb_client_get_user_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Every kind of item: @slug names the application (NULL for applications themselves);
 * @values are the fields in the kind's order (see hb_client_create_resource_async ()). */
void hb_client_list_resource_async (HbClient *self,
                                    GType type,
                                    const char *slug,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data);
GListModel *hb_client_list_resource_finish (HbClient *self, GAsyncResult *result, GError **error);
void hb_client_get_resource_async (HbClient *self,
                                   GType type,
                                   const char *slug,
                                   const char *id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
HbResource *hb_client_get_resource_finish (HbClient *self, GAsyncResult *result, GError **error);
void hb_client_create_resource_async (HbClient *self,
                                      GType type,
                                      const char *slug,
                                      const char *const *values,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
HbResource *hb_client_create_resource_finish (HbClient *self, GAsyncResult *result, GError **error);
void hb_client_update_resource_async (HbClient *self,
                                      GType type,
                                      const char *slug,
                                      const char *id,
                                      const char *const *values,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean hb_client_update_resource_finish (HbClient *self, GAsyncResult *result, GError **error);
void hb_client_delete_resource_async (HbClient *self,
                                      GType type,
                                      const char *slug,
                                      const char *id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean hb_client_delete_resource_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Creates an application, then fetches it from the returned `Location`. */
void hb_client_create_app_async (HbClient *self,
                                 const char *name,
                                 const char *region_id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
HbApp *hb_client_create_app_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Renames an application (`PUT`); the slug does not change. */
void hb_client_rename_app_async (HbClient *self,
                                 const char *slug,
                                 const char *name,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean hb_client_rename_app_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists builds, newest first; @count 0 and @offset 0 use the server's default page. Items are
 * #HbBuild. */
void hb_client_list_builds_async (HbClient *self,
                                  const char *slug,
                                  guint count,
                                  guint offset,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GListModel *hb_client_list_builds_finish (HbClient *self, GAsyncResult *result, GError **error);

/* The newest build, asked for in the background (a row's status): see the .c. */
void hb_client_get_latest_build_async (HbClient *self,
                                       const char *slug,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gboolean hb_client_get_latest_build_finish (HbClient *self,
                                            GAsyncResult *result,
                                            HbBuild **build,
                                            GError **error);

/* Deploys (or rolls back to) a build. Never retried. */
void hb_client_deploy_build_async (HbClient *self,
                                   const char *slug,
                                   const char *build_id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean hb_client_deploy_build_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists the root #HbTestNode of a build's test tree. */
void hb_client_list_tests_async (HbClient *self,
                                 const char *slug,
                                 const char *build_id,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
GListModel *hb_client_list_tests_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists the root #HbTestNode from a build's `tests_url` as given. */
void hb_client_list_tests_at_url_async (HbClient *self,
                                        const char *tests_url,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
GListModel *
hb_client_list_tests_at_url_finish (HbClient *self, GAsyncResult *result, GError **error);

/* The same tree as list_tests_at_url, read into @store as it arrives (issue 15). */
void hb_client_load_tests_async (HbClient *self,
                                 const char *tests_url,
                                 HbTestStore *store,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean hb_client_load_tests_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Opens a log session (L1); returns the URL that streams it (issue 14; see HbLogSession). */
void hb_client_open_log_session_async (HbClient *self,
                                       const char *slug,
                                       gboolean tail,
                                       guint limit,
                                       const char *source_filter,
                                       const char *process_filter,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *hb_client_open_log_session_finish (HbClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
