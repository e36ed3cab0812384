/* lc-window-strip-render.c — draws a call's 5-second windows as a strip coloured by verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One cell per window, side by side. A verdict is never told by colour alone: a passed window
 * carries a check mark, a broken one a cross, an empty one a dash (drawn as paths, so that no
 * font needs the glyphs), with the window's span beside it when there is room. Windows not
 * reached yet are outlined; the one the call is in is tinted with its verdict so far, with a
 * bar that fills as the call goes through it.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>

#include "lc-render-text.h"
#include "lc-window-strip-render.h"

#define SMALL_SCALE 0.85

static double
cell_gap (double width,
          guint  n_cells)
{
  /* Two units between cells, less when many share a narrow strip. */
  return n_cells > 1 ? MIN (3.0, width / n_cells * 0.08) : 0.0;
}

/**
 * lc_window_strip_get_height:
 * @cr: the context it will be drawn on
 *
 * Returns: the height the strip reads best at: a line of its text with room around it
 */
double
lc_window_strip_get_height (cairo_t            *cr,
                            const LcChartStyle *style)
{
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  PangoContext *context;
  double height;

  g_return_val_if_fail (cr != NULL, 0.0);
  g_return_val_if_fail (style != NULL, 0.0);

  context = pango_cairo_create_context (cr);
  font = lc_render_font_new (style, SMALL_SCALE);
  probe = lc_render_text_new (context, font, "0");
  lc_render_text_size (probe, NULL, &height);
  g_object_unref (context);

  return ceil (height * 1.7);
}

/**
 * lc_window_strip_pick_cell:
 * @width: the strip's width
 * @x: a point across it
 *
 * Returns: the window under @x, or -1
 */
int
lc_window_strip_pick_cell (LcWindowStripModel *model,
                           double              width,
                           double              x)
{
  guint n;
  double gap;
  double cell_width;
  guint index;

  g_return_val_if_fail (LC_IS_WINDOW_STRIP_MODEL (model), -1);

  n = lc_window_strip_model_get_n_cells (model);
  if (n == 0 || width <= 0.0 || x < 0.0 || x >= width)
    return -1;

  gap = cell_gap (width, n);
  cell_width = (width - gap * (n - 1)) / n;
  index = (guint)MIN (floor (x / (cell_width + gap)), n - 1);

  /* The gaps belong to no window. */
  if (x - index * (cell_width + gap) > cell_width)
    return -1;
  return (int)index;
}

static void
draw_symbol (cairo_t            *cr,
             LcWindowState       state,
             double              x,
             double              y,
             double              size,
             const LcChartStyle *style,
             const LcRgba       *colour)
{
  cairo_save (cr);
  lc_render_set_colour (cr, colour);
  cairo_set_line_width (cr, MAX (1.0, size * 0.16));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  switch (state)
    {
    case LC_WINDOW_STATE_PASS:
      cairo_move_to (cr, x + size * 0.1, y + size * 0.55);
      cairo_line_to (cr, x + size * 0.4, y + size * 0.85);
      cairo_line_to (cr, x + size * 0.92, y + size * 0.2);
      break;
    case LC_WINDOW_STATE_FAIL:
      cairo_move_to (cr, x + size * 0.15, y + size * 0.15);
      cairo_line_to (cr, x + size * 0.85, y + size * 0.85);
      cairo_move_to (cr, x + size * 0.85, y + size * 0.15);
      cairo_line_to (cr, x + size * 0.15, y + size * 0.85);
      break;
    case LC_WINDOW_STATE_EMPTY:
      cairo_move_to (cr, x + size * 0.2, y + size * 0.5);
      cairo_line_to (cr, x + size * 0.8, y + size * 0.5);
      break;
    case LC_WINDOW_STATE_PENDING:
    default:
      break;
    }

  cairo_stroke (cr);
  cairo_restore (cr);
}

static const LcRgba *
state_colour (LcWindowState       state,
              const LcChartStyle *style)
{
  switch (state)
    {
    case LC_WINDOW_STATE_PASS: return &style->window_pass;
    case LC_WINDOW_STATE_FAIL: return &style->window_fail;
    case LC_WINDOW_STATE_EMPTY:
    case LC_WINDOW_STATE_PENDING:
    default:
      return &style->window_empty;
    }
}

/**
 * lc_window_strip_render:
 * @cr: where to draw: a widget's snapshot, an image, a PDF page
 * @width: the strip's width in @cr's user units
 * @height: its height
 * @model: the windows
 * @style: the colours and font
 * @highlight: the window under the pointer, outlined, or -1
 *
 * Draws the strip at (0, 0) of @cr.
 */
