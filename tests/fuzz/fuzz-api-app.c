/* fuzz-api-app.c: libFuzzer target for the app reader (applications)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_RESOURCE_TARGET (HB_TYPE_APP)
