/* replay-main.c: runs a libFuzzer target over its corpus files, for builds without libFuzzer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
replay_path (const char *path, guint *count)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GDir) dir = g_dir_open (path, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          replay_path (child, count);
        }
      return;
    }

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  (*count)++;
}

int
main (int argc, char **argv)
{
  guint count = 0;
  int status = 0;

  /* TAP, so meson counts the replay as one test per corpus. */
  g_print ("1..%d\n", argc - 1);
  for (int i = 1; i < argc; i++)
    {
      count = 0;
      replay_path (argv[i], &count);
      /* A corpus that yields nothing (moved, emptied, a wrong path in meson.build) would
       * otherwise pass while testing nothing. */
      if (count == 0)
        status = 1;
      g_print ("%s %d - %s (%u inputs)\n", count > 0 ? "ok" : "not ok", i, argv[i], count);
    }
  return status;
}
