/* lc-call-charts.c — the charts of one media call, built from its samples live or from a report
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two charts and a strip per call:
 * - bit rate: sent and received on one axis (same unit, same requirement), with the profile's
 *   rate line (audio_kbps, or video_kbps for a call with video);
 * - round trip, jitter and loss: three panels stacked on one time axis, each with its own scale
 *   and threshold. One shared axis would flatten jitter and loss to the floor (their limits are
 *   6 and 200 times smaller than the round trip's), and two or three value axes on one plot
 *   leave a person guessing which line reads on which; stacked panels keep every figure
 *   readable and show at a glance that a loss spike and a delay spike fall in the same second;
 * - the 5-second windows, judged by core (lc_quality_judge), coloured by verdict.
 * A live call and a report read back from disk go through the same calls (add_sample for each
 * sample, then finish), so the two draw alike.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-call-charts.h"
#include "lc-chart-render.h"
#include "lc-render-text.h"
#include "lc-window-strip-render.h"

struct _LcCallCharts
{
  GObject              parent_instance;

  LcThresholds         thresholds;
  gboolean             has_video;
  LcChartModel        *rate;
  LcChartModel        *delay;
  LcWindowStripModel  *windows;
  GArray              *samples;  /* LcQualitySample, for core's verdict per window */
  char                *windows_title;
};

G_DEFINE_FINAL_TYPE (LcCallCharts, lc_call_charts, G_TYPE_OBJECT)

static void
lc_call_charts_finalize (GObject *object)
{
  LcCallCharts *self = LC_CALL_CHARTS (object);

  g_clear_object (&self->rate);
  g_clear_object (&self->delay);
  g_clear_object (&self->windows);
  g_clear_pointer (&self->samples, g_array_unref);
  g_clear_pointer (&self->windows_title, g_free);

  G_OBJECT_CLASS (lc_call_charts_parent_class)->finalize (object);
}

static void
lc_call_charts_class_init (LcCallChartsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_call_charts_finalize;
}

static void
lc_call_charts_init (LcCallCharts *self)
{
  self->samples = g_array_new (FALSE, FALSE, sizeof (LcQualitySample));
}

/* The shortest form of a limit that still says its exact value: "300", "1.5". */
static char *
format_limit (double limit)
{
  int digits = 0;

  while (digits < 3 && fabs (round (limit * pow (10, digits)) / pow (10, digits) - limit) > 1e-9)
    digits++;

  return g_strdup_printf ("%.*f", digits, limit);
}

static gboolean
has_name (const char *call_name)
{
  return call_name != NULL && *call_name != '\0';
}

static LcChartModel *
build_rate_chart (const char         *call_name,
                  const LcThresholds *thresholds,
                  gboolean            has_video)
{
  g_autofree char *title = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *needed = NULL;
  LcChartModel *model;
  guint panel;

  /* Translators: the accessible name of a chart; %s is a call's name, "Audio call" */
  title = has_name (call_name) ? g_strdup_printf (_("%s: bit rate"), call_name)
                               : g_strdup (_("Bit rate"));
  model = lc_chart_model_new (title);

  /* Translators: a chart axis unit: kilobits per second */
  panel = lc_chart_model_add_panel (model, _("kbit/s"), 4);
  /* Translators: in a chart's legend: the rate we sent; the value read out under the pointer
   * ("48.7 kbit/s sent"); the same when the second had no value */
  lc_chart_model_add_series (model, panel, LC_CHART_COLOUR_BLUE, _("Sent"), _("%s kbit/s sent"),
                             _("sent rate not measured"), 1);
  lc_chart_model_add_series (model, panel, LC_CHART_COLOUR_ORANGE, _("Received"),
                             _("%s kbit/s received"), _("received rate not measured"), 1);

  limit = format_limit (has_video ? thresholds->video_kbps : thresholds->audio_kbps);
  /* Translators: a rate line on a chart: the call must carry at least this much */
  needed = g_strdup_printf (_("%s kbit/s needed"), limit);
  lc_chart_model_add_threshold (model, panel,
                                has_video ? thresholds->video_kbps : thresholds->audio_kbps,
                                LC_CHART_LIMIT_MINIMUM, needed, needed);
  return model;
}

