/* hb-test-results-view.c: a build's test results as a sortable, filterable tree
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hb-duration.h"
#include "hb-test-index.h"
#include "hb-test-results-view.h"
#include "hb-ui-util.h"

/* How the tree is put together, and why:
 *
 * A GtkFilterListModel over the flattened GtkTreeListModel would hide the
 * groups above a match, and a GtkSortListModel over it re-sorts the whole
 * flat list on every expansion. So filtering and sorting happen per level:
 * the tree's create_func wraps each group's children in filter → sort
 * models. The filter reads a "visible" bit that HbTestIndex computes for all
 * nodes in one pass; the sorter delegates to the column view's sorter.
 *
 * Changing the filter or the sort order rebuilds the GtkTreeListModel and
 * re-opens the groups the index marks, depth first in display order. That
 * walk runs with a time budget: a first slice while the new tree is still
 * detached, the rest in slices, one per frame, so even opening tens of
 * thousands of groups never holds the main loop for long. Only opened groups ever get
 * child models. Swapping the new tree in is spread over frames too, see
 * work_step(). Before the index exists (it is built in a worker thread
 * while the first rows show) groups open by their own Failed status. */

/* Work done before the new rows are shown, and per frame after. */
#define FIRST_SLICE_USEC (10 * G_TIME_SPAN_MILLISECOND)
#define IDLE_SLICE_USEC (8 * G_TIME_SPAN_MILLISECOND)
/* Freeing an old tree takes a slice this often, leaving the time between to everything else. */
#define REAP_INTERVAL_MS 16
/* Above GDK's redraw (G_PRIORITY_HIGH_IDLE + 20): work the view waits for must not starve
 * when frames are slow, and it is only ever scheduled once per frame, so it cannot starve
 * the frames either. */
#define STEP_PRIORITY G_PRIORITY_HIGH_IDLE
/* Rows that fill the view at a usual window size, with some to spare. */
#define SCREENFUL_ROWS 40
/* GTK 4.8's list views keep this many row widgets, visible or not. */
#define LIST_VIEW_ROWS 200
/* Row widgets built per frame while the list changes trees (twice as many
 * are dropped): at about 1 ms each for building and first layout. */
#define ROWS_PER_STEP 40

typedef struct
{
  GtkTreeListRow *row; /* NULL for the root level */
  GListModel *children;
  guint next;
} ExpandFrame;

struct _HbTestResultsView
{
  GtkWidget parent_instance;

  HbClient *client;
  char *tests_url;
  GCancellable *cancellable;
  HbTestIndex *index;
  const char *state;
  char *subtitle;
  gboolean failed_only;
  char *search_text;
  gboolean syncing_entry;

  GListModel *roots;
  GtkTreeListModel *tree;
  GtkTreeListModel *old_tree; /* swapped out, freed in a later step */
  GtkSliceListModel *slice;   /* what the list shows of the tree, see work_step() */
  GtkSorter *view_sorter;
  GArray *expand_stack;
  guint work_source;
  guint tick_id;
  guint scroll_source;
  guint scroll_tick_id;
  guint first_failure;
  gboolean first_failure_shown;

  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkSpinner *spinner;
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
  PROP_STATE,
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

static void rebuild (HbTestResultsView *self, gboolean reset_expanded, gboolean defer_attach);
static void cancel_steps (HbTestResultsView *self);
static void expand_stack_clear (HbTestResultsView *self);

static void
actions_update (HbTestResultsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test-results.copy-name",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test-results.reload",
                                 g_strcmp0 (self->state, "loading") != 0);
}

static void
set_state (HbTestResultsView *self, const char *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;
  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, state);
  actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static guint
count (HbTestResultsView *self, HbTestStatus status)
{
  return self->index != NULL ? hb_test_index_get_n_tests_with_status (self->index, status) : 0;
}

