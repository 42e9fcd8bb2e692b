/* hb-builds-page.c: an application's builds, paged, with live status and deploy
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-build-row.h"
#include "hb-builds-page.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

/* While the page shows an application, its builds are asked for again now and then, so a
 * build started elsewhere (a push, the API) appears: gently, and less often while the window
 * is not the one in use; not at all while the page is not on screen. */
#define POLL_ACTIVE_MS (15 * 1000)
#define POLL_INACTIVE_MS (2 * 60 * 1000)

struct _HbBuildsPage
{
  HbAppPage parent_instance;

  GBindingGroup *list_bindings;
  GSignalGroup *list_signals;
  char *pending_build; /* to choose once the list has it (hb_builds_page_show_build) */
  gboolean pending_tests;
  gboolean pending_reloaded; /* the list was asked for again for it */
  guint poll_active_ms;
  guint poll_inactive_ms;
  guint poll_id;
  /* whose focus sets the pace, and tells that the builds are seen, while mapped */
  GtkWindow *window;
  gulong active_id;

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
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "builds.deploy",
                                 builds != NULL && hb_app_page_get_reachable (page));
}

/** hb_builds_page_get_list: Returns: (transfer none) (nullable): the builds shown */
HbBuildList *
hb_builds_page_get_list (HbBuildsPage *self)
{
  g_return_val_if_fail (HB_IS_BUILDS_PAGE (self), NULL);
  return HB_BUILD_LIST (hb_app_page_get_list (HB_APP_PAGE (self)));
}

/* ---- builds shown on screen, and a build to show ---- */

/* The builds of the app shown are on screen in a focused window: notifications about them
 * have done their work. */
static void
check_seen (HbBuildsPage *self)
{
  HbApp *app = hb_app_page_get_app (HB_APP_PAGE (self));

  if (app != NULL && self->window != NULL && gtk_window_is_active (self->window))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.builds-seen", "s", hb_app_get_slug (app));
}

static GtkSingleSelection *
selection (HbBuildsPage *self)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->list_view));
}

/* Chooses the pending build once the list holds it: a build newer than the list shows after
 * the list is asked for again, an older one after more pages. */
static void
show_pending (HbBuildsPage *self)
{
  HbBuildList *builds = hb_builds_page_get_list (self);
  HbBuild *build;
  const char *tests_url;
  guint position;

  if (self->pending_build == NULL || builds == NULL)
    return;
  build = hb_remote_list_find (HB_REMOTE_LIST (builds), self->pending_build, &position);
  if (build == NULL)
    {
      if (hb_remote_list_get_loading (HB_REMOTE_LIST (builds)))
        return;
      if (!self->pending_reloaded)
        {
          self->pending_reloaded = TRUE;
          hb_app_page_reload (HB_APP_PAGE (self));
        }
      else if (hb_build_list_get_has_more (builds))
        hb_build_list_load_more (builds);
      else
        g_clear_pointer (&self->pending_build, g_free); /* no longer there */
      return;
    }
  gtk_single_selection_set_selected (selection (self), position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  tests_url = hb_build_get_tests_url (build);
  if (self->pending_tests && tests_url != NULL &&
      hb_build_status_is_finished (hb_build_get_status (build)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-tests", "s", tests_url);
  g_clear_pointer (&self->pending_build, g_free);
}

/**
 * hb_builds_page_show_build:
 * @tests: open the build's test results too, once it has finished
 *
 * Chooses build @build_id of the application shown, as soon as the list has it.
 */
void
hb_builds_page_show_build (HbBuildsPage *self, const char *build_id, gboolean tests)
{
  g_return_if_fail (HB_IS_BUILDS_PAGE (self));
  g_return_if_fail (build_id != NULL);

  g_free (self->pending_build);
  self->pending_build = g_strdup (build_id);
  self->pending_tests = tests;
  self->pending_reloaded = FALSE;
  show_pending (self);
}

/** hb_builds_page_get_selected: Returns: (transfer none) (nullable): the build chosen */
HbBuild *
hb_builds_page_get_selected (HbBuildsPage *self)
{
  g_return_val_if_fail (HB_IS_BUILDS_PAGE (self), NULL);
  if (selection (self) == NULL)
    return NULL;
  return gtk_single_selection_get_selected_item (selection (self));
}

/**
 * hb_builds_page_find_tests:
 * @tests_url: a build's `tests_url`
 *
 * Returns: (transfer none) (nullable): the shown build whose tests are at @tests_url
 */
HbBuild *
hb_builds_page_find_tests (HbBuildsPage *self, const char *tests_url)
{
  GListModel *builds;

  g_return_val_if_fail (HB_IS_BUILDS_PAGE (self), NULL);
  builds = G_LIST_MODEL (hb_builds_page_get_list (self));
  for (guint i = 0; builds != NULL && i < g_list_model_get_n_items (builds); i++)
    {
      g_autoptr (HbBuild) build = g_list_model_get_item (builds, i);

      if (g_strcmp0 (hb_build_get_tests_url (build), tests_url) == 0)
        return build; /* the list holds it */
    }
  return NULL;
}

/* The list view shows the app's builds, and Load More follows its pages. Nothing is chosen
 * until a build is asked for. */
static void
on_list_changed (HbBuildsPage *self)
{
  HbBuildList *builds = hb_builds_page_get_list (self);
  g_autoptr (GtkSingleSelection) chosen = NULL;

  g_clear_pointer (&self->pending_build, g_free);
  if (builds != NULL)
    {
      chosen = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (builds)));
      gtk_single_selection_set_autoselect (chosen, FALSE);
      gtk_single_selection_set_can_unselect (chosen, TRUE);
      gtk_single_selection_set_selected (chosen, GTK_INVALID_LIST_POSITION);
    }
  g_binding_group_set_source (self->list_bindings, builds);
  g_signal_group_set_target (self->list_signals, builds);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (chosen));
  check_seen (self);
}

