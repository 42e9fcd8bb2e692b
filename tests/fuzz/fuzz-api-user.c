/* fuzz-api-user.c: libFuzzer target for hb_user_new_from_json (the user)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_API_TARGET (HB_TYPE_USER, hb_user_new_from_json)
