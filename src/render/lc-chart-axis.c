/* lc-chart-axis.c — a chart's scales: nice ticks, ranges that hold the thresholds, normalising
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>

#include "lc-chart-axis.h"

/* Figures come from stored reports too, which anyone can write: beyond this a value means
 * nothing on a call chart, and the arithmetic below stays finite. */
#define LC_CHART_AXIS_LIMIT 1e12

/* Room above the highest value and above a threshold, so that neither sits on the top edge
 * where a person cannot tell the line from the frame. */
#define DATA_HEADROOM 1.05
#define MARK_HEADROOM 1.15

static double
clamp_value (double value)
{
  return CLAMP (value, -LC_CHART_AXIS_LIMIT, LC_CHART_AXIS_LIMIT);
}

/**
 * lc_chart_nice_step:
 * @span: the distance the axis covers
 * @max_intervals: the most tick intervals wanted across it
 *
 * The smallest of 1, 2 or 5 times a power of ten that cuts @span into at most @max_intervals
 * intervals: steps a person reads without arithmetic.
 *
 * Returns: the step, 1 for a span that is empty or not finite
 */
double
lc_chart_nice_step (double span,
                    guint  max_intervals)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double raw;
  double magnitude;

  if (!isfinite (span) || span <= 0.0)
    return 1.0;

  max_intervals = CLAMP (max_intervals, 1, LC_CHART_AXIS_MAX_TICKS);
  raw = MIN (span, LC_CHART_AXIS_LIMIT) / max_intervals;
  magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    {
      /* The tolerance keeps 0.3 / 3 from rounding up to a step of 0.2. */
      if (multiples[i] * magnitude >= raw * (1.0 - 1e-9))
        return multiples[i] * magnitude;
    }

  return 10.0 * magnitude;
}

static double
next_nice_step (double step)
{
  double magnitude = pow (10.0, floor (log10 (step) + 1e-9));
  double multiple = step / magnitude;

  if (multiple < 1.5)
    return 2.0 * magnitude;
  if (multiple < 3.5)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

static int
step_digits (double step)
{
  if (step >= 1.0)
    return 0;

  return (int)ceil (-log10 (step) - 1e-9);
}

/**
 * lc_chart_axis_init_range:
 * @axis: (out caller-allocates): the axis
 * @low: the lowest value the axis must show
 * @high: the highest value it must show
 * @max_intervals: the most tick intervals wanted
 *
 * An axis from a multiple of a nice step at or below @low to one at or above @high. It never
 * collapses: equal bounds are widened around their value, bounds that are not finite give
 * 0…1, and bounds given the wrong way round are swapped.
 */
void
lc_chart_axis_init_range (LcChartAxis *axis,
                          double       low,
                          double       high,
                          guint        max_intervals)
{
  double step;

  g_return_if_fail (axis != NULL);

  max_intervals = CLAMP (max_intervals, 1, LC_CHART_AXIS_MAX_TICKS);

  if (!isfinite (low) || !isfinite (high))
    {
      low = 0.0;
      high = 1.0;
    }
  low = clamp_value (low);
  high = clamp_value (high);
  if (high < low)
    {
      double swap = low;

      low = high;
      high = swap;
    }

  if (high - low <= 1e-9 * MAX (1.0, MAX (fabs (low), fabs (high))))
    {
      double pad = low == 0.0 ? 1.0 : fabs (low) * 0.5;

      low = low >= 0.0 && low - pad < 0.0 ? 0.0 : low - pad;
      high = high + pad;
    }

  step = lc_chart_nice_step (high - low, max_intervals);

  /* Rounding both ends out can add one interval too many: then take the next nice step. A
   * handful of rounds always suffices (each step at least doubles). */
  for (guint round_ = 0; round_ < 8; round_++)
    {
      axis->step = step;
      axis->min = floor (low / step + 1e-9) * step;
      axis->max = ceil (high / step - 1e-9) * step;
      if (axis->max <= axis->min)
        axis->max = axis->min + step;
      axis->n_intervals = (guint)MAX (1.0, round ((axis->max - axis->min) / step));

      if (axis->n_intervals <= max_intervals)
        break;
      step = next_nice_step (step);
    }

  axis->n_intervals = MIN (axis->n_intervals, LC_CHART_AXIS_MAX_TICKS);
  axis->max = axis->min + axis->n_intervals * axis->step;
  axis->digits = step_digits (axis->step);
}

/**
 * lc_chart_axis_init_data:
 * @axis: (out caller-allocates): the axis
 * @values: (array length=n_values) (nullable): the plotted values; `NAN` (a gap) is left out
 * @marks: (array length=n_marks) (nullable): threshold values the axis must show
 * @max_intervals: the most tick intervals wanted
 *
 * The value axis of a call figure: it starts at 0 (these are magnitudes, and a baseline at 0
 * keeps a 5 % wobble from looking like a cliff), goes below 0 only for a value below it, and
 * reaches above the highest value and every threshold with some room, so that a threshold
 * line is always on the chart and never on its edge. With no values and no marks it is 0…1.
 */
void
lc_chart_axis_init_data (LcChartAxis  *axis,
                         const double *values,
                         gsize         n_values,
                         const double *marks,
                         gsize         n_marks,
                         guint         max_intervals)
{
  double low = 0.0;
  double high = 0.0;

  g_return_if_fail (axis != NULL);
  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (marks != NULL || n_marks == 0);

  for (gsize i = 0; i < n_values; i++)
    {
      double value;

      if (!isfinite (values[i]))
        continue;
      value = clamp_value (values[i]);
      low = MIN (low, value * DATA_HEADROOM);
      high = MAX (high, value * DATA_HEADROOM);
    }

  for (gsize i = 0; i < n_marks; i++)
    {
      double mark;

      if (!isfinite (marks[i]))
        continue;
      mark = clamp_value (marks[i]);
      low = MIN (low, mark * MARK_HEADROOM);
      high = MAX (high, mark * MARK_HEADROOM);
    }

  if (high <= low)
    high = low + 1.0;

  lc_chart_axis_init_range (axis, low, high, max_intervals);
}

/**
 * lc_chart_axis_get_tick:
 * @index: 0 … @axis->n_intervals
 *
 * Returns: the value of tick @index, computed from its index so that no rounding error
 *   accumulates (no "0.30000000000000004", no "-0")
 */
double
lc_chart_axis_get_tick (const LcChartAxis *axis,
                        guint              index)
{
  double value;

  g_return_val_if_fail (axis != NULL, NAN);
  g_return_val_if_fail (index <= axis->n_intervals, NAN);

  value = round (axis->min / axis->step + index) * axis->step;
  return value == 0.0 ? 0.0 : value;
}

/**
 * lc_chart_axis_normalise:
 * @value: a value, or `NAN` for a gap
 *
 * Returns: where @value sits on @axis, 0 at @axis->min and 1 at @axis->max (outside 0…1 when
 *   it is off the axis); `NAN` for a value that is not finite: a gap stays a gap
 */
double
lc_chart_axis_normalise (const LcChartAxis *axis,
                         double             value)
{
  g_return_val_if_fail (axis != NULL, NAN);

  if (!isfinite (value))
    return NAN;

  return (clamp_value (value) - axis->min) / (axis->max - axis->min);
}

/**
 * lc_chart_axis_equal:
 *
 * Returns: whether @a and @b put every value at the same place
 */
gboolean
lc_chart_axis_equal (const LcChartAxis *a,
                     const LcChartAxis *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->min == b->min && a->max == b->max && a->step == b->step &&
         a->n_intervals == b->n_intervals;
}
