/* bench-api-gets.c: 1,000 sequential GETs on one keep-alive connection, beside curl doing the same
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-api.h"
#include "hbt-server.h"
#include "hbt-utils.h"

#define N_GETS 1000

static double
hb_client_rate (HbtServer *server)
{
  g_autoptr (HbClient) client = hbt_server_new_client (server);
  gint64 start = 0;

  for (guint i = 0; i <= N_GETS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (HbResource) app = NULL;
      GAsyncResult *result = NULL;

      /* Request 0 opens the connection; the clock starts after it. */
      if (i == 1)
        start = g_get_monotonic_time ();
      hb_client_get_resource_async (client, HB_TYPE_APP, NULL, "hello-world", NULL, hbt_async_ready,
                                    &result);
      hbt_await (&result);
      app = hb_client_get_resource_finish (client, result, &error);
      g_object_unref (result);
      g_assert_no_error (error);
    }
  return N_GETS / ((g_get_monotonic_time () - start) / 1e6);
}

/* One curl process, every URL on one command line: curl keeps the connection. */
static double
curl_rate (HbtServer *server)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GSubprocess) curl = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strconcat (server->base_url, "/applications/hello-world", NULL);
  gint64 start;

  g_ptr_array_add (argv, g_strdup ("curl"));
  g_ptr_array_add (argv, g_strdup ("--silent"));
  g_ptr_array_add (argv, g_strdup ("--fail"));
  g_ptr_array_add (argv, g_strdup ("-H"));
  g_ptr_array_add (argv, g_strdup ("Accept: application/json"));
  g_ptr_array_add (argv, g_strdup ("-H"));
  g_ptr_array_add (argv, g_strdup ("Authorization: Bearer " HBT_DEMO_TOKEN));
  for (guint i = 0; i < N_GETS; i++)
    g_ptr_array_add (argv, g_strdup (url));
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  curl = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (curl, NULL, &error);
  g_assert_no_error (error);
  return N_GETS / ((g_get_monotonic_time () - start) / 1e6);
}

int
main (int argc, char **argv)
{
  g_autoptr (HbtServer) server = NULL;
  double ours = 0, curl = 0;

  g_test_init (&argc, &argv, NULL);
  server = hbt_server_new_threaded (NULL);
  for (guint round = 0; round < 3; round++)
    {
      ours = MAX (ours, hb_client_rate (server));
      curl = MAX (curl, curl_rate (server));
    }
  g_print ("# bench-api-gets: %u sequential GETs of /applications/hello-world, best of 3\n",
           N_GETS);
  g_print ("HbClient (get_app, incl. models): %8.0f req/s\n", ours);
  g_print ("curl CLI (one process, keep-alive): %8.0f req/s (includes its start-up)\n", curl);
  g_print ("ratio: %.2fx curl (target >= 0.80)\n", ours / curl);
  return 0;
}
