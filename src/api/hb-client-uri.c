/* hb-client-uri.c: where HbClient may send its token: https anywhere, plain http only to
 * this computer; paths and links from answers resolved on the same server only
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-client-private.h"

#include "hb-api-error.h"

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  /* GUri gives IPv6 literals without their brackets. */
  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https anywhere; plain http only to this computer, so a token never crosses a network in
 * the clear. */
static gboolean
uri_may_carry_token (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "https") == 0 ||
         (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri)));
}

/**
 * hb_client_url_may_carry_token:
 * @url: an API root
 *
 * Returns: whether a client for @url sends its token there (see uri_may_carry_token ())
 */
gboolean
hb_client_url_may_carry_token (const char *url)
{
  g_autoptr (GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, FALSE);
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  return uri != NULL && uri_may_carry_token (uri);
}

/* Resolves @path against the base URL. Links from responses are followed as
 * given, but only on the same server: the token must not travel elsewhere. */
GUri *
_hb_client_resolve_uri (HbClient *self, const char *path, GError **error)
{
  g_autoptr (GUri) uri = NULL;

  if (self->base_uri == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Invalid API URL “%s”",
                   self->base_url);
      return NULL;
    }
  if (!uri_may_carry_token (self->base_uri))
    {
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INSECURE,
                   "Refusing to send the token over plain %s to %s",
                   g_uri_get_scheme (self->base_uri), g_uri_get_host (self->base_uri));
      return NULL;
    }

  if (path[0] == '/')
    {
      g_autofree char *full = g_strconcat (self->base_url, path, NULL);
      uri = g_uri_parse (full, G_URI_FLAGS_ENCODED, error);
    }
  else
    uri = g_uri_parse (path, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), g_uri_get_scheme (self->base_uri)) != 0 ||
      g_strcmp0 (g_uri_get_host (uri), g_uri_get_host (self->base_uri)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (self->base_uri))
    {
      g_clear_error (error);
      g_set_error (error, HB_API_ERROR, HB_API_ERROR_INVALID_RESPONSE,
                   "Refusing to follow a link to another server: %s", path);
      return NULL;
    }
  return g_steal_pointer (&uri);
}
