/* bench-api-common.h: timing and peak-RSS helpers for the libhb-api benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

/* Kilobytes from a "Name:   123 kB" line of /proc/self/status. */
static gint64
bench_status_kb (const char *name)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, name);
  return line != NULL ? g_ascii_strtoll (line + strlen (name) + 1, NULL, 10) : -1;
}

/* Starts a phase: returns memory back to the system and resets the peak
 * (Linux: writing 5 to clear_refs resets VmHWM), so VmHWM then measures
 * only what the phase adds on top of the current RSS. */
static gint64
bench_phase_begin (void)
{
  FILE *f;

  malloc_trim (0);
  f = fopen ("/proc/self/clear_refs", "w");
  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
  return bench_status_kb ("VmRSS:");
}

/* Heap bytes in use (not RSS, which fragmentation keeps high), in KiB. */
static gint64
bench_heap_kb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (gint64) ((info.uordblks + info.hblkhd) / 1024);
}

static gint64
bench_phase_peak_kb (gint64 baseline_kb)
{
  return bench_status_kb ("VmHWM:") - baseline_kb;
}
