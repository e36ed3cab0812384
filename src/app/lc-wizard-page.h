/* lc-wizard-page.h — what every checklist page shares: its step, its checklist, its own run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-checklist.h"

G_BEGIN_DECLS

#define LC_TYPE_WIZARD_PAGE (lc_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (LcWizardPage, lc_wizard_page, LC, WIZARD_PAGE, AdwPreferencesPage)

/**
 * LcWizardPageClass:
 * @rebuild: a new checklist (another profile) or none: build the rows from its profile
 * @check_started: a check of this page's step started
 * @check_finished: a check of this page's step has its result
 * @media_started: a call of this page's step is being placed
 * @media_sample: one second of it
 * @media_finished: it is over
 * @report_changed: a step finished; the checklist's report holds every result so far, or is
 *   %NULL after a new Start
 *
 * The page's checklist's signals, filtered to the page's step (but @report_changed).
 */
struct _LcWizardPageClass
{
  AdwPreferencesPageClass parent_class;

  void (*rebuild)        (LcWizardPage  *self);
  void (*check_started)  (LcWizardPage  *self,
                          LcCheckResult *result);
  void (*check_finished) (LcWizardPage  *self,
                          LcCheckResult *result);
  void (*media_started)  (LcWizardPage  *self,
                          const char    *entry_id);
  void (*media_sample)   (LcWizardPage  *self,
                          const char    *entry_id,
                          LcMediaSample *sample);
  void (*media_finished) (LcWizardPage  *self,
                          LcMediaResult *result);
  void (*report_changed) (LcWizardPage  *self,
                          LcReport      *report);

  gpointer padding[8];
};

LcStep        lc_wizard_page_get_step      (LcWizardPage *self);
LcChecklist  *lc_wizard_page_get_checklist (LcWizardPage *self);
void          lc_wizard_page_set_checklist (LcWizardPage *self,
                                            LcChecklist  *checklist);
LcProfile    *lc_wizard_page_get_profile   (LcWizardPage *self);
GtkWidget    *lc_wizard_page_add_group     (LcWizardPage *self,
                                            const char   *title,
                                            const char   *description);
void          lc_wizard_page_add_group_widget (LcWizardPage *self,
                                               GtkWidget    *group);
void          lc_wizard_page_clear_groups  (LcWizardPage *self);
void          lc_wizard_page_remove_group  (LcWizardPage *self,
                                            GtkWidget    *group);

G_END_DECLS
