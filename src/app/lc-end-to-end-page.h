/* lc-end-to-end-page.h — a page of the checklist (see lc-end-to-end-page.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-upload-row.h"
#include "lc-wizard-page.h"

G_BEGIN_DECLS

#define LC_TYPE_END_TO_END_PAGE (lc_end_to_end_page_get_type ())

G_DECLARE_FINAL_TYPE (LcEndToEndPage, lc_end_to_end_page, LC, END_TO_END_PAGE, LcWizardPage)

GtkWidget *lc_end_to_end_page_new       (void);
void       lc_end_to_end_page_set_saved (LcEndToEndPage *self,
                                         const char     *path);
LcUploadRow *lc_end_to_end_page_get_upload_row (LcEndToEndPage *self);

G_END_DECLS
