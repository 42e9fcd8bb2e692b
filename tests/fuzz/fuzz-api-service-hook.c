/* fuzz-api-service-hook.c: libFuzzer target for hb_service_hook_new_from_json
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_SERVICE_HOOK, hb_service_hook_new_from_json)
