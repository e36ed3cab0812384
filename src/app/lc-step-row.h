/* lc-step-row.h — a step of the checklist in the sidebar: its number, title and state
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lc-checklist.h"

G_BEGIN_DECLS

#define LC_TYPE_STEP_ROW (lc_step_row_get_type ())

G_DECLARE_FINAL_TYPE (LcStepRow, lc_step_row, LC, STEP_ROW, GtkListBoxRow)

GtkWidget   *lc_step_row_new       (int          number,
                                    const char  *title,
                                    const char  *icon_name);
void         lc_step_row_set_state (LcStepRow   *self,
                                    LcStepState  state);
void         lc_step_row_set_live  (LcStepRow   *self,
                                    gboolean     live);
LcStepState  lc_step_row_get_state (LcStepRow   *self);

G_END_DECLS
