/* fuzz-api-hostname.c: libFuzzer target for hb_hostname_new_from_json
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_HOSTNAME, hb_hostname_new_from_json)
