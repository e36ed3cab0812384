/* lc-check-row.h — one check in a page: plain words first, the evidence behind an expander
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-check-result.h"
#include "lc-profile.h"

G_BEGIN_DECLS

#define LC_TYPE_CHECK_ROW (lc_check_row_get_type ())

G_DECLARE_FINAL_TYPE (LcCheckRow, lc_check_row, LC, CHECK_ROW, AdwExpanderRow)

GtkWidget     *lc_check_row_new         (LcCheckResult *result,
                                         LcProfile     *profile);
LcCheckResult *lc_check_row_get_result  (LcCheckRow    *self);
void           lc_check_row_set_result  (LcCheckRow    *self,
                                         LcCheckResult *result);
void           lc_check_row_set_running (LcCheckRow    *self,
                                         gboolean       running);
gboolean       lc_check_row_get_running (LcCheckRow    *self);
void           lc_check_row_set_name    (LcCheckRow    *self,
                                         const char    *name,
                                         const char    *about);

G_END_DECLS
