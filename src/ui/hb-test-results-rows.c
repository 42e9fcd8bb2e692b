/* hb-test-results-rows.c: the rows a test results view shows: a tree list model over
 * HbTestTree's levels, swapped into the list and opened over frames, so that even 100,000
 * tests never hold the main loop for long
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-test-results-rows.h"
#include "hb-ui-util.h"

/* How the shown tree changes, and why (what to open is HbTestTree's, see hb-test-tree.c):
 *
 * A new filter or order makes a new GtkTreeListModel over HbTestTree's levels. Only opened
 * groups ever get child models. Opening the marked groups runs with a time budget: a first
 * slice while the new tree is still detached, the rest in slices, one per frame. Swapping
 * the new tree in is spread over frames too, see work_step (). While the body arrives the
 * levels grow by themselves; opening waits for them (hb_test_results_rows_resume ()). */

struct _HbTestResultsRows
{
  GObject parent_instance;

  GtkWidget *widget; /* borrowed: it owns us */
  HbTestTree *tree;
  GtkSingleSelection *selection;
  GtkColumnView *column_view;

  GtkTreeListModel *shown;
  GtkTreeListModel *old_shown; /* swapped out, freed in a later step */
  GtkSliceListModel *slice;    /* what the list shows of the tree */
  guint work_source;
  guint tick_id;
  guint scroll_source;
  guint scroll_tick_id;
  guint focus_source; /* Tab into the table, moved on to the selected row */
  gboolean first_failure_shown;
};

G_DEFINE_FINAL_TYPE (HbTestResultsRows, hb_test_results_rows, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum
{
  SWAPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Work done before the new rows are shown, and per frame after. */
#define FIRST_SLICE_USEC (10 * G_TIME_SPAN_MILLISECOND)
#define IDLE_SLICE_USEC (8 * G_TIME_SPAN_MILLISECOND)
/* Opening groups as tests arrive, inside their delivery (itself a slice of 8 ms). */
#define ARRIVAL_SLICE_USEC (4 * G_TIME_SPAN_MILLISECOND)
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
 * A detached tree may outlive the view: its create function holds the HbTestTree. */
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

/* A table row shows the tree row its name cell's expander is bound to. */
static gboolean
row_shows (GtkWidget *row, gpointer tree_row)
{
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *child = gtk_widget_get_first_child (cell);

      if (child != NULL && GTK_IS_TREE_EXPANDER (child))
        return gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (child)) == tree_row;
    }
  return FALSE;
}

/* GTK 4.8 has no gtk_column_view_scroll_to(): its inner list view scrolls. */
static GtkWidget *
inner_list (HbTestResultsRows *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  g_return_val_if_reached (NULL);
}

static void
scroll_to_position (HbTestResultsRows *self, guint position, gboolean grab_focus)
{
  GtkWidget *list = inner_list (self);
  g_autoptr (GObject) tree_row = NULL;

  if (grab_focus)
    tree_row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (tree_row != NULL)
    hb_ui_list_focus_item (list, position, tree_row, row_shows);
  else
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
}

/* The row of the table that has the focus, or NULL. */
static GtkWidget *
focused_row (HbTestResultsRows *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->column_view));
  GtkWidget *row = root != NULL ? gtk_root_get_focus (root) : NULL;

  while (row != NULL && gtk_widget_get_parent (row) != inner_list (self))
    row = gtk_widget_get_parent (row);
  return row;
}

static gboolean
focus_selected_idle (gpointer user_data)
{
  HbTestResultsRows *self = user_data;
  GtkWidget *row = focused_row (self);
  gpointer selected = gtk_single_selection_get_selected_item (self->selection);

  self->focus_source = 0;
  if (row != NULL && selected != NULL && !row_shows (row, selected))
    hb_test_results_rows_focus_selected (self);
  return G_SOURCE_REMOVE;
}

