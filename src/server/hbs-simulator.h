/* hbs-simulator.h: live builds (Queued → Building → Succeeded/Failed) and service-hook calls
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hbs-app-logs.h"
#include "hbs-store.h"

G_BEGIN_DECLS

#define HBS_TYPE_SIMULATOR (hbs_simulator_get_type ())
G_DECLARE_FINAL_TYPE (HbsSimulator, hbs_simulator, HBS, SIMULATOR, GObject)

HbsSimulator *hbs_simulator_new (HbsStore *store, HbsAppLogs *logs);
void hbs_simulator_set_step_ms (HbsSimulator *self, guint ms);
void hbs_simulator_set_base_url (HbsSimulator *self, const char *base_url);
guint hbs_simulator_get_step_ms (HbsSimulator *self);
void hbs_simulator_start (HbsSimulator *self, const char *slug, const char *id, gboolean deploy);
void hbs_simulator_resume (HbsSimulator *self);

G_END_DECLS