static LcChartModel *
build_delay_chart (const char         *call_name,
                   const LcThresholds *thresholds)
{
  g_autofree char *title = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *description = NULL;
  LcChartModel *model;
  guint rtt;
  guint jitter;
  guint loss;

  /* Translators: the accessible name of a chart; %s is a call's name, "Audio call" */
  title = has_name (call_name) ? g_strdup_printf (_("%s: round trip, jitter and loss"), call_name)
                               : g_strdup (_("Round trip, jitter and loss"));
  model = lc_chart_model_new (title);

  /* Translators: a chart axis unit: milliseconds */
  rtt = lc_chart_model_add_panel (model, _("ms"), 3);
  jitter = lc_chart_model_add_panel (model, _("ms"), 3);
  /* Translators: a chart axis unit: per cent */
  loss = lc_chart_model_add_panel (model, _("%"), 3);

  /* Translators: in a chart's legend: a call's round-trip time; the value read out under the
   * pointer ("round trip 48 ms"); the same when the second had no value */
  lc_chart_model_add_series (model, rtt, LC_CHART_COLOUR_BLUE, _("Round trip"),
                             _("round trip %s ms"), _("round trip not measured"), 0);
  lc_chart_model_add_series (model, jitter, LC_CHART_COLOUR_PURPLE, _("Jitter"),
                             _("jitter %s ms"), _("jitter not measured"), 1);
  lc_chart_model_add_series (model, loss, LC_CHART_COLOUR_ORANGE, _("Packet loss"),
                             _("loss %s %%"), _("loss not measured"), 1);

  limit = format_limit (thresholds->rtt_ms);
  /* Translators: a threshold line in a chart's legend, then the same after a value read out:
   * "round trip 48 ms (limit 300 ms)" */
  legend = g_strdup_printf (_("Limit %s ms"), limit);
  description = g_strdup_printf (_("limit %s ms"), limit);
  lc_chart_model_add_threshold (model, rtt, thresholds->rtt_ms, LC_CHART_LIMIT_MAXIMUM, legend,
                                description);

  g_free (limit);
  g_free (legend);
  g_free (description);
  limit = format_limit (thresholds->jitter_ms);
  legend = g_strdup_printf (_("Limit %s ms"), limit);
  description = g_strdup_printf (_("limit %s ms"), limit);
  lc_chart_model_add_threshold (model, jitter, thresholds->jitter_ms, LC_CHART_LIMIT_MAXIMUM,
                                legend, description);

  g_free (limit);
  g_free (legend);
  g_free (description);
  limit = format_limit (thresholds->loss_percent);
  legend = g_strdup_printf (_("Limit %s %%"), limit);
  description = g_strdup_printf (_("limit %s %%"), limit);
  lc_chart_model_add_threshold (model, loss, thresholds->loss_percent, LC_CHART_LIMIT_MAXIMUM,
                                legend, description);
  return model;
}

/**
 * lc_call_charts_new:
 * @call_name: (nullable): the call as the page names it ("Audio call"), for the accessible
 *   names
 * @thresholds: the profile's thresholds (copied)
 * @has_video: whether the call carries video: its rate line is then `video_kbps`
 * @planned_s: the call's planned seconds, so the time axis does not rescale as it runs; 0 when
 *   unknown
 *
 * Returns: (transfer full): empty charts for a call about to start
 */
LcCallCharts *
lc_call_charts_new (const char         *call_name,
                    const LcThresholds *thresholds,
                    gboolean            has_video,
                    double              planned_s)
{
  LcCallCharts *self;

  g_return_val_if_fail (thresholds != NULL, NULL);

  self = g_object_new (LC_TYPE_CALL_CHARTS, NULL);
  self->thresholds = *thresholds;
  self->has_video = has_video;
  self->rate = build_rate_chart (call_name, thresholds, has_video);
  self->delay = build_delay_chart (call_name, thresholds);
  /* Translators: the accessible name of the strip of a call's 5-second windows; %s is the
   * call's name, "Audio call" */
  self->windows_title = has_name (call_name)
                        ? g_strdup_printf (_("%s: 5-second windows"), call_name)
                        : g_strdup (_("5-second windows"));
  self->windows = lc_window_strip_model_new (self->windows_title);

  lc_chart_model_set_span (self->rate, planned_s);
  lc_chart_model_set_span (self->delay, planned_s);
  lc_window_strip_model_set_span (self->windows, planned_s);
  return self;
}

/* Derived figures (the downlink loss of an echo call) can come out a hair below 0, which core
 * reads as 0 too; a missing one stays missing. */
