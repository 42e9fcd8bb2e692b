/* hb-test-results-view.c: a build's test results as a sortable, filterable tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-status-stack.h"
#include "hb-test-results-a11y.h"
#include "hb-test-results-columns.h"
#include "hb-test-results-rows.h"
#include "hb-test-results-summary.h"
#include "hb-test-results-view.h"
#include "hb-ui-closures.h"
#include "hb-ui-util.h"

/* The view reads a build's tests into an HbTestStore as they arrive, keeps its summary and
 * actions, and shows the tree HbTestTree describes on that store: what a filter keeps, in
 * which order, which groups open (hb-test-tree.c). HbTestResultsRows swaps a new shown
 * tree in over frames and opens its groups; hb-test-results-columns.c draws the cells. */

struct _HbTestResultsView
{
  GtkWidget parent_instance;

  HbClient *client;
  char *tests_url;
  HbBuild *build; /* whose tests these are, when the opener knew it */
  char *title;
  GCancellable *cancellable;
  HbTestStore *store; /* the tests as they arrive */
  HbTestTree *tree;   /* the store as shown: filter, order, which groups open */
  HbTestResultsRows *rows;
  GtkSorter *view_sorter;
  char *subtitle;
  gboolean failed_only;
  char *search_text;
  gboolean syncing_entry;
  gboolean focus_pending; /* the table takes the focus once it shows */
  gboolean focus_visible; /* and shows its ring, if the window did when asked */
  GtkWidget *focus_from;  /* weak: where the focus was when that was asked for */

  HbStatusStack *status_stack;
  GtkSearchEntry *search_entry;
  GtkStack *results_stack;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *duration_column;
  GtkColumnViewColumn *kind_column;
  GtkWidget *summary_box;
  GtkLabel *passed_label;
  GtkLabel *failed_label;
  GtkLabel *skipped_label;
  GtkLabel *total_label;
  GtkLabel *duration_label;
};

G_DEFINE_FINAL_TYPE (HbTestResultsView, hb_test_results_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_TESTS_URL,
  PROP_BUILD,
  PROP_STATE,
  PROP_LOADING,
  PROP_BUSY,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_FAILED_ONLY,
  PROP_SEARCH_TEXT,
  PROP_N_TESTS,
  PROP_N_PASSED,
  PROP_N_FAILED,
  PROP_N_SKIPPED,
  PROP_TOTAL_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
actions_update (HbTestResultsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test-results.copy-name",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test-results.reload",
                                 g_strcmp0 (hb_test_results_view_get_state (self), "loading") != 0);
}

/* Once the table shows (loaded, opened, its first failure picked), the focus goes to its
 * selected row, unless something else has taken it meanwhile. */
static void
focus_if_shown (HbTestResultsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!self->focus_pending || root == NULL || hb_test_results_view_get_busy (self))
    return;
  self->focus_pending = FALSE;
  if (gtk_root_get_focus (root) == self->focus_from &&
      g_strcmp0 (hb_test_results_view_get_state (self), "content") == 0)
    {
      hb_test_results_rows_focus_selected (self->rows);
      if (self->focus_visible && GTK_IS_WINDOW (root))
        gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
    }
  g_clear_weak_pointer (&self->focus_from);
}

static void
notify_busy (HbTestResultsView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  focus_if_shown (self);
}

