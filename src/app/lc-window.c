/* lc-window.c — the checklist wizard: a profile page, then the five steps
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-profile-page.h"
#include "lc-runner.h"
#include "lc-step-page.h"
#include "lc-window.h"

/* Position 0 is the profile page; positions 1…LC_N_STEPS are the checklist's steps. */
#define N_POSITIONS (LC_N_STEPS + 1)

struct _LcWindow
{
  AdwApplicationWindow  parent_instance;

  GtkWidget            *leaflet;
  GtkWidget            *steps_list;
  GtkWidget            *pages;
  GtkWidget            *page_title;
  GtkWidget            *profile_page;
  GtkWidget            *toast_overlay;

  GtkWidget            *rows[N_POSITIONS];
  GtkWidget            *step_pages[LC_N_STEPS];
  GCancellable         *cancellable;
  GCancellable         *run_cancellable;   /* while the checks run */
  LcReport             *report;            /* the last run's */
  int                   position;
};

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const page_names[N_POSITIONS] = {
  "profile", "firewall", "edge", "bandwidth", "recommendations", "end-to-end",
};

static void
update_actions (LcWindow *self)
{
  gboolean ready = lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.run",
                                 ready && self->run_cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel", self->run_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 self->position < N_POSITIONS - 1 && ready);

  for (int i = 1; i < N_POSITIONS; i++)
    gtk_widget_set_sensitive (self->rows[i], ready);
}

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

static void
go_to (LcWindow *self,
       int       position)
{
  g_assert (position >= 0 && position < N_POSITIONS);

  if (position > 0 && !lc_profile_page_get_ready (LC_PROFILE_PAGE (self->profile_page)))
    return;

  if (self->position == 0 && position > 0)
    {
      LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (self->profile_page));

      lc_profile_page_save (LC_PROFILE_PAGE (self->profile_page));
      for (int i = 0; i < LC_N_STEPS; i++)
        lc_step_page_set_profile (LC_STEP_PAGE (self->step_pages[i]), profile);
    }

  self->position = position;
  gtk_stack_set_visible_child_name (GTK_STACK (self->pages), page_names[position]);
  gtk_list_box_select_row (GTK_LIST_BOX (self->steps_list), GTK_LIST_BOX_ROW (self->rows[position]));
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  update_title (self);
  update_actions (self);
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

  go_to (self, 0);
  lc_profile_page_import_file (LC_PROFILE_PAGE (self->profile_page), file);
}

static void
wizard_next (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->position < N_POSITIONS - 1)
    go_to (self, self->position + 1);
}

static void
wizard_previous (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  if (self->position > 0)
    go_to (self, self->position - 1);
}

static void
wizard_go_to (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  int position = g_variant_get_int32 (parameter);

  if (position >= 0 && position < N_POSITIONS)
    go_to (LC_WINDOW (widget), position);
}

static void on_profile_problem (LcWindow   *self,
                                const char *message);
static void keep_report        (LcWindow   *self,
                                LcReport   *report);

static void
set_running (LcWindow *self,
             gboolean  running)
{
  for (int i = 0; i < LC_N_STEPS; i++)
    lc_step_page_set_running (LC_STEP_PAGE (self->step_pages[i]), running);
  update_actions (self);
}

static void
on_check_started (LcWindow      *self,
                  LcCheckResult *result)
{
  for (int i = 0; i < LC_N_STEPS; i++)
    lc_step_page_show_started (LC_STEP_PAGE (self->step_pages[i]), result);
}

static void
on_check_finished (LcWindow      *self,
                   LcCheckResult *result,
                   guint          done,
                   guint          total)
{
  for (int i = 0; i < LC_N_STEPS; i++)
    lc_step_page_show_result (LC_STEP_PAGE (self->step_pages[i]), result);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReport) report = lc_runner_run_finish (LC_RUNNER (object), result, &error);
  const char *message;

  g_clear_object (&self->run_cancellable);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  set_running (self, FALSE);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay),
                                     adw_toast_new (_("The checks were cancelled")));
      else
        on_profile_problem (self, error->message);
      return;
    }

  keep_report (self, report);
  g_set_object (&self->report, report);
  for (int i = 0; i < LC_N_STEPS; i++)
    lc_step_page_show_report (LC_STEP_PAGE (self->step_pages[i]), report);

  switch (lc_report_get_verdict (report))
    {
    case LC_STATUS_PASS: message = _("Every rule passes"); break;
    case LC_STATUS_WARN: message = _("The requirements are met, with warnings"); break;
    case LC_STATUS_FAIL:
    default: message = _("Some requirements are not met"); break;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toast_overlay), adw_toast_new (message));
}

