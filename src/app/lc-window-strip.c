/* lc-window-strip.c — a call's 5-second windows, coloured by verdict, with a tooltip per window
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the chart it only draws its model through the routine the PDF uses
 * (lc_window_strip_render), and redraws when the model changes or the pointer moves to another
 * window. Each window's tooltip says its span, its verdict, what broke and its figures.
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <adwaita.h>

#include "lc-chart.h"
#include "lc-window-strip.h"
#include "lc-window-strip-render.h"

struct _LcWindowStrip
{
  GtkWidget           parent_instance;

  LcWindowStripModel *model;
  int                 highlight;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcWindowStrip, lc_window_strip, GTK_TYPE_WIDGET)

#define MINIMUM_WIDTH 120
#define NATURAL_WIDTH 480

static void
update_accessible (LcWindowStrip *self)
{
  g_autofree char *description = NULL;

  if (self->model == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = lc_window_strip_model_dup_description (self->model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lc_window_strip_model_get_title (self->model),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
on_model_changed (LcWindowStrip *self)
{
  update_accessible (self);
  /* The open tooltip, if any, follows the window's new figures. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_highlight (LcWindowStrip *self,
               int            highlight)
{
  if (self->highlight == highlight)
    return;

  self->highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LcWindowStrip            *self)
{
  if (self->model == NULL)
    return;

  set_highlight (self, lc_window_strip_pick_cell (self->model,
                                                  gtk_widget_get_width (GTK_WIDGET (self)), x));
}

static void
on_leave (GtkEventControllerMotion *controller,
          LcWindowStrip            *self)
{
  set_highlight (self, -1);
}

static gboolean
lc_window_strip_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  LcWindowStrip *self = LC_WINDOW_STRIP (widget);
  g_autofree char *text = NULL;
  int index;

  if (self->model == NULL)
    return FALSE;

  /* From the keyboard there is no pointer: the whole strip in words. */
  if (keyboard_mode)
    {
      text = lc_window_strip_model_dup_description (self->model);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  index = lc_window_strip_pick_cell (self->model, gtk_widget_get_width (widget), x);
  if (index < 0)
    return FALSE;

  text = lc_window_strip_model_dup_cell_text (self->model, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lc_window_strip_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LcWindowStrip *self = LC_WINDOW_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  LcChartStyle style;
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  lc_chart_init_style_for (widget, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_window_strip_render (cr, width, height, self->model, &style, self->highlight);
  cairo_destroy (cr);
}

static void
lc_window_strip_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  LcChartStyle style;
  cairo_t *cr;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MINIMUM_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }

  lc_chart_init_style_for (widget, &style);
  cr = lc_chart_create_measuring_context ();
  *minimum = *natural = (int)ceil (lc_window_strip_get_height (cr, &style));
  cairo_destroy (cr);
}

static void
lc_window_strip_dispose (GObject *object)
{
  lc_window_strip_set_model (LC_WINDOW_STRIP (object), NULL);

  G_OBJECT_CLASS (lc_window_strip_parent_class)->dispose (object);
}

static void
lc_window_strip_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LcWindowStrip *self = LC_WINDOW_STRIP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_strip_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LcWindowStrip *self = LC_WINDOW_STRIP (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      lc_window_strip_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_window_strip_class_init (LcWindowStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_window_strip_dispose;
  object_class->get_property = lc_window_strip_get_property;
  object_class->set_property = lc_window_strip_set_property;

  widget_class->snapshot = lc_window_strip_snapshot;
  widget_class->measure = lc_window_strip_measure;
  widget_class->query_tooltip = lc_window_strip_query_tooltip;

  /**
   * LcWindowStrip:model:
   *
   * The windows shown. The strip redraws when they change.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, LC_TYPE_WINDOW_STRIP_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lc-window-strip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_window_strip_init (LcWindowStrip *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->highlight = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

/**
 * lc_window_strip_new:
 * @model: (nullable): the windows to show
 *
 * Returns: (transfer floating): a strip
 */
GtkWidget *
lc_window_strip_new (LcWindowStripModel *model)
{
  return g_object_new (LC_TYPE_WINDOW_STRIP, "model", model, NULL);
}

/**
 * lc_window_strip_get_model:
 *
 * Returns: (transfer none) (nullable): the windows shown
 */
LcWindowStripModel *
lc_window_strip_get_model (LcWindowStrip *self)
{
  g_return_val_if_fail (LC_IS_WINDOW_STRIP (self), NULL);

  return self->model;
}

void
lc_window_strip_set_model (LcWindowStrip      *self,
                           LcWindowStripModel *model)
{
  g_return_if_fail (LC_IS_WINDOW_STRIP (self));
  g_return_if_fail (model == NULL || LC_IS_WINDOW_STRIP_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  self->highlight = -1;

  if (model != NULL)
    {
      g_signal_connect_swapped (model, "changed", G_CALLBACK (on_model_changed), self);
      g_signal_connect_swapped (model, "notify::title", G_CALLBACK (update_accessible), self);
    }

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
