/* test-chart.c — the call charts: scales, gaps, thresholds, words, and the drawing in pixels
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>

#include "chart-test-data.h"
#include "lc-call-charts.h"
#include "lc-chart-render.h"
#include "lc-window-strip-render.h"

/* --- scales ------------------------------------------------------------------------------ */

static void
test_axis_nice_steps (void)
{
  g_assert_cmpfloat (lc_chart_nice_step (10, 5), ==, 2);
  g_assert_cmpfloat (lc_chart_nice_step (345, 4), ==, 100);
  g_assert_cmpfloat (lc_chart_nice_step (52.8, 4), ==, 20);
  g_assert_cmpfloat_with_epsilon (lc_chart_nice_step (0.3, 3), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (lc_chart_nice_step (0.07, 3), 0.05, 1e-12);
  g_assert_cmpfloat (lc_chart_nice_step (60, 20), ==, 5);

  /* Nothing to divide: a step of 1, never 0 or NAN (a loop over ticks would never end). */
  g_assert_cmpfloat (lc_chart_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (lc_chart_nice_step (-3, 5), ==, 1);
  g_assert_cmpfloat (lc_chart_nice_step (NAN, 5), ==, 1);
  g_assert_cmpfloat (lc_chart_nice_step (INFINITY, 5), ==, 1);
  g_assert_cmpfloat (lc_chart_nice_step (10, 0), ==, 10);
}

static void
assert_axis_sane (const LcChartAxis *axis)
{
  g_assert_true (isfinite (axis->min) && isfinite (axis->max) && isfinite (axis->step));
  g_assert_cmpfloat (axis->max, >, axis->min);
  g_assert_cmpfloat (axis->step, >, 0);
  g_assert_cmpuint (axis->n_intervals, >=, 1);
  g_assert_cmpuint (axis->n_intervals, <=, LC_CHART_AXIS_MAX_TICKS);
  g_assert_cmpfloat_with_epsilon (axis->min + axis->n_intervals * axis->step, axis->max,
                                  axis->step * 1e-9);
}

static void
test_axis_holds_the_thresholds (void)
{
  const double rates[] = { 47.2, 48.9, 49.3 };
  const double rate_line[] = { 40 };
  const double rtts[] = { 21, 34, 28 };
  const double rtt_limit[] = { 300 };
  const double spikes[] = { 40, 2100, 35 };
  LcChartAxis axis;

  /* The rate line sits inside the chart with room above it and above the data. */
  lc_chart_axis_init_data (&axis, rates, G_N_ELEMENTS (rates), rate_line, 1, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 60);
  g_assert_cmpfloat (axis.step, ==, 20);
  g_assert_cmpfloat (lc_chart_axis_normalise (&axis, 40), >, 0.5);
  g_assert_cmpfloat (lc_chart_axis_normalise (&axis, 49.3), <, 1.0);

  /* A round trip far under its limit: the limit still shows, not on the top edge. */
  lc_chart_axis_init_data (&axis, rtts, G_N_ELEMENTS (rtts), rtt_limit, 1, 3);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.max, >=, 300 * 1.1);
  g_assert_cmpfloat (lc_chart_axis_normalise (&axis, 300), <, 0.95);

  /* A spike far over the limit: the spike and the limit both show. */
  lc_chart_axis_init_data (&axis, spikes, G_N_ELEMENTS (spikes), rtt_limit, 1, 3);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.max, >=, 2100);
  g_assert_cmpfloat (lc_chart_axis_normalise (&axis, 300), >, 0.0);
}

