/* hb-compat.c: the only place that knows about GTK/libadwaita version differences
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-compat.h"

/* gtk_show_uri is deprecated in 4.10 for GtkUriLauncher, which 4.8 lacks. */
void
hb_compat_open_uri (GtkWidget *from, const char *uri)
{
  GtkRoot *root = from != NULL ? gtk_widget_get_root (from) : NULL;

  g_return_if_fail (uri != NULL);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* GTK 4.8 names a button whose label has a mnemonic twice: by its own label
 * property, underscore included, and by the label child it is labelled-by, so
 * AT-SPI reads "_Cancel Cancel" (and "Cancel Cancel" when an explicit label is
 * set too).  Name such a button once, by its label's text; the mnemonic keeps
 * working. */
static void
clean_button_name (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);

  if (!gtk_button_get_use_underline (button) || !GTK_IS_LABEL (label))
    return;
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
}

/* Hidden buttons are on the accessibility tree too, but are never mapped. */
static void
clean_button_names (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    clean_button_names (child);
  if (GTK_IS_BUTTON (root))
    clean_button_name (GTK_BUTTON (root));
}

static gboolean
on_widget_map (GSignalInvocationHint *hint,
               guint n_params,
               const GValue *params,
               gpointer user_data)
{
  GtkWidget *widget = g_value_get_object (&params[0]);

  if (GTK_IS_BUTTON (widget))
    clean_button_name (GTK_BUTTON (widget));
  else if (GTK_IS_WINDOW (widget))
    clean_button_names (widget);
  return TRUE;
}

/**
 * hb_compat_init:
 *
 * Works around GTK 4.8's doubled button names for every button the app shows,
 * including those libadwaita builds itself (AdwMessageDialog responses, toast
 * buttons), which no .ui file can reach.  A button is named when it or its
 * window is mapped, after its label is set.
 */
void
hb_compat_init (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does, which may be before any widget. */
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_widget_map, NULL,
                                  NULL);
      g_type_class_unref (klass);
      g_once_init_leave (&installed, 1);
    }
}
