/* test-focus.c: issue 16, item 4: after each keyboard step the focus is in a predictable
 * place, and a keyboard user sees it (the widget is on screen and drawn :focus-visible)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hb-api.h"
#include "hb-app-row.h"
#include "hb-build-row.h"
#include "hb-create-app-dialog.h"
#include "hb-test-results-view.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static HbApp *row_app (GtkWidget *widget);

/* ---- keys, as GTK handles them ---- */

/* When the last key was pressed: GTK 4.8 hides the focus ring 3 s after showing it. */
static gint64 last_key_time;

/* A key press as the window's own key controllers see it. */
static void
window_sees_key (Fixture *fixture, guint keyval)
{
  g_autoptr (GListModel) controllers =
      gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  last_key_time = g_get_monotonic_time ();
}

/* Return on the focused widget: the window sees the key, then GTK's key binding emits the
 * widget's activate signal (a button's clicked, a list row's activate-item). */
static void
press_return (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  window_sees_key (fixture, GDK_KEY_Return);

  g_assert_nonnull (focus);
  g_test_message ("Return on %s %s", G_OBJECT_TYPE_NAME (focus),
                  row_app (focus) ? hb_app_get_slug (row_app (focus)) : "");
  g_assert_true (gtk_widget_activate (focus));
  hbt_settle (300);
}

/* The capture phase below the window: the key controllers of the focus widget's ancestors,
 * outermost first, that capture keys; TRUE when one handled the key. */
static gboolean
ancestors_take_key (Fixture *fixture, guint keyval, GdkModifierType state)
{
  g_autoptr (GPtrArray) chain = g_ptr_array_new ();

  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (fixture->window));
       w != NULL && w != GTK_WIDGET (fixture->window); w = gtk_widget_get_parent (w))
    g_ptr_array_add (chain, w);
  for (guint i = chain->len; i-- > 0;)
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (chain->pdata[i]);

      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, j);
          gboolean handled = FALSE;

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
              gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

/* Tab and Shift+Tab: what captures them on the way, else the window's move-focus binding. */
static void
press_tab (Fixture *fixture, GtkDirectionType direction)
{
  guint keyval = direction == GTK_DIR_TAB_FORWARD ? GDK_KEY_Tab : GDK_KEY_ISO_Left_Tab;

  window_sees_key (fixture, keyval);
  if (ancestors_take_key (fixture, keyval, direction == GTK_DIR_TAB_FORWARD ? 0 : GDK_SHIFT_MASK))
    {
      hbt_settle (200);
      return;
    }
  g_signal_emit_by_name (fixture->window, "move-focus", direction);
  hbt_settle (200);
}

/* ---- where the focus is ---- */

static GtkWidget *
focus (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static char *
describe (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " < " : "", G_OBJECT_TYPE_NAME (widget));
  return g_string_free (out, FALSE);
}

/* The focus is on a widget that is drawn, inside the window, with its focus ring. */
static void
assert_focus_seen (Fixture *fixture, const char *step)
{
  GtkWidget *widget = focus (fixture);
  g_autofree char *path = describe (widget);
  graphene_rect_t bounds;

  g_test_message ("%s: focus on %s", step, path);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_drawable (widget));
  /* The ring shows, unless GTK has hidden it by now (a busy machine took 2.5 s or more). */
  if (g_get_monotonic_time () - last_key_time < 2500 * G_TIME_SPAN_MILLISECOND)
    {
      g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (fixture->window)));
      g_assert_true (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_VISIBLE);
    }
  else
    g_test_message ("%s: past the time GTK shows a ring", step);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->window), &bounds));
  g_assert_cmpfloat (bounds.size.width, >, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     gtk_widget_get_width (GTK_WIDGET (fixture->window)) + 1);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_widget_get_height (GTK_WIDGET (fixture->window)) + 1);
}

/* The first HbAppRow in @widget (a list row), or NULL. */
static HbApp *
row_app (GtkWidget *widget)
{
  if (widget == NULL)
    return NULL;
  if (HB_IS_APP_ROW (widget))
    return hb_app_row_get_app (HB_APP_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HbApp *app = row_app (child);

      if (app != NULL)
        return app;
    }
  return NULL;
}

static void
assert_focus_on_app_row (Fixture *fixture, const char *slug, const char *step)
{
  HbApp *app = row_app (focus (fixture));

  assert_focus_seen (fixture, step);
  g_assert_nonnull (app);
  g_assert_cmpstr (hb_app_get_slug (app), ==, slug);
}

