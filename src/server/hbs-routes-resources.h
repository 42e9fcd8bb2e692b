/* hbs-routes-resources.h: an application's collaborators, configuration variables, hostnames,
 * service hooks, errors, drains and log sessions (C1–C5, V1–V5, H1–H4, S1–S4, E1–E2, D1–D4, L1)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-request.h"

G_BEGIN_DECLS

void hbs_routes_app_resources (HbsRequest *req, JsonObject *app, const char *role);

G_END_DECLS
