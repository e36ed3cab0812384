/* lc-history-row.c — one past run in the History, bound to its entry by the list's factory
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-history-row.h"
#include "lc-words.h"

struct _LcHistoryRow
{
  GtkBox          parent_instance;

  GtkWidget      *verdict_icon;
  GtkWidget      *date_label;
  GtkWidget      *profile_label;
  GtkWidget      *code_label;
  GtkWidget      *delete_button;

  LcHistoryEntry *entry;
};

G_DEFINE_FINAL_TYPE (LcHistoryRow, lc_history_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lc_history_row_describe_date:
 *
 * Returns: (transfer full): when a run started, in local time, as a person reads it:
 *   "Tuesday 24 November 2026, 10:00"
 */
char *
lc_history_row_describe_date (GDateTime *started)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (started);

  /* Translators: a run's date and time, see g_date_time_format(): "Tuesday 24 November 2026, 10:00" */
  return g_date_time_format (local, _("%A %-e %B %Y, %H:%M"));
}

static void
show_entry (LcHistoryRow *self)
{
  LcHistoryEntry *entry = self->entry;
  static const char * const icons[] = {
    [LC_STATUS_PASS] = "emblem-ok-symbolic",
    [LC_STATUS_WARN] = "dialog-warning-symbolic",
    [LC_STATUS_FAIL] = "dialog-error-symbolic",
    [LC_STATUS_SKIP] = "action-unavailable-symbolic",
  };
  static const char * const classes[] = {
    [LC_STATUS_PASS] = "success",
    [LC_STATUS_WARN] = "warning",
    [LC_STATUS_FAIL] = "error",
    [LC_STATUS_SKIP] = "dim-label",
  };
  g_autofree char *date = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *path = NULL;
  g_autofree char *label = NULL;
  g_autofree char *delete_label = NULL;
  const char *code;
  LcStatus verdict;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (self->verdict_icon, classes[i]);
  if (entry == NULL)
    return;

  verdict = lc_history_entry_get_verdict (entry);
  code = lc_history_entry_get_result_code (entry);
  date = lc_history_row_describe_date (lc_history_entry_get_started (entry));
  /* Translators: a past run's profile and verdict: "CPaaS agent — Passed" */
  profile = g_strdup_printf (_("%s — %s"), lc_history_entry_get_profile_name (entry),
                             lc_words_verdict_short (verdict));

  gtk_image_set_from_icon_name (GTK_IMAGE (self->verdict_icon), icons[verdict]);
  gtk_widget_add_css_class (self->verdict_icon, classes[verdict]);
  gtk_label_set_text (GTK_LABEL (self->date_label), date);
  gtk_label_set_text (GTK_LABEL (self->profile_label), profile);
  gtk_label_set_text (GTK_LABEL (self->code_label), code ? code : "");
  gtk_widget_set_visible (self->code_label, code != NULL);

  path = g_file_get_path (lc_history_entry_get_file (entry));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", path);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "history.delete");

  /* Translators: what a screen reader says of a past run: "DATE, PROFILE — VERDICT, CODE" */
  label = g_strdup_printf (_("%s, %s, result code %s"), date, profile, code ? code : "–");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* Translators: the delete button of a past run, for a screen reader */
  delete_label = g_strdup_printf (_("Delete the run of %s"), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
}

static void
lc_history_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LcHistoryRow *self = LC_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_history_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LcHistoryRow *self = LC_HISTORY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      lc_history_row_set_entry (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_history_row_dispose (GObject *object)
{
  LcHistoryRow *self = LC_HISTORY_ROW (object);

  g_clear_object (&self->entry);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_HISTORY_ROW);

  G_OBJECT_CLASS (lc_history_row_parent_class)->dispose (object);
}

static void
lc_history_row_class_init (LcHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_history_row_dispose;
  object_class->get_property = lc_history_row_get_property;
  object_class->set_property = lc_history_row_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, LC_TYPE_HISTORY_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/linecheck/Linecheck/lc-history-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LcHistoryRow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryRow, profile_label);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryRow, code_label);
  gtk_widget_class_bind_template_child (widget_class, LcHistoryRow, delete_button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lc_history_row_init (LcHistoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lc_history_row_new (void)
{
  return g_object_new (LC_TYPE_HISTORY_ROW, NULL);
}

LcHistoryEntry *
lc_history_row_get_entry (LcHistoryRow *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ROW (self), NULL);
  return self->entry;
}

void
lc_history_row_set_entry (LcHistoryRow   *self,
                          LcHistoryEntry *entry)
{
  g_return_if_fail (LC_IS_HISTORY_ROW (self));
  g_return_if_fail (entry == NULL || LC_IS_HISTORY_ENTRY (entry));

  if (!g_set_object (&self->entry, entry))
    return;
  show_entry (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}
