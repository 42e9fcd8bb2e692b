/* hb-resource-kinds.c: the one table of what differs between kinds of items on the wire
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-resource-kinds-private.h"

#include "hb-app-error.h"
#include "hb-app.h"
#include "hb-build.h"
#include "hb-collaborator.h"
#include "hb-config-var.h"
#include "hb-drain.h"
#include "hb-hostname.h"
#include "hb-service-hook.h"

static const char *const app_create[] = { "name", "region_identifier", NULL };
static const char *const app_update[] = { "name", NULL };
static const char *const collaborator_create[] = { "collaboratorEmail", "role", NULL };
static const char *const collaborator_update[] = { "role", NULL };
static const char *const config_var_keys[] = { "key", "value", NULL };
static const char *const value_key[] = { "value", NULL };
static const char *const url_key[] = { "url", NULL };

static const char *const app_create_props[] = { "name", "region-id", NULL };
static const char *const name_prop[] = { "name", NULL };
/* The e-mail a collaborator is added by is not shown: the slot is NULL, the list ends at 2. */
static const char *const collaborator_create_props[] = { NULL, "role", NULL };
static const char *const role_prop[] = { "role", NULL };
static const char *const config_var_props[] = { "key", "value", NULL };
static const char *const value_prop[] = { "value", NULL };

/* Errors read as a log whatever order a server sends; the list's sort is stable. */
static int
newest_first (gconstpointer a, gconstpointer b)
{
  GDateTime *da = hb_app_error_get_date (*(HbAppError **) a);
  GDateTime *db = hb_app_error_get_date (*(HbAppError **) b);

  if (da == NULL || db == NULL)
    return (da == NULL) - (db == NULL);
  return g_date_time_compare (db, da);
}

static const HbResourceKind kinds[] = {
  { hb_app_get_type, "applications", TRUE, app_create, app_update, NULL, app_create_props,
    name_prop, FALSE },
  { hb_build_get_type, "builds", FALSE, NULL, NULL, NULL, NULL, NULL, FALSE },
  { hb_collaborator_get_type, "collaborators", FALSE, collaborator_create, collaborator_update,
    NULL, collaborator_create_props, role_prop, FALSE },
  { hb_config_var_get_type, "configurationvariables", FALSE, config_var_keys, config_var_keys,
    NULL, config_var_props, config_var_props, FALSE },
  { hb_hostname_get_type, "hostnames", FALSE, value_key, NULL, NULL, value_prop, NULL, TRUE },
  { hb_service_hook_get_type, "servicehooks", FALSE, url_key, NULL, NULL, value_prop, NULL,
    FALSE },
  { hb_drain_get_type, "drains", FALSE, value_key, NULL, NULL, value_prop, NULL, FALSE },
  { hb_app_error_get_type, "errors", FALSE, NULL, NULL, newest_first, NULL, NULL, FALSE },
};

const HbResourceKind *
_hb_resource_kind_lookup (GType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].get_type () == type)
      return &kinds[i];
  return NULL;
}
