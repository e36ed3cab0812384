/* lc-chart-model.c — what a chart shows: panels with units and thresholds, series over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data is normalised here, when a sample arrives, as Sysprof's layers do: every value is
 * kept with its place on its panel's axis (0…1), so drawing only scales those places into the
 * plot. A new sample renormalises the rest only when it moved an axis.
 */
#define G_LOG_DOMAIN "linecheck-render"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-chart-model.h"

/* The sampler yields one sample a second; a step longer than this means a second is missing,
 * and the line breaks there rather than drawing a value nobody measured. */
#define DEFAULT_MAX_STEP_S 1.75

/* The time axis of a chart that has nothing to go by (no planned length, no sample). */
#define DEFAULT_SPAN_S 10.0

typedef struct
{
  char        *unit;
  guint        max_intervals;
  LcChartAxis  axis;
  GArray      *thresholds;  /* LcChartThreshold */
  double       data_min;    /* over the finite values of its series; NAN before the first */
  double       data_max;
} Panel;

typedef struct
{
  LcChartSeries  public;
  GArray        *values;     /* double, NAN for a gap */
  GArray        *positions;  /* double, the values on the panel's axis */
} Series;

struct _LcChartModel
{
  GObject  parent_instance;

  char    *title;
  double   span_s;
  double   max_step_s;
  gboolean finished;

  GArray  *panels;   /* Panel */
  GArray  *series;   /* Series */
  GArray  *times;    /* double */
  GArray  *xs;       /* double: the times on the time axis */
  double   time_end;
};

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LcChartModel, lc_chart_model, G_TYPE_OBJECT)

static void
threshold_clear (gpointer data)
{
  LcChartThreshold *threshold = data;

  g_clear_pointer (&threshold->label, g_free);
  g_clear_pointer (&threshold->description, g_free);
}

static void
panel_clear (gpointer data)
{
  Panel *panel = data;

  g_clear_pointer (&panel->unit, g_free);
  g_clear_pointer (&panel->thresholds, g_array_unref);
}

static void
series_clear (gpointer data)
{
  Series *series = data;

  g_clear_pointer (&series->public.label, g_free);
  g_clear_pointer (&series->public.value_format, g_free);
  g_clear_pointer (&series->public.missing_text, g_free);
  g_clear_pointer (&series->values, g_array_unref);
  g_clear_pointer (&series->positions, g_array_unref);
}

static void
lc_chart_model_finalize (GObject *object)
{
  LcChartModel *self = LC_CHART_MODEL (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->panels, g_array_unref);
  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->times, g_array_unref);
  g_clear_pointer (&self->xs, g_array_unref);

  G_OBJECT_CLASS (lc_chart_model_parent_class)->finalize (object);
}

