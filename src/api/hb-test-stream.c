/* hb-test-stream.c: reads a tests body as it arrives (past its first 256 KiB on a worker
 * thread), filling an HbTestStore on the caller's main context
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-test-stream-private.h"

#include "hb-test-parser-private.h"
#include "hb-test-store-private.h"

/* The first bytes are read right here, as they are fed: a small body (most builds) never
 * pays for a thread, and the first rows of a large one do not wait for a thread to be
 * scheduled, which on a busy machine takes milliseconds. Past INLINE_BYTES the parser moves
 * to a worker thread.
 *
 * Who owns what, then. The worker owns the parser. The main context owns the store: only
 * its thread touches it. Between them is Shared, reference-counted: the input queue (chunks
 * in), the output queue (batches out, under `lock`) and the verdict. The worker writes
 * strings into the store's arena; the store reads only the strings of batches it was
 * handed, so the queue's lock orders the two. Cancelling drops the store at once (on its
 * thread) and wakes the worker, which frees the parser and its reference on its way out. */

/* A quarter of a megabyte is a couple of milliseconds of reading: the client's threshold
 * for parsing off the main thread, too. */
#define INLINE_BYTES (256 * 1024)
/* Time the main context spends adding batches per dispatch. */
#define SLICE_USEC (8 * G_TIME_SPAN_MILLISECOND)

static gint n_workers;

/* Markers in the input queue, besides chunks (GBytes). */
static char end_marker, wake_marker;
#define END_OF_BODY ((gpointer) &end_marker)
#define WAKE ((gpointer) &wake_marker)

typedef struct
{
  gint ref_count;
  gint cancelled;
  GAsyncQueue *input;
  GMainContext *context;
  HbTestParser *parser; /* the worker's */

  GMutex lock; /* guards the fields below */
  GQueue batches;
  gboolean delivering; /* a dispatch is scheduled */
  gboolean done;       /* the worker has said all it will say */
  GError *error;

  HbTestStore *store; /* the main context's thread only */
} Shared;

struct _HbTestStream
{
  GObject parent_instance;
  Shared *shared;
  HbTestStore *store;
  HbTestParser *parser; /* while it reads here */
  GQueue inline_batches;
  gsize fed;
  gsize inline_limit;
  gboolean closed;
};

G_DEFINE_FINAL_TYPE (HbTestStream, hb_test_stream, G_TYPE_OBJECT)

static void
input_item_free (gpointer item)
{
  if (item != END_OF_BODY && item != WAKE)
    g_bytes_unref (item);
}

static Shared *
shared_ref (Shared *shared)
{
  g_atomic_int_inc (&shared->ref_count);
  return shared;
}

static void
shared_unref (Shared *shared)
{
  if (!g_atomic_int_dec_and_test (&shared->ref_count))
    return;
  g_async_queue_unref (shared->input);
  g_main_context_unref (shared->context);
  g_clear_pointer (&shared->parser, _hb_test_parser_free);
  g_queue_clear_full (&shared->batches, (GDestroyNotify) _hb_test_batch_free);
  g_clear_error (&shared->error);
  g_mutex_clear (&shared->lock);
  /* The store is dropped on its own thread (deliver, cancel) before this. */
  g_warn_if_fail (shared->store == NULL);
  g_free (shared);
}

/* -- the main context's side */

static void
finish_store (Shared *shared, const GError *error)
{
  g_autoptr (HbTestStore) store = g_steal_pointer (&shared->store);

  if (store != NULL)
    _hb_test_store_finish (store, error);
}

