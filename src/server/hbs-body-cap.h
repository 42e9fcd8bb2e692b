/* hbs-body-cap.h: request bodies capped before they are read
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* From the early handler: a declared body over HBS_MAX_BODY is answered 413 at once; a
 * streamed one is collected by us, up to the cap, instead of by libsoup without limit. */
void hbs_body_cap_start (SoupServerMessage *msg);
/* From the handler: the body (our capped copy of a streamed one, libsoup's otherwise); sets
 * *@too_large when a streamed body passed the cap. */
GBytes *hbs_body_cap_get (SoupServerMessage *msg, gboolean *too_large);

G_END_DECLS
