/* hb-show-build.c: what a build notification opens in a window: its application chosen, the
 * build chosen in the builds page (and its test results opened), once the list has them. The
 * window itself knows nothing of notifications; this uses its public side only.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "hb-app-detail-view.h"
#include "hb-app-list-view.h"
#include "hb-builds-page.h"
#include "hb-show-build.h"

/* A build asked for before the window's list has loaded (Harbor started for the
 * notification): shown once the list's first answer is in. */
typedef struct
{
  HbWindow *window; /* weak */
  char *slug;
  char *build_id;
  gboolean tests;
  gulong loading_id;
} Pending;

static void
pending_free (gpointer data, GClosure *closure)
{
  Pending *pending = data;

  g_clear_weak_pointer (&pending->window);
  g_free (pending->slug);
  g_free (pending->build_id);
  g_free (pending);
}

static HbAppList *
apps (HbWindow *window)
{
  return hb_app_list_view_get_list (HB_APP_LIST_VIEW (hb_window_get_list_view (window)));
}

/* Chooses the application (win.show-app shows its detail) and asks its builds page for the
 * build: by then the detail view has the application, so the page keeps the request. */
static gboolean
show_now (HbWindow *window, const char *slug, const char *build_id, gboolean tests)
{
  HbAppDetailView *detail;
  HbApp *shown;

  if (hb_remote_list_find (HB_REMOTE_LIST (apps (window)), slug, NULL) == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-app", "s", slug);
  detail = HB_APP_DETAIL_VIEW (hb_window_get_detail_view (window));
  shown = hb_app_detail_view_get_app (detail);
  if (shown == NULL || g_strcmp0 (hb_app_get_slug (shown), slug) != 0)
    return FALSE; /* hidden by a search */
  hb_app_detail_view_set_page (detail, "builds");
  hb_builds_page_show_build (HB_BUILDS_PAGE (hb_app_detail_view_get_page (detail, "builds")),
                             build_id, tests);
  return TRUE;
}

static void
on_loading (HbRemoteList *list, GParamSpec *pspec, Pending *pending)
{
  if (hb_remote_list_get_loading (list))
    return;
  if (pending->window != NULL)
    show_now (pending->window, pending->slug, pending->build_id, pending->tests);
  /* Shown, or not in the list the service gave: either way done. */
  g_signal_handler_disconnect (list, pending->loading_id);
}

/**
 * hb_show_build:
 * @tests: open the build's test results too
 *
 * Chooses the application @slug in @window and build @build_id in its builds page (a
 * notification's action). A window whose list has not loaded yet does so when it has.
 */
void
hb_show_build (HbWindow *window, const char *slug, const char *build_id, gboolean tests)
{
  HbRemoteList *list;
  Pending *pending;

  g_return_if_fail (HB_IS_WINDOW (window));
  g_return_if_fail (slug != NULL && build_id != NULL);

  list = HB_REMOTE_LIST (apps (window));
  if (show_now (window, slug, build_id, tests) ||
      (!hb_remote_list_get_loading (list) && hb_remote_list_get_updated (list) != NULL))
    return;
  pending = g_new0 (Pending, 1);
  g_set_weak_pointer (&pending->window, window);
  pending->slug = g_strdup (slug);
  pending->build_id = g_strdup (build_id);
  pending->tests = tests;
  pending->loading_id = g_signal_connect_data (list, "notify::loading", G_CALLBACK (on_loading),
                                               pending, pending_free, 0);
}