static guint
app_position (Fixture *fixture, const char *slug)
{
  GtkListView *view = GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (shown, i);

      if (g_strcmp0 (hb_app_get_slug (app), slug) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static const char *
first_slug (Fixture *fixture)
{
  GtkListView *view = GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"));
  g_autoptr (HbApp) app = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (view)), 0);

  return hb_app_get_slug (app);
}

/* A keyboard user: GTK turns the focus ring on at their first key press. */
static void
start_typing (Fixture *fixture)
{
  gtk_window_set_focus_visible (GTK_WINDOW (fixture->window), TRUE);
  last_key_time = g_get_monotonic_time ();
}

/* ---- the list and the detail ---- */

/* A signed-in start puts the focus on the list's first row (no application chosen before);
 * Return on a row shows its detail and leaves the focus on the row. */
static void
test_list_return (Fixture *fixture, gconstpointer data)
{
  const char *first;

  hbt_settle (300);
  first = first_slug (fixture);
  start_typing (fixture);
  assert_focus_on_app_row (fixture, first, "start");

  hb_app_list_view_focus_row (hbt_window_list_view (fixture), app_position (fixture, "shop-api"));
  hbt_settle (3500); /* reading: GTK hides the ring meanwhile */
  press_return (fixture);
  hbt_window_wait (fixture, hbt_window_selected_is, "shop-api", "Shop API's detail");
  hbt_settle (300);
  assert_focus_on_app_row (fixture, "shop-api", "Return on Shop API");
}

/* ---- the view switcher ---- */

static void
collect_toggles (GtkWidget *widget, GPtrArray *out)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_widget_is_drawable (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toggles (child, out);
}

static const char *
visible_page (Fixture *fixture)
{
  AdwViewStack *stack = ADW_VIEW_STACK (
      hbt_template_child (hbt_window_detail_view (fixture), HB_TYPE_APP_DETAIL_VIEW, "view_stack"));

  return adw_view_stack_get_visible_child_name (stack);
}

/* The view switcher on screen: the header's, or the bottom bar's when the header has no room
 * for every tab (eight since the Log page, at 1280 px). */
