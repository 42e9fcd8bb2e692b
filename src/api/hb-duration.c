/* hb-duration.c: human-readable test durations ("12 ms", "3.4 s", "1 min 2 s")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-duration.h"

/* Rounds @span to a whole number of @unit, half up. */
static gint64
round_to (GTimeSpan span, GTimeSpan unit)
{
  return (span + unit / 2) / unit;
}

/**
 * hb_duration_format:
 * @span: a duration in microseconds; negative values count as zero
 *
 * Picks the coarsest unit that still says something useful about a test:
 * milliseconds below a second, tenths of a second below a minute, then
 * minutes and seconds, then hours and minutes. Each step is decided on the
 * rounded value, so 999.7 ms reads "1.0 s" rather than "1000 ms".
 *
 * Returns: (transfer full): the translated text
 */
char *
hb_duration_format (GTimeSpan span)
{
  gint64 ms, tenths, seconds, minutes;

  span = MAX (span, 0);
  if (span == 0)
    return g_strdup (_ ("0 ms"));
  if (span < G_TIME_SPAN_MILLISECOND / 2)
    return g_strdup (_ ("< 1 ms"));

  ms = round_to (span, G_TIME_SPAN_MILLISECOND);
  if (ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_ ("%u ms"), (guint) ms);

  tenths = round_to (span, G_TIME_SPAN_MILLISECOND * 100);
  if (tenths < 600)
    /* Translators: a duration in seconds with one decimal */
    return g_strdup_printf (_ ("%.1f s"), tenths / 10.0);

  seconds = round_to (span, G_TIME_SPAN_SECOND);
  if (seconds < 3600)
    /* Translators: a duration in minutes and seconds */
    return g_strdup_printf (_ ("%u min %u s"), (guint) (seconds / 60), (guint) (seconds % 60));

  minutes = round_to (span, G_TIME_SPAN_MINUTE);
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_ ("%u h %u min"), (guint) (minutes / 60), (guint) (minutes % 60));
}
