/* fuzz-server-path.c: libFuzzer target for harbor-server's request paths: the split into names
 * and the one percent-decoding of each (hbs_path_split)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-request.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A name the routes may see: never a path of its own, never a dot segment, always text. */
static void
check_name (const char *name)
{
  g_assert (name[0] != '\0');
  g_assert (strlen (name) <= HBS_MAX_SEGMENT);
  g_assert (strchr (name, '/') == NULL && strchr (name, '\\') == NULL);
  g_assert (!g_str_equal (name, ".") && !g_str_equal (name, ".."));
  g_assert (g_utf8_validate (name, -1, NULL));
  for (const guchar *p = (const guchar *) name; *p != '\0'; p++)
    g_assert (*p >= 0x20 && *p != 0x7f);
}

/* Encoding the names again gives a path that splits into the same names: each was decoded
 * exactly once. */
static void
check_round_trip (char **names)
{
  g_autoptr (GString) path = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) again = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (names[i], NULL, TRUE);

      g_string_append_printf (path, "/%s", escaped);
    }
  if (path->len == 0)
    g_string_append_c (path, '/');
  again = hbs_path_split (path->str, &error);
  g_assert (again != NULL && error == NULL);
  g_assert (g_strv_equal ((const char *const *) names, (const char *const *) again));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  names = hbs_path_split (path, &error);
  if (names == NULL)
    {
      /* Refusals carry the HTTP status to answer with and say why. */
      g_assert (error != NULL && error->domain == HBS_ERROR);
      g_assert (error->code == 400 || error->code == 404);
      g_assert (error->message[0] != '\0');
      return 0;
    }
  g_assert (error == NULL);
  for (guint i = 0; names[i] != NULL; i++)
    check_name (names[i]);
  check_round_trip (names);
  return 0;
}
