/* hb-log-page.c: an application's live log: a log session's lines as they arrive, followed,
 * searched, copied and saved; Reconnect when the stream ends or drops
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-log-page.h"

#include "hb-app-page-private.h"
#include "hb-log-banner.h"
#include "hb-log-options.h"
#include "hb-log-save.h"
#include "hb-log-view.h"
#include "hb-ui-a11y.h"
#include "hb-ui-util.h"

/* A session is single-use (the server's are): showing the page opens one, a new application
 * opens another, and Reconnect a third, whose first lines join what is shown without the
 * lines shown twice (HbLogBuffer's resume). What was shown stays through a drop. */

struct _HbLogPage
{
  HbAppPage parent_instance;

  HbLogSession *session;
  GCancellable *session_cancellable;
  char *session_slug;
  HbLogPageState state;
  GError *error;
  gboolean setting_entry;   /* the page writes the search entry: not the person typing */
  GtkNativeDialog *chooser; /* Save Log's, while open */

  /* The session's options (the CLI's -t, -n, -s, -p). */
  gboolean tail;
  guint limit;
  char *source_filter;
  char *process_filter;

  HbStatusStack *status_stack;
  HbLogView *view;
  GtkWidget *status_label;
  GtkWidget *search_bar;
  GtkWidget *search_entry;
  HbLogBanner *banner;
  GtkWidget *follow_button;
  GtkWidget *options_button;
  HbLogOptions *options_popover;
};

G_DEFINE_FINAL_TYPE (HbLogPage, hb_log_page, HB_TYPE_APP_PAGE)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_FOLLOWING,
  PROP_SEARCH_TEXT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void update_status (HbLogPage *self);

/* ---- the session ---- */

static void
set_state (HbLogPage *self, HbLogPageState state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_status (self);
}

