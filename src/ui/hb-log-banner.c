/* hb-log-banner.c: what the Log page says above the lines kept when its stream ends or drops,
 * with Reconnect
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-log-banner.h"

#include "hb-api.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

/* A revealer over a tinted box (AdwBanner is libadwaita 1.3); Reconnect activates the
 * "log.reconnect" action of the page it sits in. */
struct _HbLogBanner
{
  GtkWidget parent_instance;

  GtkWidget *revealer;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *reconnect_button;
};

G_DEFINE_FINAL_TYPE (HbLogBanner, hb_log_banner, GTK_TYPE_WIDGET)

static void
show_text (HbLogBanner *self, const char *text, gboolean dropped)
{
  gtk_label_set_text (GTK_LABEL (self->label), text);
  if (dropped)
    gtk_widget_add_css_class (self->box, "dropped");
  else
    gtk_widget_remove_css_class (self->box, "dropped");
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

/* The server ended the stream; @live: it was to go on (else it held the earlier lines only). */
void
hb_log_banner_show_ended (HbLogBanner *self, gboolean live)
{
  g_return_if_fail (HB_IS_LOG_BANNER (self));
  show_text (self,
             live ? _ ("The log stream ended. What was shown stays.")
                  : _ ("These are the earlier lines only: new lines are not received (turn on "
                       "Live in the log options)."),
             FALSE);
}

/* The stream failed with @error. What the server said is worth saying; a stream cut short needs
 * no more words; anything else is said as the rest of the app says it (the library's own
 * messages are English). */
void
hb_log_banner_show_dropped (HbLogBanner *self, const GError *error)
{
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;

  g_return_if_fail (HB_IS_LOG_BANNER (self));
  reason = hb_ui_error_to_text (error);
  if (error != NULL && error->domain == HB_API_ERROR)
    text = g_strdup_printf (_ ("Disconnected from the log: %s (%s). What was shown stays."), reason,
                            error->message);
  else if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    text = g_strdup (_ ("The connection to the log was lost. What was shown stays."));
  else
    text = g_strdup_printf (_ ("The connection to the log was lost (%s). What was shown stays."),
                            reason);
  show_text (self, text, TRUE);
}

void
hb_log_banner_hide (HbLogBanner *self)
{
  g_return_if_fail (HB_IS_LOG_BANNER (self));
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

gboolean
hb_log_banner_get_shown (HbLogBanner *self)
{
  g_return_val_if_fail (HB_IS_LOG_BANNER (self), FALSE);
  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer));
}

/* What it says (or said last, while it hides). */
const char *
hb_log_banner_get_text (HbLogBanner *self)
{
  g_return_val_if_fail (HB_IS_LOG_BANNER (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}

static void
hb_log_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_LOG_BANNER);
  hb_ui_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (hb_log_banner_parent_class)->dispose (object);
}

static void
hb_log_banner_class_init (HbLogBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_log_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-log-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, HbLogBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, HbLogBanner, box);
  gtk_widget_class_bind_template_child (widget_class, HbLogBanner, label);
  gtk_widget_class_bind_template_child (widget_class, HbLogBanner, reconnect_button);
}

static void
hb_log_banner_init (HbLogBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_hide_while_empty (GTK_LABEL (self->label));
}
