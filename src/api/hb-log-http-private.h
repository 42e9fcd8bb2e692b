/* hb-log-http-private.h: a log session's URL (L2) read over HTTP/1.1, to the byte
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef void (*HbLogHttpStartedFunc) (gpointer user_data);
typedef void (*HbLogHttpBodyFunc) (const char *data, gsize size, gpointer user_data);

void _hb_log_http_get_async (const char *url,
                             int priority,
                             HbLogHttpStartedFunc started,
                             HbLogHttpBodyFunc body,
                             gpointer user_data,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer callback_data);
gboolean _hb_log_http_get_finish (GAsyncResult *result, GError **error);

G_END_DECLS
