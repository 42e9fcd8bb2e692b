/* hb-resources-page.c: one kind of an application's items (collaborators, hostnames…): add,
 * remove, and a collaborator's role; what differs is the kind's descriptor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "hb-app-page-private.h"
#include "hb-form-dialog.h"
#include "hb-resource-descriptors.h"
#include "hb-resources-page.h"
#include "hb-ui-a11y.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

struct _HbResourcesPage
{
  HbAppPage parent_instance;

  GType kind;
  const HbResourceDescriptor *descriptor;

  GtkLabel *add_label;
};

G_DEFINE_FINAL_TYPE (HbResourcesPage, hb_resources_page, HB_TYPE_APP_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static HbRemoteList *
resources_create_list (HbAppPage *page, HbClient *client, HbApp *app)
{
  return HB_REMOTE_LIST (
      hb_resource_list_new (client, HB_RESOURCES_PAGE (page)->kind, hb_app_get_slug (app)));
}

static void
resources_actions_update (HbAppPage *page)
{
  gboolean ready = hb_app_page_get_list (page) != NULL;
  gboolean writable = ready && hb_app_page_get_reachable (page);

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "resources.add", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "resources.remove", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (page), "resources.reload", ready);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_app_page_reload (HB_APP_PAGE (widget));
}

static HbClient *
client (HbResourcesPage *self)
{
  return hb_app_page_get_client (HB_APP_PAGE (self));
}

static const char *
slug (HbResourcesPage *self)
{
  return hb_app_get_slug (hb_app_page_get_app (HB_APP_PAGE (self)));
}

static GCancellable *
cancellable (HbResourcesPage *self)
{
  return hb_app_page_get_cancellable (HB_APP_PAGE (self));
}

/* Items without a url (the owner, the built-in hostname) cannot be changed. */
static gboolean
item_is_editable (HbResourcesPage *self, gpointer item)
{
  if (self->descriptor->has_role && hb_collaborator_get_role (item) == HB_COLLABORATOR_ROLE_OWNER)
    return FALSE;
  return hb_resource_is_openable (item);
}

/* The role chooser lists Collaborator, then Administrator. */
static const char *const *
role_names (void)
{
  static const char *names[3];

  names[0] = _ ("Collaborator");
  names[1] = _ ("Administrator");
  return names;
}

static HbCollaboratorRole
role_for_position (guint position)
{
  return position == 1 ? HB_COLLABORATOR_ROLE_ADMINISTRATOR : HB_COLLABORATOR_ROLE_COLLABORATOR;
}

static guint
position_for_role (HbCollaboratorRole role)
{
  return role == HB_COLLABORATOR_ROLE_ADMINISTRATOR ? 1 : 0;
}

/* A toast from a kind's message (translated here), its "%s" replaced by @what: the message is
 * not a literal, so it is no printf format either. */
static AdwToast *
toast_new_about (const char *message, const char *what)
{
  g_autoptr (GString) text = g_string_new (_ (message));
  const char *at = strstr (text->str, "%s");

  if (at != NULL)
    {
      gssize position = at - text->str;

      g_string_erase (text, position, 2);
      g_string_insert (text, position, what);
    }
  return hb_ui_toast_new (text->str);
}

static void
toast_error (HbResourcesPage *self, const GError *error)
{
  g_autofree char *text = hb_ui_error_to_text (error);

  hb_ui_toast (GTK_WIDGET (self), text);
}

/* ---- adding ---- */

/* What to add, and to which application: an Undo adds back to the app it removed from. */
typedef struct
{
  HbResourcesPage *self;
  HbApp *app; /* NULL: the one shown when sent */
  char *value;
  HbCollaboratorRole role;
} AddOp;

static AddOp *
add_op_new (HbResourcesPage *self, const char *value, HbCollaboratorRole role)
{
  AddOp *op = g_new0 (AddOp, 1);

  op->self = g_object_ref (self);
  op->value = g_strdup (value);
  op->role = role;
  return op;
}

static void
add_op_free (AddOp *op)
{
  g_object_unref (op->self);
  g_clear_object (&op->app);
  g_free (op->value);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddOp, add_op_free)

static void open_add_dialog (HbResourcesPage *self, AddOp *op, const GError *error);

