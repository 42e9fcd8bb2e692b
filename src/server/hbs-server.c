/* hbs-server.c: the AppHarbor-compatible server (placeholder until the server lands)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-server.h"

struct _HbsServer
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (HbsServer, hbs_server, G_TYPE_OBJECT)

static void
hbs_server_class_init (HbsServerClass *klass)
{
}

static void
hbs_server_init (HbsServer *self)
{
}

HbsServer *
hbs_server_new (void)
{
  return g_object_new (HBS_TYPE_SERVER, NULL);
}
