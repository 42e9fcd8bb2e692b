/* hbt-requests.h: shared test helper: every request an HbClient sends, as "METHOD /path?query"
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-client.h"

G_BEGIN_DECLS

typedef struct _HbtRequests HbtRequests;

/* Records from now on every request @client queues (a retry is a request of its own). */
HbtRequests *hbt_requests_new (HbClient *client);
void hbt_requests_free (HbtRequests *self);
void hbt_requests_clear (HbtRequests *self);
guint hbt_requests_count (HbtRequests *self);
/* How many requests were exactly @request ("GET /applications"). */
guint hbt_requests_count_of (HbtRequests *self, const char *request);
/* How many requests start with @prefix. */
guint hbt_requests_count_prefix (HbtRequests *self, const char *prefix);
/* All of them, sorted, one a line: for messages and failures. */
char *hbt_requests_dump (HbtRequests *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbtRequests, hbt_requests_free)

G_END_DECLS
