/* lc-firewall-page.h — a page of the checklist (see lc-firewall-page.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-wizard-page.h"

G_BEGIN_DECLS

#define LC_TYPE_FIREWALL_PAGE (lc_firewall_page_get_type ())

G_DECLARE_FINAL_TYPE (LcFirewallPage, lc_firewall_page, LC, FIREWALL_PAGE, LcWizardPage)

GtkWidget *lc_firewall_page_new (void);

G_END_DECLS
