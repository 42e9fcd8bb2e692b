/* hb-app-page-private.h: the template children HbAppPage holds, for its subclasses
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"
#include "hb-status-stack.h"

G_BEGIN_DECLS

HbStatusStack *_hb_app_page_get_status_stack (HbAppPage *self);
GtkListBox *_hb_app_page_get_list_box (HbAppPage *self);

G_END_DECLS
