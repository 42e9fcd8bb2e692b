/* hb-test-results-view-steps.c: HbTestResultsView swaps in a new shown tree and opens its
 * groups over frames, so that even 100,000 tests never hold the main loop for long
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-test-results-view-private.h"

/* How the shown tree changes, and why (what to open is HbTestTree's, see hb-test-tree.c):
 *
 * A new filter or order makes a new GtkTreeListModel over HbTestTree's levels. Only opened
 * groups ever get child models. Opening the marked groups runs with a time budget: a first
 * slice while the new tree is still detached, the rest in slices, one per frame. Swapping
 * the new tree in is spread over frames too, see work_step (). */

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

/* ---- the rows HbTestTree opens groups in: this GtkTreeListModel's ---- */

static GObject *
row_child (GObject *model, GObject *parent, guint i)
{
  if (parent == NULL)
    return G_OBJECT (gtk_tree_list_model_get_child_row (GTK_TREE_LIST_MODEL (model), i));
  return G_OBJECT (gtk_tree_list_row_get_child_row (GTK_TREE_LIST_ROW (parent), i));
}

static GListModel *
row_expand (GObject *row)
{
  gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (row), TRUE);
  return gtk_tree_list_row_get_children (GTK_TREE_LIST_ROW (row));
}

static guint
row_position (GObject *row)
{
  return gtk_tree_list_row_get_position (GTK_TREE_LIST_ROW (row));
}

static const HbTestTreeRows tree_list_rows = { row_child, row_expand, row_position };

/* ---- freeing a tree ---- */

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

/* ---- scrolling ---- */

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

void
_hb_test_results_view_select (HbTestResultsView *self, guint position, gboolean grab_focus)
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

/* ---- swapping trees, a step per frame ---- */

static gboolean
tree_attached (HbTestResultsView *self)
{
  return gtk_slice_list_model_get_model (self->slice) == G_LIST_MODEL (self->shown);
}

/* Once the row is inside the part of the tree the list shows. */
static void
show_first_failure (HbTestResultsView *self)
{
  guint first_failure = hb_test_tree_get_first_failure (self->tree);

  if (self->first_failure_shown || first_failure == G_MAXUINT || !tree_attached (self) ||
      first_failure >= g_list_model_get_n_items (G_LIST_MODEL (self->slice)))
    return;
  self->first_failure_shown = TRUE;
  gtk_single_selection_set_selected (self->selection, first_failure);
  scroll_after_layout (self);
}

static void
update_results_page (HbTestResultsView *self)
{
  gboolean any = hb_test_tree_get_n_visible (self->tree) > 0;

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
  if (size > LIST_VIEW_ROWS || size >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
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
    self->work_source = g_timeout_add_full (STEP_PRIORITY, REAP_INTERVAL_MS, work_step, self, NULL);
}

void
_hb_test_results_view_cancel_steps (HbTestResultsView *self)
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

gboolean
_hb_test_results_view_stepping (HbTestResultsView *self)
{
  return self->work_source != 0 || self->tick_id != 0;
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
      free_tree_gradually (g_steal_pointer (&self->old_shown));
      g_set_object (&self->old_shown, GTK_TREE_LIST_MODEL (gtk_slice_list_model_get_model (slice)));
      gtk_slice_list_model_set_model (slice, G_LIST_MODEL (self->shown));
      update_results_page (self);
      scroll_after_layout (self);
    }
  else if (gtk_slice_list_model_get_size (slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (slice, grown_size (self, gtk_slice_list_model_get_size (slice)));
  else if (self->old_shown != NULL)
    free_tree_gradually (g_steal_pointer (&self->old_shown));
  else if (hb_test_tree_expand_until (self->tree, g_get_monotonic_time () + IDLE_SLICE_USEC))
    {
      show_first_failure (self);
      /* By name: the property is the view's (hb-test-results-view.c), the last step ours. */
      g_object_notify (G_OBJECT (self), "busy");
      return G_SOURCE_REMOVE;
    }

  show_first_failure (self);
  schedule_step (self);
  return G_SOURCE_REMOVE;
}

/* Called by the tree when a group opens, and to learn whether it can. */
static GListModel *
create_child_model (gpointer item, gpointer user_data)
{
  HbTestResultsView *self = user_data;

  return hb_test_tree_create_children (self->tree, item);
}

/* Builds a new shown tree from HbTestTree's levels and opens the groups it marks; see the
 * comment at the top. With @defer_attach the current rows stay until the next main-loop
 * pass, so a frame is drawn between building the new tree and swapping it in. */
void
_hb_test_results_view_rebuild (HbTestResultsView *self, gboolean defer_attach)
{
  GtkTreeListModel *tree;

  _hb_test_results_view_cancel_steps (self);
  hb_test_tree_expand_stop (self->tree);
  tree = gtk_tree_list_model_new (hb_test_tree_create_top_level (self->tree), FALSE, FALSE,
                                  create_child_model, self, NULL);
  if (!tree_attached (self))
    free_tree_gradually (g_steal_pointer (&self->shown));
  g_clear_object (&self->shown);
  self->shown = tree;
  self->first_failure_shown = FALSE;
  hb_test_tree_expand_start (self->tree, &tree_list_rows, G_OBJECT (tree),
                             gtk_tree_list_model_get_model (tree));

  /* Detached, opening groups costs the tree alone. */
  hb_test_tree_expand_until (self->tree, g_get_monotonic_time () + FIRST_SLICE_USEC);
  if (defer_attach)
    schedule_step (self);
  else
    work_step (self);
}

void
_hb_test_results_view_init_steps (HbTestResultsView *self)
{
  self->slice = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->slice));
}

/* Every step stops; the trees shown are freed gradually, even after the view is gone. */
void
_hb_test_results_view_dispose_steps (HbTestResultsView *self)
{
  _hb_test_results_view_cancel_steps (self);
  if (self->tree != NULL)
    hb_test_tree_expand_stop (self->tree);
  if (self->selection != NULL)
    gtk_single_selection_set_model (self->selection, NULL);
  if (self->slice != NULL)
    gtk_slice_list_model_set_model (self->slice, NULL);
  g_clear_object (&self->slice);
  free_tree_gradually (g_steal_pointer (&self->shown));
  free_tree_gradually (g_steal_pointer (&self->old_shown));
}
