/* lc-window.c — the checklist wizard: the profile page, then the five steps, run from one Start
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-advice-page.h"
#include "lc-application.h"
#include "lc-bandwidth-page.h"
#include "lc-edge-page.h"
#include "lc-end-to-end-page.h"
#include "lc-firewall-page.h"
#include "lc-profile-page.h"
#include "lc-step-row.h"
#include "lc-window-private.h"
#include "lc-words.h"

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[LC_WINDOW_N_POSITIONS] = {
  "profile", "firewall", "edge", "bandwidth", "recommendations", "end-to-end",
};

static void
update_title (LcWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->position == 0)
    {
      adw_window_title_set_title (ADW_WINDOW_TITLE (self->page_title), _("Profile"));
      adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->page_title),
                                     _("Who is connecting, and to which platform"));
      return;
    }

  /* Translators: the wizard's position, e.g. "Step 2 of 5" */
  subtitle = g_strdup_printf (_("Step %d of %d"), self->position, LC_N_STEPS);
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->page_title),
                              lc_step_get_title (self->position - 1));
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->page_title), subtitle);
}

/* The sidebar marks the page shown; its rows are not a selection that Tab or the arrow keys
 * could move away from it. */
static void
mark_current_row (LcWindow *self)
{
  for (int i = 0; i < LC_WINDOW_N_POSITIONS; i++)
    {
      gboolean current = i == self->position;

      if (current)
        gtk_widget_set_state_flags (self->rows[i], GTK_STATE_FLAG_SELECTED, FALSE);
      else
        gtk_widget_unset_state_flags (self->rows[i], GTK_STATE_FLAG_SELECTED);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->rows[i]),
                                   GTK_ACCESSIBLE_STATE_SELECTED, current, -1);
    }
}

/* The sidebar's running step: a spinner while a call is set up, a still icon once its media
 * flows (the page charts it then). */
static void
set_step_live (LcWindow *self,
               int       step,
               gboolean  live)
{
  if (step >= 0 && step < LC_N_STEPS)
    lc_step_row_set_live (LC_STEP_ROW (self->rows[step + 1]), live);
}

static void
on_media_started (LcChecklist *checklist,
                  int          step,
                  const char  *entry_id,
                  LcWindow    *self)
{
  set_step_live (self, step, FALSE);
}

static void
on_media_sample (LcChecklist   *checklist,
                 int            step,
                 const char    *entry_id,
                 LcMediaSample *sample,
                 LcWindow      *self)
{
  set_step_live (self, step, TRUE);
}

static void
on_media_finished (LcChecklist   *checklist,
                   int            step,
                   LcMediaResult *result,
                   LcWindow      *self)
{
  set_step_live (self, step, FALSE);
}

/* A checklist for the profile chosen now, unless the current one is for it and has results
 * (they stay until the next run or another profile). */
static void
ensure_checklist (LcWindow *self,
                  gboolean  fresh)
{
  LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (self->profile_page));
  g_autoptr(LcChecklist) checklist = NULL;
  g_autofree char *edge = NULL;

  if (profile == NULL)
    return;

  if (self->checklist != NULL && self->checklist_profile == profile &&
      (lc_checklist_is_running (self->checklist) ||
       (!fresh && lc_checklist_get_report (self->checklist) != NULL)))
    return;

  /* The same profile keeps the edge the person picked. */
  if (self->checklist != NULL && self->checklist_profile == profile)
    edge = g_strdup (lc_checklist_get_edge (self->checklist));

  checklist = lc_checklist_new (profile);
  lc_checklist_set_edge (checklist, edge);

  if (self->checklist != NULL)
    g_signal_handlers_disconnect_by_data (self->checklist, self);
  g_set_object (&self->checklist, checklist);
  g_set_object (&self->checklist_profile, profile);
  g_clear_object (&self->saved);

  g_signal_connect_object (checklist, "step-changed", G_CALLBACK (_lc_window_step_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (checklist, "media-started", G_CALLBACK (on_media_started), self, 0);
  g_signal_connect_object (checklist, "media-sample", G_CALLBACK (on_media_sample), self, 0);
  g_signal_connect_object (checklist, "media-finished", G_CALLBACK (on_media_finished), self, 0);
  for (int i = 0; i < LC_N_STEPS; i++)
    {
      lc_wizard_page_set_checklist (LC_WIZARD_PAGE (self->step_pages[i]), checklist);
      lc_step_row_set_state (LC_STEP_ROW (self->rows[i + 1]),
                             lc_checklist_get_state (checklist, i));
    }
  _lc_window_update_actions (self);
}

/**
 * _lc_window_go_to:
 * @by_person: the person went there (a page away from the running step stops following it)
 */
void
_lc_window_go_to (LcWindow *self,
                  int       position,
                  gboolean  by_person)
{
  g_assert (position >= 0 && position < LC_WINDOW_N_POSITIONS);

  if (position > 0 && !lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page)))
    return;

  if (self->position == 0 && position > 0)
    {
      lc_profile_page_save (LC_PROFILE_PAGE (self->profile_page));
      ensure_checklist (self, FALSE);
    }

  if (by_person && self->checklist != NULL && lc_checklist_is_running (self->checklist))
    self->following = position == lc_checklist_get_running_step (self->checklist) + 1;

  self->position = position;
  gtk_stack_set_visible_child_name (GTK_STACK (self->pages), page_names[position]);
  mark_current_row (self);
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  update_title (self);
  _lc_window_update_actions (self);
}

