/* lc-chart.h — a live chart of a call's figures: draws its model, reads out the sample pointed at
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lc-chart-model.h"
#include "lc-chart-style.h"

G_BEGIN_DECLS

#define LC_TYPE_CHART (lc_chart_get_type ())

G_DECLARE_FINAL_TYPE (LcChart, lc_chart, LC, CHART, GtkWidget)

GtkWidget    *lc_chart_new                   (LcChartModel *model);

LcChartModel *lc_chart_get_model             (LcChart      *self);
void          lc_chart_set_model             (LcChart      *self,
                                              LcChartModel *model);
const char   *lc_chart_get_readout           (LcChart      *self);
guint         lc_chart_get_n_draws           (LcChart      *self);

void          lc_chart_init_style_for        (GtkWidget    *widget,
                                              LcChartStyle *style);
cairo_t      *lc_chart_create_measuring_context (void);

G_END_DECLS
