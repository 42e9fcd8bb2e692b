/* fuzz-redirect.c: libFuzzer target for the redirect matcher and parser
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "hb-oauth.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* "STATE" in the input stands for the attempt's real state, so the fuzzer can reach the
 * code and error branches behind the state check. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HbOAuth *attempt;
  g_autofree char *input = g_strndup ((const char *) data, size);
  GString *uri;
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  gboolean is_redirect;

  attempt = hb_oauth_new ("http://127.0.0.1:8080", "harbor-desktop", "secret", 41234);
  uri = g_string_new (input);
  g_string_replace (uri, "STATE", hb_oauth_get_state (attempt), 0);

  is_redirect = hb_oauth_is_redirect (attempt, uri->str);
  code = hb_oauth_parse_redirect (attempt, uri->str, &error);
  g_assert ((code == NULL) != (error == NULL));
  /* A code only ever comes from the exact redirect address. */
  g_assert (code == NULL || is_redirect);
  g_assert (is_redirect || g_error_matches (error, HB_OAUTH_ERROR, HB_OAUTH_ERROR_NOT_REDIRECT));

  g_string_free (uri, TRUE);
  g_clear_object (&attempt);
  return 0;
}
