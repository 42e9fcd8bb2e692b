/* hb-ui-closures.c: pure helpers for <closure> expressions: values in, text or icon out
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hb-api.h"
#include "hb-ui-closures.h"

char *
hb_ui_build_status_icon_name (gpointer this, int status)
{
  switch ((HbBuildStatus) status)
    {
    case HB_BUILD_STATUS_QUEUED:
      return g_strdup ("content-loading-symbolic");
    case HB_BUILD_STATUS_BUILDING:
      return g_strdup ("emblem-synchronizing-symbolic");
    case HB_BUILD_STATUS_SUCCEEDED:
      return g_strdup ("emblem-ok-symbolic");
    case HB_BUILD_STATUS_FAILED:
      return g_strdup ("dialog-error-symbolic");
    case HB_BUILD_STATUS_UNKNOWN:
    default:
      return g_strdup ("dialog-question-symbolic");
    }
}

char *
hb_ui_build_status_text (gpointer this, int status)
{
  switch ((HbBuildStatus) status)
    {
    case HB_BUILD_STATUS_QUEUED:
      return g_strdup (_ ("Queued"));
    case HB_BUILD_STATUS_BUILDING:
      return g_strdup (_ ("Building"));
    case HB_BUILD_STATUS_SUCCEEDED:
      return g_strdup (_ ("Succeeded"));
    case HB_BUILD_STATUS_FAILED:
      return g_strdup (_ ("Failed"));
    case HB_BUILD_STATUS_UNKNOWN:
    default:
      return g_strdup (_ ("Unknown"));
    }
}

/* A style class for the status icon. */
static const char *
build_status_css (int status)
{
  switch ((HbBuildStatus) status)
    {
    case HB_BUILD_STATUS_SUCCEEDED:
      return "success";
    case HB_BUILD_STATUS_FAILED:
      return "error";
    case HB_BUILD_STATUS_QUEUED:
    case HB_BUILD_STATUS_BUILDING:
      return "accent";
    case HB_BUILD_STATUS_UNKNOWN:
    default:
      return "dim-label";
    }
}

char **
hb_ui_build_status_css_classes (gpointer this, int status)
{
  const char *classes[] = { build_status_css (status), NULL };

  return g_strdupv ((char **) classes);
}

char *
hb_ui_date_relative (gpointer this, GDateTime *dt)
{
  g_autoptr (GDateTime) now = NULL;
  GTimeSpan diff;

  if (dt == NULL)
    return g_strdup (_ ("Never"));

  now = g_date_time_new_now_utc ();
  diff = g_date_time_difference (now, dt);

  if (diff < G_TIME_SPAN_MINUTE)
    return g_strdup (_ ("Just now"));
  if (diff < G_TIME_SPAN_HOUR)
    {
      int n = diff / G_TIME_SPAN_MINUTE;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n),
                              n);
    }
  if (diff < G_TIME_SPAN_DAY)
    {
      int n = diff / G_TIME_SPAN_HOUR;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n), n);
    }
  if (diff < 30 * G_TIME_SPAN_DAY)
    {
      int n = diff / G_TIME_SPAN_DAY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), n);
    }
  {
    g_autoptr (GDateTime) local = g_date_time_to_local (dt);
    /* Translators: a date without time, see g_date_time_format() */
    return g_date_time_format (local, _ ("%-d %b %Y"));
  }
}

char *
hb_ui_date_exact (gpointer this, GDateTime *dt)
{
  g_autoptr (GDateTime) local = NULL;

  if (dt == NULL)
    return NULL;
  local = g_date_time_to_local (dt);
  /* Translators: a full date and time, see g_date_time_format() */
  return g_date_time_format (local, _ ("%A %-d %B %Y, %H:%M:%S"));
}

char *
hb_ui_short_commit (gpointer this, const char *commit_id)
{
  if (commit_id == NULL)
    return g_strdup ("");
  return g_utf8_substring (commit_id, 0, MIN (7, g_utf8_strlen (commit_id, -1)));
}

char *
hb_ui_first_line (gpointer this, const char *text)
{
  const char *nl;

  if (text == NULL)
    return g_strdup ("");
  nl = strchr (text, '\n');
  return nl != NULL ? g_strndup (text, nl - text) : g_strdup (text);
}

char *
hb_ui_region_name (gpointer this, const char *region_id)
{
  switch (hb_region_from_id (region_id))
    {
    case HB_REGION_US_EAST_1:
      return g_strdup (_ ("United States"));
    case HB_REGION_EU_WEST_1:
      return g_strdup (_ ("Europe"));
    case HB_REGION_UNKNOWN:
    default:
      return g_strdup (region_id != NULL ? region_id : "");
    }
}

char *
hb_ui_role_text (gpointer this, int role)
{
  switch ((HbCollaboratorRole) role)
    {
    case HB_COLLABORATOR_ROLE_OWNER:
      return g_strdup (_ ("Owner"));
    case HB_COLLABORATOR_ROLE_ADMINISTRATOR:
      return g_strdup (_ ("Administrator"));
    case HB_COLLABORATOR_ROLE_COLLABORATOR:
      return g_strdup (_ ("Collaborator"));
    case HB_COLLABORATOR_ROLE_UNKNOWN:
    default:
      return g_strdup (_ ("Unknown"));
    }
}

gboolean
hb_ui_not_null (gpointer this, gpointer object)
{
  return object != NULL;
}
