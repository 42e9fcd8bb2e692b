/* hb-app-detail-view.c: one application: its facts, Rename, Delete, and its pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-detail-view.h"
#include "hb-build-notifier.h"
#include "hb-builds-page.h"
#include "hb-compat.h"
#include "hb-errors-page.h"
#include "hb-form-dialog.h"
#include "hb-log-page.h"
#include "hb-resource-descriptors.h"
#include "hb-resources-page.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"
#include "hb-variables-page.h"

struct _HbAppDetailView
{
  GtkWidget parent_instance;

  HbClient *client;
  HbApp *app;
  GCancellable *cancellable;
  gboolean folded;
  gboolean busy;

  GSettings *settings;       /* "notify-apps"; NULL without the schema */
  GSignalGroup *app_signals; /* a rename changes the title */

  AdwViewStack *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton *app_menu_button;
  GtkWidget *back_button;
  AdwStatusPage *none_page;
  GtkStack *main_stack;
  GPtrArray *pages; /* every HbAppPage, in tab order */
};

G_DEFINE_FINAL_TYPE (HbAppDetailView, hb_app_detail_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  PROP_FOLDED,
  PROP_NOTIFY_BUILDS,
  PROP_TITLE,
  N_PROPS
};

enum
{
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
detail_actions_update (HbAppDetailView *self)
{
  gboolean has_app = self->app != NULL;
  gboolean openable = has_app && hb_resource_is_openable (HB_RESOURCE (self->app));
  /* What needs the service waits while it cannot be reached. */
  gboolean writable =
      has_app && !self->busy && self->client != NULL && hb_client_get_reachable (self->client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.open-in-browser", openable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.copy-url", openable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.rename", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.delete", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.notify-builds",
                                 has_app && self->settings != NULL);
}

/* ---- "Notify me" (hb-build-notifier.c follows the applications listed in "notify-apps") ---- */

gboolean
hb_app_detail_view_get_notify_builds (HbAppDetailView *self)
{
  g_return_val_if_fail (HB_IS_APP_DETAIL_VIEW (self), FALSE);
  return self->app != NULL && self->settings != NULL &&
         hb_build_notifier_follows (self->settings, hb_app_get_slug (self->app));
}

void
hb_app_detail_view_set_notify_builds (HbAppDetailView *self, gboolean notify)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));
  /* The settings' change notifies the property. */
  if (self->app != NULL && self->settings != NULL)
    hb_build_notifier_set_follows (self->settings, hb_app_get_slug (self->app), notify);
}

static void
on_notify_apps_changed (HbAppDetailView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_BUILDS]);
}

/* AppHarbor serves each application at https://<slug>.apphb.com. */
static char *
site_url (HbAppDetailView *self, HbApp *app)
{
  if (app == NULL)
    return g_strdup ("");
  return g_strdup_printf ("https://%s.apphb.com", hb_app_get_slug (app));
}

static char *
slug_and_region (HbAppDetailView *self, const char *slug, const char *region_id)
{
  g_autofree char *region = hb_ui_region_name (self, region_id);

  /* Translators: "<slug> · <region name>" under the application's name */
  return g_strdup_printf (_ ("%s · %s"), slug != NULL ? slug : "", region);
}

static char *
main_page_closure (HbAppDetailView *self, HbApp *app)
{
  return g_strdup (app != NULL ? "app" : "none");
}

void
hb_app_detail_view_set_app (HbAppDetailView *self, HbApp *app)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));

  /* Bindings outlive dispose; a disposed view starts no new requests. */
  if (self->app == app || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_set_object (&self->app, app);
  g_signal_group_set_target (self->app_signals, app);
  for (guint i = 0; i < self->pages->len; i++)
    hb_app_page_set_app (self->pages->pdata[i], app);
  /* A rename or delete already sent stays under way: its answer still updates the list. */
  self->busy = FALSE;
  detail_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTIFY_BUILDS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* The header's title: the application's name, or nothing when none is shown (a search that
 * hides the chosen one clears it). */
const char *
hb_app_detail_view_get_title (HbAppDetailView *self)
{
  g_return_val_if_fail (HB_IS_APP_DETAIL_VIEW (self), NULL);
  return self->app != NULL ? hb_app_get_name (self->app) : "";
}

static void
on_app_renamed (HbAppDetailView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

HbApp *
hb_app_detail_view_get_app (HbAppDetailView *self)
{
  g_return_val_if_fail (HB_IS_APP_DETAIL_VIEW (self), NULL);
  return self->app;
}

void
hb_app_detail_view_set_page (HbAppDetailView *self, const char *name)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* Every page asks again (F5): the app keeps its object across a refresh of the list. The page
 * on screen asks now, the others when next shown. */
void
hb_app_detail_view_reload (HbAppDetailView *self)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));
  for (guint i = 0; i < self->pages->len; i++)
    hb_app_page_reload (self->pages->pdata[i]);
}

