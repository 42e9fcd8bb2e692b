/* fuzz-api-app-error.c: libFuzzer target for hb_app_error_new_from_json (errors and exception
 * chains) SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_APP_ERROR, hb_app_error_new_from_json)
