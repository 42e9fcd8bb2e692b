/* fuzz-api-drain.c: libFuzzer target for hb_drain_new_from_json
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_DRAIN, hb_drain_new_from_json)
