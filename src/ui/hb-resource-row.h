/* hb-resource-row.h: one row of the resources page
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"
#include "hb-resource-descriptors.h"

G_BEGIN_DECLS

const char *const *hb_resource_row_role_names (void);
HbCollaboratorRole hb_resource_row_role_for_position (guint position);
guint hb_resource_row_position_for_role (HbCollaboratorRole role);
GtkWidget *
hb_resource_row_new (const HbResourceDescriptor *descriptor, gpointer item, gboolean editable);

G_END_DECLS
