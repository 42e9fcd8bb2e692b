/* hbs-log-ring.c: the last lines of an application's log, as log sessions stream them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hbs-log-ring.h"

#include <string.h>

/* A line is "2026-12-07T10:00:00.123+00:00 app[web.1]: message\n": logplex's layout, which the
 * official CLI's colouring regex reads (appharbor-api.md §3.11), with milliseconds so that the
 * lines of one second keep their order for a reader that sorts. The time is always UTC. */
#define TIME_LENGTH 29
#define MAX_NAME 32

struct _HbsLogLine
{
  guint length;      /* of text, the newline included */
  guint8 source_len; /* the source starts after the time and a space */
  guint8 process_len;
  char text[];
};

struct _HbsLogRing
{
  HbsLogLine **lines; /* capacity slots; the oldest at first */
  guint capacity;
  guint first;
  guint length;
};

HbsLogRing *
hbs_log_ring_new (guint capacity)
{
  HbsLogRing *self;

  g_return_val_if_fail (capacity > 0, NULL);
  self = g_new0 (HbsLogRing, 1);
  self->capacity = capacity;
  self->lines = g_new0 (HbsLogLine *, capacity);
  return self;
}

void
hbs_log_ring_free (HbsLogRing *self)
{
  for (guint i = 0; i < self->capacity; i++)
    g_free (self->lines[i]);
  g_free (self->lines);
  g_free (self);
}

/* Sources and processes are ours ("app", "web.1"): letters, digits, dots and hyphens. */
static gboolean
valid_name (const char *name)
{
  gsize n = strlen (name);

  if (n == 0 || n > MAX_NAME)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '.' && name[i] != '-')
      return FALSE;
  return TRUE;
}

/* A message is one line of text however it came (a commit message, a URL a user typed): control
 * characters become spaces, so nobody can write a line that looks like another source's, and a
 * long one is cut on a character boundary. */
static void
append_message (GString *out, const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);
  const char *end = valid + strlen (valid);

  if (end - valid > HBS_LOG_MAX_MESSAGE)
    end = g_utf8_find_prev_char (valid, valid + HBS_LOG_MAX_MESSAGE + 1);
  for (const char *p = valid; p < end; p++)
    g_string_append_c (out, (guchar) *p < 0x20 || *p == 0x7f ? ' ' : *p);
  if (*end != '\0')
    g_string_append (out, "…");
}

static void
append_time (GString *out, gint64 time_us)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (time_us / G_USEC_PER_SEC);
  g_autofree char *text = time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S") : NULL;

  g_string_append_printf (out, "%s.%03u+00:00", text != NULL ? text : "1970-01-01T00:00:00",
                          (guint) (time_us % G_USEC_PER_SEC / 1000));
}

/* Returns the line as kept (valid until MAX lines later), or NULL for a bad source or process. */
const HbsLogLine *
hbs_log_ring_append (
    HbsLogRing *self, gint64 time_us, const char *source, const char *process, const char *message)
{
  g_autoptr (GString) text = g_string_new (NULL);
  HbsLogLine *line;
  guint slot;

  g_return_val_if_fail (valid_name (source) && valid_name (process), NULL);
  g_return_val_if_fail (time_us >= 0, NULL);

  append_time (text, time_us);
  g_string_append_printf (text, " %s[%s]: ", source, process);
  append_message (text, message);
  g_string_append_c (text, '\n');

  line = g_malloc (sizeof (HbsLogLine) + text->len + 1);
  line->length = text->len;
  line->source_len = strlen (source);
  line->process_len = strlen (process);
  memcpy (line->text, text->str, text->len + 1);

  slot = (self->first + self->length) % self->capacity;
  if (self->length == self->capacity)
    {
      g_free (self->lines[slot]);
      self->first = (self->first + 1) % self->capacity;
    }
  else
    self->length++;
  self->lines[slot] = line;
  return line;
}

guint
hbs_log_ring_get_length (HbsLogRing *self)
{
  return self->length;
}

/* @index 0 is the oldest line kept. */
const HbsLogLine *
hbs_log_ring_get (HbsLogRing *self, guint index)
{
  g_return_val_if_fail (index < self->length, NULL);
  return self->lines[(self->first + index) % self->capacity];
}

const char *
hbs_log_line_get_text (const HbsLogLine *line, gsize *length)
{
  if (length != NULL)
    *length = line->length;
  return line->text;
}

/* L1's filters: the source without regard to case (the CLI sent it as typed), the process
 * exactly ("case-sensitive", the CLI's help says). NULL or "" matches every line. */
gboolean
hbs_log_line_matches (const HbsLogLine *line, const char *source, const char *process)
{
  const char *line_source = line->text + TIME_LENGTH + 1;
  const char *line_process = line_source + line->source_len + 1;

  if (source != NULL && source[0] != '\0' &&
      (strlen (source) != line->source_len ||
       g_ascii_strncasecmp (source, line_source, line->source_len) != 0))
    return FALSE;
  if (process != NULL && process[0] != '\0' &&
      (strlen (process) != line->process_len ||
       strncmp (process, line_process, line->process_len) != 0))
    return FALSE;
  return TRUE;
}
