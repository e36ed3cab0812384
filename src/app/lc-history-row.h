/* lc-history-row.h — one past run in the History: date, profile, verdict, code, delete
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lc-history-entry.h"

G_BEGIN_DECLS

#define LC_TYPE_HISTORY_ROW (lc_history_row_get_type ())

G_DECLARE_FINAL_TYPE (LcHistoryRow, lc_history_row, LC, HISTORY_ROW, GtkBox)

GtkWidget      *lc_history_row_new       (void);
LcHistoryEntry *lc_history_row_get_entry (LcHistoryRow   *self);
void            lc_history_row_set_entry (LcHistoryRow   *self,
                                          LcHistoryEntry *entry);
char           *lc_history_row_describe_date (GDateTime  *started);

G_END_DECLS