/**
 * lc_window_get_position:
 *
 * Returns: where the wizard is: 0 on the profile page, then the step number 1…5
 */
int
lc_window_get_position (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), 0);
  return self->position;
}

/**
 * lc_window_get_checklist:
 *
 * Returns: (transfer none) (nullable): the checklist of the chosen profile
 */
LcChecklist *
lc_window_get_checklist (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->checklist;
}

/**
 * lc_window_get_report:
 *
 * Returns: (transfer none) (nullable): every result of the checklist so far
 */
LcReport *
lc_window_get_report (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->checklist ? lc_checklist_get_report (self->checklist) : NULL;
}

/**
 * lc_window_get_step_page:
 *
 * Returns: (transfer none): the page of @step
 */
GtkWidget *
lc_window_get_step_page (LcWindow *self,
                         LcStep    step)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  g_return_val_if_fail (step < LC_N_STEPS, NULL);
  return self->step_pages[step];
}

/**
 * lc_window_import_profile:
 *
 * Adds a profile file to the profile page and chooses it, going back to that page.
 */
void
lc_window_import_profile (LcWindow *self,
                          GFile    *file)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _lc_window_go_to (self, 0, FALSE);
  lc_profile_page_import_file (LC_PROFILE_PAGE (self->profile_page), file);
}

/**
 * lc_window_choose_profile:
 * @id_or_file: a profile id, or a profile file's path
 *
 * As `linecheck [--run] ID|FILE` asks.
 */
void
lc_window_choose_profile (LcWindow   *self,
                          const char *id_or_file)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (id_or_file != NULL);

  _lc_window_go_to (self, 0, FALSE);
  lc_profile_page_choose (LC_PROFILE_PAGE (self->profile_page), id_or_file);
}

/**
 * lc_window_start_when_ready:
 *
 * `linecheck --run`: the checklist starts as soon as the profile is chosen and complete.
 */
void
lc_window_start_when_ready (LcWindow *self)
{
  g_return_if_fail (LC_IS_WINDOW (self));

  self->start_when_ready = TRUE;
  if (lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page)))
    {
      self->start_when_ready = FALSE;
      _lc_window_run (self, LC_CHECKLIST_ALL_STEPS);
    }
}

void
_lc_window_toast (LcWindow   *self,
                  const char *message)
{
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
}

/* The run ---------------------------------------------------------------------------------- */

void
_lc_window_step_changed (LcWindow *self,
                         int       step)
{
  LcStepState state = lc_checklist_get_state (self->checklist, step);

  lc_step_row_set_state (LC_STEP_ROW (self->rows[step + 1]), state);

  /* Unless the person went elsewhere, the running step's page is the one shown. */
  if (state == LC_STEP_STATE_RUNNING && self->following && self->position != step + 1)
    _lc_window_go_to (self, step + 1, FALSE);
}

