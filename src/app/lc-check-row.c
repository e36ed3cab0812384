/* lc-check-row.c — a check's row: what it found in plain words, its status, and behind the
 * expander what was seen and what to do
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-check-row.h"
#include "lc-words.h"

struct _LcCheckRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *state_stack;
  GtkWidget      *status_icon;
  GtkWidget      *spinner;
  GtkWidget      *status_label;

  LcCheckResult  *result;
  LcProfile      *profile;
  char           *name;          /* shown instead of the headline (an edge's name) */
  char           *about;         /* shown instead of the rule's description */
  GPtrArray      *detail_rows;   /* what the expander holds now */
  LcCheckResult  *details_for;   /* the result they were built for (not a reference) */
  gboolean        running;
};

enum {
  PROP_0,
  PROP_RESULT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LcCheckRow, lc_check_row, ADW_TYPE_EXPANDER_ROW)

static void
set_status_class (GtkWidget  *widget,
                  const char *css_class)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

static void
clear_details (LcCheckRow *self)
{
  self->details_for = NULL;
  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
}

static void
add_detail (LcCheckRow *self,
            const char *label,
            const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  g_ptr_array_add (self->detail_rows, row);
}

/* What was found, what to do, then the engineer's evidence. */
static void
build_details (LcCheckRow *self)
{
  LcCheckResult *result = self->result;
  g_autoptr(GPtrArray) evidence = NULL;

  if (result == NULL || !lc_check_result_is_finished (result) || self->details_for == result)
    return;

  clear_details (self);
  self->details_for = result;
  add_detail (self, _("What was found"), lc_check_result_get_detail (result));
  add_detail (self, _("What to do"), lc_check_result_get_fix (result));
  evidence = lc_words_evidence (lc_check_result_get_evidence (result));
  for (guint i = 0; i < evidence->len; i++)
    {
      LcWordsLine *line = g_ptr_array_index (evidence, i);
      add_detail (self, line->label, line->value);
    }
  if (lc_check_result_get_duration_ms (result) >= 0)
    {
      g_autofree char *took = g_strdup_printf (_("%.0f ms"),
                                               lc_check_result_get_duration_ms (result));
      add_detail (self, _("The check took"), took);
    }
}

static void
on_expanded (LcCheckRow *self,
             GParamSpec *pspec,
             gpointer    user_data)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    build_details (self);
}

static void
update (LcCheckRow *self)
{
  LcCheckResult *result = self->result;
  g_autofree char *headline = NULL;
  const char *description;
  const char *status;
  const char *icon_name;
  const char *css_class;
  g_autofree char *accessible = NULL;
  gboolean expanded;

  if (result == NULL)
    return;

  headline = self->name ? g_strdup (self->name) : lc_words_check_headline (result, self->profile);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), headline);
  description = self->about ? self->about : lc_check_result_get_description (result);
  if (g_strcmp0 (lc_check_result_get_check (result), "dns") == 0)
    description = _("Name resolution");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), description ? description : "");

  if (self->details_for != result || !lc_check_result_is_finished (result))
    clear_details (self);

  if (!lc_check_result_is_finished (result))
    {
      gtk_stack_set_visible_child_name (GTK_STACK (self->state_stack),
                                        self->running ? "spinner" : "icon");
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->running);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), "content-loading-symbolic");
      set_status_class (self->status_icon, "dim-label");
      gtk_label_set_text (GTK_LABEL (self->status_label),
                          self->running ? C_("check status", "Testing…")
                                        : C_("check status", "Waiting"));
      set_status_class (self->status_label, "dim-label");
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), FALSE);
      accessible = g_strdup_printf ("%s, %s", headline,
                                    gtk_label_get_text (GTK_LABEL (self->status_label)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      return;
    }

  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (self->state_stack), "icon");

  switch (lc_check_result_get_status (result))
    {
    case LC_STATUS_PASS:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;
    case LC_STATUS_WARN:
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
      break;
    case LC_STATUS_FAIL:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      break;
    case LC_STATUS_SKIP:
    default:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      break;
    }

  status = lc_words_check_status (result);
  if (g_strcmp0 (lc_check_result_get_check (result), "edge") == 0 &&
      g_str_equal (status, C_("edge status", "Chosen")))
    icon_name = "starred-symbolic";

  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), icon_name);
  set_status_class (self->status_icon, css_class);
  gtk_label_set_text (GTK_LABEL (self->status_label), status);
  set_status_class (self->status_label, css_class);

  /* Enabling the expansion opens the row: it stays as the person left it (closed at first).
   * What is behind it is built when it is opened: a page of forty rows costs nothing more. */
  expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (self), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), expanded);
  if (expanded)
    build_details (self);

  accessible = g_strdup_printf ("%s, %s", headline, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  lc_check_result_get_detail (result)
                                    ? lc_check_result_get_detail (result) : "", -1);
}

