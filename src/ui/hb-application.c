/* hb-application.c: Harbor's AdwApplication (placeholder until the main window lands)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-application.h"

struct _HbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (HbApplication, hb_application, ADW_TYPE_APPLICATION)

static void
hb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, "Harbor");
    }
  gtk_window_present (window);
}

static void
hb_application_class_init (HbApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = hb_application_activate;
}

static void
hb_application_init (HbApplication *self)
{
}

HbApplication *
hb_application_new (void)
{
  return g_object_new (HB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}
