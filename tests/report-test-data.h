/* report-test-data.h — made-up finished reports for the PDF tests and benchmark
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-report.h"

G_BEGIN_DECLS

/* Secrets the made-up profiles carry: no file written from their reports may hold them. */
#define REPORT_TEST_TURN_PASSWORD "Pdf-Turn-Password-5f3a9c"
#define REPORT_TEST_TURN_USERNAME "pdf-turn-user-77e1"

LcReport *report_test_new_many_rules (guint       n_rules,
                                      const char *long_host);
LcReport *report_test_new_agent_run  (void);

G_END_DECLS
