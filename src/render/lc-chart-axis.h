/* lc-chart-axis.h — a chart's scales: nice ticks, ranges that hold the thresholds, normalising
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* More tick intervals than this never read on a chart of any size: a bound for every loop. */
#define LC_CHART_AXIS_MAX_TICKS 20

/**
 * LcChartAxis:
 * @min: the value at the bottom (or left) of the plot, a multiple of @step
 * @max: the value at the top (or right), a multiple of @step, always above @min
 * @step: the distance between two ticks: 1, 2 or 5 times a power of ten
 * @n_intervals: (@max − @min) / @step, between 1 and %LC_CHART_AXIS_MAX_TICKS
 * @digits: decimals a tick label needs to tell the ticks apart (0 for a step of 1 or more)
 *
 * A value axis. Ticks sit at @min + i·@step for i in 0…@n_intervals.
 */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_intervals;
  int    digits;
} LcChartAxis;

double   lc_chart_nice_step       (double             span,
                                   guint              max_intervals);
void     lc_chart_axis_init_range (LcChartAxis       *axis,
                                   double             low,
                                   double             high,
                                   guint              max_intervals);
void     lc_chart_axis_init_data  (LcChartAxis       *axis,
                                   const double      *values,
                                   gsize              n_values,
                                   const double      *marks,
                                   gsize              n_marks,
                                   guint              max_intervals);
double   lc_chart_axis_get_tick   (const LcChartAxis *axis,
                                   guint              index);
double   lc_chart_axis_normalise  (const LcChartAxis *axis,
                                   double             value);
gboolean lc_chart_axis_equal      (const LcChartAxis *a,
                                   const LcChartAxis *b);

G_END_DECLS
