/* hb-client.h: HbClient, the AppHarbor REST client (one async/finish pair per endpoint)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hb-api-error.h"
#include "hb-api-types.h"
#include "hb-app-error.h"
#include "hb-app.h"
#include "hb-build.h"
#include "hb-collaborator.h"
#include "hb-config-var.h"
#include "hb-drain.h"
#include "hb-hostname.h"
#include "hb-service-hook.h"
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
 * - GETs are retried with back-off on 5xx and connection resets; POST, PUT and DELETE never. */

HbClient *hb_client_new (const char *base_url);

const char *hb_client_get_base_url (HbClient *self);
gboolean hb_client_url_may_carry_token (const char *url);
const char *hb_client_get_token (HbClient *self);
void hb_client_set_token (HbClient *self, const char *token);
gboolean hb_client_get_signed_in (HbClient *self);
guint hb_client_get_timeout (HbClient *self);
void hb_client_set_timeout (HbClient *self, guint seconds);

/* Fetches the signed-in user (`GET /user`). */
void hb_client_get_user_async (HbClient *self,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
HbUser *hb_client_get_user_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists the applications (`GET /applications`); items are #HbApp. */
void hb_client_list_apps_async (HbClient *self,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
GListModel *hb_client_list_apps_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Fetches one application. */
void hb_client_get_app_async (HbClient *self,
                              const char *slug,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data);
HbApp *hb_client_get_app_finish (HbClient *self, GAsyncResult *result, GError **error);

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

/* Deletes an application. */
void hb_client_delete_app_async (HbClient *self,
                                 const char *slug,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data);
gboolean hb_client_delete_app_finish (HbClient *self, GAsyncResult *result, GError **error);

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

/* Fetches one build with its log entries. */
void hb_client_get_build_async (HbClient *self,
                                const char *slug,
                                const char *build_id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
HbBuild *hb_client_get_build_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Fetches a build from its `url` as the server gave it. */
void hb_client_get_build_at_url_async (HbClient *self,
                                       const char *url,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
HbBuild *hb_client_get_build_at_url_finish (HbClient *self, GAsyncResult *result, GError **error);

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

/* Fetches one test node with its subtree. */
void hb_client_get_test_async (HbClient *self,
                               const char *slug,
                               const char *build_id,
                               const char *test_id,
                               GCancellable *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer user_data);
HbTestNode *hb_client_get_test_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbCollaborator (the owner has no url). */
void hb_client_list_collaborators_async (HbClient *self,
                                         const char *slug,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GListModel *
hb_client_list_collaborators_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_collaborator_async (HbClient *self,
                                       const char *slug,
                                       const char *id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
HbCollaborator *
hb_client_get_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Adds a collaborator by e-mail; @role is ADMINISTRATOR or COLLABORATOR. */
void hb_client_create_collaborator_async (HbClient *self,
                                          const char *slug,
                                          const char *email,
                                          HbCollaboratorRole role,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
HbCollaborator *
hb_client_create_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_update_collaborator_async (HbClient *self,
                                          const char *slug,
                                          const char *id,
                                          HbCollaboratorRole role,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
hb_client_update_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_delete_collaborator_async (HbClient *self,
                                          const char *slug,
                                          const char *id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
hb_client_delete_collaborator_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbConfigVar. */
void hb_client_list_config_vars_async (HbClient *self,
                                       const char *slug,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
GListModel *
hb_client_list_config_vars_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_config_var_async (HbClient *self,
                                     const char *slug,
                                     const char *id,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
HbConfigVar *hb_client_get_config_var_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_create_config_var_async (HbClient *self,
                                        const char *slug,
                                        const char *key,
                                        const char *value,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
HbConfigVar *
hb_client_create_config_var_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_update_config_var_async (HbClient *self,
                                        const char *slug,
                                        const char *id,
                                        const char *key,
                                        const char *value,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean hb_client_update_config_var_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_delete_config_var_async (HbClient *self,
                                        const char *slug,
                                        const char *id,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
gboolean hb_client_delete_config_var_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbHostname (the built-in one has no url). */
void hb_client_list_hostnames_async (HbClient *self,
                                     const char *slug,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
GListModel *hb_client_list_hostnames_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_hostname_async (HbClient *self,
                                   const char *slug,
                                   const char *id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
HbHostname *hb_client_get_hostname_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Adds a hostname; HB_API_ERROR_PAYMENT_REQUIRED when the owner has no card. */
void hb_client_create_hostname_async (HbClient *self,
                                      const char *slug,
                                      const char *value,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
HbHostname *hb_client_create_hostname_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_delete_hostname_async (HbClient *self,
                                      const char *slug,
                                      const char *id,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
gboolean hb_client_delete_hostname_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbServiceHook. */
void hb_client_list_service_hooks_async (HbClient *self,
                                         const char *slug,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
GListModel *
hb_client_list_service_hooks_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_service_hook_async (HbClient *self,
                                       const char *slug,
                                       const char *id,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
HbServiceHook *
hb_client_get_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_create_service_hook_async (HbClient *self,
                                          const char *slug,
                                          const char *url,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
HbServiceHook *
hb_client_create_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_delete_service_hook_async (HbClient *self,
                                          const char *slug,
                                          const char *id,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer user_data);
gboolean
hb_client_delete_service_hook_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbDrain. */
void hb_client_list_drains_async (HbClient *self,
                                  const char *slug,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GListModel *hb_client_list_drains_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_drain_async (HbClient *self,
                                const char *slug,
                                const char *id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
HbDrain *hb_client_get_drain_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_create_drain_async (HbClient *self,
                                   const char *slug,
                                   const char *url,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
HbDrain *hb_client_create_drain_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_delete_drain_async (HbClient *self,
                                   const char *slug,
                                   const char *id,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean hb_client_delete_drain_finish (HbClient *self, GAsyncResult *result, GError **error);

/* Lists #HbAppError, newest first. */
void hb_client_list_errors_async (HbClient *self,
                                  const char *slug,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GListModel *hb_client_list_errors_finish (HbClient *self, GAsyncResult *result, GError **error);

void hb_client_get_error_async (HbClient *self,
                                const char *slug,
                                const char *id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
HbAppError *hb_client_get_error_finish (HbClient *self, GAsyncResult *result, GError **error);

G_END_DECLS
