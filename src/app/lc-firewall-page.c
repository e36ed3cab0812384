/* lc-firewall-page.c — step 1: every firewall rule of the profile, tested, in plain words; what
 * IT must open, ready to copy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-check-row.h"
#include "lc-firewall-page.h"
#include "lc-port-map.h"
#include "lc-words.h"

struct _LcFirewallPage
{
  LcWizardPage  parent_instance;

  GtkWidget    *summary_group;
  GtkWidget    *dns_group;
  GPtrArray    *summary_rows;
  GHashTable   *rows;        /* check id → LcCheckRow */
  GHashTable   *groups;      /* check id → the group its row is in */
  GHashTable   *port_maps;   /* check id → LcPortMap */
};

G_DEFINE_FINAL_TYPE (LcFirewallPage, lc_firewall_page, LC_TYPE_WIZARD_PAGE)

static void
clear_summary (LcFirewallPage *self)
{
  for (guint i = 0; i < self->summary_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->summary_group),
                                  g_ptr_array_index (self->summary_rows, i));
  g_ptr_array_set_size (self->summary_rows, 0);
}

static void
lc_firewall_page_rebuild (LcWizardPage *page)
{
  LcFirewallPage *self = LC_FIREWALL_PAGE (page);
  LcProfile *profile = lc_wizard_page_get_profile (page);
  GtkWidget *copy;

  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->groups);
  g_hash_table_remove_all (self->port_maps);
  g_ptr_array_set_size (self->summary_rows, 0);
  self->summary_group = NULL;
  self->dns_group = NULL;

  if (profile == NULL)
    return;

  /* First, once a run is over: the step's verdict and the rules to open. */
  self->summary_group = lc_wizard_page_add_group (page, NULL, NULL);
  copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy the rules to open, to send them to IT"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.copy-rules");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->summary_group), copy);
  gtk_widget_set_visible (self->summary_group, FALSE);

  for (guint s = 0; s < lc_profile_get_n_services (profile); s++)
    {
      const LcService *service = lc_profile_get_service (profile, s);
      GtkWidget *group = NULL;

      for (guint r = 0; r < lc_profile_get_n_rules (profile); r++)
        {
          const LcRule *rule = lc_profile_get_rule (profile, r);
          g_autoptr(LcCheckResult) waiting = NULL;
          GtkWidget *row;

          if (!g_str_equal (rule->service, service->id))
            continue;

          if (group == NULL)
            {
              /* Translators: a service and its host, e.g. "Video gateway — rtc.example.net" */
              g_autofree char *title = g_strdup_printf (_("%s — %s"), service->name,
                                                        service->host ? service->host
                                                                      : _("no host"));
              group = lc_wizard_page_add_group (page, title, NULL);
            }

          waiting = lc_check_result_new_for_rule (profile, rule);
          row = lc_check_row_new (waiting, profile);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_hash_table_insert (self->rows, g_strdup (rule->id), row);
          g_hash_table_insert (self->groups, g_strdup (rule->id), group);

          if (rule->is_range)
            {
              GtkWidget *map = lc_port_map_new ();

              gtk_widget_set_margin_top (map, 6);
              gtk_widget_set_margin_bottom (map, 6);
              gtk_widget_set_margin_start (map, 12);
              gtk_widget_set_margin_end (map, 12);
              gtk_widget_set_visible (map, FALSE);
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), map);
              g_hash_table_insert (self->port_maps, g_strdup (rule->id), map);
            }
        }
    }
}

static LcCheckRow *
row_for (LcFirewallPage *self,
         LcCheckResult  *result)
{
  LcWizardPage *page = LC_WIZARD_PAGE (self);
  const char *id = lc_check_result_get_id (result);
  GtkWidget *row = g_hash_table_lookup (self->rows, id);

  if (row == NULL && g_strcmp0 (lc_check_result_get_check (result), "dns") == 0)
    {
      if (self->dns_group == NULL)
        self->dns_group = lc_wizard_page_add_group (page, _("Name Resolution"),
                                                    _("Each server’s name, looked up by this "
                                                      "computer’s DNS."));
      row = lc_check_row_new (result, lc_wizard_page_get_profile (page));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->dns_group), row);
      g_hash_table_insert (self->rows, g_strdup (id), row);
    }
  return row ? LC_CHECK_ROW (row) : NULL;
}

static void
show_result (LcFirewallPage *self,
             LcCheckResult  *result)
{
  LcCheckRow *row = row_for (self, result);
  GtkWidget *map = g_hash_table_lookup (self->port_maps, lc_check_result_get_id (result));

  if (row == NULL)
    return;
  lc_check_row_set_result (row, result);

  if (map != NULL)
    {
      gboolean swept = lc_check_result_is_finished (result) &&
                       lc_check_result_get_status (result) != LC_STATUS_SKIP;

      lc_port_map_set_result (LC_PORT_MAP (map), result);
      gtk_widget_set_visible (map, swept);
    }
}