static void
lc_chart_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LcChartModel *self = LC_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LcChartModel *self = LC_CHART_MODEL (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      lc_chart_model_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_model_class_init (LcChartModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_chart_model_finalize;
  object_class->get_property = lc_chart_model_get_property;
  object_class->set_property = lc_chart_model_set_property;

  /**
   * LcChartModel:title:
   *
   * What the chart shows, as a person says it ("Bit rate of the audio call"): the chart's
   * accessible name.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcChartModel::changed:
   *
   * Something drawn changed: a sample arrived, the call ended, the scale moved. A widget
   * redraws on it, and only on it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lc_chart_model_init (LcChartModel *self)
{
  self->max_step_s = DEFAULT_MAX_STEP_S;
  self->panels = g_array_new (FALSE, TRUE, sizeof (Panel));
  g_array_set_clear_func (self->panels, panel_clear);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);
  self->times = g_array_new (FALSE, FALSE, sizeof (double));
  self->xs = g_array_new (FALSE, FALSE, sizeof (double));
  self->time_end = DEFAULT_SPAN_S;
}

/**
 * lc_chart_model_new:
 * @title: (nullable): what the chart shows, its accessible name
 *
 * Returns: (transfer full): an empty chart; add panels, their series and thresholds, then
 *   samples
 */
LcChartModel *
lc_chart_model_new (const char *title)
{
  return g_object_new (LC_TYPE_CHART_MODEL, "title", title, NULL);
}

const char *
lc_chart_model_get_title (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);

  return self->title;
}

void
lc_chart_model_set_title (LcChartModel *self,
                          const char   *title)
{
  g_return_if_fail (LC_IS_CHART_MODEL (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static Panel *
get_panel (LcChartModel *self,
           guint         panel)
{
  return &g_array_index (self->panels, Panel, panel);
}

static Series *
get_series (LcChartModel *self,
            guint         series)
{
  return &g_array_index (self->series, Series, series);
}

static double
time_at (LcChartModel *self,
         guint         sample)
{
  return g_array_index (self->times, double, sample);
}

/* The time axis runs from 0 to the planned length while the call runs (so that it does not
 * rescale every second), and to the last sample once it is over: a report read back from disk,
 * which knows no plan, ends at the same place as the live chart. */
static double
compute_time_end (LcChartModel *self)
{
  double last = self->times->len > 0 ? time_at (self, self->times->len - 1) : 0.0;

  if (self->finished)
    return last > 0.0 ? last : (self->span_s > 0.0 ? self->span_s : DEFAULT_SPAN_S);

  return MAX (last, self->span_s > 0.0 ? self->span_s : DEFAULT_SPAN_S);
}

static void
compute_axis (Panel       *panel,
              LcChartAxis *axis)
{
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (double));
  double range[2] = { panel->data_min, panel->data_max };

  for (guint i = 0; i < panel->thresholds->len; i++)
    g_array_append_val (marks, g_array_index (panel->thresholds, LcChartThreshold, i).value);

  lc_chart_axis_init_data (axis, range, isnan (panel->data_min) ? 0 : 2,
                           (double *)marks->data, marks->len, panel->max_intervals);
}

static void
position_series (LcChartModel *self,
                 Series       *series,
                 guint         from)
{
  const LcChartAxis *axis = &get_panel (self, series->public.panel)->axis;

  g_array_set_size (series->positions, series->values->len);
  for (guint i = from; i < series->values->len; i++)
    g_array_index (series->positions, double, i) =
      lc_chart_axis_normalise (axis, g_array_index (series->values, double, i));
}

static void
position_panel (LcChartModel *self,
                guint         index,
                guint         from)
{
  Panel *panel = get_panel (self, index);
  LcChartAxis axis;

  compute_axis (panel, &axis);
  if (!lc_chart_axis_equal (&axis, &panel->axis))
    {
      panel->axis = axis;
      from = 0;
      for (guint i = 0; i < panel->thresholds->len; i++)
        {
          LcChartThreshold *threshold = &g_array_index (panel->thresholds, LcChartThreshold, i);

          threshold->position = lc_chart_axis_normalise (&panel->axis, threshold->value);
        }
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);

      if (series->public.panel == index)
        position_series (self, series, from);
    }
}

static void
position_times (LcChartModel *self,
                guint         from)
{
  double end = compute_time_end (self);

  if (end != self->time_end)
    {
      self->time_end = end;
      from = 0;
    }

  g_array_set_size (self->xs, self->times->len);
  for (guint i = from; i < self->times->len; i++)
    g_array_index (self->xs, double, i) = time_at (self, i) / self->time_end;
}

/* Normalises what changed since sample @from: everything when an axis moved. */
static void
reposition (LcChartModel *self,
            guint         from)
{
  for (guint p = 0; p < self->panels->len; p++)
    position_panel (self, p, from);
  position_times (self, from);
}

/**
 * lc_chart_model_set_span:
 * @seconds: the planned length of the call; 0 when unknown
 *
 * Sets the time axis's length while the call runs.
 */
void
lc_chart_model_set_span (LcChartModel *self,
                         double        seconds)
{
  g_return_if_fail (LC_IS_CHART_MODEL (self));

  self->span_s = isfinite (seconds) && seconds > 0.0 ? MIN (seconds, LC_CHART_MAX_SAMPLES) : 0.0;
  position_times (self, self->times->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lc_chart_model_set_max_step:
 * @seconds: the longest step between two samples that the line still joins
 *
 * Past it the line breaks, as for a sample without a value. The default suits one sample a
 * second.
 */
void
lc_chart_model_set_max_step (LcChartModel *self,
                             double        seconds)
{
  g_return_if_fail (LC_IS_CHART_MODEL (self));
  g_return_if_fail (seconds > 0.0);

  self->max_step_s = seconds;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lc_chart_model_add_panel:
 * @unit: the unit of its values, shown over its value axis ("kbit/s", "ms", "%")
 * @max_intervals: the most tick intervals on its value axis: about one per 25 pixels of the
 *   smallest height it will be drawn at
 *
 * Adds a panel: a value axis of its own, stacked under the panels before it, all sharing the
 * time axis.
 *
 * Returns: its index
 */
guint
lc_chart_model_add_panel (LcChartModel *self,
                          const char   *unit,
                          guint         max_intervals)
{
  Panel panel = { 0 };

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (self->panels->len < LC_CHART_MAX_PANELS, self->panels->len - 1);

  panel.unit = g_strdup (unit != NULL ? unit : "");
  panel.max_intervals = CLAMP (max_intervals, 1, LC_CHART_AXIS_MAX_TICKS);
  panel.thresholds = g_array_new (FALSE, TRUE, sizeof (LcChartThreshold));
  g_array_set_clear_func (panel.thresholds, threshold_clear);
  panel.data_min = NAN;
  panel.data_max = NAN;
  lc_chart_axis_init_data (&panel.axis, NULL, 0, NULL, 0, panel.max_intervals);
  g_array_append_val (self->panels, panel);
  return self->panels->len - 1;
}

/**
 * lc_chart_model_add_series:
 * @panel: the panel it is drawn in
 * @colour: its colour in the style
 * @label: its name in the legend
 * @value_format: a value read out, with one `%s` for the number: "%s kbit/s sent"
 * @missing_text: said for a second without a value of it
 * @digits: decimals of a value read out
 *
 * Adds a series. Series are added before the first sample; each sample then carries one value
 * per series, in the order they were added.
 *
 * Returns: its index
 */
guint
lc_chart_model_add_series (LcChartModel  *self,
                           guint          panel,
                           LcChartColour  colour,
                           const char    *label,
                           const char    *value_format,
                           const char    *missing_text,
                           int            digits)
{
  Series series = { 0 };

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (panel < self->panels->len, 0);
  g_return_val_if_fail (colour < LC_CHART_N_COLOURS, 0);
  g_return_val_if_fail (label != NULL && value_format != NULL && missing_text != NULL, 0);
  g_return_val_if_fail (self->times->len == 0, 0);

  series.public.panel = panel;
  series.public.colour = colour;
  series.public.label = g_strdup (label);
  series.public.value_format = g_strdup (value_format);
  series.public.missing_text = g_strdup (missing_text);
  series.public.digits = CLAMP (digits, 0, 6);
  series.values = g_array_new (FALSE, FALSE, sizeof (double));
  series.positions = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->series, series);
  return self->series->len - 1;
}

/**
 * lc_chart_model_add_threshold:
 * @panel: the panel it is drawn in
 * @value: where the line is, in the panel's unit; `NAN` adds nothing
 * @kind: which side of it breaks it
 * @label: its text in the legend: "Limit 300 ms"
 * @description: its text after the values in a description: "limit 300 ms"
 *
 * Adds a threshold line. The panel's scale always shows it.
 */
void
lc_chart_model_add_threshold (LcChartModel *self,
                              guint         panel,
                              double        value,
                              LcChartLimit  kind,
                              const char   *label,
                              const char   *description)
{
  LcChartThreshold threshold = { 0 };

  g_return_if_fail (LC_IS_CHART_MODEL (self));
  g_return_if_fail (panel < self->panels->len);
  g_return_if_fail (label != NULL && description != NULL);

  if (!isfinite (value))
    return;

  threshold.value = value;
  threshold.kind = kind;
  threshold.label = g_strdup (label);
  threshold.description = g_strdup (description);
  g_array_append_val (get_panel (self, panel)->thresholds, threshold);

  position_panel (self, panel, self->times->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * lc_chart_model_append:
 * @t: seconds since the call's media started
 * @values: (array length=n_values): one value per series, in their order; `NAN` where that
 *   second had none (drawn as a gap, never as 0)
 * @n_values: the number of series
 *
 * Adds one sample and normalises it. A sample without a usable time (not finite, negative,
 * earlier than the last one) or past %LC_CHART_MAX_SAMPLES is left out: it could only come
 * from a damaged report.
 *
 * Returns: whether the sample was added
 */
gboolean
lc_chart_model_append (LcChartModel *self,
                       double        t,
                       const double *values,
                       guint         n_values)
{
  guint from;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (n_values == self->series->len, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  if (!isfinite (t) || t < 0.0 || t > LC_CHART_MAX_SAMPLES ||
      (self->times->len > 0 && t < time_at (self, self->times->len - 1)))
    {
      g_debug ("A sample at %g s does not follow the chart's last one: left out", t);
      return FALSE;
    }
  if (self->times->len >= LC_CHART_MAX_SAMPLES)
    {
      g_debug ("The chart holds %u samples already: one more is left out", self->times->len);
      return FALSE;
    }

  from = self->times->len;
  g_array_append_val (self->times, t);

  for (guint s = 0; s < n_values; s++)
    {
      Series *series = get_series (self, s);
      Panel *panel = get_panel (self, series->public.panel);
      double value = isfinite (values[s]) ? values[s] : NAN;

      g_array_append_val (series->values, value);
      if (!isnan (value))
        {
          panel->data_min = isnan (panel->data_min) ? value : MIN (panel->data_min, value);
          panel->data_max = isnan (panel->data_max) ? value : MAX (panel->data_max, value);
        }
    }

  reposition (self, from);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * lc_chart_model_finish:
 *
 * The call is over: the time axis now ends at the last sample, and the description no longer
 * waits for more.
 */
void
lc_chart_model_finish (LcChartModel *self)
{
  g_return_if_fail (LC_IS_CHART_MODEL (self));

  if (self->finished)
    return;

  self->finished = TRUE;
  position_times (self, self->times->len);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
lc_chart_model_get_finished (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), FALSE);

  return self->finished;
}

guint
lc_chart_model_get_n_panels (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);

  return self->panels->len;
}

const char *
lc_chart_model_get_panel_unit (LcChartModel *self,
                               guint         panel)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (panel < self->panels->len, NULL);

  return get_panel (self, panel)->unit;
}

/**
 * lc_chart_model_get_panel_axis:
 *
 * Returns: (transfer none): the value axis of @panel, holding its values and thresholds
 */
const LcChartAxis *
lc_chart_model_get_panel_axis (LcChartModel *self,
                               guint         panel)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (panel < self->panels->len, NULL);

  return &get_panel (self, panel)->axis;
}

/**
 * lc_chart_model_get_panel_max_intervals:
 *
 * Returns: the most tick intervals @panel's axis will have, whatever its values: what its
 *   height is planned for, so that a chart keeps its size as samples arrive
 */
guint
lc_chart_model_get_panel_max_intervals (LcChartModel *self,
                                        guint         panel)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 1);
  g_return_val_if_fail (panel < self->panels->len, 1);

  return get_panel (self, panel)->max_intervals;
}

guint
lc_chart_model_get_n_thresholds (LcChartModel *self,
                                 guint         panel)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (panel < self->panels->len, 0);

  return get_panel (self, panel)->thresholds->len;
}

/**
 * lc_chart_model_get_threshold:
 *
 * Returns: (transfer none): threshold @index of @panel
 */
const LcChartThreshold *
lc_chart_model_get_threshold (LcChartModel *self,
                              guint         panel,
                              guint         index)
{
  GArray *thresholds;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (panel < self->panels->len, NULL);

  thresholds = get_panel (self, panel)->thresholds;
  g_return_val_if_fail (index < thresholds->len, NULL);

  return &g_array_index (thresholds, LcChartThreshold, index);
}

guint
lc_chart_model_get_n_series (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);

  return self->series->len;
}

