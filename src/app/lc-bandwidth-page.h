/* lc-bandwidth-page.h — a page of the checklist (see lc-bandwidth-page.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-wizard-page.h"

G_BEGIN_DECLS

#define LC_TYPE_BANDWIDTH_PAGE (lc_bandwidth_page_get_type ())

G_DECLARE_FINAL_TYPE (LcBandwidthPage, lc_bandwidth_page, LC, BANDWIDTH_PAGE, LcWizardPage)

GtkWidget *lc_bandwidth_page_new (void);

G_END_DECLS