static void
test_axis_never_collapses (void)
{
  const double flat[] = { 48, 48, 48, 48 };
  const double zeros[] = { 0, 0, 0 };
  const double one[] = { 12.5 };
  const double gaps[] = { NAN, NAN, INFINITY, -INFINITY };
  const double negative[] = { -0.02, -0.02 };
  const double huge[] = { 1e300, -1e300 };
  const double limit[] = { 1.5 };
  LcChartAxis axis;

  lc_chart_axis_init_data (&axis, flat, G_N_ELEMENTS (flat), NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, >, 48);

  lc_chart_axis_init_data (&axis, zeros, G_N_ELEMENTS (zeros), NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1);

  lc_chart_axis_init_data (&axis, NULL, 0, NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1);

  /* No value yet, but the limit already shows. */
  lc_chart_axis_init_data (&axis, NULL, 0, limit, 1, 3);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.max, >=, 1.5 * 1.1);

  lc_chart_axis_init_data (&axis, one, 1, NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.max, >, 12.5);

  /* Gaps and infinities are no data. */
  lc_chart_axis_init_data (&axis, gaps, G_N_ELEMENTS (gaps), NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.max, ==, 1);

  lc_chart_axis_init_data (&axis, negative, G_N_ELEMENTS (negative), NULL, 0, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, <=, -0.02);
  g_assert_cmpfloat (axis.max, >=, 0);

  /* A damaged report's absurd values still give a finite axis. */
  lc_chart_axis_init_data (&axis, huge, G_N_ELEMENTS (huge), NULL, 0, 4);
  assert_axis_sane (&axis);

  lc_chart_axis_init_range (&axis, 5, 5, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, <=, 5);
  g_assert_cmpfloat (axis.max, >=, 5);

  lc_chart_axis_init_range (&axis, NAN, 3, 4);
  assert_axis_sane (&axis);

  lc_chart_axis_init_range (&axis, 9, 2, 4);
  assert_axis_sane (&axis);
  g_assert_cmpfloat (axis.min, <=, 2);
  g_assert_cmpfloat (axis.max, >=, 9);

  /* Ranges that round out awkwardly still keep to the intervals asked for. */
  for (guint max = 1; max <= 8; max++)
    for (double high = 0.01; high < 5000; high *= 1.37)
      {
        lc_chart_axis_init_range (&axis, 0, high, max);
        assert_axis_sane (&axis);
        g_assert_cmpuint (axis.n_intervals, <=, max);
        g_assert_cmpfloat (axis.max, >=, high);
      }
}

static void
test_axis_ticks_read_exactly (void)
{
  LcChartAxis axis;
  g_autoptr(GString) labels = g_string_new (NULL);

  lc_chart_axis_init_range (&axis, 0, 0.3, 3);
  g_assert_cmpint (axis.digits, ==, 1);
  for (guint i = 0; i <= axis.n_intervals; i++)
    g_string_append_printf (labels, "%.*f ", axis.digits, lc_chart_axis_get_tick (&axis, i));
  g_assert_cmpstr (labels->str, ==, "0.0 0.1 0.2 0.3 ");

  g_string_truncate (labels, 0);
  lc_chart_axis_init_range (&axis, -1, 1, 4);
  for (guint i = 0; i <= axis.n_intervals; i++)
    g_string_append_printf (labels, "%.*f ", axis.digits, lc_chart_axis_get_tick (&axis, i));
  g_assert_cmpstr (labels->str, ==, "-1.0 -0.5 0.0 0.5 1.0 ");

  g_string_truncate (labels, 0);
  lc_chart_axis_init_range (&axis, 0, 345, 4);
  for (guint i = 0; i <= axis.n_intervals; i++)
    g_string_append_printf (labels, "%.*f ", axis.digits, lc_chart_axis_get_tick (&axis, i));
  g_assert_cmpstr (labels->str, ==, "0 100 200 300 400 ");
}

/* --- models ------------------------------------------------------------------------------ */

static LcCallCharts *
audio_call (guint seconds,
            guint planned)
{
  LcCallCharts *charts = lc_call_charts_new (NULL, &chart_test_thresholds, FALSE, planned);

  for (guint s = 1; s <= seconds; s++)
    {
      g_autoptr(LcMediaSample) sample = chart_test_sample (s);
      lc_call_charts_add_sample (charts, sample);
    }
  return charts;
}

