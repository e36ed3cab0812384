/* lc-wizard-page.c — the base of the five checklist pages: the step's title and summary, a
 * button that runs the step alone, and the checklist's news for the step
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-wizard-page.h"

typedef struct
{
  GtkWidget   *intro_group;
  GtkWidget   *run_button;

  LcStep       step;
  LcChecklist *checklist;
  GPtrArray   *groups;        /* groups the subclass added for the profile */
} LcWizardPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LcWizardPage, lc_wizard_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_STEP,
  PROP_CHECKLIST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_check_started (LcWizardPage  *self,
                  int            step,
                  LcCheckResult *result)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if ((LcStep)step == priv->step && LC_WIZARD_PAGE_GET_CLASS (self)->check_started)
    LC_WIZARD_PAGE_GET_CLASS (self)->check_started (self, result);
}

static void
on_check_finished (LcWizardPage  *self,
                   int            step,
                   LcCheckResult *result)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if ((LcStep)step == priv->step && LC_WIZARD_PAGE_GET_CLASS (self)->check_finished)
    LC_WIZARD_PAGE_GET_CLASS (self)->check_finished (self, result);
}

static void
on_media_started (LcWizardPage *self,
                  int           step,
                  const char   *entry_id)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if ((LcStep)step == priv->step && LC_WIZARD_PAGE_GET_CLASS (self)->media_started)
    LC_WIZARD_PAGE_GET_CLASS (self)->media_started (self, entry_id);
}

static void
on_media_sample (LcWizardPage  *self,
                 int            step,
                 const char    *entry_id,
                 LcMediaSample *sample)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if ((LcStep)step == priv->step && LC_WIZARD_PAGE_GET_CLASS (self)->media_sample)
    LC_WIZARD_PAGE_GET_CLASS (self)->media_sample (self, entry_id, sample);
}

static void
on_media_finished (LcWizardPage  *self,
                   int            step,
                   LcMediaResult *result)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if ((LcStep)step == priv->step && LC_WIZARD_PAGE_GET_CLASS (self)->media_finished)
    LC_WIZARD_PAGE_GET_CLASS (self)->media_finished (self, result);
}

static void
on_report_changed (LcWizardPage *self,
                   LcChecklist  *checklist)
{
  if (LC_WIZARD_PAGE_GET_CLASS (self)->report_changed)
    LC_WIZARD_PAGE_GET_CLASS (self)->report_changed (self, lc_checklist_get_report (checklist));
}

LcStep
lc_wizard_page_get_step (LcWizardPage *self)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  g_return_val_if_fail (LC_IS_WIZARD_PAGE (self), 0);
  return priv->step;
}

/**
 * lc_wizard_page_get_checklist:
 *
 * Returns: (transfer none) (nullable): the checklist the page shows
 */
LcChecklist *
lc_wizard_page_get_checklist (LcWizardPage *self)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  g_return_val_if_fail (LC_IS_WIZARD_PAGE (self), NULL);
  return priv->checklist;
}

/**
 * lc_wizard_page_get_profile:
 *
 * Returns: (transfer none) (nullable): the checklist's profile
 */
LcProfile *
lc_wizard_page_get_profile (LcWizardPage *self)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  g_return_val_if_fail (LC_IS_WIZARD_PAGE (self), NULL);
  return priv->checklist ? lc_checklist_get_profile (priv->checklist) : NULL;
}

/**
 * lc_wizard_page_set_checklist:
 * @checklist: (nullable): the checklist of the chosen profile
 *
 * The page rebuilds its rows for the checklist's profile and shows its results as they come.
 */
