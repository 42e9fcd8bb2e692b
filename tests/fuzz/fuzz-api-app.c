/* fuzz-api-app.c: libFuzzer target for hb_app_new_from_json (applications)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_APP, hb_app_new_from_json)
