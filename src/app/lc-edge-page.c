/* lc-edge-page.c — step 2: every edge measured, the one the calls use and why; the person may
 * pick another
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-check-row.h"
#include "lc-edge-page.h"
#include "lc-json-reader.h"

struct _LcEdgePage
{
  LcWizardPage  parent_instance;

  GtkWidget    *choice_row;   /* AdwComboRow: the nearest, or one edge */
  GtkWidget    *why_row;
  GHashTable   *rows;         /* check id → LcCheckRow */
  gboolean      choosing;     /* the combo row is being filled: not the person's choice */
};

G_DEFINE_FINAL_TYPE (LcEdgePage, lc_edge_page, LC_TYPE_WIZARD_PAGE)

static void
on_choice_changed (LcEdgePage *self)
{
  LcChecklist *checklist = lc_wizard_page_get_checklist (LC_WIZARD_PAGE (self));
  LcProfile *profile = lc_wizard_page_get_profile (LC_WIZARD_PAGE (self));
  guint selected;
  const char *edge_id = NULL;

  if (self->choosing || checklist == NULL)
    return;

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->choice_row));
  if (selected > 0 && selected <= lc_profile_get_n_edges (profile))
    edge_id = lc_profile_get_edge (profile, selected - 1)->id;

  if (g_strcmp0 (edge_id, lc_checklist_get_edge (checklist)) == 0)
    return;
  lc_checklist_set_edge (checklist, edge_id);

  /* The calls use the edge this step chose: measure again at once, with the new choice. */
  gtk_widget_activate_action (GTK_WIDGET (self), "wizard.run-step", "i", (int)LC_STEP_EDGE);
}

static void
lc_edge_page_rebuild (LcWizardPage *page)
{
  LcEdgePage *self = LC_EDGE_PAGE (page);
  LcProfile *profile = lc_wizard_page_get_profile (page);
  LcChecklist *checklist = lc_wizard_page_get_checklist (page);
  g_autoptr(GtkStringList) names = NULL;
  GtkWidget *group;
  guint n_edges;
  guint selected = 0;

  g_hash_table_remove_all (self->rows);
  self->choice_row = NULL;
  self->why_row = NULL;
  if (profile == NULL)
    return;

  n_edges = lc_profile_get_n_edges (profile);
  if (n_edges == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      group = lc_wizard_page_add_group (page, _("Edges"), NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("This platform has a single region"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("There is no edge to choose: the calls go to the servers "
                                     "of the profile."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      return;
    }

  group = lc_wizard_page_add_group (page, _("The Edge for the Calls"),
                                    _("Each edge is scored by half its round trip plus half "
                                      "its connection time; the lowest is the nearest."));
  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("The nearest"));
  for (guint i = 0; i < n_edges; i++)
    {
      const LcEdge *edge = lc_profile_get_edge (profile, i);

      gtk_string_list_append (names, edge->name);
      if (g_strcmp0 (edge->id, lc_checklist_get_edge (checklist)) == 0)
        selected = i + 1;
    }

  self->choosing = TRUE;
  self->choice_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->choice_row), _("Calls go to"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->choice_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->choice_row), selected);
  g_signal_connect_object (self->choice_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->choice_row);
  self->choosing = FALSE;

  self->why_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->why_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->why_row), _("Not measured yet"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->why_row), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->why_row);

  group = lc_wizard_page_add_group (page, _("Edges"), NULL);
  for (guint i = 0; i < n_edges; i++)
    {
      const LcEdge *edge = lc_profile_get_edge (profile, i);
      g_autofree char *id = g_strconcat ("edge-", edge->id, NULL);
      g_autoptr(LcCheckResult) waiting = lc_check_result_new (id, LC_REPORT_STEP_EDGE, NULL,
                                                              "edge");
      g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer host;
      GtkWidget *row;

      g_hash_table_iter_init (&iter, edge->hosts);
      while (g_hash_table_iter_next (&iter, NULL, &host))
        g_ptr_array_add (hosts, host);
      g_ptr_array_add (hosts, NULL);
      lc_check_result_set_host (waiting, g_ptr_array_index (hosts, 0));

      row = lc_check_row_new (waiting, profile);
      {
        g_autofree char *list = g_strjoinv (", ", (char **)hosts->pdata);
        lc_check_row_set_name (LC_CHECK_ROW (row), edge->name, list);
      }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->rows, g_strdup (id), row);
    }
}

static const char *
edge_name (LcProfile  *profile,
           const char *edge_id)
{
  for (guint i = 0; i < lc_profile_get_n_edges (profile); i++)
    if (g_strcmp0 (lc_profile_get_edge (profile, i)->id, edge_id) == 0)
      return lc_profile_get_edge (profile, i)->name;
  return edge_id;
}

