/* hb-log-line.c: one line of an application's live log, as safe text and its parts
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "hb-log-line.h"

#include <string.h>

/* logplex's layout, which the official CLI colours (appharbor-api.md §3.11):
 *   2026-12-07T10:00:00.123+00:00 app[web.1]: message
 * read liberally: without the time, "app[web.1]: message" still has a source; a line that
 * has neither is kept whole as its message. */

/* Longest source or process name taken as one: longer, the line is read as plain text. */
#define MAX_NAME 64
/* "2026-12-07T10:00:00.1234567+00:00" and a little more. */
#define MAX_TIME 48

struct _HbLogLine
{
  GObject parent_instance;

  char *text; /* the whole line, safe to show */
  gint64 time;
  char *source; /* the three are NULL on a line without a source */
  char *process;
  char *identifier;
  const char *message; /* in text */
  gboolean truncated;
};

G_DEFINE_FINAL_TYPE (HbLogLine, hb_log_line, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TEXT,
  PROP_TIME,
  PROP_SOURCE,
  PROP_PROCESS,
  PROP_IDENTIFIER,
  PROP_MESSAGE,
  PROP_TRUNCATED,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
hb_log_line_finalize (GObject *object)
{
  HbLogLine *self = HB_LOG_LINE (object);

  g_free (self->text);
  g_free (self->source);
  g_free (self->process);
  g_free (self->identifier);
  G_OBJECT_CLASS (hb_log_line_parent_class)->finalize (object);
}

static void
hb_log_line_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  HbLogLine *self = HB_LOG_LINE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_PROCESS:
      g_value_set_string (value, self->process);
      break;
    case PROP_IDENTIFIER:
      g_value_set_string (value, self->identifier);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hb_log_line_class_init (HbLogLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hb_log_line_finalize;
  object_class->get_property = hb_log_line_get_property;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  /* Microseconds since the epoch, or HB_LOG_LINE_NO_TIME. */
  properties[PROP_TIME] =
      g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, HB_LOG_LINE_NO_TIME, ro);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS] = g_param_spec_string ("process", NULL, NULL, NULL, ro);
  /* The process without its number ("web" of "web.1"), as the CLI coloured it. */
  properties[PROP_IDENTIFIER] = g_param_spec_string ("identifier", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  /* The line was longer than the reader keeps; the text ends with "…". */
  properties[PROP_TRUNCATED] = g_param_spec_boolean ("truncated", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hb_log_line_init (HbLogLine *self)
{
  self->time = HB_LOG_LINE_NO_TIME;
}

/* What a label must not get as it is: controls (shown as their Control Pictures, so a
 * stray escape is seen, not obeyed), C1 controls, bidirectional overrides and isolates
 * (which reorder what follows: "Trojan Source"), and line or paragraph separators. */
static void
append_safe_char (GString *out, gunichar c)
{
  if (c == '\t')
    g_string_append_c (out, ' ');
  else if (c < 0x20)
    g_string_append_unichar (out, 0x2400 + c);
  else if (c == 0x7f)
    g_string_append_unichar (out, 0x2421);
  else if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    g_string_append_unichar (out, 0xfffd);
  else if (c == 0x2028 || c == 0x2029)
    g_string_append_c (out, ' ');
  else
    g_string_append_unichar (out, c);
}

static gboolean
is_plain_ascii (const char *data, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] < 0x20 || (guchar) data[i] >= 0x7f)
      return FALSE;
  return TRUE;
}

/**
 * hb_log_line_dup_safe_text:
 * @data: bytes of one line, in any encoding, without its newline
 *
 * Returns: (transfer full): @data as valid UTF-8 (invalid sequences and NULs become U+FFFD)
 *   that a label shows as it is: no controls, no bidirectional overrides, one line
 */