static void
test_model_gaps_stay_gaps (void)
{
  g_autoptr(LcCallCharts) charts = audio_call (8, 10);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  LcChartModel *delay = lc_call_charts_get_delay (charts);
  g_autoptr(LcChartModel) sparse = lc_chart_model_new ("sparse");
  const double one[] = { 1 };
  const double none[] = { NAN };

  /* Second 5 had no figure: it stays empty on every series, never 0. */
  g_assert_cmpuint (lc_chart_model_get_n_samples (rate), ==, 8);
  for (guint s = 0; s < lc_chart_model_get_n_series (rate); s++)
    {
      g_assert_true (isnan (lc_chart_model_get_value (rate, s, 4)));
      g_assert_true (isnan (lc_chart_model_get_y (rate, s, 4)));
      g_assert_false (isnan (lc_chart_model_get_y (rate, s, 3)));
    }
  /* No round trip before the first RTCP report. */
  g_assert_true (isnan (lc_chart_model_get_y (delay, 0, 0)));
  g_assert_true (isnan (lc_chart_model_get_y (delay, 0, 1)));
  g_assert_false (isnan (lc_chart_model_get_y (delay, 0, 2)));

  /* The readout says so in words. */
  {
    g_autofree char *readout = lc_chart_model_dup_readout (delay, 0, FALSE);
    g_assert_cmpstr (readout, ==, "1 s: round trip not measured, jitter 3.0 ms, loss 0.0 %");
  }

  /* A missing second (no sample at all) breaks the line too. */
  lc_chart_model_add_panel (sparse, "x", 4);
  lc_chart_model_add_series (sparse, 0, LC_CHART_COLOUR_BLUE, "x", "%s x", "no x", 0);
  g_assert_true (lc_chart_model_append (sparse, 1.0, one, 1));
  g_assert_true (lc_chart_model_append (sparse, 2.01, one, 1));
  g_assert_true (lc_chart_model_append (sparse, 4.0, one, 1));
  g_assert_true (lc_chart_model_append (sparse, 5.0, none, 1));
  g_assert_false (lc_chart_model_breaks_before (sparse, 1));
  g_assert_true (lc_chart_model_breaks_before (sparse, 2));
  g_assert_true (isnan (lc_chart_model_get_y (sparse, 0, 3)));

  /* A sample from a damaged report (time going back, no time) is left out. */
  g_assert_false (lc_chart_model_append (sparse, 3.0, one, 1));
  g_assert_false (lc_chart_model_append (sparse, NAN, one, 1));
  g_assert_false (lc_chart_model_append (sparse, -1, one, 1));
  g_assert_cmpuint (lc_chart_model_get_n_samples (sparse), ==, 4);
}

static void
test_model_scale_includes_thresholds (void)
{
  g_autoptr(LcCallCharts) charts = audio_call (10, 10);
  g_autoptr(LcCallCharts) video = lc_call_charts_new (NULL, &chart_test_thresholds, TRUE, 10);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  LcChartModel *delay = lc_call_charts_get_delay (charts);
  const double fast[] = { 612.0, 598.0 };
  const LcChartThreshold *line;

  /* Audio is held to 40 kbit/s, as the profile says. */
  line = lc_chart_model_get_threshold (rate, 0, 0);
  g_assert_cmpfloat (line->value, ==, 40);
  g_assert_cmpint (line->kind, ==, LC_CHART_LIMIT_MINIMUM);
  g_assert_cmpstr (line->label, ==, "40 kbit/s needed");
  g_assert_cmpfloat (line->position, >, 0.0);
  g_assert_cmpfloat (line->position, <, 1.0);

  /* Every limit of the delay chart is on its panel, with its own words. */
  for (guint p = 0; p < 3; p++)
    {
      line = lc_chart_model_get_threshold (delay, p, 0);
      g_assert_cmpint (line->kind, ==, LC_CHART_LIMIT_MAXIMUM);
      g_assert_cmpfloat (line->position, >, 0.0);
      g_assert_cmpfloat (line->position, <, 0.95);
    }
  g_assert_cmpstr (lc_chart_model_get_threshold (delay, 0, 0)->label, ==, "Limit 300 ms");
  g_assert_cmpstr (lc_chart_model_get_threshold (delay, 1, 0)->label, ==, "Limit 50 ms");
  g_assert_cmpstr (lc_chart_model_get_threshold (delay, 2, 0)->label, ==, "Limit 1.5 %");

  /* The loss burst of second 7 (6 %) is on the chart, above its 1.5 % limit. */
  g_assert_cmpfloat (lc_chart_model_get_panel_axis (delay, 2)->max, >=, 6.0);

  /* A video call: the 80 kbit/s line, which a fast call pushes down but never off. */
  rate = lc_call_charts_get_rate (video);
  g_assert_cmpfloat (lc_chart_model_get_threshold (rate, 0, 0)->value, ==, 80);
  lc_chart_model_append (rate, 1.0, fast, 2);
  line = lc_chart_model_get_threshold (rate, 0, 0);
  g_assert_cmpfloat (lc_chart_model_get_panel_axis (rate, 0)->max, >=, 612);
  g_assert_cmpfloat (line->position, >, 0.0);
  g_assert_cmpfloat_with_epsilon (line->position,
                                  80 / lc_chart_model_get_panel_axis (rate, 0)->max, 1e-9);
}

