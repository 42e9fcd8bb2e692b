/* main.c: harbor's entry point
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hb-application.h"

int
main (int argc, char **argv)
{
  /* First, while no thread runs: every process started later inherits the environment. */
  g_autofree char *env_token = hb_auth_take_env_token ();
  g_autoptr (HbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = hb_application_new ();
  hb_application_set_env_token (app, env_token);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