static void
take_label (GtkLabel *label, char *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

static void
update_summary (HbTestResultsView *self)
{
  guint n_tests = self->index != NULL ? hb_test_index_get_n_tests (self->index) : 0;
  guint n_failed = count (self, HB_TEST_STATUS_FAILED);
  guint n_passed = count (self, HB_TEST_STATUS_PASSED);
  guint n_skipped = count (self, HB_TEST_STATUS_SKIPPED);
  g_autofree char *duration =
      hb_duration_format (self->index ? hb_test_index_get_total_duration (self->index) : 0);

  /* %'u: counts in the thousands get the locale's digit grouping ("100,000 tests"). */
  take_label (self->failed_label,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u failed", "%'u failed", n_failed),
                               n_failed));
  take_label (self->passed_label,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u passed", "%'u passed", n_passed),
                               n_passed));
  take_label (self->skipped_label, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u skipped",
                                                                 "%'u skipped", n_skipped),
                                                    n_skipped));
  take_label (
      self->total_label,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u test", "%'u tests", n_tests), n_tests));
  /* Translators: the summed duration of a whole test run, e.g. "Total time 3.4 s" */
  take_label (self->duration_label, g_strdup_printf (_ ("Total time %s"), duration));

  /* Rows show before the index is counted: keep the bar's place, not its zeros. */
  gtk_widget_set_opacity (self->summary_box, self->index != NULL ? 1.0 : 0.0);
  g_clear_pointer (&self->subtitle, g_free);
  if (self->index != NULL && n_failed > 0)
    /* Translators: the test results page subtitle, e.g. "3 failed of 217 tests" */
    self->subtitle = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%'u failed of %'u test", "%'u failed of %'u tests", n_tests),
        n_failed, n_tests);
  else if (self->index != NULL)
    self->subtitle =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u test", "%'u tests", n_tests), n_tests);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
  for (guint prop = PROP_N_TESTS; prop <= PROP_TOTAL_DURATION; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

typedef struct
{
  GListModel *roots;
  HbTestIndex *index;
} Leftovers;

static void
drop_leftovers (gpointer data, gpointer user_data)
{
  Leftovers *leftovers = data;

  g_clear_pointer (&leftovers->index, hb_test_index_unref);
  g_clear_object (&leftovers->roots);
  g_free (leftovers);
}

/* Finalizing 100,000 nodes takes several frames; once the view lets go of
 * them nothing on the main thread needs them, so a worker drops them. */
static void
drop_tree_later (HbTestResultsView *self)
{
  static GThreadPool *reaper;
  Leftovers *leftovers;

  if (self->roots == NULL && self->index == NULL)
    return;
  leftovers = g_new0 (Leftovers, 1);
  leftovers->roots = g_steal_pointer (&self->roots);
  leftovers->index = g_steal_pointer (&self->index);
  if (g_once_init_enter (&reaper))
    g_once_init_leave (&reaper, g_thread_pool_new (drop_leftovers, NULL, 1, FALSE, NULL));
  g_thread_pool_push (reaper, leftovers, NULL);
}

typedef struct
{
  GtkTreeListModel *tree;
  guint position;
} TreeReaper;

/* Backwards, so each group closed has no open group left below it and every
 * step frees only its own rows. */
static gboolean
reap_tree_step (gpointer data)
{
  TreeReaper *reaper = data;
  gint64 deadline = g_get_monotonic_time () + IDLE_SLICE_USEC;

  while (reaper->position > 0)
    {
      g_autoptr (GtkTreeListRow) row =
          gtk_tree_list_model_get_row (reaper->tree, --reaper->position);

      if (row != NULL && gtk_tree_list_row_get_expanded (row))
        gtk_tree_list_row_set_expanded (row, FALSE);
      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }
  g_object_unref (reaper->tree);
  g_free (reaper);
  return G_SOURCE_REMOVE;
}

/* Freeing a tree with tens of thousands of open rows at once stalls the main
 * loop for longer than a frame; closing its groups a slice at a time does not.
 * A detached tree calls nothing back (no create_func without expanding), so
 * it may outlive the view. */
static void
free_tree_gradually (GtkTreeListModel *tree)
{
  TreeReaper *reaper;

  if (tree == NULL)
    return;
  reaper = g_new (TreeReaper, 1);
  reaper->tree = tree;
  reaper->position = g_list_model_get_n_items (G_LIST_MODEL (tree));
  /* A timeout, not a low-priority idle: with slow frames an idle never runs and the old tree
   * would stay in memory; at most half of the main loop's time goes to it. */
  g_timeout_add (REAP_INTERVAL_MS, reap_tree_step, reaper);
}

/* ---- loading ------------------------------------------------------------ */

static gboolean
sort_active (HbTestResultsView *self)
{
  return self->view_sorter != NULL &&
         gtk_sorter_get_order (self->view_sorter) != GTK_SORTER_ORDER_NONE;
}

/* Rows are already on screen, opened by the groups' own status; the index
 * adds counts, filtering, name sorting and what to keep open on a re-sort. */
static void
on_index_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbTestResultsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HbTestIndex) index = hb_test_index_new_finish (result, &error);
  gboolean was_busy = hb_test_results_view_get_busy (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_return_if_fail (index != NULL);

  g_clear_pointer (&self->index, hb_test_index_unref);
  self->index = g_steal_pointer (&index);
  hb_test_index_set_filter (self->index, self->failed_only, self->search_text);
  update_summary (self);

  if (self->failed_only || self->search_text != NULL || sort_active (self))
    rebuild (self, TRUE, TRUE);
  else
    hb_test_index_reset_expanded (self->index);
  if (was_busy != hb_test_results_view_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_tests_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbTestResultsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) roots = NULL;

  roots = hb_client_list_tests_at_url_finish (HB_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (roots == NULL)
    {
      g_autofree char *text = hb_ui_error_to_text (error);
      g_autofree char *description = g_markup_printf_escaped ("%s\n%s", text, error->message);

      adw_status_page_set_description (self->error_page, description);
      set_state (self, "error");
      return;
    }

  g_set_object (&self->roots, roots);
  if (g_list_model_get_n_items (roots) == 0)
    {
      set_state (self, "empty");
      return;
    }
  /* The page's first layout gets a frame of its own, the first rows the
   * next one; the index is built in a worker thread meanwhile. */
  set_state (self, "content");
  rebuild (self, FALSE, TRUE);
  hb_test_index_new_async (roots, self->cancellable, on_index_built, g_object_ref (self));
}

/**
 * hb_test_results_view_reload:
 *
 * Fetches the tree again, dropping any request still in flight.
 */
void
hb_test_results_view_reload (HbTestResultsView *self)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_VIEW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cancel_steps (self);
  expand_stack_clear (self);
  drop_tree_later (self);
  update_summary (self);

  set_state (self, "loading");
  hb_client_list_tests_at_url_async (self->client, self->tests_url, self->cancellable,
                                     on_tests_loaded, g_object_ref (self));
}

