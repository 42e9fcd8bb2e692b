/* hb-api-error.h: the HB_API_ERROR domain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HB_API_ERROR (hb_api_error_quark ())

typedef enum {
  HB_API_ERROR_FAILED,
  HB_API_ERROR_BAD_REQUEST,      /* 400 */
  HB_API_ERROR_UNAUTHORIZED,     /* 401 */
  HB_API_ERROR_PAYMENT_REQUIRED, /* 402 */
  HB_API_ERROR_FORBIDDEN,        /* 403 */
  HB_API_ERROR_NOT_FOUND,        /* 404 */
  HB_API_ERROR_CONFLICT,         /* 409 */
  HB_API_ERROR_SERVER,           /* 5xx */
  HB_API_ERROR_INVALID_RESPONSE,
  HB_API_ERROR_NOT_SIGNED_IN,
} HbApiError;

GQuark hb_api_error_quark (void);

G_END_DECLS
