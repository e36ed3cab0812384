/* lc-window-actions.c — what the window's buttons and keys do: Start, Cancel, a step again,
 * the way through the pages, copying the rules, the report's folder
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-profile-page.h"
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.start", ready && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.run-step", ready && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 self->position < LC_WINDOW_N_POSITIONS - 1 && ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-rules",
                                 rules != NULL && rules->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-report-folder",
                                 self->saved != NULL);
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
