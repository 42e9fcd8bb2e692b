/* hb-resources-page.h: one kind of an application's items (collaborators, hostnames…): add,
 * remove, and a collaborator's role; what differs is the kind's descriptor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-app-page.h"

G_BEGIN_DECLS

#define HB_TYPE_RESOURCES_PAGE (hb_resources_page_get_type ())
G_DECLARE_FINAL_TYPE (HbResourcesPage, hb_resources_page, HB, RESOURCES_PAGE, HbAppPage)

GtkWidget *hb_resources_page_new (HbClient *client, GType kind);
void hb_resources_page_add (HbResourcesPage *self, const char *value, HbCollaboratorRole role);
void hb_resources_page_remove (HbResourcesPage *self, const char *id);
void hb_resources_page_set_role (HbResourcesPage *self, const char *id, HbCollaboratorRole role);

G_END_DECLS
