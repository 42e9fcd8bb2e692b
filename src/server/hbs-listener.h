/* hbs-listener.h: harbor-server's own accept loop: connection cap, timeouts, EMFILE recovery
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "hbs-limits.h"

G_BEGIN_DECLS

#define HBS_TYPE_LISTENER (hbs_listener_get_type ())
G_DECLARE_FINAL_TYPE (HbsListener, hbs_listener, HBS, LISTENER, GObject)

HbsListener *hbs_listener_new (SoupServer *soup, const HbsLimits *limits);
gboolean hbs_listener_listen (
    HbsListener *self, GInetAddress *address, guint port, GTlsCertificate *cert, GError **error);
GInetSocketAddress *hbs_listener_get_address (HbsListener *self);
GSocket *hbs_listener_get_socket (HbsListener *self, SoupServerMessage *msg);

typedef enum
{
  HBS_PEEK_NOTHING, /* nothing to read yet */
  HBS_PEEK_BYTES,   /* bytes wait to be read */
  HBS_PEEK_CLOSED,  /* the peer closed the connection, or it failed */
} HbsPeek;

HbsPeek hbs_socket_peek (GSocket *socket);

G_END_DECLS
