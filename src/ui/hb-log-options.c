/* hb-log-options.c: the Log page's options popover: the official CLI's options of a log session
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-options.h"

#include "hb-ui-util.h"

/* What the person edits until Apply (the "log.apply-options" action of the page it sits in,
 * which reads them back): Live (-t), Earlier Lines (-n), Only Source (-s), Only Process (-p). */
struct _HbLogOptions
{
  GtkPopover parent_instance;

  GtkWidget *tail_switch;
  GtkWidget *limit_spin;
  GtkWidget *source_row;
  GtkWidget *process_row;
};

G_DEFINE_FINAL_TYPE (HbLogOptions, hb_log_options, GTK_TYPE_POPOVER)

/* Shows the options a session runs with. */
void
hb_log_options_set (HbLogOptions *self,
                    gboolean tail,
                    guint limit,
                    const char *source_filter,
                    const char *process_filter)
{
  g_return_if_fail (HB_IS_LOG_OPTIONS (self));
  gtk_switch_set_active (GTK_SWITCH (self->tail_switch), tail);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->limit_spin), limit);
  gtk_editable_set_text (GTK_EDITABLE (self->source_row),
                         source_filter != NULL ? source_filter : "");
  gtk_editable_set_text (GTK_EDITABLE (self->process_row),
                         process_filter != NULL ? process_filter : "");
}

gboolean
hb_log_options_get_tail (HbLogOptions *self)
{
  g_return_val_if_fail (HB_IS_LOG_OPTIONS (self), TRUE);
  return gtk_switch_get_active (GTK_SWITCH (self->tail_switch));
}

guint
hb_log_options_get_limit (HbLogOptions *self)
{
  g_return_val_if_fail (HB_IS_LOG_OPTIONS (self), 0);
  return (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->limit_spin));
}

/* As typed: "" for every source. */
const char *
hb_log_options_get_source_filter (HbLogOptions *self)
{
  g_return_val_if_fail (HB_IS_LOG_OPTIONS (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->source_row));
}

/* As typed: "" for every process. */
const char *
hb_log_options_get_process_filter (HbLogOptions *self)
{
  g_return_val_if_fail (HB_IS_LOG_OPTIONS (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->process_row));
}

static void
hb_log_options_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_LOG_OPTIONS);
  G_OBJECT_CLASS (hb_log_options_parent_class)->dispose (object);
}

static void
hb_log_options_class_init (HbLogOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_log_options_dispose;
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-log-options.ui");
  gtk_widget_class_bind_template_child (widget_class, HbLogOptions, tail_switch);
  gtk_widget_class_bind_template_child (widget_class, HbLogOptions, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, HbLogOptions, source_row);
  gtk_widget_class_bind_template_child (widget_class, HbLogOptions, process_row);
}

static void
hb_log_options_init (HbLogOptions *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