void
lc_window_strip_render (cairo_t            *cr,
                        double              width,
                        double              height,
                        LcWindowStripModel *model,
                        const LcChartStyle *style,
                        int                 highlight)
{
  g_autoptr(PangoFontDescription) font = NULL;
  PangoContext *context;
  guint n;
  double gap;
  double cell_width;
  double radius;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (LC_IS_WINDOW_STRIP_MODEL (model));
  g_return_if_fail (style != NULL);

  if (width <= 0.0 || height <= 0.0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background.alpha > 0.0)
    {
      lc_render_set_colour (cr, &style->background);
      cairo_paint (cr);
    }

  context = pango_cairo_create_context (cr);
  font = lc_render_font_new (style, SMALL_SCALE);
  n = lc_window_strip_model_get_n_cells (model);
  radius = MIN (4.0, height / 4.0);

  if (n == 0)
    {
      g_autofree char *text = lc_window_strip_model_dup_description (model);
      g_autoptr(PangoLayout) layout = lc_render_text_new (context, font, text);
      double text_h;

      lc_render_rounded_rectangle (cr, 0.5, 0.5, width - 1, height - 1, radius);
      lc_render_set_colour (cr, &style->window_empty);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      lc_render_text_size (layout, NULL, &text_h);
      pango_layout_set_width (layout, (int)((width - 2 * radius) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      lc_render_draw_text (cr, layout, &style->dim_foreground, radius, (height - text_h) / 2);
    }

  gap = cell_gap (width, n);
  cell_width = n > 0 ? (width - gap * (n - 1)) / n : 0.0;

  for (guint i = 0; i < n; i++)
    {
      const LcWindowStripCell *cell = lc_window_strip_model_get_cell (model, i);
      g_autoptr(PangoLayout) text = NULL;
      double x = i * (cell_width + gap);
      double symbol = MIN (height * 0.5, cell_width * 0.6);
      double text_w;
      double text_h;
      double content_w;
      gboolean filled = cell->state != LC_WINDOW_STATE_PENDING;
      const LcRgba *ink = filled && cell->state != LC_WINDOW_STATE_EMPTY
                          ? &style->window_symbol : &style->dim_foreground;

      if (cell->in_progress)
        {
          LcRgba tint = *state_colour (cell->state, style);
          double bar = MAX (2.0, round (height * 0.14));

          /* The window the call is in: its verdict so far as a light tint, and a bar along its
           * foot that fills as the call goes through it. */
          tint.alpha *= 0.22;
          cairo_save (cr);
          lc_render_rounded_rectangle (cr, x, 0, cell_width, height, radius);
          cairo_clip_preserve (cr);
          lc_render_set_colour (cr, &tint);
          cairo_fill (cr);
          lc_render_set_colour (cr, state_colour (cell->state, style));
          cairo_rectangle (cr, x, height - bar, cell_width * cell->elapsed, bar);
          cairo_fill (cr);
          cairo_restore (cr);
          ink = &style->foreground;
        }
      else if (filled)
        {
          lc_render_rounded_rectangle (cr, x, 0, cell_width, height, radius);
          lc_render_set_colour (cr, state_colour (cell->state, style));
          cairo_fill (cr);
        }
      else
        {
          lc_render_rounded_rectangle (cr, x + 0.5, 0.5, cell_width - 1, height - 1, radius);
          lc_render_set_colour (cr, &style->window_empty);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }

      /* Lay the span out only where it may fit: a day-long call from a damaged report has
       * thousands of cells a pixel wide. */
      text_w = text_h = G_MAXDOUBLE;
      if (cell_width >= height * 2.0)
        {
          g_autofree char *label = lc_window_strip_model_dup_cell_label (model, i);

          text = lc_render_text_new (context, font, label);
          lc_render_text_size (text, &text_w, &text_h);
        }
      content_w = symbol + symbol * 0.4 + text_w;
      if (text != NULL && content_w <= cell_width - 2 * radius)
        {
          double left = x + (cell_width - content_w) / 2.0;

          draw_symbol (cr, cell->state, left, (height - symbol) / 2.0, symbol, style, ink);
          lc_render_draw_text (cr, text, ink,
                               cell->state == LC_WINDOW_STATE_PENDING
                               ? x + (cell_width - text_w) / 2.0
                               : left + symbol * 1.4,
                               (height - text_h) / 2.0);
        }
      else if (symbol <= cell_width - 2.0)
        {
          draw_symbol (cr, cell->state, x + (cell_width - symbol) / 2.0, (height - symbol) / 2.0,
                       symbol, style, ink);
        }

      if (highlight >= 0 && (guint)highlight == i)
        {
          lc_render_rounded_rectangle (cr, x + 1, 1, cell_width - 2, height - 2, radius);
          lc_render_set_colour (cr, &style->foreground);
          cairo_set_line_width (cr, 2.0);
          cairo_stroke (cr);
        }
    }

  g_object_unref (context);
  cairo_restore (cr);
}
