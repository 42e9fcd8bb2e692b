/* hbs-log-ring.h: the last lines of an application's log, as log sessions stream them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AppHarbor kept the last 1500 messages of each application. */
#define HBS_LOG_RING_CAPACITY 1500
/* A message longer than this (a commit message, a URL) is cut, so a ring stays small. */
#define HBS_LOG_MAX_MESSAGE 512

typedef struct _HbsLogLine HbsLogLine;
typedef struct _HbsLogRing HbsLogRing;

HbsLogRing *hbs_log_ring_new (guint capacity);
void hbs_log_ring_free (HbsLogRing *self);
const HbsLogLine *hbs_log_ring_append (
    HbsLogRing *self, gint64 time_us, const char *source, const char *process, const char *message);
guint hbs_log_ring_get_length (HbsLogRing *self);
const HbsLogLine *hbs_log_ring_get (HbsLogRing *self, guint index);

const char *hbs_log_line_get_text (const HbsLogLine *line, gsize *length);
gboolean hbs_log_line_matches (const HbsLogLine *line, const char *source, const char *process);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HbsLogRing, hbs_log_ring_free)

G_END_DECLS
