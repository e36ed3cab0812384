/* lc-chart-render.c — the one routine that draws a chart, for the window and for the PDF alike
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart is a column of panels sharing one time axis. Each panel has a header (its unit over
 * the value labels, then a legend that wraps: series swatches, dashed threshold swatches), a
 * plot and value ticks; the time labels run under the last panel. Every size here is derived
 * from the font's line height, so the same routine reads the same on a screen in pixels and on
 * a PDF page in points. Nothing is drawn over the data but the pointer's readout.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "lc-chart-render.h"
#include "lc-render-text.h"

typedef struct
{
  PangoLayout *text;
  gboolean     threshold;
  guint        index;       /* of the series, or of the threshold in its panel */
  double       x;
  double       y;
} LegendItem;

typedef struct
{
  PangoLayout *unit;
  GPtrArray   *ticks;       /* PangoLayout, one per tick of the value axis */
  GArray      *items;       /* LegendItem */
  double       header_y;
  double       header_height;
  LcChartRect  plot;
  double       minimum_height;
  double       natural_height;
} PanelLayout;

typedef struct
{
  PangoContext         *context;
  PangoFontDescription *font;
  PangoFontDescription *small_font;
  double                line_height;        /* of the font */
  double                small_line_height;  /* of the tick labels */
  double                swatch_width;
  double                gutter;             /* the value labels' column */
  double                right;              /* room for the last time label */
  double                pad;
  double                time_step;
  GPtrArray            *time_labels;        /* PangoLayout, at 0, time_step, 2·time_step … */
  guint                 n_panels;
  PanelLayout           panels[LC_CHART_MAX_PANELS];
  double                minimum_height;
  double                natural_height;
} Layout;

/* Text smaller than the rest: tick labels and units, as charts in GNOME apps do. */
#define SMALL_SCALE 0.85

/* A line of @width drawn at @v covers whole pixels when the context is not scaled. */
static double
snap (double v,
      double width)
{
  if ((int)round (width) % 2 == 0)
    return round (v);
  return floor (v) + 0.5;
}

/* Grid, axes and the pointer's line: half a series line, one pixel on a screen. */
static double
hairline_width (const LcChartStyle *style)
{
  return MAX (style->line_width / 2.0, 0.25);
}

static double
text_width (PangoLayout *text)
{
  double width;

  lc_render_text_size (text, &width, NULL);
  return width;
}

static char *
format_tick (const LcChartAxis *axis,
             guint              index)
{
  return g_strdup_printf ("%.*f", axis->digits, lc_chart_axis_get_tick (axis, index));
}

static char *
format_time (double t)
{
  /* Translators: a time label on a chart's time axis, in seconds: "10 s" */
  return g_strdup_printf (_("%.0f s"), t);
}

static void
layout_clear (Layout *layout)
{
  for (guint p = 0; p < layout->n_panels; p++)
    {
      PanelLayout *panel = &layout->panels[p];

      g_clear_object (&panel->unit);
      g_clear_pointer (&panel->ticks, g_ptr_array_unref);
      if (panel->items != NULL)
        {
          for (guint i = 0; i < panel->items->len; i++)
            g_object_unref (g_array_index (panel->items, LegendItem, i).text);
          g_clear_pointer (&panel->items, g_array_unref);
        }
    }
  g_clear_pointer (&layout->time_labels, g_ptr_array_unref);
  g_clear_pointer (&layout->font, pango_font_description_free);
  g_clear_pointer (&layout->small_font, pango_font_description_free);
  g_clear_object (&layout->context);
}

static void
measure_fonts (Layout             *layout,
               cairo_t            *cr,
               const LcChartStyle *style)
{
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) small_probe = NULL;

  layout->context = pango_cairo_create_context (cr);
  layout->font = lc_render_font_new (style, 1.0);
  layout->small_font = lc_render_font_new (style, SMALL_SCALE);

  probe = lc_render_text_new (layout->context, layout->font, "0");
  small_probe = lc_render_text_new (layout->context, layout->small_font, "0");
  lc_render_text_size (probe, NULL, &layout->line_height);
  lc_render_text_size (small_probe, NULL, &layout->small_line_height);

  layout->pad = ceil (style->line_width * 1.5);
  layout->swatch_width = ceil (layout->line_height * 1.4);
}

