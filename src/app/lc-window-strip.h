/* lc-window-strip.h — a call's 5-second windows, coloured by verdict, with a tooltip per window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lc-window-strip-model.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW_STRIP (lc_window_strip_get_type ())

G_DECLARE_FINAL_TYPE (LcWindowStrip, lc_window_strip, LC, WINDOW_STRIP, GtkWidget)

GtkWidget          *lc_window_strip_new       (LcWindowStripModel *model);

LcWindowStripModel *lc_window_strip_get_model (LcWindowStrip      *self);
void                lc_window_strip_set_model (LcWindowStrip      *self,
                                               LcWindowStripModel *model);

G_END_DECLS
