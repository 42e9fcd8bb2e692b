/* fuzz-api-app-error.c: libFuzzer target for the app error reader (errors and exception
 * chains) SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_RESOURCE_TARGET (HB_TYPE_APP_ERROR)
