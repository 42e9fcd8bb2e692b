/* hb-resource-kinds-private.h: the one table of what differs between kinds of items on the wire
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-resource.h"

G_BEGIN_DECLS

/* A kind is known by its model's type; its reader is that class's HbResourceClass.read. */
typedef struct
{
  GType (*get_type) (void);
  const char *path;               /* the collection: /applications/<slug>/<path> */
  gboolean top_level;             /* /<path>, belonging to no application */
  const char *const *create_keys; /* a create's body members, in the order values are given */
  const char *const *update_keys; /* an update's (PUT); NULL: the API has no update */
  GCompareFunc sort;              /* the order a list is kept in; NULL: the server's */
} HbResourceKind;

/* Returns the row of @type, or NULL when @type is no kind the API lists. */
const HbResourceKind *_hb_resource_kind_lookup (GType type);

G_END_DECLS
