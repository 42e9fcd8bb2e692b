/* hb-status-stack.c: loading / empty / error (with Retry) / content switcher for a remote view
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-status-stack.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

struct _HbStatusStack
{
  GtkWidget parent_instance;

  GtkBox *box;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkWidget *slow_label;
  guint slow_id;
  AdwBin *content_bin;
  GtkRevealer *banner; /* out of date: built on first use, above the stack */
  GtkLabel *banner_label;
  GtkWidget *banner_retry;
  AdwStatusPage *empty_page; /* built on first use: most views never show it */
  AdwStatusPage *error_page; /* likewise */
  GtkWidget *retry_button;

  GListModel *model;
  gulong items_changed_id;
  GBindingGroup *list_bindings; /* loading and error follow the list given to set_list() */
  HbRemoteList *list;           /* that list (a weak pointer): its items, age and Retry */
  gboolean loading;
  GError *error;
  gboolean stale; /* the banner shows: a failed refresh over items */
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
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AdwStatusPage *
status_page_new (HbStatusStack *self, const char *name)
{
  GtkWidget *page = adw_status_page_new ();

  gtk_widget_add_css_class (page, "compact");
  hb_ui_name_status_page (ADW_STATUS_PAGE (page));
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

  /* Named by its label ("Retry"): a name of its own was read before it ("_Retry Retry"). */
  self->retry_button = gtk_button_new_with_mnemonic (_ ("_Retry"));
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

/* ---- out of date ---- */

/* Retry asks again what failed: the next page after a failed Load More (the pages shown
 * stay), otherwise what the view's Retry does. */
static void
on_banner_retry (HbStatusStack *self)
{
  if (self->list != NULL &&
      (hb_remote_list_get_appending (self->list) || self->retry_action_name == NULL))
    hb_remote_list_retry (self->list);
  else if (self->retry_action_name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), self->retry_action_name, NULL);
}

static void
ensure_banner (HbStatusStack *self)
{
  GtkWidget *box, *icon, *button;

  if (self->banner != NULL)
    return;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (box, "hb-banner");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  icon = gtk_image_new_from_icon_name ("network-error-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  self->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->banner_label, TRUE);
  gtk_label_set_xalign (self->banner_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->banner_label), TRUE);
  button = gtk_button_new_with_mnemonic (_ ("_Retry"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Retry"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_banner_retry), self,
                           G_CONNECT_SWAPPED);
  self->banner_retry = button;
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->banner_label));
  gtk_box_append (GTK_BOX (box), button);

  self->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->banner, box);
  gtk_box_prepend (self->box, GTK_WIDGET (self->banner));
}

/* What failed and how old the items shown are: "Not up to date: The service took too long
 * to answer. Last updated at 14:02." */
static char *
banner_text (HbStatusStack *self)
{
  g_autofree char *reason = hb_ui_error_to_text (self->error);
  GDateTime *updated = self->list != NULL ? hb_remote_list_get_updated (self->list) : NULL;
  g_autofree char *when = updated != NULL ? g_date_time_format (updated, "%H:%M") : NULL;

  if (self->list != NULL && hb_remote_list_get_appending (self->list))
    /* Translators: a Load More that failed; %s says why */
    return g_strdup_printf (_ ("Could not load more: %s."), reason);
  if (when == NULL)
    /* Translators: %s says why */
    return g_strdup_printf (_ ("Not up to date: %s."), reason);
  /* Translators: the first %s says why, the second is a time of day ("14:02") */
  return g_strdup_printf (_ ("Not up to date: %s. Last updated at %s."), reason, when);
}