GtkWidget *
hb_app_detail_view_get_page (HbAppDetailView *self, const char *name)
{
  g_return_val_if_fail (HB_IS_APP_DETAIL_VIEW (self), NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

/* Where the keyboard goes when the detail replaces the list (a narrow window): its Back
 * button, first in the header, from where Tab goes on into the page. */
void
hb_app_detail_view_focus_start (HbAppDetailView *self)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));

  if (gtk_widget_get_visible (self->back_button))
    gtk_widget_grab_focus (self->back_button);
  else
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

static void
open_in_browser (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (widget);
  g_autofree char *url = site_url (self, self->app);

  hb_compat_open_uri (widget, url);
}

static void
copy_url (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (widget);
  g_autofree char *url = site_url (self, self->app);

  hb_ui_copy_text (widget, url);
}

/* ---- rename ---- */

typedef struct
{
  HbAppDetailView *self;
  HbApp *app;
  char *old_name;
  char *new_name;
} RenameOp;

static void
rename_op_free (RenameOp *op)
{
  g_object_unref (op->self);
  g_object_unref (op->app);
  g_free (op->old_name);
  g_free (op->new_name);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenameOp, rename_op_free)

static void rename_app (HbAppDetailView *self, HbApp *app, const char *name, gboolean undoable);
static void open_rename_dialog (HbAppDetailView *self, const char *name, const GError *error);

static void
on_undo_rename (AdwToast *toast, RenameOp *op)
{
  rename_app (op->self, op->app, op->old_name, FALSE);
}

static void
rename_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RenameOp) op = user_data;
  g_autoptr (GError) error = NULL;
  HbAppDetailView *self = op->self;
  gboolean undoable = op->old_name != NULL;
  AdwToast *toast;

  if (!hb_client_rename_app_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      detail_actions_update (self);
      /* Nothing typed is lost: the dialog comes back with the reason. */
      if (op->old_name != NULL && self->app == op->app)
        open_rename_dialog (self, op->new_name, error);
      else
        {
          text = hb_ui_write_error_to_text (error, _ ("Not renamed"),
                                            _ ("Harbor could not find out whether it was renamed"));
          hb_ui_toast (GTK_WIDGET (self), text);
        }
      return;
    }

  self->busy = FALSE;
  detail_actions_update (self);
  hb_app_set_name (op->app, op->new_name);

  toast = hb_ui_toast_new_printf (_ ("Renamed to “%s”"), op->new_name);
  if (undoable)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_rename),
                             g_steal_pointer (&op),
                             (GClosureNotify) (void (*) (void)) rename_op_free, 0);
    }
  hb_ui_add_toast (GTK_WIDGET (self), toast);
}

static void
rename_app (HbAppDetailView *self, HbApp *app, const char *name, gboolean undoable)
{
  RenameOp *op = g_new0 (RenameOp, 1);

  op->self = g_object_ref (self);
  op->app = g_object_ref (app);
  op->old_name = undoable ? g_strdup (hb_app_get_name (app)) : NULL;
  op->new_name = g_strdup (name);
  self->busy = TRUE;
  detail_actions_update (self);
  hb_client_rename_app_async (self->client, hb_app_get_slug (app), name, self->cancellable,
                              rename_cb, op);
}

void
hb_app_detail_view_rename (HbAppDetailView *self, const char *name)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));
  g_return_if_fail (self->app != NULL);

  rename_app (self, self->app, name, TRUE);
}

static void
on_rename_submitted (HbFormDialog *dialog, HbAppDetailView *self)
{
  g_autofree char *name = g_strstrip (g_strdup (hb_form_dialog_get_text (dialog, 0)));

  if (self->app != NULL)
    hb_app_detail_view_rename (self, name);
}

static void
open_rename_dialog (HbAppDetailView *self, const char *name, const GError *error)
{
  HbFormDialog *dialog =
      hb_form_dialog_new (GTK_WIDGET (self), _ ("Rename Application"), _ ("_Rename"));

  /* A titled row: the old name fills the field, so a placeholder would never show. */
  hb_form_dialog_add_row (dialog, _ ("New Name"), name,
                          HB_FORM_FIELD_REQUIRED | HB_FORM_FIELD_ACTIVATES_DEFAULT);
  if (error != NULL)
    hb_form_dialog_set_write_error (dialog, error, _ ("Not renamed"),
                                    _ ("Harbor could not find out whether it was renamed"));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _ ("The address %s.apphb.com stays the same."),
                                    hb_app_get_slug (self->app));
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_rename_submitted), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (widget);

  open_rename_dialog (self, hb_app_get_name (self->app), NULL);
}

