/* test-errors-page.c: HbErrorsPage: the errors, newest first, and one in detail
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hb-api.h"
#include "hb-errors-page.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static gboolean
errors_loaded (Fixture *fixture, gconstpointer page)
{
  return !hb_app_page_get_loading (HB_APP_PAGE ((HbErrorsPage *) page)) &&
         g_list_model_get_n_items (
             G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE ((HbErrorsPage *) page)))) > 0;
}

static void
test_errors (Fixture *fixture, gconstpointer data)
{
  HbErrorsPage *page;
  GListModel *errors;
  g_autoptr (HbAppError) first = NULL;
  g_autofree char *text = NULL;
  GtkWindow *dialog;

  hbt_window_select_app (fixture, "shop-api");
  page = HB_ERRORS_PAGE (hbt_window_show_page (fixture, "errors"));
  hbt_window_wait (fixture, errors_loaded, page, "the errors");
  errors = G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page)));
  for (guint i = 1; i < g_list_model_get_n_items (errors); i++)
    {
      g_autoptr (HbAppError) a = g_list_model_get_item (errors, i - 1);
      g_autoptr (HbAppError) b = g_list_model_get_item (errors, i);
      g_assert_cmpint (g_date_time_compare (hb_app_error_get_date (a), hb_app_error_get_date (b)),
                       >=, 0);
    }
  first = g_list_model_get_item (errors, 0);
  text = hb_errors_page_format_error (first);
  g_assert_nonnull (strstr (text, hb_app_error_get_request_path (first)));
  g_assert_nonnull (strstr (text, hb_exception_get_type_name (hb_app_error_get_exception (first))));

  hb_app_detail_view_set_page (hbt_window_detail_view (fixture), "errors");
  dialog = hb_errors_page_show_error (page, first);
  hbt_settle (400);
  hbt_save_screenshot (GTK_WIDGET (dialog), "error-detail.png");
  gtk_window_destroy (dialog);
}

/* ---- issue 16, item 11: Error Details, wide, unwrapped, with Copy ---- */

/* The first mapped widget of @type under @widget, in tree order. */
static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The mapped label under @widget that says @text. */
static GtkLabel *
find_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button under @widget whose label or tooltip starts with "Copy" (mnemonics aside). */
static GtkWidget *
find_copy_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      g_autoptr (GString) words = g_string_new (label != NULL ? label : tooltip);

      g_string_replace (words, "_", "", 0);
      if (g_str_has_prefix (words->str, "Copy"))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_copy_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shown text, as it is in the view. */
static char *
shown_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

/* Lines the view breaks where the text does not (a wrapped identifier). */
static guint
count_wrapped (GtkTextView *view)
{
  GtkTextIter iter;
  guint wrapped = 0;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  while (gtk_text_view_forward_display_line (view, &iter))
    if (!gtk_text_iter_starts_line (&iter))
      wrapped++;
  return wrapped;
}

static void
on_text_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **text = user_data;
  g_autoptr (GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* What the clipboard holds; @widget's clipboard is cleared first, so a copy that did nothing
 * reads "". A button activated from the keyboard clicks 250 ms later (GTK 4.8's
 * ACTIVATE_TIMEOUT): the copy is given 500 ms. */
static char *
clipboard_after (GtkWidget *widget, void (*copy) (gpointer), gpointer data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  g_autofree char *text = NULL;

  gdk_clipboard_set_text (clipboard, "");
  copy (data);
  hbt_settle (500);
  gdk_clipboard_read_text_async (clipboard, NULL, on_text_read, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (&text);
}

/* A key as GTK's shortcut controllers take it, from the focus widget up to the window (a
 * widget's key bindings, the window's Escape and Ctrl+C). TRUE when one took it. */
static gboolean
press_key (GtkWindow *window, guint keyval, GdkModifierType modifiers)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  for (GtkWidget *w = focus != NULL ? focus : GTK_WIDGET (window); w != NULL;
       w = gtk_widget_get_parent (w))
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr (GtkShortcut) shortcut =
                  g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

static void
click (gpointer button)
{
  g_assert_true (gtk_widget_activate (button));
}

static void
press_ctrl_c (gpointer window)
{
  g_assert_true (press_key (window, GDK_KEY_c, GDK_CONTROL_MASK));
}

/* The newest error of hello-world (its longest stack trace) in detail. */
static GtkWindow *
open_detail (Fixture *fixture, HbAppError **error)
{
  HbErrorsPage *page;
  GtkWindow *dialog;

  hbt_window_select_app (fixture, "hello-world");
  page = HB_ERRORS_PAGE (hbt_window_show_page (fixture, "errors"));
  hbt_window_wait (fixture, errors_loaded, page, "the errors");
  *error = g_list_model_get_item (G_LIST_MODEL (hb_app_page_get_list (HB_APP_PAGE (page))), 0);
  g_assert_cmpstr (hb_exception_get_type_name (hb_app_error_get_exception (*error)), ==,
                   "System.Data.Entity.Core.EntityCommandExecutionException");
  dialog = hb_errors_page_show_error (page, *error);
  hbt_settle (400);
  return dialog;
}

static void
resize (Fixture *fixture, int width, int height)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  /* Until the window has its new width: a fixed pause was too short in the sanitizer tree (the
   * dialog then took the old 1280 px window's width). */
  while (gtk_widget_get_width (GTK_WIDGET (fixture->window)) != width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      hbt_settle (50);
    }
  hbt_settle (100);
}

/* At 1280 × 800: a window at least 600 px wide (no wider than the main one), the exception's
 * message at the top as plain text, the report monospace and not wrapped (it scrolls
 * sideways instead), Escape closes it. */
static void
test_detail_view (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbAppError) error = NULL;
  GtkWindow *dialog = open_detail (fixture, &error);
  const char *message = hb_exception_get_message (hb_app_error_get_exception (error));
  GtkTextView *view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  GtkWidget *scrolled;
  GtkAdjustment *across;
  GtkLabel *label;
  graphene_point_t label_at, view_at;
  g_autofree char *text = NULL;
  g_autofree char *report = hb_errors_page_format_error (error);

  hbt_save_screenshot (GTK_WIDGET (dialog), "error-detail-1280.png");
  g_test_message ("Error Details: %d × %d px", gtk_widget_get_width (GTK_WIDGET (dialog)),
                  gtk_widget_get_height (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=,
                   gtk_widget_get_width (GTK_WIDGET (fixture->window)));

  g_assert_nonnull (view);
  text = shown_text (view);
  g_assert_cmpstr (text, ==, report);
  g_assert_true (gtk_text_view_get_monospace (view));
  g_assert_false (gtk_text_view_get_editable (view));
  g_assert_cmpuint (count_wrapped (view), ==, 0);
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
  across = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_test_message ("report %g px wide in %g px", gtk_adjustment_get_upper (across),
                  gtk_adjustment_get_page_size (across));
  g_assert_cmpfloat (gtk_adjustment_get_upper (across), >, gtk_adjustment_get_page_size (across));

  label = find_label (GTK_WIDGET (dialog), message);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (label), GTK_WIDGET (dialog),
                                           &GRAPHENE_POINT_INIT (0, 0), &label_at));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (dialog),
                                           &GRAPHENE_POINT_INIT (0, 0), &view_at));
  g_assert_cmpfloat (label_at.y, <, view_at.y);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (press_key (dialog, GDK_KEY_Escape, 0));
  hbt_window_wait (fixture, hbt_window_pointer_cleared, &dialog, "Escape to close the dialog");
}

