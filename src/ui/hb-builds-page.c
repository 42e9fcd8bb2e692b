/* hb-builds-page.c: an application's builds, paged, with live status and deploy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-build-row.h"
#include "hb-builds-page.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

struct _HbBuildsPage
{
  HbAppPage parent_instance;

  GBindingGroup *list_bindings;

  GtkListView *list_view;
  GtkButton *more_button;
};

G_DEFINE_FINAL_TYPE (HbBuildsPage, hb_builds_page, HB_TYPE_APP_PAGE)

/* Queued and building builds update in place while the page shows the app. */
static HbRemoteList *
builds_create_list (HbAppPage *page, HbClient *client, HbApp *app)
{
  HbBuildList *builds = hb_build_list_new (client, hb_app_get_slug (app));

  hb_build_list_watch_unfinished (builds);
  return HB_REMOTE_LIST (builds);
}

static void
builds_actions_update (HbAppPage *page)
{
  HbBuildList *builds = hb_builds_page_get_list (HB_BUILDS_PAGE (page));
  gboolean has_more = builds != NULL && hb_build_list_get_has_more (builds);

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "builds.load-more",
                                 has_more && !hb_app_page_get_loading (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "builds.reload", builds != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "builds.deploy", builds != NULL);
}

/** hb_builds_page_get_list: Returns: (transfer none) (nullable): the builds shown */
HbBuildList *
hb_builds_page_get_list (HbBuildsPage *self)
{
  g_return_val_if_fail (HB_IS_BUILDS_PAGE (self), NULL);
  return HB_BUILD_LIST (hb_app_page_get_list (HB_APP_PAGE (self)));
}

/* The list view shows the app's builds, and Load More follows its pages. */
static void
on_list_changed (HbBuildsPage *self)
{
  HbBuildList *builds = hb_builds_page_get_list (self);
  g_autoptr (GtkNoSelection) selection = NULL;

  if (builds != NULL)
    selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (builds)));
  g_binding_group_set_source (self->list_bindings, builds);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
}

static void
load_more (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_build_list_load_more (hb_builds_page_get_list (HB_BUILDS_PAGE (widget)));
}

static void
reload (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_app_page_reload (HB_APP_PAGE (widget));
}

/* ---- deploy ---- */

typedef struct
{
  HbBuildsPage *self;
  char *build_id;
} DeployOp;

static DeployOp *
deploy_op_new (HbBuildsPage *self, const char *build_id)
{
  DeployOp *op = g_new0 (DeployOp, 1);

  op->self = g_object_ref (self);
  op->build_id = g_strdup (build_id);
  return op;
}

static void
deploy_op_free (DeployOp *op)
{
  g_object_unref (op->self);
  g_free (op->build_id);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeployOp, deploy_op_free)

static void
deploy_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeployOp) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_client_deploy_build_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_toast (GTK_WIDGET (op->self), text);
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Build deployed"));
  hb_app_page_reload (HB_APP_PAGE (op->self));
}

static void
on_deploy_response (AdwMessageDialog *dialog, const char *response, DeployOp *op)
{
  HbAppPage *page = HB_APP_PAGE (op->self);

  if (g_strcmp0 (response, "deploy") != 0 || hb_app_page_get_app (page) == NULL)
    return;
  hb_client_deploy_build_async (
      hb_app_page_get_client (page), hb_app_get_slug (hb_app_page_get_app (page)), op->build_id,
      hb_app_page_get_cancellable (page), deploy_cb, deploy_op_new (op->self, op->build_id));
}

/* Deploy asks first, naming the build and the application. */
static void
deploy (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);
  const char *build_id = g_variant_get_string (param, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  hb_ui_hide_squeezed (GTK_WIDGET (dialog));
  adw_message_dialog_format_heading (dialog, _ ("Deploy Build %s?"), build_id);
  adw_message_dialog_format_body (dialog, _ ("“%s” will run this build."),
                                  hb_app_get_name (hb_app_page_get_app (HB_APP_PAGE (self))));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "deploy", _ ("_Deploy"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "deploy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "deploy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_deploy_response),
                         deploy_op_new (self, build_id),
                         (GClosureNotify) (void (*) (void)) deploy_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
hb_builds_page_dispose (GObject *object)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (object);

  g_clear_object (&self->list_bindings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_BUILDS_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (self));

  G_OBJECT_CLASS (hb_builds_page_parent_class)->dispose (object);
}

static void
hb_builds_page_class_init (HbBuildsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hb_builds_page_dispose;
  page_class->create_list = builds_create_list;
  page_class->actions_update = builds_actions_update;

  g_type_ensure (HB_TYPE_BUILD_ROW);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-builds-page.ui");
  hb_app_page_class_bind_template_children (widget_class, FALSE);
  gtk_widget_class_bind_template_child (widget_class, HbBuildsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HbBuildsPage, more_button);

  gtk_widget_class_install_action (widget_class, "builds.load-more", NULL, load_more);
  gtk_widget_class_install_action (widget_class, "builds.reload", NULL, reload);
  gtk_widget_class_install_action (widget_class, "builds.deploy", "s", deploy);
}

static void
hb_builds_page_init (HbBuildsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "has-more", self->more_button, "visible",
                        G_BINDING_SYNC_CREATE);
  /* has-more is known before loading ends, which updates the actions. */
  g_signal_connect (self, "notify::list", G_CALLBACK (on_list_changed), NULL);
}