/* Tab into the table lands on the selected row, where GTK 4.8 would go back to the row it
 * focused last (a failure picked since, or a search, left that one unselected). A click
 * chooses its own row. Moved once GTK has finished moving the focus, before the frame. */
static void
on_focus_enter (HbTestResultsRows *self, GtkEventControllerFocus *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (self->focus_source != 0 || self->widget == NULL ||
      (event != NULL && gdk_event_get_event_type (event) != GDK_KEY_PRESS))
    return;
  self->focus_source = g_idle_add_full (STEP_PRIORITY, focus_selected_idle, self, NULL);
}

/* Selects the row at @position and scrolls to it. */
void
hb_test_results_rows_select (HbTestResultsRows *self, guint position, gboolean grab_focus)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position, grab_focus);
}

/* The focus on the selected row, else on the first; none on an empty table. */
void
hb_test_results_rows_focus_selected (HbTestResultsRows *self)
{
  guint selected;

  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;
  selected = gtk_single_selection_get_selected (self->selection);
  hb_test_results_rows_select (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0, TRUE);
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

/* Returns (nullable): the selected row's full name. */
char *
hb_test_results_rows_dup_selected_name (HbTestResultsRows *self)
{
  GtkTreeListRow *row;

  g_return_val_if_fail (HB_IS_TEST_RESULTS_ROWS (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  return row != NULL ? dup_full_name (row) : NULL;
}

static gboolean
scroll_idle (gpointer user_data)
{
  HbTestResultsRows *self = user_data;
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
  HbTestResultsRows *self = user_data;

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
scroll_after_layout (HbTestResultsRows *self)
{
  if (self->scroll_tick_id != 0 || self->scroll_source != 0)
    return;
  if (gtk_widget_get_mapped (self->widget))
    self->scroll_tick_id = gtk_widget_add_tick_callback (self->widget, on_scroll_frame, self, NULL);
  else
    self->scroll_source = g_idle_add_full (STEP_PRIORITY, scroll_idle, self, NULL);
}

/* ---- swapping trees, a step per frame ---- */

static gboolean
tree_attached (HbTestResultsRows *self)
{
  return gtk_slice_list_model_get_model (self->slice) == G_LIST_MODEL (self->shown);
}

/* Once the row is inside the part of the tree the list shows. */
static void
show_first_failure (HbTestResultsRows *self)
{
  guint first_failure = hb_test_tree_get_first_failure (self->tree);

  if (self->first_failure_shown || first_failure == G_MAXUINT || !tree_attached (self) ||
      first_failure >= g_list_model_get_n_items (G_LIST_MODEL (self->slice)))
    return;
  self->first_failure_shown = TRUE;
  gtk_single_selection_set_selected (self->selection, first_failure);
  scroll_after_layout (self);
}

static gboolean work_step (gpointer user_data);

/* The slice's next size while it grows after a swap, from @size (0: just swapped). Past
 * what the list view ever builds, the rest comes through at once. */
static guint
grown_size (guint size)
{
  size = size == 0 ? SCREENFUL_ROWS : size + ROWS_PER_STEP;
  return size > LIST_VIEW_ROWS ? G_MAXUINT : size;
}

/* The tree has rows the slice holds back: the list builds them a step at a time, whether
 * they came with a swap, with tests arriving or with groups opening. */
static gboolean
slice_full (HbTestResultsRows *self)
{
  guint size = gtk_slice_list_model_get_size (self->slice);

  return tree_attached (self) && size != G_MAXUINT &&
         g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > size;
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
  HbTestResultsRows *self = user_data;

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
schedule_step (HbTestResultsRows *self)
{
  if (self->work_source != 0 || self->tick_id != 0)
    return;
  if (gtk_widget_get_mapped (self->widget))
    self->tick_id = gtk_widget_add_tick_callback (self->widget, on_next_frame, self, NULL);
  else
    self->work_source = g_timeout_add_full (STEP_PRIORITY, REAP_INTERVAL_MS, work_step, self, NULL);
}

static void
cancel_steps (HbTestResultsRows *self)
{
  g_clear_handle_id (&self->work_source, g_source_remove);
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->scroll_tick_id);
  self->scroll_tick_id = 0;
}

/* Steps are due, or groups are left to open once more tests arrive. */
gboolean
hb_test_results_rows_get_busy (HbTestResultsRows *self)
{
  g_return_val_if_fail (HB_IS_TEST_RESULTS_ROWS (self), FALSE);
  return self->work_source != 0 || self->tick_id != 0 || hb_test_tree_get_expanding (self->tree) ||
         (self->shown != NULL && slice_full (self));
}

static void
notify_busy (HbTestResultsRows *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Nothing is left to do now: opening is done, or waits for tests still arriving. */
static void
pause_steps (HbTestResultsRows *self)
{
  show_first_failure (self);
  /* Everything shown is built: rows a person opens come through at once. */
  if (!hb_test_tree_get_expanding (self->tree))
    gtk_slice_list_model_set_size (self->slice, G_MAXUINT);
  notify_busy (self);
}

/* GTK 4.8's list view keeps about 200 row widgets around the top row, and
 * swapping models drops them all and builds 200 new ones: far more than
 * one frame's worth. So the list sees the tree through a slice, and each
 * step below runs in its own frame: shrink the slice, a few rows at a time,
 * to a screenful (dropping the off-screen rows), swap the tree in; then, a
 * step per frame, let the slice grow back a few rows at a time (the frame
 * builds the off-screen rows) and open groups for a short slice of time,
 * until nothing is held back and nothing is left to open. Rows that arrive
 * with the tests come through the slice the same way, and opening that waits
 * for tests still arriving takes no step until they have. */
static gboolean
work_step (gpointer user_data)
{
  HbTestResultsRows *self = user_data;
  GtkSliceListModel *slice = self->slice;
  guint shown;

  self->work_source = 0;
  shown = MIN (g_list_model_get_n_items (G_LIST_MODEL (slice)), LIST_VIEW_ROWS);
  if (!tree_attached (self) && shown > SCREENFUL_ROWS)
    gtk_slice_list_model_set_size (slice, shrink_target (shown));
  else if (!tree_attached (self))
    {
      gtk_slice_list_model_set_size (slice, grown_size (0));
      free_tree_gradually (g_steal_pointer (&self->old_shown));
      g_set_object (&self->old_shown, GTK_TREE_LIST_MODEL (gtk_slice_list_model_get_model (slice)));
      gtk_slice_list_model_set_model (slice, G_LIST_MODEL (self->shown));
      g_signal_emit (self, signals[SWAPPED], 0);
      scroll_after_layout (self);
    }
  else
    {
      if (slice_full (self))
        gtk_slice_list_model_set_size (slice, grown_size (gtk_slice_list_model_get_size (slice)));
      free_tree_gradually (g_steal_pointer (&self->old_shown));
      if (hb_test_tree_expand_until (self->tree, g_get_monotonic_time () + IDLE_SLICE_USEC) &&
          !slice_full (self))
        {
          pause_steps (self);
          return G_SOURCE_REMOVE;
        }
    }

  show_first_failure (self);
  schedule_step (self);
  return G_SOURCE_REMOVE;
}

/* Called by the tree list model when a group opens, and to learn whether it can. */
static GListModel *
create_child_model (gpointer item, gpointer tree)
{
  return hb_test_tree_create_children (tree, item);
}

/**
 * hb_test_results_rows_rebuild:
 * @defer_attach: the current rows stay until the next main-loop pass, so a frame is drawn
 *   between building the new tree and swapping it in
 *
 * Builds a new shown tree from HbTestTree's levels and opens the groups it marks; see the
 * comment at the top.
 */
void
hb_test_results_rows_rebuild (HbTestResultsRows *self, gboolean defer_attach)
{
  GtkTreeListModel *tree;

  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  cancel_steps (self);
  hb_test_tree_expand_stop (self->tree);
  tree = gtk_tree_list_model_new (hb_test_tree_create_top_level (self->tree), FALSE, FALSE,
                                  create_child_model, g_object_ref (self->tree), g_object_unref);
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
  notify_busy (self);
}

/**
 * hb_test_results_rows_resume:
 *
 * More tests arrived, or the body ended; call it after the levels have grown (connect after
 * the store's other handlers). Groups the store marked open now open at once, a short slice
 * of them, with no frame to wait for; rows to build wait for the next step.
 */
void
hb_test_results_rows_resume (HbTestResultsRows *self)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  if (self->shown == NULL)
    return;
  if (tree_attached (self) && hb_test_tree_get_expanding (self->tree) &&
      hb_test_tree_expand_until (self->tree, g_get_monotonic_time () + ARRIVAL_SLICE_USEC) &&
      !slice_full (self) && self->work_source == 0 && self->tick_id == 0)
    {
      pause_steps (self);
      return;
    }
  show_first_failure (self);
  if (hb_test_tree_get_expanding (self->tree) || slice_full (self))
    schedule_step (self);
}

/* Every step stops, and opening with them. */
void
hb_test_results_rows_cancel (HbTestResultsRows *self)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  cancel_steps (self);
  hb_test_tree_expand_stop (self->tree);
}

/* For the widget's dispose: every step stops; the trees shown are freed gradually, even
 * after the widget is gone. */
void
hb_test_results_rows_shutdown (HbTestResultsRows *self)
{
  g_return_if_fail (HB_IS_TEST_RESULTS_ROWS (self));

  if (self->widget == NULL)
    return;
  hb_test_results_rows_cancel (self);
  g_clear_handle_id (&self->focus_source, g_source_remove);
  gtk_single_selection_set_model (self->selection, NULL);
  gtk_slice_list_model_set_model (self->slice, NULL);
  free_tree_gradually (g_steal_pointer (&self->shown));
  free_tree_gradually (g_steal_pointer (&self->old_shown));
  self->widget = NULL;
}

static void
hb_test_results_rows_dispose (GObject *object)
{
  HbTestResultsRows *self = HB_TEST_RESULTS_ROWS (object);

  hb_test_results_rows_shutdown (self);
  g_clear_object (&self->slice);
  g_clear_object (&self->selection);
  g_clear_object (&self->column_view);
  g_clear_object (&self->tree);
  G_OBJECT_CLASS (hb_test_results_rows_parent_class)->dispose (object);
}

static void
hb_test_results_rows_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbTestResultsRows *self = HB_TEST_RESULTS_ROWS (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, hb_test_results_rows_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_test_results_rows_class_init (HbTestResultsRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hb_test_results_rows_dispose;
  object_class->get_property = hb_test_results_rows_get_property;

  /* Notified when it may have changed. */
  properties[PROP_BUSY] =
      g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HbTestResultsRows::swapped:
   *
   * The list shows another tree now.
   */
  signals[SWAPPED] = g_signal_new ("swapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
hb_test_results_rows_init (HbTestResultsRows *self)
{
}

/**
 * hb_test_results_rows_new:
 *
 * Returns: (transfer full): the rows, none shown yet
 */
HbTestResultsRows *
hb_test_results_rows_new (GtkWidget *widget,
                          HbTestTree *tree,
                          GtkSingleSelection *selection,
                          GtkColumnView *column_view)
{
  HbTestResultsRows *self = g_object_new (HB_TYPE_TEST_RESULTS_ROWS, NULL);
  GtkEventController *focus;

  self->widget = widget;
  self->tree = g_object_ref (tree);
  self->selection = g_object_ref (selection);
  self->column_view = g_object_ref (column_view);
  self->slice = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  gtk_single_selection_set_model (selection, G_LIST_MODEL (self->slice));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_focus_enter), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (inner_list (self), focus);
  return self;
}
