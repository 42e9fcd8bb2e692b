/* hbs-server-private.h: what the route files of harbor-server share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-request.h"
#include "hbs-server.h"
#include "hbs-store.h"

G_BEGIN_DECLS

GBytes *_hbs_server_render_tests (HbsServer *self,
                                  const char *slug,
                                  JsonObject *build,
                                  const char *test_id);
void _hbs_server_start_build (HbsServer *self, const char *slug, const char *id, gboolean deploy);
char *_hbs_server_open_log_session (HbsServer *self,
                                    const char *slug,
                                    gboolean tail,
                                    guint limit,
                                    const char *source,
                                    const char *process);

void hbs_routes_user (HbsRequest *req);
void hbs_routes_apps (HbsRequest *req);
void hbs_routes_app_resources (HbsRequest *req, JsonObject *app, const char *role);

G_END_DECLS
