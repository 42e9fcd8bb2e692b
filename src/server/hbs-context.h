/* hbs-context.h: what a route reaches of its server: the world, application logs, live builds,
 * log sessions, rendered test trees and the connections
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declared, not included: each route file includes the headers of the parts it uses, and those
 * parts (log sessions answer an HbsRequest) may include hbs-request.h without a cycle. */
typedef struct _HbsStore HbsStore;
typedef struct _HbsAppLogs HbsAppLogs;
typedef struct _HbsSimulator HbsSimulator;
typedef struct _HbsLogSessions HbsLogSessions;
typedef struct _HbsTestCache HbsTestCache;
typedef struct _HbsListener HbsListener;

/* Owned by the server; a request borrows it for as long as it is being answered. */
typedef struct
{
  HbsStore *store;
  HbsAppLogs *logs; /* each application's log: what routes and builds write */
  HbsSimulator *simulator;
  HbsLogSessions *log_sessions;
  HbsTestCache *tests;
  HbsListener *listener; /* the connections, once the server listens */
} HbsContext;

G_END_DECLS
