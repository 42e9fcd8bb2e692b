/* hb-test-results-summary.c: the counts bar and the subtitle of a test results view
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "hb-test-results-summary.h"

static void
take_label (GtkLabel *label, char *text)
{
  gtk_label_set_label (label, text);
  g_free (text);
}

static gboolean
arrived (HbTestStore *store)
{
  return store != NULL && hb_test_store_get_n_nodes (store) > 0;
}

/* Red says something failed: "0 failed" is dimmed like the skipped count. @box holds the
 * failed count and its icon. */
static void
show_failed_colour (GtkWidget *box, gboolean failed)
{
  gtk_widget_remove_css_class (box, failed ? "dim-label" : "error");
  gtk_widget_add_css_class (box, failed ? "error" : "dim-label");
}

/* The counts grow as groups arrive; the total time is the run's only once it has. */
void
hb_test_results_summary_show (const HbTestResultsSummary *summary, HbTestStore *store)
{
  guint n_tests = store != NULL ? hb_test_store_get_n_tests (store) : 0;
  guint n_failed, n_passed, n_skipped;
  g_autofree char *duration = NULL;

  n_failed =
      store != NULL ? hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_FAILED) : 0;
  n_passed =
      store != NULL ? hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_PASSED) : 0;
  n_skipped =
      store != NULL ? hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_SKIPPED) : 0;

  /* %'u: counts in the thousands get the locale's digit grouping ("100,000 tests"). */
  take_label (summary->failed,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u failed", "%'u failed", n_failed),
                               n_failed));
  take_label (summary->passed,
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u passed", "%'u passed", n_passed),
                               n_passed));
  take_label (summary->skipped, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u skipped",
                                                              "%'u skipped", n_skipped),
                                                 n_skipped));
  take_label (
      summary->total,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u test", "%'u tests", n_tests), n_tests));
  if (store != NULL && hb_test_store_get_loading (store))
    /* Translators: shown while a build's test results arrive; the counts beside it grow
     * meanwhile */
    gtk_label_set_label (summary->duration, _ ("Loading…"));
  else
    {
      duration = hb_duration_format (store != NULL ? hb_test_store_get_total_duration (store) : 0);
      /* Translators: the summed duration of a whole test run, e.g. "Total time 3.4 s" */
      take_label (summary->duration, g_strdup_printf (_ ("Total time %s"), duration));
    }
  show_failed_colour (gtk_widget_get_parent (GTK_WIDGET (summary->failed)), n_failed > 0);
  /* Nothing has arrived yet: keep the bar's place, not its zeros. */
  gtk_widget_set_opacity (summary->box, arrived (store) ? 1.0 : 0.0);
}

char *
hb_test_results_summary_dup_subtitle (HbTestStore *store)
{
  guint n_tests, n_failed;

  if (!arrived (store))
    return NULL;
  if (hb_test_store_get_loading (store))
    return g_strdup (_ ("Loading…"));
  n_tests = hb_test_store_get_n_tests (store);
  n_failed = hb_test_store_get_n_tests_with_status (store, HB_TEST_STATUS_FAILED);
  if (n_failed > 0)
    /* Translators: the test results page subtitle, e.g. "3 failed of 217 tests"; a narrow
     * window shows about 30 characters of it */
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%'u failed of %'u test", "%'u failed of %'u tests", n_tests),
        n_failed, n_tests);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u test", "%'u tests", n_tests), n_tests);
}
