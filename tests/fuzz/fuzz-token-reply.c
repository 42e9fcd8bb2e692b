/* fuzz-token-reply.c: libFuzzer target for the form-encoded token reply parser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "hb-oauth.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *token = hb_oauth_parse_token_reply ((const char *) data, (gssize) size, &error);

  /* Exactly one of the two, and a token is always header-safe. */
  g_assert ((token == NULL) != (error == NULL));
  if (token != NULL)
    for (const char *p = token; *p; p++)
      g_assert (*p > 0x20 && *p < 0x7f);
  return 0;
}