static void
add_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AddOp) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) item =
      hb_client_create_resource_finish (HB_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (item == NULL)
    {
      /* What was typed comes back with the reason (402: a card is needed, and so on); an
       * Undo that failed says so. When whether it was added stayed unknown, the list is asked
       * again too: it may show it. */
      if (g_error_matches (error, HB_API_ERROR, HB_API_ERROR_OUTCOME_UNKNOWN) &&
          (op->app == NULL || op->app == hb_app_page_get_app (HB_APP_PAGE (op->self))))
        hb_app_page_reload (HB_APP_PAGE (op->self));
      if (op->app == NULL)
        open_add_dialog (op->self, op, error);
      else
        toast_error (op->self, error);
      return;
    }
  hb_ui_add_toast (GTK_WIDGET (op->self), toast_new_about (op->self->descriptor->added, op->value));
  if (op->app == NULL || op->app == hb_app_page_get_app (HB_APP_PAGE (op->self)))
    hb_app_page_reload (HB_APP_PAGE (op->self));
}

/* Sends @op (taken): to @op->app, or to the app shown. */
static void
send_add (HbResourcesPage *self, AddOp *op)
{
  HbApp *app = op->app != NULL ? op->app : hb_app_page_get_app (HB_APP_PAGE (self));
  gboolean shown = app == hb_app_page_get_app (HB_APP_PAGE (self));
  const char *values[] = { op->value, hb_collaborator_role_to_string (op->role), NULL };

  /* The kind's create fields: the value, and the role where there is one. */
  if (!self->descriptor->has_role)
    values[1] = NULL;
  /* A request for another app than the one shown is not the page's to cancel. */
  hb_client_create_resource_async (client (self), self->kind, hb_app_get_slug (app), values,
                                   shown ? cancellable (self) : NULL, add_cb, op);
}

void
hb_resources_page_add (HbResourcesPage *self, const char *value, HbCollaboratorRole role)
{
  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  send_add (self, add_op_new (self, value, role));
}

enum
{
  FIELD_VALUE,
  FIELD_ROLE,
};

static void
on_add_submitted (HbFormDialog *dialog, HbResourcesPage *self)
{
  g_autofree char *value = g_strstrip (g_strdup (hb_form_dialog_get_text (dialog, FIELD_VALUE)));
  HbCollaboratorRole role = HB_COLLABORATOR_ROLE_UNKNOWN;

  if (hb_app_page_get_app (HB_APP_PAGE (self)) == NULL)
    return;
  if (self->descriptor->has_role)
    role = role_for_position (hb_form_dialog_get_choice (dialog, FIELD_ROLE));
  hb_resources_page_add (self, value, role);
}

static void
open_add_dialog (HbResourcesPage *self, AddOp *op, const GError *error)
{
  const char *value_title = _ (self->descriptor->value_title);
  HbFormDialog *dialog =
      hb_form_dialog_new (GTK_WIDGET (self), _ (self->descriptor->add_title), _ ("_Add"));

  /* Titled rows, as the Add Variable dialog has: a placeholder is gone once typing starts. */
  hb_form_dialog_add_row (dialog, value_title, op->value,
                          HB_FORM_FIELD_REQUIRED | HB_FORM_FIELD_ACTIVATES_DEFAULT);
  if (self->descriptor->has_role)
    hb_form_dialog_add_choice (dialog, _ ("Role"), role_names (), position_for_role (op->role));
  hb_form_dialog_set_write_error (
      dialog, error, _ ("Not added"),
      _ ("Harbor could not find out whether it was added. Add it again: if it was, Harbor says "
         "so."));
  g_signal_connect_object (dialog, "submitted", G_CALLBACK (on_add_submitted), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (widget);
  g_autoptr (AddOp) op = add_op_new (self, NULL, HB_COLLABORATOR_ROLE_COLLABORATOR);

  open_add_dialog (self, op, NULL);
}

/* ---- removing and changing ---- */

typedef struct
{
  HbResourcesPage *self;
  char *id;
} IdOp;

static IdOp *
id_op_new (HbResourcesPage *self, const char *id)
{
  IdOp *op = g_new0 (IdOp, 1);

  op->self = g_object_ref (self);
  op->id = g_strdup (id);
  return op;
}

static void
id_op_free (IdOp *op)
{
  g_object_unref (op->self);
  g_free (op->id);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdOp, id_op_free)

static void
on_retry_remove (AdwToast *toast, IdOp *op)
{
  if (hb_app_page_get_app (HB_APP_PAGE (op->self)) != NULL)
    hb_resources_page_remove (op->self, op->id);
}

/* A remove that failed says whether it is known not to have happened, and offers Retry. */
static void
toast_remove_failed (HbResourcesPage *self, const char *id, const GError *error)
{
  g_autofree char *text = hb_ui_write_error_to_text (
      error, _ ("Not removed"), _ ("Harbor could not find out whether it was removed"));
  AdwToast *toast = hb_ui_toast_new (text);

  adw_toast_set_button_label (toast, _ ("_Retry"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_retry_remove),
                         id_op_new (self, id), (GClosureNotify) (void (*) (void)) id_op_free, 0);
  hb_ui_add_toast (GTK_WIDGET (self), toast);
}

static void
on_undo_remove (AdwToast *toast, AddOp *op)
{
  AddOp *again = add_op_new (op->self, op->value, op->role);

  again->app = g_object_ref (op->app);
  send_add (op->self, again);
  /* The toast, and its Undo button with the focus (Alt+U), goes. */
  hb_app_page_focus_start (HB_APP_PAGE (op->self));
}

/* "Hostname “www.example.com” removed", with Undo where adding it again brings it back. */
static void
toast_removed (HbResourcesPage *self, HbResource *item)
{
  AdwToast *toast = toast_new_about (self->descriptor->removed, hb_resource_get_title (item));

  if (self->descriptor->remove_body == NULL)
    {
      AddOp *undo = add_op_new (self, hb_resource_get_value (item), HB_COLLABORATOR_ROLE_UNKNOWN);

      undo->app = g_object_ref (hb_app_page_get_app (HB_APP_PAGE (self)));
      adw_toast_set_button_label (toast, _ ("_Undo"));
      /* Taken by on_undo_remove () when pressed, freed with the toast otherwise. */
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove), undo,
                             (GClosureNotify) (void (*) (void)) add_op_free, 0);
    }
  hb_ui_add_toast (GTK_WIDGET (self), toast);
}

