/* lc-advice-page.c — step 4: advice read off this run's results
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows show what core's advice table (lc-advice.c) finds in the report: what must be done
 * first, then what would make calls better. The page decides nothing itself.
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-advice.h"
#include "lc-advice-page.h"

struct _LcAdvicePage
{
  LcWizardPage  parent_instance;

  GtkWidget    *groups[2];  /* must be done, would make calls better */
  GtkWidget    *empty_group;
  char         *shown;      /* the ids of the advice shown, to rebuild only on a change */
};

G_DEFINE_FINAL_TYPE (LcAdvicePage, lc_advice_page, LC_TYPE_WIZARD_PAGE)

static GtkWidget *
new_advice_row (const LcAdvice *advice)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (advice->title, -1);
  g_autofree char *why = g_markup_escape_text (advice->why, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (advice->action != NULL)
    {
      g_autofree char *action = g_markup_escape_text (advice->action, -1);

      /* Translators: under a recommendation's reason, the exact thing to do */
      subtitle = g_strdup_printf (_("%s\n<b>What to do:</b> %s"), why, action);
    }
  else
    subtitle = g_strdup (why);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  icon = gtk_image_new_from_icon_name (advice->severity == LC_STATUS_FAIL
                                         ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, advice->severity == LC_STATUS_FAIL ? "error" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 14);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  advice->severity == LC_STATUS_FAIL ? _("Must be done")
                                                                     : _("Would help"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (advice->action != NULL)
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy what to do"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Copy what to do"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.copy-text");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", advice->action);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
    }

  gtk_widget_set_name (row, advice->id);
  return row;
}

static void
clear (LcAdvicePage *self)
{
  LcWizardPage *page = LC_WIZARD_PAGE (self);

  for (guint i = 0; i < G_N_ELEMENTS (self->groups); i++)
    if (self->groups[i] != NULL)
      lc_wizard_page_remove_group (page, g_steal_pointer (&self->groups[i]));
  if (self->empty_group != NULL)
    lc_wizard_page_remove_group (page, g_steal_pointer (&self->empty_group));
}

static void
show_message (LcAdvicePage *self,
              const char   *title,
              const char   *text,
              const char   *icon_name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  self->empty_group = lc_wizard_page_add_group (LC_WIZARD_PAGE (self), _("Advice"), NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  if (g_str_equal (icon_name, "emblem-ok-symbolic"))
    gtk_widget_add_css_class (icon, "success");
  else
    gtk_widget_add_css_class (icon, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->empty_group), row);
}

static gboolean
report_has_results (LcReport *report)
{
  return lc_report_get_checks (report)->len > 0 || lc_report_get_media (report)->len > 0;
}

static void
show_report (LcAdvicePage *self,
             LcReport     *report)
{
  g_autoptr(GPtrArray) advice = report ? lc_advice_for_report (report) : NULL;
  g_autoptr(GString) ids = g_string_new (report && report_has_results (report) ? "+" : "-");

  for (guint i = 0; advice != NULL && i < advice->len; i++)
    {
      LcAdvice *a = g_ptr_array_index (advice, i);

      g_string_append_printf (ids, "%s\x1f%s\x1f%s\x1e", a->id, a->title, a->why);
    }
  if (g_strcmp0 (ids->str, self->shown) == 0)
    return;
  g_free (self->shown);
  self->shown = g_strdup (ids->str);

  clear (self);
  if (lc_wizard_page_get_profile (LC_WIZARD_PAGE (self)) == NULL)
    return;

  if (report == NULL || !report_has_results (report))
    {
      show_message (self, _("No results yet"),
                    _("Press Start: the advice comes from what the other steps find on this "
                      "network."),
                    "content-loading-symbolic");
      return;
    }
  if (advice->len == 0)
    {
      show_message (self, _("Nothing to change"),
                    _("Nothing in the results of this run calls for a change on this network."),
                    "emblem-ok-symbolic");
      return;
    }

  for (guint i = 0; i < advice->len; i++)
    {
      LcAdvice *a = g_ptr_array_index (advice, i);
      guint which = a->severity == LC_STATUS_FAIL ? 0 : 1;

      if (self->groups[which] == NULL)
        self->groups[which] = which == 0
          ? lc_wizard_page_add_group (LC_WIZARD_PAGE (self), _("To Do First"),
                                      _("Until this is done, calls from this network fail or "
                                        "cannot be tested."))
          : lc_wizard_page_add_group (LC_WIZARD_PAGE (self), _("To Make Calls Better"),
                                      _("Calls work, but worse or less reliably than they "
                                        "could."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->groups[which]), new_advice_row (a));
    }
}

static void
lc_advice_page_rebuild (LcWizardPage *page)
{
  LcAdvicePage *self = LC_ADVICE_PAGE (page);
  LcChecklist *checklist = lc_wizard_page_get_checklist (page);

  g_clear_pointer (&self->shown, g_free);
  self->groups[0] = self->groups[1] = self->empty_group = NULL;
  show_report (self, checklist ? lc_checklist_get_report (checklist) : NULL);
}

static void
lc_advice_page_report_changed (LcWizardPage *page,
                               LcReport     *report)
{
  show_report (LC_ADVICE_PAGE (page), report);
}

static void
lc_advice_page_finalize (GObject *object)
{
  g_free (LC_ADVICE_PAGE (object)->shown);
  G_OBJECT_CLASS (lc_advice_page_parent_class)->finalize (object);
}

static void
lc_advice_page_class_init (LcAdvicePageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_advice_page_finalize;
  LC_WIZARD_PAGE_CLASS (klass)->rebuild = lc_advice_page_rebuild;
  LC_WIZARD_PAGE_CLASS (klass)->report_changed = lc_advice_page_report_changed;
}

static void
lc_advice_page_init (LcAdvicePage *self)
{
}

GtkWidget *
lc_advice_page_new (void)
{
  return g_object_new (LC_TYPE_ADVICE_PAGE, "step", LC_STEP_RECOMMENDATIONS, NULL);
}
