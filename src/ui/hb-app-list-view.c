/* hb-app-list-view.c: the applications pane: searchable, sorted list with status pages
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "hb-app-list-view.h"
#include "hb-app-row.h"
#include "hb-status-stack.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

struct _HbAppListView
{
  GtkWidget parent_instance;

  HbClient *client;
  HbAppList *apps;
  GtkSorter *sorter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GSignalGroup *selected_signals; /* a rename of the chosen app re-sorts the list */

  GtkBox *box;
  GtkSearchBar *search_bar; /* NULL until search is first asked for */
  GtkSearchEntry *search_entry;
  gboolean list_attached;
  HbStatusStack *status_stack;
  GtkListView *list_view;
};

G_DEFINE_FINAL_TYPE (HbAppListView, hb_app_list_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_SELECTED_APP,
  PROP_SEARCH_MODE,
  N_PROPS
};

enum
{
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Search matches the name or the slug, case-insensitively. */
static gboolean
filter_app (gpointer item, gpointer user_data)
{
  HbAppListView *self = user_data;
  const char *text =
      self->search_entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) : NULL;
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;
  g_autofree char *slug = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (hb_app_get_name (item), -1);
  slug = g_utf8_casefold (hb_app_get_slug (item), -1);
  return strstr (name, needle) != NULL || strstr (slug, needle) != NULL;
}

/* A search that keeps nothing says so: "No Applications, create one" is for an empty
 * account. */
static void
on_search_changed (HbAppListView *self)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (self->filtered);
  const char *text =
      self->search_entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) : "";
  gboolean searching = text != NULL && *text != '\0';

  g_object_set (self->status_stack, "empty-title",
                searching ? _ ("No Results Found") : _ ("No Applications"), "empty-description",
                searching ? _ ("Try a different search") : _ ("Create one with the + button"),
                "empty-icon-name", searching ? "edit-find-symbolic" : "folder-symbolic", NULL);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selected_changed (HbAppListView *self)
{
  g_signal_group_set_target (self->selected_signals, hb_app_list_view_get_selected_app (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_APP]);
}

/* A sort model does not watch its items; a reload replaces a renamed one itself. */
static void
on_selected_renamed (HbAppListView *self)
{
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_activate (HbAppListView *self, guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[ACTIVATED], 0);
}

/* A click on a row opens it (on a narrow window the detail replaces the list); arrow keys
 * only move the selection, and Enter opens. */
static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, HbAppListView *self)
{
  if (hb_app_list_view_get_selected_app (self) != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
build_models (HbAppListView *self)
{
  GtkExpression *name = gtk_property_expression_new (HB_TYPE_APP, NULL, "name");
  GtkCustomFilter *filter = gtk_custom_filter_new (filter_app, self, NULL);
  GtkSortListModel *sorted;

  self->apps = hb_app_list_new (self->client);
  self->sorter = GTK_SORTER (gtk_string_sorter_new (name));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->apps)),
                                    g_object_ref (self->sorter));
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (sorted), GTK_FILTER (filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Loading until the first load is under way (attach_list ()): the window starts it right
   * after its first frame, which must show a spinner, not "No Applications". */
  hb_status_stack_set_loading (self->status_stack, TRUE);

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);
}

HbApp *
hb_app_list_view_get_selected_app (HbAppListView *self)
{
  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), NULL);
  return self->selection != NULL ? gtk_single_selection_get_selected_item (self->selection) : NULL;
}

HbAppList *
hb_app_list_view_get_list (HbAppListView *self)
{
  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), NULL);
  return self->apps;
}

static void
attach_list (HbAppListView *self)
{
  if (self->list_attached)
    return;
  self->list_attached = TRUE;
  hb_status_stack_set_list_shown (self->status_stack, HB_REMOTE_LIST (self->apps),
                                  G_LIST_MODEL (self->filtered));
}

/* The answer is merged into the shown objects, so the chosen application stays chosen. */
void
hb_app_list_view_reload (HbAppListView *self)
{
  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  hb_remote_list_reload (HB_REMOTE_LIST (self->apps));
  attach_list (self);
}

static gboolean
select_app (HbAppListView *self, HbApp *app)
{
  GListModel *shown = G_LIST_MODEL (self->selection);

  for (guint i = 0, n = g_list_model_get_n_items (shown); i < n; i++)
    {
      g_autoptr (HbApp) item = g_list_model_get_item (shown, i);

      if (item == app)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * hb_app_list_view_select_slug:
 *
 * Chooses the application @slug if the list shows it.
 *
 * Returns: whether it did
 */
gboolean
hb_app_list_view_select_slug (HbAppListView *self, const char *slug)
{
  HbApp *app;

  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), FALSE);

  app = hb_remote_list_find (HB_REMOTE_LIST (self->apps), slug, NULL);
  return app != NULL && select_app (self, app);
}

/**
 * hb_app_list_view_add_app:
 * @app: an application the server just created
 *
 * Shows and chooses @app without asking for the list again; a search that would hide it
 * is cleared.
 *
 * Returns: (transfer none): the application as the list shows it
 */
HbApp *
hb_app_list_view_add_app (HbAppListView *self, HbApp *app)
{
  HbApp *shown;

  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), NULL);

  shown = hb_remote_list_insert_item (HB_REMOTE_LIST (self->apps), app);
  if (!select_app (self, shown) && self->search_entry != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      on_search_changed (self);
      select_app (self, shown);
    }
  return shown;
}

/* @app is gone from the server: it goes from the list without asking for the list again. */
void
hb_app_list_view_remove_app (HbAppListView *self, HbApp *app)
{
  guint position;

  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  if (hb_remote_list_find (HB_REMOTE_LIST (self->apps), hb_app_get_slug (app), &position) != NULL)
    hb_remote_list_remove_item (HB_REMOTE_LIST (self->apps), position);
}

