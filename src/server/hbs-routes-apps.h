/* hbs-routes-apps.h: the user, applications, builds and tests endpoints (U1, A1–A5, B1–B6, T1–T2)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-request.h"

G_BEGIN_DECLS

void hbs_routes_user (HbsRequest *req);
void hbs_routes_apps (HbsRequest *req);

G_END_DECLS
