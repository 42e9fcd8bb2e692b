/* hb-test-results-summary.h: the counts bar and the subtitle of a test results view
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hb-api.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *box;
  GtkLabel *failed;
  GtkLabel *passed;
  GtkLabel *skipped;
  GtkLabel *total;
  GtkLabel *duration;
} HbTestResultsSummary;

/* @store (nullable): the tests so far; the counts grow with it, and the total time is
 * shown once it has loaded. */
void hb_test_results_summary_show (const HbTestResultsSummary *summary, HbTestStore *store);
/* Returns (nullable): "Loading…" while the tests arrive, then their counts. */
char *hb_test_results_summary_dup_subtitle (HbTestStore *store);

G_END_DECLS
