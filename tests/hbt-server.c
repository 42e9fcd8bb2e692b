/* hbt-server.c: test fixture: a seeded in-process harbor-server on 127.0.0.1:0
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbt-server.h"

#include "hbt-utils.h"

static void
setup_server (HbtServer *self, const HbtServerOptions *options)
{
  g_autoptr (GError) error = NULL;

  hbt_tolerate_client_hangups ();
  self->server = hbs_server_new ();
  if (options != NULL && options->unseeded)
    {
      hbs_server_add_user (self->server, "demo", "demo@example.com", "demo");
      hbs_server_add_user (self->server, "ana", "ana@example.com", "ana");
    }
  else
    hbs_server_seed (self->server);
  hbs_server_add_token (self->server, "demo", HBT_DEMO_TOKEN);
  hbs_server_add_token (self->server, "ana", HBT_ANA_TOKEN);
  if (options != NULL && options->big_tests > 0)
    hbs_server_add_big_tests (self->server, options->big_tests);
  if (options != NULL && options->faults != NULL)
    hbs_server_set_faults (self->server, options->faults);
  hbs_server_listen (self->server, "127.0.0.1", options != NULL ? options->port : 0,
                     options != NULL ? options->cert : NULL, &error);
  g_assert_no_error (error);
  self->base_url = hbs_server_dup_base_url (self->server);
}

HbtServer *
hbt_server_new_full (const HbtServerOptions *options)
{
  HbtServer *self = g_new0 (HbtServer, 1);

  setup_server (self, options);
  return self;
}

HbtServer *
hbt_server_new (void)
{
  return hbt_server_new_full (NULL);
}

typedef struct
{
  HbtServer *self;
  const HbtServerOptions *options;
  GMutex mutex;
  GCond cond;
  gboolean ready;
} ThreadStart;

static gpointer
server_thread (gpointer data)
{
  ThreadStart *start = data;
  HbtServer *self = start->self;

  g_main_context_push_thread_default (self->context);
  setup_server (self, start->options);
  g_mutex_lock (&start->mutex);
  start->ready = TRUE;
  g_cond_signal (&start->cond);
  g_mutex_unlock (&start->mutex);

  g_main_loop_run (self->loop);
  g_clear_object (&self->server);
  /* Let the server's sources finish closing on its own context. */
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

HbtServer *
hbt_server_new_threaded (const HbtServerOptions *options)
{
  HbtServer *self = g_new0 (HbtServer, 1);
  ThreadStart start = { self, options };

  g_mutex_init (&start.mutex);
  g_cond_init (&start.cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("hbt-server", server_thread, &start);
  g_mutex_lock (&start.mutex);
  while (!start.ready)
    g_cond_wait (&start.cond, &start.mutex);
  g_mutex_unlock (&start.mutex);
  g_mutex_clear (&start.mutex);
  g_cond_clear (&start.cond);
  return self;
}

typedef struct
{
  HbtServer *self;
  const HbsFaults *faults;
  gboolean done;
  GMutex mutex;
  GCond cond;
} FaultsCall;

static gboolean
set_faults_in_thread (gpointer data)
{
  FaultsCall *call = data;

  hbs_server_set_faults (call->self->server, call->faults);
  g_mutex_lock (&call->mutex);
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->mutex);
  return G_SOURCE_REMOVE;
}

void
hbt_server_set_faults (HbtServer *self, const HbsFaults *faults)
{
  FaultsCall call = { self, faults };

  if (self->thread == NULL)
    {
      hbs_server_set_faults (self->server, faults);
      return;
    }
  g_mutex_init (&call.mutex);
  g_cond_init (&call.cond);
  g_main_context_invoke (self->context, set_faults_in_thread, &call);
  g_mutex_lock (&call.mutex);
  while (!call.done)
    g_cond_wait (&call.cond, &call.mutex);
  g_mutex_unlock (&call.mutex);
  g_mutex_clear (&call.mutex);
  g_cond_clear (&call.cond);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
hbt_server_free (HbtServer *self)
{
  if (self->thread != NULL)
    {
      /* Queued on the server's context, so it cannot race the loop's start. */
      g_main_context_invoke (self->context, quit_loop, self->loop);
      g_thread_join (self->thread);
      g_main_loop_unref (self->loop);
      g_main_context_unref (self->context);
    }
  else
    g_clear_object (&self->server);
  g_free (self->base_url);
  g_free (self);
}

HbClient *
hbt_server_new_client (HbtServer *self)
{
  HbClient *client = hb_client_new (self->base_url);

  hb_client_set_token (client, HBT_DEMO_TOKEN);
  return client;
}
