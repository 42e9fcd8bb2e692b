/* hbt-window.c: shared test fixture: an HbWindow against a seeded in-process harbor-server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-window.h"

#include "hbt-utils.h"

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
hbt_window_wait (HbtWindow *fixture, HbtWindowCheck check, gconstpointer data, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (20, wake, NULL);

  while (!check (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

void
hbt_settle (guint ms)
{
  hbt_iterate_for (ms);
}

GtkWidget *
hbt_template_child (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

HbAppListView *
hbt_window_list_view (HbtWindow *fixture)
{
  return HB_APP_LIST_VIEW (hb_window_get_list_view (fixture->window));
}

HbAppDetailView *
hbt_window_detail_view (HbtWindow *fixture)
{
  return HB_APP_DETAIL_VIEW (hb_window_get_detail_view (fixture->window));
}

HbStatusStack *
hbt_window_list_status (HbtWindow *fixture)
{
  return HB_STATUS_STACK (
      hbt_template_child (hbt_window_list_view (fixture), HB_TYPE_APP_LIST_VIEW, "status_stack"));
}

HbBuildsPage *
hbt_window_builds_page (HbtWindow *fixture)
{
  return HB_BUILDS_PAGE (hb_app_detail_view_get_page (hbt_window_detail_view (fixture), "builds"));
}

GtkWidget *
hbt_window_show_page (HbtWindow *fixture, const char *name)
{
  hb_app_detail_view_set_page (hbt_window_detail_view (fixture), name);
  return hb_app_detail_view_get_page (hbt_window_detail_view (fixture), name);
}

gboolean
hbt_window_list_page_is (HbtWindow *fixture, gconstpointer page)
{
  HbAppList *apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         g_strcmp0 (hb_status_stack_get_page (hbt_window_list_status (fixture)), page) == 0;
}

gboolean
hbt_window_selected_is (HbtWindow *fixture, gconstpointer slug)
{
  HbApp *app = hb_app_detail_view_get_app (hbt_window_detail_view (fixture));

  return app != NULL && g_strcmp0 (hb_app_get_slug (app), slug) == 0;
}

gboolean
hbt_window_builds_loaded (HbtWindow *fixture, gconstpointer n_at_least)
{
  HbBuildList *builds = hb_builds_page_get_list (hbt_window_builds_page (fixture));

  return builds != NULL && !hb_remote_list_get_loading (HB_REMOTE_LIST (builds)) &&
         g_list_model_get_n_items (G_LIST_MODEL (builds)) >= GPOINTER_TO_UINT (n_at_least);
}

gboolean
hbt_window_list_has_slug (HbtWindow *fixture, const char *slug)
{
  GListModel *apps = G_LIST_MODEL (hb_app_list_view_get_list (hbt_window_list_view (fixture)));

  for (guint i = 0; i < g_list_model_get_n_items (apps); i++)
    {
      g_autoptr (HbApp) app = g_list_model_get_item (apps, i);

      if (g_strcmp0 (hb_app_get_slug (app), slug) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
hbt_window_list_lacks_slug (HbtWindow *fixture, gconstpointer slug)
{
  HbAppList *apps = hb_app_list_view_get_list (hbt_window_list_view (fixture));

  return !hb_remote_list_get_loading (HB_REMOTE_LIST (apps)) &&
         !hbt_window_list_has_slug (fixture, slug);
}

gboolean
hbt_window_pointer_cleared (HbtWindow *fixture, gconstpointer slot)
{
  return *(gpointer *) slot == NULL;
}

AdwMessageDialog *
hbt_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

gboolean
hbt_window_dialog_open (HbtWindow *fixture, gconstpointer unused)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

void
hbt_window_open (HbtWindow *fixture, HbClient *client, int width, int height)
{
  fixture->client = client;
  fixture->window = hb_window_new (NULL, client);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

void
hbt_window_setup (HbtWindow *fixture, gconstpointer data)
{
  fixture->server = hbt_server_new ();
  hbs_server_set_build_step_ms (fixture->server->server, 300);
  hbt_window_open (fixture, hbt_server_new_client (fixture->server), 1280, 800);
  hbt_window_wait (fixture, hbt_window_list_page_is, "content", "the applications list");
}

static gboolean
window_gone (HbtWindow *fixture, gconstpointer unused)
{
  return fixture->window == NULL;
}

void
hbt_window_teardown (HbtWindow *fixture, gconstpointer data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_object_unref (fixture->window);
  hbt_window_wait (fixture, window_gone, NULL, "the window to be finalized");
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->server, hbt_server_free);
}

void
hbt_window_select_app (HbtWindow *fixture, const char *slug)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-app", "s", slug);
  hbt_window_wait (fixture, hbt_window_selected_is, slug, slug);
}

#ifdef __SANITIZE_ADDRESS__
/* The slow unwinder, so tests/lsan.supp can match frames in system libraries built without
 * frame pointers (with the fast one GLib's quark block has no frame but g_malloc), but only
 * 16 frames: they reach every suppression (8 missed libcloudproviders' under the Save Log
 * chooser), and the unwinder's cost grows with depth (30, the default, made ui/app-list take
 * 120 s, 8 made it 55 s). Set malloc_context_size=30 in ASAN_OPTIONS to read a deeper leak. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=16";
}
#endif
