/* lc-port-map-render.c — draws a swept UDP range: open ports as a green strip, blocked
 * sub-ranges as red blocks (never thinner than a line, so that one port shows), labels that do
 * not collide
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "lc-port-map-render.h"
#include "lc-range-check.h"

#define MARGIN 8.0
#define MIN_BLOCK_WIDTH 2.0
#define LABEL_GAP 6.0

/* GNOME's palette: green 4 and red 3, as the status icons use them. */
static const double open_rgb[3] = { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 };
static const double blocked_rgb[3] = { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 };
static const double unknown_rgb[3] = { 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0 };

/**
 * lc_port_map_model_new_for_result:
 * @result: a udp-range check's result, live or from a stored report
 *
 * Returns: (transfer full) (nullable): the model, %NULL when @result is no port range
 */
LcPortMapModel *
lc_port_map_model_new_for_result (LcCheckResult *result)
{
  const char *ports;
  LcPortMapModel *model;
  guint first = 0, last = 0;

  g_return_val_if_fail (LC_IS_CHECK_RESULT (result), NULL);

  ports = lc_check_result_get_ports (result);
  if (g_strcmp0 (lc_check_result_get_check (result), "udp-range") != 0 || ports == NULL ||
      sscanf (ports, "%u-%u", &first, &last) != 2 || first == 0 || last > 65535 || first > last)
    return NULL;

  model = g_new0 (LcPortMapModel, 1);
  model->first = first;
  model->last = last;
  model->blocked = lc_range_result_dup_spans (result, FALSE);
  model->swept = model->blocked != NULL;
  if (model->blocked == NULL)
    model->blocked = g_array_new (FALSE, FALSE, sizeof (LcPortSpan));
  model->foreground[3] = 1.0;
  return model;
}

void
lc_port_map_model_free (LcPortMapModel *model)
{
  if (model == NULL)
    return;
  g_clear_pointer (&model->blocked, g_array_unref);
  g_free (model);
}

static double
x_of (const LcPortMapModel *model,
      double                width,
      double                port)
{
  double n = (double)model->last - model->first + 1;

  return MARGIN + (port - model->first) / n * (width - 2 * MARGIN);
}

/* The block drawn for @span: at least MIN_BLOCK_WIDTH wide, centred on its ports. */
static void
block_extent (const LcPortMapModel *model,
              double                width,
              const LcPortSpan     *span,
              double               *x0,
              double               *x1)
{
  *x0 = x_of (model, width, span->first);
  *x1 = x_of (model, width, span->last + 1.0);
  if (*x1 - *x0 < MIN_BLOCK_WIDTH)
    {
      double mid = (*x0 + *x1) / 2;
      *x0 = mid - MIN_BLOCK_WIDTH / 2;
      *x1 = mid + MIN_BLOCK_WIDTH / 2;
    }
}

static char *
span_text (const LcPortSpan *span)
{
  if (span->first == span->last)
    return g_strdup_printf ("%u", span->first);
  return g_strdup_printf ("%u–%u", span->first, span->last);
}

static void
show_label (cairo_t     *cr,
            PangoLayout *layout,
            const char  *text,
            double       x,
            double       y,
            double       min_x,
            double       max_x,
            double      *right)
{
  int w, h;
  double left;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  left = CLAMP (x - w / 2.0, min_x, MAX (min_x, max_x - w));
  cairo_move_to (cr, left, y);
  pango_cairo_show_layout (cr, layout);
  if (right != NULL)
    *right = left + w;
}

/**
 * lc_port_map_render:
 * @cr: where to draw, from (0, 0) to (@width, @height): a widget's snapshot or a PDF page
 *
 * Draws the range as a strip with its first and last port under its ends, the blocked
 * sub-ranges as red blocks with their ports under them where there is room.
 */