/* ---- the tree ----------------------------------------------------------- */

static gboolean
filter_visible (gpointer item, gpointer user_data)
{
  HbTestResultsView *self = user_data;

  return self->index != NULL && hb_test_index_is_visible (self->index, item);
}

static int
compare_by_view (gconstpointer a, gconstpointer b, gpointer user_data)
{
  HbTestResultsView *self = user_data;

  if (self->view_sorter == NULL)
    return GTK_ORDERING_EQUAL;
  return gtk_sorter_compare (self->view_sorter, (gpointer) a, (gpointer) b);
}

/* Each level gets its own filter and sorter objects: with one shared among
 * thousands of open groups, every model's "changed" handler would sit on the
 * same object, and GObject's linear handler lists make closing them
 * quadratic. A level that needs neither gets the node's own child list. */
static GListModel *
create_level_model (HbTestResultsView *self, GListModel *level, gboolean all_visible)
{
  GListModel *model = g_object_ref (level);

  if (!all_visible)
    model = G_LIST_MODEL (gtk_filter_list_model_new (
        model, GTK_FILTER (gtk_custom_filter_new (filter_visible, self, NULL))));
  if (self->view_sorter != NULL &&
      gtk_sorter_get_order (self->view_sorter) != GTK_SORTER_ORDER_NONE)
    model = G_LIST_MODEL (gtk_sort_list_model_new (
        model, GTK_SORTER (gtk_custom_sorter_new (compare_by_view, self, NULL))));
  return model;
}

/* Called by the tree when a group opens, and to learn whether it can. */
static GListModel *
create_child_model (gpointer item, gpointer user_data)
{
  HbTestResultsView *self = user_data;
  GListModel *children = hb_test_node_get_children (item);
  guint n_visible;

  if (children == NULL || g_list_model_get_n_items (children) == 0)
    return NULL;
  if (self->index == NULL)
    return create_level_model (self, children, TRUE);
  n_visible = hb_test_index_get_n_visible_children (self->index, item);
  if (n_visible == 0)
    return NULL;
  return create_level_model (self, children, n_visible == g_list_model_get_n_items (children));
}