static gboolean
deliver (gpointer user_data)
{
  Shared *shared = user_data;
  gint64 deadline = g_get_monotonic_time () + SLICE_USEC;
  g_autoptr (GError) error = NULL;

  while (shared->store != NULL && !g_atomic_int_get (&shared->cancelled))
    {
      HbTestBatch *batch;
      gboolean done;

      g_mutex_lock (&shared->lock);
      batch = g_queue_pop_head (&shared->batches);
      done = shared->done;
      if (batch == NULL)
        {
          shared->delivering = FALSE;
          error = g_steal_pointer (&shared->error);
        }
      g_mutex_unlock (&shared->lock);

      if (batch == NULL)
        {
          if (done)
            finish_store (shared, error);
          return G_SOURCE_REMOVE;
        }
      _hb_test_store_add_batch (shared->store, batch);
      /* The rest in the next dispatch, after the frame that is due. */
      if (g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }
  g_mutex_lock (&shared->lock);
  shared->delivering = FALSE;
  g_mutex_unlock (&shared->lock);
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
schedule_delivery (Shared *shared)
{
  g_autoptr (GSource) source = NULL;

  if (shared->delivering)
    return;
  shared->delivering = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, HB_TEST_STREAM_PRIORITY);
  g_source_set_callback (source, deliver, shared_ref (shared), (GDestroyNotify) shared_unref);
  g_source_set_static_name (source, "[hb-api] test stream");
  g_source_attach (source, shared->context);
}

/* -- the worker */

static void
on_batch (HbTestBatch *batch, gpointer user_data)
{
  Shared *shared = user_data;

  g_mutex_lock (&shared->lock);
  g_queue_push_tail (&shared->batches, batch);
  schedule_delivery (shared);
  g_mutex_unlock (&shared->lock);
}

static void
worker_done (Shared *shared, GError *error)
{
  g_mutex_lock (&shared->lock);
  shared->done = TRUE;
  if (error != NULL)
    {
      /* What came before the error is not worth showing: the store ends with it. */
      g_queue_clear_full (&shared->batches, (GDestroyNotify) _hb_test_batch_free);
      shared->error = error;
    }
  schedule_delivery (shared);
  g_mutex_unlock (&shared->lock);
}

/* Flushes before it waits, so what was read shows while the network is slow. */
static gpointer
next_input (Shared *shared)
{
  gpointer item = g_async_queue_try_pop (shared->input);

  if (item != NULL)
    return item;
  _hb_test_parser_flush (shared->parser);
  return g_async_queue_pop (shared->input);
}

static gpointer
worker (gpointer data)
{
  Shared *shared = data;
  GError *error = NULL;

  for (;;)
    {
      gpointer item = next_input (shared);
      gboolean ok;

      if (g_atomic_int_get (&shared->cancelled))
        {
          input_item_free (item);
          break;
        }
      if (item == WAKE)
        continue;
      if (item == END_OF_BODY)
        {
          _hb_test_parser_finish (shared->parser, &error);
          worker_done (shared, error);
          break;
        }
      ok = _hb_test_parser_feed (shared->parser, g_bytes_get_data (item, NULL),
                                 g_bytes_get_size (item), &error);
      g_bytes_unref (item);
      if (!ok)
        {
          worker_done (shared, error);
          break;
        }
    }
  g_clear_pointer (&shared->parser, _hb_test_parser_free);
  shared_unref (shared);
  g_atomic_int_add (&n_workers, -1);
  return NULL;
}

/* -- reading here, then handing over */

static void
on_inline_batch (HbTestBatch *batch, gpointer user_data)
{
  HbTestStream *self = user_data;

  g_queue_push_tail (&self->inline_batches, batch);
}

/* After the parser returned, so a handler that cancels finds nothing half done. */
static void
add_inline_batches (HbTestStream *self)
{
  HbTestBatch *batch;

  while ((batch = g_queue_pop_head (&self->inline_batches)) != NULL)
    {
      if (self->shared->store != NULL && !g_atomic_int_get (&self->shared->cancelled))
        _hb_test_store_add_batch (self->shared->store, batch);
      else
        _hb_test_batch_free (batch);
    }
}

/* Returns FALSE when the body was refused, and says so to the store. */
static gboolean
feed_inline (HbTestStream *self, GBytes *chunk)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = _hb_test_parser_feed (self->parser, g_bytes_get_data (chunk, NULL),
                                      g_bytes_get_size (chunk), &error);

  if (ok)
    add_inline_batches (self);
  else
    {
      g_queue_clear_full (&self->inline_batches, (GDestroyNotify) _hb_test_batch_free);
      g_clear_pointer (&self->parser, _hb_test_parser_free);
      g_atomic_int_set (&self->shared->cancelled, TRUE);
      finish_store (self->shared, error);
    }
  return ok;
}

static void
close_inline (HbTestStream *self)
{
  g_autoptr (GError) error = NULL;

  if (_hb_test_parser_finish (self->parser, &error))
    add_inline_batches (self);
  g_queue_clear_full (&self->inline_batches, (GDestroyNotify) _hb_test_batch_free);
  g_clear_pointer (&self->parser, _hb_test_parser_free);
  finish_store (self->shared, error);
}

static void
start_worker (HbTestStream *self)
{
  Shared *shared = self->shared;
  g_autoptr (GError) error = NULL;
  GThread *thread;

  /* The parser has nothing left to hand over here: its batches go to the queue now. */
  _hb_test_parser_flush (self->parser);
  add_inline_batches (self);
  shared->parser = g_steal_pointer (&self->parser);
  _hb_test_parser_set_batch_func (shared->parser, on_batch, shared);

  g_atomic_int_inc (&n_workers);
  thread = g_thread_try_new ("hb-test-stream", worker, shared_ref (shared), &error);
  if (thread != NULL)
    {
      g_thread_unref (thread);
      return;
    }
  g_atomic_int_add (&n_workers, -1);
  g_atomic_int_set (&shared->cancelled, TRUE);
  finish_store (shared, error);
  shared_unref (shared); /* the worker's */
}

/* -- HbTestStream */

