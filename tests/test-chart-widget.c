/* test-chart-widget.c — the live chart and window strip in a real window: words, redraws, pointer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>

#include "chart-test-data.h"
#include "lc-call-charts.h"
#include "lc-chart.h"
#include "lc-chart-render.h"
#include "lc-window-strip.h"
#include "lc-window-strip-render.h"
#include "ui-test-utils.h"

typedef struct
{
  GtkWidget    *window;
  GtkWidget    *rate;
  GtkWidget    *delay;
  GtkWidget    *strip;
  LcCallCharts *charts;
  guint         fed;
} Fixture;

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The widgets as a page would place them: rate chart, delay chart, windows strip. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->charts = lc_call_charts_new ("Audio call", &chart_test_thresholds, FALSE, 15);
  f->rate = lc_chart_new (lc_call_charts_get_rate (f->charts));
  f->delay = lc_chart_new (lc_call_charts_get_delay (f->charts));
  f->strip = lc_window_strip_new (lc_call_charts_get_windows (f->charts));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), caption ("Audio call"));
  gtk_box_append (GTK_BOX (box), f->rate);
  gtk_box_append (GTK_BOX (box), f->delay);
  gtk_box_append (GTK_BOX (box), caption ("5-second windows"));
  gtk_box_append (GTK_BOX (box), f->strip);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);

  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "Chart");
  gtk_window_set_child (GTK_WINDOW (f->window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, -1);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_wait_until (is_mapped, f->window, 5000, "the window to show");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_run_for (50);
  g_clear_object (&f->charts);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* One second of the call arrives, as the runner's media-sample signal brings it. */
static void
feed (Fixture *f,
      guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcMediaSample) sample = chart_test_sample (++f->fed);
      lc_call_charts_add_sample (f->charts, sample);
    }
}

static void
assert_description (GtkWidget  *widget,
                    const char *expected)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                               expected);
  if (wrong != NULL)
    g_error ("accessible description: expected “%s”, got “%s”", expected, wrong);
}

static void
assert_name (GtkWidget  *widget,
             const char *expected)
{
  g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               expected);
  if (wrong != NULL)
    g_error ("accessible name: expected “%s”, got “%s”", expected, wrong);
}

static void
test_chart_states_the_latest_values (Fixture       *f,
                                     gconstpointer  data)
{
  gtk_test_accessible_assert_role (f->rate, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_role (f->strip, GTK_ACCESSIBLE_ROLE_IMG);

  assert_name (f->rate, "Audio call: bit rate");
  assert_name (f->delay, "Audio call: round trip, jitter and loss");
  assert_name (f->strip, "Audio call: 5-second windows");
  assert_description (f->rate, "Waiting for the first measurement.");

  feed (f, 7);
  ui_run_for (50);
  assert_description (f->rate, "At 7 s: 48.1 kbit/s sent, 48.7 kbit/s received "
                               "(40 kbit/s needed).");
  assert_description (f->delay, "At 7 s: round trip 36 ms (limit 300 ms), jitter 12.3 ms "
                                "(limit 50 ms), loss 6.0 % (limit 1.5 %).");
  assert_description (f->strip, "0–5 s: within the thresholds; "
                                "5–10 s: in progress, a threshold broken; "
                                "10–15 s: still to come.");

  /* Every sample: the description follows it. */
  feed (f, 5);
  ui_run_for (50);
  assert_description (f->rate, "At 12 s: 49.4 kbit/s sent, 48.7 kbit/s received "
                               "(40 kbit/s needed).");
  assert_description (f->delay, "At 12 s: round trip 102 ms (limit 300 ms), jitter 2.5 ms "
                                "(limit 50 ms), loss 0.0 % (limit 1.5 %).");

  /* A renamed call renames its charts. */
  lc_chart_model_set_title (lc_call_charts_get_rate (f->charts), "Video call: bit rate");
  assert_name (f->rate, "Video call: bit rate");
}

static gboolean
has_drawn (gpointer data)
{
  return lc_chart_get_n_draws (data) > 0;
}

static void
test_chart_draws_once_per_sample (Fixture       *f,
                                  gconstpointer  data)
{
  guint before;

  ui_wait_until (has_drawn, f->rate, 5000, "the chart to draw");
  ui_run_for (300);

  /* At rest it does not draw at all: no timer, no animation. */
  before = lc_chart_get_n_draws (LC_CHART (f->rate));
  ui_run_for (1000);
  g_assert_cmpuint (lc_chart_get_n_draws (LC_CHART (f->rate)), ==, before);

  /* One sample, one frame. */
  for (guint i = 1; i <= 3; i++)
    {
      feed (f, 1);
      ui_run_for (250);
      g_assert_cmpuint (lc_chart_get_n_draws (LC_CHART (f->rate)), ==, before + i);
    }
}

static GtkEventController *
motion_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        return GTK_EVENT_CONTROLLER (controller);
    }
  g_assert_not_reached ();
}