/* ---- delete ---- */

typedef struct
{
  HbAppDetailView *self;
  HbApp *app;
  char *name; /* the deleted application's, for the toast */
} DeleteOp;

static void
delete_op_free (DeleteOp *op)
{
  g_object_unref (op->self);
  g_object_unref (op->app);
  g_free (op->name);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteOp, delete_op_free)

static void delete_app (HbAppDetailView *self, HbApp *app);

static void
on_retry_delete (AdwToast *toast, DeleteOp *op)
{
  if (!op->self->busy)
    delete_app (op->self, op->app);
}

static void
delete_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (DeleteOp) op = user_data;
  HbAppDetailView *self = op->self;
  g_autoptr (GError) error = NULL;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *not_done = NULL;
      g_autofree char *unknown = NULL;
      g_autofree char *text = NULL;
      AdwToast *toast;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->busy = FALSE;
      detail_actions_update (self);
      not_done = g_strdup_printf (_ ("“%s” was not deleted"), op->name);
      unknown =
          g_strdup_printf (_ ("Harbor could not find out whether “%s” was deleted"), op->name);
      text = hb_ui_write_error_to_text (error, not_done, unknown);
      /* Retry sends it again: a delete that did happen then answers as done. */
      toast = hb_ui_toast_new (text);
      adw_toast_set_button_label (toast, _ ("_Retry"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_retry_delete),
                             g_steal_pointer (&op),
                             (GClosureNotify) (void (*) (void)) delete_op_free, 0);
      hb_ui_add_toast (GTK_WIDGET (self), toast);
      return;
    }

  self->busy = FALSE;
  detail_actions_update (self);
  hb_ui_add_toast (GTK_WIDGET (self), hb_ui_toast_new_printf (_ ("“%s” deleted"), op->name));
  g_signal_emit (self, signals[DELETED], 0, op->app);
}

static void
delete_app (HbAppDetailView *self, HbApp *app)
{
  DeleteOp *op = g_new0 (DeleteOp, 1);

  op->self = g_object_ref (self);
  op->app = g_object_ref (app);
  op->name = g_strdup (hb_app_get_name (app));
  self->busy = TRUE;
  detail_actions_update (self);
  hb_client_delete_resource_async (self->client, HB_TYPE_APP, NULL, hb_app_get_slug (app),
                                   self->cancellable, delete_cb, op);
}

void
hb_app_detail_view_delete (HbAppDetailView *self)
{
  g_return_if_fail (HB_IS_APP_DETAIL_VIEW (self));
  g_return_if_fail (self->app != NULL);

  delete_app (self, self->app);
}

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, HbAppDetailView *self)
{
  if (g_strcmp0 (response, "delete") == 0 && self->app != NULL)
    hb_app_detail_view_delete (self);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  hb_ui_hide_squeezed (GTK_WIDGET (dialog));
  adw_message_dialog_format_heading (dialog, _ ("Delete “%s”?"), hb_app_get_name (self->app));
  adw_message_dialog_format_body (
      dialog, _ ("The application, its builds and its add-ons are removed for good. "
                 "This cannot be undone."));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_page (HbAppDetailView *self,
          GtkWidget *page,
          const char *name,
          const char *title,
          const char *icon_name)
{
  AdwViewStackPage *stack_page = adw_view_stack_add_titled (self->view_stack, page, name, title);

  adw_view_stack_page_set_icon_name (stack_page, icon_name);
  hb_ui_set_accessible_label (page, title);
  g_ptr_array_add (self->pages, page);
}

/* Builds, variables, a resources page per described kind, errors, the live log: each page gets the
 * view's client when it is made, and the view's app from then on. */
static void
add_pages (HbAppDetailView *self)
{
  const HbResourceDescriptor *descriptors;
  guint n;

  add_page (self, g_object_new (HB_TYPE_BUILDS_PAGE, "client", self->client, NULL), "builds",
            _ ("Builds"), "system-run-symbolic");
  add_page (self, g_object_new (HB_TYPE_VARIABLES_PAGE, "client", self->client, NULL), "variables",
            _ ("Variables"), "preferences-system-symbolic");
  descriptors = hb_resource_descriptors (&n);
  for (guint i = 0; i < n; i++)
    add_page (self, hb_resources_page_new (self->client, descriptors[i].get_type ()),
              descriptors[i].name, _ (descriptors[i].title), descriptors[i].icon_name);
  add_page (self, g_object_new (HB_TYPE_ERRORS_PAGE, "client", self->client, NULL), "errors",
            _ ("Errors"), "dialog-warning-symbolic");
  add_page (self, g_object_new (HB_TYPE_LOG_PAGE, "client", self->client, NULL), "log", _ ("Log"),
            "utilities-terminal-symbolic");
}

static void
hb_app_detail_view_constructed (GObject *object)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (object);

  G_OBJECT_CLASS (hb_app_detail_view_parent_class)->constructed (object);
  add_pages (self);
  if (self->client != NULL)
    g_signal_connect_object (self->client, "notify::reachable", G_CALLBACK (detail_actions_update),
                             self, G_CONNECT_SWAPPED);
  detail_actions_update (self);
}

