/* fuzz-api-config-var.c: libFuzzer target for hb_config_var_new_from_json
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_CONFIG_VAR, hb_config_var_new_from_json)
