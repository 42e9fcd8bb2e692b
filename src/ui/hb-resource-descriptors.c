/* hb-resource-descriptors.c: what the resources page says and asks for each kind of item
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-api.h"
#include "hb-resource-descriptors.h"

static const HbResourceDescriptor descriptors[] = {
  { hb_collaborator_get_type, "collaborators", N_ ("Collaborators"), "system-users-symbolic",
    N_ ("Add Collaborator"), N_ ("Email Address"), N_ ("Collaborators"), N_ ("No Collaborators"),
    TRUE,
    /* Translators: a toast; %s is the email address given */
    N_ ("Collaborator “%s” added"),
    /* Translators: a toast; %s is the collaborator's user name */
    N_ ("Collaborator “%s” removed"),
    N_ ("They can no longer see or change this application. To give it back, add them again "
        "with their email address.") },
  { hb_hostname_get_type, "hostnames", N_ ("Hostnames"), "network-server-symbolic",
    N_ ("Add Hostname"), N_ ("Hostname"), N_ ("Hostnames"), N_ ("No Hostnames"), FALSE,
    N_ ("Hostname “%s” added"), N_ ("Hostname “%s” removed"), NULL },
  { hb_service_hook_get_type, "service-hooks", N_ ("Hooks"), "mail-send-symbolic",
    N_ ("Add Service Hook"), N_ ("Address to Notify"), N_ ("Service Hooks"),
    N_ ("No Service Hooks"), FALSE, N_ ("Service hook “%s” added"),
    N_ ("Service hook “%s” removed"), NULL },
  { hb_drain_get_type, "drains", N_ ("Drains"), "network-transmit-symbolic", N_ ("Add Drain"),
    N_ ("Drain Address"), N_ ("Drains"), N_ ("No Drains"), FALSE, N_ ("Drain “%s” added"),
    N_ ("Drain “%s” removed"),
    N_ ("Its log lines are no longer sent there. Added again, it gets a new token.") },
};

const HbResourceDescriptor *
hb_resource_descriptor_lookup (GType type)
{
  for (gsize i = 0; i < G_N_ELEMENTS (descriptors); i++)
    if (descriptors[i].get_type () == type)
      return &descriptors[i];
  return NULL;
}

const HbResourceDescriptor *
hb_resource_descriptors (guint *n_descriptors)
{
  *n_descriptors = G_N_ELEMENTS (descriptors);
  return descriptors;
}
