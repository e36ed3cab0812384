/* lc-edge-page.h — a page of the checklist (see lc-edge-page.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-wizard-page.h"

G_BEGIN_DECLS

#define LC_TYPE_EDGE_PAGE (lc_edge_page_get_type ())

G_DECLARE_FINAL_TYPE (LcEdgePage, lc_edge_page, LC, EDGE_PAGE, LcWizardPage)

GtkWidget *lc_edge_page_new (void);

G_END_DECLS