static void
set_stale (HbStatusStack *self, gboolean stale)
{
  if (stale)
    {
      g_autofree char *text = banner_text (self);

      ensure_banner (self);
      gtk_label_set_text (self->banner_label, text);
      /* The service's own words, for whoever wants them. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_label), self->error->message);
    }
  if (self->banner != NULL)
    gtk_revealer_set_reveal_child (self->banner, stale);
  if (self->stale == stale)
    return;
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* The list's own items, shown or filtered out (a search may hide them all). */
static guint
n_held (HbStatusStack *self, guint n_shown)
{
  return MAX (n_shown, g_list_model_get_n_items (G_LIST_MODEL (self->list)));
}

/* Content wins while items exist, so a refresh never blanks the list, and a failed one keeps
 * a list's items (a whole earlier answer) under the out-of-date banner; a failed load with
 * nothing to show, or a bare model's (a body cut short leaves it partial, not old), is an
 * error page with Retry; an empty answer is the empty page. */
static void
update_page (HbStatusStack *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  gboolean failed = self->error != NULL && !self->loading;
  const char *page;

  set_stale (self, failed && self->list != NULL && n_held (self, n) > 0);
  if (failed && !self->stale)
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
  hb_status_stack_set_list_shown (self, list, G_LIST_MODEL (list));
}

/**
 * hb_status_stack_set_list_shown:
 * @list: (nullable): the list the view shows
 * @shown: (nullable): what of it is shown (filtered, sorted)
 *
 * Like hb_status_stack_set_list (), for a view that shows @list through other models: the
 * pages count what is shown, while a failed refresh keeps content (under the out-of-date
 * banner) as long as @list holds items.
 */
void
hb_status_stack_set_list_shown (HbStatusStack *self, HbRemoteList *list, GListModel *shown)
{
  g_return_if_fail (HB_IS_STATUS_STACK (self));
  g_return_if_fail (list == NULL || HB_IS_REMOTE_LIST (list));

  if (self->list != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->list), (gpointer *) &self->list);
  self->list = list;
  if (list != NULL)
    g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &self->list);
  hb_status_stack_set_model (self, shown);
  g_binding_group_set_source (self->list_bindings, list);
  if (list == NULL)
    {
      hb_status_stack_set_loading (self, FALSE);
      hb_status_stack_set_error (self, NULL);
    }
}

/** hb_status_stack_get_stale: Returns: whether a failed refresh shows items under the
 * out-of-date banner */
gboolean
hb_status_stack_get_stale (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), FALSE);
  return self->stale;
}

/* The out-of-date banner's Retry button, once the banner has been shown (NULL before). */
GtkWidget *
hb_status_stack_get_banner_retry_button (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), NULL);
  return self->banner_retry;
}

/** hb_status_stack_get_banner_text: Returns: (nullable): what the out-of-date banner says */
const char *
hb_status_stack_get_banner_text (HbStatusStack *self)
{
  g_return_val_if_fail (HB_IS_STATUS_STACK (self), NULL);
  return self->stale ? gtk_label_get_text (self->banner_label) : NULL;
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
  if (self->list != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->list), (gpointer *) &self->list);
  self->list = NULL;
  g_clear_handle_id (&self->slow_id, g_source_remove);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_STATUS_STACK);
  hb_ui_unparent_children (GTK_WIDGET (self));
  self->empty_page = NULL;
  self->error_page = NULL;
  self->retry_button = NULL;
  self->banner = NULL;
  self->banner_label = NULL;
  self->banner_retry = NULL;

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
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
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
  /* A failed refresh keeps the items shown, under a banner saying how old they are. */
  properties[PROP_STALE] =
      g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-status-stack.ui");
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, box);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, stack);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, slow_label);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, content_bin);
  gtk_widget_class_bind_template_child (widget_class, HbStatusStack, spinner);
}

/* "Still loading…" once the loading page has been on screen for HB_UI_SLOW_MS. */
static void
show_slow (gpointer user_data)
{
  HbStatusStack *self = user_data;

  self->slow_id = 0;
  gtk_widget_set_visible (self->slow_label, TRUE);
}

static void
loading_shown (HbStatusStack *self)
{
  g_clear_handle_id (&self->slow_id, g_source_remove);
  self->slow_id = g_timeout_add_once (HB_UI_SLOW_MS, show_slow, self);
}

static void
loading_hidden (HbStatusStack *self)
{
  g_clear_handle_id (&self->slow_id, g_source_remove);
  gtk_widget_set_visible (self->slow_label, FALSE);
}

static void
hb_status_stack_init (HbStatusStack *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hb_ui_spin_while_mapped (self->spinner);
  g_signal_connect_swapped (self->spinner, "map", G_CALLBACK (loading_shown), self);
  g_signal_connect_swapped (self->spinner, "unmap", G_CALLBACK (loading_hidden), self);
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
