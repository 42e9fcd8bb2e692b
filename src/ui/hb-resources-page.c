/* hb-resources-page.c: an application's collaborators, hostnames or service hooks: add, remove
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-page-list.h"
#include "hb-resources-page.h"
#include "hb-status-stack.h"
#include "hb-ui-closures.h"

struct _HbResourcesPage
{
  GtkWidget parent_instance;

  HbPageList list; /* the app's items of list.kind, and the cancellable of its requests */

  GtkLabel *add_label;
  HbStatusStack *status_stack;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (HbResourcesPage, hb_resources_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_APP,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- what differs between the kinds ---- */

static gboolean
is_kind (HbResourcesPage *self, GType type)
{
  return self->list.kind == type;
}

/* Items without a url (the owner, the built-in hostname) cannot be changed. */
static gboolean
item_is_editable (HbResourcesPage *self, gpointer item)
{
  if (is_kind (self, HB_TYPE_COLLABORATOR) &&
      hb_collaborator_get_role (item) == HB_COLLABORATOR_ROLE_OWNER)
    return FALSE;
  return hb_resource_is_openable (item);
}

static const char *
add_title (HbResourcesPage *self)
{
  if (is_kind (self, HB_TYPE_COLLABORATOR))
    return _ ("Add Collaborator");
  if (is_kind (self, HB_TYPE_HOSTNAME))
    return _ ("Add Hostname");
  return _ ("Add Service Hook");
}

static const char *
value_title (HbResourcesPage *self)
{
  if (is_kind (self, HB_TYPE_COLLABORATOR))
    return _ ("Email Address");
  if (is_kind (self, HB_TYPE_HOSTNAME))
    return _ ("Hostname");
  return _ ("Address to Notify");
}

static void
resources_actions_update (HbResourcesPage *self)
{
  gboolean ready = self->list.items != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.add", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.reload", ready);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_page_list_reload (&HB_RESOURCES_PAGE (widget)->list);
}

/* ---- adding ---- */

typedef struct
{
  HbResourcesPage *self;
  char *value;
  HbCollaboratorRole role;
} AddOp;

static void
add_op_free (AddOp *op)
{
  g_object_unref (op->self);
  g_free (op->value);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddOp, add_op_free)

static void open_add_dialog (HbResourcesPage *self,
                             const char *value,
                             HbCollaboratorRole role,
                             const GError *error);

static void
add_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (AddOp) op = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbResource) item = NULL;

  item = hb_client_create_resource_finish (HB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (item == NULL)
    {
      /* What was typed comes back with the reason (402: a card is needed, and so on). */
      open_add_dialog (op->self, op->value, op->role, error);
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Added"));
  hb_page_list_reload (&op->self->list);
}

void
hb_resources_page_add (HbResourcesPage *self, const char *value, HbCollaboratorRole role)
{
  const char *values[] = { value, hb_collaborator_role_to_string (role), NULL };
  AddOp *op;

  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (self->list.app != NULL);

  op = g_new0 (AddOp, 1);
  op->self = g_object_ref (self);
  op->value = g_strdup (value);
  op->role = role;
  /* Only collaborators have a second field, the role. */
  if (!is_kind (self, HB_TYPE_COLLABORATOR))
    values[1] = NULL;
  hb_client_create_resource_async (self->list.client, self->list.kind,
                                   hb_app_get_slug (self->list.app), values, self->list.cancellable,
                                   add_cb, op);
}

/* Position 0 is Collaborator, 1 Administrator. */
static HbCollaboratorRole
role_for_position (guint position)
{
  return position == 1 ? HB_COLLABORATOR_ROLE_ADMINISTRATOR : HB_COLLABORATOR_ROLE_COLLABORATOR;
}

static GtkWidget *
role_drop_down_new (HbCollaboratorRole role)
{
  const char *roles[] = { _ ("Collaborator"), _ ("Administrator"), NULL };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (roles);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                              role == HB_COLLABORATOR_ROLE_ADMINISTRATOR ? 1 : 0);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Role"), -1);
  return drop_down;
}