void
lc_wizard_page_set_checklist (LcWizardPage *self,
                              LcChecklist  *checklist)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  g_return_if_fail (LC_IS_WIZARD_PAGE (self));
  g_return_if_fail (checklist == NULL || LC_IS_CHECKLIST (checklist));

  if (priv->checklist == checklist)
    return;

  if (priv->checklist != NULL)
    g_signal_handlers_disconnect_by_data (priv->checklist, self);
  g_set_object (&priv->checklist, checklist);

  if (checklist != NULL)
    {
      g_signal_connect_object (checklist, "check-started", G_CALLBACK (on_check_started), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (checklist, "check-finished", G_CALLBACK (on_check_finished), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (checklist, "media-started", G_CALLBACK (on_media_started), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (checklist, "media-sample", G_CALLBACK (on_media_sample), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (checklist, "media-finished", G_CALLBACK (on_media_finished), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (checklist, "report-changed", G_CALLBACK (on_report_changed), self,
                               G_CONNECT_SWAPPED);
    }

  lc_wizard_page_clear_groups (self);
  if (LC_WIZARD_PAGE_GET_CLASS (self)->rebuild)
    LC_WIZARD_PAGE_GET_CLASS (self)->rebuild (self);
  if (checklist != NULL && lc_checklist_get_report (checklist) != NULL)
    on_report_changed (self, checklist);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKLIST]);
}

/**
 * lc_wizard_page_add_group:
 *
 * Returns: (transfer none): a group added after the page's intro, removed at the next rebuild
 */
GtkWidget *
lc_wizard_page_add_group (LcWizardPage *self,
                          const char   *title,
                          const char   *description)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (priv->groups, group);
  return group;
}

/**
 * lc_wizard_page_add_group_widget:
 * @group: an #AdwPreferencesGroup (or a subclass: a call's view)
 *
 * As lc_wizard_page_add_group(), for a group made elsewhere.
 */
void
lc_wizard_page_add_group_widget (LcWizardPage *self,
                                 GtkWidget    *group)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (priv->groups, group);
}

void
lc_wizard_page_remove_group (LcWizardPage *self,
                             GtkWidget    *group)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if (g_ptr_array_remove (priv->groups, group))
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
}

void
lc_wizard_page_clear_groups (LcWizardPage *self)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  for (guint i = 0; i < priv->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self),
                                 ADW_PREFERENCES_GROUP (g_ptr_array_index (priv->groups, i)));
  g_ptr_array_set_size (priv->groups, 0);
}

static void
lc_wizard_page_constructed (GObject *object)
{
  LcWizardPage *self = LC_WIZARD_PAGE (object);
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  G_OBJECT_CLASS (lc_wizard_page_parent_class)->constructed (object);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (priv->intro_group),
                                   lc_step_get_title (priv->step));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (priv->intro_group),
                                         lc_step_get_summary (priv->step));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (priv->run_button), "i", (int)priv->step);
  /* The advice has nothing to run: it is read off the other steps. */
  gtk_widget_set_visible (priv->run_button, priv->step != LC_STEP_RECOMMENDATIONS);
}

static void
lc_wizard_page_dispose (GObject *object)
{
  LcWizardPage *self = LC_WIZARD_PAGE (object);
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  if (priv->checklist != NULL)
    g_signal_handlers_disconnect_by_data (priv->checklist, self);
  g_clear_object (&priv->checklist);
  g_clear_pointer (&priv->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_wizard_page_parent_class)->dispose (object);
}

static void
lc_wizard_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LcWizardPage *self = LC_WIZARD_PAGE (object);
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, priv->step);
      break;
    case PROP_CHECKLIST:
      g_value_set_object (value, priv->checklist);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_wizard_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LcWizardPage *self = LC_WIZARD_PAGE (object);
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STEP:
      priv->step = g_value_get_int (value);
      break;
    case PROP_CHECKLIST:
      lc_wizard_page_set_checklist (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_wizard_page_class_init (LcWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lc_wizard_page_constructed;
  object_class->dispose = lc_wizard_page_dispose;
  object_class->get_property = lc_wizard_page_get_property;
  object_class->set_property = lc_wizard_page_set_property;

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, LC_N_STEPS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKLIST] =
    g_param_spec_object ("checklist", NULL, NULL, LC_TYPE_CHECKLIST,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/lc-wizard-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LcWizardPage, intro_group);
  gtk_widget_class_bind_template_child_private (widget_class, LcWizardPage, run_button);
}

static void
lc_wizard_page_init (LcWizardPage *self)
{
  LcWizardPagePrivate *priv = lc_wizard_page_get_instance_private (self);

  priv->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
