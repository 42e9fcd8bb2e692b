/* fuzz-api-drain.c: libFuzzer target for the drain reader
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-api-common.h"

FUZZ_RESOURCE_TARGET (HB_TYPE_DRAIN)
