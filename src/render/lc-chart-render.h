/* lc-chart-render.h — the one routine that draws a chart, for the window and for the PDF alike
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lc-chart-model.h"
#include "lc-chart-style.h"

G_BEGIN_DECLS

/**
 * LcChartRect:
 *
 * A rectangle in the user units of the cairo context drawn on.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} LcChartRect;

/**
 * LcChartGeometry:
 * @n_panels: the model's panels
 * @plots: where each panel's data is drawn: the area its 0…1 positions scale into
 * @minimum_height: the least height at which every label fits at this width
 * @natural_height: the height the chart reads best at, at this width
 *
 * Where a chart of a given size puts things: for pointer hit-tests, size requests and tests.
 */
typedef struct
{
  guint       n_panels;
  LcChartRect plots[LC_CHART_MAX_PANELS];
  double      minimum_height;
  double      natural_height;
} LcChartGeometry;

void lc_chart_get_geometry (cairo_t            *cr,
                            double              width,
                            double              height,
                            LcChartModel       *model,
                            const LcChartStyle *style,
                            LcChartGeometry    *geometry);
int  lc_chart_pick_sample  (const LcChartGeometry *geometry,
                            LcChartModel          *model,
                            double                 x,
                            double                 y);
void lc_chart_render       (cairo_t            *cr,
                            double              width,
                            double              height,
                            LcChartModel       *model,
                            const LcChartStyle *style,
                            int                 highlight);

G_END_DECLS