/* The legend of a panel wraps into rows across the plot's width. */
static void
flow_legend (Layout       *layout,
             PanelLayout  *panel,
             double        left,
             double        right,
             double        top)
{
  double gap = ceil (layout->line_height * 0.3);
  double spacing = ceil (layout->line_height * 0.9);
  double x = left;
  guint rows = panel->items->len > 0 ? 1 : 0;

  for (guint i = 0; i < panel->items->len; i++)
    {
      LegendItem *item = &g_array_index (panel->items, LegendItem, i);
      double width = layout->swatch_width + gap + text_width (item->text);

      if (x > left && x + width > right)
        {
          x = left;
          rows++;
        }
      item->x = x;
      item->y = top + (rows - 1) * layout->line_height;
      x += width + spacing;
    }

  /* With no legend the unit still needs its row. */
  panel->header_height = MAX (rows, 1) * layout->line_height;
}

static void
compute_layout (Layout             *layout,
                cairo_t            *cr,
                double              width,
                double              height,
                LcChartModel       *model,
                const LcChartStyle *style)
{
  double time_end = lc_chart_model_get_time_end (model);
  double label_gap;
  double plot_x;
  double plot_width;
  double time_label_width;
  double fixed;
  double natural_sum = 0.0;
  double available;
  double y;
  guint max_time_intervals;
  guint most_intervals = 1;

  measure_fonts (layout, cr, style);
  label_gap = ceil (layout->small_line_height * 0.4);
  layout->n_panels = lc_chart_model_get_n_panels (model);

  /* The value labels' column is as wide as the widest label or unit of any panel, so that the
   * panels' plots line up under each other and share the time axis. */
  layout->gutter = 0.0;
  for (guint p = 0; p < layout->n_panels; p++)
    {
      PanelLayout *panel = &layout->panels[p];
      const LcChartAxis *axis = lc_chart_model_get_panel_axis (model, p);

      panel->unit = lc_render_text_new (layout->context, layout->small_font,
                                        lc_chart_model_get_panel_unit (model, p));
      layout->gutter = MAX (layout->gutter, text_width (panel->unit));

      panel->ticks = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i <= axis->n_intervals; i++)
        {
          g_autofree char *text = format_tick (axis, i);
          PangoLayout *tick = lc_render_text_new (layout->context, layout->small_font, text);

          layout->gutter = MAX (layout->gutter, text_width (tick));
          g_ptr_array_add (panel->ticks, tick);
        }
    }
  layout->gutter = ceil (layout->gutter + label_gap);

  /* Time ticks every 1, 2, 5, 10 … s, as many as fit with almost two labels' width between
   * them: a label every second on a wide chart is more to read, not more to learn. */
  {
    g_autofree char *widest = format_time (time_end);
    g_autoptr(PangoLayout) probe = lc_render_text_new (layout->context, layout->small_font, widest);

    time_label_width = text_width (probe);
  }
  layout->right = ceil (time_label_width / 2.0) + layout->pad;
  plot_x = MAX (layout->pad + layout->gutter, style->plot_left);
  plot_width = MAX (1.0, width - plot_x - layout->right);
  max_time_intervals = (guint)CLAMP (floor (plot_width / (time_label_width * 2.8)), 1,
                                     LC_CHART_AXIS_MAX_TICKS);
  layout->time_step = MAX (1.0, lc_chart_nice_step (time_end, max_time_intervals));
  layout->time_labels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i * layout->time_step <= time_end + 1e-9 && i <= LC_CHART_AXIS_MAX_TICKS * 10;
       i++)
    {
      g_autofree char *text = format_time (i * layout->time_step);

      g_ptr_array_add (layout->time_labels,
                       lc_render_text_new (layout->context, layout->small_font, text));
    }

  /* Headers and the room around the plots, which does not grow with the height. */
  fixed = 2 * layout->pad + ceil (layout->small_line_height * 0.6) + layout->small_line_height;
  for (guint p = 0; p < layout->n_panels; p++)
    {
      PanelLayout *panel = &layout->panels[p];
      guint n_series = lc_chart_model_get_n_series (model);
      guint n_thresholds = lc_chart_model_get_n_thresholds (model, p);

      panel->items = g_array_new (FALSE, TRUE, sizeof (LegendItem));
      for (guint s = 0; s < n_series; s++)
        {
          const LcChartSeries *series = lc_chart_model_get_series (model, s);
          LegendItem item = { .threshold = FALSE, .index = s };

          if (series->panel != p)
            continue;
          item.text = lc_render_text_new (layout->context, layout->font, series->label);
          g_array_append_val (panel->items, item);
        }
      for (guint i = 0; i < n_thresholds; i++)
        {
          const LcChartThreshold *threshold = lc_chart_model_get_threshold (model, p, i);
          LegendItem item = { .threshold = TRUE, .index = i };

          item.text = lc_render_text_new (layout->context, layout->font, threshold->label);
          g_array_append_val (panel->items, item);
        }
      flow_legend (layout, panel, plot_x, plot_x + plot_width, 0.0);

      /* Half a tick label sticks out over the plot's top edge: keep it off the legend. */
      fixed += panel->header_height + ceil (layout->small_line_height * 0.7);
      if (p > 0)
        fixed += ceil (layout->line_height * 0.6);

      most_intervals = MAX (most_intervals, lc_chart_model_get_panel_max_intervals (model, p));
    }

  /* Enough height between ticks for their labels, or twice that to read well; the panels of a
   * chart get the same height, so that none looks more important than the others. Planned
   * from the most ticks an axis will have, so that the chart keeps its size as samples come. */
  for (guint p = 0; p < layout->n_panels; p++)
    {
      PanelLayout *panel = &layout->panels[p];

      panel->minimum_height = most_intervals * layout->small_line_height * 1.15;
      panel->natural_height = most_intervals * layout->small_line_height * 2.2;
      layout->minimum_height += panel->minimum_height;
      natural_sum += panel->natural_height;
    }
  layout->minimum_height = ceil (layout->minimum_height + fixed);
  layout->natural_height = ceil (natural_sum + fixed);

  /* The height left is shared in the panels' natural proportions. */
  available = MAX (height - fixed, 0.0);
  y = layout->pad;
  for (guint p = 0; p < layout->n_panels; p++)
    {
      PanelLayout *panel = &layout->panels[p];
      double share = natural_sum > 0.0 ? panel->natural_height / natural_sum : 1.0;

      if (p > 0)
        y += ceil (layout->line_height * 0.6);
      panel->header_y = y;
      for (guint i = 0; i < panel->items->len; i++)
        g_array_index (panel->items, LegendItem, i).y += y;
      y += panel->header_height + ceil (layout->small_line_height * 0.7);

      panel->plot.x = plot_x;
      panel->plot.y = y;
      panel->plot.width = plot_width;
      panel->plot.height = MAX (1.0, floor (available * share));
      y += panel->plot.height;
    }
}

