/* hb-drains-page.c: an application's log drains: each address and token, copied with a button;
 * add a checked address; remove after asking, with Undo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-page-private.h"
#include "hb-drains-page.h"
#include "hb-ui-util.h"

struct _HbDrainsPage
{
  HbAppPage parent_instance;

  gboolean adding; /* an add is under way: the field waits for its answer */

  GtkEntry *url_entry;
  GtkButton *add_button;
  GtkLabel *hint_label;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (HbDrainsPage, hb_drains_page, HB_TYPE_APP_PAGE)

/* AppHarbor forwards a log to these (its drains documentation). */
static const char *const schemes[] = { "syslog", "http", "https", NULL };

char *
hb_drains_page_check_url (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  const char *host;

  if (text == NULL || *text == '\0')
    return g_strdup (_ ("Enter the address the log should go to"));
  /* GUri takes "exa mple.com" as a host name. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
      return g_strdup (_ ("An address has no spaces"));
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_ ("This is not an address; a drain's looks like "
                        "syslog://logs.example.com:514"));
  if (!g_strv_contains (schemes, g_uri_get_scheme (uri)))
    return g_strdup (_ ("A drain's address starts with syslog://, http:// or https://"));
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return g_strdup (_ ("The address needs a host name after “//”"));
  return NULL;
}

static HbClient *
client (HbDrainsPage *self)
{
  return hb_app_page_get_client (HB_APP_PAGE (self));
}

static const char *
slug (HbDrainsPage *self)
{
  return hb_app_get_slug (hb_app_page_get_app (HB_APP_PAGE (self)));
}

static GCancellable *
cancellable (HbDrainsPage *self)
{
  return hb_app_page_get_cancellable (HB_APP_PAGE (self));
}

/* The address as typed, without the spaces around it. */
static char *
typed_url (HbDrainsPage *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
}

/* Add Drain is on once something is typed: pressed with an address that cannot be a drain's,
 * it says why under the field (a button that is merely off would not). */
static void
drains_actions_update (HbAppPage *page)
{
  HbDrainsPage *self = HB_DRAINS_PAGE (page);
  gboolean ready = hb_app_page_get_list (page) != NULL;
  g_autofree char *url = NULL;

  if (self->url_entry == NULL) /* disposed */
    return;
  url = typed_url (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "drains.add",
                                 ready && !self->adding && *url != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "drains.reload", ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_entry), ready && !self->adding);
}

/* Shows @text (plain) under the field, and tells assistive technologies the field is wrong;
 * NULL takes the error away. */
static void
show_error (HbDrainsPage *self, const char *text)
{
  gboolean shown = text != NULL;

  gtk_label_set_text (self->error_label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), shown);
  if (shown)
    gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->url_entry), GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->url_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  shown ? text : gtk_label_get_text (self->hint_label), -1);
}

static void
set_adding (HbDrainsPage *self, gboolean adding)
{
  self->adding = adding;
  hb_app_page_actions_update (HB_APP_PAGE (self));
}

/* Typing again answers the last problem. */
static void
on_url_changed (HbDrainsPage *self)
{
  show_error (self, NULL);
  hb_app_page_actions_update (HB_APP_PAGE (self));
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_app_page_reload (HB_APP_PAGE (widget));
}

/* ---- adding ---- */

typedef struct
{
  HbDrainsPage *self;
  char *url;
  gboolean undo; /* putting back a drain just removed */
} Op;

static Op *
op_new (HbDrainsPage *self, const char *url, gboolean undo)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->url = g_strdup (url);
  op->undo = undo;
  return op;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  g_free (op->url);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

/* The server's words under what they mean; the field keeps what was typed. */
static void
show_request_error (HbDrainsPage *self, const GError *error)
{
  g_autofree char *text = hb_ui_error_to_text (error);
  g_autofree char *both = g_strdup_printf ("%s: %s", text, error->message);

  show_error (self, both);
}

static void
add_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Op) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) drain =
      hb_client_create_resource_finish (HB_CLIENT (source), result, &error);
  HbDrainsPage *self = op->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!op->undo)
    set_adding (self, FALSE);
  if (drain == NULL)
    {
      g_autofree char *text = NULL;

      /* A lost answer may hide a drain that was added: the list asks again. */
      if (error->domain != HB_API_ERROR)
        hb_app_page_reload (HB_APP_PAGE (self));
      if (!op->undo)
        {
          show_request_error (self, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
          return;
        }
      text = hb_ui_error_to_text (error);
      hb_ui_add_toast (GTK_WIDGET (self),
                       hb_ui_toast_new_printf (_ ("Could not add %s again: %s"), op->url, text));
      return;
    }

  if (op->undo)
    hb_ui_add_toast (GTK_WIDGET (self), hb_ui_toast_new_printf (
                                            _ ("Drain %s added again, with a new token"), op->url));
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->url_entry), "");
      hb_ui_add_toast (GTK_WIDGET (self), hb_ui_toast_new_printf (_ ("Drain %s added"), op->url));
    }
  hb_app_page_reload (HB_APP_PAGE (self));
}

