/* hb-resources-page.c: one kind of an application's items (collaborators, hostnames…): add,
 * remove, and a collaborator's role; what differs is the kind's descriptor
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-app-page-private.h"
#include "hb-form-dialog.h"
#include "hb-resource-descriptors.h"
#include "hb-resources-page.h"
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

  gtk_widget_action_set_enabled (GTK_WIDGET (page), "resources.add", ready);
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

/* ---- adding ---- */

typedef struct
{
  HbResourcesPage *self;
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
      /* What was typed comes back with the reason (402: a card is needed, and so on). */
      open_add_dialog (op->self, op, error);
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Added"));
  hb_app_page_reload (HB_APP_PAGE (op->self));
}

void
hb_resources_page_add (HbResourcesPage *self, const char *value, HbCollaboratorRole role)
{
  const char *values[] = { value, hb_collaborator_role_to_string (role), NULL };

  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL);

  /* The kind's create fields: the value, and the role where there is one. */
  if (!self->descriptor->has_role)
    values[1] = NULL;
  hb_client_create_resource_async (client (self), self->kind, slug (self), values,
                                   cancellable (self), add_cb, add_op_new (self, value, role));
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

  hb_form_dialog_add_entry (dialog, value_title, op->value,
                            HB_FORM_FIELD_REQUIRED | HB_FORM_FIELD_ACTIVATES_DEFAULT |
                                HB_FORM_FIELD_PLACEHOLDER);
  if (self->descriptor->has_role)
    hb_form_dialog_add_choice (dialog, _ ("Role"), role_names (), position_for_role (op->role));
  hb_form_dialog_set_error (dialog, error);
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
toast_error (HbResourcesPage *self, const GError *error)
{
  g_autofree char *text = hb_ui_error_to_text (error);

  hb_ui_toast (GTK_WIDGET (self), text);
}

static void
remove_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IdOp) op = user_data;
  g_autoptr (GError) error = NULL;
  guint position;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (op->self, error);
      return;
    }
  /* Gone at once; a reload would flash the list for nothing. */
  if (hb_app_page_find (HB_APP_PAGE (op->self), op->id, &position) != NULL)
    hb_remote_list_remove_item (hb_app_page_get_list (HB_APP_PAGE (op->self)), position);
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Removed"));
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
remove_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_resources_page_remove (HB_RESOURCES_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
role_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IdOp) op = user_data;
  g_autoptr (GError) error = NULL;

  if (!hb_client_update_resource_finish (HB_CLIENT (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast_error (op->self, error);
      hb_app_page_reload (HB_APP_PAGE (op->self)); /* show the role the server kept */
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Role changed"));
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

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              position_for_role (hb_collaborator_get_role (item)));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Role"), -1);
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