static void
hb_app_detail_view_dispose (GObject *object)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->app_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_APP_DETAIL_VIEW);
  hb_ui_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->app);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hb_app_detail_view_parent_class)->dispose (object);
}

static void
hb_app_detail_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_APP:
      g_value_set_object (value, self->app);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    case PROP_NOTIFY_BUILDS:
      g_value_set_boolean (value, hb_app_detail_view_get_notify_builds (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, hb_app_detail_view_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_detail_view_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  HbAppDetailView *self = HB_APP_DETAIL_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_APP:
      hb_app_detail_view_set_app (self, g_value_get_object (value));
      break;
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_NOTIFY_BUILDS:
      hb_app_detail_view_set_notify_builds (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_detail_view_class_init (HbAppDetailViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_app_detail_view_constructed;
  object_class->dispose = hb_app_detail_view_dispose;
  object_class->get_property = hb_app_detail_view_get_property;
  object_class->set_property = hb_app_detail_view_set_property;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
      g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Every build of the application shown is watched, and said on the desktop when it ends. */
  properties[PROP_NOTIFY_BUILDS] =
      g_param_spec_boolean ("notify-builds", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
      g_param_spec_string ("title", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The application is gone from the server; the window drops it from the list. */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, HB_TYPE_APP);

  g_type_ensure (HB_TYPE_BUILDS_PAGE);
  g_type_ensure (HB_TYPE_VARIABLES_PAGE);
  g_type_ensure (HB_TYPE_RESOURCES_PAGE);
  g_type_ensure (HB_TYPE_ERRORS_PAGE);
  g_type_ensure (HB_TYPE_LOG_PAGE);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-app-detail-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, app_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, back_button);
  gtk_widget_class_bind_template_child (widget_class, HbAppDetailView, none_page);
  gtk_widget_class_bind_template_callback (widget_class, site_url);
  gtk_widget_class_bind_template_callback (widget_class, slug_and_region);
  gtk_widget_class_bind_template_callback (widget_class, main_page_closure);
  gtk_widget_class_bind_template_callback (widget_class, hb_ui_not_null);

  gtk_widget_class_install_action (widget_class, "detail.open-in-browser", NULL, open_in_browser);
  gtk_widget_class_install_action (widget_class, "detail.copy-url", NULL, copy_url);
  gtk_widget_class_install_action (widget_class, "detail.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "detail.delete", NULL, delete_action);
  gtk_widget_class_install_property_action (widget_class, "detail.notify-builds", "notify-builds");
}

static void
hb_app_detail_view_init (HbAppDetailView *self)
{
  self->app_signals = g_signal_group_new (HB_TYPE_APP);
  g_signal_group_connect_swapped (self->app_signals, "notify::name", G_CALLBACK (on_app_renamed),
                                  self);
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_set_accessible_label (self, _ ("Application Details"));
  /* The header's switcher (two, one for each width) and the bottom bar's. */
  hb_ui_name_descendants (GTK_WIDGET (self), ADW_TYPE_VIEW_SWITCHER, _ ("Pages"));
  hb_ui_hide_squeezed (GTK_WIDGET (self->switcher_title));
  hb_ui_name_menu_button_popover (self->app_menu_button);
  hb_ui_name_status_page (self->none_page);
  self->cancellable = g_cancellable_new ();
  self->pages = g_ptr_array_new ();
  self->settings = hb_ui_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::notify-apps",
                             G_CALLBACK (on_notify_apps_changed), self, G_CONNECT_SWAPPED);
  detail_actions_update (self);
}