/* Before the index exists, a group's own status says whether it holds a failure. */
static gboolean
wants_open (HbTestResultsView *self, HbTestNode *node)
{
  if (self->index != NULL)
    return hb_test_index_get_expanded (self->index, node);
  return hb_test_node_get_kind (node) == HB_TEST_KIND_GROUP &&
         hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED;
}

static void
expand_stack_clear (HbTestResultsView *self)
{
  for (guint i = 0; i < self->expand_stack->len; i++)
    {
      ExpandFrame *frame = &g_array_index (self->expand_stack, ExpandFrame, i);

      g_clear_object (&frame->row);
      g_clear_object (&frame->children);
    }
  g_array_set_size (self->expand_stack, 0);
}

static void
expand_stack_push (HbTestResultsView *self, GtkTreeListRow *row, GListModel *children)
{
  ExpandFrame frame = { row, g_object_ref (children), 0 };

  g_array_append_val (self->expand_stack, frame);
}

static gboolean
is_failed_test (HbTestNode *node)
{
  return hb_test_node_get_kind (node) == HB_TEST_KIND_TEST &&
         hb_test_node_get_status (node) == HB_TEST_STATUS_FAILED;
}

static GtkTreeListRow *
frame_child_row (HbTestResultsView *self, ExpandFrame *frame, guint i)
{
  if (frame->row == NULL)
    return gtk_tree_list_model_get_child_row (self->tree, i);
  return gtk_tree_list_row_get_child_row (frame->row, i);
}

/* Opens marked groups depth first, in display order, until @deadline.
 * Also notes the first failed test on the way, for "first failure in view".
 * Returns TRUE when everything is open. */
static gboolean
expand_until (HbTestResultsView *self, gint64 deadline)
{
  while (self->expand_stack->len > 0)
    {
      ExpandFrame *frame =
          &g_array_index (self->expand_stack, ExpandFrame, self->expand_stack->len - 1);
      g_autoptr (HbTestNode) node = NULL;
      g_autoptr (GtkTreeListRow) row = NULL;
      GListModel *children;
      guint i;

      if (frame->next >= g_list_model_get_n_items (frame->children))
        {
          g_clear_object (&frame->row);
          g_clear_object (&frame->children);
          g_array_set_size (self->expand_stack, self->expand_stack->len - 1);
          continue;
        }

      i = frame->next++;
      node = g_list_model_get_item (frame->children, i);
      if (self->first_failure == GTK_INVALID_LIST_POSITION && is_failed_test (node))
        {
          row = frame_child_row (self, frame, i);
          if (row != NULL)
            self->first_failure = gtk_tree_list_row_get_position (row);
        }
      if (!wants_open (self, node))
        continue;

      if (row == NULL)
        row = frame_child_row (self, frame, i);
      if (row == NULL)
        continue;
      gtk_tree_list_row_set_expanded (row, TRUE);
      children = gtk_tree_list_row_get_children (row);
      if (children != NULL)
        expand_stack_push (self, g_steal_pointer (&row), children);
      if (g_get_monotonic_time () >= deadline)
        return self->expand_stack->len == 0;
    }
  return TRUE;
}

static void
scroll_to_position (HbTestResultsView *self, guint position, gboolean grab_focus)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(); its inner list view's
   * scroll-to-item action scrolls and moves the keyboard focus tracker. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_VIEW (child))
        continue;
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
      if (grab_focus)
        gtk_widget_grab_focus (child);
      break;
    }
}

static void
select_position (HbTestResultsView *self, guint position, gboolean grab_focus)
{
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position, grab_focus);
}

