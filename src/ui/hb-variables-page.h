/* hb-variables-page.h: an application's configuration variables: add, edit, remove, reveal, copy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"

G_BEGIN_DECLS

#define HB_TYPE_VARIABLES_PAGE (hb_variables_page_get_type ())
G_DECLARE_FINAL_TYPE (HbVariablesPage, hb_variables_page, HB, VARIABLES_PAGE, HbAppPage)

void hb_variables_page_add (HbVariablesPage *self, const char *key, const char *value);
void hb_variables_page_remove (HbVariablesPage *self, const char *id);

G_END_DECLS
