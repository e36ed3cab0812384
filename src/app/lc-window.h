/* lc-window.h — the main window: the checklist wizard
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-application.h"
#include "lc-checklist.h"
#include "lc-report.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW (lc_window_get_type ())

G_DECLARE_FINAL_TYPE (LcWindow, lc_window, LC, WINDOW, AdwApplicationWindow)

LcWindow *lc_window_new          (LcApplication *application);
int       lc_window_get_position (LcWindow      *self);
void      lc_window_import_profile (LcWindow    *self,
                                    GFile       *file);
LcReport *lc_window_get_report     (LcWindow    *self);
LcChecklist *lc_window_get_checklist (LcWindow  *self);
GtkWidget *lc_window_get_step_page (LcWindow    *self,
                                    LcStep       step);
void      lc_window_choose_profile (LcWindow    *self,
                                    const char  *id_or_file);
void      lc_window_start_when_ready (LcWindow  *self);
void      lc_window_export_pdf_async (LcWindow           *self,
                                      GFile              *file,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean  lc_window_export_pdf_finish (LcWindow          *self,
                                       GAsyncResult      *result,
                                       GError           **error);

G_END_DECLS
