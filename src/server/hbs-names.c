/* hbs-names.c: the names harbor-server answers to (Host header) and the base URL of each
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-names.h"

#include <string.h>

/* A web page can make a browser send requests to 127.0.0.1 under a name of its own (DNS
 * rebinding): the browser then treats the answers as that page's, cookies and all. So the
 * server answers only when the request names it as it listens (the address, or localhost when
 * that is a loopback address) or by the --public-name it was given, and it builds every URL
 * it hands out from the base URL of that name, one of its own strings, never from the Host
 * header's bytes. */

typedef struct
{
  char *host; /* lower case; IPv6 without brackets */
  guint port;
  char *base_url;
} Name;

struct _HbsNames
{
  char *scheme;
  guint port;          /* the listening port */
  gboolean any;        /* listening on every address: the connection's own address counts */
  GPtrArray *names;    /* Name */
  char *listening_url; /* the listening address's */
  char *base_url;      /* the public name's when there is one, else the listening address's */
};

static void
name_free (Name *name)
{
  g_free (name->host);
  g_free (name->base_url);
  g_free (name);
}

static guint
default_port (const char *scheme)
{
  return g_str_equal (scheme, "https") ? 443 : 80;
}

/* "host", "host:port", "[v6]" or "[v6]:port"; @port is 0 when absent. */
static gboolean
split_authority (const char *authority, char **host, guint *port)
{
  const char *colon;
  g_autofree char *name = NULL;
  guint64 number = 0;

  *host = NULL;
  *port = 0;
  if (authority[0] == '[')
    {
      const char *end = strchr (authority, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        return FALSE;
      name = g_strndup (authority + 1, end - authority - 1);
      colon = end[1] == ':' ? end + 1 : NULL;
    }
  else
    {
      colon = strrchr (authority, ':');
      name = colon != NULL ? g_strndup (authority, colon - authority) : g_strdup (authority);
      if (strchr (name, ':') != NULL)
        return FALSE;
    }
  if (name[0] == '\0' || strpbrk (name, "/?#@[] \t\r\n") != NULL)
    return FALSE;
  if (colon != NULL && !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &number, NULL))
    return FALSE;
  *host = g_ascii_strdown (name, -1);
  *port = (guint) number;
  return TRUE;
}

/* The authority as a URL writes it: IPv6 literals in brackets, the port unless default. */
static char *
make_base_url (const char *scheme, const char *host, guint port)
{
  gboolean v6 = strchr (host, ':') != NULL;
  g_autofree char *bracketed = v6 ? g_strdup_printf ("[%s]", host) : g_strdup (host);

  if (port == default_port (scheme))
    return g_strdup_printf ("%s://%s", scheme, bracketed);
  return g_strdup_printf ("%s://%s:%u", scheme, bracketed, port);
}

static void
add_name (HbsNames *self, const char *host, guint port)
{
  Name *name = g_new0 (Name, 1);

  name->host = g_ascii_strdown (host, -1);
  name->port = port;
  name->base_url = make_base_url (self->scheme, name->host, port);
  g_ptr_array_add (self->names, name);
}

/**
 * hbs_names_check_public_name:
 * Checks the syntax of a --public-name: HOST or HOST:PORT (an IPv6 literal in brackets).
 */
gboolean
hbs_names_check_public_name (const char *name, GError **error)
{
  g_autofree char *host = NULL;
  guint port;

  if (!split_authority (name, &host, &port))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not HOST or HOST:PORT",
                   name);
      return FALSE;
    }
  return TRUE;
}

/**
 * hbs_names_new:
 * @scheme: "http" or "https"
 * @listening: the address and port the server listens on
 * @public_name: (nullable): HOST[:PORT] the server is also reached by (a missing port is the
 *   scheme's default, as a client sends it)
 */