static void
test_model_empty_and_one_sample (void)
{
  g_autoptr(LcCallCharts) charts = lc_call_charts_new ("Audio call", &chart_test_thresholds,
                                                       FALSE, 10);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  g_autoptr(LcMediaSample) first = chart_test_sample (1);
  g_autofree char *waiting = lc_chart_model_dup_description (rate);
  g_autofree char *latest = NULL;
  g_autofree char *over = NULL;

  g_assert_cmpstr (lc_chart_model_get_title (rate), ==, "Audio call: bit rate");
  g_assert_cmpstr (waiting, ==, "Waiting for the first measurement.");
  g_assert_cmpint (lc_chart_model_find_nearest (rate, 0.5), ==, -1);
  /* The time axis covers the planned call from the start, so it will not jump each second. */
  g_assert_cmpfloat (lc_chart_model_get_time_end (rate), ==, 10);

  lc_call_charts_add_sample (charts, first);
  latest = lc_chart_model_dup_description (rate);
  g_assert_cmpstr (latest, ==, "At 1 s: 49.4 kbit/s sent, 47.6 kbit/s received "
                               "(40 kbit/s needed).");
  g_assert_cmpint (lc_chart_model_find_nearest (rate, 0.9), ==, 0);
  g_assert_cmpfloat_with_epsilon (lc_chart_model_get_x (rate, 0), 1.002 / 10, 1e-9);

  /* A call that ended with nothing measured says so. */
  {
    g_autoptr(LcCallCharts) failed = lc_call_charts_new (NULL, &chart_test_thresholds, FALSE, 10);

    lc_call_charts_finish (failed);
    over = lc_chart_model_dup_description (lc_call_charts_get_delay (failed));
    g_assert_cmpstr (over, ==, "No measurements.");
  }
}

static void
test_model_readout_and_description (void)
{
  g_autoptr(LcCallCharts) charts = audio_call (12, 15);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  LcChartModel *delay = lc_call_charts_get_delay (charts);
  g_autofree char *readout = lc_chart_model_dup_readout (rate, 11, FALSE);
  g_autofree char *lines = lc_chart_model_dup_readout (delay, 6, TRUE);
  g_autofree char *description = lc_chart_model_dup_description (delay);
  int nearest;

  g_assert_cmpstr (readout, ==, "12 s: 49.4 kbit/s sent, 48.7 kbit/s received");
  g_assert_cmpstr (lines, ==, "7 s\nround trip 36 ms\njitter 12.3 ms\nloss 6.0 %");
  g_assert_cmpstr (description, ==, "At 12 s: round trip 102 ms (limit 300 ms), "
                                    "jitter 2.5 ms (limit 50 ms), loss 0.0 % (limit 1.5 %).");

  /* The pointer between two seconds picks the nearer one. */
  nearest = lc_chart_model_find_nearest (rate, 6.4 / 15);
  g_assert_cmpint (nearest, ==, 5);
  nearest = lc_chart_model_find_nearest (rate, 6.6 / 15);
  g_assert_cmpint (nearest, ==, 6);
  nearest = lc_chart_model_find_nearest (rate, 2.0);
  g_assert_cmpint (nearest, ==, 11);
}

static void
count_change (guint *count)
{
  (*count)++;
}

static void
test_model_redraws_once_per_sample (void)
{
  g_autoptr(LcCallCharts) charts = lc_call_charts_new (NULL, &chart_test_thresholds, FALSE, 10);
  guint changed = 0;
  guint windows_changed = 0;

  /* A widget redraws on "changed": once per sample, not once per series or per panel. */
  g_signal_connect_swapped (lc_call_charts_get_rate (charts), "changed",
                            G_CALLBACK (count_change), &changed);
  g_signal_connect_swapped (lc_call_charts_get_windows (charts), "changed",
                            G_CALLBACK (count_change), &windows_changed);

  for (guint s = 1; s <= 4; s++)
    {
      g_autoptr(LcMediaSample) sample = chart_test_sample (s);
      lc_call_charts_add_sample (charts, sample);
    }
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (windows_changed, ==, 4);
}

/* --- windows ----------------------------------------------------------------------------- */

