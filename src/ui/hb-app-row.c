/* hb-app-row.c: one application in the list, with its latest build's status
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-row.h"
#include "hb-ui-closures.h"

struct _HbAppRow
{
  GtkWidget parent_instance;

  HbClient *client;
  HbApp *app;
  HbBuildStatus status;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HbAppRow, hb_app_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible (HbAppRow *self)
{
  g_autofree char *status = hb_ui_build_status_text (self, self->status);
  const char *name = self->app != NULL ? hb_app_get_name (self->app) : "";

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, status, -1);
}

/* A rename changes the label through its binding; the row's accessible name must follow, or a
 * screen reader keeps saying the old name. */
static void
on_app_name (HbAppRow *self)
{
  update_accessible (self);
}

static void
set_status (HbAppRow *self, HbBuildStatus status)
{
  if (self->status == status)
    return;
  self->status = status;
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
latest_build_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbAppRow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) builds = NULL;
  g_autoptr (HbBuild) build = NULL;

  builds = hb_client_list_builds_finish (HB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A row without a status is fine: the list itself reports errors. */
  if (builds == NULL || g_list_model_get_n_items (builds) == 0)
    return;
  build = g_list_model_get_item (builds, 0);
  set_status (self, hb_build_get_status (build));
}

void
hb_app_row_set_app (HbAppRow *self, HbApp *app)
{
  g_return_if_fail (HB_IS_APP_ROW (self));

  if (self->app == app)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_func (self->app, on_app_name, self);
  g_set_object (&self->app, app);
  if (app != NULL)
    g_signal_connect_object (app, "notify::name", G_CALLBACK (on_app_name), self,
                             G_CONNECT_SWAPPED);
  set_status (self, HB_BUILD_STATUS_UNKNOWN);

  if (app != NULL && self->client != NULL)
    {
      self->cancellable = g_cancellable_new ();
      hb_client_list_builds_async (self->client, hb_app_get_slug (app), 1, 0, self->cancellable,
                                   latest_build_cb, g_object_ref (self));
    }
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

HbApp *
hb_app_row_get_app (HbAppRow *self)
{
  g_return_val_if_fail (HB_IS_APP_ROW (self), NULL);
  return self->app;
}

HbBuildStatus
hb_app_row_get_status (HbAppRow *self)
{
  g_return_val_if_fail (HB_IS_APP_ROW (self), HB_BUILD_STATUS_UNKNOWN);
  return self->status;
}

static gboolean
has_status (HbAppRow *self, int status)
{
  return status != HB_BUILD_STATUS_UNKNOWN;
}

static void
hb_app_row_dispose (GObject *object)
{
  HbAppRow *self = HB_APP_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_APP_ROW);
  hb_ui_unparent_children (GTK_WIDGET (self));
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_func (self->app, on_app_name, self);
  g_clear_object (&self->app);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (hb_app_row_parent_class)->dispose (object);
}

static void
hb_app_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppRow *self = HB_APP_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_APP:
      g_value_set_object (value, self->app);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbAppRow *self = HB_APP_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_APP:
      hb_app_row_set_app (self, g_value_get_object (value));
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

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
      g_param_spec_enum ("status", NULL, NULL, HB_TYPE_BUILD_STATUS, HB_BUILD_STATUS_UNKNOWN,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-app-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_icon_name);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_text);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_build_status_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, has_status);
}

static void
hb_app_row_init (HbAppRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hb_app_row_new (HbClient *client)
{
  return g_object_new (HB_TYPE_APP_ROW, "client", client, NULL);
}