static void
send_add (HbDrainsPage *self, const char *url, gboolean undo)
{
  const char *const values[] = { url, NULL };

  if (!undo)
    set_adding (self, TRUE);
  hb_client_create_resource_async (client (self), HB_TYPE_DRAIN, slug (self), values,
                                   cancellable (self), add_cb, op_new (self, url, undo));
}

/* The address is checked here first: only one that can be a drain's is sent. */
static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbDrainsPage *self = HB_DRAINS_PAGE (widget);
  g_autofree char *url = typed_url (self);
  g_autofree char *problem = hb_drains_page_check_url (url);

  if (hb_app_page_get_app (HB_APP_PAGE (self)) == NULL || self->adding)
    return;
  if (problem != NULL)
    {
      show_error (self, problem);
      return;
    }
  send_add (self, url, FALSE);
}

/* Enter is Add Drain; on an empty field it says what to type. */
static void
on_url_activate (HbDrainsPage *self)
{
  g_autofree char *url = typed_url (self);
  g_autofree char *problem = hb_drains_page_check_url (url);

  if (*url == '\0')
    show_error (self, problem);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "drains.add", NULL);
}

/* ---- removing, after asking, with Undo ---- */

static void
on_undo_remove (AdwToast *toast, Op *op)
{
  if (hb_app_page_get_app (HB_APP_PAGE (op->self)) != NULL)
    send_add (op->self, op->url, TRUE);
}

typedef struct
{
  HbDrainsPage *self;
  HbApp *app; /* whose drain it was: Undo puts it back only while that app is shown */
  char *id;
  char *url;
} RemoveOp;

static RemoveOp *
remove_op_new (HbDrainsPage *self, const char *id, const char *url)
{
  RemoveOp *op = g_new0 (RemoveOp, 1);

  op->self = g_object_ref (self);
  op->app = g_object_ref (hb_app_page_get_app (HB_APP_PAGE (self)));
  op->id = g_strdup (id);
  op->url = g_strdup (url);
  return op;
}

static void
remove_op_free (RemoveOp *op)
{
  g_object_unref (op->self);
  g_object_unref (op->app);
  g_free (op->id);
  g_free (op->url);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveOp, remove_op_free)

static void
remove_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (RemoveOp) op = user_data;
  g_autoptr (GError) error = NULL;
  HbDrainsPage *self = op->self;
  AdwToast *toast;
  guint position;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_add_toast (GTK_WIDGET (self),
                       hb_ui_toast_new_printf (_ ("Could not remove %s: %s"), op->url, text));
      hb_app_page_reload (HB_APP_PAGE (self)); /* show what the server kept */
      return;
    }

  /* Gone at once; a reload would flash the list for nothing. */
  if (hb_app_page_find (HB_APP_PAGE (self), op->id, &position) != NULL)
    hb_remote_list_remove_item (hb_app_page_get_list (HB_APP_PAGE (self)), position);
  toast = hb_ui_toast_new_printf (_ ("Drain %s removed"), op->url);
  if (hb_app_page_get_app (HB_APP_PAGE (self)) == op->app)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove),
                             op_new (self, op->url, TRUE),
                             (GClosureNotify) (void (*) (void)) op_free, 0);
    }
  hb_ui_add_toast (GTK_WIDGET (self), toast);
}

static void
on_remove_response (AdwMessageDialog *dialog, const char *response, RemoveOp *op)
{
  HbDrainsPage *self = op->self;

  /* Another application may be shown by now: its page has a new cancellable. */
  if (g_strcmp0 (response, "remove") != 0 || hb_app_page_get_app (HB_APP_PAGE (self)) != op->app)
    return;
  hb_client_delete_resource_async (client (self), HB_TYPE_DRAIN, slug (self), op->id,
                                   cancellable (self), remove_cb,
                                   remove_op_new (self, op->id, op->url));
}

