/* lc-window.h — the main window: the checklist wizard
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-application.h"
#include "lc-report.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW (lc_window_get_type ())

G_DECLARE_FINAL_TYPE (LcWindow, lc_window, LC, WINDOW, AdwApplicationWindow)

LcWindow *lc_window_new          (LcApplication *application);
int       lc_window_get_position (LcWindow      *self);
void      lc_window_import_profile (LcWindow    *self,
                                    GFile       *file);
LcReport *lc_window_get_report     (LcWindow    *self);

G_END_DECLS