static void
on_state_changed (HbTestResultsView *self)
{
  actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* ---- what has arrived ---- */

static gboolean
loading (HbTestResultsView *self)
{
  return self->store != NULL && hb_test_store_get_loading (self->store);
}

static guint
count (HbTestResultsView *self, HbTestStatus status)
{
  return self->store != NULL ? hb_test_store_get_n_tests_with_status (self->store, status) : 0;
}

static guint
count_tests (HbTestResultsView *self)
{
  return self->store != NULL ? hb_test_store_get_n_tests (self->store) : 0;
}

static GTimeSpan
total_duration (HbTestResultsView *self)
{
  return self->store != NULL ? hb_test_store_get_total_duration (self->store) : 0;
}

/* The counts grow as groups arrive (hb-test-results-summary.c). */
static void
update_summary (HbTestResultsView *self)
{
  HbTestResultsSummary summary = { self->summary_box,   self->failed_label, self->passed_label,
                                   self->skipped_label, self->total_label,  self->duration_label };

  hb_test_results_summary_show (&summary, self->store);
  g_free (self->subtitle);
  self->subtitle = hb_test_results_summary_dup_subtitle (self->store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  for (guint prop = PROP_N_TESTS; prop <= PROP_TOTAL_DURATION; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* "No Matching Tests" once nothing can match any more. */
static void
update_results_page (HbTestResultsView *self)
{
  gboolean any =
      self->store == NULL || loading (self) || hb_test_store_get_n_visible (self->store) > 0;

  gtk_stack_set_visible_child_name (self->results_stack, any ? "list" : "no-matches");
}

static void
on_tree_changed (HbTestResultsView *self)
{
  hb_test_results_rows_rebuild (self->rows, TRUE);
}

/* ---- loading ---- */

/* A batch of tests arrived: the levels shown grew by themselves; the counts grow here, and
 * groups the store marked open open in the next step. */
static void
on_nodes_added (HbTestResultsView *self)
{
  update_summary (self);
  update_results_page (self);
  hb_test_results_rows_resume (self->rows);
}

static void
on_loaded (HbTestResultsView *self)
{
  const GError *error = hb_test_store_get_error (self->store);

  /* Cancelling is ours, and we stopped listening first: never shown. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    hb_status_stack_set_error (self->status_stack, error);
  hb_status_stack_set_loading (self->status_stack, FALSE);
  update_summary (self);
  update_results_page (self);
  hb_test_results_rows_resume (self->rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  notify_busy (self);
}

/* The store says how loading went (on_loaded): here is only the end of the request. */
static void
on_load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  hb_client_load_tests_finish (HB_CLIENT (source), result, NULL);
}

/* Stops reading, and lets go of the store: nothing of it reaches the view any more. */
static void
drop_store (HbTestResultsView *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
}

/**
 * hb_test_results_view_reload:
 *
 * Fetches the tree again, dropping any request still in flight. Rows show as their groups
 * arrive.
 */
void
hb_test_results_view_reload (HbTestResultsView *self)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  drop_store (self);
  self->cancellable = g_cancellable_new ();
  self->store = hb_test_store_new ();
  hb_test_results_rows_cancel (self->rows);
  hb_test_tree_set_store (self->tree, self->store);
  /* After the levels' own handlers: the rows see what they gained. */
  g_signal_connect_data (self->store, "nodes-added", G_CALLBACK (on_nodes_added), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->store, "notify::loading", G_CALLBACK (on_loaded), self);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  /* Loading first: the page goes straight to the spinner, never through "empty". */
  hb_status_stack_set_loading (self->status_stack, TRUE);
  hb_status_stack_set_model (self->status_stack, hb_test_tree_get_roots (self->tree));
  hb_status_stack_set_error (self->status_stack, NULL);
  hb_test_results_rows_rebuild (self->rows, FALSE);
  hb_client_load_tests_async (self->client, self->tests_url, self->store, self->cancellable,
                              on_load_done, NULL);
  notify_busy (self);
}

/* ---- filter and order ---- */

static int
compare_by_view (gconstpointer a, gconstpointer b, gpointer user_data)
{
  HbTestResultsView *self = user_data;

  return gtk_sorter_compare (self->view_sorter, (gpointer) a, (gpointer) b);
}

/* Each level sorts with the view's order; what the person had open stays open. */
static void
on_view_sorter_changed (HbTestResultsView *self)
{
  gboolean sorted = gtk_sorter_get_order (self->view_sorter) != GTK_SORTER_ORDER_NONE;

  hb_test_tree_set_sort_func (self->tree, sorted ? compare_by_view : NULL, self, NULL);
}

static void
apply_filter (HbTestResultsView *self)
{
  hb_test_tree_set_filter (self->tree, self->failed_only, self->search_text);
}

/* ---- actions ---- */

static void
copy_name_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (widget);
  g_autofree char *full_name = hb_test_results_rows_dup_selected_name (self->rows);

  if (full_name != NULL)
    hb_ui_copy_text (widget, full_name);
}

static void
reload_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  hb_test_results_view_reload (HB_TEST_RESULTS_VIEW (widget));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (widget);

  if (g_strcmp0 (hb_test_results_view_get_state (self), "content") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_selection_changed (HbTestResultsView *self)
{
  actions_update (self);
}

static void
on_search_changed (HbTestResultsView *self, GtkSearchEntry *entry)
{
  /* Setting the entry's text passes through "" and reports it at once. */
  if (self->syncing_entry)
    return;
  hb_test_results_view_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search (HbTestResultsView *self, GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- GObject ---- */

static void
hb_test_results_view_constructed (GObject *object)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  G_OBJECT_CLASS (hb_test_results_view_parent_class)->constructed (object);

  if (self->client != NULL && self->tests_url != NULL)
    hb_test_results_view_reload (self);
}

static void
hb_test_results_view_dispose (GObject *object)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  drop_store (self);
  g_clear_weak_pointer (&self->focus_from);
  if (self->tree != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tree, self);
      hb_test_tree_set_sort_func (self->tree, NULL, NULL, NULL);
    }
  if (self->rows != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rows, self);
      hb_test_results_rows_shutdown (self->rows);
    }
  /* The columns leave with the template, and the sorter reports each one. */
  if (self->view_sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->view_sorter, self);
  g_clear_object (&self->view_sorter);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_TEST_RESULTS_VIEW);

  /* The column sorters and cells are gone: what they read can go too. */
  g_clear_object (&self->rows);
  g_clear_object (&self->tree);
  g_clear_object (&self->client);
  g_clear_object (&self->build);

  G_OBJECT_CLASS (hb_test_results_view_parent_class)->dispose (object);
}

