/* hb-app-row.c: one application in the list, with its latest build's status
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-row.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

/* The row only shows what its HbApp says: HbAppList fills in the status, once per answer. */
struct _HbAppRow
{
  GtkWidget parent_instance;

  HbApp *app;
  GSignalGroup *app_signals; /* the app's name and status name the row for screen readers */
};

G_DEFINE_FINAL_TYPE (HbAppRow, hb_app_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_APP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The latest build's status; or, when asking for it failed, that it is unknown and why (or
 * that the one shown may be old): never a blank that reads as "no builds". */
static char *
status_text (HbAppRow *self, int status, const GError *error)
{
  g_autofree char *text = hb_ui_build_status_text (self, status);
  g_autofree char *reason = NULL;

  if (error == NULL)
    return g_steal_pointer (&text);
  reason = hb_ui_error_to_text (error);
  if (status == HB_BUILD_STATUS_UNKNOWN)
    /* Translators: a row's status icon when its latest build could not be asked for */
    return g_strdup_printf (_ ("Status unknown: %s"), reason);
  /* Translators: "Succeeded (may be out of date: The service took too long to answer)" */
  return g_strdup_printf (_ ("%s (may be out of date: %s)"), text, reason);
}

static void
update_accessible (HbAppRow *self)
{
  HbBuildStatus status = self->app != NULL ? hb_app_get_status (self->app) : 0;
  const GError *error = self->app != NULL ? hb_app_get_status_error (self->app) : NULL;
  g_autofree char *text = status_text (self, status, error);
  const char *name = self->app != NULL ? hb_app_get_name (self->app) : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  /* The list item around the row is what takes the focus. */
  hb_ui_name_list_item (GTK_WIDGET (self), name, text);
}

void
hb_app_row_set_app (HbAppRow *self, HbApp *app)
{
  g_return_if_fail (HB_IS_APP_ROW (self));

  if (!g_set_object (&self->app, app))
    return;
  g_signal_group_set_target (self->app_signals, app);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

HbApp *
hb_app_row_get_app (HbAppRow *self)
{
  g_return_val_if_fail (HB_IS_APP_ROW (self), NULL);
  return self->app;
}

/* No icon only for an application with no builds. */
static gboolean
has_status (HbAppRow *self, int status, const GError *error)
{
  return status != HB_BUILD_STATUS_UNKNOWN || error != NULL;
}

static void
hb_app_row_dispose (GObject *object)
{
  HbAppRow *self = HB_APP_ROW (object);

  g_clear_object (&self->app_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_APP_ROW);
  hb_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->app);

  G_OBJECT_CLASS (hb_app_row_parent_class)->dispose (object);
}

static void
hb_app_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_APP:
      g_value_set_object (value, HB_APP_ROW (object)->app);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_APP:
      hb_app_row_set_app (HB_APP_ROW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_row_class_init (HbAppRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_app_row_dispose;
  object_class->get_property = hb_app_row_get_property;
  object_class->set_property = hb_app_row_set_property;

  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-app-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_icon_name);
  gtk_widget_class_bind_template_callback (widget_class, status_text);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, has_status);
}

static void
hb_app_row_init (HbAppRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->app_signals = g_signal_group_new (HB_TYPE_APP);
  g_signal_group_connect_swapped (self->app_signals, "notify::name", G_CALLBACK (update_accessible),
                                  self);
  g_signal_group_connect_swapped (self->app_signals, "notify::status",
                                  G_CALLBACK (update_accessible), self);
  g_signal_group_connect_swapped (self->app_signals, "notify::status-error",
                                  G_CALLBACK (update_accessible), self);
}

GtkWidget *
hb_app_row_new (void)
{
  return g_object_new (HB_TYPE_APP_ROW, NULL);
}
