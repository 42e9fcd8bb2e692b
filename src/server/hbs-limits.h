/* hbs-limits.h: what one harbor-server lets its clients hold, the sizes it accepts, its rates
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one server lets its clients hold; every field 0 means the default. */
typedef struct
{
  guint max_connections;    /* open at once (default: 512, at most half the descriptor limit) */
  guint request_timeout_ms; /* a request's headers and body arrive within this (default 10 s) */
  guint idle_timeout_ms;    /* a kept-alive connection waits this long for its next request
                               (default 60 s) */
} HbsLimits;

/* hbs_server_add_big_tests() and a state file hold at most this many tests per build. */
#define HBS_MAX_BIG_TESTS 1000000

/* hbs_server_set_web_log_ms()'s default: a deployed application's simulated web process writes a
 * line to its log this often, a gentle rate. */
#define HBS_DEFAULT_WEB_LOG_MS 3000

G_END_DECLS