static void
hb_test_stream_dispose (GObject *object)
{
  HbTestStream *self = HB_TEST_STREAM (object);

  if (self->shared != NULL)
    {
      hb_test_stream_cancel (self);
      g_clear_pointer (&self->shared, shared_unref);
    }
  g_queue_clear_full (&self->inline_batches, (GDestroyNotify) _hb_test_batch_free);
  g_clear_pointer (&self->parser, _hb_test_parser_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (hb_test_stream_parent_class)->dispose (object);
}

static void
hb_test_stream_class_init (HbTestStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hb_test_stream_dispose;
}

static void
hb_test_stream_init (HbTestStream *self)
{
  g_queue_init (&self->inline_batches);
  self->inline_limit = INLINE_BYTES;
}

/**
 * hb_test_stream_new:
 * @store: an empty, loading #HbTestStore
 *
 * Returns: (transfer full): a stream filling @store
 */
HbTestStream *
hb_test_stream_new (HbTestStore *store)
{
  HbTestStream *self;
  Shared *shared;

  g_return_val_if_fail (HB_IS_TEST_STORE (store), NULL);
  g_return_val_if_fail (hb_test_store_get_loading (store), NULL);
  g_return_val_if_fail (hb_test_store_get_n_nodes (store) == 0, NULL);

  self = g_object_new (HB_TYPE_TEST_STREAM, NULL);
  self->store = g_object_ref (store);
  self->parser = _hb_test_parser_new (_hb_test_store_get_strings (store), on_inline_batch, self);
  shared = g_new0 (Shared, 1);
  shared->ref_count = 1;
  shared->input = g_async_queue_new_full (input_item_free);
  shared->context = g_main_context_ref_thread_default ();
  shared->store = g_object_ref (store);
  g_mutex_init (&shared->lock);
  g_queue_init (&shared->batches);
  self->shared = shared;
  return self;
}

void
hb_test_stream_feed (HbTestStream *self, GBytes *chunk)
{
  g_autoptr (HbTestStream) hold = NULL;
  gsize size;

  g_return_if_fail (HB_IS_TEST_STREAM (self));
  g_return_if_fail (chunk != NULL);
  g_return_if_fail (!self->closed);

  size = g_bytes_get_size (chunk);
  if (self->shared == NULL || g_atomic_int_get (&self->shared->cancelled) || size == 0)
    return;
  /* The store's handlers run in here: one of them may drop the last reference. */
  hold = g_object_ref (self);
  /* A chunk across the limit: its head is read here, as the first rows need. */
  if (self->parser != NULL && self->fed < self->inline_limit && self->fed + size > self->inline_limit)
    {
      gsize head = self->inline_limit - self->fed;
      g_autoptr (GBytes) first = g_bytes_new_from_bytes (chunk, 0, head);
      g_autoptr (GBytes) rest = g_bytes_new_from_bytes (chunk, head, size - head);

      hb_test_stream_feed (self, first);
      hb_test_stream_feed (self, rest);
      return;
    }
  if (self->parser != NULL && self->fed + size > self->inline_limit)
    start_worker (self);
  self->fed += size;
  if (self->parser != NULL)
    feed_inline (self, chunk);
  else if (!g_atomic_int_get (&self->shared->cancelled))
    g_async_queue_push (self->shared->input, g_bytes_ref (chunk));
}

void
hb_test_stream_close (HbTestStream *self)
{
  g_return_if_fail (HB_IS_TEST_STREAM (self));

  if (self->closed)
    return;
  self->closed = TRUE;
  if (self->shared == NULL || g_atomic_int_get (&self->shared->cancelled))
    return;
  if (self->parser != NULL)
    {
      /* The store's handlers run in here: one of them may drop the last reference. */
      g_object_ref (self);
      close_inline (self);
      g_object_unref (self);
    }
  else
    g_async_queue_push (self->shared->input, END_OF_BODY);
}

void
hb_test_stream_cancel (HbTestStream *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (HB_IS_TEST_STREAM (self));

  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Loading the tests was cancelled");
  _hb_test_stream_fail (self, error);
}

void
_hb_test_stream_fail (HbTestStream *self, const GError *error)
{
  g_return_if_fail (HB_IS_TEST_STREAM (self));
  g_return_if_fail (error != NULL);

  if (self->shared == NULL || g_atomic_int_get (&self->shared->cancelled))
    return;
  g_atomic_int_set (&self->shared->cancelled, TRUE);
  g_async_queue_push (self->shared->input, WAKE);
  finish_store (self->shared, error);
}

void
_hb_test_stream_set_inline_limit (HbTestStream *self, gsize bytes)
{
  g_return_if_fail (HB_IS_TEST_STREAM (self));
  g_return_if_fail (self->fed == 0);
  self->inline_limit = bytes;
}

/** hb_test_stream_get_store: Returns: (transfer none): the store being filled */
HbTestStore *
hb_test_stream_get_store (HbTestStream *self)
{
  g_return_val_if_fail (HB_IS_TEST_STREAM (self), NULL);
  return self->store;
}

guint
_hb_test_stream_get_n_workers (void)
{
  return (guint) g_atomic_int_get (&n_workers);
}
