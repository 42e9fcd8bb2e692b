/* hbs-random.c: harbor-server's secrets, from the kernel's CSPRNG
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-random.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

/* Never GRand (nor g_uuid_string_random(), which draws from it): a Mersenne Twister's whole
 * state follows from 624 outputs, so one leaked value would predict every other secret. */
static void
fill (guint8 *data, gsize n_bytes)
{
  gsize filled = 0;

  while (filled < n_bytes)
    {
      ssize_t n = getrandom (data + filled, n_bytes - filled, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("getrandom failed: %s", g_strerror (errno));
      filled += (gsize) n;
    }
}

/* RFC 4648 §5 without padding: PKCE challenges and every token we hand out. */
char *
hbs_base64url (const guint8 *data, gsize length)
{
  char *text = g_base64_encode (data, length);
  char *end = strchr (text, '=');

  if (end != NULL)
    *end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  return text;
}

/**
 * hbs_random_token:
 * @n_bytes: how much randomness
 *
 * Returns: @n_bytes of randomness as unpadded base64url text, safe in URLs, cookies and forms
 * without escaping.
 */
char *
hbs_random_token (gsize n_bytes)
{
  g_autofree guint8 *data = g_malloc (n_bytes);

  fill (data, n_bytes);
  return hbs_base64url (data, n_bytes);
}

/* A version 4 UUID (RFC 4122 §4.4), for values AppHarbor shaped as GUIDs. */
char *
hbs_random_uuid (void)
{
  guint8 b[16];

  fill (b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
                          b[12], b[13], b[14], b[15]);
}
