/* hb-api-error.h: the HB_API_ERROR domain, and what kind of fault any error of a call is
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
  HB_API_ERROR_OUTCOME_UNKNOWN,  /* a write's answer was lost, and asking again failed too:
                                    it may or may not have happened (the message says why) */
} HbApiError;

/**
 * HbApiFault:
 * @HB_API_FAULT_NONE: no error, or a cancelled call (which is never shown)
 * @HB_API_FAULT_UNREACHABLE: no connection to the service (refused, no route, no such name,
 *   an identity that could not be checked): nothing was sent
 * @HB_API_FAULT_TIMED_OUT: the service took too long to start answering
 * @HB_API_FAULT_CUT_SHORT: an answer started and stopped (the connection closed, a body cut
 *   short or garbled)
 * @HB_API_FAULT_SERVER: the service answered that it failed (5xx)
 * @HB_API_FAULT_REFUSED: the service refused what was sent (400, 409, 413, 422): the only
 *   fault that is about the input
 * @HB_API_FAULT_OTHER: anything else (sign-in, permission, not found, an answer Harbor does
 *   not understand, a write whose outcome stayed unknown)
 *
 * What a person can be told about a failed call, whatever the error's domain.
 */
typedef enum
{
  HB_API_FAULT_NONE,
  HB_API_FAULT_UNREACHABLE,
  HB_API_FAULT_TIMED_OUT,
  HB_API_FAULT_CUT_SHORT,
  HB_API_FAULT_SERVER,
  HB_API_FAULT_REFUSED,
  HB_API_FAULT_OTHER,
} HbApiFault;

GQuark hb_api_error_quark (void);
HbApiFault hb_api_error_get_fault (const GError *error);
gboolean hb_api_error_may_have_happened (const GError *error);

G_END_DECLS
