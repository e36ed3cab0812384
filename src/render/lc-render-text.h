/* lc-render-text.h — what the drawing routines share: fonts from a style, text, colours, shapes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "lc-chart-style.h"

G_BEGIN_DECLS

PangoFontDescription *lc_render_font_new          (const LcChartStyle         *style,
                                                   double                      scale);
PangoLayout          *lc_render_text_new          (PangoContext               *context,
                                                   const PangoFontDescription *font,
                                                   const char                 *text);
void                  lc_render_text_size         (PangoLayout                *text,
                                                   double                     *width,
                                                   double                     *height);
void                  lc_render_draw_text         (cairo_t                    *cr,
                                                   PangoLayout                *text,
                                                   const LcRgba               *colour,
                                                   double                      x,
                                                   double                      y);
void                  lc_render_set_colour        (cairo_t                    *cr,
                                                   const LcRgba               *colour);
void                  lc_render_rounded_rectangle (cairo_t                    *cr,
                                                   double                      x,
                                                   double                      y,
                                                   double                      width,
                                                   double                      height,
                                                   double                      radius);

G_END_DECLS