static GtkWidget *
shown_switcher (GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER (widget) && gtk_widget_is_drawable (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shown_switcher (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Return on a tab shows its page and leaves the focus, and its ring, on the tab. */
static void
test_switcher_return (Fixture *fixture, gconstpointer data)
{
  GtkWidget *title;
  g_autoptr (GPtrArray) tabs = g_ptr_array_new ();
  static const char *const names[] = { "builds", "variables", "collaborators" };

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  hbt_settle (300);
  title = shown_switcher (GTK_WIDGET (hbt_window_detail_view (fixture)));
  g_assert_nonnull (title);
  collect_toggles (title, tabs);
  g_assert_cmpuint (tabs->len, >=, G_N_ELEMENTS (names));
  start_typing (fixture);
  /* The person reads for a while: GTK has hidden the ring by the time they press Return. */
  hbt_settle (3500);
  for (guint i = G_N_ELEMENTS (names); i-- > 0;)
    {
      GtkWidget *tab = g_ptr_array_index (tabs, i);

      gtk_widget_grab_focus (tab);
      press_return (fixture);
      hbt_settle (500);
      g_assert_cmpstr (visible_page (fixture), ==, names[i]);
      assert_focus_seen (fixture, names[i]);
      g_assert_true (focus (fixture) == tab);
    }
}

/* ---- the detail's header ---- */

/* Tab from the Application Menu goes on to Open in Browser, then Copy Address: the
 * application's name and address between them are no Tab stops that select their text
 * (issue 16, item 12), and no trap that keeps the focus where it was. */
static void
test_detail_tab (Fixture *fixture, gconstpointer data)
{
  static const char *const stops[] = { "Open in Browser", "Copy Address" };

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (1), "the builds");
  hbt_settle (300);
  gtk_widget_grab_focus (hbt_template_child (hbt_window_detail_view (fixture),
                                             HB_TYPE_APP_DETAIL_VIEW, "app_menu_button"));
  start_typing (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      press_tab (fixture, GTK_DIR_TAB_FORWARD);
      assert_focus_seen (fixture, stops[i]);
      g_assert_false (GTK_IS_LABEL (focus (fixture)));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (focus (fixture)), ==, stops[i]);
    }
}

/* ---- the test results ---- */

static GtkWidget *
find_build_row (GtkWidget *widget, const char *id)
{
  if (HB_IS_BUILD_ROW (widget))
    {
      HbBuild *build = hb_build_row_get_build (HB_BUILD_ROW (widget));

      return build != NULL && g_strcmp0 (hb_resource_get_id (HB_RESOURCE (build)), id) == 0 ? widget
                                                                                            : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_build_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static HbTestResultsView *
results_view (Fixture *fixture)
{
  GtkWidget *bin = hbt_template_child (fixture->window, HB_TYPE_WINDOW, "tests_bin");

  return HB_TEST_RESULTS_VIEW (adw_bin_get_child (ADW_BIN (bin)));
}

static gboolean
results_shown (Fixture *fixture, gconstpointer unused)
{
  HbTestResultsView *view = results_view (fixture);

  return view != NULL && !hb_test_results_view_get_busy (view) &&
         g_strcmp0 (hb_test_results_view_get_state (view), "content") == 0;
}

/* The GtkTreeExpander of the table row that @widget is in, or NULL. */
static GtkTreeExpander *
row_expander (GtkWidget *widget)
{
  GtkWidget *row = widget;

  /* Up to the row, the list's child, then down to its name cell. */
  while (row != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  for (GtkWidget *cell = row != NULL ? gtk_widget_get_first_child (row) : NULL; cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    if (GTK_IS_TREE_EXPANDER (gtk_widget_get_first_child (cell)))
      return GTK_TREE_EXPANDER (gtk_widget_get_first_child (cell));
  return NULL;
}

/* The focus is on the table's selected row: the ring and the highlight are on one row. */
static void
assert_focus_on_selected_test (Fixture *fixture, const char *step)
{
  HbTestResultsView *view = results_view (fixture);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (hb_test_results_view_get_rows (view));
  GtkWidget *widget = focus (fixture);
  GtkTreeExpander *expander = row_expander (widget);
  GtkTreeListRow *selected = gtk_single_selection_get_selected_item (selection);
  GtkTreeListRow *focused = expander != NULL ? gtk_tree_expander_get_list_row (expander) : NULL;

  assert_focus_seen (fixture, step);
  g_assert_true (gtk_widget_is_ancestor (widget, GTK_WIDGET (view)));
  /* The row itself, which draws the ring (row:focus:focus-visible) and has the test's name. */
  g_assert_true (GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)));
  g_assert_nonnull (selected);
  g_assert_nonnull (focused);
  g_test_message ("%s: focused row %u, selected row %u", step,
                  gtk_tree_list_row_get_position (focused),
                  gtk_tree_list_row_get_position (selected));
  g_assert_true (focused == selected);
}

static GtkWidget *
column_view (Fixture *fixture)
{
  return hbt_template_child (results_view (fixture), HB_TYPE_TEST_RESULTS_VIEW, "column_view");
}

static GtkWidget *
search_entry (Fixture *fixture)
{
  return hbt_template_child (results_view (fixture), HB_TYPE_TEST_RESULTS_VIEW, "search_entry");
}

/* Return on a failed build's Test Results: the focus lands on the first failure once the
 * table shows. A search picks another failure, and Tab from the search field lands on it.
 * Back returns the focus to the Test Results button. */
static void
test_results_focus (Fixture *fixture, gconstpointer data)
{
  GtkWidget *row, *tests_button;
  g_autoptr (HbTestNode) node = NULL;
  g_autofree char *name = NULL;

  hbt_window_select_app (fixture, "hello-world");
  hbt_window_wait (fixture, hbt_window_builds_loaded, GUINT_TO_POINTER (2), "the builds");
  hbt_settle (500);
  row = find_build_row (GTK_WIDGET (hbt_window_builds_page (fixture)), "59");
  g_assert_nonnull (row);
  tests_button = hbt_template_child (row, HB_TYPE_BUILD_ROW, "tests_button");
  start_typing (fixture);
  gtk_widget_grab_focus (tests_button);
  press_return (fixture);
  hbt_window_wait (fixture, results_shown, NULL, "the test results");
  hbt_settle (500);
  assert_focus_on_selected_test (fixture, "test results shown");
  node = gtk_tree_list_row_get_item (gtk_single_selection_get_selected_item (
      GTK_SINGLE_SELECTION (hb_test_results_view_get_rows (results_view (fixture)))));
  g_assert_cmpint (hb_test_node_get_status (node), ==, HB_TEST_STATUS_FAILED);

  /* Tab leaves the table (GTK 4.8 went on to the next row, hundreds of presses to get out):
   * past the end of the view, then Shift+Tab comes back to the same row. */
  press_tab (fixture, GTK_DIR_TAB_FORWARD);
  g_assert_false (gtk_widget_is_ancestor (focus (fixture), GTK_WIDGET (results_view (fixture))));
  press_tab (fixture, GTK_DIR_TAB_BACKWARD);
  assert_focus_on_selected_test (fixture, "Tab, Shift+Tab");

  /* Shift+Tab out of the table and Tab back: the same row. */
  press_tab (fixture, GTK_DIR_TAB_BACKWARD);
  press_tab (fixture, GTK_DIR_TAB_FORWARD);
  assert_focus_on_selected_test (fixture, "Shift+Tab, Tab");

  /* A search for the failure, from the search field: its rows replace the table's; Tab, past
   * the buttons beside the field, goes to the selected row. */
  name = g_strdup (hb_test_node_get_name (node));
  gtk_widget_grab_focus (search_entry (fixture));
  gtk_editable_set_text (GTK_EDITABLE (search_entry (fixture)), name);
  hbt_window_wait (fixture, results_shown, NULL, "the search's rows");
  hbt_settle (500);
  assert_focus_seen (fixture, "search typed");
  g_assert_true (gtk_widget_is_ancestor (focus (fixture), search_entry (fixture)));
  for (guint i = 0;
       i < 6 && !gtk_widget_is_ancestor (focus (fixture), GTK_WIDGET (column_view (fixture))); i++)
    {
      g_autofree char *path = NULL;

      press_tab (fixture, GTK_DIR_TAB_FORWARD);
      path = describe (focus (fixture));
      g_test_message ("Tab: %s", path);
    }
  hbt_save_screenshot (GTK_WIDGET (fixture->window), "focus-test-results-tab.png");
  assert_focus_on_selected_test (fixture, "Tab from the search");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  hbt_settle (500);
  assert_focus_seen (fixture, "Back");
  g_assert_true (focus (fixture) == tests_button);

  /* Back again (the list is beside the detail): the chosen application's row. */
  window_sees_key (fixture, GDK_KEY_Left);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.back", NULL);
  hbt_settle (500);
  assert_focus_on_app_row (fixture, "hello-world", "Back again");
}

/* ---- a narrow window ---- */

static gboolean
leaflet_shows (Fixture *fixture, gconstpointer name)
{
  AdwLeaflet *leaflet =
      ADW_LEAFLET (hbt_template_child (fixture->window, HB_TYPE_WINDOW, "leaflet"));

  return g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), name) == 0 &&
         !adw_leaflet_get_child_transition_running (leaflet);
}

/* Return on a row replaces the list with the detail: the focus goes to its Back button;
 * Back returns it to the row. */
static void
test_narrow_return (void)
{
  Fixture fixture = { 0 };
  GtkWidget *back;

  fixture.server = hbt_server_new ();
  hbt_window_open (&fixture, hbt_server_new_client (fixture.server), 360, 720);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the applications list");
  hbt_settle (500);
  start_typing (&fixture);
  hb_app_list_view_focus_row (hbt_window_list_view (&fixture),
                              app_position (&fixture, "docs-site"));
  press_return (&fixture);
  hbt_window_wait (&fixture, leaflet_shows, "detail", "the detail");
  hbt_settle (300);
  back = hbt_template_child (hbt_window_detail_view (&fixture), HB_TYPE_APP_DETAIL_VIEW,
                             "back_button");
  assert_focus_seen (&fixture, "Return on Docs Site");
  g_assert_true (focus (&fixture) == back);

  press_return (&fixture);
  hbt_window_wait (&fixture, leaflet_shows, "list", "the list");
  hbt_settle (300);
  assert_focus_on_app_row (&fixture, "docs-site", "Back");
  hbt_window_teardown (&fixture, NULL);
}

/* ---- signing out and in ---- */

/* Signed out, the focus is on Sign In; signed in again, on the row of the application
 * chosen before. */
static void
test_sign_out_in (Fixture *fixture, gconstpointer data)
{
  GtkWidget *widget;
  g_autoptr (GSimpleActionGroup) app_actions = g_simple_action_group_new ();
  g_autoptr (GSimpleAction) sign_in = g_simple_action_new ("sign-in", NULL);

  /* HbApplication's action, which Sign In needs to be sensitive. */
  g_action_map_add_action (G_ACTION_MAP (app_actions), G_ACTION (sign_in));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app",
                                  G_ACTION_GROUP (app_actions));
  hbt_window_select_app (fixture, "status-page");
  start_typing (fixture);
  hb_client_set_token (fixture->client, NULL);
  hbt_settle (500);
  g_assert_cmpstr (hb_window_get_page (fixture->window), ==, "welcome");
  widget = focus (fixture);
  assert_focus_seen (fixture, "signed out");
  g_assert_true (GTK_IS_BUTTON (widget));
  g_assert_cmpstr (gtk_widget_get_name (widget), ==, "GtkButton");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (widget)), ==, "_Sign In");

  hb_client_set_token (fixture->client, HBT_DEMO_TOKEN);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the list after signing in");
  hbt_settle (500);
  /* The application chosen before is chosen again (the last-app setting). */
  g_assert_nonnull (hb_app_list_view_get_selected_app (hbt_window_list_view (fixture)));
  assert_focus_on_app_row (fixture, "status-page", "signed in");
}

