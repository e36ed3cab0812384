/* lc-step-page.h — one step of the checklist: what it checks for the chosen profile
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-profile.h"
#include "lc-report.h"

G_BEGIN_DECLS

#define LC_TYPE_STEP_PAGE (lc_step_page_get_type ())

G_DECLARE_FINAL_TYPE (LcStepPage, lc_step_page, LC, STEP_PAGE, AdwBin)

GtkWidget *lc_step_page_new         (LcStep      step);
LcStep     lc_step_page_get_step    (LcStepPage *self);
void       lc_step_page_set_profile (LcStepPage *self,
                                     LcProfile  *profile);
void       lc_step_page_show_started (LcStepPage    *self,
                                      LcCheckResult *result);
void       lc_step_page_show_result  (LcStepPage    *self,
                                      LcCheckResult *result);
void       lc_step_page_show_report  (LcStepPage    *self,
                                      LcReport      *report);
void       lc_step_page_set_running  (LcStepPage    *self,
                                      gboolean       running);

G_END_DECLS
