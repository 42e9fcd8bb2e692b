/* hb-sign-in.h: runs one sign-in: the login window (loaded on demand), the browser handoff
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-auth.h"

G_BEGIN_DECLS

#define HB_TYPE_SIGN_IN (hb_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (HbSignIn, hb_sign_in, HB, SIGN_IN, GObject)

/* Opens the sign-in window over @parent and starts the first attempt. On success the window
 * closes and @auth is signed in; on denial or failure the window explains and offers to try
 * again; closing it leaves @auth signed out. Either way #HbSignIn::finished says the sign-in
 * is over. NULL (after saying why) when nothing on this machine can receive the redirect. */
HbSignIn *hb_sign_in_new (GtkWindow *parent, HbAuth *auth);
void hb_sign_in_present (HbSignIn *self);

G_END_DECLS
