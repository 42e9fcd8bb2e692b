/* test-log-buffer.c: HbLogBuffer keeps the last lines, counts the rest, joins a reconnected
 * session's tail without repeats, and holds no more than its bound
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <string.h>

#include "hb-api.h"

static HbLogLine *
timed_line (guint second, const char *message)
{
  g_autofree char *text =
      g_strdup_printf ("2026-12-07T10:00:%02u.000+00:00 app[web.1]: %s", second, message);

  return hb_log_line_new (text, strlen (text), FALSE);
}

/* "7A 7B 8" → lines at 10:00:07 (A), 10:00:07 (B) and 10:00:08 (8). */
static GPtrArray *
lines_of (const char *spec)
{
  g_auto (GStrv) words = g_strsplit (spec, " ", 0);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (lines, timed_line ((guint) g_ascii_strtoull (words[i], NULL, 10), words[i]));
  return lines;
}

static char *
messages_of (HbLogBuffer *buffer)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (buffer)); i++)
    {
      g_autoptr (HbLogLine) line = g_list_model_get_item (G_LIST_MODEL (buffer), i);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", hb_log_line_get_message (line));
    }
  return g_string_free (out, FALSE);
}

static void
append_spec (HbLogBuffer *buffer, const char *spec)
{
  g_autoptr (GPtrArray) lines = lines_of (spec);

  hb_log_buffer_append (buffer, lines);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *n)
{
  g_assert_cmpuint (position + removed, <=, *n);
  *n = *n - removed + added;
  g_assert_cmpuint (*n, ==, g_list_model_get_n_items (model));
}

/* The last max-lines lines are kept, the rest counted; every change is told. */
static void
test_buffer_bound (void)
{
  g_autoptr (HbLogBuffer) buffer = hb_log_buffer_new (4);
  g_autofree char *messages = NULL;
  guint n = 0;

  g_signal_connect (buffer, "items-changed", G_CALLBACK (on_items_changed), &n);
  append_spec (buffer, "1 2 3");
  append_spec (buffer, "4 5");
  messages = messages_of (buffer);
  g_assert_cmpstr (messages, ==, "2 3 4 5");
  g_assert_cmpuint (hb_log_buffer_get_n_dropped (buffer), ==, 1);
  append_spec (buffer, "6 7 8 9 10 11");
  g_clear_pointer (&messages, g_free);
  messages = messages_of (buffer);
  g_assert_cmpstr (messages, ==, "8 9 10 11");
  g_assert_cmpuint (hb_log_buffer_get_n_dropped (buffer), ==, 7);
  g_assert_cmpstr (hb_log_line_get_message (hb_log_buffer_get_last (buffer)), ==, "11");
  g_clear_pointer (&messages, g_free);
  messages = hb_log_buffer_dup_text (buffer);
  g_assert_true (g_str_has_suffix (messages, "app[web.1]: 11\n"));
  hb_log_buffer_clear (buffer);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (hb_log_buffer_get_n_dropped (buffer), ==, 0);
  g_assert_null (hb_log_buffer_get_last (buffer));
}

/* A reconnected session's tail joins the lines shown: what was shown is left out, by time,
 * and by text among the lines of the last shown time. */
static void
test_buffer_resume (void)
{
  static const struct
  {
    const char *shown, *tail, *expect;
    guint limit;
    guint skipped;
  } cases[] = {
    /* The tail overlaps; a newer line ends the overlap. */
    { "1 2 3", "2 3 4 5", "1 2 3 4 5", 4, 2 },
    /* Same time: compared by text. */
    { "1 7A 7B", "7A 7B 7C 8", "1 7A 7B 7C 8", 4, 2 },
    /* No overlap: a gap (the tail starts after the last shown line). */
    { "1 2", "5 6", "1 2 5 6", 2, 0 },
    /* The tail ends after `limit` lines: later lines are new whatever their time. */
    { "5 6", "5 6 3", "5 6 3", 2, 2 },
    /* Everything old: nothing new. */
    { "1 2 3", "1 2 3", "1 2 3", 3, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (HbLogBuffer) buffer = hb_log_buffer_new (100);
      g_autofree char *messages = NULL;

      append_spec (buffer, cases[i].shown);
      hb_log_buffer_begin_resume (buffer, cases[i].limit);
      g_assert_true (hb_log_buffer_get_resuming (buffer));
      /* One line at a time, as a stream may bring them. */
      {
        g_autoptr (GPtrArray) tail = lines_of (cases[i].tail);

        for (guint j = 0; j < tail->len; j++)
          {
            g_autoptr (GPtrArray) one = g_ptr_array_new ();

            g_ptr_array_add (one, tail->pdata[j]);
            hb_log_buffer_append (buffer, one);
          }
      }
      messages = messages_of (buffer);
      g_assert_cmpstr (messages, ==, cases[i].expect);
      g_assert_cmpuint (hb_log_buffer_get_n_skipped (buffer), ==, cases[i].skipped);
    }

  /* Nothing shown, nothing to join: every line is new. */
  {
    g_autoptr (HbLogBuffer) buffer = hb_log_buffer_new (100);

    hb_log_buffer_begin_resume (buffer, 10);
    g_assert_false (hb_log_buffer_get_resuming (buffer));
  }
}

/* A line in the buffer costs its object and text, and the buffer holds no more than its bound:
 * 30,000 lines through a buffer of 10,000 hold about what 10,000 hold. */
static void
test_buffer_memory (void)
{
  const guint max = HB_LOG_BUFFER_DEFAULT_MAX_LINES;
  g_autoptr (HbLogBuffer) buffer = hb_log_buffer_new (max);
  struct mallinfo2 start, full = { 0 }, after;
  size_t per_line;

  start = mallinfo2 ();
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < max; i++)
        {
          g_autofree char *text = g_strdup_printf (
              "2026-12-07T10:%02u:%02u.%03u+00:00 app[web.1]: GET /items/%05u responded 200 in "
              "7 ms",
              i / 60000 % 60, i / 1000 % 60, i % 1000, round * max + i);

          g_ptr_array_add (lines, hb_log_line_new (text, strlen (text), FALSE));
        }
      hb_log_buffer_append (buffer, lines);
      if (round == 0)
        full = mallinfo2 ();
    }
  after = mallinfo2 ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (buffer)), ==, max);
  g_assert_cmpuint (hb_log_buffer_get_n_dropped (buffer), ==, 2 * max);
  /* AddressSanitizer's allocator is not glibc's: mallinfo2 () has nothing to say there. */
  if (full.uordblks == start.uordblks)
    {
      g_test_message ("the heap is not measured under a sanitizer");
      return;
    }
  per_line = (full.uordblks - start.uordblks) / max;
  g_test_message ("%u lines of ~90 bytes held: %zu bytes of heap a line, %.1f MiB in all; after "
                  "%u more: %.1f MiB",
                  max, per_line, (full.uordblks - start.uordblks) / 1048576.0, 2 * max,
                  (after.uordblks - start.uordblks) / 1048576.0);
  g_assert_cmpuint (per_line, <, 1024);
  /* GLib 2.74's slice allocator keeps the chunks of freed lines for the next ones. */
  g_assert_cmpuint (after.uordblks - start.uordblks, <, (full.uordblks - start.uordblks) * 3 / 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log-buffer/bound", test_buffer_bound);
  g_test_add_func ("/log-buffer/resume", test_buffer_resume);
  g_test_add_func ("/log-buffer/memory", test_buffer_memory);
  return g_test_run ();
}
