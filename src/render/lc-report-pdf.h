/* lc-report-pdf.h — a run's report as a PDF for the IT team: verdict, rules, calls, result code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-report.h"

G_BEGIN_DECLS

/**
 * LcPaper:
 * @LC_PAPER_A4: 210 × 297 mm
 * @LC_PAPER_LETTER: US Letter, 8.5 × 11 in
 *
 * The page size a report is printed on.
 */
typedef enum
{
  LC_PAPER_A4,
  LC_PAPER_LETTER,
} LcPaper;

LcPaper  lc_paper_for_size_mm         (int          width_mm,
                                       int          height_mm);
LcPaper  lc_paper_from_locale         (void);
void     lc_paper_get_size            (LcPaper      paper,
                                       double      *width_pt,
                                       double      *height_pt);

gboolean lc_report_write_pdf          (LcReport    *report,
                                       const char  *path,
                                       GError     **error);
gboolean lc_report_write_pdf_on_paper (LcReport    *report,
                                       const char  *path,
                                       LcPaper      paper,
                                       GError     **error);

G_END_DECLS