static void
lc_firewall_page_check_started (LcWizardPage  *page,
                                LcCheckResult *result)
{
  LcCheckRow *row = row_for (LC_FIREWALL_PAGE (page), result);

  if (row == NULL)
    return;
  lc_check_row_set_result (row, result);
  lc_check_row_set_running (row, TRUE);
}

static void
lc_firewall_page_check_finished (LcWizardPage  *page,
                                 LcCheckResult *result)
{
  show_result (LC_FIREWALL_PAGE (page), result);
}

static void
show_summary (LcFirewallPage *self,
              LcReport       *report)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  LcChecklist *checklist = lc_wizard_page_get_checklist (LC_WIZARD_PAGE (self));
  LcStepState state = lc_checklist_get_state (checklist, LC_STEP_FIREWALL);
  const char *title;
  const char *description;

  clear_summary (self);

  switch (state)
    {
    case LC_STEP_STATE_PASS:
      title = _("Every Rule Passes");
      description = _("This network lets the platform’s services through.");
      break;
    case LC_STEP_STATE_WARN:
      title = _("The Required Rules Pass");
      description = rules->len > 0
        ? _("Some recommended ones do not. To use them, ask IT to open these rules:")
        : _("Some recommended ones do not: see their rows below.");
      break;
    case LC_STEP_STATE_FAIL:
      title = _("Some Rules Do Not Pass");
      description = rules->len > 0 ? _("Ask IT to open these rules on the firewall:")
                                   : _("Nothing needs opening: the ports are open, but the "
                                       "services do not answer as they should. See their rows "
                                       "below.");
      break;
    case LC_STEP_STATE_SKIP:
      title = _("Nothing Could Be Tested");
      description = _("See the rows below for why.");
      break;
    case LC_STEP_STATE_WAITING:
    case LC_STEP_STATE_RUNNING:
    default:
      gtk_widget_set_visible (self->summary_group, FALSE);
      return;
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->summary_group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->summary_group),
                                         description);
  gtk_widget_set_visible (adw_preferences_group_get_header_suffix (
                            ADW_PREFERENCES_GROUP (self->summary_group)), rules->len > 0);

  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *line = lc_words_rule_to_open (rule);
      g_autofree char *subtitle = rule->description
        ? g_strdup_printf ("%s: %s", rule->service_name, rule->description)
        : g_strdup (rule->service_name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->summary_group), row);
      g_ptr_array_add (self->summary_rows, row);
    }

  gtk_widget_set_visible (self->summary_group, TRUE);
}

static void
lc_firewall_page_report_changed (LcWizardPage *page,
                                 LcReport     *report)
{
  LcFirewallPage *self = LC_FIREWALL_PAGE (page);
  GPtrArray *checks;

  if (self->summary_group == NULL)
    return;

  /* A new Start: every row waits again. */
  if (report == NULL)
    {
      lc_wizard_page_clear_groups (page);
      lc_firewall_page_rebuild (page);
      return;
    }

  checks = lc_report_get_checks (report);
  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      const char *step = lc_check_result_get_step (result);

      if (g_strcmp0 (step, LC_REPORT_STEP_FIREWALL) == 0 ||
          g_strcmp0 (step, LC_REPORT_STEP_CONTEXT) == 0)
        show_result (self, result);
    }
  show_summary (self, report);
}

static void
lc_firewall_page_dispose (GObject *object)
{
  LcFirewallPage *self = LC_FIREWALL_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->port_maps, g_hash_table_unref);
  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_firewall_page_parent_class)->dispose (object);
}

static void
lc_firewall_page_class_init (LcFirewallPageClass *klass)
{
  LcWizardPageClass *page_class = LC_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lc_firewall_page_dispose;
  page_class->rebuild = lc_firewall_page_rebuild;
  page_class->check_started = lc_firewall_page_check_started;
  page_class->check_finished = lc_firewall_page_check_finished;
  page_class->report_changed = lc_firewall_page_report_changed;
}

static void
lc_firewall_page_init (LcFirewallPage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->port_maps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->summary_rows = g_ptr_array_new ();
}

/**
 * lc_firewall_page_new:
 *
 * Returns: (transfer floating): the checklist's first page
 */
GtkWidget *
lc_firewall_page_new (void)
{
  return g_object_new (LC_TYPE_FIREWALL_PAGE, "step", LC_STEP_FIREWALL, NULL);
}
