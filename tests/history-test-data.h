/* history-test-data.h — stored runs made up for the history tests and benchmark
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-report.h"

G_BEGIN_DECLS

LcReport *history_test_report_new  (guint       index);
GFile    *history_test_store       (GFile      *dir,
                                    LcReport   *report);
void      history_test_fill        (GFile      *dir,
                                    guint       n_runs);
GFile    *history_test_make_dir    (const char *name);

G_END_DECLS
