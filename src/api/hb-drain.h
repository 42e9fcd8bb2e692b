/* hb-drain.h: a log drain of an application: an address and the token it is sent with
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_DRAIN (hb_drain_get_type ())
G_DECLARE_FINAL_TYPE (HbDrain, hb_drain, HB, DRAIN, HbResource)

/* The address is hb_resource_get_value (). */
const char *hb_drain_get_token (HbDrain *self);

G_END_DECLS