/**
 * lc_chart_model_get_series:
 *
 * Returns: (transfer none): how @series is drawn and read out
 */
const LcChartSeries *
lc_chart_model_get_series (LcChartModel *self,
                           guint         series)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return &get_series (self, series)->public;
}

guint
lc_chart_model_get_n_samples (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), 0);

  return self->times->len;
}

double
lc_chart_model_get_time (LcChartModel *self,
                         guint         sample)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (sample < self->times->len, NAN);

  return time_at (self, sample);
}

/**
 * lc_chart_model_get_time_end:
 *
 * Returns: the time at the right end of the time axis, which starts at 0
 */
double
lc_chart_model_get_time_end (LcChartModel *self)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), DEFAULT_SPAN_S);

  return self->time_end;
}

/**
 * lc_chart_model_get_x:
 *
 * Returns: where @sample sits on the time axis, 0 at its start and 1 at its end
 */
double
lc_chart_model_get_x (LcChartModel *self,
                      guint         sample)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (sample < self->xs->len, NAN);

  return g_array_index (self->xs, double, sample);
}

/**
 * lc_chart_model_get_value:
 *
 * Returns: the value of @series at @sample, `NAN` where there was none
 */
double
lc_chart_model_get_value (LcChartModel *self,
                          guint         series,
                          guint         sample)
{
  Series *s;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  s = get_series (self, series);
  g_return_val_if_fail (sample < s->values->len, NAN);

  return g_array_index (s->values, double, sample);
}

