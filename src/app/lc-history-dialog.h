/* lc-history-dialog.h — the History: past runs newest first, one reopened as it was stored
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-history.h"
#include "lc-report.h"

G_BEGIN_DECLS

#define LC_TYPE_HISTORY_DIALOG (lc_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LcHistoryDialog, lc_history_dialog, LC, HISTORY_DIALOG, AdwWindow)

LcHistoryDialog *lc_history_dialog_new              (GtkWindow       *parent,
                                                     LcHistory       *history);
gboolean         lc_history_dialog_get_loaded       (LcHistoryDialog *self);
GListModel      *lc_history_dialog_get_runs         (LcHistoryDialog *self);
void             lc_history_dialog_open_run         (LcHistoryDialog *self,
                                                     guint            position);
LcReport        *lc_history_dialog_get_shown_report (LcHistoryDialog *self);
void             lc_history_dialog_export_json      (LcHistoryDialog *self,
                                                     GFile           *destination);
void             lc_history_dialog_export_pdf       (LcHistoryDialog *self,
                                                     GFile           *destination);

G_END_DECLS