static void
hb_test_results_view_finalize (GObject *object)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  g_free (self->tests_url);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->search_text);

  G_OBJECT_CLASS (hb_test_results_view_parent_class)->finalize (object);
}

static void
hb_test_results_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_TESTS_URL:
      g_value_set_string (value, self->tests_url);
      break;
    case PROP_BUILD:
      g_value_set_object (value, self->build);
      break;
    case PROP_STATE:
      g_value_set_string (value, hb_test_results_view_get_state (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, hb_test_results_view_get_loading (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, hb_test_results_view_get_busy (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, hb_test_results_view_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_FAILED_ONLY:
      g_value_set_boolean (value, self->failed_only);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_N_TESTS:
      g_value_set_uint (value, count_tests (self));
      break;
    case PROP_N_PASSED:
      g_value_set_uint (value, count (self, HB_TEST_STATUS_PASSED));
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, count (self, HB_TEST_STATUS_FAILED));
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, count (self, HB_TEST_STATUS_SKIPPED));
      break;
    case PROP_TOTAL_DURATION:
      g_value_set_int64 (value, total_duration (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_test_results_view_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_TESTS_URL:
      self->tests_url = g_value_dup_string (value);
      break;
    case PROP_BUILD:
      hb_test_results_view_set_build (self, g_value_get_object (value));
      break;
    case PROP_FAILED_ONLY:
      hb_test_results_view_set_failed_only (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      hb_test_results_view_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags co =
      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_TESTS_URL] = g_param_spec_string ("tests-url", NULL, NULL, NULL, co);
  /* The build whose tests these are: #HbTestResultsView:title names it. */
  properties[PROP_BUILD] = g_param_spec_object ("build", NULL, NULL, HB_TYPE_BUILD, rw);
  /* "loading", "empty", "error" or "content": the status stack's page */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "loading", ro);
  /* TRUE while tests arrive: rows show as they do, and the summary grows. */
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  /* TRUE while loading, or while groups are still being opened in the background. */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, TRUE, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_FAILED_ONLY] = g_param_spec_boolean ("failed-only", NULL, NULL, FALSE, rw);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, rw);
  properties[PROP_N_TESTS] = g_param_spec_uint ("n-tests", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_PASSED] = g_param_spec_uint ("n-passed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL_DURATION] =
      g_param_spec_int64 ("total-duration", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_test_results_view_class_init (HbTestResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hb_test_results_view_constructed;
  object_class->dispose = hb_test_results_view_dispose;
  object_class->finalize = hb_test_results_view_finalize;
  object_class->get_property = hb_test_results_view_get_property;
  object_class->set_property = hb_test_results_view_set_property;
  install_properties (object_class);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-test-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, status_stack);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, selection);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, name_column);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, status_column);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, duration_column);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, summary_box);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, passed_label);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, failed_label);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, total_label);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, duration_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);

  gtk_widget_class_install_action (widget_class, "test-results.copy-name", NULL, copy_name_action);
  gtk_widget_class_install_action (widget_class, "test-results.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "test-results.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "test-results.copy-name", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "test-results.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "test-results.reload", NULL);
}

