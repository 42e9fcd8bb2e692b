/* hb-builds-page.c: an application's builds, paged, with live status and deploy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-build-row.h"
#include "hb-builds-page.h"
#include "hb-status-stack.h"
#include "hb-ui-closures.h"

struct _HbBuildsPage
{
  GtkWidget parent_instance;

  HbClient *client;
  HbApp *app;
  HbBuildList *builds;
  GBindingGroup *list_bindings;
  GCancellable *cancellable;
  gboolean load_pending; /* the app's builds load when the page is first shown */

  HbStatusStack *status_stack;
  GtkListView *list_view;
  GtkButton *more_button;
};

G_DEFINE_FINAL_TYPE (HbBuildsPage, hb_builds_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
builds_actions_update (HbBuildsPage *self)
{
  gboolean has_more = self->builds != NULL && hb_build_list_get_has_more (self->builds);
  gboolean loading =
      self->builds != NULL && hb_remote_list_get_loading (HB_REMOTE_LIST (self->builds));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "builds.load-more", has_more && !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "builds.reload", self->builds != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "builds.deploy", self->builds != NULL);
}

static void
on_items_changed (HbBuildsPage *self)
{
  builds_actions_update (self);
}

void
hb_builds_page_set_app (HbBuildsPage *self, HbApp *app)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  g_return_if_fail (HB_IS_BUILDS_PAGE (self));

  /* Bindings outlive dispose; a disposed view starts no new requests. */
  if (self->app == app || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_set_object (&self->app, app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->builds != NULL)
    {
      /* A fetch holds its list: stop it, or the old app's builds keep loading. */
      hb_remote_list_cancel (HB_REMOTE_LIST (self->builds));
      g_signal_handlers_disconnect_by_data (self->builds, self);
    }
  g_clear_object (&self->builds);

  if (app != NULL && self->client != NULL)
    {
      self->builds = hb_build_list_new (self->client, hb_app_get_slug (app));
      /* Queued and building builds update in place while the page shows the app. */
      hb_build_list_watch_unfinished (self->builds);
      g_signal_connect_swapped (self->builds, "items-changed", G_CALLBACK (on_items_changed), self);
      g_signal_connect_swapped (self->builds, "notify::loading", G_CALLBACK (builds_actions_update),
                                self);
      g_signal_connect_swapped (self->builds, "notify::has-more",
                                G_CALLBACK (builds_actions_update), self);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->builds)));
      /* As the other detail pages: only a page on screen loads (hb-page-list.c). */
      self->load_pending = !gtk_widget_get_mapped (GTK_WIDGET (self));
      if (!self->load_pending)
        hb_remote_list_reload (HB_REMOTE_LIST (self->builds));
    }
  g_binding_group_set_source (self->list_bindings, self->builds);
  hb_status_stack_set_list (self->status_stack, HB_REMOTE_LIST (self->builds));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  builds_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

HbBuildList *
hb_builds_page_get_list (HbBuildsPage *self)
{
  g_return_val_if_fail (HB_IS_BUILDS_PAGE (self), NULL);
  return self->builds;
}

static void
load_more (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);

  hb_build_list_load_more (self->builds);
}

static void
reload (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);

  hb_remote_list_reload (HB_REMOTE_LIST (self->builds));
}

static void
deploy_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbBuildsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_client_deploy_build_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_toast (GTK_WIDGET (self), text);
      return;
    }
  hb_ui_toast (GTK_WIDGET (self), _ ("Build deployed"));
  hb_remote_list_reload (HB_REMOTE_LIST (self->builds));
}

static void
on_deploy_response (AdwMessageDialog *dialog, const char *response, HbBuildsPage *self)
{
  const char *build_id = g_object_get_data (G_OBJECT (dialog), "build-id");

  if (g_strcmp0 (response, "deploy") != 0 || self->app == NULL)
    return;
  hb_client_deploy_build_async (self->client, hb_app_get_slug (self->app), build_id,
                                self->cancellable, deploy_cb, g_object_ref (self));
}

static void
deploy (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);
  const char *build_id = g_variant_get_string (param, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  adw_message_dialog_format_heading (dialog, _ ("Deploy Build %s?"), build_id);
  adw_message_dialog_format_body (dialog, _ ("“%s” will run this build."),
                                  hb_app_get_name (self->app));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "deploy", _ ("_Deploy"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "deploy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "deploy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "build-id", g_strdup (build_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_deploy_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hb_builds_page_dispose (GObject *object)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->builds != NULL)
    {
      /* A fetch holds its list: stop it, or the old app's builds keep loading. */
      hb_remote_list_cancel (HB_REMOTE_LIST (self->builds));
      g_signal_handlers_disconnect_by_data (self->builds, self);
    }
  g_clear_object (&self->list_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_BUILDS_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->builds);
  g_clear_object (&self->app);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (hb_builds_page_parent_class)->dispose (object);
}

static void
hb_builds_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_APP:
      g_value_set_object (value, self->app);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_builds_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      if (g_set_object (&self->client, g_value_get_object (value)) && self->app != NULL)
        {
          /* The app arrived first (builder bindings): load it now. */
          g_autoptr (HbApp) app = g_steal_pointer (&self->app);
          hb_builds_page_set_app (self, app);
        }
      break;
    case PROP_APP:
      hb_builds_page_set_app (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_builds_page_class_init (HbBuildsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hb_builds_page_dispose;
  object_class->get_property = hb_builds_page_get_property;
  object_class->set_property = hb_builds_page_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_BUILD_ROW);
  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-builds-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbBuildsPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbBuildsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HbBuildsPage, more_button);

  gtk_widget_class_install_action (widget_class, "builds.load-more", NULL, load_more);
  gtk_widget_class_install_action (widget_class, "builds.reload", NULL, reload);
  gtk_widget_class_install_action (widget_class, "builds.deploy", "s", deploy);
}

static void
on_map (HbBuildsPage *self)
{
  if (self->load_pending && self->builds != NULL)
    {
      self->load_pending = FALSE;
      hb_remote_list_reload (HB_REMOTE_LIST (self->builds));
    }
}

static void
hb_builds_page_init (HbBuildsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "has-more", self->more_button, "visible",
                        G_BINDING_SYNC_CREATE);
  builds_actions_update (self);
}
