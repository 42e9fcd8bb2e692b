/* hb-hostname.h: a hostname of an application
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_HOSTNAME (hb_hostname_get_type ())
G_DECLARE_FINAL_TYPE (HbHostname, hb_hostname, HB, HOSTNAME, HbResource)

/* The name is hb_resource_get_value (); the built-in <slug>.apphb.com has no url. */
gboolean hb_hostname_get_canonical (HbHostname *self);

G_END_DECLS
