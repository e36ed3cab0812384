/* lc-chart.c — a live chart of a call's figures: draws its model, reads out the sample pointed at
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget holds no data of its own: the model normalises each sample as it arrives, and
 * `snapshot` only hands a cairo context to lc_chart_render(), the routine the PDF uses too. It
 * redraws when the model changes (once per sample), when the pointer moves to another sample,
 * and when the style changes; never on a timer. Grid and labels are not cached in a surface:
 * the whole chart costs well under a millisecond to draw (benchmarks/chart-cost), once a
 * second, which a cache would not make noticeably cheaper.
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <adwaita.h>

#include "lc-chart.h"
#include "lc-chart-render.h"

struct _LcChart
{
  GtkWidget     parent_instance;

  LcChartModel *model;
  int           highlight;
  char         *readout;
  guint         n_draws;
  int           allocated_width;
  int           allocated_height;
  cairo_t      *measuring;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_READOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcChart, lc_chart, GTK_TYPE_WIDGET)

/* The widths a chart reads at: the narrowest still shows a time label per few seconds. */
#define MINIMUM_WIDTH 200
#define NATURAL_WIDTH 480

/**
 * lc_chart_create_measuring_context:
 *
 * Returns: (transfer full): a cairo context on a 1×1 image, to measure text outside a draw
 */
cairo_t *
lc_chart_create_measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

/**
 * lc_chart_init_style_for:
 * @widget: the widget that draws
 * @style: (out caller-allocates): the style
 *
 * libadwaita's light or dark chart colours as the style manager says, with the widget's own
 * text colour and font (which follow high contrast and the font settings).
 */
void
lc_chart_init_style_for (GtkWidget    *widget,
                         LcChartStyle *style)
{
  GdkRGBA colour;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (style != NULL);

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    lc_chart_style_init_dark (style);
  else
    lc_chart_style_init_light (style);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  style->foreground = (LcRgba) { colour.red, colour.green, colour.blue, colour.alpha };
  style->dim_foreground = style->foreground;
  style->dim_foreground.alpha *= 0.7;

  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
}

