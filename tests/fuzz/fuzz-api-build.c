/* fuzz-api-build.c: libFuzzer target for the build reader (builds and their log entries)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_RESOURCE_TARGET (HB_TYPE_BUILD)
