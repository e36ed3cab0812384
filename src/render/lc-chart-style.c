/* lc-chart-style.c — the colours and font a chart is drawn with: light, dark and print
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include "lc-chart-style.h"

#define RGB(hex, a) ((LcRgba) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, \
                                ((hex) & 0xff) / 255.0, (a) })

/* The colours are libadwaita's palette (the GNOME HIG colours): blue and orange for the two
 * directions, a pair that colour-blind people tell apart; thresholds neutral and dashed, so
 * that no series colour is mistaken for one. */

/**
 * lc_chart_style_init_light:
 * @style: (out caller-allocates): the style
 *
 * Colours for libadwaita's light style, on the widget's own background.
 */
void
lc_chart_style_init_light (LcChartStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (LcChartStyle) {
    .background = RGB (0xffffff, 0.0),
    .foreground = RGB (0x000000, 0.8),
    .dim_foreground = RGB (0x000000, 0.55),
    .grid = RGB (0x000000, 0.08),
    .axis = RGB (0x000000, 0.35),
    .series = {
      [LC_CHART_COLOUR_BLUE] = RGB (0x1c71d8, 1.0),
      [LC_CHART_COLOUR_ORANGE] = RGB (0xe66100, 1.0),
      [LC_CHART_COLOUR_PURPLE] = RGB (0x813d9c, 1.0),
      [LC_CHART_COLOUR_TEAL] = RGB (0x1a7f8e, 1.0),
    },
    .threshold = RGB (0x000000, 0.7),
    .beyond_threshold = RGB (0xe01b24, 0.045),
    .highlight = RGB (0x000000, 0.4),
    .readout_background = RGB (0xffffff, 0.94),
    .window_pass = RGB (0x26a269, 1.0),
    .window_fail = RGB (0xc01c28, 1.0),
    .window_empty = RGB (0x000000, 0.12),
    .window_symbol = RGB (0xffffff, 1.0),
    .font = NULL,
    .line_width = 2.0,
  };
}

/**
 * lc_chart_style_init_dark:
 * @style: (out caller-allocates): the style
 *
 * Colours for libadwaita's dark style: the lighter shades of the same palette.
 */
void
lc_chart_style_init_dark (LcChartStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (LcChartStyle) {
    .background = RGB (0x242424, 0.0),
    .foreground = RGB (0xffffff, 1.0),
    .dim_foreground = RGB (0xffffff, 0.6),
    .grid = RGB (0xffffff, 0.1),
    .axis = RGB (0xffffff, 0.4),
    .series = {
      [LC_CHART_COLOUR_BLUE] = RGB (0x78aeed, 1.0),
      [LC_CHART_COLOUR_ORANGE] = RGB (0xffa348, 1.0),
      [LC_CHART_COLOUR_PURPLE] = RGB (0xdc8add, 1.0),
      [LC_CHART_COLOUR_TEAL] = RGB (0x5bc8af, 1.0),
    },
    .threshold = RGB (0xffffff, 0.75),
    .beyond_threshold = RGB (0xff7b63, 0.045),
    .highlight = RGB (0xffffff, 0.45),
    .readout_background = RGB (0x383838, 0.96),
    .window_pass = RGB (0x26a269, 1.0),
    .window_fail = RGB (0xc01c28, 1.0),
    .window_empty = RGB (0xffffff, 0.15),
    .window_symbol = RGB (0xffffff, 1.0),
    .font = NULL,
    .line_width = 2.0,
  };
}

/**
 * lc_chart_style_init_print:
 * @style: (out caller-allocates): the style
 *
 * Colours for paper: a white background, black text, darker series that survive a grey-scale
 * printer, thinner lines (the PDF's units are points).
 */
void
lc_chart_style_init_print (LcChartStyle *style)
{
  g_return_if_fail (style != NULL);

  *style = (LcChartStyle) {
    .background = RGB (0xffffff, 1.0),
    .foreground = RGB (0x000000, 1.0),
    .dim_foreground = RGB (0x000000, 0.65),
    .grid = RGB (0x000000, 0.12),
    .axis = RGB (0x000000, 0.5),
    .series = {
      [LC_CHART_COLOUR_BLUE] = RGB (0x1a5fb4, 1.0),
      [LC_CHART_COLOUR_ORANGE] = RGB (0xc64600, 1.0),
      [LC_CHART_COLOUR_PURPLE] = RGB (0x613583, 1.0),
      [LC_CHART_COLOUR_TEAL] = RGB (0x136b78, 1.0),
    },
    .threshold = RGB (0x000000, 0.85),
    .beyond_threshold = RGB (0xe01b24, 0.05),
    .highlight = RGB (0x000000, 0.4),
    .readout_background = RGB (0xffffff, 0.95),
    .window_pass = RGB (0x26a269, 1.0),
    .window_fail = RGB (0xc01c28, 1.0),
    .window_empty = RGB (0x000000, 0.12),
    .window_symbol = RGB (0xffffff, 1.0),
    .font = NULL,
    .line_width = 1.2,
  };
}
