/* hb-login-window.h: the embedded sign-in window (a WebKit view), built as a loadable module
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* HbSignIn does not link this module (linking WebKit costs ~100 ms at every start); it loads
 * it with GModule and uses the window only through this by-name contract:
 *
 *   symbol      hb_login_window_get_type
 *   property    "authorize-uri" (string): setting it (again) loads the page and shows it;
 *               "page" (string, read-only): "web", "busy", "browser" or "problem"
 *   signals     "navigation" (string uri) → gboolean: TRUE means "this is the redirect",
 *                 the window then never loads it;
 *               "use-browser", "retry", "cancelled" (the person closed the window)
 *   actions     "show-busy" (), "show-browser" (),
 *               "show-problem" (string title, string description, gboolean offer_retry) */

#define HB_TYPE_LOGIN_WINDOW (hb_login_window_get_type ())
G_DECLARE_FINAL_TYPE (HbLoginWindow, hb_login_window, HB, LOGIN_WINDOW, AdwWindow)

G_END_DECLS
