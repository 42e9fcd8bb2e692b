/* hb-client-tests.c: HbClient: a build's test results read into an HbTestStore as they arrive
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-client-private.h"

#include "hb-api-error.h"
#include "hb-test-stream-private.h"

/* The request hands the body over chunk by chunk (HbBodySink); an HbTestStream reads it on
 * a worker while the store fills on this main context. The call completes when the store
 * is whole, or with the first error of either; either way the store has stopped loading by
 * then, with that error. */

typedef struct
{
  HbTestStore *store;
  HbTestStream *stream;
  GTask *request; /* while waiting for the store after the body */
  gulong notify_id;
  gulong cancel_id;
  GCancellable *cancellable;
} Load;

static void
load_free (Load *load)
{
  g_clear_signal_handler (&load->notify_id, load->store);
  g_cancellable_disconnect (load->cancellable, load->cancel_id);
  g_clear_object (&load->cancellable);
  g_clear_object (&load->request);
  /* Dropping the stream cancels a worker still reading: nothing outlives the call. */
  g_clear_object (&load->stream);
  g_clear_object (&load->store);
  g_free (load);
}

static gboolean
sink_chunk (gpointer data, GBytes *chunk, GError **error)
{
  Load *load = data;
  const GError *refused = hb_test_store_get_error (load->store);

  /* The reader refused the body already: no need to read the rest. */
  if (refused != NULL)
    {
      g_propagate_error (error, g_error_copy (refused));
      return FALSE;
    }
  hb_test_stream_feed (load->stream, chunk);
  return TRUE;
}

static void
complete_request (Load *load)
{
  g_autoptr (GTask) request = g_steal_pointer (&load->request);
  const GError *error = hb_test_store_get_error (load->store);

  g_clear_signal_handler (&load->notify_id, load->store);
  if (error != NULL)
    g_task_return_error (request, g_error_copy (error));
  else
    g_task_return_boolean (request, TRUE);
}

static void
on_loading (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  Load *load = user_data;

  if (!hb_test_store_get_loading (load->store) && load->request != NULL)
    complete_request (load);
}

static void
on_cancelled (GCancellable *cancellable, gpointer user_data)
{
  Load *load = user_data;

  /* The store ends cancelled, and on_loading completes the request. */
  hb_test_stream_cancel (load->stream);
}

/* Takes ownership of @request. */
static void
sink_end (gpointer data, GTask *request)
{
  Load *load = data;

  load->request = request;
  hb_test_stream_close (load->stream);
  if (!hb_test_store_get_loading (load->store))
    {
      complete_request (load);
      return;
    }
  load->notify_id =
      g_signal_connect (load->store, "notify::loading", G_CALLBACK (on_loading), load);
  /* Called at once, in this thread, if already cancelled: then the store has ended. */
  if (load->cancellable != NULL)
    load->cancel_id =
        g_cancellable_connect (load->cancellable, G_CALLBACK (on_cancelled), load, NULL);
}

static void
on_request_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _hb_test_stream_fail (load->stream, error);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * hb_client_load_tests_async:
 * @self: a client
 * @tests_url: the build's tests_url as given
 * @store: a new #HbTestStore (hb_test_store_new ()), filled as the body arrives
 * @cancellable: (nullable): cancels the request and the reading
 * @callback: called when @store is whole, or has stopped with an error
 * @user_data: data for @callback
 *
 * Reads a build's test tree into @store on a worker thread while it downloads: the store's
 * roots, counts and filter grow on this thread's main context a batch at a time. The body
 * is read as strictly as hb_client_list_tests_at_url_async () reads it.
 */
void
hb_client_load_tests_async (HbClient *self,
                            const char *tests_url,
                            HbTestStore *store,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  GTask *task;
  GTask *request;
  Load *load;
  /* The reads share the main context with the frames and the batches, turn by turn. */
  HbBodySink sink = { sink_chunk, sink_end, NULL, HB_TEST_STREAM_PRIORITY };

  g_return_if_fail (HB_IS_CLIENT (self));
  g_return_if_fail (tests_url != NULL);
  g_return_if_fail (HB_IS_TEST_STORE (store));
  g_return_if_fail (hb_test_store_get_loading (store) && hb_test_store_get_n_nodes (store) == 0);

  task = _hb_client_task_new (self, hb_client_load_tests_async, cancellable, callback, user_data);
  load = g_new0 (Load, 1);
  load->store = g_object_ref (store);
  load->stream = hb_test_stream_new (store);
  load->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  sink.data = load;

  request = g_task_new (self, cancellable, on_request_done, task);
  _hb_client_stream (self, request, tests_url, &sink);
}

/**
 * hb_client_load_tests_finish:
 *
 * Returns: %TRUE when the store holds the whole tree, or %FALSE with @error set (the
 *   store's error too)
 */
gboolean
hb_client_load_tests_finish (HbClient *self, GAsyncResult *result, GError **error)
{
  return _hb_client_finish_boolean (self, result, hb_client_load_tests_async, error);
}
