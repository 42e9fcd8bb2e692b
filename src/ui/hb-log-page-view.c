/* hb-log-page-view.c: HbLogPage's lines on screen: rows, search, following, lines per frame
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "hb-log-page-private.h"

/* Lines reach the view once per frame, all those that came since the last one: a fast log
 * is one model change (and one relayout) a frame, whatever its rate. A page that is not on
 * screen has no frames: its lines go in from a timer instead.
 *
 * A frame that brings lines costs about the same whatever their number (GTK 4.8's list view
 * binds and measures the 200 rows it keeps around its anchor, which moves to the newest line),
 * so under a flood the lines wait after such a frame for FLOOD_PACE times what it took, at
 * most MAX_PAUSE_MS: then the page spends at most a third of the time on them, and every
 * other frame (typing, scrolling, a spinner) comes on time. A trickle is not held back. */
#define HIDDEN_FLUSH_MS 250
#define FLOOD_PACE 2
#define MAX_PAUSE_MS 1000
/* Within this of the end, the view is at the bottom (scrolling lands a pixel short). */
#define BOTTOM_SLACK 2.0

/* ---- rows ---- */

/* Colour follows the source, as the CLI coloured the [identifier]; the source is written out
 * on every row, so the colour is never the only cue. */
const char *
_hb_log_page_source_class (HbLogLine *line)
{
  const char *source = hb_log_line_get_source (line);
  const char *identifier = hb_log_line_get_identifier (line);

  if (source == NULL)
    return NULL;
  if (g_ascii_strcasecmp (source, "app") == 0)
    return "log-source-app";
  if (identifier == NULL)
    return "log-source-other";
  if (g_ascii_strcasecmp (identifier, "router") == 0)
    return "log-source-router";
  if (g_ascii_strcasecmp (identifier, "build") == 0)
    return "log-source-build";
  if (g_ascii_strcasecmp (identifier, "deploy") == 0)
    return "log-source-deploy";
  if (g_ascii_strcasecmp (identifier, "servicehook") == 0 ||
      g_ascii_strcasecmp (identifier, "hook") == 0)
    return "log-source-hook";
  if (g_ascii_strcasecmp (identifier, "api") == 0)
    return "log-source-api";
  return "log-source-other";
}

/* The line's time on this computer's clock: "10:00:00.123" today, with the date otherwise. */
static char *
format_time (gint64 time)
{
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *clock = NULL;

  if (time == HB_LOG_LINE_NO_TIME)
    return NULL;
  when = g_date_time_new_from_unix_local (time / G_USEC_PER_SEC);
  if (when == NULL)
    return NULL;
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    clock = g_date_time_format (when, "%H:%M:%S");
  else
    clock = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
  return g_strdup_printf ("%s.%03d", clock,
                          (int) ((time % G_USEC_PER_SEC + G_USEC_PER_SEC) % G_USEC_PER_SEC / 1000));
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
row_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *message = row_label ("log-message");

  gtk_box_append (GTK_BOX (box), row_label ("log-time"));
  gtk_box_append (GTK_BOX (box), row_label ("log-source"));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (box), message);
  gtk_list_item_set_child (item, box);
}

/* Every text goes in as plain text: a line's "<b>" is shown as typed. */
static void
set_label (GtkWidget *label, const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL);
}

static void
row_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  HbLogLine *line = gtk_list_item_get_item (item);
  GtkWidget *time = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *source = gtk_widget_get_next_sibling (time);
  GtkWidget *message = gtk_widget_get_next_sibling (source);
  g_autofree char *clock = format_time (hb_log_line_get_time (line));
  g_autofree char *origin = NULL;
  const char *old_class = g_object_get_data (G_OBJECT (source), "hb-log-class");
  const char *new_class = _hb_log_page_source_class (line);

  if (hb_log_line_get_source (line) != NULL)
    origin =
        g_strdup_printf ("%s[%s]", hb_log_line_get_source (line), hb_log_line_get_process (line));
  set_label (time, clock);
  set_label (source, origin);
  set_label (message, hb_log_line_get_message (line));
  if (g_strcmp0 (old_class, new_class) != 0)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (source, old_class);
      if (new_class != NULL)
        gtk_widget_add_css_class (source, new_class);
      /* The classes are static strings. */
      g_object_set_data (G_OBJECT (source), "hb-log-class", (gpointer) new_class);
    }
}