void
hb_drains_page_remove (HbDrainsPage *self, const char *id)
{
  HbResource *drain;
  GtkRoot *root;
  AdwMessageDialog *dialog;
  const char *url;

  g_return_if_fail (HB_IS_DRAINS_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  drain = hb_app_page_find (HB_APP_PAGE (self), id, NULL);
  if (drain == NULL)
    return;
  url = hb_resource_get_value (drain);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));
  adw_message_dialog_set_heading (dialog, _ ("Remove Drain?"));
  /* Plain text: the address came from the server. */
  adw_message_dialog_format_body (
      dialog, _ ("The log of “%s” stops going to %s, and the drain's token stops working."),
      hb_app_get_name (hb_app_page_get_app (HB_APP_PAGE (self))), url);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "remove", _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response),
                         remove_op_new (self, id, url),
                         (GClosureNotify) (void (*) (void)) remove_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_drains_page_remove (HB_DRAINS_PAGE (widget), g_variant_get_string (param, NULL));
}

/* ---- copying ---- */

static void
copy_url_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbResource *drain =
      hb_app_page_find (HB_APP_PAGE (widget), g_variant_get_string (param, NULL), NULL);

  if (drain != NULL)
    hb_ui_copy_text (widget, hb_resource_get_value (drain));
}

static void
copy_token_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbResource *drain =
      hb_app_page_find (HB_APP_PAGE (widget), g_variant_get_string (param, NULL), NULL);

  if (drain != NULL)
    hb_ui_copy_text (widget, hb_drain_get_token (HB_DRAIN (drain)));
}

/* ---- rows ---- */

/* @name is what assistive technologies say: it names the drain, since every row has one. A
 * text button's label is a plain child: one set with gtk_button_set_label () would name the
 * button itself (and rows would repeat one mnemonic). */
static GtkWidget *
row_button (
    const char *label, const char *icon, const char *name, const char *action, const char *id)
{
  GtkWidget *button = icon != NULL ? gtk_button_new_from_icon_name (icon) : gtk_button_new ();

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  if (icon != NULL)
    gtk_widget_set_tooltip_text (button, label);
  else
    gtk_button_set_child (GTK_BUTTON (button), gtk_label_new (label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
drains_create_row (HbAppPage *page, gpointer item)
{
  const char *id = hb_resource_get_id (item);
  const char *url = hb_resource_get_value (item);
  g_autofree char *copy_url = g_strdup_printf (_ ("Copy Address of %s"), url);
  g_autofree char *copy_token = g_strdup_printf (_ ("Copy Token of %s"), url);
  g_autofree char *remove = g_strdup_printf (_ ("Remove %s"), url);
  GtkWidget *row = adw_action_row_new ();

  /* Plain text before any text: the address and the token come from the server. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), url);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hb_drain_get_token (HB_DRAIN (item)));
  gtk_widget_add_css_class (row, "property"); /* the token in monospace */

  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row), row_button (_ ("Copy Address"), NULL, copy_url, "drains.copy-url", id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (_ ("Copy Token"), NULL, copy_token,
                                                               "drains.copy-token", id));
  adw_action_row_add_suffix (
      ADW_ACTION_ROW (row),
      row_button (_ ("Remove Drain"), "user-trash-symbolic", remove, "drains.remove", id));
  return row;
}

static HbRemoteList *
drains_create_list (HbAppPage *page, HbClient *client, HbApp *app)
{
  return HB_REMOTE_LIST (hb_resource_list_new (client, HB_TYPE_DRAIN, hb_app_get_slug (app)));
}

/* What was typed for one application is not added to another. */
static void
on_app_changed (HbDrainsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), "");
  self->adding = FALSE;
  show_error (self, NULL);
  hb_app_page_actions_update (HB_APP_PAGE (self));
}

/* ---- GObject ---- */

static void
hb_drains_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_DRAINS_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (hb_drains_page_parent_class)->dispose (object);
}

static void
hb_drains_page_class_init (HbDrainsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  object_class->dispose = hb_drains_page_dispose;
  page_class->create_list = drains_create_list;
  page_class->create_row = drains_create_row;
  page_class->actions_update = drains_actions_update;

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-drains-page.ui");
  hb_app_page_class_bind_template_children (widget_class, TRUE);
  gtk_widget_class_bind_template_child (widget_class, HbDrainsPage, url_entry);
  gtk_widget_class_bind_template_child (widget_class, HbDrainsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, HbDrainsPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, HbDrainsPage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_url_activate);

  gtk_widget_class_install_action (widget_class, "drains.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "drains.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "drains.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "drains.copy-url", "s", copy_url_action);
  gtk_widget_class_install_action (widget_class, "drains.copy-token", "s", copy_token_action);
}

static void
hb_drains_page_init (HbDrainsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_error (self, NULL);
  g_signal_connect (self, "notify::app", G_CALLBACK (on_app_changed), NULL);
}

GtkWidget *
hb_drains_page_new (HbClient *client)
{
  return g_object_new (HB_TYPE_DRAINS_PAGE, "client", client, NULL);
}
