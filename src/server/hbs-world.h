/* hbs-world.h: reading harbor-server's state file: size, depth and the type of every member
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest a state file nests: world → apps → app → errors → error → exception chain. */
#define HBS_WORLD_MAX_DEPTH 64

JsonObject *hbs_world_parse (const char *data, gsize length, GError **error);
gboolean hbs_world_validate (JsonObject *world, GError **error);

G_END_DECLS
