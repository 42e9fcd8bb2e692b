/* hbs-server.h: the AppHarbor-compatible server (placeholder until the server lands)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HBS_TYPE_SERVER (hbs_server_get_type ())
G_DECLARE_FINAL_TYPE (HbsServer, hbs_server, HBS, SERVER, GObject)

HbsServer *hbs_server_new (void);

G_END_DECLS
