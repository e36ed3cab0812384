/* lc-end-to-end-page.c — step 5: the calls relayed by TURN, then the result: the verdict, what
 * failed and why, the rules to open, the report kept, the result code
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-call-views.h"
#include "lc-end-to-end-page.h"
#include "lc-report-code.h"
#include "lc-report-upload.h"
#include "lc-result-code-view.h"
#include "lc-upload-row.h"
#include "lc-words.h"

/* A result that lists more problems than this says how many more instead. */
#define MAX_PROBLEMS_SHOWN 8

struct _LcEndToEndPage
{
  LcWizardPage  parent_instance;

  LcCallViews  *calls;
  GtkWidget    *result_group;
  GtkWidget    *code_group;
  GtkWidget    *code_view;
  GtkWidget    *saved_row;
  GtkWidget    *upload_row;   /* when the profile has a report_url */
  GPtrArray    *result_rows;
  char         *saved_path;
  gboolean      showing;      /* a report's result is shown */
};

G_DEFINE_FINAL_TYPE (LcEndToEndPage, lc_end_to_end_page, LC_TYPE_WIZARD_PAGE)

/* Only a profile that names where the platform collects reports asks to send them. */
static void
add_upload_row (LcEndToEndPage *self)
{
  const char *url = lc_profile_get_report_url (lc_wizard_page_get_profile (LC_WIZARD_PAGE (self)));
  GApplication *app = g_application_get_default ();
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *host = NULL;
  GtkWidget *group;

  if (url == NULL)
    return;

  settings = LC_IS_APPLICATION (app)
             ? g_object_ref (lc_application_get_settings (LC_APPLICATION (app)))
             : g_settings_new (APP_ID);
  host = lc_report_upload_dup_host (url);
  group = lc_wizard_page_add_group (LC_WIZARD_PAGE (self), NULL, NULL);
  self->upload_row = lc_upload_row_new (settings, host);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->upload_row);
}

static void
lc_end_to_end_page_rebuild (LcWizardPage *page)
{
  LcEndToEndPage *self = LC_END_TO_END_PAGE (page);
  GtkWidget *button;
  GtkWidget *box;

  lc_call_views_clear (self->calls);
  g_ptr_array_set_size (self->result_rows, 0);
  self->result_group = NULL;
  self->code_group = NULL;
  self->code_view = NULL;
  self->saved_row = NULL;
  self->upload_row = NULL;
  if (lc_wizard_page_get_profile (page) == NULL)
    return;

  lc_call_views_build (self->calls, page, LC_STEP_END_TO_END,
                       _("This profile places no calls through TURN."));

  self->result_group = lc_wizard_page_add_group (page, _("The Result"),
                                                 _("Press Start to run the whole checklist."));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_tooltip_text (button, _("Copy the rules to open, to send them to IT"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.copy-rules");
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), button);
  button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_tooltip_text (button, _("Export the report as a PDF for the IT team"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.export-pdf");
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->result_group), box);

  /* The view has its own heading and words. */
  self->code_group = lc_wizard_page_add_group (page, NULL, NULL);
  self->code_view = lc_result_code_view_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->code_group), self->code_view);
  gtk_widget_set_visible (self->code_group, FALSE);

  add_upload_row (self);
}

static void
clear_result (LcEndToEndPage *self)
{
  for (guint i = 0; i < self->result_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->result_group),
                                  g_ptr_array_index (self->result_rows, i));
  g_ptr_array_set_size (self->result_rows, 0);
  self->saved_row = NULL;
}

static GtkWidget *
add_result_row (LcEndToEndPage *self,
                const char     *icon_name,
                const char     *css_class,
                const char     *title,
                const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (css_class != NULL)
        gtk_widget_add_css_class (icon, css_class);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->result_group), row);
  g_ptr_array_add (self->result_rows, row);
  return row;
}

