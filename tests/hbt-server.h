/* hbt-server.h: test fixture: a seeded in-process harbor-server on 127.0.0.1:0
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"
#include "hbs-server.h"

G_BEGIN_DECLS

/* A valid token for the seeded user "demo". */
#define HBT_DEMO_TOKEN "hbt-demo-token"
#define HBT_ANA_TOKEN "hbt-ana-token"

typedef struct
{
  HbsServer *server;
  char *base_url;
  /* Set only for hbt_server_new_threaded(): the server's own loop. */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
} HbtServer;

typedef struct
{
  guint big_tests;       /* hbs_server_add_big_tests (0: none) */
  GTlsCertificate *cert; /* serve https with it (nullable) */
  const HbsFaults *faults;
  gboolean unseeded; /* only the users demo and ana, with no applications */
  guint port;        /* 0: a free one; else this one (a server "restarted" on its port) */
} HbtServerOptions;

/* Seeded, listening on 127.0.0.1:0, run by the caller's main context. */
HbtServer *hbt_server_new (void);
HbtServer *hbt_server_new_full (const HbtServerOptions *options);
/* The same, but served from a thread of its own (benchmarks, and tests that
 * block the main context). */
HbtServer *hbt_server_new_threaded (const HbtServerOptions *options);
void hbt_server_set_faults (HbtServer *self, const HbsFaults *faults);
void hbt_server_free (HbtServer *self);

/* A client on the fixture's URL, signed in as "demo". */
HbClient *hbt_server_new_client (HbtServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbtServer, hbt_server_free)

G_END_DECLS