static double
figure (double value)
{
  if (!isfinite (value))
    return NAN;
  return MAX (value, 0.0);
}

static void
judge_windows (LcCallCharts *self)
{
  g_autoptr(LcQuality) quality = NULL;
  double last_t = NAN;

  if (self->samples->len > 0)
    last_t = g_array_index (self->samples, LcQualitySample, self->samples->len - 1).t;

  quality = lc_quality_judge ((LcQualitySample *)self->samples->data, self->samples->len,
                              &self->thresholds, self->has_video);
  lc_window_strip_model_update (self->windows, quality, last_t);
}

static gboolean
append_sample (LcCallCharts        *self,
               const LcMediaSample *sample)
{
  LcQualitySample figures = {
    .t = sample->t,
    .rtt_ms = figure (sample->rtt_ms),
    .jitter_ms = figure (sample->jitter_ms),
    .loss_percent = figure (sample->loss_percent),
    .send_kbps = figure (sample->send_kbps),
    .recv_kbps = figure (sample->recv_kbps),
  };
  double rates[] = { figures.send_kbps, figures.recv_kbps };
  double delays[] = { figures.rtt_ms, figures.jitter_ms, figures.loss_percent };

  /* A sample the charts refuse (no usable time) is left out of the windows too, as core
   * leaves it out of them. */
  if (!lc_chart_model_append (self->rate, figures.t, rates, G_N_ELEMENTS (rates)))
    return FALSE;
  lc_chart_model_append (self->delay, figures.t, delays, G_N_ELEMENTS (delays));
  g_array_append_val (self->samples, figures);
  return TRUE;
}

/**
 * lc_call_charts_add_sample:
 * @sample: the call's next one-second sample
 *
 * Adds it to every chart and judges the windows again; each model then says "changed" once.
 */
void
lc_call_charts_add_sample (LcCallCharts        *self,
                           const LcMediaSample *sample)
{
  g_return_if_fail (LC_IS_CALL_CHARTS (self));
  g_return_if_fail (sample != NULL);

  if (append_sample (self, sample))
    judge_windows (self);
}

/**
 * lc_call_charts_new_for_result:
 * @result: a finished call, live or read back from a report
 * @thresholds: the thresholds the call was judged by
 * @call_name: (nullable): as for lc_call_charts_new()
 *
 * Returns: (transfer full): the call's charts, as they stood when it ended
 */
LcCallCharts *
lc_call_charts_new_for_result (LcMediaResult      *result,
                               const LcThresholds *thresholds,
                               const char         *call_name)
{
  const char * const *codecs;
  GPtrArray *samples;
  LcCallCharts *self;

  g_return_val_if_fail (LC_IS_MEDIA_RESULT (result), NULL);
  g_return_val_if_fail (thresholds != NULL, NULL);

  /* As the runner judges it: a call with VP8 is held to the video rate. */
  codecs = lc_media_result_get_codecs (result);
  self = lc_call_charts_new (call_name, thresholds,
                             codecs != NULL && g_strv_contains (codecs, "vp8"), 0.0);

  /* The windows are judged once over all the samples, not again after each as a live call
   * does: the same verdicts, without a cost that grows with the square of a long call. */
  samples = lc_media_result_get_samples (result);
  for (guint i = 0; i < samples->len; i++)
    append_sample (self, g_ptr_array_index (samples, i));
  judge_windows (self);
  lc_call_charts_finish (self);

  return self;
}

/**
 * lc_call_charts_finish:
 *
 * The call is over: the time axes end at its last sample, no window is in progress.
 */
void
lc_call_charts_finish (LcCallCharts *self)
{
  g_return_if_fail (LC_IS_CALL_CHARTS (self));

  lc_chart_model_finish (self->rate);
  lc_chart_model_finish (self->delay);
  lc_window_strip_model_finish (self->windows);
}

/**
 * lc_call_charts_get_rate:
 *
 * Returns: (transfer none): the bit-rate chart: sent and received, with the rate line
 */
LcChartModel *
lc_call_charts_get_rate (LcCallCharts *self)
{
  g_return_val_if_fail (LC_IS_CALL_CHARTS (self), NULL);

  return self->rate;
}

/**
 * lc_call_charts_get_delay:
 *
 * Returns: (transfer none): the chart of round trip, jitter and loss, with their limits
 */
