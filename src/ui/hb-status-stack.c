/* hb-status-stack.c: loading / empty / error (with Retry) / content switcher for a remote view
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-status-stack.h"
#include "hb-ui-util.h"

struct _HbStatusStack
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkSpinner *spinner;
  AdwBin *content_bin;
  AdwStatusPage *empty_page; /* built on first use: most views never show it */
  AdwStatusPage *error_page; /* likewise */
  GtkWidget *retry_button;

  GListModel *model;
  gulong items_changed_id;
  GBindingGroup *list_bindings; /* loading and error follow the list given to set_list() */
  gboolean loading;
  GError *error;
  char *empty_title;
  char *empty_description;
  char *empty_icon_name;
  char *retry_action_name;
};

G_DEFINE_FINAL_TYPE (HbStatusStack, hb_status_stack, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_MODEL,
  PROP_LOADING,
  PROP_ERROR,
  PROP_CONTENT,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  PROP_RETRY_ACTION_NAME,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AdwStatusPage *
status_page_new (HbStatusStack *self, const char *name)
{
  GtkWidget *page = adw_status_page_new ();

  gtk_widget_add_css_class (page, "compact");
  gtk_stack_add_named (self->stack, page, name);
  return ADW_STATUS_PAGE (page);
}

/* The descriptions are plain text (a translation may hold an ampersand); the page's is markup. */
static gboolean
plain_to_markup (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  const char *text = g_value_get_string (from);

  g_value_take_string (to, text != NULL ? g_markup_escape_text (text, -1) : NULL);
  return TRUE;
}

static void
ensure_empty_page (HbStatusStack *self)
{
  if (self->empty_page != NULL)
    return;
  self->empty_page = status_page_new (self, "empty");
  g_object_bind_property (self, "empty-title", self->empty_page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self, "empty-description", self->empty_page, "description",
                               G_BINDING_SYNC_CREATE, plain_to_markup, NULL, NULL, NULL);
  g_object_bind_property (self, "empty-icon-name", self->empty_page, "icon-name",
                          G_BINDING_SYNC_CREATE);
}

static void
ensure_error_page (HbStatusStack *self)
{
  if (self->error_page != NULL)
    return;
  self->error_page = status_page_new (self, "error");
  adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");

  self->retry_button = gtk_button_new_with_mnemonic (_ ("_Retry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->retry_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Retry"), -1);
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->retry_button, "pill");
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  g_object_bind_property (self, "retry-action-name", self->retry_button, "action-name",
                          G_BINDING_SYNC_CREATE);
  adw_status_page_set_child (self->error_page, self->retry_button);
}

/* What failed and what to do; the server's own words underneath. */
static void
update_error_page (HbStatusStack *self)
{
  g_autofree char *title = NULL;

  if (self->error == NULL)
    return;
  ensure_error_page (self);
  title = hb_ui_error_to_text (self->error);
  adw_status_page_set_title (self->error_page, title);
  hb_ui_status_page_set_description (self->error_page, self->error->message);
}

/* Content wins while items exist, so a refresh never blanks the list; a failed load with
 * nothing to show is an error page with Retry; an empty answer is the empty page. */
static void
update_page (HbStatusStack *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  const char *page;

  if (self->error != NULL && !self->loading)
    page = "error";
  else if (n > 0)
    page = "content";
  else if (self->loading || self->model == NULL)
    page = "loading";
  else
    page = "empty";

  if (g_str_equal (page, "empty"))
    ensure_empty_page (self);
  else if (g_str_equal (page, "error"))
    update_error_page (self);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0)
    return;
  gtk_stack_set_visible_child_name (self->stack, page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
on_items_changed (HbStatusStack *self)
{
  update_page (self);
}

void
hb_status_stack_set_model (HbStatusStack *self, GListModel *model)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id =
        g_signal_connect_swapped (model, "items-changed", G_CALLBACK (on_items_changed), self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * hb_status_stack_set_list:
 * @list: (nullable): the list the view shows
 *
 * Shows @list's items, and its `loading` and `error` from now on: what every view
 * over one #HbRemoteList would otherwise bind by hand.
 */
void
hb_status_stack_set_list (HbStatusStack *self, HbRemoteList *list)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));
  g_return_if_fail (list == NULL || HB_IS_REMOTE_LIST (list));

  hb_status_stack_set_model (self, G_LIST_MODEL (list));
  g_binding_group_set_source (self->list_bindings, list);
  if (list == NULL)
    {
      hb_status_stack_set_loading (self, FALSE);
      hb_status_stack_set_error (self, NULL);
    }
}

