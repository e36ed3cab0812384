/* chart-cost.c — CPU a call's charts cost: one render, one sample's update, the live widgets
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chart-cost-helper render [ITERATIONS]
 *   renders a finished 30 s call's rate chart, delay chart and window strip on an image surface
 *   900 px wide, ITERATIONS times each, and adds one sample to a call of 29 samples as often;
 *   prints the mean process CPU time (user + system) of each.
 * chart-cost-helper widget [SECONDS]
 *   shows the two charts and the strip in a window (needs a display), first SECONDS s with no
 *   sample, then SECONDS s with one sample a second as a call brings them; prints the process
 *   CPU of each phase, the difference as a share of one core, and the draws counted.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <adwaita.h>

#include "chart-test-data.h"
#include "lc-call-charts.h"
#include "lc-chart.h"
#include "lc-chart-render.h"
#include "lc-window-strip.h"
#include "lc-window-strip-render.h"

#define WIDTH 900

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static LcCallCharts *
call_of (guint    seconds,
         gboolean finished)
{
  LcCallCharts *charts = lc_call_charts_new ("Audio call", &chart_test_thresholds, FALSE, 30);

  for (guint s = 1; s <= seconds; s++)
    {
      g_autoptr(LcMediaSample) sample = chart_test_sample (s);
      lc_call_charts_add_sample (charts, sample);
    }
  if (finished)
    lc_call_charts_finish (charts);
  return charts;
}

static double
natural_height (cairo_t            *cr,
                LcChartModel       *model,
                const LcChartStyle *style)
{
  LcChartGeometry geometry;

  lc_chart_get_geometry (cr, WIDTH, 0, model, style, &geometry);
  return geometry.natural_height;
}

static int
run_render (guint iterations)
{
  g_autoptr(LcCallCharts) charts = call_of (30, TRUE);
  LcChartModel *rate = lc_call_charts_get_rate (charts);
  LcChartModel *delay = lc_call_charts_get_delay (charts);
  LcWindowStripModel *windows = lc_call_charts_get_windows (charts);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, 600);
  cairo_t *cr = cairo_create (surface);
  LcChartStyle style;
  double rate_h;
  double delay_h;
  double strip_h;
  double start;
  double rate_ms;
  double delay_ms;
  double strip_ms;
  double update_ms = 0.0;
  double per_second;

  lc_chart_style_init_light (&style);
  rate_h = natural_height (cr, rate, &style);
  delay_h = natural_height (cr, delay, &style);
  strip_h = lc_window_strip_get_height (cr, &style);

  /* Once each first: fonts and glyph caches warm, as in an app that has drawn before. */
  lc_chart_render (cr, WIDTH, rate_h, rate, &style, -1);
  lc_chart_render (cr, WIDTH, delay_h, delay, &style, -1);

  start = cpu_seconds ();
  for (guint i = 0; i < iterations; i++)
    lc_chart_render (cr, WIDTH, rate_h, rate, &style, -1);
  rate_ms = (cpu_seconds () - start) * 1000 / iterations;

  start = cpu_seconds ();
  for (guint i = 0; i < iterations; i++)
    lc_chart_render (cr, WIDTH, delay_h, delay, &style, -1);
  delay_ms = (cpu_seconds () - start) * 1000 / iterations;

  start = cpu_seconds ();
  for (guint i = 0; i < iterations; i++)
    lc_window_strip_render (cr, WIDTH, strip_h, windows, &style, -1);
  strip_ms = (cpu_seconds () - start) * 1000 / iterations;

  /* One sample into a call 29 s along: append, renormalise, judge the windows again. */
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(LcCallCharts) running = call_of (29, FALSE);
      g_autoptr(LcMediaSample) sample = chart_test_sample (30);

      start = cpu_seconds ();
      lc_call_charts_add_sample (running, sample);
      update_ms += (cpu_seconds () - start) * 1000;
    }
  update_ms /= iterations;

  per_second = update_ms + rate_ms + delay_ms + strip_ms;
  printf ("render rate chart %dx%.0f:         %.3f ms CPU\n", WIDTH, rate_h, rate_ms);
  printf ("render delay chart %dx%.0f:        %.3f ms CPU\n", WIDTH, delay_h, delay_ms);
  printf ("render window strip %dx%.0f:        %.3f ms CPU\n", WIDTH, strip_h, strip_ms);
  printf ("update with 1 sample (30th):        %.3f ms CPU\n", update_ms);
  printf ("one second of a call, all redrawn:  %.3f ms CPU = %.3f %% of a core\n",
          per_second, per_second / 10.0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

typedef struct
{
  LcCallCharts *charts;
  guint         fed;
  guint         seconds;
  GMainLoop    *loop;
} Feeder;

static gboolean
feed_one (gpointer data)
{
  Feeder *feeder = data;
  g_autoptr(LcMediaSample) sample = chart_test_sample (++feeder->fed);

  lc_call_charts_add_sample (feeder->charts, sample);
  if (feeder->fed >= feeder->seconds)
    {
      g_main_loop_quit (feeder->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
run_widget (guint seconds)
{
  g_autoptr(LcCallCharts) charts = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *rate;
  Feeder feeder = { 0 };
  double idle_cpu;
  double call_cpu;
  double start;
  guint draws_before;

  adw_init ();
  charts = lc_call_charts_new ("Audio call", &chart_test_thresholds, FALSE, seconds);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  rate = lc_chart_new (lc_call_charts_get_rate (charts));
  gtk_box_append (GTK_BOX (box), rate);
  gtk_box_append (GTK_BOX (box), lc_chart_new (lc_call_charts_get_delay (charts)));
  gtk_box_append (GTK_BOX (box), lc_window_strip_new (lc_call_charts_get_windows (charts)));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, -1);
  gtk_window_present (GTK_WINDOW (window));

  /* Settle: the first frames, fonts, the renderer. */
  g_timeout_add (1000, quit_loop, loop);
  g_main_loop_run (loop);
  printf ("renderer: %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  start = cpu_seconds ();
  g_timeout_add_seconds (seconds, quit_loop, loop);
  g_main_loop_run (loop);
  idle_cpu = cpu_seconds () - start;

  draws_before = lc_chart_get_n_draws (LC_CHART (rate));
  feeder = (Feeder) { .charts = charts, .seconds = seconds, .loop = loop };
  start = cpu_seconds ();
  g_timeout_add (1000, feed_one, &feeder);
  g_main_loop_run (loop);
  /* The last sample's frame. */
  g_timeout_add (200, quit_loop, loop);
  g_main_loop_run (loop);
  call_cpu = cpu_seconds () - start;

  printf ("window shown, no samples, %u s:     %.3f s CPU = %.2f %% of a core\n", seconds,
          idle_cpu, idle_cpu / seconds * 100);
  printf ("window shown, 1 sample/s, %u s:     %.3f s CPU = %.2f %% of a core\n", seconds,
          call_cpu, call_cpu / (seconds + 0.2) * 100);
  printf ("the charts' cost while a call runs: %.2f points of a core\n",
          call_cpu / (seconds + 0.2) * 100 - idle_cpu / seconds * 100);
  printf ("rate chart draws during the call:   %u for %u samples\n",
          lc_chart_get_n_draws (LC_CHART (rate)) - draws_before, seconds);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "render"))
    return run_render (argc >= 3 ? (guint)atoi (argv[2]) : 300);

  if (argc >= 2 && g_str_equal (argv[1], "widget"))
    {
      gtk_init ();
      return run_widget (argc >= 3 ? (guint)atoi (argv[2]) : 10);
    }

  fprintf (stderr, "usage: %s render [ITERATIONS] | widget [SECONDS]\n", argv[0]);
  return 2;
}
