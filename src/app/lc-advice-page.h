/* lc-advice-page.h — step 4: the advice this run's findings call for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-wizard-page.h"

G_BEGIN_DECLS

#define LC_TYPE_ADVICE_PAGE (lc_advice_page_get_type ())

G_DECLARE_FINAL_TYPE (LcAdvicePage, lc_advice_page, LC, ADVICE_PAGE, LcWizardPage)

GtkWidget *lc_advice_page_new (void);

G_END_DECLS