/**
 * lc_chart_model_get_y:
 *
 * Returns: where the value of @series at @sample sits on its panel's axis (0 bottom, 1 top),
 *   `NAN` for a gap
 */
double
lc_chart_model_get_y (LcChartModel *self,
                      guint         series,
                      guint         sample)
{
  Series *s;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  s = get_series (self, series);
  g_return_val_if_fail (sample < s->positions->len, NAN);

  return g_array_index (s->positions, double, sample);
}

/**
 * lc_chart_model_breaks_before:
 *
 * Returns: whether the lines break between @sample and the one before, because seconds are
 *   missing between them
 */
gboolean
lc_chart_model_breaks_before (LcChartModel *self,
                              guint         sample)
{
  g_return_val_if_fail (LC_IS_CHART_MODEL (self), TRUE);
  g_return_val_if_fail (sample < self->times->len, TRUE);

  if (sample == 0)
    return TRUE;

  return time_at (self, sample) - time_at (self, sample - 1) > self->max_step_s;
}

/**
 * lc_chart_model_find_nearest:
 * @x: a place on the time axis, 0…1
 *
 * Returns: the sample nearest to @x in time, or -1 when there is none
 */
int
lc_chart_model_find_nearest (LcChartModel *self,
                             double        x)
{
  guint low = 0;
  guint high;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), -1);

  if (self->xs->len == 0 || !isfinite (x))
    return -1;

  /* The first sample at or after @x, then whichever of it and the one before is nearer. */
  high = self->xs->len;
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_array_index (self->xs, double, mid) < x)
        low = mid + 1;
      else
        high = mid;
    }

  if (low == self->xs->len)
    return (int)self->xs->len - 1;
  if (low > 0 && x - g_array_index (self->xs, double, low - 1) <
                 g_array_index (self->xs, double, low) - x)
    return (int)low - 1;
  return (int)low;
}