static gboolean
scroll_idle (gpointer user_data)
{
  HbTestResultsView *self = user_data;
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->scroll_source = 0;
  /* A new tree starts at its top unless a failure was picked. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->slice)) > 0)
    scroll_to_position (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0, FALSE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_scroll_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (widget);

  self->scroll_tick_id = 0;
  if (self->scroll_source == 0)
    self->scroll_source = g_idle_add_full (STEP_PRIORITY, scroll_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's scroll-to-item measures rows that were just swapped in as zero
 * high, anchors the list on the wrong row and leaves the rows above it
 * blank. So the selected row is scrolled to once a frame has laid them out
 * (the idle runs after that frame's paint). */
static void
scroll_after_layout (HbTestResultsView *self)
{
  if (self->scroll_tick_id != 0 || self->scroll_source != 0)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->scroll_tick_id =
        gtk_widget_add_tick_callback (GTK_WIDGET (self), on_scroll_frame, NULL, NULL);
  else
    self->scroll_source = g_idle_add_full (STEP_PRIORITY, scroll_idle, self, NULL);
}

static gboolean
tree_attached (HbTestResultsView *self)
{
  return gtk_slice_list_model_get_model (self->slice) == G_LIST_MODEL (self->tree);
}

/* Once the row is inside the part of the tree the list shows. */
static void
show_first_failure (HbTestResultsView *self)
{
  if (self->first_failure_shown || self->first_failure == GTK_INVALID_LIST_POSITION ||
      !tree_attached (self) ||
      self->first_failure >= g_list_model_get_n_items (G_LIST_MODEL (self->slice)))
    return;
  self->first_failure_shown = TRUE;
  gtk_single_selection_set_selected (self->selection, self->first_failure);
  scroll_after_layout (self);
}

static void
update_results_page (HbTestResultsView *self)
{
  gboolean any = self->index == NULL || hb_test_index_get_n_visible (self->index) > 0;

  gtk_stack_set_visible_child_name (self->results_stack, any ? "list" : "no-matches");
}

static gboolean work_step (gpointer user_data);

/* The slice's next size while it grows back after a swap, from @size (0: just swapped).
 * Past what the list view ever builds, or once the whole tree fits, the rest comes through
 * at once. */
static guint
grown_size (HbTestResultsView *self, guint size)
{
  size = size == 0 ? SCREENFUL_ROWS : size + ROWS_PER_STEP;
  if (size > LIST_VIEW_ROWS || size >= g_list_model_get_n_items (G_LIST_MODEL (self->tree)))
    return G_MAXUINT;
  return size;
}

/* The slice's next size while it shrinks towards a screenful before a swap. @shown is
 * unsigned: between SCREENFUL_ROWS and SCREENFUL_ROWS + 2 * ROWS_PER_STEP a plain
 * subtraction wraps around, and the slice would never shrink. */
static guint
shrink_target (guint shown)
{
  if (shown <= SCREENFUL_ROWS + 2 * ROWS_PER_STEP)
    return SCREENFUL_ROWS;
  return shown - 2 * ROWS_PER_STEP;
}

static gboolean
on_next_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (widget);

  self->tick_id = 0;
  if (self->work_source == 0)
    self->work_source = g_idle_add_full (STEP_PRIORITY, work_step, self, NULL);
  return G_SOURCE_REMOVE;
}

/* Once shown, every step waits until a frame has been drawn and then runs
 * right after it: two heavy steps (building, swapping, freeing) never share
 * one frame, and a frame always comes between two slices of opening groups.
 * Unshown, the view has no frames of its own, so a step comes every
 * REAP_INTERVAL_MS, leaving the time between to the rest of the window. */
static void
schedule_step (HbTestResultsView *self)
{
  if (self->work_source != 0 || self->tick_id != 0)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_next_frame, NULL, NULL);
  else
    self->work_source =
        g_timeout_add_full (STEP_PRIORITY, REAP_INTERVAL_MS, work_step, self, NULL);
}

static void
cancel_steps (HbTestResultsView *self)
{
  g_clear_handle_id (&self->work_source, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick_id);
  self->scroll_tick_id = 0;
}

/* GTK 4.8's list view keeps about 200 row widgets around the top row, and
 * swapping models drops them all and builds 200 new ones: far more than
 * one frame's worth. So the list sees the tree through a slice, and each
 * step below runs in its own frame: shrink the slice, a few rows at a time,
 * to a screenful (dropping the off-screen rows), swap the tree in, let the
 * slice grow back a few rows at a time (building the off-screen rows), free
 * the old tree, then open groups in short slices, one per frame. */
