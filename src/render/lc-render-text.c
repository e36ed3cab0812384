/* lc-render-text.c — what the drawing routines share: fonts from a style, text, colours, shapes
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include "lc-render-text.h"

/**
 * lc_render_font_new:
 * @style: the style, whose font is the base (or "Sans 10" without one)
 * @scale: the size relative to that font: 0.85 for tick labels
 *
 * Returns: (transfer full): the font to draw with
 */
PangoFontDescription *
lc_render_font_new (const LcChartStyle *style,
                    double              scale)
{
  PangoFontDescription *font;
  int size;

  g_return_val_if_fail (style != NULL, NULL);

  font = style->font != NULL ? pango_font_description_copy (style->font)
                             : pango_font_description_from_string ("Sans 10");
  size = pango_font_description_get_size (font);
  if (size <= 0)
    size = 10 * PANGO_SCALE;
  size = MAX (1, (int)(size * scale + 0.5));

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size);
  else
    pango_font_description_set_size (font, size);

  return font;
}

PangoLayout *
lc_render_text_new (PangoContext               *context,
                    const PangoFontDescription *font,
                    const char                 *text)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The logical size, in the user units of the context the layout was made for. */
void
lc_render_text_size (PangoLayout *text,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (text, NULL, &logical);
  if (width != NULL)
    *width = (double)logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double)logical.height / PANGO_SCALE;
}

void
lc_render_set_colour (cairo_t      *cr,
                      const LcRgba *colour)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha);
}

/* Draws @text with its top left corner at (@x, @y). */
void
lc_render_draw_text (cairo_t      *cr,
                     PangoLayout  *text,
                     const LcRgba *colour,
                     double        x,
                     double        y)
{
  lc_render_set_colour (cr, colour);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, text);
}

void
lc_render_rounded_rectangle (cairo_t *cr,
                             double   x,
                             double   y,
                             double   width,
                             double   height,
                             double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}
