/* fuzz-api-build.c: libFuzzer target for hb_build_new_from_json (builds and their log entries)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_BUILD, hb_build_new_from_json)
