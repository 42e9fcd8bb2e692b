/* hb-config-var.h: an application configuration variable: a key and its value
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-resource.h"

G_BEGIN_DECLS

#define HB_TYPE_CONFIG_VAR (hb_config_var_get_type ())
G_DECLARE_FINAL_TYPE (HbConfigVar, hb_config_var, HB, CONFIG_VAR, HbResource)

/* The value is hb_resource_get_value (); the key is also the title. */
const char *hb_config_var_get_key (HbConfigVar *self);

G_END_DECLS
