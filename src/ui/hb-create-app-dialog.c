/* hb-create-app-dialog.c: modal form that creates an application (name and region)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-create-app-dialog.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

struct _HbCreateAppDialog
{
  AdwWindow parent_instance;

  HbClient *client;
  GCancellable *cancellable;
  gboolean busy;
  gboolean closed; /* closed while Create was under way: it finishes out of sight */
  char *name;      /* what Create sent */
  guint slow_id;
  gboolean mapped_once;

  AdwEntryRow *name_row;
  AdwComboRow *region_row;
  GtkLabel *message_label;
  GtkWidget *slow_label;
  GtkWidget *signed_out_box;
  GtkWidget *sign_in_button;
  GtkSpinner *spinner;
  GtkWidget *create_button;
};

G_DEFINE_FINAL_TYPE (HbCreateAppDialog, hb_create_app_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_BUSY,
  N_PROPS
};

enum
{
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A name needs something the server can turn into a slug. */
static gboolean
name_is_valid (const char *name)
{
  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

gboolean
hb_create_app_dialog_get_valid (HbCreateAppDialog *self)
{
  g_return_val_if_fail (HB_IS_CREATE_APP_DIALOG (self), FALSE);
  return name_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
}

gboolean
hb_create_app_dialog_get_busy (HbCreateAppDialog *self)
{
  g_return_val_if_fail (HB_IS_CREATE_APP_DIALOG (self), FALSE);
  return self->busy;
}

static gboolean
signed_in (HbCreateAppDialog *self)
{
  return self->client != NULL && hb_client_get_signed_in (self->client);
}

static void
create_actions_update (HbCreateAppDialog *self)
{
  gboolean valid = hb_create_app_dialog_get_valid (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.submit",
                                 valid && !self->busy && signed_in (self));
  /* Not insensitive: the name keeps the focus (a focused widget made insensitive leaves the
   * keyboard nowhere), it only stops taking text while the request is under way. */
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), !self->busy);
}

static void
show_slow (gpointer user_data)
{
  HbCreateAppDialog *self = user_data;

  self->slow_id = 0;
  gtk_widget_set_visible (self->slow_label, TRUE);
}

