/* hb-api-error.h: the HB_API_ERROR domain
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HB_API_ERROR (hb_api_error_quark ())

/* The message of an HB_API_ERROR is the server's own text when it sent one
 * ({"error":{"message":…}}), otherwise the HTTP reason phrase. */
typedef enum
{
  HB_API_ERROR_FAILED,
  HB_API_ERROR_BAD_REQUEST,      /* 400 */
  HB_API_ERROR_UNAUTHORIZED,     /* 401 */
  HB_API_ERROR_PAYMENT_REQUIRED, /* 402 */
  HB_API_ERROR_FORBIDDEN,        /* 403 */
  HB_API_ERROR_NOT_FOUND,        /* 404 */
  HB_API_ERROR_CONFLICT,         /* 409 */
  HB_API_ERROR_SERVER,           /* 5xx */
  HB_API_ERROR_INVALID_RESPONSE, /* unparsable, too large, too deep, wrong shape or types */
  HB_API_ERROR_NOT_SIGNED_IN,    /* no token to send */
  HB_API_ERROR_INSECURE,         /* plain http:// to a host that is not loopback */
} HbApiError;

GQuark hb_api_error_quark (void);

G_END_DECLS