static void
show_saved (LcEndToEndPage *self)
{
  GtkWidget *button;

  if (self->saved_path == NULL || self->result_group == NULL || !self->showing)
    return;

  if (self->saved_row == NULL)
    {
      self->saved_row = add_result_row (self, "document-save-symbolic", NULL,
                                        _("The report is kept"), self->saved_path);
      button = gtk_button_new_with_mnemonic (_("_Open Folder"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-report-folder");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->saved_row), button);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->saved_row), self->saved_path);
}

/* Everything that did not pass, in plain words, the worst first. */
static void
show_problems (LcEndToEndPage *self,
               LcReport       *report)
{
  LcProfile *profile = lc_report_get_profile (report);
  GPtrArray *checks = lc_report_get_checks (report);
  GPtrArray *media = lc_report_get_media (report);
  guint shown = 0, more = 0;

  for (int pass = 0; pass < 2; pass++)
    {
      LcStatus wanted = pass == 0 ? LC_STATUS_FAIL : LC_STATUS_WARN;

      for (guint i = 0; i < checks->len; i++)
        {
          LcCheckResult *result = g_ptr_array_index (checks, i);
          g_autofree char *headline = NULL;

          if (lc_check_result_get_status (result) != wanted)
            continue;
          if (shown >= MAX_PROBLEMS_SHOWN)
            {
              more++;
              continue;
            }
          headline = lc_words_check_headline (result, profile);
          add_result_row (self, pass == 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                          pass == 0 ? "error" : "warning", headline,
                          lc_check_result_get_detail (result));
          shown++;
        }

      for (guint i = 0; i < media->len; i++)
        {
          LcMediaResult *result = g_ptr_array_index (media, i);
          LcMediaStatus status = lc_media_result_get_status (result);
          gboolean failed = status == LC_MEDIA_STATUS_FAIL || status == LC_MEDIA_STATUS_INTERRUPTED;
          const LcMediaEntry *entry = NULL;
          g_autofree char *title = NULL;
          g_autofree char *headline = NULL;

          if ((pass == 0 && !failed) || (pass == 1 && status != LC_MEDIA_STATUS_WARN))
            continue;
          if (shown >= MAX_PROBLEMS_SHOWN)
            {
              more++;
              continue;
            }
          for (guint j = 0; j < lc_profile_get_n_media (profile); j++)
            if (g_str_equal (lc_profile_get_media (profile, j)->id,
                             lc_media_result_get_id (result)))
              entry = lc_profile_get_media (profile, j);
          title = entry ? lc_words_call_title (entry) : g_strdup (lc_media_result_get_id (result));
          /* Translators: a call and how it ended, e.g. "Audio echo call (Opus): Failed" */
          headline = g_strdup_printf (_("%s: %s"), title, lc_words_media_status (result));
          add_result_row (self, pass == 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic",
                          pass == 0 ? "error" : "warning", headline,
                          lc_media_result_get_detail (result));
          shown++;
        }
    }

  if (more > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more: see their steps",
                                                            "and %u more: see their steps", more),
                                               more);
      add_result_row (self, NULL, NULL, text, NULL);
    }
}

static void
show_rules (LcEndToEndPage *self,
            LcReport       *report)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  g_autoptr(GString) lines = g_string_new (NULL);

  if (rules->len == 0)
    return;

  for (guint i = 0; i < rules->len; i++)
    {
      g_autofree char *line = lc_words_rule_to_open (g_ptr_array_index (rules, i));
      g_string_append_printf (lines, "%s%s", lines->len ? "\n" : "", line);
    }
  add_result_row (self, "network-wired-disconnected-symbolic", NULL,
                  g_dngettext (GETTEXT_PACKAGE, "The rule IT must open",
                               "The rules IT must open", rules->len), lines->str);
}