/* ---- deleting an application ---- */

static gboolean
app_gone (Fixture *fixture, gconstpointer slug)
{
  return hbt_window_list_lacks_slug (fixture, slug);
}

/* The deleted application's row goes; the focus goes to the row now in its place. */
static void
test_delete_app (Fixture *fixture, gconstpointer data)
{
  guint position = app_position (fixture, "docs-site");
  AdwMessageDialog *dialog;
  GListModel *shown;
  g_autoptr (HbApp) next = NULL;

  hbt_window_select_app (fixture, "docs-site");
  start_typing (fixture);
  gtk_widget_activate_action (GTK_WIDGET (hbt_window_detail_view (fixture)), "detail.delete", NULL);
  hbt_window_wait (fixture, hbt_window_dialog_open, NULL, "the question");
  dialog = hbt_message_dialog ();
  adw_message_dialog_response (dialog, "delete");
  hbt_window_wait (fixture, app_gone, "docs-site", "the deletion");
  hbt_settle (500);
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "list_view"))));
  next = g_list_model_get_item (shown, position);
  assert_focus_on_app_row (fixture, hb_app_get_slug (next), "deleted");
}

/* ---- creating an application ---- */

static gboolean
has_slug (Fixture *fixture, gconstpointer slug)
{
  return hbt_window_list_has_slug (fixture, slug);
}

