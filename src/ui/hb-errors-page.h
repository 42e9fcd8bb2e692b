/* hb-errors-page.h: an application's errors, newest first, each with a copyable detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"

G_BEGIN_DECLS

#define HB_TYPE_ERRORS_PAGE (hb_errors_page_get_type ())
G_DECLARE_FINAL_TYPE (HbErrorsPage, hb_errors_page, HB, ERRORS_PAGE, HbAppPage)

char *hb_errors_page_format_error (HbAppError *error);
GtkWindow *hb_errors_page_show_error (HbErrorsPage *self, HbAppError *error);

G_END_DECLS
