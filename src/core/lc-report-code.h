/* lc-report-code.h — a report's result code (contracts §4): what of the run the code carries
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-report.h"
#include "lc-result-code.h"

G_BEGIN_DECLS

void  lc_report_fill_result_code (LcReport     *self,
                                  LcResultCode *code);
char *lc_report_dup_result_code  (LcReport     *self);

G_END_DECLS