static void
remove_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IdOp) op = user_data;
  g_autoptr (GError) error = NULL;
  HbResource *item;
  guint position;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_remove_failed (op->self, op->id, error);
      return;
    }
  /* Gone at once; a reload would flash the list for nothing. */
  item = hb_app_page_find (HB_APP_PAGE (op->self), op->id, &position);
  if (item == NULL)
    return;
  toast_removed (op->self, item);
  hb_app_page_remove_item (HB_APP_PAGE (op->self), position);
}

void
hb_resources_page_remove (HbResourcesPage *self, const char *id)
{
  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  hb_client_delete_resource_async (client (self), self->kind, slug (self), id, cancellable (self),
                                   remove_cb, id_op_new (self, id));
}

static void
on_remove_response (AdwMessageDialog *dialog, const char *response, IdOp *op)
{
  if (g_strcmp0 (response, "remove") == 0 && hb_app_page_get_app (HB_APP_PAGE (op->self)) != NULL)
    hb_resources_page_remove (op->self, op->id);
}

/* What cannot come back with Undo is removed once the person said so. */
static void
ask_to_remove (HbResourcesPage *self, HbResource *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, NULL));

  hb_ui_hide_squeezed (GTK_WIDGET (dialog));
  adw_message_dialog_format_heading (dialog, _ ("Remove “%s”?"), hb_resource_get_title (item));
  adw_message_dialog_set_body (dialog, _ (self->descriptor->remove_body));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "remove", _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_remove_response),
                         id_op_new (self, hb_resource_get_id (item)),
                         (GClosureNotify) (void (*) (void)) id_op_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  HbResource *item = hb_app_page_find (HB_APP_PAGE (self), id, NULL);

  if (item == NULL)
    return;
  if (self->descriptor->remove_body != NULL)
    ask_to_remove (self, item);
  else
    hb_resources_page_remove (self, id);
}

static void
role_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IdOp) op = user_data;
  g_autoptr (GError) error = NULL;
  HbResource *item;

  if (!hb_client_update_resource_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_write_error_to_text (error, _ ("Role not changed"),
                                        _ ("Harbor could not find out whether the role changed"));
      hb_ui_toast (GTK_WIDGET (op->self), text);
      hb_app_page_reload (HB_APP_PAGE (op->self)); /* show the role the server kept */
      return;
    }
  item = hb_app_page_find (HB_APP_PAGE (op->self), op->id, NULL);
  if (item != NULL)
    hb_ui_add_toast (GTK_WIDGET (op->self), hb_ui_toast_new_printf (_ ("Role of “%s” changed"),
                                                                    hb_resource_get_title (item)));
  hb_app_page_reload (HB_APP_PAGE (op->self));
}

void
hb_resources_page_set_role (HbResourcesPage *self, const char *id, HbCollaboratorRole role)
{
  const char *const values[] = { hb_collaborator_role_to_string (role), NULL };

  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (self->descriptor->has_role);
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  hb_client_update_resource_async (client (self), self->kind, slug (self), id, values,
                                   cancellable (self), role_cb, id_op_new (self, id));
}

