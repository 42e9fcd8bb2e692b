/* hb-drains-page.h: an application's log drains: each address and token, copied with a button;
 * add a checked address; remove after asking, with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"

G_BEGIN_DECLS

#define HB_TYPE_DRAINS_PAGE (hb_drains_page_get_type ())
G_DECLARE_FINAL_TYPE (HbDrainsPage, hb_drains_page, HB, DRAINS_PAGE, HbAppPage)

GtkWidget *hb_drains_page_new (HbClient *client);
/* Why @text cannot be a drain's address (translated), or NULL when it can be. */
char *hb_drains_page_check_url (const char *text);
/* Asks whether to remove the drain @id, then removes it with Undo. */
void hb_drains_page_remove (HbDrainsPage *self, const char *id);

G_END_DECLS
