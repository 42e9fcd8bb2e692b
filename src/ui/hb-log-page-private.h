/* hb-log-page-private.h: HbLogPage's fields, shared by its files (hb-log-page.c: the session
 * and the page's actions; hb-log-page-view.c: the lines on screen, their rows and following)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hb-api.h"
#include "hb-log-page.h"
#include "hb-status-stack.h"

G_BEGIN_DECLS

struct _HbLogPage
{
  HbAppPage parent_instance;

  /* The lines: every line kept, those the search lets through, the selection over them. */
  HbLogBuffer *buffer;
  GtkCustomFilter *filter;
  GtkFilterListModel *shown;
  GtkMultiSelection *selection;
  char *search_text;      /* as typed */
  char *search_folded;    /* case-folded, NULL for no search */
  gboolean setting_entry; /* the page writes the search entry: not the person typing */

  /* The session, and the lines it gave that are not on screen yet (they go per frame). */
  HbLogSession *session;
  GCancellable *session_cancellable;
  char *session_slug;
  HbLogPageState state;
  GError *error;
  GPtrArray *pending;
  guint flush_tick_id;
  guint flush_timeout_id;
  gint64 flush_started; /* of the last flush, until its frame is painted */
  gint64 next_flush;    /* a flood's lines wait until then (monotonic) */
  GdkFrameClock *paint_clock;
  gulong after_paint_id;

  /* The session's options (the CLI's -t, -n, -s, -p). */
  gboolean tail;
  guint limit;
  char *source_filter;
  char *process_filter;

  gboolean dark; /* the style is dark: the sources' colours are lighter */
  gboolean following;
  double last_value; /* the view's extent when it last moved, to tell who moved it */
  double last_upper;
  double last_page;

  GtkWidget *status_label;
  GtkWidget *search_bar;
  GtkWidget *search_entry;
  GtkWidget *banner;
  GtkWidget *banner_label;
  GtkWidget *reconnect_button;
  HbStatusStack *status_stack;
  GtkWidget *scrolled;
  GtkListView *list_view;
  GtkWidget *no_match_label;
  GtkWidget *jump_button;
  GtkWidget *follow_button;
  GtkWidget *options_button;
  GtkWidget *options_popover;
  GtkWidget *tail_switch;
  GtkWidget *limit_spin;
  GtkWidget *source_row;
  GtkWidget *process_row;
};

/* hb-log-page-view.c */
const char *_hb_log_page_source_class (HbLogLine *line);
void _hb_log_page_init_view (HbLogPage *self);
void _hb_log_page_dispose_view (HbLogPage *self);
void _hb_log_page_queue_lines (HbLogPage *self, GPtrArray *lines);
void _hb_log_page_flush (HbLogPage *self);
void _hb_log_page_drop_pending (HbLogPage *self);
void _hb_log_page_scroll_to_bottom (HbLogPage *self);
void _hb_log_page_refilter (HbLogPage *self, const char *old);

/* hb-log-page.c: after the lines on screen changed */
void _hb_log_page_lines_changed (HbLogPage *self);

G_END_DECLS