static void
test_windows_follow_the_call (void)
{
  g_autoptr(LcCallCharts) charts = audio_call (7, 15);
  LcWindowStripModel *windows = lc_call_charts_get_windows (charts);
  const LcWindowStripCell *cell;
  g_autofree char *description = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tooltip = NULL;

  /* Seven seconds into a 15 s call: one window done, one under way, one still to come. */
  g_assert_cmpuint (lc_window_strip_model_get_n_cells (windows), ==, 3);
  cell = lc_window_strip_model_get_cell (windows, 0);
  g_assert_cmpint (cell->state, ==, LC_WINDOW_STATE_PASS);
  g_assert_false (cell->in_progress);
  cell = lc_window_strip_model_get_cell (windows, 1);
  g_assert_true (cell->in_progress);
  g_assert_cmpint (cell->state, ==, LC_WINDOW_STATE_FAIL);
  g_assert_cmpfloat_with_epsilon (cell->elapsed, (7.002 - 5) / 5, 1e-9);
  g_assert_cmpint (lc_window_strip_model_get_cell (windows, 2)->state, ==,
                   LC_WINDOW_STATE_PENDING);

  description = lc_window_strip_model_dup_description (windows);
  g_assert_cmpstr (description, ==, "0–5 s: within the thresholds; "
                                    "5–10 s: in progress, a threshold broken; "
                                    "10–15 s: still to come.");

  for (guint s = 8; s <= 15; s++)
    {
      g_autoptr(LcMediaSample) sample = chart_test_sample (s);
      lc_call_charts_add_sample (charts, sample);
    }
  lc_call_charts_finish (charts);

  /* Core's verdicts: the loss burst broke window 2 (a mean of 1.65 %); the bump did not. Sample 15
   * (at 15.0 s) opens a fourth window, as core counts it. */
  g_assert_cmpuint (lc_window_strip_model_get_n_cells (windows), ==, 4);
  g_assert_cmpint (lc_window_strip_model_get_cell (windows, 1)->state, ==, LC_WINDOW_STATE_FAIL);
  g_assert_cmpint (lc_window_strip_model_get_cell (windows, 2)->state, ==, LC_WINDOW_STATE_PASS);
  for (guint i = 0; i < 4; i++)
    g_assert_false (lc_window_strip_model_get_cell (windows, i)->in_progress);

  after = lc_window_strip_model_dup_description (windows);
  g_assert_cmpstr (after, ==, "0–5 s: within the thresholds; 5–10 s: broke a threshold; "
                              "10–15 s: within the thresholds; "
                              "15–20 s: within the thresholds.");

  /* The tooltip says what broke, with core's sentence, and the window's figures. */
  tooltip = lc_window_strip_model_dup_cell_text (windows, 1);
  g_assert_nonnull (strstr (tooltip, "5–10 s: broke a threshold\n"));
  g_assert_nonnull (strstr (tooltip, "Between 5 s and 10 s the packet loss reached 1.6 % "
                                     "(limit 1.5 %)"));
  g_assert_nonnull (strstr (tooltip, "loss 1.6 %"));
  g_assert_nonnull (strstr (tooltip, "MOS "));
}

/* --- drawing ----------------------------------------------------------------------------- */

static char *
output_path (const char *name)
{
  const char *dir = g_getenv ("LC_SCREENSHOT_DIR");

  return g_build_filename (dir != NULL ? dir : ".", name, NULL);
}

static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  g_autofree char *path = output_path (name);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("image: %s", path);
}

static gboolean
pixel_is (cairo_surface_t *surface,
          int              x,
          int              y,
          const LcRgba    *colour)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);
  int r = (pixel >> 16) & 0xff;
  int g = (pixel >> 8) & 0xff;
  int b = pixel & 0xff;

  /* Opaque surfaces only here: no premultiplication to undo. */
  return ABS (r - (int)round (colour->red * 255)) <= 12 &&
         ABS (g - (int)round (colour->green * 255)) <= 12 &&
         ABS (b - (int)round (colour->blue * 255)) <= 12;
}

static guint
count_in_row (cairo_surface_t   *surface,
              const LcChartRect *plot,
              int                y,
              const LcRgba      *colour)
{
  guint count = 0;

  for (int x = (int)ceil (plot->x) + 1; x < (int)floor (plot->x + plot->width) - 1; x++)
    count += pixel_is (surface, x, y, colour);
  return count;
}

/* Print colours with the threshold and the series in colours nothing else is drawn in. */
static void
test_style (LcChartStyle *style)
{
  lc_chart_style_init_print (style);
  style->line_width = 2.0;
  style->threshold = (LcRgba) { 1, 0, 1, 1 };
  style->beyond_threshold.alpha = 0.0;
  style->series[LC_CHART_COLOUR_BLUE] = (LcRgba) { 0, 0, 1, 1 };
  style->series[LC_CHART_COLOUR_ORANGE] = (LcRgba) { 0, 0.8, 0, 1 };
}

