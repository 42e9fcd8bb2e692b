/* hb-remote-list-private.h: fetch entry points for HbRemoteList subclasses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-remote-list.h"

G_BEGIN_DECLS

/* Starts a fetch: @append adds the items not shown yet after the current ones (load more)
 * instead of merging the answer as the whole list. Either cancels the request in flight. */
void _hb_remote_list_fetch (HbRemoteList *self, gboolean append);
GPtrArray *_hb_list_model_to_ptr_array (GListModel *model);

G_END_DECLS
