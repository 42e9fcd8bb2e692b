/* hb-resources-page.h: an application's collaborators, hostnames or service hooks: add, remove
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"

G_BEGIN_DECLS

#define HB_TYPE_RESOURCES_PAGE (hb_resources_page_get_type ())
G_DECLARE_FINAL_TYPE (HbResourcesPage, hb_resources_page, HB, RESOURCES_PAGE, GtkWidget)

GListModel *hb_resources_page_get_model (HbResourcesPage *self);
gboolean hb_resources_page_get_loading (HbResourcesPage *self);
void hb_resources_page_set_app (HbResourcesPage *self, HbApp *app);
void hb_resources_page_add (HbResourcesPage *self, const char *value, HbCollaboratorRole role);
void hb_resources_page_remove (HbResourcesPage *self, const char *id);
void hb_resources_page_set_role (HbResourcesPage *self, const char *id, HbCollaboratorRole role);

G_END_DECLS
