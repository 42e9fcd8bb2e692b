/* fuzz-api-service-hook.c: libFuzzer target for the service hook reader
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_RESOURCE_TARGET (HB_TYPE_SERVICE_HOOK)
