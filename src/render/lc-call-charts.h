/* lc-call-charts.h — the charts of one media call, built from its samples live or from a report
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lc-chart-model.h"
#include "lc-chart-style.h"
#include "lc-media-result.h"
#include "lc-profile.h"
#include "lc-window-strip-model.h"

G_BEGIN_DECLS

#define LC_TYPE_CALL_CHARTS (lc_call_charts_get_type ())

G_DECLARE_FINAL_TYPE (LcCallCharts, lc_call_charts, LC, CALL_CHARTS, GObject)

LcCallCharts       *lc_call_charts_new             (const char           *call_name,
                                                    const LcThresholds   *thresholds,
                                                    gboolean              has_video,
                                                    double                planned_s);
LcCallCharts       *lc_call_charts_new_for_result  (LcMediaResult        *result,
                                                    const LcThresholds   *thresholds,
                                                    const char           *call_name);

void                lc_call_charts_add_sample      (LcCallCharts         *self,
                                                    const LcMediaSample  *sample);
void                lc_call_charts_finish          (LcCallCharts         *self);

LcChartModel       *lc_call_charts_get_rate        (LcCallCharts         *self);
LcChartModel       *lc_call_charts_get_delay       (LcCallCharts         *self);
LcWindowStripModel *lc_call_charts_get_windows     (LcCallCharts         *self);

double              lc_call_charts_get_height      (cairo_t              *cr,
                                                    double                width,
                                                    LcCallCharts         *self,
                                                    const LcChartStyle   *style);
void                lc_call_charts_render          (cairo_t              *cr,
                                                    double                width,
                                                    double                height,
                                                    LcCallCharts         *self,
                                                    const LcChartStyle   *style);

G_END_DECLS