/* Where sample @index is drawn, in the widget's coordinates. */
static double
sample_x (GtkWidget    *widget,
          LcChartModel *model,
          guint         index)
{
  cairo_t *cr = lc_chart_create_measuring_context ();
  LcChartGeometry geometry;
  LcChartStyle style;

  lc_chart_init_style_for (widget, &style);
  lc_chart_get_geometry (cr, gtk_widget_get_width (widget), gtk_widget_get_height (widget), model,
                         &style, &geometry);
  cairo_destroy (cr);
  return geometry.plots[0].x + geometry.plots[0].width * lc_chart_model_get_x (model, index);
}

static void
test_chart_reads_out_the_sample_under_the_pointer (Fixture       *f,
                                                   gconstpointer  data)
{
  LcChartModel *rate = lc_call_charts_get_rate (f->charts);
  GtkEventController *motion = motion_controller (f->rate);
  double x;
  double y;

  feed (f, 15);
  lc_call_charts_finish (f->charts);
  ui_run_for (100);
  y = gtk_widget_get_height (f->rate) / 2.0;
  g_assert_cmpfloat (y, >, 50);
  g_assert_null (lc_chart_get_readout (LC_CHART (f->rate)));

  /* A little right of second 12: second 12 is the nearest. */
  x = sample_x (f->rate, rate, 11) + 4;
  g_signal_emit_by_name (motion, "motion", x, y);
  g_assert_cmpstr (lc_chart_get_readout (LC_CHART (f->rate)), ==,
                   "12 s: 49.4 kbit/s sent, 48.7 kbit/s received");

  /* The same over the delay chart, where the gap of second 5 reads as such. */
  x = sample_x (f->delay, lc_call_charts_get_delay (f->charts), 4);
  g_signal_emit_by_name (motion_controller (f->delay), "motion", x,
                         gtk_widget_get_height (f->delay) / 2.0);
  g_assert_cmpstr (lc_chart_get_readout (LC_CHART (f->delay)), ==,
                   "5 s: round trip not measured, jitter not measured, loss not measured");
  g_signal_emit_by_name (motion_controller (f->delay), "leave");

  ui_save_screenshot (f->window, "chart-widget-readout.png");

  /* Off the plot, and on leaving, there is no readout. */
  g_signal_emit_by_name (motion, "motion", 1.0, y);
  g_assert_null (lc_chart_get_readout (LC_CHART (f->rate)));
  g_signal_emit_by_name (motion, "motion", x, y);
  g_signal_emit_by_name (motion, "leave");
  g_assert_null (lc_chart_get_readout (LC_CHART (f->rate)));
}

static void
test_strip_has_a_tooltip_per_window (Fixture       *f,
                                     gconstpointer  data)
{
  LcWindowStripModel *windows = lc_call_charts_get_windows (f->charts);
  int width;
  int index;
  g_autofree char *text = NULL;

  feed (f, 10);
  ui_run_for (50);
  g_assert_true (gtk_widget_get_has_tooltip (f->strip));

  /* The middle of the strip's second third is window 5–10 s, whose loss broke its limit. */
  width = gtk_widget_get_width (f->strip);
  index = lc_window_strip_pick_cell (windows, width, width * 0.5);
  g_assert_cmpint (index, ==, 1);
  text = lc_window_strip_model_dup_cell_text (windows, index);
  g_assert_true (g_str_has_prefix (text, "5–10 s: broke a threshold\n"
                                         "Between 5 s and 10 s the packet loss reached"));
}

static void
shoot (Fixture    *f,
       int         width,
       const char *name)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, -1);
  gtk_widget_queue_resize (f->window);
  ui_run_for (200);
  ui_save_screenshot (f->window, name);
}

static void
test_chart_screenshots (Fixture       *f,
                        gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  /* A call under way: windows done, in progress and to come. */
  feed (f, 8);
  shoot (f, 900, "chart-widget-light-wide.png");
  shoot (f, 360, "chart-widget-light-narrow.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  feed (f, 7);
  lc_call_charts_finish (f->charts);
  shoot (f, 900, "chart-widget-dark-wide.png");
  shoot (f, 360, "chart-widget-dark-narrow.png");
  g_assert_true (adw_style_manager_get_dark (manager));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/ui/chart/states-the-latest-values", Fixture, NULL,
              fixture_set_up, test_chart_states_the_latest_values, fixture_tear_down);
  g_test_add ("/ui/chart/draws-once-per-sample", Fixture, NULL,
              fixture_set_up, test_chart_draws_once_per_sample, fixture_tear_down);
  g_test_add ("/ui/chart/reads-out-the-sample-under-the-pointer", Fixture, NULL,
              fixture_set_up, test_chart_reads_out_the_sample_under_the_pointer,
              fixture_tear_down);
  g_test_add ("/ui/chart/strip-has-a-tooltip-per-window", Fixture, NULL,
              fixture_set_up, test_strip_has_a_tooltip_per_window, fixture_tear_down);
  g_test_add ("/ui/chart/screenshots-light-and-dark", Fixture, NULL,
              fixture_set_up, test_chart_screenshots, fixture_tear_down);

  return g_test_run ();
}