static void
set_busy (HbCreateAppDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  /* A slow answer is said to be slow, not left to a spinner (the timing rules, HACKING.md). */
  g_clear_handle_id (&self->slow_id, g_source_remove);
  gtk_widget_set_visible (self->slow_label, FALSE);
  if (busy)
    self->slow_id = g_timeout_add_once (HB_UI_SLOW_MS, show_slow, self);
  create_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* @about_name: the service refused the name (only then is the field marked). */
static void
show_message (HbCreateAppDialog *self, const char *text, gboolean about_name)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (text != NULL && about_name)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

/* What failed, plain: a checked create that did not happen says so; one whose outcome stayed
 * unknown says that, and how to find out. */
static char *
failure_text (HbCreateAppDialog *self, const GError *error)
{
  g_autofree char *not_done = g_strdup_printf (_ ("“%s” was not created"), self->name);
  g_autofree char *unknown = g_strdup_printf (
      _ ("Harbor could not find out whether “%s” was created. Press Create again: if it was, "
         "Harbor says so."),
      self->name);

  return hb_ui_write_error_to_text (error, not_done, unknown);
}

static void
on_name_changed (HbCreateAppDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  /* Typing again clears the server's complaint; a hopeless name says why at once. */
  if (*name != '\0' && !name_is_valid (name))
    show_message (self, _ ("The name needs at least one letter or digit"), TRUE);
  else
    show_message (self, NULL, FALSE);
  create_actions_update (self);
}

static void
create_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbCreateAppDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbApp) app = NULL;

  app = hb_client_create_app_finish (HB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (app != NULL)
    {
      g_signal_emit (self, signals[CREATED], 0, app);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->closed)
    {
      g_autofree char *text = failure_text (self, error);
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      /* Closed while it was under way: the window that opened it tells. */
      if (parent != NULL)
        hb_ui_toast (GTK_WIDGET (parent), text);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* Signed out by this 401 (or another): the sign-in message already says what to do. */
  if (!signed_in (self))
    return;
  {
    g_autofree char *text = failure_text (self, error);
    g_autofree char *full = g_strdup_printf ("%s\n%s", text, error->message);

    show_message (self, full, hb_ui_error_is_about_input (error));
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  }
}

/* Closing while Create is under way does not cancel it (it may already have happened): the
 * dialog goes out of sight, and the create still ends with the application chosen, or with
 * a toast saying it was not created. */
static gboolean
hb_create_app_dialog_close_request (GtkWindow *window)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (window);

  if (!self->busy)
    return GTK_WINDOW_CLASS (hb_create_app_dialog_parent_class)->close_request (window);
  self->closed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

static void
submit (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (widget);
  g_autofree char *name = NULL;
  const char *region;

  if (self->busy || !hb_create_app_dialog_get_valid (self))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  region = hb_ui_region_id_for_position (adw_combo_row_get_selected (self->region_row));
  g_free (self->name);
  self->name = g_strdup (name);
  show_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  hb_client_create_app_async (self->client, name, region, self->cancellable, create_cb,
                              g_object_ref (self));
}

/* A 401 from any call signs out; the dialog stays, keeps what was typed, and says how to
 * go on.  Signing in again brings Create back. */
static void
on_signed_in_changed (HbCreateAppDialog *self)
{
  gboolean now_signed_in = signed_in (self);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  gtk_widget_set_visible (self->signed_out_box, !now_signed_in);
  if (!now_signed_in)
    {
      show_message (self, NULL, FALSE);
      /* Enter now signs in; focus moves there unless the person is still typing. */
      gtk_window_set_default_widget (GTK_WINDOW (self), self->sign_in_button);
      if (focus == NULL || focus == self->create_button)
        gtk_widget_grab_focus (self->sign_in_button);
    }
  else
    {
      gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
      if (gtk_widget_has_focus (self->sign_in_button))
        gtk_widget_grab_focus (self->create_button);
    }
  create_actions_update (self);
}

/* app.sign-in lives on the application, which the main window is part of. */
static void
sign_in (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (!gtk_widget_activate_action (widget, "app.sign-in", NULL) && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "app.sign-in", NULL);
}

static void
hb_create_app_dialog_constructed (GObject *object)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (object);

  G_OBJECT_CLASS (hb_create_app_dialog_parent_class)->constructed (object);

  if (self->client != NULL)
    g_signal_connect_object (self->client, "notify::signed-in", G_CALLBACK (on_signed_in_changed),
                             self, G_CONNECT_SWAPPED);
  on_signed_in_changed (self);
}

static void
hb_create_app_dialog_dispose (GObject *object)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->slow_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_CREATE_APP_DIALOG);
  g_clear_object (&self->client);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (hb_create_app_dialog_parent_class)->dispose (object);
}

static void
hb_create_app_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_create_app_dialog_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* What is typed right after Ctrl+N is the name, and Enter then creates (the name row
 * activates the default, Create, which waits for a valid name). Set once mapped: a focus set
 * before that made GTK 4.8 give the window the role "filler" instead of "frame" on AT-SPI. */
static void
hb_create_app_dialog_map (GtkWidget *widget)
{
  HbCreateAppDialog *self = HB_CREATE_APP_DIALOG (widget);

  GTK_WIDGET_CLASS (hb_create_app_dialog_parent_class)->map (widget);
  if (!self->mapped_once)
    {
      hb_ui_expose_editable (GTK_WIDGET (self->name_row), _ ("Name"));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
    }
  self->mapped_once = TRUE;
}

static void
hb_create_app_dialog_class_init (HbCreateAppDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_create_app_dialog_constructed;
  object_class->dispose = hb_create_app_dialog_dispose;
  object_class->get_property = hb_create_app_dialog_get_property;
  object_class->set_property = hb_create_app_dialog_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = hb_create_app_dialog_close_request;
  widget_class->map = hb_create_app_dialog_map;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, HB_TYPE_APP);

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-create-app-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, slow_label);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, signed_out_box);
  gtk_widget_class_bind_template_child (widget_class, HbCreateAppDialog, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_install_action (widget_class, "create.submit", NULL, submit);
  gtk_widget_class_install_action (widget_class, "create.sign-in", NULL, sign_in);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hb_create_app_dialog_init (HbCreateAppDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_name_combo_row (self->region_row);
  self->cancellable = g_cancellable_new ();
  create_actions_update (self);
}

HbCreateAppDialog *
hb_create_app_dialog_new (HbClient *client, GtkWindow *parent)
{
  return g_object_new (HB_TYPE_CREATE_APP_DIALOG, "client", client, "transient-for", parent, NULL);
}