static void
on_add_response (AdwMessageDialog *dialog, const char *response, HbResourcesPage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  GtkDropDown *role = g_object_get_data (G_OBJECT (dialog), "role");
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "add") != 0 || self->list.app == NULL || *value == '\0')
    return;
  hb_resources_page_add (self, value,
                         role != NULL ? role_for_position (gtk_drop_down_get_selected (role))
                                      : HB_COLLABORATOR_ROLE_UNKNOWN);
}

static void
open_add_dialog (HbResourcesPage *self,
                 const char *value,
                 HbCollaboratorRole role,
                 const GError *error)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *drop_down = NULL;

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), value_title (self));
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  value_title (self), -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (is_kind (self, HB_TYPE_COLLABORATOR))
    {
      drop_down = role_drop_down_new (role);
      gtk_box_append (GTK_BOX (box), drop_down);
    }
  dialog =
      hb_ui_form_dialog_new (GTK_WIDGET (self), add_title (self), error, box, "add", _ ("_Add"));
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "role", drop_down);
  hb_ui_form_dialog_require (dialog, "add", GTK_EDITABLE (entry));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  open_add_dialog (HB_RESOURCES_PAGE (widget), NULL, HB_COLLABORATOR_ROLE_COLLABORATOR, NULL);
}

/* ---- removing and changing ---- */

typedef struct
{
  HbResourcesPage *self;
  char *id;
} IdOp;

static void
id_op_free (IdOp *op)
{
  g_object_unref (op->self);
  g_free (op->id);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdOp, id_op_free)

static IdOp *
id_op_new (HbResourcesPage *self, const char *id)
{
  IdOp *op = g_new0 (IdOp, 1);

  op->self = g_object_ref (self);
  op->id = g_strdup (id);
  return op;
}

static void
remove_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (IdOp) op = user_data;
  g_autoptr (GError) error = NULL;
  guint position;

  if (!hb_client_delete_resource_finish (HB_CLIENT (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_toast (GTK_WIDGET (op->self), text);
      return;
    }
  /* Gone at once; a reload would flash the list for nothing. */
  if (hb_page_list_find (&op->self->list, op->id, &position) != NULL)
    hb_remote_list_remove_item (HB_REMOTE_LIST (op->self->list.items), position);
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Removed"));
}

void
hb_resources_page_remove (HbResourcesPage *self, const char *id)
{
  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (self->list.app != NULL);

  hb_client_delete_resource_async (self->list.client, self->list.kind,
                                   hb_app_get_slug (self->list.app), id, self->list.cancellable,
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
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = hb_ui_error_to_text (error);
      hb_ui_toast (GTK_WIDGET (op->self), text);
      hb_page_list_reload (&op->self->list); /* show the role the server kept */
      return;
    }
  hb_ui_toast (GTK_WIDGET (op->self), _ ("Role changed"));
  hb_page_list_reload (&op->self->list);
}

void
hb_resources_page_set_role (HbResourcesPage *self, const char *id, HbCollaboratorRole role)
{
  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));
  g_return_if_fail (is_kind (self, HB_TYPE_COLLABORATOR) && self->list.app != NULL);

  hb_client_update_resource_async (
      self->list.client, HB_TYPE_COLLABORATOR, hb_app_get_slug (self->list.app), id,
      (const char *const[]){ hb_collaborator_role_to_string (role), NULL }, self->list.cancellable,
      role_cb, id_op_new (self, id));
}

static void
on_role_selected (GtkDropDown *drop_down, GParamSpec *pspec, HbResourcesPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (drop_down), "item-id");

  hb_resources_page_set_role (self, id, role_for_position (gtk_drop_down_get_selected (drop_down)));
}

/* ---- rows ---- */

