/* lc-chart-model.h — what a chart shows: panels with units and thresholds, series over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lc-chart-axis.h"
#include "lc-chart-style.h"

G_BEGIN_DECLS

/* The most samples a chart keeps: a day of one-second samples. A stored report claiming more
 * is cut here rather than making every frame slower. */
#define LC_CHART_MAX_SAMPLES 86400

/* Panels stacked in one chart: more would leave none of them room to read. */
#define LC_CHART_MAX_PANELS 4

/**
 * LcChartLimit:
 * @LC_CHART_LIMIT_MAXIMUM: values at or above the threshold break it (delay, loss)
 * @LC_CHART_LIMIT_MINIMUM: values below the threshold break it (a required rate)
 */
typedef enum
{
  LC_CHART_LIMIT_MAXIMUM,
  LC_CHART_LIMIT_MINIMUM,
} LcChartLimit;

/**
 * LcChartSeries:
 * @panel: the panel it is drawn in
 * @colour: its colour in the style
 * @label: its name in the legend ("Sent")
 * @value_format: a value read out, with one `%s` for the number ("%s kbit/s sent")
 * @missing_text: said for a second without a value ("sent rate not measured")
 * @digits: decimals of a value read out
 */
typedef struct
{
  guint          panel;
  LcChartColour  colour;
  char          *label;
  char          *value_format;
  char          *missing_text;
  int            digits;
} LcChartSeries;

/**
 * LcChartThreshold:
 * @value: where the line is, in the panel's unit
 * @kind: which side of it breaks it
 * @label: its text in the legend ("Limit 300 ms")
 * @description: its text after the values read out ("limit 300 ms")
 * @position: @value normalised on the panel's axis (0 bottom, 1 top)
 */
typedef struct
{
  double        value;
  LcChartLimit  kind;
  char         *label;
  char         *description;
  double        position;
} LcChartThreshold;

#define LC_TYPE_CHART_MODEL (lc_chart_model_get_type ())

G_DECLARE_FINAL_TYPE (LcChartModel, lc_chart_model, LC, CHART_MODEL, GObject)

LcChartModel           *lc_chart_model_new                (const char     *title);

const char             *lc_chart_model_get_title          (LcChartModel   *self);
void                    lc_chart_model_set_title          (LcChartModel   *self,
                                                           const char     *title);
void                    lc_chart_model_set_span           (LcChartModel   *self,
                                                           double          seconds);
void                    lc_chart_model_set_max_step       (LcChartModel   *self,
                                                           double          seconds);

guint                   lc_chart_model_add_panel          (LcChartModel   *self,
                                                           const char     *unit,
                                                           guint           max_intervals);
guint                   lc_chart_model_add_series         (LcChartModel   *self,
                                                           guint           panel,
                                                           LcChartColour   colour,
                                                           const char     *label,
                                                           const char     *value_format,
                                                           const char     *missing_text,
                                                           int             digits);
void                    lc_chart_model_add_threshold      (LcChartModel   *self,
                                                           guint           panel,
                                                           double          value,
                                                           LcChartLimit    kind,
                                                           const char     *label,
                                                           const char     *description);

gboolean                lc_chart_model_append             (LcChartModel   *self,
                                                           double          t,
                                                           const double   *values,
                                                           guint           n_values);
void                    lc_chart_model_finish             (LcChartModel   *self);
gboolean                lc_chart_model_get_finished       (LcChartModel   *self);

guint                   lc_chart_model_get_n_panels       (LcChartModel   *self);
const char             *lc_chart_model_get_panel_unit     (LcChartModel   *self,
                                                           guint           panel);
const LcChartAxis      *lc_chart_model_get_panel_axis     (LcChartModel   *self,
                                                           guint           panel);
guint                   lc_chart_model_get_panel_max_intervals (LcChartModel *self,
                                                           guint           panel);
guint                   lc_chart_model_get_n_thresholds   (LcChartModel   *self,
                                                           guint           panel);
const LcChartThreshold *lc_chart_model_get_threshold      (LcChartModel   *self,
                                                           guint           panel,
                                                           guint           index);
guint                   lc_chart_model_get_n_series       (LcChartModel   *self);
const LcChartSeries    *lc_chart_model_get_series         (LcChartModel   *self,
                                                           guint           series);

guint                   lc_chart_model_get_n_samples      (LcChartModel   *self);
double                  lc_chart_model_get_time           (LcChartModel   *self,
                                                           guint           sample);
double                  lc_chart_model_get_time_end       (LcChartModel   *self);
double                  lc_chart_model_get_x              (LcChartModel   *self,
                                                           guint           sample);
double                  lc_chart_model_get_value          (LcChartModel   *self,
                                                           guint           series,
                                                           guint           sample);
double                  lc_chart_model_get_y              (LcChartModel   *self,
                                                           guint           series,
                                                           guint           sample);
gboolean                lc_chart_model_breaks_before      (LcChartModel   *self,
                                                           guint           sample);
int                     lc_chart_model_find_nearest       (LcChartModel   *self,
                                                           double          x);

char                   *lc_chart_model_dup_readout        (LcChartModel   *self,
                                                           guint           sample,
                                                           gboolean        multiline);
char                   *lc_chart_model_dup_description    (LcChartModel   *self);

G_END_DECLS