static void
test_render_threshold_at_its_row (void)
{
  const int width = 640;
  const int height = 260;
  g_autoptr(LcCallCharts) charts = audio_call (10, 10);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  const LcChartAxis *axis = lc_chart_model_get_panel_axis (rate, 0);
  LcChartGeometry geometry;
  LcChartStyle style;
  const LcChartRect *plot;
  double exact;
  int best_row = -1;
  guint best = 0;

  test_style (&style);
  lc_chart_render (cr, width, height, rate, &style, -1);
  cairo_surface_flush (surface);
  save_png (surface, "chart-threshold-test.png");

  /* Where the 40 kbit/s line must be, from the axis alone: 0…60 over the plot's height. */
  g_assert_cmpfloat (axis->min, ==, 0);
  g_assert_cmpfloat (axis->max, ==, 60);
  lc_chart_get_geometry (cr, width, height, rate, &style, &geometry);
  plot = &geometry.plots[0];
  g_assert_cmpfloat (plot->height, >, 100);
  exact = plot->y + plot->height * (1.0 - 40.0 / 60.0);

  for (int y = (int)floor (exact) - 1; y <= (int)floor (exact) + 1; y++)
    {
      guint n = count_in_row (surface, plot, y, &style.threshold);

      if (n > best)
        {
          best = n;
          best_row = y;
        }
    }

  /* The dashed line fills more than half the row (dashes 5:3), and nothing of it shows a few
   * pixels above or below. */
  g_assert_cmpint (ABS (best_row - (int)floor (exact)), <=, 1);
  g_assert_cmpuint (best, >, plot->width * 0.5);
  g_assert_cmpuint (count_in_row (surface, plot, best_row - 4, &style.threshold), ==, 0);
  g_assert_cmpuint (count_in_row (surface, plot, best_row + 4, &style.threshold), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_render_gap_is_not_zero (void)
{
  const int width = 640;
  const int height = 260;
  g_autoptr(LcCallCharts) charts = audio_call (10, 10);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  LcChartGeometry geometry;
  LcChartStyle style;
  const LcChartRect *plot;
  int gap_from;
  int gap_to;
  guint sent_before = 0;
  guint sent_in_gap = 0;

  test_style (&style);
  lc_chart_render (cr, width, height, rate, &style, -1);
  cairo_surface_flush (surface);
  lc_chart_get_geometry (cr, width, height, rate, &style, &geometry);
  plot = &geometry.plots[0];

  /* Second 5 had no value: between seconds 4 and 6 (less the dots' radius) no blue at all,
   * at 0 or anywhere; between 2 and 4 the line runs. */
  gap_from = (int)ceil (plot->x + plot->width * lc_chart_model_get_x (rate, 3)) + 4;
  gap_to = (int)floor (plot->x + plot->width * lc_chart_model_get_x (rate, 5)) - 4;
  g_assert_cmpint (gap_to - gap_from, >, 40);
  for (int y = (int)plot->y; y < (int)(plot->y + plot->height) + 2; y++)
    {
      for (int x = gap_from; x < gap_to; x++)
        sent_in_gap += pixel_is (surface, x, y, &style.series[LC_CHART_COLOUR_BLUE]);
      for (int x = gap_from - (gap_to - gap_from) - 8; x < gap_from - 8; x++)
        sent_before += pixel_is (surface, x, y, &style.series[LC_CHART_COLOUR_BLUE]);
    }
  g_assert_cmpuint (sent_in_gap, ==, 0);
  g_assert_cmpuint (sent_before, >, 40);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Renders a whole call to a PNG for a person to look at, and returns it. */
static cairo_surface_t *
render_call (LcCallCharts       *charts,
             const LcChartStyle *style,
             int                 width,
             const char         *name,
             int                 highlight)
{
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (probe);
  LcChartGeometry rate;
  LcChartGeometry delay;
  double strip;
  cairo_surface_t *surface;
  int height;

  lc_chart_get_geometry (cr, width - 24, 0, lc_call_charts_get_rate (charts), style, &rate);
  lc_chart_get_geometry (cr, width - 24, 0, lc_call_charts_get_delay (charts), style, &delay);
  strip = lc_window_strip_get_height (cr, style);
  cairo_destroy (cr);
  cairo_surface_destroy (probe);

  height = (int)(rate.natural_height + delay.natural_height + strip + 48);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, style->background.red, style->background.green,
                        style->background.blue);
  cairo_paint (cr);

  cairo_translate (cr, 12, 12);
  lc_chart_render (cr, width - 24, rate.natural_height, lc_call_charts_get_rate (charts), style,
                   highlight);
  cairo_translate (cr, 0, rate.natural_height + 12);
  lc_chart_render (cr, width - 24, delay.natural_height, lc_call_charts_get_delay (charts),
                   style, highlight);
  cairo_translate (cr, 0, delay.natural_height + 12);
  lc_window_strip_render (cr, width - 24, strip, lc_call_charts_get_windows (charts), style,
                          highlight >= 0 ? 1 : -1);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  if (name != NULL)
    save_png (surface, name);
  return surface;
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return cairo_image_surface_get_width (a) == cairo_image_surface_get_width (b) &&
         height == cairo_image_surface_get_height (b) &&
         memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize)height * stride) == 0;
}

