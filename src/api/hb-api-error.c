/* hb-api-error.c: the HB_API_ERROR domain, and what kind of fault any error of a call is
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api-error.h"

#include <gio/gio.h>
#include <libsoup/soup.h>

G_DEFINE_QUARK (hb - api - error - quark, hb_api_error)

static HbApiFault
api_fault (HbApiError code)
{
  switch (code)
    {
    case HB_API_ERROR_BAD_REQUEST:
    case HB_API_ERROR_CONFLICT:
      return HB_API_FAULT_REFUSED;
    case HB_API_ERROR_SERVER:
      return HB_API_FAULT_SERVER;
    case HB_API_ERROR_INSECURE:
      return HB_API_FAULT_UNREACHABLE;
    case HB_API_ERROR_FAILED:
    case HB_API_ERROR_UNAUTHORIZED:
    case HB_API_ERROR_PAYMENT_REQUIRED:
    case HB_API_ERROR_FORBIDDEN:
    case HB_API_ERROR_NOT_FOUND:
    case HB_API_ERROR_INVALID_RESPONSE:
    case HB_API_ERROR_NOT_SIGNED_IN:
    case HB_API_ERROR_OUTCOME_UNKNOWN:
    default:
      return HB_API_FAULT_OTHER;
    }
}

/* An int switch: GIOErrorEnum has a hundred codes, and two of these are one (CONNECTION_CLOSED
 * is BROKEN_PIPE's other name). */
static HbApiFault
io_fault (int code)
{
  switch (code)
    {
    case G_IO_ERROR_CANCELLED:
      return HB_API_FAULT_NONE;
    case G_IO_ERROR_TIMED_OUT:
      return HB_API_FAULT_TIMED_OUT;
    case G_IO_ERROR_PARTIAL_INPUT:
    case G_IO_ERROR_CONNECTION_CLOSED: /* a reset, a broken pipe */
    case G_IO_ERROR_MESSAGE_TOO_LARGE:
      return HB_API_FAULT_CUT_SHORT;
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_HOST_NOT_FOUND:
    case G_IO_ERROR_NOT_CONNECTED:
    case G_IO_ERROR_PROXY_FAILED:
    case G_IO_ERROR_INVALID_ARGUMENT: /* an API address that does not parse */
      return HB_API_FAULT_UNREACHABLE;
    default:
      return HB_API_FAULT_OTHER;
    }
}

/**
 * hb_api_error_get_fault:
 * @error: (nullable): an error from an #HbClient call
 *
 * Unreachable, timed out, cut short, a server error and refused input are told apart: a view
 * says which, and only refused input is about what a person typed.
 *
 * Returns: the kind of fault
 */
HbApiFault
hb_api_error_get_fault (const GError *error)
{
  if (error == NULL)
    return HB_API_FAULT_NONE;
  if (error->domain == HB_API_ERROR)
    return api_fault ((HbApiError) error->code);
  if (error->domain == G_IO_ERROR)
    return io_fault (error->code);
  if (error->domain == G_RESOLVER_ERROR || error->domain == G_TLS_ERROR)
    return HB_API_FAULT_UNREACHABLE;
  /* libsoup's: an answer that is not HTTP, or whose body encoding broke off. */
  if (error->domain == SOUP_SESSION_ERROR &&
      (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING))
    return HB_API_FAULT_CUT_SHORT;
  return HB_API_FAULT_OTHER;
}

/**
 * hb_api_error_may_have_happened:
 * @error: (nullable): why a write failed
 *
 * A write that timed out, was cut short or met a server error may have been carried out before
 * its answer was lost; one that could not connect, or was refused, was not.
 *
 * Returns: whether the write must be checked before it is said to have failed
 */
gboolean
hb_api_error_may_have_happened (const GError *error)
{
  switch (hb_api_error_get_fault (error))
    {
    case HB_API_FAULT_TIMED_OUT:
    case HB_API_FAULT_CUT_SHORT:
    case HB_API_FAULT_SERVER:
      return TRUE;
    case HB_API_FAULT_NONE:
    case HB_API_FAULT_UNREACHABLE:
    case HB_API_FAULT_REFUSED:
    case HB_API_FAULT_OTHER:
    default:
      /* A 2xx Harbor could not read is an answer that the write happened. */
      return g_error_matches (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE) ||
             g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN);
    }
}