static void
stop_session (HbLogPage *self)
{
  g_cancellable_cancel (self->session_cancellable);
  g_clear_object (&self->session_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

/* Forgets the session and every line: another application, or other options. */
static void
reset (HbLogPage *self)
{
  stop_session (self);
  hb_log_view_drop_pending (self->view);
  hb_log_buffer_clear (hb_log_view_get_buffer (self->view));
  g_clear_pointer (&self->session_slug, g_free);
  g_clear_error (&self->error);
  set_state (self, HB_LOG_PAGE_IDLE);
}

static void
on_lines (HbLogSession *session, GPtrArray *lines, HbLogPage *self)
{
  hb_log_view_queue_lines (self->view, lines);
}

static void
on_streaming (HbLogSession *session, GParamSpec *pspec, HbLogPage *self)
{
  if (hb_log_session_get_streaming (session))
    set_state (self, HB_LOG_PAGE_STREAMING);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (HbLogPage) self = user_data;
  HbLogSession *session = HB_LOG_SESSION (source);
  g_autoptr (GError) error = NULL;
  gboolean ended = hb_log_session_run_finish (session, result, &error);

  /* A cancelled session's page may be gone, or showing another. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || session != self->session)
    return;
  hb_log_view_flush (self->view);
  if (ended)
    {
      set_state (self, HB_LOG_PAGE_ENDED);
      return;
    }
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);
  set_state (self, HB_LOG_PAGE_DROPPED);
}

/* Opens a session of the app shown; @resume: its first lines join the ones shown. */
static void
start_session (HbLogPage *self, gboolean resume)
{
  HbApp *app = hb_app_page_get_app (HB_APP_PAGE (self));
  guint limit = self->limit;

  g_return_if_fail (app != NULL);
  stop_session (self);
  /* The lines the last session gave go in first: the new ones join after them. */
  hb_log_view_flush (self->view);
  g_clear_error (&self->error);
  if (resume && hb_log_buffer_get_last (hb_log_view_get_buffer (self->view)) != NULL)
    {
      /* As far back as the server keeps: the lines written while away are in it. */
      limit = HB_LOG_SESSION_MAX_LIMIT;
      hb_log_buffer_begin_resume (hb_log_view_get_buffer (self->view), limit);
    }
  g_free (self->session_slug);
  self->session_slug = g_strdup (hb_app_get_slug (app));
  self->session =
      hb_log_session_new (hb_app_page_get_client (HB_APP_PAGE (self)), self->session_slug);
  hb_log_session_set_tail (self->session, self->tail);
  hb_log_session_set_limit (self->session, limit);
  hb_log_session_set_source_filter (self->session, self->source_filter);
  hb_log_session_set_process_filter (self->session, self->process_filter);
  g_signal_connect (self->session, "lines", G_CALLBACK (on_lines), self);
  g_signal_connect (self->session, "notify::streaming", G_CALLBACK (on_streaming), self);
  self->session_cancellable = g_cancellable_new ();
  set_state (self, HB_LOG_PAGE_CONNECTING);
  hb_log_session_run_async (self->session, self->session_cancellable, on_run_done,
                            g_object_ref (self));
}

/* Shown (or F5): a session for the app shown, unless one is open already. */
static void
log_load (HbAppPage *page)
{
  HbLogPage *self = HB_LOG_PAGE (page);
  HbApp *app = hb_app_page_get_app (page);

  if (app == NULL)
    return;
  if (g_strcmp0 (self->session_slug, hb_app_get_slug (app)) != 0)
    {
      reset (self);
      start_session (self, FALSE);
    }
  else if (self->state != HB_LOG_PAGE_CONNECTING && self->state != HB_LOG_PAGE_STREAMING)
    start_session (self, TRUE);
}

/* Another application (or none): its log is another's. The page loads it when shown. */
static void
on_app_changed (HbLogPage *self)
{
  HbApp *app = hb_app_page_get_app (HB_APP_PAGE (self));

  if (app == NULL || g_strcmp0 (self->session_slug, hb_app_get_slug (app)) != 0)
    reset (self);
}

/**
 * hb_log_page_reconnect:
 *
 * Opens a new session; its lines join the ones shown, none of them twice.
 */
void
hb_log_page_reconnect (HbLogPage *self)
{
  g_return_if_fail (HB_IS_LOG_PAGE (self));
  if (hb_app_page_get_app (HB_APP_PAGE (self)) != NULL)
    start_session (self, TRUE);
}

/* ---- what the page says ---- */

static char *
status_text (HbLogPage *self)
{
  g_autofree char *count = hb_log_view_dup_count_text (self->view);
  const char *state = NULL;

  switch (self->state)
    {
    case HB_LOG_PAGE_CONNECTING:
      state = _ ("Connecting…");
      break;
    case HB_LOG_PAGE_STREAMING:
      state = self->tail ? _ ("Live") : _ ("Loading");
      break;
    case HB_LOG_PAGE_ENDED:
      state = _ ("Ended");
      break;
    case HB_LOG_PAGE_DROPPED:
      state = _ ("Disconnected");
      break;
    case HB_LOG_PAGE_IDLE:
    default:
      return g_strdup ("");
    }
  return g_strdup_printf ("%s · %s", state, count);
}

/* Said above the lines kept: a dropped stream with nothing shown is the error page's. */
static void
update_banner (HbLogPage *self, gboolean has_lines)
{
  if (self->state == HB_LOG_PAGE_ENDED)
    hb_log_banner_show_ended (self->banner, self->tail);
  else if (self->state == HB_LOG_PAGE_DROPPED && has_lines)
    hb_log_banner_show_dropped (self->banner, self->error);
  else
    hb_log_banner_hide (self->banner);
}

static void
log_actions_update (HbAppPage *page)
{
  HbLogPage *self = HB_LOG_PAGE (page);
  gboolean has_app = hb_app_page_get_app (page) != NULL;
  gboolean idle = self->state == HB_LOG_PAGE_ENDED || self->state == HB_LOG_PAGE_DROPPED;
  gboolean shown = FALSE;
  g_autoptr (GtkBitset) selected = NULL;

  /* Called by the base before the template is built, and after it is gone. */
  if (self->view != NULL)
    {
      shown = g_list_model_get_n_items (hb_log_view_get_shown (self->view)) > 0;
      selected = gtk_selection_model_get_selection (hb_log_view_get_selection (self->view));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.reconnect", has_app && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.apply-options", has_app);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.save", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.copy",
                                 selected != NULL && !gtk_bitset_is_empty (selected));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "log.select-all", shown);
}

/* Everything the state and the lines decide: the status stack, the banner, the status line,
 * the actions. */
static void
update_status (HbLogPage *self)
{
  gboolean has_lines;
  g_autofree char *text = NULL;

  if (self->view == NULL)
    return;
  has_lines = g_list_model_get_n_items (G_LIST_MODEL (hb_log_view_get_buffer (self->view))) > 0;
  hb_status_stack_set_loading (self->status_stack, self->state == HB_LOG_PAGE_CONNECTING ||
                                                       self->state == HB_LOG_PAGE_IDLE);
  hb_status_stack_set_error (self->status_stack,
                             self->state == HB_LOG_PAGE_DROPPED && !has_lines ? self->error : NULL);
  update_banner (self, has_lines);
  text = status_text (self);
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  hb_app_page_actions_update (HB_APP_PAGE (self));
}

static void
on_lines_changed (HbLogPage *self)
{
  update_status (self);
}

/* ---- public ---- */

HbLogPageState
hb_log_page_get_state (HbLogPage *self)
{
  g_return_val_if_fail (HB_IS_LOG_PAGE (self), HB_LOG_PAGE_IDLE);
  return self->state;
}

/** hb_log_page_get_error: Returns: (nullable): why the stream dropped */
const GError *
hb_log_page_get_error (HbLogPage *self)
{
  g_return_val_if_fail (HB_IS_LOG_PAGE (self), NULL);
  return self->error;
}

/** hb_log_page_get_view: Returns: (transfer none): the lines on screen */
HbLogView *
hb_log_page_get_view (HbLogPage *self)
{
  g_return_val_if_fail (HB_IS_LOG_PAGE (self), NULL);
  return self->view;
}

gboolean
hb_log_page_get_following (HbLogPage *self)
{
  g_return_val_if_fail (HB_IS_LOG_PAGE (self), FALSE);
  return hb_log_view_get_following (self->view);
}

/* Following keeps the newest line in view as lines come; scrolling up pauses it. */
void
hb_log_page_set_following (HbLogPage *self, gboolean following)
{
  g_return_if_fail (HB_IS_LOG_PAGE (self));
  hb_log_view_set_following (self->view, following);
}

static void
on_following_changed (HbLogPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

const char *
hb_log_page_get_search_text (HbLogPage *self)
{
  g_return_val_if_fail (HB_IS_LOG_PAGE (self), NULL);
  return hb_log_view_get_search_text (self->view);
}

/* Shows only the lines that hold @text (any case); NULL or "" shows all. */
void
hb_log_page_set_search_text (HbLogPage *self, const char *text)
{
  g_return_if_fail (HB_IS_LOG_PAGE (self));
  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (hb_log_view_get_search_text (self->view), text) == 0)
    return;
  hb_log_view_set_search_text (self->view, text);
  /* Setting an entry's text empties it first, which a search entry reports at once. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 text != NULL ? text : "") != 0)
    {
      self->setting_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
      self->setting_entry = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/**
 * hb_log_page_set_options:
 * @tail: keep receiving new lines
 * @limit: how many earlier lines come first (at most %HB_LOG_SESSION_MAX_LIMIT)
 * @source_filter: (nullable): only this source; NULL or "" for all
 * @process_filter: (nullable): only this process; NULL or "" for all
 *
 * The official CLI's options. A new session starts with them, and the lines shown go: they
 * were read with the old ones.
 */
void
hb_log_page_set_options (HbLogPage *self,
                         gboolean tail,
                         guint limit,
                         const char *source_filter,
                         const char *process_filter)
{
  g_return_if_fail (HB_IS_LOG_PAGE (self));
  self->tail = !!tail;
  self->limit = MIN (limit, HB_LOG_SESSION_MAX_LIMIT);
  g_free (self->source_filter);
  self->source_filter = source_filter != NULL && *source_filter != '\0'
                            ? g_strstrip (g_strdup (source_filter))
                            : NULL;
  g_free (self->process_filter);
  self->process_filter = process_filter != NULL && *process_filter != '\0'
                             ? g_strstrip (g_strdup (process_filter))
                             : NULL;
  hb_log_options_set (self->options_popover, self->tail, self->limit, self->source_filter,
                      self->process_filter);
  reset (self);
  hb_app_page_reload (HB_APP_PAGE (self));
}

/* ---- save ---- */

/**
 * hb_log_page_save_async:
 * @file: where to write
 *
 * Writes the lines shown (those the search lets through), one a line, as they came.
 */
void
hb_log_page_save_async (HbLogPage *self,
                        GFile *file,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (HB_IS_LOG_PAGE (self));
  hb_log_save_text_async (self, file, hb_log_view_dup_shown_text (self->view), cancellable,
                          callback, user_data);
}

gboolean
hb_log_page_save_finish (HbLogPage *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return hb_log_save_text_finish (result, error);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, HbLogPage *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    hb_log_save_with_toast (GTK_WIDGET (self), file, hb_log_view_dup_shown_text (self->view),
                            g_list_model_get_n_items (hb_log_view_get_shown (self->view)),
                            hb_app_page_get_cancellable (HB_APP_PAGE (self)));
}

/* Through the file chooser portal when there is one (GtkFileChooserNative). */
static void
save_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbLogPage *self = HB_LOG_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  HbApp *app = hb_app_page_get_app (HB_APP_PAGE (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }
  chooser =
      gtk_file_chooser_native_new (_ ("Save Log"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  name = g_strdup_printf ("%s.log", app != NULL ? hb_app_get_slug (app) : "log");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* ---- other actions ---- */

/* The selected lines, whole, one a line. */
static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autofree char *text = hb_log_view_dup_selected_text (HB_LOG_PAGE (widget)->view);

  if (*text != '\0')
    hb_ui_copy_text (widget, text);
}

static void
select_all_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  gtk_selection_model_select_all (hb_log_view_get_selection (HB_LOG_PAGE (widget)->view));
}

static void
search_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbLogPage *self = HB_LOG_PAGE (widget);

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

static void
reconnect_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  hb_log_page_reconnect (HB_LOG_PAGE (widget));
}

static void
apply_options_action (GtkWidget *widget, const char *action_name, GVariant *param)
{
  HbLogPage *self = HB_LOG_PAGE (widget);

  gtk_popover_popdown (GTK_POPOVER (self->options_popover));
  hb_log_page_set_options (self, hb_log_options_get_tail (self->options_popover),
                           hb_log_options_get_limit (self->options_popover),
                           hb_log_options_get_source_filter (self->options_popover),
                           hb_log_options_get_process_filter (self->options_popover));
}

static void
on_search_changed (HbLogPage *self, GtkSearchEntry *entry)
{
  if (self->setting_entry)
    return;
  hb_log_page_set_search_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search (HbLogPage *self, GtkSearchEntry *entry)
{
  hb_log_page_set_search_text (self, NULL);
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

/* ---- object ---- */

static void
hb_log_page_dispose (GObject *object)
{
  HbLogPage *self = HB_LOG_PAGE (object);

  stop_session (self);
  /* A chooser still open goes with the page: its answer would have nowhere to go. */
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), HB_TYPE_LOG_PAGE);
  hb_ui_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (hb_log_page_parent_class)->dispose (object);
}

static void
hb_log_page_finalize (GObject *object)
{
  HbLogPage *self = HB_LOG_PAGE (object);

  g_free (self->session_slug);
  g_free (self->source_filter);
  g_free (self->process_filter);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (hb_log_page_parent_class)->finalize (object);
}

static void
hb_log_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogPage *self = HB_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, hb_log_page_get_following (self));
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, hb_log_page_get_search_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  HbLogPage *self = HB_LOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLLOWING:
      hb_log_page_set_following (self, g_value_get_boolean (value));
      break;
    case PROP_SEARCH_TEXT:
      hb_log_page_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "log.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "log.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "log.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "log.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "log.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "log.apply-options", NULL, apply_options_action);
  gtk_widget_class_install_property_action (widget_class, "log.follow", "following");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "log.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "log.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "log.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "log.select-all",
                                       NULL);
}