static void
show_result (LcEdgePage    *self,
             LcCheckResult *result)
{
  LcCheckRow *row = g_hash_table_lookup (self->rows, lc_check_result_get_id (result));

  if (row != NULL)
    lc_check_row_set_result (row, result);
}

static void
lc_edge_page_check_started (LcWizardPage  *page,
                            LcCheckResult *result)
{
  LcEdgePage *self = LC_EDGE_PAGE (page);
  LcCheckRow *row = g_hash_table_lookup (self->rows, lc_check_result_get_id (result));

  if (row == NULL)
    return;
  lc_check_row_set_result (row, result);
  lc_check_row_set_running (row, TRUE);
}

static void
lc_edge_page_check_finished (LcWizardPage  *page,
                             LcCheckResult *result)
{
  show_result (LC_EDGE_PAGE (page), result);
}

/* "Europe: score 12 ms, the lowest of 2" — why the calls go where they go. */
static void
explain_choice (LcEdgePage *self,
                LcReport   *report)
{
  LcProfile *profile = lc_wizard_page_get_profile (LC_WIZARD_PAGE (self));
  LcChecklist *checklist = lc_wizard_page_get_checklist (LC_WIZARD_PAGE (self));
  const char *chosen = lc_report_get_chosen_edge (report);
  GPtrArray *checks = lc_report_get_checks (report);
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *title = NULL;
  double chosen_score = NAN;
  gboolean measured = FALSE;

  if (self->why_row == NULL)
    return;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      const char *id = lc_check_result_get_id (result);
      double score = NAN;

      if (g_strcmp0 (lc_check_result_get_check (result), "edge") != 0)
        continue;
      measured = TRUE;
      lc_json_read_double (lc_check_result_get_evidence (result), "score_ms", LC_JSON_OPTIONAL,
                           &score, NULL);
      if (g_strcmp0 (id + strlen ("edge-"), chosen) == 0)
        chosen_score = score;
      else if (isfinite (score) && score >= 0)
        g_string_append_printf (others, "%s%s %.0f ms", others->len ? ", " : "",
                                edge_name (profile, id + strlen ("edge-")), score);
      else
        g_string_append_printf (others, "%s%s %s", others->len ? ", " : "",
                                edge_name (profile, id + strlen ("edge-")), _("unreachable"));
    }

  if (!measured)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->why_row), _("Not measured yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->why_row), "");
      return;
    }

  if (chosen == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->why_row),
                                     _("No edge answered"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->why_row),
                                   _("The calls go to the servers of the profile."));
      return;
    }

  if (lc_checklist_get_edge (checklist) != NULL)
    /* Translators: the edge the person picked, e.g. "Europe, as you chose" */
    title = g_strdup_printf (_("%s, as you chose"), edge_name (profile, chosen));
  else if (isfinite (chosen_score))
    /* Translators: the nearest edge and its score, e.g. "Europe: the nearest, score 12 ms" */
    title = g_strdup_printf (_("%s: the nearest, score %.0f ms"), edge_name (profile, chosen),
                             chosen_score);
  else
    title = g_strdup (edge_name (profile, chosen));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->why_row), title);
  if (others->len > 0)
    {
      /* Translators: the other edges' scores, e.g. "The others: US 85 ms, Asia unreachable" */
      g_autofree char *subtitle = g_strdup_printf (_("The others: %s"), others->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->why_row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->why_row), "");
}

static void
lc_edge_page_report_changed (LcWizardPage *page,
                             LcReport     *report)
{
  LcEdgePage *self = LC_EDGE_PAGE (page);
  GPtrArray *checks;

  if (report == NULL)
    {
      lc_wizard_page_clear_groups (page);
      lc_edge_page_rebuild (page);
      return;
    }

  checks = lc_report_get_checks (report);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (lc_check_result_get_step (g_ptr_array_index (checks, i)),
                   LC_REPORT_STEP_EDGE) == 0)
      show_result (self, g_ptr_array_index (checks, i));
  explain_choice (self, report);
}

static void
lc_edge_page_dispose (GObject *object)
{
  LcEdgePage *self = LC_EDGE_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (lc_edge_page_parent_class)->dispose (object);
}

static void
lc_edge_page_class_init (LcEdgePageClass *klass)
{
  LcWizardPageClass *page_class = LC_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lc_edge_page_dispose;
  page_class->rebuild = lc_edge_page_rebuild;
  page_class->check_started = lc_edge_page_check_started;
  page_class->check_finished = lc_edge_page_check_finished;
  page_class->report_changed = lc_edge_page_report_changed;
}

static void
lc_edge_page_init (LcEdgePage *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lc_edge_page_new:
 *
 * Returns: (transfer floating): the checklist's second page
 */
GtkWidget *
lc_edge_page_new (void)
{
  return g_object_new (LC_TYPE_EDGE_PAGE, "step", LC_STEP_EDGE, NULL);
}
