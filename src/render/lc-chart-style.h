/* lc-chart-style.h — the colours and font a chart is drawn with: light, dark and print
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/**
 * LcRgba:
 *
 * A colour, each channel 0…1 (the layout of GdkRGBA, without needing GDK).
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} LcRgba;

/**
 * LcChartColour:
 *
 * Which of the style's series colours a series is drawn in.
 */
typedef enum
{
  LC_CHART_COLOUR_BLUE,
  LC_CHART_COLOUR_ORANGE,
  LC_CHART_COLOUR_PURPLE,
  LC_CHART_COLOUR_TEAL,
} LcChartColour;

#define LC_CHART_N_COLOURS 4

/**
 * LcChartStyle:
 * @background: painted under the whole chart; alpha 0 leaves what is below (a widget's own
 *   background)
 * @foreground: titles, legend and readout text
 * @dim_foreground: tick labels, units, "no measurement" text
 * @grid: the grid lines
 * @axis: the baseline and the frame of the plot
 * @series: one colour per #LcChartColour
 * @threshold: threshold lines and their legend swatch, drawn dashed
 * @beyond_threshold: a tint over the side of a threshold line that breaks it
 * @highlight: the line through the sample under the pointer
 * @readout_background: behind the readout of that sample
 * @window_pass: a 5-second window within the thresholds
 * @window_fail: a window that broke a threshold
 * @window_empty: a window without samples, and windows still to come (outlined)
 * @window_symbol: the ✓ and ✕ drawn on the window colours
 * @font: (nullable): the font; %NULL for "Sans 10"
 * @line_width: the width of series lines in user units; the rest scales from it
 * @plot_left: the least distance from a chart's left edge to its plots, so that charts drawn
 *   under each other line their time axes up; 0 for as little as the labels need
 *
 * Everything a drawing routine takes from its caller: the app fills it from libadwaita's
 * colours and the widget's font, the PDF from print colours.
 */
typedef struct
{
  LcRgba                background;
  LcRgba                foreground;
  LcRgba                dim_foreground;
  LcRgba                grid;
  LcRgba                axis;
  LcRgba                series[LC_CHART_N_COLOURS];
  LcRgba                threshold;
  LcRgba                beyond_threshold;
  LcRgba                highlight;
  LcRgba                readout_background;
  LcRgba                window_pass;
  LcRgba                window_fail;
  LcRgba                window_empty;
  LcRgba                window_symbol;
  const PangoFontDescription *font;
  double                line_width;
  double                plot_left;
} LcChartStyle;

void lc_chart_style_init_light (LcChartStyle *style);
void lc_chart_style_init_dark  (LcChartStyle *style);
void lc_chart_style_init_print (LcChartStyle *style);

G_END_DECLS