static void
test_render_reopened_report_draws_like_live (void)
{
  LcMediaEntry entry = { .id = (char *)"audio", .via = LC_MEDIA_VIA_ECHO, .seconds = 10 };
  const char * const codecs[] = { "opus", NULL };
  g_autoptr(LcMediaResult) result = lc_media_result_new (&entry);
  g_autoptr(LcCallCharts) live = audio_call (10, 10);
  g_autoptr(LcCallCharts) reopened = NULL;
  LcChartStyle style;
  cairo_surface_t *live_image;
  cairo_surface_t *reopened_image;

  lc_media_result_set_codecs (result, codecs);
  for (guint s = 1; s <= 10; s++)
    lc_media_result_add_sample (result, chart_test_sample (s));
  lc_call_charts_finish (live);
  reopened = lc_call_charts_new_for_result (result, &chart_test_thresholds, NULL);

  lc_chart_style_init_light (&style);
  live_image = render_call (live, &style, 700, NULL, -1);
  reopened_image = render_call (reopened, &style, 700, "chart-reopened.png", -1);
  g_assert_true (surfaces_equal (live_image, reopened_image));

  cairo_surface_destroy (live_image);
  cairo_surface_destroy (reopened_image);
}

static void
test_render_pictures_to_look_at (void)
{
  g_autoptr(LcCallCharts) running = audio_call (7, 15);
  g_autoptr(LcCallCharts) done = audio_call (15, 15);
  g_autoptr(LcCallCharts) empty = lc_call_charts_new (NULL, &chart_test_thresholds, TRUE, 10);
  LcChartStyle style;

  lc_call_charts_finish (done);

  lc_chart_style_init_print (&style);
  style.background.alpha = 1.0;
  cairo_surface_destroy (render_call (done, &style, 760, "chart-print.png", -1));
  cairo_surface_destroy (render_call (running, &style, 360, "chart-print-narrow.png", -1));
  cairo_surface_destroy (render_call (empty, &style, 600, "chart-empty.png", -1));
  cairo_surface_destroy (render_call (done, &style, 760, "chart-print-highlight.png", 6));
  cairo_surface_destroy (render_call (done, &style, 760, "chart-print-highlight-end.png", 14));

  lc_chart_style_init_dark (&style);
  style.background = (LcRgba) { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1 };
  cairo_surface_destroy (render_call (running, &style, 760, "chart-dark.png", 3));
}

static void
test_render_on_a_pdf_page (void)
{
  g_autofree char *path = output_path ("chart-call.pdf");
  g_autoptr(LcCallCharts) charts = audio_call (15, 15);
  cairo_surface_t *surface;
  cairo_t *cr;
  LcChartStyle style;
  double height;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  lc_call_charts_finish (charts);
  lc_chart_style_init_print (&style);

  /* An A4 page in points, the figure 16 cm wide. */
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  height = lc_call_charts_get_height (cr, 454, charts, &style);
  g_assert_cmpfloat (height, >, 100);
  g_assert_cmpfloat (height, <, 700);
  cairo_translate (cr, 70, 70);
  lc_call_charts_render (cr, 454, height, charts, &style);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_test_message ("pdf: %s", path);
}

static double
hostile_value (GRand *rand)
{
  static const double specials[] = { NAN, INFINITY, -INFINITY, 1e300, -1e300, 0.0, -0.0, 1e-300,
                                     DBL_MAX, -DBL_MAX, 4e12, 300, 1.5 };

  if (g_rand_boolean (rand))
    return specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];
  return g_rand_double_range (rand, -1e6, 1e6);
}

