/* lc-window-strip-render.h — draws a call's 5-second windows as a strip coloured by verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lc-chart-style.h"
#include "lc-window-strip-model.h"

G_BEGIN_DECLS

double lc_window_strip_get_height (cairo_t            *cr,
                                   const LcChartStyle *style);
int    lc_window_strip_pick_cell  (LcWindowStripModel *model,
                                   double              width,
                                   double              x);
void   lc_window_strip_render     (cairo_t            *cr,
                                   double              width,
                                   double              height,
                                   LcWindowStripModel *model,
                                   const LcChartStyle *style,
                                   int                 highlight);

G_END_DECLS
