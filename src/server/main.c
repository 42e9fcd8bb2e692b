/* main.c: harbor-server's entry point
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-server.h"

int
main (int argc, char **argv)
{
  g_autoptr (HbsServer) server = hbs_server_new ();
  return 0;
}