static void
lc_end_to_end_page_report_changed (LcWizardPage *page,
                                   LcReport     *report)
{
  LcEndToEndPage *self = LC_END_TO_END_PAGE (page);
  LcChecklist *checklist = lc_wizard_page_get_checklist (page);
  LcStatus verdict;

  lc_call_views_show_report (self->calls, report);
  if (self->result_group == NULL)
    return;

  clear_result (self);
  self->showing = report != NULL;
  if (report == NULL)
    {
      g_clear_pointer (&self->saved_path, g_free);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->result_group),
                                       _("The Result"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->result_group),
                                             _("It comes when every step has run."));
      gtk_widget_set_visible (self->code_group, FALSE);
      return;
    }

  /* While steps are still to run, what is known so far says so. */
  verdict = lc_report_get_verdict (report);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->result_group),
                                   lc_words_verdict_title (verdict));
  if (lc_checklist_is_running (checklist))
    {
      /* Translators: the verdict while the checklist still runs */
      g_autofree char *so_far = g_strdup_printf (_("So far: %s"), lc_words_verdict (verdict));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->result_group), so_far);
    }
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->result_group),
                                           lc_words_verdict (verdict));

  show_problems (self, report);
  show_rules (self, report);
  show_saved (self);

  {
    g_autofree char *code = lc_report_dup_result_code (report);

    lc_result_code_view_set_code (LC_RESULT_CODE_VIEW (self->code_view), code);
    gtk_widget_set_visible (self->code_group, code != NULL);
  }
}

static void
lc_end_to_end_page_media_started (LcWizardPage *page,
                                  const char   *entry_id)
{
  lc_call_views_start (LC_END_TO_END_PAGE (page)->calls, entry_id);
}

static void
lc_end_to_end_page_media_sample (LcWizardPage  *page,
                                 const char    *entry_id,
                                 LcMediaSample *sample)
{
  lc_call_views_add_sample (LC_END_TO_END_PAGE (page)->calls, entry_id, sample);
}

static void
lc_end_to_end_page_media_finished (LcWizardPage  *page,
                                   LcMediaResult *result)
{
  lc_call_views_set_result (LC_END_TO_END_PAGE (page)->calls, result);
}

/**
 * lc_end_to_end_page_set_saved:
 * @path: (nullable): where the report was kept
 */
void
lc_end_to_end_page_set_saved (LcEndToEndPage *self,
                              const char     *path)
{
  char *copy = g_strdup (path);

  g_return_if_fail (LC_IS_END_TO_END_PAGE (self));
  g_free (self->saved_path);
  self->saved_path = copy;
  show_saved (self);
}

/**
 * lc_end_to_end_page_get_upload_row:
 *
 * Returns: (transfer none) (nullable): the row that sends reports, when the profile has a
 *   `report_url`
 */
LcUploadRow *
lc_end_to_end_page_get_upload_row (LcEndToEndPage *self)
{
  g_return_val_if_fail (LC_IS_END_TO_END_PAGE (self), NULL);
  return self->upload_row ? LC_UPLOAD_ROW (self->upload_row) : NULL;
}

static void
lc_end_to_end_page_dispose (GObject *object)
{
  LcEndToEndPage *self = LC_END_TO_END_PAGE (object);

  g_clear_pointer (&self->calls, lc_call_views_free);
  g_clear_pointer (&self->result_rows, g_ptr_array_unref);
  g_clear_pointer (&self->saved_path, g_free);

  G_OBJECT_CLASS (lc_end_to_end_page_parent_class)->dispose (object);
}

static void
lc_end_to_end_page_class_init (LcEndToEndPageClass *klass)
{
  LcWizardPageClass *page_class = LC_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = lc_end_to_end_page_dispose;
  page_class->rebuild = lc_end_to_end_page_rebuild;
  page_class->media_started = lc_end_to_end_page_media_started;
  page_class->media_sample = lc_end_to_end_page_media_sample;
  page_class->media_finished = lc_end_to_end_page_media_finished;
  page_class->report_changed = lc_end_to_end_page_report_changed;
}

static void
lc_end_to_end_page_init (LcEndToEndPage *self)
{
  self->calls = lc_call_views_new ();
  self->result_rows = g_ptr_array_new ();
}

/**
 * lc_end_to_end_page_new:
 *
 * Returns: (transfer floating): the checklist's last page
 */
GtkWidget *
lc_end_to_end_page_new (void)
{
  return g_object_new (LC_TYPE_END_TO_END_PAGE, "step", LC_STEP_END_TO_END, NULL);
}