/* ---- rows ---- */

/* A row's role chooser names its item; the row lives inside the page, so the page is not
 * referenced. */
typedef struct
{
  HbResourcesPage *self;
  char *id;
} RoleChooser;

static void
role_chooser_free (gpointer data, GClosure *closure)
{
  RoleChooser *chooser = data;

  g_free (chooser->id);
  g_free (chooser);
}

static void
on_role_selected (GtkDropDown *drop_down, GParamSpec *pspec, RoleChooser *chooser)
{
  hb_resources_page_set_role (chooser->self, chooser->id,
                              role_for_position (gtk_drop_down_get_selected (drop_down)));
}

static GtkWidget *
role_drop_down_new (HbResourcesPage *self, gpointer item)
{
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (role_names ());
  RoleChooser *chooser = g_new (RoleChooser, 1);
  /* Translators: the name a screen reader gives a collaborator's role chooser */
  g_autofree char *label = g_strdup_printf (_ ("Role of %s"), hb_resource_get_title (item));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              position_for_role (hb_collaborator_get_role (item)));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  hb_ui_name_drop_down (GTK_DROP_DOWN (drop_down), label);
  chooser->self = self;
  chooser->id = g_strdup (hb_resource_get_id (item));
  g_signal_connect_data (drop_down, "notify::selected", G_CALLBACK (on_role_selected), chooser,
                         role_chooser_free, 0);
  return drop_down;
}

static GtkWidget *
remove_button_new (const char *id, const char *title)
{
  g_autofree char *label = g_strdup_printf (_ ("Remove %s"), title);
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "resources.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  return button;
}

static GtkWidget *
resources_create_row (HbAppPage *page, gpointer item)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (page);
  gboolean editable = item_is_editable (self, item);
  const char *title = hb_resource_get_title (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (self->descriptor->has_role && editable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_drop_down_new (self, item));
  else if (self->descriptor->has_role)
    {
      g_autofree char *text = hb_ui_role_text (self, hb_collaborator_get_role (item));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }
  else if (!editable)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Built in, cannot be removed"));

  if (editable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               remove_button_new (hb_resource_get_id (item), title));
  return row;
}

/* ---- GObject ---- */

static void
hb_resources_page_constructed (GObject *object)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (object);

  G_OBJECT_CLASS (hb_resources_page_parent_class)->constructed (object);

  gtk_label_set_text_with_mnemonic (self->add_label, _ (self->descriptor->add_title));
  gtk_accessible_update_property (GTK_ACCESSIBLE (_hb_app_page_get_list_box (HB_APP_PAGE (self))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ (self->descriptor->list_name),
                                  -1);
  hb_ui_name_descendants (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW,
                          _ (self->descriptor->list_name));
  g_object_set (_hb_app_page_get_status_stack (HB_APP_PAGE (self)), "empty-title",
                _ (self->descriptor->empty_title), NULL);
}

static void
hb_resources_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_RESOURCES_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (object));

  G_OBJECT_CLASS (hb_resources_page_parent_class)->dispose (object);
}

static void
hb_resources_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_gtype (value, HB_RESOURCES_PAGE (object)->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_resources_page_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_gtype (value);
      self->descriptor = hb_resource_descriptor_lookup (self->kind);
      g_return_if_fail (self->descriptor != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_resources_page_class_init (HbResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  object_class->constructed = hb_resources_page_constructed;
  object_class->dispose = hb_resources_page_dispose;
  object_class->get_property = hb_resources_page_get_property;
  object_class->set_property = hb_resources_page_set_property;
  page_class->create_list = resources_create_list;
  page_class->create_row = resources_create_row;
  page_class->actions_update = resources_actions_update;

  /* The kind: a model type with a descriptor (hb-resource-descriptors.c). */
  properties[PROP_KIND] = g_param_spec_gtype ("kind", NULL, NULL, HB_TYPE_RESOURCE,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-resources-page.ui");
  hb_app_page_class_bind_template_children (widget_class, TRUE);
  gtk_widget_class_bind_template_child (widget_class, HbResourcesPage, add_label);

  gtk_widget_class_install_action (widget_class, "resources.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "resources.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "resources.remove", "s", remove_action);
}

static void
hb_resources_page_init (HbResourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hb_resources_page_new (HbClient *client, GType kind)
{
  return g_object_new (HB_TYPE_RESOURCES_PAGE, "client", client, "kind", kind, NULL);
}