static void
keep_report_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GFile *saved = NULL;

  if (lc_report_save_to_history (task_data, &saved, &error))
    g_task_return_pointer (task, saved, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Sending to the platform ------------------------------------------------------------------ */

static LcUploadRow *
get_upload_row (LcWindow *self)
{
  return lc_end_to_end_page_get_upload_row (
    LC_END_TO_END_PAGE (self->step_pages[LC_STEP_END_TO_END]));
}

static void
on_report_sent (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;
  gboolean sent = lc_report_upload_send_finish (LC_REPORT_UPLOAD (object), result, &queued,
                                                &error);
  GtkApplication *app;
  LcUploadRow *row;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  row = get_upload_row (self);
  if (row != NULL)
    {
      if (sent)
        lc_upload_row_set_status (row, LC_UPLOAD_STATUS_SENT, NULL);
      else
        lc_upload_row_set_status (row, queued ? LC_UPLOAD_STATUS_QUEUED : LC_UPLOAD_STATUS_FAILED,
                                  error->message);
    }

  /* The receiver is there: what earlier runs left waiting can go too. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (sent && app != NULL)
    lc_application_retry_reports (LC_APPLICATION (app));
}

/* After the report is kept, and only with consent, to the profile's report_url. */
static void
send_report (LcWindow *self,
             LcReport *report)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  LcUploadRow *row = get_upload_row (self);

  if (app == NULL || lc_profile_get_report_url (lc_report_get_profile (report)) == NULL ||
      !g_settings_get_boolean (lc_application_get_settings (LC_APPLICATION (app)),
                               "send-reports"))
    return;

  if (row != NULL)
    lc_upload_row_set_status (row, LC_UPLOAD_STATUS_SENDING, NULL);
  lc_report_upload_send_async (lc_application_get_report_upload (LC_APPLICATION (app)), report,
                               self->cancellable, on_report_sent, g_object_ref (self));
}

static void
on_report_kept (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  gboolean finished = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) saved = g_task_propagate_pointer (G_TASK (result), &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (saved == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The report could not be kept: %s"),
                                                  error->message);
      _lc_window_toast (self, message);
    }
  else
    {
      g_autofree char *path = g_file_get_path (saved);

      g_set_object (&self->saved, saved);
      lc_end_to_end_page_set_saved (LC_END_TO_END_PAGE (self->step_pages[LC_STEP_END_TO_END]),
                                    path);
      _lc_window_update_actions (self);
    }

  /* A run that finished is sent (also when the history could not keep it: the outbox does
   * until it is sent); what a cancelled one had is only kept. */
  if (finished)
    send_report (self, g_task_get_task_data (G_TASK (result)));
}

/* Kept before anything else is done with it, on a worker thread: a report is never lost.
 * @finished: the run ran to its end, and its report may go to the platform */
static void
keep_report (LcWindow *self,
             LcReport *report,
             gboolean  finished)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_report_kept, GINT_TO_POINTER (finished));

  g_task_set_source_tag (task, keep_report);
  g_task_set_task_data (task, g_object_ref (report), g_object_unref);
  g_task_run_in_thread (task, keep_report_thread);
}

static void
notify_finished (LcWindow *self,
                 LcReport *report)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;
  LcStatus verdict = lc_report_get_verdict (report);

  /* Someone who watches the window sees it; someone who went to another one is told. */
  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  notification = g_notification_new (lc_words_verdict_title (verdict));
  g_notification_set_body (notification, lc_words_verdict (verdict));
  g_notification_set_default_action (notification, "app.activate");
  g_notification_set_priority (notification, verdict == LC_STATUS_FAIL
                                               ? G_NOTIFICATION_PRIORITY_HIGH
                                               : G_NOTIFICATION_PRIORITY_NORMAL);
  g_application_send_notification (app, "checklist-finished", notification);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReport) report = lc_checklist_run_finish (LC_CHECKLIST (object), result, &error);

  g_clear_object (&self->run_cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  self->following = FALSE;
  _lc_window_update_actions (self);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _lc_window_toast (self, _("Cancelled: the steps that had finished keep their results"));
      else
        _lc_window_toast (self, error->message);
      /* What had finished is a report too, and is kept. */
      if (lc_checklist_get_report (LC_CHECKLIST (object)) != NULL)
        keep_report (self, lc_checklist_get_report (LC_CHECKLIST (object)), FALSE);
      return;
    }

  keep_report (self, report, TRUE);
  _lc_window_toast (self, lc_words_verdict (lc_report_get_verdict (report)));
  notify_finished (self, report);
}

/**
 * _lc_window_run:
 * @only_step: an #LcStep, or %LC_CHECKLIST_ALL_STEPS for Start
 */