/* Puts @number where @format has "%s" and reads "%%" as "%": the format is a translation held
 * in the model, which printf must not be handed (it would take whatever else it holds). */
static char *
splice_number (const char *format,
               const char *number)
{
  GString *text = g_string_new (NULL);
  gboolean spliced = FALSE;

  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append_c (text, '%');
          p++;
        }
      else if (p[0] == '%' && p[1] == 's' && !spliced)
        {
          g_string_append (text, number);
          spliced = TRUE;
          p++;
        }
      else
        {
          g_string_append_c (text, *p);
        }
    }

  return g_string_free (text, FALSE);
}

static char *
format_value (const LcChartSeries *series,
              double               value)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup (series->missing_text);

  number = g_strdup_printf ("%.*f", series->digits, value);
  return splice_number (series->value_format, number);
}

static char *
format_time (double t)
{
  /* Translators: a time in the call, in seconds: "12 s" */
  return g_strdup_printf (_("%.0f s"), t);
}

/**
 * lc_chart_model_dup_readout:
 * @sample: the sample to read out
 * @multiline: one line for the time and one per series, instead of one sentence
 *
 * Returns: (transfer full): the values at @sample as a person reads them: "12 s: 48.7 kbit/s
 *   sent, 47.9 kbit/s received"
 */
