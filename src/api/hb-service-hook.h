/* hb-service-hook.h: a URL called after every build
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-resource.h"

G_BEGIN_DECLS

/* The URL is hb_resource_get_value (). */
#define HB_TYPE_SERVICE_HOOK (hb_service_hook_get_type ())
G_DECLARE_FINAL_TYPE (HbServiceHook, hb_service_hook, HB, SERVICE_HOOK, HbResource)

G_END_DECLS