char *
hb_log_line_dup_safe_text (const char *data, gsize length)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (is_plain_ascii (data, length))
    return g_strndup (data, length);
  valid = g_utf8_make_valid (data, (gssize) length);
  out = g_string_sized_new (strlen (valid) + 8);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    append_safe_char (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static GTimeZone *
utc (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    g_once_init_leave (&zone, g_time_zone_new_utc ());
  return zone;
}

/* The time the line starts with, and where the rest begins; @text itself when it has none.
 * A time without a zone is UTC, as logplex writes it. */
static const char *
parse_time (const char *text, gint64 *time)
{
  const char *space = strchr (text, ' ');
  g_autoptr (GDateTime) date = NULL;
  char token[MAX_TIME];
  gsize n;

  if (space == NULL || !g_ascii_isdigit (text[0]))
    return text;
  n = (gsize) (space - text);
  if (n < 10 || n >= sizeof token)
    return text;
  memcpy (token, text, n);
  token[n] = '\0';
  date = g_date_time_new_from_iso8601 (token, utc ());
  if (date == NULL)
    return text;
  *time = g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
  return space + 1;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.';
}

/* "web" of "web.1", "worker" of "worker2"; a name of digits only stays as it is. */
static char *
identifier_of (const char *process)
{
  gsize n = strcspn (process, ".");
  gsize stem = n;

  while (stem > 0 && g_ascii_isdigit (process[stem - 1]))
    stem--;
  return g_strndup (process, stem > 0 ? stem : n);
}

/* "SOURCE[PROCESS]: MESSAGE" at @rest. */
static void
parse_source (HbLogLine *self, const char *rest)
{
  const char *p = rest, *open, *close;

  while (is_name_char (*p))
    p++;
  if (p == rest || p - rest > MAX_NAME || *p != '[')
    return;
  open = p + 1;
  close = open;
  while (*close != '\0' && *close != ']' && *close != '[' && *close != ' ')
    close++;
  if (close == open || close - open > MAX_NAME || close[0] != ']' || close[1] != ':')
    return;
  self->source = g_strndup (rest, (gsize) (p - rest));
  self->process = g_strndup (open, (gsize) (close - open));
  self->identifier = identifier_of (self->process);
  self->message = close + 2;
  if (*self->message == ' ')
    self->message++;
}

/**
 * hb_log_line_new:
 * @data: the bytes of one line as they came, without its newline (a trailing CR is dropped)
 * @truncated: @data is only the start of a longer line
 *
 * Returns: (transfer full): the line, its text made safe to show as plain text
 */
HbLogLine *
hb_log_line_new (const char *data, gsize length, gboolean truncated)
{
  HbLogLine *self = g_object_new (HB_TYPE_LOG_LINE, NULL);
  const char *rest;

  if (length > 0 && data[length - 1] == '\r')
    length--;
  self->text = hb_log_line_dup_safe_text (data, length);
  if (truncated)
    {
      char *longer = g_strconcat (self->text, "…", NULL);

      g_free (self->text);
      self->text = longer;
    }
  self->truncated = truncated;
  rest = parse_time (self->text, &self->time);
  self->message = rest;
  parse_source (self, rest);
  return self;
}

/** hb_log_line_get_text: Returns: the whole line, safe to show as plain text */
const char *
hb_log_line_get_text (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), NULL);
  return self->text;
}

/** hb_log_line_get_time: Returns: microseconds since the epoch, or %HB_LOG_LINE_NO_TIME */
gint64
hb_log_line_get_time (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), HB_LOG_LINE_NO_TIME);
  return self->time;
}

/** hb_log_line_get_source: Returns: (nullable): "app", "appharbor"… */
const char *
hb_log_line_get_source (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), NULL);
  return self->source;
}

/** hb_log_line_get_process: Returns: (nullable): "web.1", "build"… */
const char *
hb_log_line_get_process (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), NULL);
  return self->process;
}

/** hb_log_line_get_identifier: Returns: (nullable): the process without its number */
const char *
hb_log_line_get_identifier (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), NULL);
  return self->identifier;
}

/** hb_log_line_get_message: Returns: what follows the source (the whole text without one) */
const char *
hb_log_line_get_message (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), NULL);
  return self->message;
}

gboolean
hb_log_line_get_truncated (HbLogLine *self)
{
  g_return_val_if_fail (HB_IS_LOG_LINE (self), FALSE);
  return self->truncated;
}