/* Created from Ctrl+N's dialog, the new application's row has the focus (not the row the
 * focus was on before the dialog). */
static void
test_create_app (Fixture *fixture, gconstpointer data)
{
  GtkWindow *dialog;

  start_typing (fixture);
  hb_app_list_view_focus_row (hbt_window_list_view (fixture), app_position (fixture, "shop-api"));
  hbt_settle (200);
  dialog = hb_window_open_create_dialog (fixture->window);
  hbt_settle (300);
  gtk_editable_set_text (
      GTK_EDITABLE (hbt_template_child (dialog, HB_TYPE_CREATE_APP_DIALOG, "name_row")),
      "Focus Story");
  window_sees_key (fixture, GDK_KEY_Return);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "create.submit", NULL);
  hbt_window_wait (fixture, has_slug, "focus-story", "the new application");
  hbt_settle (500);
  assert_focus_on_app_row (fixture, "focus-story", "created");
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Transitions end at once: the focus is checked where the page has arrived. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, hbt_window_setup, func, hbt_window_teardown)
  ADD ("/hb/focus/list-return", test_list_return);
  ADD ("/hb/focus/switcher-return", test_switcher_return);
  ADD ("/hb/focus/detail-tab", test_detail_tab);
  ADD ("/hb/focus/test-results", test_results_focus);
  ADD ("/hb/focus/sign-out-in", test_sign_out_in);
  ADD ("/hb/focus/delete-app", test_delete_app);
  ADD ("/hb/focus/create-app", test_create_app);
#undef ADD
  g_test_add_func ("/hb/focus/narrow-return", test_narrow_return);

  return g_test_run ();
}