gboolean
hb_app_list_view_get_search_mode (HbAppListView *self)
{
  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), FALSE);
  return self->search_bar != NULL && gtk_search_bar_get_search_mode (self->search_bar);
}

/* The bar closed (Escape, or the search button): the keyboard goes back to the list, unless
 * it was elsewhere. */
static void
on_search_mode_changed (HbAppListView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!gtk_search_bar_get_search_mode (self->search_bar) &&
      (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar))))
    hb_app_list_view_focus_selected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* Built on first use: styling and measuring a hidden entry costs the first frame about a
 * millisecond of CPU, and most starts never search. */
static void
ensure_search_bar (HbAppListView *self)
{
  if (self->search_bar != NULL)
    return;

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _ ("Search applications"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Search applications"), -1);
  hb_ui_expose_editable (GTK_WIDGET (self->search_entry), _ ("Search applications"));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed),
                           self, G_CONNECT_SWAPPED);

  self->search_bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  gtk_search_bar_set_child (self->search_bar, GTK_WIDGET (self->search_entry));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_box_prepend (self->box, GTK_WIDGET (self->search_bar));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);
}

/* Opens the bar with the focus in its field, or closes it (which clears the search). */
void
hb_app_list_view_set_search_mode (HbAppListView *self, gboolean search_mode)
{
  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  if (search_mode)
    hb_app_list_view_focus_search (self);
  else if (self->search_bar != NULL)
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
hb_app_list_view_focus_search (HbAppListView *self)
{
  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  ensure_search_bar (self);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Where @app is shown, or G_MAXUINT. */
guint
hb_app_list_view_get_position (HbAppListView *self, HbApp *app)
{
  GListModel *shown;

  g_return_val_if_fail (HB_IS_APP_LIST_VIEW (self), G_MAXUINT);

  shown = G_LIST_MODEL (self->selection);
  for (guint i = 0, n = g_list_model_get_n_items (shown); i < n; i++)
    {
      g_autoptr (HbApp) item = g_list_model_get_item (shown, i);

      if (item == app)
        return i;
    }
  return G_MAXUINT;
}

/* A list item widget holds the HbAppRow that shows its application. */
static gboolean
row_shows (GtkWidget *row, gpointer app)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  return child != NULL && HB_IS_APP_ROW (child) && hb_app_row_get_app (HB_APP_ROW (child)) == app;
}

/* The keyboard focus on the row at @position (or the last row), which the list scrolls to. */
void
hb_app_list_view_focus_row (HbAppListView *self, guint position)
{
  GListModel *shown;
  g_autoptr (HbApp) app = NULL;
  guint n;

  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  shown = G_LIST_MODEL (self->selection);
  n = g_list_model_get_n_items (shown);
  if (n == 0)
    {
      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
      return;
    }
  position = MIN (position, n - 1);
  app = g_list_model_get_item (shown, position);
  hb_ui_list_focus_item (GTK_WIDGET (self->list_view), position, app, row_shows);
}

/* The focus on the chosen application's row, else on the first. */
void
hb_app_list_view_focus_selected (HbAppListView *self)
{
  guint selected;

  g_return_if_fail (HB_IS_APP_LIST_VIEW (self));

  selected = gtk_single_selection_get_selected (self->selection);
  hb_app_list_view_focus_row (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
hb_app_list_view_constructed (GObject *object)
{
  HbAppListView *self = HB_APP_LIST_VIEW (object);

  G_OBJECT_CLASS (hb_app_list_view_parent_class)->constructed (object);
  build_models (self);
}

static void
hb_app_list_view_dispose (GObject *object)
{
  HbAppListView *self = HB_APP_LIST_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_APP_LIST_VIEW);
  hb_ui_unparent_children (GTK_WIDGET (self));
  self->search_bar = NULL; /* went with the box */
  self->search_entry = NULL;
  g_clear_object (&self->selected_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorter);
  g_clear_object (&self->apps);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (hb_app_list_view_parent_class)->dispose (object);
}

static void
hb_app_list_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbAppListView *self = HB_APP_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SELECTED_APP:
      g_value_set_object (value, hb_app_list_view_get_selected_app (self));
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, hb_app_list_view_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_list_view_set_property (GObject *object,
                               guint prop_id,
                               const GValue *value,
                               GParamSpec *pspec)
{
  HbAppListView *self = HB_APP_LIST_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SEARCH_MODE:
      hb_app_list_view_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_app_list_view_class_init (HbAppListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_app_list_view_constructed;
  object_class->dispose = hb_app_list_view_dispose;
  object_class->get_property = hb_app_list_view_get_property;
  object_class->set_property = hb_app_list_view_set_property;

  properties[PROP_CLIENT] =
      g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                               G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_APP] = g_param_spec_object ("selected-app", NULL, NULL, HB_TYPE_APP,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether the search bar is open: the window's search button shows it pressed. */
  properties[PROP_SEARCH_MODE] =
      g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person chose a row (Enter or click): the window shows its detail. */
  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HB_TYPE_APP_ROW);
  g_type_ensure (HB_TYPE_STATUS_STACK);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-app-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbAppListView, box);
  gtk_widget_class_bind_template_child (widget_class, HbAppListView, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbAppListView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
hb_app_list_view_init (HbAppListView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (on_click_released), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  self->selected_signals = g_signal_group_new (HB_TYPE_APP);
  g_signal_group_connect_swapped (self->selected_signals, "notify::name",
                                  G_CALLBACK (on_selected_renamed), self);
}

GtkWidget *
hb_app_list_view_new (HbClient *client)
{
  return g_object_new (HB_TYPE_APP_LIST_VIEW, "client", client, NULL);
}