HbsNames *
hbs_names_new (const char *scheme, GInetSocketAddress *listening, const char *public_name)
{
  HbsNames *self = g_new0 (HbsNames, 1);
  GInetAddress *address = g_inet_socket_address_get_address (listening);
  g_autofree char *ip = g_inet_address_to_string (address);
  g_autofree char *public_host = NULL;
  guint public_port = 0;

  self->scheme = g_strdup (scheme);
  self->port = g_inet_socket_address_get_port (listening);
  self->any = g_inet_address_get_is_any (address);
  self->names = g_ptr_array_new_with_free_func ((GDestroyNotify) name_free);
  self->listening_url = make_base_url (scheme, ip, self->port);
  if (!self->any)
    add_name (self, ip, self->port);
  if (g_inet_address_get_is_loopback (address))
    add_name (self, "localhost", self->port);
  /* hbs_names_check_public_name() passed it. */
  if (public_name != NULL && split_authority (public_name, &public_host, &public_port))
    {
      add_name (self, public_host, public_port != 0 ? public_port : default_port (scheme));
      self->base_url =
          g_strdup (((Name *) g_ptr_array_index (self->names, self->names->len - 1))->base_url);
    }
  else
    self->base_url = g_strdup (self->listening_url);
  return self;
}

void
hbs_names_free (HbsNames *self)
{
  g_ptr_array_unref (self->names);
  g_free (self->scheme);
  g_free (self->listening_url);
  g_free (self->base_url);
  g_free (self);
}

/* The URL generated links start with when no request says otherwise (hook payloads): the
 * public name's when there is one. */
const char *
hbs_names_get_base_url (HbsNames *self)
{
  return self->base_url;
}

/* "http://127.0.0.1:PORT": where the server listens. */
const char *
hbs_names_get_listening_url (HbsNames *self)
{
  return self->listening_url;
}

static Name *
find (HbsNames *self, const char *host, guint port)
{
  for (guint i = 0; i < self->names->len; i++)
    {
      Name *name = g_ptr_array_index (self->names, i);

      if (name->port == port && g_str_equal (name->host, host))
        return name;
    }
  return NULL;
}

/* Listening on every address: a client may name the address it reached us on, or localhost
 * when that is a loopback one. */
static char *
match_local_address (HbsNames *self, SoupServerMessage *msg, const char *host, guint port)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);
  GInetAddress *address;
  g_autofree char *ip = NULL;

  if (!self->any || port != self->port || !G_IS_INET_SOCKET_ADDRESS (local))
    return NULL;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  ip = g_inet_address_to_string (address);
  if (g_str_has_prefix (ip, "::ffff:") && strchr (ip, '.') != NULL)
    memmove (ip, ip + strlen ("::ffff:"), strlen (ip) - strlen ("::ffff:") + 1);
  if (g_str_equal (ip, host) ||
      (g_str_equal (host, "localhost") && g_inet_address_get_is_loopback (address)))
    return make_base_url (self->scheme, host, port);
  return NULL;
}

static char *
match_authority (HbsNames *self, SoupServerMessage *msg, const char *host, guint port)
{
  Name *name = find (self, host, port);

  if (name != NULL)
    return g_strdup (name->base_url);
  return match_local_address (self, msg, host, port);
}

/**
 * hbs_names_match:
 * Returns: (transfer full) (nullable): the base URL ("http://127.0.0.1:PORT", no slash) of the
 *   name the request was sent to, or %NULL when the Host header, or the authority of an
 *   absolute request URI, is not one of ours.
 */
char *
hbs_names_match (HbsNames *self, SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Host");
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *host = NULL;
  g_autofree char *base = NULL;
  guint port;

  /* libsoup builds the URI from an absolute request-target, else from Host, else (HTTP/1.0)
   * from the local address: every one of those must be ours. */
  if (header != NULL)
    {
      if (!split_authority (header, &host, &port))
        return NULL;
      base = match_authority (self, msg, host, port != 0 ? port : default_port (self->scheme));
      if (base == NULL)
        return NULL;
      g_clear_pointer (&host, g_free);
      g_clear_pointer (&base, g_free);
    }
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri) > 0 ? (guint) g_uri_get_port (uri) : default_port (self->scheme);
  return match_authority (self, msg, host, port);
}

/* "127.0.0.1:8917, localhost:8917", for error messages. */
char *
hbs_names_describe (HbsNames *self)
{
  g_autoptr (GString) out = g_string_new (NULL);

  if (self->any)
    g_string_append_printf (out, "this machine's addresses on port %u", self->port);
  for (guint i = 0; i < self->names->len; i++)
    {
      Name *name = g_ptr_array_index (self->names, i);

      g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "",
                              name->base_url + strlen (self->scheme) + 3);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
