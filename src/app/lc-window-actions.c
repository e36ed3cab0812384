/* lc-window-actions.c — what the window's buttons and keys do: Start, Cancel, a step again,
 * the way through the pages, copying the rules, the report's folder, the PDF export
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-profile-page.h"
#include "lc-report-pdf.h"
#include "lc-window-private.h"
#include "lc-words.h"

/**
 * _lc_window_update_actions:
 *
 * Enables what can be done now; the buttons follow their actions.
 */
void
_lc_window_update_actions (LcWindow *self)
{
  gboolean ready = lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page));
  gboolean running = self->run_cancellable != NULL;
  LcReport *report = lc_window_get_report (self);
  g_autoptr(GPtrArray) rules = report ? lc_report_dup_rules_to_open (report) : NULL;

  /* A run does not start while a PDF is drawn from the results it would replace. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.start",
                                 ready && !running && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.run-step",
                                 ready && !running && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 self->position < LC_WINDOW_N_POSITIONS - 1 && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-rules",
                                 rules != NULL && rules->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-report-folder",
                                 self->saved != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf",
                                 report != NULL && self->saved != NULL && !running &&
                                 !self->exporting);
  gtk_stack_set_visible_child_name (GTK_STACK (self->run_stack), running ? "cancel" : "start");

  for (int i = 1; i < LC_WINDOW_N_POSITIONS; i++)
    gtk_widget_set_sensitive (self->rows[i], ready);
}

static void
wizard_start (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  _lc_window_run (LC_WINDOW (widget), LC_CHECKLIST_ALL_STEPS);
}

static void
wizard_run_step (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  int step = g_variant_get_int32 (parameter);

  if (step >= 0 && step < LC_N_STEPS)
    _lc_window_run (LC_WINDOW (widget), step);
}

static void
wizard_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

static void
wizard_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->position < LC_WINDOW_N_POSITIONS - 1)
    _lc_window_go_to (self, self->position + 1, TRUE);
}

static void
wizard_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->position > 0)
    _lc_window_go_to (self, self->position - 1, TRUE);
}

static void
wizard_go_to (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int position = g_variant_get_int32 (parameter);

  if (position >= 0 && position < LC_WINDOW_N_POSITIONS)
    _lc_window_go_to (LC_WINDOW (widget), position, TRUE);
}

static void
show_sidebar (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
copy_rules (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);
  LcReport *report = lc_window_get_report (self);
  g_autofree char *text = NULL;

  if (report == NULL)
    return;
  text = lc_words_rules_to_open_text (report);
  if (*text == '\0')
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _lc_window_toast (self, _("Copied the rules to open"));
}

static void
copy_text (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  const char *text = g_variant_get_string (parameter, NULL);

  if (*text == '\0')
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  _lc_window_toast (LC_WINDOW (widget), _("Copied"));
}

static void
on_folder_shown (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LcWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_autofree char *message = g_strdup_printf (_("The folder could not be opened: %s"),
                                                  error->message);
      _lc_window_toast (self, message);
    }
}

static void
open_report_folder (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->saved == NULL)
    return;
  folder = g_file_get_parent (self->saved);
  uri = g_file_get_uri (folder);
  g_app_info_launch_default_for_uri_async (uri, NULL, self->cancellable, on_folder_shown,
                                           g_object_ref (self));
}

static void
export_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LcReport *report = g_object_get_data (G_OBJECT (task), "lc-report");
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;

  if (lc_report_write_pdf (report, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_export_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  self->exporting = FALSE;
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    _lc_window_update_actions (self);

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lc_window_export_pdf_async:
 * @file: a local file to write; replaced atomically
 *
 * Writes the current report as a PDF for the IT team (on the locale's paper), in a worker
 * thread. No run starts until it is done.
 */
void
lc_window_export_pdf_async (LcWindow            *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  LcReport *report;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_window_export_pdf_async);
  report = lc_window_get_report (self);
  if (report == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               report == NULL ? _("There is no report to export yet")
                                              : _("Reports are saved to local files only"));
      return;
    }

  /* The drawing runs in a task of its own, so that the window is unlocked whether or not the
   * caller ever asks for the result. */
  thread_task = g_task_new (self, cancellable, on_export_done, g_steal_pointer (&task));
  g_object_set_data_full (G_OBJECT (thread_task), "lc-report", g_object_ref (report),
                          g_object_unref);
  g_task_set_task_data (thread_task, g_object_ref (file), g_object_unref);
  self->exporting = TRUE;
  _lc_window_update_actions (self);
  g_task_run_in_thread (thread_task, export_pdf_thread);
}

gboolean
lc_window_export_pdf_finish (LcWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_pdf_exported (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (lc_window_export_pdf_finish (self, result, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a toast once the PDF report is written, %s is its file name */
      message = g_strdup_printf (_("Saved the PDF report as %s"), name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (error->message);

  if (message != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    _lc_window_toast (self, message);
}

static void
on_export_chosen (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(LcWindow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  lc_window_export_pdf_async (self, file, self->cancellable, on_pdf_exported,
                              g_object_ref (file));
}

/* "linecheck-cpaas-agent-2026-11-24-1000.pdf": the profile and the run's local time. */
static char *
suggest_pdf_name (LcReport *report)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (lc_report_get_started (report));
  g_autofree char *stamp = g_date_time_format (local, "%Y-%m-%d-%H%M");
  g_autofree char *id = g_strdup (lc_profile_get_id (lc_report_get_profile (report)));

  g_strdelimit (id, "/\\:", '-');
  return g_strdup_printf ("linecheck-%s-%s.pdf", id, stamp);
}

static void
export_pdf (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);
  LcReport *report = lc_window_get_report (self);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (report == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export the Report as PDF"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = suggest_pdf_name (report);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (on_export_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_lc_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "wizard.start", NULL, wizard_start);
  gtk_widget_class_install_action (widget_class, "wizard.run-step", "i", wizard_run_step);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, wizard_cancel);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, wizard_next);
  gtk_widget_class_install_action (widget_class, "wizard.previous", NULL, wizard_previous);
  gtk_widget_class_install_action (widget_class, "wizard.go-to", "i", wizard_go_to);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar);
  gtk_widget_class_install_action (widget_class, "win.copy-rules", NULL, copy_rules);
  gtk_widget_class_install_action (widget_class, "win.copy-text", "s", copy_text);
  gtk_widget_class_install_action (widget_class, "win.open-report-folder", NULL,
                                   open_report_folder);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "wizard.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "wizard.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "wizard.previous", NULL);
}
