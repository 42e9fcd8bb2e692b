/* hb-remote-list.h: a GListModel filled from the server, merged by id, with loading and error
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HB_TYPE_REMOTE_LIST (hb_remote_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (HbRemoteList, hb_remote_list, HB, REMOTE_LIST, GObject)

/**
 * HbRemoteListClass:
 * @fetch_async: fetch items starting at @offset (0 for a reload)
 * @fetch_finish: returns (transfer full) a GPtrArray of #HbResource
 * @fetched: the answer is in (merged, or appended); for what a subclass keeps in step with
 *   its items. Runs before `loading` turns FALSE.
 *
 * Subclasses only fetch; the base class owns the items, `loading`, `error` and `n-items`.
 * An answer is merged by id: an item already shown is updated in place and stays the same
 * object, new ones are inserted and gone ones removed, one `items-changed` per contiguous
 * change. An item whose title changed is replaced by itself, so sorted views place it again.
 * A fetch that fails keeps every item and sets `error` (`updated` says how old they are).
 */
struct _HbRemoteListClass
{
  GObjectClass parent_class;

  void (*fetch_async) (HbRemoteList *self,
                       guint offset,
                       GCancellable *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer user_data);
  GPtrArray *(*fetch_finish) (HbRemoteList *self, GAsyncResult *result, GError **error);
  void (*fetched) (HbRemoteList *self);

  gpointer padding[7];
};

void hb_remote_list_reload (HbRemoteList *self);
void hb_remote_list_retry (HbRemoteList *self);
GDateTime *hb_remote_list_get_updated (HbRemoteList *self);
gboolean hb_remote_list_get_appending (HbRemoteList *self);
gboolean hb_remote_list_get_loading (HbRemoteList *self);
const GError *hb_remote_list_get_error (HbRemoteList *self);
void hb_remote_list_cancel (HbRemoteList *self);
gpointer hb_remote_list_find (HbRemoteList *self, const char *id, guint *position);
gpointer hb_remote_list_insert_item (HbRemoteList *self, gpointer item);
void hb_remote_list_remove_item (HbRemoteList *self, guint position);

G_END_DECLS
