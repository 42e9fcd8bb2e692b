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
  /* Where an item shows what a write sent (hb-client-writes.c), the model's property for each
   * key; a NULL entry is a key the item does not show (a collaborator's e-mail). A create
   * whose first key has a property is found again by it; one without is found as the new
   * item in the list. */
  const char *const *create_props;
  const char *const *update_props;
  gboolean fold_case; /* the server keeps values in lower case (hostnames) */
} HbResourceKind;

/* Returns the row of @type, or NULL when @type is no kind the API lists. */
const HbResourceKind *_hb_resource_kind_lookup (GType type);

G_END_DECLS