/* ---- search ---- */

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* @needle is lower-case ASCII. */
static gboolean
contains_ascii_nocase (const char *haystack, const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
match_line (gpointer item, gpointer user_data)
{
  HbLogPage *self = user_data;
  const char *text;
  g_autofree char *folded = NULL;

  if (self->search_folded == NULL)
    return TRUE;
  text = hb_log_line_get_text (item);
  if (is_ascii (self->search_folded))
    return contains_ascii_nocase (text, self->search_folded);
  folded = g_utf8_casefold (text, -1);
  return strstr (folded, self->search_folded) != NULL;
}

/* The search went from @old to self's (case-folded, NULL for none). Without a search the
 * filter has no function, so the filter model passes every line through untouched; a longer
 * search only hides more lines, a shorter one only shows more, which GTK filters faster. */
void
_hb_log_page_refilter (HbLogPage *self, const char *old)
{
  const char *now = self->search_folded;

  if (now == NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
  else if (old == NULL)
    gtk_custom_filter_set_filter_func (self->filter, match_line, self, NULL);
  else if (strstr (now, old) != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);
  else if (strstr (old, now) != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- lines per frame ---- */

static void
stop_pacing (HbLogPage *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
stop_flushes (HbLogPage *self)
{
  if (self->flush_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->flush_tick_id);
  self->flush_tick_id = 0;
  g_clear_handle_id (&self->flush_timeout_id, g_source_remove);
}

void
_hb_log_page_flush (HbLogPage *self)
{
  g_autoptr (GPtrArray) lines = NULL;

  stop_flushes (self);
  if (self->pending->len == 0)
    return;
  lines = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  hb_log_buffer_append (self->buffer, lines);
  if (self->following)
    _hb_log_page_scroll_to_bottom (self);
  _hb_log_page_lines_changed (self);
}

/* The frame that brought lines is on screen: what it cost sets when the next lines may come. */
static void
on_after_paint (GdkFrameClock *clock, HbLogPage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cost = now - self->flush_started;

  self->next_flush = now + MIN (FLOOD_PACE * cost, MAX_PAUSE_MS * 1000);
  stop_pacing (self);
}

static gboolean
flush_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  HbLogPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now < self->next_flush || self->paint_clock != NULL)
    return G_SOURCE_CONTINUE;
  self->flush_tick_id = 0;
  self->flush_started = now;
  self->paint_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  _hb_log_page_flush (self);
  return G_SOURCE_REMOVE;
}

static gboolean
flush_timeout (gpointer user_data)
{
  HbLogPage *self = user_data;

  self->flush_timeout_id = 0;
  _hb_log_page_flush (self);
  return G_SOURCE_REMOVE;
}

/* Lines of the session: on screen with the next frame. */
void
_hb_log_page_queue_lines (HbLogPage *self, GPtrArray *lines)
{
  guint max = hb_log_buffer_get_max_lines (self->buffer);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (lines->pdata[i]));
  /* More than the buffer keeps: only the last of them can be shown. */
  if (self->pending->len >= 2 * max)
    {
      _hb_log_page_flush (self);
      return;
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    {
      if (self->flush_tick_id == 0)
        self->flush_tick_id =
            gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), flush_tick, self, NULL);
    }
  else if (self->flush_timeout_id == 0)
    self->flush_timeout_id = g_timeout_add (HIDDEN_FLUSH_MS, flush_timeout, self);
}

void
_hb_log_page_drop_pending (HbLogPage *self)
{
  stop_flushes (self);
  g_ptr_array_set_size (self->pending, 0);
}

/* A tick added while on screen does not run once hidden: the timer takes over. */
static void
on_list_unmap (HbLogPage *self)
{
  stop_pacing (self);
  if (self->flush_tick_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->flush_tick_id);
  self->flush_tick_id = 0;
  if (self->flush_timeout_id == 0)
    self->flush_timeout_id = g_timeout_add (HIDDEN_FLUSH_MS, flush_timeout, self);
}

/* ---- following ---- */

static GtkAdjustment *
vadjustment (HbLogPage *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
}

/* The newest line at the bottom of the view, from the next layout on. Anchoring the list at
 * its last row (list.scroll-to-item) holds where moving the adjustment would not: the list
 * lays itself out from its anchor, and a value set while it allocates is lost. */
void
_hb_log_page_scroll_to_bottom (HbLogPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
}

static void
remember_extent (HbLogPage *self, GtkAdjustment *adjustment)
{
  self->last_value = gtk_adjustment_get_value (adjustment);
  self->last_upper = gtk_adjustment_get_upper (adjustment);
  self->last_page = gtk_adjustment_get_page_size (adjustment);
}

/* Who moved the view: the list moves it too, as it measures rows it had estimated (the extent
 * changes with it), and so does a window that grows (the page size changes). Moving up with
 * neither is the person scrolling: following pauses. Reaching the end resumes it. */
static void
on_value_changed (GtkAdjustment *adjustment, HbLogPage *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (value >= upper - page - BOTTOM_SLACK)
    hb_log_page_set_following (self, TRUE);
  else if (self->following && upper == self->last_upper && page == self->last_page &&
           value < self->last_value)
    hb_log_page_set_following (self, FALSE);
  else if (self->following)
    _hb_log_page_scroll_to_bottom (self);
  remember_extent (self, adjustment);
}

void
_hb_log_page_init_view (HbLogPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkAdjustment *adjustment = vadjustment (self);

  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->buffer = hb_log_buffer_new (HB_LOG_BUFFER_DEFAULT_MAX_LINES);
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->buffer)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "unmap", G_CALLBACK (on_list_unmap), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_value_changed), self, 0);
}

void
_hb_log_page_dispose_view (HbLogPage *self)
{
  stop_flushes (self);
  stop_pacing (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->buffer);
}