char *
lc_chart_model_dup_readout (LcChartModel *self,
                            guint         sample,
                            gboolean      multiline)
{
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *time = NULL;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (sample < self->times->len, NULL);

  time = format_time (time_at (self, sample));
  for (guint s = 0; s < self->series->len; s++)
    {
      g_autofree char *text = format_value (&get_series (self, s)->public,
                                            lc_chart_model_get_value (self, s, sample));

      if (s > 0)
        g_string_append (values, multiline ? "\n" : ", ");
      g_string_append (values, text);
    }

  if (multiline)
    return g_strdup_printf ("%s\n%s", time, values->str);

  /* Translators: a time in the call, then the values measured then:
   * "12 s: 48.7 kbit/s sent, 47.9 kbit/s received" */
  return g_strdup_printf (_("%s: %s"), time, values->str);
}

/**
 * lc_chart_model_dup_description:
 *
 * Returns: (transfer full): the latest values with the thresholds they are held to, for the
 *   chart's accessible description: "At 12 s: 48.7 kbit/s sent, 47.9 kbit/s received
 *   (40 kbit/s needed)."
 */
char *
lc_chart_model_dup_description (LcChartModel *self)
{
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *time = NULL;
  guint last;

  g_return_val_if_fail (LC_IS_CHART_MODEL (self), NULL);

  if (self->times->len == 0)
    return g_strdup (self->finished ? _("No measurements.")
                                    : _("Waiting for the first measurement."));

  last = self->times->len - 1;
  for (guint p = 0; p < self->panels->len; p++)
    {
      Panel *panel = get_panel (self, p);
      gboolean first_of_panel = TRUE;

      for (guint s = 0; s < self->series->len; s++)
        {
          const LcChartSeries *series = &get_series (self, s)->public;
          g_autofree char *text = NULL;

          if (series->panel != p)
            continue;

          text = format_value (series, lc_chart_model_get_value (self, s, last));
          if (values->len > 0)
            g_string_append (values, ", ");
          g_string_append (values, text);
          first_of_panel = FALSE;
        }

      if (first_of_panel || panel->thresholds->len == 0)
        continue;

      g_string_append (values, " (");
      for (guint i = 0; i < panel->thresholds->len; i++)
        {
          if (i > 0)
            g_string_append (values, ", ");
          g_string_append (values,
                           g_array_index (panel->thresholds, LcChartThreshold, i).description);
        }
      g_string_append (values, ")");
    }

  time = format_time (time_at (self, last));
  /* Translators: an accessible description of a chart: the time of the latest sample, then
   * its values: "At 12 s: 48.7 kbit/s sent, 47.9 kbit/s received (40 kbit/s needed)." */
  return g_strdup_printf (_("At %s: %s."), time, values->str);
}