static GtkWidget *
create_row (gpointer item, gpointer user_data)
{
  HbResourcesPage *self = user_data;
  const char *id = hb_resource_get_id (item);
  const char *title = hb_resource_get_title (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (is_kind (self, HB_TYPE_COLLABORATOR))
    {
      HbCollaboratorRole role = hb_collaborator_get_role (item);

      if (item_is_editable (self, item))
        {
          GtkWidget *drop_down = role_drop_down_new (role);

          g_object_set_data_full (G_OBJECT (drop_down), "item-id", g_strdup (id), g_free);
          g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_role_selected),
                                   self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
        }
      else
        {
          g_autofree char *text = hb_ui_role_text (self, role);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        }
    }
  else if (!item_is_editable (self, item))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Built in, cannot be removed"));

  if (item_is_editable (self, item))
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
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* ---- GObject ---- */

void
hb_resources_page_set_app (HbResourcesPage *self, HbApp *app)
{
  g_return_if_fail (HB_IS_RESOURCES_PAGE (self));

  if (!hb_page_list_set_app (&self->list, app))
    return;
  resources_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP]);
}

GListModel *
hb_resources_page_get_model (HbResourcesPage *self)
{
  g_return_val_if_fail (HB_IS_RESOURCES_PAGE (self), NULL);
  return G_LIST_MODEL (self->list.items);
}

gboolean
hb_resources_page_get_loading (HbResourcesPage *self)
{
  g_return_val_if_fail (HB_IS_RESOURCES_PAGE (self), FALSE);
  return hb_page_list_get_loading (&self->list);
}

static void
hb_resources_page_constructed (GObject *object)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (object);

  G_OBJECT_CLASS (hb_resources_page_parent_class)->constructed (object);

  gtk_label_set_text_with_mnemonic (self->add_label, add_title (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  value_title (self), -1);
  g_object_set (
      self->status_stack, "empty-title",
      is_kind (self, HB_TYPE_SERVICE_HOOK) ? _ ("No Service Hooks") : _ ("Nothing Here Yet"), NULL);
  resources_actions_update (self);
}

static void
hb_resources_page_dispose (GObject *object)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_RESOURCES_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (self));
  hb_page_list_clear (&self->list);

  G_OBJECT_CLASS (hb_resources_page_parent_class)->dispose (object);
}

static void
hb_resources_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbResourcesPage *self = HB_RESOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->list.client);
      break;
    case PROP_APP:
      g_value_set_object (value, self->list.app);
      break;
    case PROP_KIND:
      g_value_set_gtype (value, self->list.kind);
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
    case PROP_CLIENT:
      if (hb_page_list_set_client (&self->list, g_value_get_object (value)))
        resources_actions_update (self);
      break;
    case PROP_APP:
      hb_resources_page_set_app (self, g_value_get_object (value));
      break;
    case PROP_KIND:
      self->list.kind = g_value_get_gtype (value);
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

  object_class->constructed = hb_resources_page_constructed;
  object_class->dispose = hb_resources_page_dispose;
  object_class->get_property = hb_resources_page_get_property;
  object_class->set_property = hb_resources_page_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                                                 G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP] =
      g_param_spec_object ("app", NULL, NULL, HB_TYPE_APP,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
      g_param_spec_gtype ("kind", NULL, NULL, HB_TYPE_RESOURCE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HbResourcesPage, add_label);
  gtk_widget_class_bind_template_child (widget_class, HbResourcesPage, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbResourcesPage, list_box);

  gtk_widget_class_install_action (widget_class, "resources.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "resources.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "resources.remove", "s", remove_action);
}

static void
hb_resources_page_init (HbResourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The kind is construct-only: set_property puts it in place before constructed(). */
  hb_page_list_init (&self->list, GTK_WIDGET (self), HB_TYPE_COLLABORATOR, self->status_stack,
                     self->list_box, create_row);
}