/* ---- polling ---- */

static void schedule_poll (HbBuildsPage *self);

static guint
poll_interval (HbBuildsPage *self)
{
  if (self->window != NULL && gtk_window_is_active (self->window))
    return self->poll_active_ms;
  return self->poll_inactive_ms;
}

static gboolean
poll_due (HbBuildsPage *self)
{
  HbBuildList *builds = hb_builds_page_get_list (self);
  GDateTime *updated;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (builds == NULL || hb_remote_list_get_loading (HB_REMOTE_LIST (builds)))
    return FALSE;
  updated = hb_remote_list_get_updated (HB_REMOTE_LIST (builds));
  /* A page whose last answer failed waits for Retry or F5: no banner flickering behind. */
  if (updated == NULL || hb_remote_list_get_error (HB_REMOTE_LIST (builds)) != NULL)
    return FALSE;
  return g_date_time_difference (now, updated) >= (GTimeSpan) poll_interval (self) * 1000 - 50000;
}

static void
on_poll (gpointer user_data)
{
  HbBuildsPage *self = user_data;

  self->poll_id = 0;
  if (poll_due (self))
    hb_app_page_reload (HB_APP_PAGE (self));
  schedule_poll (self);
}

static void
schedule_poll (HbBuildsPage *self)
{
  guint interval = poll_interval (self);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (interval == 0 || self->window == NULL)
    return;
  self->poll_id = g_timeout_add_once (interval, on_poll, self);
}

/* Back in use: asked at once if the last answer is older than the active pace; the builds
 * shown are seen. */
static void
on_window_active (HbBuildsPage *self)
{
  check_seen (self);
  if (poll_due (self))
    hb_app_page_reload (HB_APP_PAGE (self));
  schedule_poll (self);
}

static void
hb_builds_page_map (GtkWidget *widget)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (hb_builds_page_parent_class)->map (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      self->active_id =
          g_signal_connect_swapped (root, "notify::is-active", G_CALLBACK (on_window_active), self);
    }
  check_seen (self);
  schedule_poll (self);
}

static void
hb_builds_page_unmap (GtkWidget *widget)
{
  HbBuildsPage *self = HB_BUILDS_PAGE (widget);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->window != NULL)
    g_clear_signal_handler (&self->active_id, self->window);
  self->window = NULL;
  GTK_WIDGET_CLASS (hb_builds_page_parent_class)->unmap (widget);
}

/**
 * hb_builds_page_set_poll_intervals:
 * @active_ms: how often the builds are asked for while the window is in use (0: never)
 * @inactive_ms: the same while another window is (0: never)
 *
 * Defaults: POLL_ACTIVE_MS, POLL_INACTIVE_MS. Never while the page is not on screen.
 */
void
hb_builds_page_set_poll_intervals (HbBuildsPage *self, guint active_ms, guint inactive_ms)
{
  g_return_if_fail (HB_IS_BUILDS_PAGE (self));
  self->poll_active_ms = active_ms;
  self->poll_inactive_ms = inactive_ms;
  if (self->window != NULL)
    schedule_poll (self);
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
      g_autofree char *not_done = NULL;
      g_autofree char *unknown = NULL;
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      not_done = g_strdup_printf (_ ("Build %s was not deployed"), op->build_id);
      unknown = g_strdup_printf (_ ("Harbor could not find out whether build %s was deployed"),
                                 op->build_id);
      text = hb_ui_write_error_to_text (error, not_done, unknown);
      hb_ui_toast (GTK_WIDGET (op->self), text);
      /* The builds say what happened, once the service answers. */
      if (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN))
        hb_app_page_reload (HB_APP_PAGE (op->self));
      return;
    }
  /* Harbor watches what it deployed: a notification says how it ended. */
  gtk_widget_activate_action (GTK_WIDGET (op->self), "app.watch-build", "(ss)",
                              hb_app_get_slug (hb_app_page_get_app (HB_APP_PAGE (op->self))),
                              op->build_id);
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
  g_clear_object (&self->list_signals);
  g_clear_pointer (&self->pending_build, g_free);
  g_clear_handle_id (&self->poll_id, g_source_remove);
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
  widget_class->map = hb_builds_page_map;
  widget_class->unmap = hb_builds_page_unmap;
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
  self->poll_active_ms = POLL_ACTIVE_MS;
  self->poll_inactive_ms = POLL_INACTIVE_MS;
  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "has-more", self->more_button, "visible",
                        G_BINDING_SYNC_CREATE);
  self->list_signals = g_signal_group_new (HB_TYPE_BUILD_LIST);
  g_signal_group_connect_swapped (self->list_signals, "items-changed", G_CALLBACK (show_pending),
                                  self);
  g_signal_group_connect_swapped (self->list_signals, "notify::loading", G_CALLBACK (show_pending),
                                  self);
  /* has-more is known before loading ends, which updates the actions. */
  g_signal_connect (self, "notify::list", G_CALLBACK (on_list_changed), NULL);
}
