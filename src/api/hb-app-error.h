/* hb-app-error.h: an unhandled exception logged for an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-exception.h"
#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_APP_ERROR (hb_app_error_get_type ())
G_DECLARE_FINAL_TYPE (HbAppError, hb_app_error, HB, APP_ERROR, HbResource)

/* The message is also the value and the title. */
const char *hb_app_error_get_commit_id (HbAppError *self);
GDateTime *hb_app_error_get_date (HbAppError *self);
const char *hb_app_error_get_request_path (HbAppError *self);
const char *hb_app_error_get_message (HbAppError *self);
HbException *hb_app_error_get_exception (HbAppError *self);

G_END_DECLS
