/* hbs-names.h: the names harbor-server answers to (Host header) and the base URL of each
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _HbsNames HbsNames;

gboolean hbs_names_check_public_name (const char *name, GError **error);
HbsNames *
hbs_names_new (const char *scheme, GInetSocketAddress *listening, const char *public_name);
void hbs_names_free (HbsNames *self);
const char *hbs_names_get_base_url (HbsNames *self);
const char *hbs_names_get_listening_url (HbsNames *self);
char *hbs_names_match (HbsNames *self, SoupServerMessage *msg);
char *hbs_names_describe (HbsNames *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbsNames, hbs_names_free)

G_END_DECLS