LcChartModel *
lc_call_charts_get_delay (LcCallCharts *self)
{
  g_return_val_if_fail (LC_IS_CALL_CHARTS (self), NULL);

  return self->delay;
}

/**
 * lc_call_charts_get_windows:
 *
 * Returns: (transfer none): the call's 5-second windows
 */
LcWindowStripModel *
lc_call_charts_get_windows (LcCallCharts *self)
{
  g_return_val_if_fail (LC_IS_CALL_CHARTS (self), NULL);

  return self->windows;
}

typedef struct
{
  double rate;
  double delay;
  double caption;
  double strip;
  double gap;
  double plot_left;  /* the two charts' plots, lined up */
} Heights;

static void
get_heights (cairo_t            *cr,
             double              width,
             LcCallCharts       *self,
             const LcChartStyle *style,
             Heights            *heights)
{
  LcChartGeometry geometry;
  PangoContext *context = pango_cairo_create_context (cr);
  g_autoptr(PangoFontDescription) font = lc_render_font_new (style, 1.0);
  g_autoptr(PangoLayout) caption = lc_render_text_new (context, font, self->windows_title);

  lc_render_text_size (caption, NULL, &heights->caption);
  g_object_unref (context);

  lc_chart_get_geometry (cr, width, 0, self->rate, style, &geometry);
  heights->rate = geometry.natural_height;
  heights->plot_left = geometry.plots[0].x;
  lc_chart_get_geometry (cr, width, 0, self->delay, style, &geometry);
  heights->delay = geometry.natural_height;
  heights->plot_left = MAX (heights->plot_left, geometry.plots[0].x);
  heights->strip = lc_window_strip_get_height (cr, style);
  heights->gap = ceil (heights->caption * 0.6);
}

/**
 * lc_call_charts_get_height:
 * @cr: the context it will be drawn on
 * @width: the width it will be drawn at
 *
 * Returns: the height lc_call_charts_render() reads best at, at @width
 */
double
lc_call_charts_get_height (cairo_t            *cr,
                           double              width,
                           LcCallCharts       *self,
                           const LcChartStyle *style)
{
  Heights heights;

  g_return_val_if_fail (cr != NULL, 0.0);
  g_return_val_if_fail (LC_IS_CALL_CHARTS (self), 0.0);
  g_return_val_if_fail (style != NULL, 0.0);

  get_heights (cr, width, self, style, &heights);
  return heights.rate + heights.delay + heights.caption + heights.strip + 3 * heights.gap;
}

/**
 * lc_call_charts_render:
 * @cr: where to draw (a PDF page, an image)
 * @width: the width in @cr's user units
 * @height: the height
 *
 * Draws the call's two charts and its windows under each other at (0, 0), each through its own
 * routine: the figure of a call in a report.
 */
void
lc_call_charts_render (cairo_t            *cr,
                       double              width,
                       double              height,
                       LcCallCharts       *self,
                       const LcChartStyle *style)
{
  g_autoptr(PangoFontDescription) font = NULL;
  g_autoptr(PangoLayout) caption = NULL;
  PangoContext *context;
  LcChartStyle aligned;
  Heights heights;
  double charts;
  double rate_height;
  double y;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (LC_IS_CALL_CHARTS (self));
  g_return_if_fail (style != NULL);

  get_heights (cr, width, self, style, &heights);
  charts = MAX (0.0, height - heights.caption - heights.strip - 3 * heights.gap);
  rate_height = floor (charts * heights.rate / (heights.rate + heights.delay));

  /* One time axis under the other, whatever their value labels' widths. */
  aligned = *style;
  aligned.plot_left = MAX (style->plot_left, heights.plot_left);

  cairo_save (cr);
  lc_chart_render (cr, width, rate_height, self->rate, &aligned, -1);

  y = rate_height + heights.gap;
  cairo_translate (cr, 0, y);
  lc_chart_render (cr, width, charts - rate_height, self->delay, &aligned, -1);

  cairo_translate (cr, 0, charts - rate_height + heights.gap);
  context = pango_cairo_create_context (cr);
  font = lc_render_font_new (style, 1.0);
  caption = lc_render_text_new (context, font, self->windows_title);
  lc_render_draw_text (cr, caption, &style->foreground, 0, 0);
  g_object_unref (context);

  cairo_translate (cr, 0, heights.caption + heights.gap);
  lc_window_strip_render (cr, width, heights.strip, self->windows, style, -1);
  cairo_restore (cr);
}
