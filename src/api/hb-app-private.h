/* hb-app-private.h: the latest build's status (or why it is not known), which HbAppList
 * fills in
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app.h"

G_BEGIN_DECLS

void _hb_app_set_status (HbApp *self, HbBuildStatus status);
void _hb_app_set_status_error (HbApp *self, const GError *error);

G_END_DECLS
