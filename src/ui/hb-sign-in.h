/* hb-sign-in.h: runs one sign-in: the login window (loaded on demand), the browser handoff
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-auth.h"

G_BEGIN_DECLS

#define HB_TYPE_SIGN_IN (hb_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (HbSignIn, hb_sign_in, HB, SIGN_IN, GObject)

/* Opens the sign-in window over @parent (or presents the one already open for @auth). On
 * success the window closes and @auth is signed in; on denial or failure the window explains
 * and offers to try again; closing it leaves @auth signed out. */
void hb_sign_in_start (GtkWindow *parent, HbAuth *auth);

G_END_DECLS