static void
hb_test_results_view_init (HbTestResultsView *self)
{
  HbTestResultsColumns columns;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tree = hb_test_tree_new ();
  g_signal_connect_swapped (self->tree, "changed", G_CALLBACK (on_tree_changed), self);
  self->rows =
      hb_test_results_rows_new (GTK_WIDGET (self), self->tree, self->selection, self->column_view);
  g_signal_connect_swapped (self->rows, "notify::busy", G_CALLBACK (notify_busy), self);
  g_signal_connect_swapped (self->rows, "swapped", G_CALLBACK (update_results_page), self);
  g_signal_connect_object (self->status_stack, "notify::page", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  columns = (HbTestResultsColumns){ self->name_column, self->status_column, self->duration_column,
                                    self->kind_column };
  hb_test_results_columns_setup (self->column_view, &columns, self->tree, self->rows);
  hb_test_results_a11y_name_view (GTK_WIDGET (self), GTK_WIDGET (self->search_entry),
                                  self->summary_box, GTK_WIDGET (self->results_stack),
                                  self->column_view);
  self->view_sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  g_signal_connect_object (self->view_sorter, "changed", G_CALLBACK (on_view_sorter_changed), self,
                           G_CONNECT_SWAPPED);

  update_summary (self);
  actions_update (self);
}

/**
 * hb_test_results_view_new:
 * @client: the client to fetch with
 * @tests_url: a build's `tests_url`, as the server gave it
 *
 * Starts loading at once. The widget has no header bar: the page that hosts
 * it shows #HbTestResultsView:title and #HbTestResultsView:subtitle.
 *
 * Returns: (transfer floating): the view
 */
GtkWidget *
hb_test_results_view_new (HbClient *client, const char *tests_url)
{
  g_return_val_if_fail (HB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (tests_url != NULL, NULL);

  return g_object_new (HB_TYPE_TEST_RESULTS_VIEW, "client", client, "tests-url", tests_url, NULL);
}

const char *
hb_test_results_view_get_state (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return hb_status_stack_get_page (self->status_stack);
}

/* TRUE while tests arrive. */
gboolean
hb_test_results_view_get_loading (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), FALSE);

  return loading (self);
}

/* TRUE while tests arrive, or while the rows are being swapped or opened. */
gboolean
hb_test_results_view_get_busy (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), FALSE);

  return loading (self) || hb_test_results_rows_get_busy (self->rows);
}

/* The build as its row names it: its commit message's first line, else its date. */
static char *
build_name (HbBuild *build)
{
  g_autofree char *message = hb_ui_first_line (NULL, hb_build_get_commit_message (build));
  g_autofree char *date = NULL;

  g_strstrip (message);
  if (*message != '\0')
    return g_steal_pointer (&message);
  date = hb_ui_date_exact (NULL, hb_build_get_created (build));
  /* Translators: the test results page title of a build without a commit message */
  return g_strdup_printf (_ ("Build of %s"), date != NULL ? date : "");
}

/* The header names the build ("Bump NUnit to 2.6.2"); "Test Results" when it is not known. */
const char *
hb_test_results_view_get_title (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return self->title != NULL ? self->title : _ ("Test Results");
}

HbBuild *
hb_test_results_view_get_build (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return self->build;
}

void
hb_test_results_view_set_build (HbTestResultsView *self, HbBuild *build)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));
  g_return_if_fail (build == NULL || HB_IS_BUILD (build));

  if (!g_set_object (&self->build, build))
    return;
  g_clear_pointer (&self->title, g_free);
  if (build != NULL)
    self->title = build_name (build);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
hb_test_results_view_get_subtitle (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return self->subtitle;
}

gboolean
hb_test_results_view_get_failed_only (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), FALSE);

  return self->failed_only;
}

void
hb_test_results_view_set_failed_only (HbTestResultsView *self, gboolean failed_only)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  failed_only = !!failed_only;
  if (self->failed_only == failed_only)
    return;
  self->failed_only = failed_only;
  apply_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED_ONLY]);
}

const char *
hb_test_results_view_get_search_text (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return self->search_text;
}

/* Empty text is no search. The entry follows, so the two never disagree. */
void
hb_test_results_view_set_search_text (HbTestResultsView *self, const char *search_text)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  if (search_text != NULL && *search_text == '\0')
    search_text = NULL;
  if (g_strcmp0 (self->search_text, search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (search_text);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 search_text ? search_text : "") != 0)
    {
      self->syncing_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search_text ? search_text : "");
      self->syncing_entry = FALSE;
    }
  apply_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * hb_test_results_view_get_rows:
 *
 * Returns: (transfer none): the rows as shown, a #GListModel of
 *   #GtkTreeListRow; it is replaced when the filter or the order changes
 */
GListModel *
hb_test_results_view_get_rows (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
hb_test_results_view_focus_results (HbTestResultsView *self)
{
  GtkRoot *root;

  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_set_weak_pointer (&self->focus_from, root != NULL ? gtk_root_get_focus (root) : NULL);
  self->focus_visible = GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root));
  self->focus_pending = TRUE;
  focus_if_shown (self);
}
