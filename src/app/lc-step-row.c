/* lc-step-row.c — a sidebar row: a step's number and title, and whether it waits, runs,
 * passed, warned or failed
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-step-row.h"

struct _LcStepRow
{
  GtkListBoxRow  parent_instance;

  GtkWidget     *badge_stack;
  GtkWidget     *number_label;
  GtkWidget     *badge_icon;
  GtkWidget     *title_label;
  GtkWidget     *state_stack;
  GtkWidget     *state_icon;
  GtkWidget     *spinner;

  LcStepState    state;
  gboolean       live;       /* running, with a call's media flowing */
};

G_DEFINE_FINAL_TYPE (LcStepRow, lc_step_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
describe_state (LcStepState state)
{
  switch (state)
    {
    case LC_STEP_STATE_RUNNING: return C_("step state", "running");
    case LC_STEP_STATE_PASS: return C_("step state", "passed");
    case LC_STEP_STATE_WARN: return C_("step state", "passed with warnings");
    case LC_STEP_STATE_FAIL: return C_("step state", "failed");
    case LC_STEP_STATE_SKIP: return C_("step state", "nothing to test");
    case LC_STEP_STATE_WAITING:
    default: return C_("step state", "not run yet");
    }
}

static void
update (LcStepRow *self)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };
  const char *icon_name = NULL;
  const char *css_class = NULL;
  g_autofree char *label = NULL;

  switch (self->state)
    {
    case LC_STEP_STATE_PASS: icon_name = "emblem-ok-symbolic"; css_class = "success"; break;
    case LC_STEP_STATE_WARN: icon_name = "dialog-warning-symbolic"; css_class = "warning"; break;
    case LC_STEP_STATE_FAIL: icon_name = "dialog-error-symbolic"; css_class = "error"; break;
    case LC_STEP_STATE_SKIP: icon_name = "action-unavailable-symbolic"; css_class = "dim-label";
      break;
    case LC_STEP_STATE_RUNNING:
    case LC_STEP_STATE_WAITING:
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->state_icon, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (self->state_icon, css_class);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), icon_name);
  gtk_widget_set_visible (self->state_stack, self->state != LC_STEP_STATE_WAITING);
  /* A call with media flowing shows its live charts: a still icon here, not a spinner that
   * repaints the window all along the call. */
  if (self->state == LC_STEP_STATE_RUNNING && self->live)
    gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "network-transmit-receive-symbolic");
  gtk_stack_set_visible_child_name (GTK_STACK (self->state_stack),
                                    self->state == LC_STEP_STATE_RUNNING && !self->live
                                      ? "spinner" : "icon");
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner),
                            self->state == LC_STEP_STATE_RUNNING && !self->live);

  /* Translators: a sidebar row read out: the step, then its state, e.g. "Bandwidth, running" */
  label = g_strdup_printf (_("%s, %s"), gtk_label_get_text (GTK_LABEL (self->title_label)),
                           describe_state (self->state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->state_stack), describe_state (self->state));
}

/**
 * lc_step_row_new:
 * @number: the step's number, shown in its badge
 * @icon_name: (nullable): an icon instead of the number (the profile row)
 *
 * Returns: (transfer floating): a sidebar row
 */
GtkWidget *
lc_step_row_new (int         number,
                 const char *title,
                 const char *icon_name)
{
  LcStepRow *self = g_object_new (LC_TYPE_STEP_ROW, NULL);
  g_autofree char *text = g_strdup_printf ("%d", number);

  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_label_set_text (GTK_LABEL (self->number_label), text);
  if (icon_name != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->badge_icon), icon_name);
      gtk_stack_set_visible_child_name (GTK_STACK (self->badge_stack), "icon");
    }
  update (self);
  return GTK_WIDGET (self);
}

void
lc_step_row_set_state (LcStepRow   *self,
                       LcStepState  state)
{
  g_return_if_fail (LC_IS_STEP_ROW (self));

  if (self->state == state)
    return;
  self->state = state;
  if (state != LC_STEP_STATE_RUNNING)
    self->live = FALSE;
  update (self);
}

/**
 * lc_step_row_set_live:
 *
 * A running step's call carries media (its page charts it every second), or not (yet).
 */
void
lc_step_row_set_live (LcStepRow *self,
                      gboolean   live)
{
  g_return_if_fail (LC_IS_STEP_ROW (self));

  live = live && self->state == LC_STEP_STATE_RUNNING;
  if (self->live == live)
    return;
  self->live = live;
  update (self);
}

LcStepState
lc_step_row_get_state (LcStepRow *self)
{
  g_return_val_if_fail (LC_IS_STEP_ROW (self), LC_STEP_STATE_WAITING);
  return self->state;
}

static void
lc_step_row_class_init (LcStepRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/lc-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, badge_stack);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, LcStepRow, spinner);
}

static void
lc_step_row_init (LcStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
