/* hb-resource-descriptors.c: what the resources page says and asks for each kind of item
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-api.h"
#include "hb-resource-descriptors.h"

/* AppHarbor forwards a log to these (its drains documentation). */
static const char *const drain_schemes[] = { "syslog", "http", "https", NULL };

static char *
check_drain_url (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  const char *host;

  /* GUri takes "exa mple.com" as a host name. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      return g_strdup (_ ("An address has no spaces"));
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_ ("This is not an address; a drain’s looks like "
                        "syslog://logs.example.com:514"));
  if (!g_strv_contains (drain_schemes, g_uri_get_scheme (uri)))
    return g_strdup (_ ("A drain’s address starts with syslog://, http:// or https://"));
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return g_strdup (_ ("The address needs a host name after “//”"));
  return NULL;
}

static const char *
drain_token (gpointer item)
{
  return hb_drain_get_token (HB_DRAIN (item));
}

static const HbResourceDescriptor descriptors[] = {
  {
      .get_type = hb_collaborator_get_type,
      .name = "collaborators",
      .title = N_ ("Collaborators"),
      .icon_name = "system-users-symbolic",
      .add_title = N_ ("Add Collaborator"),
      .value_title = N_ ("Email Address"),
      .list_name = N_ ("Collaborators"),
      .empty_title = N_ ("No Collaborators"),
      .has_role = TRUE,
      /* Translators: a toast; %s is the email address given */
      .added = N_ ("Collaborator “%s” added"),
      /* Translators: a toast; %s is the collaborator's user name */
      .removed = N_ ("Collaborator “%s” removed"),
      .remove_body = N_ ("They can no longer see or change this application. To give it back, "
                         "add them again with their email address."),
  },
  {
      .get_type = hb_hostname_get_type,
      .name = "hostnames",
      .title = N_ ("Hostnames"),
      .icon_name = "network-server-symbolic",
      .add_title = N_ ("Add Hostname"),
      .value_title = N_ ("Hostname"),
      .list_name = N_ ("Hostnames"),
      .empty_title = N_ ("No Hostnames"),
      .added = N_ ("Hostname “%s” added"),
      .removed = N_ ("Hostname “%s” removed"),
  },
  {
      .get_type = hb_service_hook_get_type,
      .name = "service-hooks",
      .title = N_ ("Hooks"),
      .icon_name = "mail-send-symbolic",
      .add_title = N_ ("Add Service Hook"),
      .value_title = N_ ("Address to Notify"),
      .list_name = N_ ("Service Hooks"),
      .empty_title = N_ ("No Service Hooks"),
      .added = N_ ("Service hook “%s” added"),
      .removed = N_ ("Service hook “%s” removed"),
  },
  {
      .get_type = hb_drain_get_type,
      .name = "drains",
      .title = N_ ("Drains"),
      .icon_name = "network-transmit-symbolic",
      .add_title = N_ ("Add Drain"),
      .value_title = N_ ("Drain Address"),
      .list_name = N_ ("Drains"),
      .empty_title = N_ ("No Drains"),
      .empty_description = N_ ("The log keeps only its last 1,500 lines until a drain is added"),
      .added = N_ ("Drain “%s” added"),
      .removed = N_ ("Drain “%s” removed"),
      .remove_body = N_ ("Its log lines are no longer sent there. Added again, it gets a new "
                         "token."),
      .readded = N_ ("Drain “%s” added again, with a new token"),
      .check = check_drain_url,
      .get_detail = drain_token,
      .copy_value = N_ ("Copy Address"),
      /* Translators: the name a screen reader gives a drain's button; %s is its address */
      .copy_value_name = N_ ("Copy Address of %s"),
      .copy_detail = N_ ("Copy Token"),
      /* Translators: the name a screen reader gives a drain's button; %s is its address */
      .copy_detail_name = N_ ("Copy Token of %s"),
  },
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