/* A stored report is anyone's file: whatever figures and times it holds, the charts neither
 * crash, nor hang, nor draw outside their box. */
static void
test_render_survives_any_figures (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  static const int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 12, 8 }, { 90, 40 }, { 360, 300 } };
  LcChartStyle style;

  lc_chart_style_init_light (&style);

  for (guint round_ = 0; round_ < 20; round_++)
    {
      g_autoptr(LcCallCharts) charts = NULL;
      LcThresholds thresholds = {
        .rtt_ms = hostile_value (rand), .jitter_ms = hostile_value (rand),
        .loss_percent = hostile_value (rand), .audio_kbps = hostile_value (rand),
        .video_kbps = hostile_value (rand),
      };
      double t = 0.0;

      charts = lc_call_charts_new (NULL, &thresholds, g_rand_boolean (rand), hostile_value (rand));
      for (guint i = 0; i < 300; i++)
        {
          g_autoptr(LcMediaSample) sample = NULL;

          t = g_rand_int_range (rand, 0, 10) == 0 ? hostile_value (rand)
                                                 : t + g_rand_double_range (rand, -0.5, 3);
          sample = lc_media_sample_new (t, NULL, FALSE);
          sample->rtt_ms = hostile_value (rand);
          sample->jitter_ms = hostile_value (rand);
          sample->loss_percent = hostile_value (rand);
          sample->send_kbps = hostile_value (rand);
          sample->recv_kbps = hostile_value (rand);
          lc_call_charts_add_sample (charts, sample);
        }
      if (g_rand_boolean (rand))
        lc_call_charts_finish (charts);

      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                 MAX (sizes[k][0], 1),
                                                                 MAX (sizes[k][1], 1));
          cairo_t *cr = cairo_create (surface);
          LcChartModel *rate = lc_call_charts_get_rate (charts);
          int n = lc_chart_model_get_n_samples (rate);

          lc_chart_render (cr, sizes[k][0], sizes[k][1], rate, &style,
                           n > 0 ? g_rand_int_range (rand, -1, n) : -1);
          lc_chart_render (cr, sizes[k][0], sizes[k][1], lc_call_charts_get_delay (charts),
                           &style, n > 0 ? n - 1 : -1);
          lc_window_strip_render (cr, sizes[k][0], sizes[k][1],
                                  lc_call_charts_get_windows (charts), &style, 0);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }

      for (guint p = 0; p < lc_chart_model_get_n_panels (lc_call_charts_get_delay (charts)); p++)
        assert_axis_sane (lc_chart_model_get_panel_axis (lc_call_charts_get_delay (charts), p));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/chart/axis/steps-are-1-2-5", test_axis_nice_steps);
  g_test_add_func ("/core/chart/axis/holds-the-thresholds", test_axis_holds_the_thresholds);
  g_test_add_func ("/core/chart/axis/never-collapses", test_axis_never_collapses);
  g_test_add_func ("/core/chart/axis/ticks-read-exactly", test_axis_ticks_read_exactly);
  g_test_add_func ("/core/chart/model/gaps-stay-gaps", test_model_gaps_stay_gaps);
  g_test_add_func ("/core/chart/model/scale-includes-thresholds",
                   test_model_scale_includes_thresholds);
  g_test_add_func ("/core/chart/model/empty-and-one-sample", test_model_empty_and_one_sample);
  g_test_add_func ("/core/chart/model/readout-and-description",
                   test_model_readout_and_description);
  g_test_add_func ("/core/chart/model/changes-once-per-sample",
                   test_model_redraws_once_per_sample);
  g_test_add_func ("/core/chart/windows/follow-the-call", test_windows_follow_the_call);
  g_test_add_func ("/core/chart/render/threshold-at-its-row", test_render_threshold_at_its_row);
  g_test_add_func ("/core/chart/render/gap-is-not-zero", test_render_gap_is_not_zero);
  g_test_add_func ("/core/chart/render/reopened-report-draws-like-live",
                   test_render_reopened_report_draws_like_live);
  g_test_add_func ("/core/chart/render/pictures-to-look-at", test_render_pictures_to_look_at);
  g_test_add_func ("/core/chart/render/on-a-pdf-page", test_render_on_a_pdf_page);
  g_test_add_func ("/core/chart/render/survives-any-figures", test_render_survives_any_figures);

  return g_test_run ();
}