static void
hb_log_page_class_init (HbLogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HbAppPageClass *page_class = HB_APP_PAGE_CLASS (klass);

  object_class->dispose = hb_log_page_dispose;
  object_class->finalize = hb_log_page_finalize;
  object_class->get_property = hb_log_page_get_property;
  object_class->set_property = hb_log_page_set_property;
  page_class->load = log_load;
  page_class->actions_update = log_actions_update;

  /* An HbLogPageState. */
  properties[PROP_STATE] =
      g_param_spec_uint ("state", NULL, NULL, 0, HB_LOG_PAGE_DROPPED, HB_LOG_PAGE_IDLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
      g_param_spec_boolean ("following", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_TEXT] =
      g_param_spec_string ("search-text", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HB_TYPE_STATUS_STACK);
  g_type_ensure (HB_TYPE_LOG_VIEW);
  g_type_ensure (HB_TYPE_LOG_OPTIONS);
  g_type_ensure (HB_TYPE_LOG_BANNER);
  hb_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/hb-log-page.ui");
  hb_app_page_class_bind_template_children (widget_class, FALSE);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, banner);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, view);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, follow_button);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, options_button);
  gtk_widget_class_bind_template_child (widget_class, HbLogPage, options_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_lines_changed);
  install_actions (widget_class);
}

static void
hb_log_page_init (HbLogPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->status_stack = _hb_app_page_get_status_stack (HB_APP_PAGE (self));
  self->tail = TRUE;
  self->limit = HB_LOG_SESSION_DEFAULT_LIMIT;
  hb_status_stack_set_model (self->status_stack,
                             G_LIST_MODEL (hb_log_view_get_buffer (self->view)));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), GTK_WIDGET (self));
  hb_ui_name_search_bar_close (GTK_SEARCH_BAR (self->search_bar), _ ("Close Search"));
  hb_ui_hide_while_empty (GTK_LABEL (self->status_label));
  g_signal_connect_object (hb_log_view_get_selection (self->view), "selection-changed",
                           G_CALLBACK (hb_app_page_actions_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::following", G_CALLBACK (on_following_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::app", G_CALLBACK (on_app_changed), NULL);
  hb_log_options_set (self->options_popover, self->tail, self->limit, NULL, NULL);
  update_status (self);
}