void
lc_port_map_render (cairo_t              *cr,
                    double                width,
                    double                height,
                    const LcPortMapModel *model)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  const double *fg = model->foreground;
  double strip_top = 4.0;
  double label_y = strip_top + LC_PORT_MAP_STRIP_HEIGHT + 4.0;
  double right_of_last;
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  int w, h;

  g_return_if_fail (cr != NULL && model != NULL);

  cairo_save (cr);

  /* The strip: open, or unknown when it could not be swept. */
  cairo_rectangle (cr, MARGIN, strip_top, width - 2 * MARGIN, LC_PORT_MAP_STRIP_HEIGHT);
  if (model->swept)
    cairo_set_source_rgb (cr, open_rgb[0], open_rgb[1], open_rgb[2]);
  else
    cairo_set_source_rgb (cr, unknown_rgb[0], unknown_rgb[1], unknown_rgb[2]);
  cairo_fill (cr);

  for (guint i = 0; i < model->blocked->len; i++)
    {
      const LcPortSpan *span = &g_array_index (model->blocked, LcPortSpan, i);
      double x0, x1;

      block_extent (model, width, span, &x0, &x1);
      cairo_rectangle (cr, x0, strip_top, x1 - x0, LC_PORT_MAP_STRIP_HEIGHT);
      cairo_set_source_rgb (cr, blocked_rgb[0], blocked_rgb[1], blocked_rgb[2]);
      cairo_fill (cr);
    }

  cairo_rectangle (cr, MARGIN + 0.5, strip_top + 0.5, width - 2 * MARGIN - 1,
                   LC_PORT_MAP_STRIP_HEIGHT - 1);
  cairo_set_source_rgba (cr, fg[0], fg[1], fg[2], fg[3] * 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans 9");
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cairo_set_source_rgba (cr, fg[0], fg[1], fg[2], fg[3]);

  /* The range's ends, left- and right-aligned under the strip. */
  first_text = g_strdup_printf ("%u", model->first);
  last_text = g_strdup_printf ("%u", model->last);
  show_label (cr, layout, first_text, MARGIN, label_y, 0, width, NULL);
  pango_layout_set_text (layout, last_text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  show_label (cr, layout, last_text, width - MARGIN - w / 2.0, label_y, 0, width, NULL);

  /* Each blocked sub-range's ports, on a second line, where they do not run into another. */
  right_of_last = 0;
  for (guint i = 0; i < model->blocked->len; i++)
    {
      const LcPortSpan *span = &g_array_index (model->blocked, LcPortSpan, i);
      g_autofree char *text = span_text (span);
      double x0, x1, right;
      int tw, th;

      block_extent (model, width, span, &x0, &x1);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if ((x0 + x1) / 2 - tw / 2.0 < right_of_last + LABEL_GAP &&
          i + 1 < model->blocked->len)
        continue;
      if (height < label_y + h + th)
        break;

      cairo_set_source_rgb (cr, blocked_rgb[0], blocked_rgb[1], blocked_rgb[2]);
      /* A tick from the block down to its label. */
      cairo_move_to (cr, (x0 + x1) / 2 + 0.5, strip_top + LC_PORT_MAP_STRIP_HEIGHT);
      cairo_line_to (cr, (x0 + x1) / 2 + 0.5, label_y + h + 1);
      cairo_stroke (cr);
      show_label (cr, layout, text, (x0 + x1) / 2, label_y + h + 1, 0, width, &right);
      right_of_last = right;
    }

  cairo_restore (cr);
}

/**
 * lc_port_map_span_at:
 * @x: a position across the strip, as lc_port_map_render() drew it @width wide
 * @span: (out): the open or blocked sub-range under @x
 * @blocked: (out): whether it is blocked
 *
 * Returns: %FALSE when @x is beside the strip
 */
gboolean
lc_port_map_span_at (const LcPortMapModel *model,
                     double                width,
                     double                x,
                     LcPortSpan           *span,
                     gboolean             *blocked)
{
  double n = (double)model->last - model->first + 1;
  double fraction;
  guint port;
  guint open_first;

  g_return_val_if_fail (model != NULL && span != NULL && blocked != NULL, FALSE);

  if (x < MARGIN || x > width - MARGIN)
    return FALSE;

  /* A block drawn wider than its ports catches the pointer over all of its width. */
  for (guint i = 0; i < model->blocked->len; i++)
    {
      const LcPortSpan *b = &g_array_index (model->blocked, LcPortSpan, i);
      double x0, x1;

      block_extent (model, width, b, &x0, &x1);
      if (x >= x0 - 0.5 && x <= x1 + 0.5)
        {
          *span = *b;
          *blocked = TRUE;
          return TRUE;
        }
    }

  fraction = (x - MARGIN) / (width - 2 * MARGIN);
  port = MIN (model->last, model->first + (guint)(fraction * n));

  /* The open run around @port, between the blocked ones. */
  open_first = model->first;
  for (guint i = 0; i < model->blocked->len; i++)
    {
      const LcPortSpan *b = &g_array_index (model->blocked, LcPortSpan, i);

      if (b->last < port)
        open_first = b->last + 1;
      else if (b->first > port)
        {
          span->first = open_first;
          span->last = b->first - 1;
          *blocked = FALSE;
          return TRUE;
        }
    }
  span->first = open_first;
  span->last = model->last;
  *blocked = FALSE;
  return TRUE;
}

/**
 * lc_port_map_describe:
 *
 * Returns: (transfer full): the map in words, for a screen reader or a caption
 */
char *
lc_port_map_describe (const LcPortMapModel *model)
{
  g_autofree char *blocked = NULL;
  guint n = model->last - model->first + 1;

  if (!model->swept)
    return g_strdup_printf (_("UDP %u–%u: not swept"), model->first, model->last);
  if (model->blocked->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "UDP %u–%u: the %u port is open",
                                         "UDP %u–%u: all %u ports open", n),
                            model->first, model->last, n);

  blocked = lc_port_spans_describe (model->blocked);
  return g_strdup_printf (_("UDP %u–%u: %u of %u ports blocked: %s"), model->first, model->last,
                          lc_port_spans_count (model->blocked), n, blocked);
}
