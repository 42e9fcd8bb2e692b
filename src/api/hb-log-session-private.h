/* hb-log-session-private.h: HbLogSession's fields, for its files (hb-log-session.c: the object,
 * L1 and the lines; hb-log-session-http.c: reading the session URL)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "hb-log-session.h"

G_BEGIN_DECLS

typedef enum
{
  HB_LOG_BODY_LENGTH,  /* Content-Length */
  HB_LOG_BODY_CHUNKED, /* Transfer-Encoding: chunked, ended by its last chunk */
  HB_LOG_BODY_EOF,     /* neither: the body ends with the connection */
} HbLogBodyKind;

typedef enum
{
  HB_LOG_CHUNK_SIZE,
  HB_LOG_CHUNK_DATA,
  HB_LOG_CHUNK_DATA_END,
  HB_LOG_CHUNK_TRAILER,
} HbLogChunkState;

struct _HbLogSession
{
  GObject parent_instance;

  HbClient *client;
  char *slug;
  gboolean tail;
  guint limit;
  char *source_filter;
  char *process_filter;

  gboolean started;
  gboolean streaming;
  char *url;
  guint64 n_lines;
  GByteArray *line;  /* a line being read */
  gboolean skipping; /* the rest of a line too long to keep */

  /* L2, read over HTTP/1.1 by hb-log-session-http.c. */
  GSocketClient *socket_client;
  GSocketConnection *connection;
  GByteArray *raw; /* read, not used yet: the head, or a part of the chunked framing */
  gboolean head_done;
  guint status;
  char *reason;
  HbLogBodyKind body_kind;
  HbLogChunkState chunk_state;
  guint64 remaining; /* of the body (LENGTH), or of the chunk (CHUNKED) */
  gboolean body_done;
  GByteArray *error_body; /* of an answer that is not 2xx */
};

/* hb-log-session-http.c: GETs self->url (no credentials) and reads its body into the session
 * (_hb_log_session_take_body) until it ends, which completes @task (transfer full). */
void _hb_log_session_read_url (HbLogSession *self, GTask *task);
void _hb_log_session_close_url (HbLogSession *self);

/* hb-log-session.c, for the reader */
void _hb_log_session_take_body (HbLogSession *self, const char *data, gsize size);
void _hb_log_session_body_ended (HbLogSession *self);
void _hb_log_session_set_streaming (HbLogSession *self, gboolean streaming);
void _hb_log_session_complete (GTask *task, GError *error);

G_END_DECLS
