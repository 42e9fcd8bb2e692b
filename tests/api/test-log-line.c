/* test-log-line.c: HbLogLine reads logplex's `TIME SOURCE[PROCESS]: MSG` liberally
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-api.h"

static void
test_line_formats (void)
{
  static const struct
  {
    const char *text;
    gboolean timed;
    const char *source, *process, *identifier, *message;
  } cases[] = {
    { "2026-12-07T10:00:00.123+00:00 app[web.1]: Hello", TRUE, "app", "web.1", "web", "Hello" },
    { "2013-06-19T10:00:00+00:00 appharbor[build]: Build 61: Running tests", TRUE, "appharbor",
      "build", "build", "Build 61: Running tests" },
    { "2026-12-07T10:00:00Z heroku[router]:at=info", TRUE, "heroku", "router", "router",
      "at=info" },
    { "2026-12-07T10:00:00.1234567+01:00 my-app_2[worker2]: x", TRUE, "my-app_2", "worker2",
      "worker", "x" },
    { "app[42]: digits", FALSE, "app", "42", "42", "digits" },
    { "2026-12-07T10:00:00+00:00 free text", TRUE, NULL, NULL, NULL, "free text" },
    { "not-a-time app[web.1]: x", FALSE, NULL, NULL, NULL, "not-a-time app[web.1]: x" },
    { "app[web 1]: space", FALSE, NULL, NULL, NULL, "app[web 1]: space" },
    { "app[web.1] no colon", FALSE, NULL, NULL, NULL, "app[web.1] no colon" },
    { "[web.1]: no source", FALSE, NULL, NULL, NULL, "[web.1]: no source" },
    { "2026-13-45T99:00:00+00:00 app[web.1]: bad date", FALSE, NULL, NULL, NULL,
      "2026-13-45T99:00:00+00:00 app[web.1]: bad date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HbLogLine) line = hb_log_line_new (cases[i].text, strlen (cases[i].text), FALSE);

      g_assert_cmpstr (hb_log_line_get_text (line), ==, cases[i].text);
      g_assert_cmpint (hb_log_line_get_time (line) != HB_LOG_LINE_NO_TIME, ==, cases[i].timed);
      g_assert_cmpstr (hb_log_line_get_source (line), ==, cases[i].source);
      g_assert_cmpstr (hb_log_line_get_process (line), ==, cases[i].process);
      g_assert_cmpstr (hb_log_line_get_identifier (line), ==, cases[i].identifier);
      g_assert_cmpstr (hb_log_line_get_message (line), ==, cases[i].message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log-line/formats", test_line_formats);
  return g_test_run ();
}