static double
plot_y (const LcChartRect *plot,
        double             position)
{
  return plot->y + plot->height * (1.0 - position);
}

static double
plot_x (const LcChartRect *plot,
        double             position)
{
  return plot->x + plot->width * position;
}

static void
draw_dashed_swatch (cairo_t            *cr,
                    const Layout       *layout,
                    const LcChartStyle *style,
                    double              x,
                    double              y)
{
  double dashes[] = { layout->line_height * 0.35, layout->line_height * 0.2 };
  double width = MAX (1.0, round (style->line_width * 0.75));

  cairo_save (cr);
  lc_render_set_colour (cr, &style->threshold);
  cairo_set_line_width (cr, width);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
  cairo_move_to (cr, x, snap (y, width));
  cairo_line_to (cr, x + layout->swatch_width, snap (y, width));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_header (cairo_t            *cr,
             const Layout       *layout,
             const PanelLayout  *panel,
             LcChartModel       *model,
             const LcChartStyle *style)
{
  double gap = ceil (layout->line_height * 0.3);
  double unit_width;
  double unit_height;

  /* The unit heads the column of value labels, as an axis title. */
  lc_render_text_size (panel->unit, &unit_width, &unit_height);
  lc_render_draw_text (cr, panel->unit, &style->dim_foreground,
             panel->plot.x - ceil (layout->small_line_height * 0.4) - unit_width,
             panel->header_y + (layout->line_height - unit_height) / 2.0);

  for (guint i = 0; i < panel->items->len; i++)
    {
      const LegendItem *item = &g_array_index (panel->items, LegendItem, i);
      double middle = item->y + layout->line_height / 2.0;

      if (item->threshold)
        {
          draw_dashed_swatch (cr, layout, style, item->x, middle);
        }
      else
        {
          const LcChartSeries *series = lc_chart_model_get_series (model, item->index);

          cairo_save (cr);
          lc_render_set_colour (cr, &style->series[series->colour]);
          cairo_set_line_width (cr, style->line_width);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_move_to (cr, item->x + style->line_width, middle);
          cairo_line_to (cr, item->x + layout->swatch_width - style->line_width, middle);
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      lc_render_draw_text (cr, item->text, &style->foreground, item->x + layout->swatch_width + gap,
                 item->y);
    }
}

static void
draw_grid (cairo_t            *cr,
           const Layout       *layout,
           const PanelLayout  *panel,
           const LcChartAxis  *axis,
           double              time_end,
           const LcChartStyle *style)
{
  const LcChartRect *plot = &panel->plot;
  double label_gap = ceil (layout->small_line_height * 0.4);
  double last_label_top = G_MAXDOUBLE;
  double hairline = hairline_width (style);

  cairo_save (cr);
  cairo_set_line_width (cr, hairline);

  lc_render_set_colour (cr, &style->grid);
  for (guint i = 1; i <= axis->n_intervals; i++)
    {
      double y = snap (plot_y (plot, (double)i / axis->n_intervals), hairline);

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  for (guint i = 1; i < layout->time_labels->len; i++)
    {
      double x = snap (plot_x (plot, i * layout->time_step / time_end), hairline);

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
    }
  cairo_stroke (cr);

  /* The frame's left and bottom edges: the axes. */
  lc_render_set_colour (cr, &style->axis);
  cairo_move_to (cr, snap (plot->x, hairline), plot->y);
  cairo_line_to (cr, snap (plot->x, hairline), snap (plot->y + plot->height, hairline));
  cairo_line_to (cr, plot->x + plot->width, snap (plot->y + plot->height, hairline));
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Value labels from the bottom up; one that would touch the label below it is left out
   * (only when the chart is squeezed under its minimum height). */
  for (guint i = 0; i <= axis->n_intervals; i++)
    {
      PangoLayout *tick = g_ptr_array_index (panel->ticks, i);
      double width;
      double height;
      double top;

      lc_render_text_size (tick, &width, &height);
      top = plot_y (plot, (double)i / axis->n_intervals) - height / 2.0;
      if (top + height > last_label_top)
        continue;
      lc_render_draw_text (cr, tick, &style->dim_foreground, plot->x - label_gap - width, top);
      last_label_top = top;
    }
}

static void
draw_thresholds (cairo_t            *cr,
                 const Layout       *layout,
                 const PanelLayout  *panel,
                 LcChartModel       *model,
                 guint               index,
                 const LcChartStyle *style,
                 gboolean            tint)
{
  const LcChartRect *plot = &panel->plot;
  guint n = lc_chart_model_get_n_thresholds (model, index);
  double dashes[] = { layout->line_height * 0.5, layout->line_height * 0.3 };
  double width = MAX (1.0, round (style->line_width * 0.75));

  for (guint i = 0; i < n; i++)
    {
      const LcChartThreshold *threshold = lc_chart_model_get_threshold (model, index, i);
      double y = plot_y (plot, CLAMP (threshold->position, 0.0, 1.0));

      cairo_save (cr);
      if (tint)
        {
          /* The side of the line that breaks the threshold, lightly tinted. */
          lc_render_set_colour (cr, &style->beyond_threshold);
          if (threshold->kind == LC_CHART_LIMIT_MAXIMUM)
            cairo_rectangle (cr, plot->x, plot->y, plot->width, y - plot->y);
          else
            cairo_rectangle (cr, plot->x, y, plot->width, plot->y + plot->height - y);
          cairo_fill (cr);
        }
      else
        {
          lc_render_set_colour (cr, &style->threshold);
          cairo_set_line_width (cr, width);
          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0.0);
          cairo_move_to (cr, plot->x, snap (y, width));
          cairo_line_to (cr, plot->x + plot->width, snap (y, width));
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
}

static gboolean
joined (LcChartModel *model,
        guint         series,
        guint         sample)
{
  /* Whether the line runs from @sample − 1 to @sample. */
  return sample > 0 && sample < lc_chart_model_get_n_samples (model) &&
         !isnan (lc_chart_model_get_y (model, series, sample - 1)) &&
         !isnan (lc_chart_model_get_y (model, series, sample)) &&
         !lc_chart_model_breaks_before (model, sample);
}

static void
draw_series (cairo_t            *cr,
             const PanelLayout  *panel,
             LcChartModel       *model,
             guint               series_index,
             const LcChartStyle *style)
{
  const LcChartSeries *series = lc_chart_model_get_series (model, series_index);
  const LcChartRect *plot = &panel->plot;
  guint n = lc_chart_model_get_n_samples (model);
  double spacing = n > 1 ? plot->width / n : plot->width;
  gboolean markers = spacing >= style->line_width * 7.0;
  double marker = style->line_width * 1.3;

  cairo_save (cr);
  cairo_rectangle (cr, plot->x, plot->y - style->line_width, plot->width + style->line_width,
                   plot->height + 2 * style->line_width);
  cairo_clip (cr);
  lc_render_set_colour (cr, &style->series[series->colour]);
  cairo_set_line_width (cr, style->line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* A gap (no value, or seconds missing) lifts the pen: the line never passes through a value
   * nobody measured, and never drops to 0 for one. */
  for (guint i = 0; i < n; i++)
    {
      double y = lc_chart_model_get_y (model, series_index, i);

      if (isnan (y))
        continue;
      if (joined (model, series_index, i))
        cairo_line_to (cr, plot_x (plot, lc_chart_model_get_x (model, i)), plot_y (plot, y));
      else
        cairo_move_to (cr, plot_x (plot, lc_chart_model_get_x (model, i)), plot_y (plot, y));
    }
  cairo_stroke (cr);

  /* A dot for every second when they are far enough apart to tell, and always for a value
   * with no neighbour, which a line alone would not show. */
  for (guint i = 0; i < n; i++)
    {
      double y = lc_chart_model_get_y (model, series_index, i);

      if (isnan (y))
        continue;
      if (!markers && (joined (model, series_index, i) || joined (model, series_index, i + 1)))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, plot_x (plot, lc_chart_model_get_x (model, i)), plot_y (plot, y),
                 markers ? marker : style->line_width * 1.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_time_labels (cairo_t            *cr,
                  const Layout       *layout,
                  double              time_end,
                  const LcChartStyle *style)
{
  const LcChartRect *plot = &layout->panels[layout->n_panels - 1].plot;
  double top = plot->y + plot->height + ceil (layout->small_line_height * 0.6);

  for (guint i = 0; i < layout->time_labels->len; i++)
    {
      PangoLayout *label = g_ptr_array_index (layout->time_labels, i);
      double x = plot_x (plot, i * layout->time_step / time_end);

      lc_render_draw_text (cr, label, &style->dim_foreground, x - text_width (label) / 2.0, top);
    }
}

/* Whether the first panel's values at @sample sit in its upper half. */
static gboolean
values_high (LcChartModel *model,
             guint         sample)
{
  double sum = 0.0;
  guint n = 0;

  for (guint s = 0; s < lc_chart_model_get_n_series (model); s++)
    {
      double y = lc_chart_model_get_y (model, s, sample);

      if (lc_chart_model_get_series (model, s)->panel == 0 && !isnan (y))
        {
          sum += y;
          n++;
        }
    }

  return n > 0 && sum / n > 0.5;
}

static void
draw_highlight (cairo_t            *cr,
                const Layout       *layout,
                LcChartModel       *model,
                guint               sample,
                double              width,
                const LcChartStyle *style)
{
  const LcChartRect *first = &layout->panels[0].plot;
  const LcChartRect *last = &layout->panels[layout->n_panels - 1].plot;
  double x = plot_x (first, lc_chart_model_get_x (model, sample));
  g_autofree char *readout = lc_chart_model_dup_readout (model, sample, TRUE);
  g_autoptr(PangoLayout) text = lc_render_text_new (layout->context, layout->font, readout);
  double padding = ceil (layout->line_height * 0.35);
  double text_w;
  double text_h;
  double box_x;
  double box_y;
  double box_w;
  double box_h;

  cairo_save (cr);
  lc_render_set_colour (cr, &style->highlight);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, snap (x, 1.0), first->y);
  cairo_line_to (cr, snap (x, 1.0), last->y + last->height);
  cairo_stroke (cr);

  for (guint s = 0; s < lc_chart_model_get_n_series (model); s++)
    {
      const LcChartSeries *series = lc_chart_model_get_series (model, s);
      const LcChartRect *plot = &layout->panels[series->panel].plot;
      double y = lc_chart_model_get_y (model, s, sample);

      if (isnan (y) || y < 0.0 || y > 1.0)
        continue;
      cairo_arc (cr, x, plot_y (plot, y), style->line_width * 2.2, 0, 2 * G_PI);
      lc_render_set_colour (cr, &style->series[series->colour]);
      cairo_fill_preserve (cr);
      lc_render_set_colour (cr, &style->readout_background);
      cairo_set_line_width (cr, style->line_width * 0.75);
      cairo_stroke (cr);
    }

  /* The readout beside the line, on the side with room, and at the top or the foot of the
   * plots, away from the first panel's values at that second, so that it hides little. */
  lc_render_text_size (text, &text_w, &text_h);
  box_w = text_w + 2 * padding;
  box_h = text_h + 2 * padding;
  box_x = x + padding * 2;
  if (box_x + box_w > first->x + first->width)
    box_x = x - padding * 2 - box_w;
  box_x = CLAMP (box_x, 0.0, MAX (0.0, width - box_w));
  box_y = first->y + 1;
  if (values_high (model, sample))
    box_y = MAX (first->y + 1, last->y + last->height - 1 - box_h);

  lc_render_rounded_rectangle (cr, box_x, box_y, box_w, box_h, padding);
  lc_render_set_colour (cr, &style->readout_background);
  cairo_fill_preserve (cr);
  lc_render_set_colour (cr, &style->axis);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  lc_render_draw_text (cr, text, &style->foreground, box_x + padding, box_y + padding);
  cairo_restore (cr);
}

static void
draw_empty (cairo_t            *cr,
            const Layout       *layout,
            LcChartModel       *model,
            const LcChartStyle *style)
{
  const LcChartRect *first = &layout->panels[0].plot;
  const LcChartRect *last = &layout->panels[layout->n_panels - 1].plot;
  g_autofree char *description = lc_chart_model_dup_description (model);
  g_autoptr(PangoLayout) text = lc_render_text_new (layout->context, layout->font, description);
  double width;
  double height;

  lc_render_text_size (text, &width, &height);
  lc_render_draw_text (cr, text, &style->dim_foreground, first->x + (first->width - width) / 2.0,
             (first->y + last->y + last->height - height) / 2.0);
}

/**
 * lc_chart_get_geometry:
 * @cr: the context the chart will be drawn on (its fonts measure the text)
 * @width: the chart's width in @cr's user units
 * @height: its height; 0 to learn only the heights it needs
 * @geometry: (out caller-allocates): where things go
 *
 * Lays the chart out as lc_chart_render() will.
 */
void
lc_chart_get_geometry (cairo_t            *cr,
                       double              width,
                       double              height,
                       LcChartModel       *model,
                       const LcChartStyle *style,
                       LcChartGeometry    *geometry)
{
  Layout layout = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (LC_IS_CHART_MODEL (model));
  g_return_if_fail (style != NULL);
  g_return_if_fail (geometry != NULL);

  compute_layout (&layout, cr, width, height, model, style);

  *geometry = (LcChartGeometry) {
    .n_panels = layout.n_panels,
    .minimum_height = layout.minimum_height,
    .natural_height = layout.natural_height,
  };
  for (guint p = 0; p < layout.n_panels; p++)
    geometry->plots[p] = layout.panels[p].plot;

  layout_clear (&layout);
}

/**
 * lc_chart_pick_sample:
 * @geometry: the chart's geometry at its current size
 * @x: a point, in the chart's user units
 * @y: the same
 *
 * The pointer need not be on a line, nor even on a plot: anywhere over the chart, across the
 * plots' width, reads out the second under it.
 *
 * Returns: the sample nearest in time to @x, or -1 when @x is beside the plots or there is no
 *   sample
 */
int
lc_chart_pick_sample (const LcChartGeometry *geometry,
                      LcChartModel          *model,
                      double                 x,
                      double                 y)
{
  const LcChartRect *plot;

  g_return_val_if_fail (geometry != NULL, -1);
  g_return_val_if_fail (LC_IS_CHART_MODEL (model), -1);

  if (geometry->n_panels == 0)
    return -1;

  plot = &geometry->plots[0];
  if (x < plot->x || x > plot->x + plot->width || y < 0.0)
    return -1;

  return lc_chart_model_find_nearest (model, (x - plot->x) / plot->width);
}

/**
 * lc_chart_render:
 * @cr: where to draw: a widget's snapshot, an image, a PDF page
 * @width: the chart's width in @cr's user units
 * @height: its height
 * @model: what to draw
 * @style: the colours and font to draw with
 * @highlight: the sample to read out under the pointer, or -1
 *
 * Draws the chart at (0, 0) of @cr: per panel its unit and legend, value ticks and grid,
 * threshold lines with the side that breaks them tinted, and the series with gaps where
 * values are missing; the time axis under the last panel; and, for @highlight, a line through
 * that sample with its values read out. It only scales the model's normalised positions.
 */
void
lc_chart_render (cairo_t            *cr,
                 double              width,
                 double              height,
                 LcChartModel       *model,
                 const LcChartStyle *style,
                 int                 highlight)
{
  Layout layout = { 0 };
  double time_end;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (LC_IS_CHART_MODEL (model));
  g_return_if_fail (style != NULL);

  if (width <= 0.0 || height <= 0.0 || lc_chart_model_get_n_panels (model) == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background.alpha > 0.0)
    {
      lc_render_set_colour (cr, &style->background);
      cairo_paint (cr);
    }

  compute_layout (&layout, cr, width, height, model, style);
  time_end = lc_chart_model_get_time_end (model);

  for (guint p = 0; p < layout.n_panels; p++)
    {
      PanelLayout *panel = &layout.panels[p];

      draw_thresholds (cr, &layout, panel, model, p, style, TRUE);
      draw_grid (cr, &layout, panel, lc_chart_model_get_panel_axis (model, p), time_end, style);
      draw_header (cr, &layout, panel, model, style);
      draw_thresholds (cr, &layout, panel, model, p, style, FALSE);
    }
  for (guint s = 0; s < lc_chart_model_get_n_series (model); s++)
    draw_series (cr, &layout.panels[lc_chart_model_get_series (model, s)->panel], model, s,
                 style);
  draw_time_labels (cr, &layout, time_end, style);

  if (lc_chart_model_get_n_samples (model) == 0)
    draw_empty (cr, &layout, model, style);
  else if (highlight >= 0 && (guint)highlight < lc_chart_model_get_n_samples (model))
    draw_highlight (cr, &layout, model, highlight, width, style);

  layout_clear (&layout);
  cairo_restore (cr);
}
