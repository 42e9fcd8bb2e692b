/* hb-error-details-dialog.h: one error's message and full report, unwrapped, with Copy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HB_TYPE_ERROR_DETAILS_DIALOG (hb_error_details_dialog_get_type ())
G_DECLARE_FINAL_TYPE (
    HbErrorDetailsDialog, hb_error_details_dialog, HB, ERROR_DETAILS_DIALOG, AdwWindow)

HbErrorDetailsDialog *
hb_error_details_dialog_new (GtkWindow *parent, const char *message, const char *report);
char *hb_error_details_dialog_dup_report (HbErrorDetailsDialog *self);

G_END_DECLS