void
_lc_window_run (LcWindow *self,
                int       only_step)
{
  if (!lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page)))
    {
      _lc_window_toast (self, _("Choose a profile and give its servers’ names first"));
      _lc_window_go_to (self, 0, FALSE);
      return;
    }

  if (self->run_cancellable != NULL)
    {
      _lc_window_toast (self, _("The checks are already running: cancel them first"));
      return;
    }

  lc_profile_page_save (LC_PROFILE_PAGE (self->profile_page));
  /* Start takes a new snapshot of the profile (its hosts as they are now). */
  ensure_checklist (self, only_step == LC_CHECKLIST_ALL_STEPS);
  if (get_upload_row (self) != NULL)
    lc_upload_row_set_status (get_upload_row (self), LC_UPLOAD_STATUS_NONE, NULL);

  self->run_cancellable = g_cancellable_new ();
  self->following = only_step == LC_CHECKLIST_ALL_STEPS;
  if (only_step == LC_CHECKLIST_ALL_STEPS)
    _lc_window_go_to (self, 1, FALSE);
  lc_checklist_run_async (self->checklist, only_step, self->run_cancellable, on_run_done,
                          g_object_ref (self));
  _lc_window_update_actions (self);
}

/* The window ------------------------------------------------------------------------------- */

static void
on_row_activated (LcWindow      *self,
                  GtkListBoxRow *row)
{
  _lc_window_go_to (self, gtk_list_box_row_get_index (row), TRUE);
}

static void
on_ready_changed (LcWindow *self)
{
  _lc_window_update_actions (self);

  if (self->start_when_ready &&
      lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page)))
    {
      self->start_when_ready = FALSE;
      _lc_window_run (self, LC_CHECKLIST_ALL_STEPS);
    }
}

/* Another profile: the results of the last one go (they were about it). */
static void
on_profile_changed (LcWindow *self)
{
  LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (self->profile_page));

  if (profile == NULL || profile == self->checklist_profile)
    return;
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  ensure_checklist (self, TRUE);
}

static void
on_profile_problem (LcWindow   *self,
                    const char *message)
{
  GtkWidget *dialog;

  /* The message names the file, the place in it and what was expected: too long for a toast. */
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Profile Not Loaded"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_steps (LcWindow *self)
{
  self->rows[0] = lc_step_row_new (0, _("Profile"), "system-users-symbolic");
  gtk_list_box_append (GTK_LIST_BOX (self->steps_list), self->rows[0]);

  self->step_pages[LC_STEP_FIREWALL] = lc_firewall_page_new ();
  self->step_pages[LC_STEP_EDGE] = lc_edge_page_new ();
  self->step_pages[LC_STEP_BANDWIDTH] = lc_bandwidth_page_new ();
  self->step_pages[LC_STEP_RECOMMENDATIONS] = lc_advice_page_new ();
  self->step_pages[LC_STEP_END_TO_END] = lc_end_to_end_page_new ();

  for (int i = 0; i < LC_N_STEPS; i++)
    {
      self->rows[i + 1] = lc_step_row_new (i + 1, lc_step_get_title (i), NULL);
      gtk_list_box_append (GTK_LIST_BOX (self->steps_list), self->rows[i + 1]);
      gtk_stack_add_named (GTK_STACK (self->pages), self->step_pages[i], page_names[i + 1]);
    }
}

static void
load_window_state (LcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  if (app == NULL)
    return;

  settings = lc_application_get_settings (LC_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  lc_profile_page_set_settings (LC_PROFILE_PAGE (self->profile_page), settings);
}

static gboolean
lc_window_close_request (GtkWindow *window)
{
  LcWindow *self = LC_WINDOW (window);
  GtkApplication *app = gtk_window_get_application (window);

  /* Closing the window cancels whatever runs. */
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);

  if (app != NULL)
    {
      GSettings *settings = lc_application_get_settings (LC_APPLICATION (app));
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (lc_window_parent_class)->close_request (window);
}

static void
lc_window_constructed (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  G_OBJECT_CLASS (lc_window_parent_class)->constructed (object);

  load_window_state (self);
  _lc_window_go_to (self, 0, FALSE);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);
  if (self->checklist != NULL)
    g_signal_handlers_disconnect_by_data (self->checklist, self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->checklist);
  g_clear_object (&self->checklist_profile);
  g_clear_object (&self->saved);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WINDOW);

  G_OBJECT_CLASS (lc_window_parent_class)->dispose (object);
}

static void
lc_window_class_init (LcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lc_window_constructed;
  object_class->dispose = lc_window_dispose;
  window_class->close_request = lc_window_close_request;

  g_type_ensure (LC_TYPE_PROFILE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, steps_list);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, profile_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, run_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_ready_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_problem);

  _lc_window_install_actions (widget_class);
}

static void
lc_window_init (LcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_steps (self);
}

/**
 * lc_window_new:
 *
 * Returns: (transfer full): a new main window
 */
LcWindow *
lc_window_new (LcApplication *application)
{
  return g_object_new (LC_TYPE_WINDOW, "application", application, NULL);
}
