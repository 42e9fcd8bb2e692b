/* test-status-stack.c: HbStatusStack under the applications list: each error, and Retry
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "hb-api.h"
#include "hbt-snapshot.h"
#include "hbt-utils.h"
#include "hbt-window.h"

typedef HbtWindow Fixture;

static void
test_server_down (void)
{
  Fixture fixture = { 0 };
  HbClient *client = hb_client_new ("http://127.0.0.1:9");
  HbStatusStack *status;

  hb_client_set_token (client, HBT_DEMO_TOKEN);
  hbt_window_open (&fixture, client, 1280, 800);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "error", "the error page");
  status = hbt_window_list_status (&fixture);
  g_assert_true (g_error_matches (hb_status_stack_get_error (status), G_IO_ERROR,
                                  G_IO_ERROR_CONNECTION_REFUSED));
  g_assert_true (gtk_widget_is_visible (hb_status_stack_get_retry_button (status)));
  hbt_settle (300);
  hbt_save_screenshot (GTK_WIDGET (fixture.window), "error-server-down.png");
  hbt_window_teardown (&fixture, NULL);
}

static void
test_server_error_then_retry (void)
{
  Fixture fixture = { 0 };
  HbsFaults faults = { .fail_every = 1 };
  HbsFaults none = { 0 };

  fixture.server = hbt_server_new ();
  hbt_server_set_faults (fixture.server, &faults);
  hbt_window_open (&fixture, hbt_server_new_client (fixture.server), 1280, 800);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "error", "the error page");
  g_assert_true (g_error_matches (hb_status_stack_get_error (hbt_window_list_status (&fixture)),
                                  HB_API_ERROR, HB_API_ERROR_SERVER));

  hbt_server_set_faults (fixture.server, &none);
  gtk_widget_activate (hb_status_stack_get_retry_button (hbt_window_list_status (&fixture)));
  hbt_window_wait (&fixture, hbt_window_list_page_is, "content", "the list after Retry");
  hbt_window_teardown (&fixture, NULL);
}

static void
test_unauthorized (void)
{
  Fixture fixture = { 0 };
  HbClient *client;

  fixture.server = hbt_server_new ();
  client = hb_client_new (fixture.server->base_url);
  hb_client_set_token (client, "not-a-token");
  hbt_window_open (&fixture, client, 1280, 800);
  hbt_window_wait (&fixture, hbt_window_list_page_is, "error", "the error page");
  g_assert_true (g_error_matches (hb_status_stack_get_error (hbt_window_list_status (&fixture)),
                                  HB_API_ERROR, HB_API_ERROR_UNAUTHORIZED));
  hbt_window_teardown (&fixture, NULL);
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
#undef ADD
  g_test_add_func ("/hb/errors/server-down", test_server_down);
  g_test_add_func ("/hb/errors/server-500-retry", test_server_error_then_retry);
  g_test_add_func ("/hb/errors/unauthorized", test_unauthorized);

  return g_test_run ();
}