static gboolean
work_step (gpointer user_data)
{
  HbTestResultsView *self = user_data;
  GtkSliceListModel *slice = self->slice;
  guint shown;

  self->work_source = 0;
  shown = MIN (g_list_model_get_n_items (G_LIST_MODEL (slice)), LIST_VIEW_ROWS);
  if (!tree_attached (self) && shown > SCREENFUL_ROWS)
    gtk_slice_list_model_set_size (slice, shrink_target (shown));
  else if (!tree_attached (self))
    {
      gtk_slice_list_model_set_size (slice, grown_size (self, 0));
      free_tree_gradually (g_steal_pointer (&self->old_tree));
      g_set_object (&self->old_tree, GTK_TREE_LIST_MODEL (gtk_slice_list_model_get_model (slice)));
      gtk_slice_list_model_set_model (slice, G_LIST_MODEL (self->tree));
      update_results_page (self);
      scroll_after_layout (self);
    }
  else if (gtk_slice_list_model_get_size (slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (slice, grown_size (self, gtk_slice_list_model_get_size (slice)));
  else if (self->old_tree != NULL)
    free_tree_gradually (g_steal_pointer (&self->old_tree));
  else if (expand_until (self, g_get_monotonic_time () + IDLE_SLICE_USEC))
    {
      show_first_failure (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return G_SOURCE_REMOVE;
    }

  show_first_failure (self);
  schedule_step (self);
  return G_SOURCE_REMOVE;
}

/* Builds a new tree from the index (or the roots, before there is one) and
 * opens the marked groups; see the comment at the top. With @defer_attach
 * the current rows stay until the next main-loop pass, so a frame is drawn
 * between building the new tree and swapping it in. */
static void
rebuild (HbTestResultsView *self, gboolean reset_expanded, gboolean defer_attach)
{
  GtkTreeListModel *tree;
  gboolean was_busy = hb_test_results_view_get_busy (self);

  cancel_steps (self);
  expand_stack_clear (self);
  if (reset_expanded && self->index != NULL)
    hb_test_index_reset_expanded (self->index);

  tree = gtk_tree_list_model_new (create_level_model (self, self->roots, self->index == NULL),
                                  FALSE, FALSE, create_child_model, self, NULL);
  if (!tree_attached (self))
    free_tree_gradually (g_steal_pointer (&self->tree));
  g_clear_object (&self->tree);
  self->tree = tree;
  self->first_failure = GTK_INVALID_LIST_POSITION;
  self->first_failure_shown = FALSE;
  expand_stack_push (self, NULL, gtk_tree_list_model_get_model (tree));

  /* Detached, opening groups costs the tree alone. */
  expand_until (self, g_get_monotonic_time () + FIRST_SLICE_USEC);
  if (defer_attach)
    schedule_step (self);
  else
    work_step (self);

  if (was_busy != hb_test_results_view_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
apply_filter (HbTestResultsView *self)
{
  if (self->index == NULL)
    return;
  hb_test_index_set_filter (self->index, self->failed_only, self->search_text);
  rebuild (self, TRUE, TRUE);
}

static void
on_view_sorter_changed (HbTestResultsView *self)
{
  /* Each level sorts with the view's order; keep what the person had open. */
  if (self->index != NULL && g_str_equal (self->state, "content"))
    rebuild (self, FALSE, TRUE);
}

/* ---- cells -------------------------------------------------------------- */

static HbTestNode *
list_item_node (GtkListItem *list_item)
{
  return gtk_tree_list_row_get_item (gtk_list_item_get_item (list_item));
}

static void
on_row_expanded (GtkTreeListRow *row, GParamSpec *pspec, HbTestResultsView *self)
{
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

  /* A row whose node is gone reports itself collapsed; that is not a choice. */
  if (node != NULL && self->index != NULL)
    hb_test_index_set_expanded (self->index, node, gtk_tree_list_row_get_expanded (row));
}

static void
name_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

/* A signal factory rather than a builder one: each row needs its own
 * notify::expanded connection, so a re-sort can restore what was open. */
static void
name_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, HbTestResultsView *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (expander, row);
  gtk_label_set_label (GTK_LABEL (gtk_tree_expander_get_child (expander)),
                       hb_test_node_get_name (node));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded), self, 0);
}

static void
name_unbind (GtkSignalListItemFactory *factory, GtkListItem *list_item, HbTestResultsView *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_expanded, self);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

static void
status_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (list_item, box);
}

static void
status_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  const char *icon = "dialog-question-symbolic";
  const char *text = C_ ("test status", "Unknown");
  const char *css = NULL;

  switch (hb_test_node_get_status (node))
    {
    case HB_TEST_STATUS_PASSED:
      icon = "object-select-symbolic";
      text = C_ ("test status", "Passed");
      css = "success";
      break;
    case HB_TEST_STATUS_FAILED:
      icon = "dialog-error-symbolic";
      text = C_ ("test status", "Failed");
      css = "error";
      break;
    case HB_TEST_STATUS_SKIPPED:
      icon = "media-skip-forward-symbolic";
      text = C_ ("test status", "Skipped");
      css = "dim-label";
      break;
    case HB_TEST_STATUS_UNKNOWN:
    default:
      break;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (box, "success");
  gtk_widget_remove_css_class (box, "error");
  gtk_widget_remove_css_class (box, "dim-label");
  if (css != NULL)
    gtk_widget_add_css_class (box, css);
}

static void
label_setup (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (user_data) ? 1.0 : 0.0;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
duration_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  g_autofree char *text = hb_duration_format (hb_test_node_get_duration (node));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
kind_bind (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_autoptr (HbTestNode) node = list_item_node (list_item);
  const char *text = C_ ("test kind", "Test");

  if (hb_test_node_get_kind (node) == HB_TEST_KIND_GROUP)
    text = C_ ("test kind", "Group");
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    GCallback setup,
                    GCallback bind,
                    GCallback unbind,
                    gpointer user_data)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  if (unbind != NULL)
    g_signal_connect (factory, "unbind", unbind, user_data);
  gtk_column_view_column_set_factory (column, factory);
}

/* ---- sorting ------------------------------------------------------------ */

static int
compare_name (gconstpointer a, gconstpointer b, gpointer user_data)
{
  HbTestResultsView *self = user_data;

  if (self->index == NULL)
    return 0;
  return hb_test_index_compare_names (self->index, (HbTestNode *) a, (HbTestNode *) b);
}

/* Most telling first: failures, then skips, then passes. */
static int
status_rank (HbTestNode *node)
{
  switch (hb_test_node_get_status (node))
    {
    case HB_TEST_STATUS_FAILED:
      return 0;
    case HB_TEST_STATUS_SKIPPED:
      return 1;
    case HB_TEST_STATUS_PASSED:
      return 2;
    case HB_TEST_STATUS_UNKNOWN:
    default:
      return 3;
    }
}

static int
compare_status (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return status_rank ((HbTestNode *) a) - status_rank ((HbTestNode *) b);
}

static int
compare_duration (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GTimeSpan da = hb_test_node_get_duration ((HbTestNode *) a);
  GTimeSpan db = hb_test_node_get_duration ((HbTestNode *) b);

  return (da > db) - (da < db);
}

static void
set_column_sorter (GtkColumnViewColumn *column, GCompareDataFunc compare, gpointer user_data)
{
  g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, user_data, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* ---- keyboard and actions ----------------------------------------------- */

static GtkTreeListRow *
selected_row (HbTestResultsView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* Right opens a group, then steps into it; Left closes it, then steps out. */
static gboolean
on_key_pressed (HbTestResultsView *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  GtkTreeListRow *row = selected_row (self);
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  g_autoptr (GtkTreeListRow) target = NULL;

  if (row == NULL || (!right && !left) || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  if (right && gtk_tree_list_row_is_expandable (row) && !gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, TRUE);
      return TRUE;
    }
  if (left && gtk_tree_list_row_get_expanded (row))
    {
      gtk_tree_list_row_set_expanded (row, FALSE);
      return TRUE;
    }

  target = right ? gtk_tree_list_row_get_child_row (row, 0) : gtk_tree_list_row_get_parent (row);
  if (target == NULL)
    return FALSE;
  select_position (self, gtk_tree_list_row_get_position (target), TRUE);
  return TRUE;
}

/* "Group.Subgroup.Test", as test runners print it, from the rows above. */
static char *
dup_full_name (GtkTreeListRow *row)
{
  g_autoptr (GtkTreeListRow) current = g_object_ref (row);
  GString *full = g_string_new (NULL);

  while (current != NULL)
    {
      g_autoptr (HbTestNode) node = gtk_tree_list_row_get_item (current);
      GtkTreeListRow *parent = gtk_tree_list_row_get_parent (current);

      if (full->len > 0)
        g_string_prepend_c (full, '.');
      g_string_prepend (full, hb_test_node_get_name (node));
      g_object_unref (current);
      current = parent;
    }
  return g_string_free (full, FALSE);
}

static void
copy_name_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (widget);
  GtkTreeListRow *row = selected_row (self);
  g_autofree char *full_name = NULL;

  if (row == NULL)
    return;
  full_name = dup_full_name (row);
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

  if (g_str_equal (self->state, "content"))
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

/* ---- GObject ------------------------------------------------------------ */

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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_steps (self);
  if (self->expand_stack != NULL)
    expand_stack_clear (self);
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  if (self->slice != NULL)
    gtk_slice_list_model_set_model (self->slice, NULL);
  g_clear_object (&self->slice);
  free_tree_gradually (g_steal_pointer (&self->tree));
  free_tree_gradually (g_steal_pointer (&self->old_tree));
  /* The columns leave with the template, and the sorter reports each one. */
  if (self->view_sorter != NULL)
    g_signal_handlers_disconnect_by_data (self->view_sorter, self);
  g_clear_object (&self->view_sorter);

  gtk_widget_dispose_template (GTK_WIDGET (self), HB_TYPE_TEST_RESULTS_VIEW);

  drop_tree_later (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (hb_test_results_view_parent_class)->dispose (object);
}

static void
hb_test_results_view_finalize (GObject *object)
{
  HbTestResultsView *self = HB_TEST_RESULTS_VIEW (object);

  g_clear_pointer (&self->expand_stack, g_array_unref);
  g_free (self->tests_url);
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
    case PROP_STATE:
      g_value_set_string (value, self->state);
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
      g_value_set_uint (value, self->index ? hb_test_index_get_n_tests (self->index) : 0);
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
      g_value_set_int64 (value, self->index ? hb_test_index_get_total_duration (self->index) : 0);
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
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, HB_TYPE_CLIENT, co);
  properties[PROP_TESTS_URL] = g_param_spec_string ("tests-url", NULL, NULL, NULL, co);
  /* "loading", "empty", "error" or "content" */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, "loading", ro);
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

  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/hb-test-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HbTestResultsView, spinner);
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
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->state = "loading";
  self->first_failure = GTK_INVALID_LIST_POSITION;
  self->expand_stack = g_array_new (FALSE, FALSE, sizeof (ExpandFrame));
  self->slice = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slice));
  self->cancellable = g_cancellable_new ();

  set_column_factory (self->name_column, G_CALLBACK (name_setup), G_CALLBACK (name_bind),
                      G_CALLBACK (name_unbind), self);
  set_column_factory (self->status_column, G_CALLBACK (status_setup), G_CALLBACK (status_bind),
                      NULL, self);
  set_column_factory (self->duration_column, G_CALLBACK (label_setup), G_CALLBACK (duration_bind),
                      NULL, GINT_TO_POINTER (TRUE));
  set_column_factory (self->kind_column, G_CALLBACK (label_setup), G_CALLBACK (kind_bind), NULL,
                      GINT_TO_POINTER (FALSE));
  set_column_sorter (self->name_column, compare_name, self);
  set_column_sorter (self->status_column, compare_status, self);
  set_column_sorter (self->duration_column, compare_duration, self);
  self->view_sorter = g_object_ref (gtk_column_view_get_sorter (self->column_view));
  g_signal_connect_object (self->view_sorter, "changed", G_CALLBACK (on_view_sorter_changed), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  hb_ui_spin_while_mapped (self->spinner);
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

  return self->state;
}

gboolean
hb_test_results_view_get_busy (HbTestResultsView *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_VIEW (self), FALSE);

  if (g_strcmp0 (self->state, "loading") == 0 || self->work_source != 0 || self->tick_id != 0)
    return TRUE;
  /* Rows show before the index behind counts and filters is ready. */
  return g_strcmp0 (self->state, "content") == 0 && self->index == NULL;
}

const char *
hb_test_results_view_get_title (HbTestResultsView *self)
{
  return _ ("Test Results");
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