static void
update_accessible (LcChart *self)
{
  g_autofree char *description = NULL;

  if (self->model == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  /* The name says what the chart is, the description what it shows now: a screen reader
   * hears the latest values and their thresholds, which no picture gives it. */
  description = lc_chart_model_dup_description (self->model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lc_chart_model_get_title (self->model),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
set_highlight (LcChart *self,
               int      highlight)
{
  if (self->highlight == highlight)
    return;

  self->highlight = highlight;
  g_clear_pointer (&self->readout, g_free);
  if (highlight >= 0)
    self->readout = lc_chart_model_dup_readout (self->model, highlight, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READOUT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_model_changed (LcChart *self)
{
  /* A sample may have arrived under a pointer at rest: read out what is there now. */
  if (self->highlight >= 0 && lc_chart_model_get_n_samples (self->model) > 0)
    {
      guint highlight = self->highlight;

      self->highlight = -1;
      set_highlight (self, MIN (highlight, lc_chart_model_get_n_samples (self->model) - 1));
    }

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LcChart                  *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  LcChartGeometry geometry;
  LcChartStyle style;

  if (self->model == NULL)
    return;

  if (self->measuring == NULL)
    self->measuring = lc_chart_create_measuring_context ();

  lc_chart_init_style_for (widget, &style);
  lc_chart_get_geometry (self->measuring, gtk_widget_get_width (widget),
                         gtk_widget_get_height (widget), self->model, &style, &geometry);
  set_highlight (self, lc_chart_pick_sample (&geometry, self->model, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          LcChart                  *self)
{
  set_highlight (self, -1);
}

static void
lc_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  LcChart *self = LC_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  LcChartStyle style;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  self->n_draws++;
  lc_chart_init_style_for (widget, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_chart_render (cr, width, height, self->model, &style, self->highlight);
  cairo_destroy (cr);
}

/* The sample under a pointer at rest is not the same one at another size: let the next motion
 * say which it is, rather than read out a stale one. */
static void
lc_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  LcChart *self = LC_CHART (widget);

  if (width != self->allocated_width || height != self->allocated_height)
    set_highlight (self, -1);
  self->allocated_width = width;
  self->allocated_height = height;
}

static GtkSizeRequestMode
lc_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lc_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  LcChart *self = LC_CHART (widget);
  LcChartGeometry geometry;
  LcChartStyle style;

  if (orientation == GTK_ORIENTATION_HORIZONTAL || self->model == NULL)
    {
      *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? MINIMUM_WIDTH : 0;
      *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? NATURAL_WIDTH : 0;
      return;
    }

  /* The legend wraps on a narrow chart: the height it needs depends on the width. */
  if (self->measuring == NULL)
    self->measuring = lc_chart_create_measuring_context ();
  lc_chart_init_style_for (widget, &style);
  lc_chart_get_geometry (self->measuring, for_size > 0 ? for_size : NATURAL_WIDTH, 0,
                         self->model, &style, &geometry);
  *minimum = (int)ceil (geometry.minimum_height);
  *natural = (int)ceil (geometry.natural_height);
}

static void
lc_chart_dispose (GObject *object)
{
  LcChart *self = LC_CHART (object);

  lc_chart_set_model (self, NULL);

  G_OBJECT_CLASS (lc_chart_parent_class)->dispose (object);
}

static void
lc_chart_finalize (GObject *object)
{
  LcChart *self = LC_CHART (object);

  g_clear_pointer (&self->readout, g_free);
  g_clear_pointer (&self->measuring, cairo_destroy);

  G_OBJECT_CLASS (lc_chart_parent_class)->finalize (object);
}

static void
lc_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LcChart *self = LC_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_READOUT:
      g_value_set_string (value, self->readout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LcChart *self = LC_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lc_chart_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_chart_class_init (LcChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_chart_dispose;
  object_class->finalize = lc_chart_finalize;
  object_class->get_property = lc_chart_get_property;
  object_class->set_property = lc_chart_set_property;

  widget_class->snapshot = lc_chart_snapshot;
  widget_class->measure = lc_chart_measure;
  widget_class->size_allocate = lc_chart_size_allocate;
  widget_class->get_request_mode = lc_chart_get_request_mode;

  /**
   * LcChart:model:
   *
   * What the chart shows. The chart redraws when it changes.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LC_TYPE_CHART_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * LcChart:readout:
   *
   * The values at the sample under the pointer ("12 s: 48.7 kbit/s sent, …"), or %NULL.
   */
  properties[PROP_READOUT] =
    g_param_spec_string ("readout", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lc-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_chart_init (LcChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->highlight = -1;

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  /* The colours change with the style; the widget is told nothing else of it. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/**
 * lc_chart_new:
 * @model: (nullable): what to show
 *
 * Returns: (transfer floating): a chart
 */
GtkWidget *
lc_chart_new (LcChartModel *model)
{
  return g_object_new (LC_TYPE_CHART, "model", model, NULL);
}

/**
 * lc_chart_get_model:
 *
 * Returns: (transfer none) (nullable): what the chart shows
 */
LcChartModel *
lc_chart_get_model (LcChart *self)
{
  g_return_val_if_fail (LC_IS_CHART (self), NULL);

  return self->model;
}

void
lc_chart_set_model (LcChart      *self,
                    LcChartModel *model)
{
  g_return_if_fail (LC_IS_CHART (self));
  g_return_if_fail (model == NULL || LC_IS_CHART_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  set_highlight (self, -1);
  g_set_object (&self->model, model);

  if (model != NULL)
    {
      g_signal_connect_swapped (model, "changed", G_CALLBACK (on_model_changed), self);
      g_signal_connect_swapped (model, "notify::title", G_CALLBACK (update_accessible), self);
    }

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * lc_chart_get_readout:
 *
 * Returns: (nullable): the values at the sample under the pointer
 */
const char *
lc_chart_get_readout (LcChart *self)
{
  g_return_val_if_fail (LC_IS_CHART (self), NULL);

  return self->readout;
}

/**
 * lc_chart_get_n_draws:
 *
 * Returns: how many times the chart has drawn itself: for tests and benchmarks, which check
 *   that it draws once per sample and not continuously
 */
guint
lc_chart_get_n_draws (LcChart *self)
{
  g_return_val_if_fail (LC_IS_CHART (self), 0);

  return self->n_draws;
}
