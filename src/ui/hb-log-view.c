/* hb-log-view.c: a live log's lines on screen: rows, search, following, lines per frame
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-log-view.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hb-log-row.h"
#include "hb-ui-util.h"

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

struct _HbLogView
{
  GtkWidget parent_instance;

  /* Every line kept, those the search lets through, the selection over them. */
  HbLogBuffer *buffer;
  GtkCustomFilter *filter;
  GtkFilterListModel *shown;
  GtkMultiSelection *selection;
  char *search_text;   /* as given */
  char *search_folded; /* case-folded, NULL for no search */

  /* Lines not on screen yet: they go in a frame at a time. */
  GPtrArray *pending;
  guint flush_tick_id;
  guint flush_timeout_id;
  gint64 flush_started; /* of the last flush, until its frame is painted */
  gint64 next_flush;    /* a flood's lines wait until then (monotonic) */
  GdkFrameClock *paint_clock;
  gulong after_paint_id;

  gboolean following;
  double last_value; /* the view's extent when it last moved, to tell who moved it */
  double last_upper;
  double last_page;

  GtkWidget *scrolled;
  GtkListView *list_view;
  GtkWidget *no_match_label;
  GtkWidget *jump_button;
};

G_DEFINE_FINAL_TYPE (HbLogView, hb_log_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FOLLOWING,
  PROP_SEARCH_TEXT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

enum
{
  LINES_CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void scroll_to_bottom (HbLogView *self);

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

/* A flush, or a search: the lines kept or shown changed. */
static void
lines_changed (HbLogView *self)
{
  guint kept = g_list_model_get_n_items (G_LIST_MODEL (self->buffer));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  gtk_widget_set_visible (self->no_match_label, kept > 0 && shown == 0);
  gtk_widget_set_visible (self->jump_button, !self->following && shown > 0);
  g_signal_emit (self, signals[LINES_CHANGED], 0);
}

static gboolean
match_line (gpointer item, gpointer user_data)
{
  HbLogView *self = user_data;
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
static void
refilter (HbLogView *self, const char *old)
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
stop_pacing (HbLogView *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

static void
stop_flushes (HbLogView *self)
{
  if (self->flush_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->flush_tick_id);
  self->flush_tick_id = 0;
  g_clear_handle_id (&self->flush_timeout_id, g_source_remove);
}

/**
 * hb_log_view_flush:
 *
 * Puts the lines that wait for a frame in now (the stream ended, or another starts).
 */
void
hb_log_view_flush (HbLogView *self)
{
  g_autoptr (GPtrArray) lines = NULL;

  stop_flushes (self);
  if (self->pending->len == 0)
    return;
  lines = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  hb_log_buffer_append (self->buffer, lines);
  if (self->following)
    scroll_to_bottom (self);
  lines_changed (self);
}

/* The frame that brought lines is on screen: what it cost sets when the next lines may come. */
static void
on_after_paint (GdkFrameClock *clock, HbLogView *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cost = now - self->flush_started;

  self->next_flush = now + MIN (FLOOD_PACE * cost, MAX_PAUSE_MS * 1000);
  stop_pacing (self);
}

static gboolean
flush_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  HbLogView *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now < self->next_flush || self->paint_clock != NULL)
    return G_SOURCE_CONTINUE;
  self->flush_tick_id = 0;
  self->flush_started = now;
  self->paint_clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  hb_log_view_flush (self);
  return G_SOURCE_REMOVE;
}

static gboolean
flush_timeout (gpointer user_data)
{
  HbLogView *self = user_data;

  self->flush_timeout_id = 0;
  hb_log_view_flush (self);
  return G_SOURCE_REMOVE;
}

/**
 * hb_log_view_queue_lines:
 * @lines: (element-type HbLogLine): new lines, oldest first
 *
 * Shows @lines with the next frame (with a later one under a flood; from a timer while the
 * view is not on screen).
 */
void
hb_log_view_queue_lines (HbLogView *self, GPtrArray *lines)
{
  guint max = hb_log_buffer_get_max_lines (self->buffer);

  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (self->pending, g_object_ref (lines->pdata[i]));
  /* More than the buffer keeps: only the last of them can be shown. */
  if (self->pending->len >= 2 * max)
    {
      hb_log_view_flush (self);
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

/* Forgets the lines that wait for a frame (another log replaces this one). */
void
hb_log_view_drop_pending (HbLogView *self)
{
  stop_flushes (self);
  g_ptr_array_set_size (self->pending, 0);
}

/* A tick added while on screen does not run once hidden: the timer takes over. */
static void
on_list_unmap (HbLogView *self)
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
vadjustment (HbLogView *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
}

/* The newest line at the bottom of the view, from the next layout on. Anchoring the list at
 * its last row (list.scroll-to-item) holds where moving the adjustment would not: the list
 * lays itself out from its anchor, and a value set while it allocates is lost. */
static void
scroll_to_bottom (HbLogView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (n > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", n - 1);
}

static void
remember_extent (HbLogView *self, GtkAdjustment *adjustment)
{
  self->last_value = gtk_adjustment_get_value (adjustment);
  self->last_upper = gtk_adjustment_get_upper (adjustment);
  self->last_page = gtk_adjustment_get_page_size (adjustment);
}

/* Who moved the view: the list moves it too, as it measures rows it had estimated (the extent
 * changes with it), and so does a window that grows (the page size changes). Moving up with
 * neither is the person scrolling: following pauses. Reaching the end resumes it. */
static void
on_value_changed (GtkAdjustment *adjustment, HbLogView *self)
{
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (value >= upper - page - BOTTOM_SLACK)
    hb_log_view_set_following (self, TRUE);
  else if (self->following && upper == self->last_upper && page == self->last_page &&
           value < self->last_value)
    hb_log_view_set_following (self, FALSE);
  else if (self->following)
    scroll_to_bottom (self);
  remember_extent (self, adjustment);
}

void
hb_log_view_set_following (HbLogView *self, gboolean following)
{
  g_return_if_fail (HB_IS_LOG_VIEW (self));
  following = !!following;
  if (self->following == following)
    return;
  self->following = following;
  if (following)
    scroll_to_bottom (self);
  gtk_widget_set_visible (self->jump_button,
                          !following && g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

gboolean
hb_log_view_get_following (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), FALSE);
  return self->following;
}

const char *
hb_log_view_get_search_text (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  return self->search_text;
}

/* Shows only the lines that hold @text (any case); NULL or "" shows all. */
void
hb_log_view_set_search_text (HbLogView *self, const char *text)
{
  g_autofree char *old = NULL;

  g_return_if_fail (HB_IS_LOG_VIEW (self));
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->search_text, text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (text);
  old = g_steal_pointer (&self->search_folded);
  self->search_folded = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  refilter (self, old);
  if (self->following)
    scroll_to_bottom (self);
  lines_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/* "N lines" ("N of M lines" while searching), and how many older lines went, if any. */
char *
hb_log_view_dup_count_text (HbLogView *self)
{
  guint n, shown;
  guint64 dropped;
  g_autofree char *count = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->buffer));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  dropped = hb_log_buffer_get_n_dropped (self->buffer);
  if (self->search_folded != NULL)
    /* Translators: lines matching the search, of the lines kept */
    count = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%'u of %'u line", "%'u of %'u lines", n), shown, n);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u line", "%'u lines", n), n);
  if (dropped == 0)
    return g_steal_pointer (&count);
  kept = g_strdup_printf (
      /* Translators: the view keeps its last lines (the first %u); the second says how many
       * older ones went */
      g_dngettext (GETTEXT_PACKAGE, "only the last %'u are kept (%'u older line dropped)",
                   "only the last %'u are kept (%'u older lines dropped)",
                   (gulong) MIN (dropped, G_MAXUINT)),
      hb_log_buffer_get_max_lines (self->buffer), (guint) MIN (dropped, G_MAXUINT));
  return g_strdup_printf ("%s · %s", count, kept);
}

/** hb_log_view_get_buffer: Returns: (transfer none): every line kept */
HbLogBuffer *
hb_log_view_get_buffer (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  return self->buffer;
}

/** hb_log_view_get_shown: Returns: (transfer none): the lines the search lets through */
GListModel *
hb_log_view_get_shown (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

/** hb_log_view_get_selection: Returns: (transfer none): the selection over the lines shown */
GtkSelectionModel *
hb_log_view_get_selection (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

/* The lines of @model that @selected names (every one when NULL), whole, one a line. */
static char *
dup_text (GListModel *model, GtkBitset *selected)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (HbLogLine) line = NULL;

      if (selected != NULL && !gtk_bitset_contains (selected, i))
        continue;
      line = g_list_model_get_item (model, i);
      g_string_append (text, hb_log_line_get_text (line));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/** hb_log_view_dup_shown_text: Returns: (transfer full): the lines shown, one a line */
char *
hb_log_view_dup_shown_text (HbLogView *self)
{
  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  return dup_text (G_LIST_MODEL (self->shown), NULL);
}

/** hb_log_view_dup_selected_text: Returns: (transfer full): the selected lines, one a line */
char *
hb_log_view_dup_selected_text (HbLogView *self)
{
  g_autoptr (GtkBitset) selected = NULL;

  g_return_val_if_fail (HB_IS_LOG_VIEW (self), NULL);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  return dup_text (G_LIST_MODEL (self->shown), selected);
}

/* A signal, not an action of the view: GTK 4.8 offers a widget's actions to screen readers,
 * and the view, a container, would be read as a control named "HbLogView". */
static void
on_jump_clicked (HbLogView *self)
{
  hb_log_view_set_following (self, TRUE);
}

static void
hb_log_view_dispose (GObject *object)
{
  HbLogView *self = HB_LOG_VIEW (object);

  stop_flushes (self);
  stop_pacing (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_LOG_VIEW);
  hb_ui_unparent_children (GTK_WIDGET (object));
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->buffer);
  G_OBJECT_CLASS (hb_log_view_parent_class)->dispose (object);
}

static void
hb_log_view_finalize (GObject *object)
{
  HbLogView *self = HB_LOG_VIEW (object);

  g_free (self->search_text);
  g_free (self->search_folded);
  G_OBJECT_CLASS (hb_log_view_parent_class)->finalize (object);
}

static void
hb_log_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogView *self = HB_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLogView *self = HB_LOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_FOLLOWING:
      hb_log_view_set_following (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      hb_log_view_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_view_class_init (HbLogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hb_log_view_dispose;
  object_class->finalize = hb_log_view_finalize;
  object_class->get_property = hb_log_view_get_property;
  object_class->set_property = hb_log_view_set_property;

  /* The newest line stays in view as lines come; scrolling up pauses it, the end resumes. */
  properties[PROP_FOLLOWING] = g_param_spec_boolean ("following", NULL, NULL, TRUE, rw);
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The lines kept or shown changed: new lines went in, or the search changed. */
  signals[LINES_CHANGED] = g_signal_new ("lines-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-log-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HbLogView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, HbLogView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HbLogView, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, HbLogView, jump_button);
  gtk_widget_class_bind_template_callback (widget_class, on_jump_clicked);
}

static void
hb_log_view_init (HbLogView *self)
{
  g_autoptr (GtkListItemFactory) factory = hb_log_row_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->following = TRUE;
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->buffer = hb_log_buffer_new (HB_LOG_BUFFER_DEFAULT_MAX_LINES);
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->buffer)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list_view, "unmap", G_CALLBACK (on_list_unmap), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "value-changed", G_CALLBACK (on_value_changed), self,
                           0);
}

GtkWidget *
hb_log_view_new (void)
{
  return g_object_new (HB_TYPE_LOG_VIEW, NULL);
}