void
hb_status_stack_set_loading (HbStatusStack *self, gboolean loading)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));

  loading = !!loading;
  if (self->loading == loading)
    return;
  self->loading = loading;
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
hb_status_stack_set_error (HbStatusStack *self, const GError *error)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));

  /* A binding hands over a copy each time: the same failure again is no change. */
  if (self->error == error || (self->error != NULL && error != NULL &&
                               g_error_matches (error, self->error->domain, self->error->code) &&
                               g_strcmp0 (error->message, self->error->message) == 0))
    return;
  g_clear_error (&self->error);
  self->error = error != NULL ? g_error_copy (error) : NULL;
  update_page (self); /* fills the error page when it shows it */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

const GError *
hb_status_stack_get_error (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), NULL);
  return self->error;
}

void
hb_status_stack_set_content (HbStatusStack *self, GtkWidget *content)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));

  if (adw_bin_get_child (self->content_bin) == content)
    return;
  adw_bin_set_child (self->content_bin, content);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/* The error page's Retry button, once an error has been shown (NULL before). */
GtkWidget *
hb_status_stack_get_retry_button (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), NULL);
  return self->retry_button;
}

const char *
hb_status_stack_get_page (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
hb_status_stack_dispose (GObject *object)
{
  HbStatusStack *self = HB_STATUS_STACK (object);

  g_clear_object (&self->list_bindings);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_STATUS_STACK);
  hb_ui_unparent_children (GTK_WIDGET (self));
  self->empty_page = NULL;
  self->error_page = NULL;
  self->retry_button = NULL;

  G_OBJECT_CLASS (hb_status_stack_parent_class)->dispose (object);
}

static void
hb_status_stack_finalize (GObject *object)
{
  HbStatusStack *self = HB_STATUS_STACK (object);

  g_clear_error (&self->error);
  g_free (self->empty_title);
  g_free (self->empty_description);
  g_free (self->empty_icon_name);
  g_free (self->retry_action_name);

  G_OBJECT_CLASS (hb_status_stack_parent_class)->finalize (object);
}

static void
hb_status_stack_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbStatusStack *self = HB_STATUS_STACK (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_CONTENT:
      g_value_set_object (value, adw_bin_get_child (self->content_bin));
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, self->empty_title);
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, self->empty_description);
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, self->empty_icon_name);
      break;
    case PROP_RETRY_ACTION_NAME:
      g_value_set_string (value, self->retry_action_name);
      break;
    case PROP_PAGE:
      g_value_set_string (value, hb_status_stack_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_status_stack_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  HbStatusStack *self = HB_STATUS_STACK (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      hb_status_stack_set_model (self, g_value_get_object (value));
      break;
    case PROP_LOADING:
      hb_status_stack_set_loading (self, g_value_get_boolean (value));
      break;
    case PROP_ERROR:
      hb_status_stack_set_error (self, g_value_get_boxed (value));
      break;
    case PROP_CONTENT:
      hb_status_stack_set_content (self, g_value_get_object (value));
      break;
    case PROP_EMPTY_TITLE:
      if (set_string (&self->empty_title, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_EMPTY_DESCRIPTION:
      if (set_string (&self->empty_description, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_EMPTY_ICON_NAME:
      if (set_string (&self->empty_icon_name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_RETRY_ACTION_NAME:
      if (set_string (&self->retry_action_name, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_status_stack_class_init (HbStatusStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_status_stack_dispose;
  object_class->finalize = hb_status_stack_finalize;
  object_class->get_property = hb_status_stack_get_property;
  object_class->set_property = hb_status_stack_set_property;

  properties[PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, rw);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, rw);
  properties[PROP_CONTENT] = g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET, rw);
  properties[PROP_EMPTY_TITLE] = g_param_spec_string ("empty-title", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_DESCRIPTION] =
      g_param_spec_string ("empty-description", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_ICON_NAME] = g_param_spec_string ("empty-icon-name", NULL, NULL, NULL, rw);
  properties[PROP_RETRY_ACTION_NAME] =
      g_param_spec_string ("retry-action-name", NULL, NULL, NULL, rw);
  properties[PROP_PAGE] =
      g_param_spec_string ("page", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-status-stack.ui");
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, stack);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, content_bin);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, spinner);
}

static void
hb_status_stack_init (HbStatusStack *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_spin_while_mapped (self->spinner);
  self->list_bindings = g_binding_group_new ();
  g_binding_group_bind (self->list_bindings, "loading", self, "loading", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->list_bindings, "error", self, "error", G_BINDING_SYNC_CREATE);
  update_page (self);
}

GtkWidget *
hb_status_stack_new (void)
{
  return g_object_new (HB_TYPE_STATUS_STACK, NULL);
}
