/* lc-application.h — the Linecheck application
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-report-upload.h"

G_BEGIN_DECLS

#define LC_TYPE_APPLICATION (lc_application_get_type ())

G_DECLARE_FINAL_TYPE (LcApplication, lc_application, LC, APPLICATION, AdwApplication)

LcApplication *lc_application_new          (void);
GSettings     *lc_application_get_settings (LcApplication *self);
LcReportUpload *lc_application_get_report_upload (LcApplication *self);
void           lc_application_retry_reports (LcApplication *self);

G_END_DECLS
