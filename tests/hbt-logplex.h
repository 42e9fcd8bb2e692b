/* hbt-logplex.h: test helper: a scripted log server on loopback that answers L1 and then
 * streams exactly the bytes a test wants (hostile lines, pauses, a clean end or a drop)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* harbor-server writes well-formed lines only; a real logplex, a proxy or a broken network
 * may not. This one speaks raw HTTP/1.1 on the thread-default main context. */
typedef struct _HbtLogplex HbtLogplex;

typedef enum
{
  HBT_LOGPLEX_END_CLEAN, /* the last chunk: the stream ended */
  HBT_LOGPLEX_END_DROP,  /* the connection is closed mid-stream */
  HBT_LOGPLEX_END_OPEN,  /* the stream stays open until the server is freed */
} HbtLogplexEnd;

HbtLogplex *hbt_logplex_new (void);
void hbt_logplex_free (HbtLogplex *self);
/* "http://127.0.0.1:PORT", an API root for an HbClient. */
const char *hbt_logplex_get_base_url (HbtLogplex *self);

/* L1 answers 201 with this Location (default: "/sessions/1" on this server). */
void hbt_logplex_set_location (HbtLogplex *self, const char *location);
/* The session URL answers @status with @body (JSON) instead of a stream. */
void hbt_logplex_set_error (HbtLogplex *self, guint status, const char *body);
/* The stream: chunks, each after @delay_ms (in the order added), then @end. */
void hbt_logplex_add_chunk (HbtLogplex *self, guint delay_ms, const char *data, gssize length);
void hbt_logplex_set_end (HbtLogplex *self, HbtLogplexEnd end);
/* The session URL answers @head (status line and headers, with their blank line) as it is,
 * then the chunks as they are: the test writes the framing. A clean end closes the
 * connection after the last chunk, like a drop. */
void hbt_logplex_set_raw (HbtLogplex *self, const char *head);

/* The head of the last request to the session URL, and the body of the last L1 (or NULL). */
const char *hbt_logplex_get_stream_request (HbtLogplex *self);
const char *hbt_logplex_get_open_body (HbtLogplex *self);
/* Bytes of the stream written so far. */
guint64 hbt_logplex_get_written (HbtLogplex *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbtLogplex, hbt_logplex_free)

G_END_DECLS