static void
keep_report_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (lc_report_save_to_history (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_report_kept (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_autofree char *message = g_strdup_printf (_("the report could not be kept: %s"),
                                                  error->message);
      on_profile_problem (self, message);
    }
}

/* Kept before anything else is done with it, on a worker thread: a report is never lost. */
static void
keep_report (LcWindow *self,
             LcReport *report)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_report_kept, NULL);

  g_task_set_source_tag (task, keep_report);
  g_task_set_task_data (task, g_object_ref (report), g_object_unref);
  g_task_run_in_thread (task, keep_report_thread);
}

static void
wizard_run (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);
  LcProfile *profile = lc_profile_page_get_profile (LC_PROFILE_PAGE (self->profile_page));
  const char * const steps[] = {
    LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_EDGE, LC_REPORT_STEP_CONTEXT, NULL
  };
  g_autoptr(LcRunner) runner = NULL;

  if (profile == NULL || self->run_cancellable != NULL)
    return;

  runner = lc_runner_new (profile);
  lc_runner_set_steps (runner, steps, NULL);
  g_signal_connect_object (runner, "check-started", G_CALLBACK (on_check_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (runner, "check-finished", G_CALLBACK (on_check_finished), self,
                           G_CONNECT_SWAPPED);

  self->run_cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  lc_runner_run_async (runner, self->run_cancellable, on_run_done, g_object_ref (self));
}

static void
wizard_cancel (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LcWindow *self = LC_WINDOW (widget);

  g_cancellable_cancel (self->run_cancellable);
}

/**
 * lc_window_get_report:
 *
 * Returns: (transfer none) (nullable): the report of the last finished run
 */
LcReport *
lc_window_get_report (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);
  return self->report;
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
on_row_activated (LcWindow      *self,
                  GtkListBoxRow *row)
{
  go_to (self, gtk_list_box_row_get_index (row));
}

static void
on_ready_changed (LcWindow *self)
{
  update_actions (self);
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

static GtkWidget *
new_step_row (int         number,
              const char *title,
              const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *badge;
  GtkWidget *label = gtk_label_new (title);

  if (icon_name != NULL)
    {
      badge = gtk_image_new_from_icon_name (icon_name);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%d", number);
      badge = gtk_label_new (text);
    }
  gtk_widget_add_css_class (badge, "step-number");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), badge);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return row;
}

static void
build_steps (LcWindow *self)
{
  self->rows[0] = new_step_row (0, _("Profile"), "system-users-symbolic");
  gtk_list_box_append (GTK_LIST_BOX (self->steps_list), self->rows[0]);

  for (int i = 0; i < LC_N_STEPS; i++)
    {
      self->rows[i + 1] = new_step_row (i + 1, lc_step_get_title (i), NULL);
      gtk_list_box_append (GTK_LIST_BOX (self->steps_list), self->rows[i + 1]);

      self->step_pages[i] = lc_step_page_new (i);
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

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);

  if (app != NULL)
    {
      GSettings *settings = lc_application_get_settings (LC_APPLICATION (app));
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
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
  go_to (self, 0);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
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
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_ready_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_problem);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, wizard_next);
  gtk_widget_class_install_action (widget_class, "wizard.previous", NULL, wizard_previous);
  gtk_widget_class_install_action (widget_class, "wizard.go-to", "i", wizard_go_to);
  gtk_widget_class_install_action (widget_class, "wizard.run", NULL, wizard_run);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, wizard_cancel);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "wizard.previous", NULL);
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