/**
 * lc_check_row_new:
 * @result: the check's result; a result not decided yet shows as waiting
 * @profile: (nullable): names the services
 *
 * Returns: (transfer floating): a row for @result
 */
GtkWidget *
lc_check_row_new (LcCheckResult *result,
                  LcProfile     *profile)
{
  LcCheckRow *self = g_object_new (LC_TYPE_CHECK_ROW, NULL);

  g_set_object (&self->profile, profile);
  lc_check_row_set_result (self, result);
  return GTK_WIDGET (self);
}

LcCheckResult *
lc_check_row_get_result (LcCheckRow *self)
{
  g_return_val_if_fail (LC_IS_CHECK_ROW (self), NULL);
  return self->result;
}

void
lc_check_row_set_result (LcCheckRow    *self,
                         LcCheckResult *result)
{
  g_return_if_fail (LC_IS_CHECK_ROW (self));
  g_return_if_fail (result == NULL || LC_IS_CHECK_RESULT (result));

  /* The same finished result again (a report shown once more): nothing changes, unless what
   * it says has (an edge becomes the chosen one once every edge is measured). */
  if (result != NULL && result == self->result && lc_check_result_is_finished (result) &&
      !self->running &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->status_label)),
                 lc_words_check_status (result)) == 0)
    return;

  g_set_object (&self->result, result);
  if (result != NULL && lc_check_result_is_finished (result))
    self->running = FALSE;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

/**
 * lc_check_row_set_running:
 *
 * A check under way: a spinner until its result comes.
 */
void
lc_check_row_set_running (LcCheckRow *self,
                          gboolean    running)
{
  g_return_if_fail (LC_IS_CHECK_ROW (self));

  if (self->running == running)
    return;
  self->running = running;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * lc_check_row_set_name:
 * @name: (nullable): what the row is called instead of its check's plain words (an edge's
 *   name), %NULL for those words
 * @about: (nullable): what is under it instead of the rule's description
 */
void
lc_check_row_set_name (LcCheckRow *self,
                       const char *name,
                       const char *about)
{
  char *name_copy = g_strdup (name);
  char *about_copy = g_strdup (about);

  g_return_if_fail (LC_IS_CHECK_ROW (self));
  g_free (self->name);
  self->name = name_copy;
  g_free (self->about);
  self->about = about_copy;
  update (self);
}

gboolean
lc_check_row_get_running (LcCheckRow *self)
{
  g_return_val_if_fail (LC_IS_CHECK_ROW (self), FALSE);
  return self->running;
}

static void
lc_check_row_dispose (GObject *object)
{
  LcCheckRow *self = LC_CHECK_ROW (object);

  g_clear_object (&self->result);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->about, g_free);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_check_row_parent_class)->dispose (object);
}

static void
lc_check_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LcCheckRow *self = LC_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_check_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LcCheckRow *self = LC_CHECK_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      lc_check_row_set_result (self, g_value_get_object (value));
      break;
    case PROP_RUNNING:
      lc_check_row_set_running (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_check_row_class_init (LcCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_check_row_dispose;
  object_class->get_property = lc_check_row_get_property;
  object_class->set_property = lc_check_row_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, LC_TYPE_CHECK_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/lc-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcCheckRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LcCheckRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LcCheckRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LcCheckRow, status_label);
}

static void
lc_check_row_init (LcCheckRow *self)
{
  self->detail_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::expanded", G_CALLBACK (on_expanded), NULL);
}
