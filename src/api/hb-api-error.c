/* hb-api-error.c: the HB_API_ERROR domain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api-error.h"

G_DEFINE_QUARK (hb - api - error - quark, hb_api_error)
