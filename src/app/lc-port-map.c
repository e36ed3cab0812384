/* lc-port-map.c — draws a udp-range result with the render library's port map and tells the
 * exact sub-range under the pointer; its accessible description lists the blocked ones
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-app"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-port-map.h"
#include "lc-port-map-render.h"

struct _LcPortMap
{
  GtkWidget       parent_instance;

  LcCheckResult  *result;
  LcPortMapModel *model;
};

G_DEFINE_FINAL_TYPE (LcPortMap, lc_port_map, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lc_port_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LcPortMap *self = LC_PORT_MAP (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA color;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  /* The text takes the style's colour, so that the map reads in dark mode too. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  self->model->foreground[0] = color.red;
  self->model->foreground[1] = color.green;
  self->model->foreground[2] = color.blue;
  self->model->foreground[3] = color.alpha;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  lc_port_map_render (cr, width, height, self->model);
  cairo_destroy (cr);
}

static void
lc_port_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    *minimum = *natural = (int)LC_PORT_MAP_HEIGHT;
}

/**
 * lc_port_map_dup_readout:
 * @x: a position across the widget
 *
 * Returns: (transfer full) (nullable): "UDP 15000–15099: blocked (100 ports)", the exact
 *   sub-range under @x
 */
char *
lc_port_map_dup_readout (LcPortMap *self,
                         double     x)
{
  LcPortSpan span;
  gboolean blocked;
  guint n;
  g_autofree char *ports = NULL;

  g_return_val_if_fail (LC_IS_PORT_MAP (self), NULL);

  if (self->model == NULL ||
      !lc_port_map_span_at (self->model, gtk_widget_get_width (GTK_WIDGET (self)), x, &span,
                            &blocked))
    return NULL;

  n = span.last - span.first + 1;
  ports = span.first == span.last ? g_strdup_printf ("%u", span.first)
                                  : g_strdup_printf ("%u–%u", span.first, span.last);
  if (!self->model->swept)
    return g_strdup_printf (_("UDP %s: not swept"), ports);
  if (blocked)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "UDP %s: blocked (%u port)",
                                         "UDP %s: blocked (%u ports)", n), ports, n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "UDP %s: open (%u port)",
                                       "UDP %s: open (%u ports)", n), ports, n);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  /* From the keyboard there is no pointer: the whole map in words. */
  if (keyboard)
    text = LC_PORT_MAP (widget)->model ? lc_port_map_describe (LC_PORT_MAP (widget)->model)
                                       : NULL;
  else
    text = lc_port_map_dup_readout (LC_PORT_MAP (widget), x);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_accessible (LcPortMap *self)
{
  g_autofree char *description = self->model ? lc_port_map_describe (self->model) : NULL;
  const char *rule = self->result ? lc_check_result_get_description (self->result) : NULL;
  g_autofree char *label = NULL;

  /* Translators: the port map's accessible name, e.g. "Port map: RTP media (audio)" */
  label = g_strdup_printf (_("Port map: %s"), rule ? rule : _("UDP range"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "",
                                  -1);
}

static void
lc_port_map_dispose (GObject *object)
{
  LcPortMap *self = LC_PORT_MAP (object);

  g_clear_object (&self->result);
  g_clear_pointer (&self->model, lc_port_map_model_free);

  G_OBJECT_CLASS (lc_port_map_parent_class)->dispose (object);
}

static void
lc_port_map_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LcPortMap *self = LC_PORT_MAP (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_port_map_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LcPortMap *self = LC_PORT_MAP (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      lc_port_map_set_result (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_port_map_class_init (LcPortMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_port_map_dispose;
  object_class->get_property = lc_port_map_get_property;
  object_class->set_property = lc_port_map_set_property;
  widget_class->snapshot = lc_port_map_snapshot;
  widget_class->measure = lc_port_map_measure;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, LC_TYPE_CHECK_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "portmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lc_port_map_init (LcPortMap *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  update_accessible (self);
}

GtkWidget *
lc_port_map_new (void)
{
  return g_object_new (LC_TYPE_PORT_MAP, NULL);
}

LcCheckResult *
lc_port_map_get_result (LcPortMap *self)
{
  g_return_val_if_fail (LC_IS_PORT_MAP (self), NULL);
  return self->result;
}

/**
 * lc_port_map_set_result:
 * @result: (nullable): a udp-range check's result, swept or not
 */
void
lc_port_map_set_result (LcPortMap     *self,
                        LcCheckResult *result)
{
  g_return_if_fail (LC_IS_PORT_MAP (self));

  if (!g_set_object (&self->result, result))
    return;

  g_clear_pointer (&self->model, lc_port_map_model_free);
  if (result != NULL)
    self->model = lc_port_map_model_new_for_result (result);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}