/* The Copy button puts exactly the shown report on the clipboard and says so in the dialog
 * (not behind it); Ctrl+C copies the selection, or all of it when nothing is selected. */
static void
test_detail_copy (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbAppError) error = NULL;
  GtkWindow *dialog = open_detail (fixture, &error);
  GtkTextView *view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  GtkWidget *copy = find_copy_button (GTK_WIDGET (dialog));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *shown = shown_text (view);
  g_autofree char *expected = hb_errors_page_format_error (error);
  g_autofree char *copied = NULL;
  const char *type = "System.Data.Entity.Core.EntityCommandExecutionException";
  GtkTextIter start, end;

  g_assert_cmpstr (shown, ==, expected);
  g_assert_nonnull (copy);
  g_assert_nonnull (gtk_widget_get_tooltip_text (copy));
  g_assert_null (find_label (GTK_WIDGET (dialog), "Copied to clipboard"));

  copied = clipboard_after (copy, click, copy);
  g_assert_cmpstr (copied, ==, shown);
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Copied to clipboard"));
  hbt_save_screenshot (GTK_WIDGET (dialog), "error-detail-copied.png");

  /* Ctrl+C in the report with the exception's type selected: that alone. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, type, 0, &start, &end, NULL));
  gtk_text_buffer_select_range (buffer, &start, &end);
  g_clear_pointer (&copied, g_free);
  copied = clipboard_after (GTK_WIDGET (dialog), press_ctrl_c, dialog);
  g_assert_cmpstr (copied, ==, type);

  /* Nothing selected: everything. */
  gtk_text_buffer_place_cursor (buffer, &start);
  g_clear_pointer (&copied, g_free);
  copied = clipboard_after (GTK_WIDGET (dialog), press_ctrl_c, dialog);
  g_assert_cmpstr (copied, ==, shown);

  /* From the Copy button too, where the view's own binding is not on the way. */
  gtk_widget_grab_focus (copy);
  g_clear_pointer (&copied, g_free);
  copied = clipboard_after (GTK_WIDGET (dialog), press_ctrl_c, dialog);
  g_assert_cmpstr (copied, ==, shown);
  gtk_window_destroy (dialog);
}

/* In a 360 px wide window the dialog is no wider, asks for no more, and the report still
 * scrolls sideways rather than wrapping. */
static void
test_detail_narrow (Fixture *fixture, gconstpointer data)
{
  g_autoptr (HbAppError) error = NULL;
  GtkWindow *dialog;
  GtkTextView *view;
  int min;

  resize (fixture, 360, 720);
  dialog = open_detail (fixture, &error);
  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  hbt_save_screenshot (GTK_WIDGET (dialog), "error-detail-360.png");
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("Error Details at 360 px: %d px wide, minimum %d px",
                  gtk_widget_get_width (GTK_WIDGET (dialog)), min);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  g_assert_cmpuint (count_wrapped (view), ==, 0);
  gtk_window_destroy (dialog);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Dialogs fade in; screenshots and checks want them in their final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func)                                                                            \
  g_test_add (path, Fixture, NULL, hbt_window_setup, func, hbt_window_teardown)
  ADD ("/hb/errors/list-and-detail", test_errors);
  ADD ("/hb/errors/detail-view", test_detail_view);
  ADD ("/hb/errors/detail-copy", test_detail_copy);
  ADD ("/hb/errors/detail-narrow", test_detail_narrow);
#undef ADD

  return g_test_run ();
}
