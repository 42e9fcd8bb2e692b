/* hb-log-row.c: a live log's line as a row: its time, its source[process] coloured and
 * written out, its message wrapping; all plain text
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-row.h"

/* Colour follows the source, as the CLI coloured the [identifier]; the source is written out
 * on every row, so the colour is never the only cue. */
static const char *
source_class (HbLogLine *line)
{
  const char *source = hb_log_line_get_source (line);
  const char *identifier = hb_log_line_get_identifier (line);

  if (source == NULL)
    return NULL;
  if (g_ascii_strcasecmp (source, "app") == 0)
    return "log-source-app";
  if (identifier == NULL)
    return "log-source-other";
  if (g_ascii_strcasecmp (identifier, "router") == 0)
    return "log-source-router";
  if (g_ascii_strcasecmp (identifier, "build") == 0)
    return "log-source-build";
  if (g_ascii_strcasecmp (identifier, "deploy") == 0)
    return "log-source-deploy";
  if (g_ascii_strcasecmp (identifier, "servicehook") == 0 ||
      g_ascii_strcasecmp (identifier, "hook") == 0)
    return "log-source-hook";
  if (g_ascii_strcasecmp (identifier, "api") == 0)
    return "log-source-api";
  return "log-source-other";
}

/* The line's time on this computer's clock: "10:00:00.123" today, with the date otherwise. */
static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *clock = NULL;

  if (time == HB_LOG_LINE_NO_TIME)
    return NULL;
  when = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);
  if (when == NULL)
    return NULL;
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    clock = g_date_time_format (when, "%H:%M:%S");
  else
    clock = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
  return g_strdup_printf ("%s.%03d", clock,
                          (int) ((time % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC / 1000));
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
row_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *message = row_label ("log-message");

  gtk_box_append (GTK_BOX (box), row_label ("log-time"));
  gtk_box_append (GTK_BOX (box), row_label ("log-source"));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (item, box);
}

/* Every text goes in as plain text: a line's "<b>" is shown as typed. */
static void
set_label (GtkWidget *label, const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

static void
row_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  HbLogLine *line = gtk_list_item_get_item (item);
  GtkWidget *time = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *source = gtk_widget_get_next_sibling (time);
  GtkWidget *message = gtk_widget_get_next_sibling (source);
  g_autofree char *clock = format_time (hb_log_line_get_time (line));
  g_autofree char *origin = NULL;
  const char *source_colour = source_class (line);

  if (hb_log_line_get_source (line) != NULL)
    origin =
        g_strdup_printf ("%s[%s]", hb_log_line_get_source (line), hb_log_line_get_process (line));
  set_label (time, clock);
  set_label (source, origin);
  set_label (message, hb_log_line_get_message (line));
  /* A row rebound to a line of the same source keeps its style as it is. */
  if (source_colour != NULL && !gtk_widget_has_css_class (source, source_colour))
    gtk_widget_set_css_classes (source,
                                (const char *[]){ "monospace", "log-source", source_colour, NULL });
}

/* Rows for a list of HbLogLine. */
GtkListItemFactory *
hb_log_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
  return factory;
}
