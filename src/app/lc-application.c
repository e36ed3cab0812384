/* lc-application.c — application actions, settings and the about window
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-decode-dialog.h"
#include "lc-history-dialog.h"
#include "lc-tls.h"
#include "lc-window.h"

struct _LcApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LcReportUpload *report_upload;
  GCancellable   *cancellable;   /* cancelled at shutdown */
  guint           retry_id;
  gboolean        retrying;
};

/* Long enough after start that the first window is up before the network is asked. */
#define RETRY_AFTER_START_S 3

G_DEFINE_FINAL_TYPE (LcApplication, lc_application, ADW_TYPE_APPLICATION)

/**
 * lc_application_new:
 *
 * Returns: (transfer full): the application
 */
LcApplication *
lc_application_new (void)
{
  return g_object_new (LC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PREFIX,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/**
 * lc_application_get_settings:
 *
 * Returns: (transfer none): the app's settings
 */
GSettings *
lc_application_get_settings (LcApplication *self)
{
  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_ID);
  return self->settings;
}

/**
 * lc_application_get_report_upload:
 *
 * Returns: (transfer none): what sends reports to the platform, one for the app
 */
LcReportUpload *
lc_application_get_report_upload (LcApplication *self)
{
  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);

  if (self->report_upload == NULL)
    self->report_upload = lc_report_upload_new (NULL);
  return self->report_upload;
}

static void
on_reports_retried (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_sent = 0, n_left = 0;

  self->retrying = FALSE;
  if (!lc_report_upload_retry_queue_finish (LC_REPORT_UPLOAD (object), result, &n_sent, &n_left,
                                            &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("%s", error->message);
  if (n_sent > 0)
    g_message ("Sent %u report(s) that had waited in the outbox", n_sent);
}

/**
 * lc_application_retry_reports:
 *
 * Sends, in the background, the reports that wait in the outbox, if the person (or the
 * administrator) agreed to send reports; at most one pass at a time.
 */
void
lc_application_retry_reports (LcApplication *self)
{
  g_return_if_fail (LC_IS_APPLICATION (self));

  if (self->retrying ||
      !g_settings_get_boolean (lc_application_get_settings (self), "send-reports"))
    return;

  self->retrying = TRUE;
  lc_report_upload_retry_queue_async (lc_application_get_report_upload (self), self->cancellable,
                                      on_reports_retried, g_object_ref (self));
}

static gboolean
retry_after_start (gpointer user_data)
{
  LcApplication *self = user_data;

  self->retry_id = 0;
  lc_application_retry_reports (self);
  return G_SOURCE_REMOVE;
}

static void
lc_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (lc_window_new (LC_APPLICATION (app)));

  gtk_window_present (window);
}

/* A profile file opened from elsewhere (a file manager): the wizard on it. */
static void
lc_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LcWindow *window;

  g_application_activate (app);
  window = LC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  for (int i = 0; i < n_files; i++)
    lc_window_import_profile (window, files[i]);
}

/* `linecheck [--run] [ID|FILE]`, in the first instance or forwarded to it: the wizard on that
 * profile (a built-in id, or a file the platform or the lab gives), started at once with
 * --run. */
static int
lc_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **remaining = NULL;
  gboolean run = FALSE;
  LcWindow *window;

  g_variant_dict_lookup (options, "run", "b", &run);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &remaining);

  g_application_activate (app);
  window = LC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (remaining != NULL && remaining[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                                remaining[0]);
      const char *arg = remaining[0];

      /* A path is resolved against the caller's folder, not the first instance's. */
      if (strchr (arg, '/') != NULL || g_str_has_suffix (arg, ".json"))
        {
          g_autofree char *path = g_file_get_path (file);
          lc_window_choose_profile (window, path ? path : arg);
        }
      else
        lc_window_choose_profile (window, arg);
    }

  if (run)
    lc_window_start_when_ready (window);

  return 0;
}

static void
show_about (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  LcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Linecheck developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Linecheck"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Linecheck developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("Checks that your network can carry calls to your "
                                   "contact-centre platform, and tells IT exactly what to open "
                                   "when it cannot."));
  adw_about_window_set_website (about, "https://github.com/linecheck/linecheck");
  adw_about_window_set_issue_url (about, "https://github.com/linecheck/linecheck/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Linecheck developers");
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

/* Support decodes the code a person reads out; it needs no run and no profile. */
static void
show_decode (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LcDecodeDialog *dialog = lc_decode_dialog_new (parent);

  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The runs kept on this computer; one reopened as it was. */
static void
show_history (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LcApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  LcHistoryDialog *dialog = lc_history_dialog_new (parent, NULL);

  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit (GSimpleAction *action,
      GVariant      *parameter,
      gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing each window lets it cancel its work and save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static const GActionEntry app_actions[] = {
  { "about", show_about },
  { "decode", show_decode },
  { "history", show_history },
  { "quit", quit },
};

/* The first frame is drawn within 300 ms of the start; a run's first TLS check comes later. */
#define LOAD_TLS_AFTER_MS 300

static gboolean
load_tls_in_background (gpointer data)
{
  lc_tls_load_default_database_in_background ();
  return G_SOURCE_REMOVE;
}

static void
lc_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *next_accels[] = { "<Alt>Right", NULL };
  static const char *previous_accels[] = { "<Alt>Left", NULL };
  static const char *history_accels[] = { "<Control>h", NULL };

  /* Off the main loop, before the first check needs them, and once the window is drawn: the
   * worker would otherwise share the processor with the first frame. */
  g_timeout_add (LOAD_TLS_AFTER_MS, load_tls_in_background, NULL);
  G_APPLICATION_CLASS (lc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "wizard.next", next_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "wizard.previous",
                                         previous_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.history", history_accels);

  /* What earlier runs could not send goes now, in the background. */
  LC_APPLICATION (app)->retry_id = g_timeout_add_seconds (RETRY_AFTER_START_S,
                                                          retry_after_start, app);
}

static void
lc_application_shutdown (GApplication *app)
{
  LcApplication *self = LC_APPLICATION (app);

  /* A report being sent stays in the outbox: nothing is lost. */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);

  G_APPLICATION_CLASS (lc_application_parent_class)->shutdown (app);
}

static void
lc_application_dispose (GObject *object)
{
  LcApplication *self = (LcApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->report_upload);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lc_application_parent_class)->dispose (object);
}

static void
lc_application_class_init (LcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lc_application_dispose;
  app_class->activate = lc_application_activate;
  app_class->command_line = lc_application_command_line;
  app_class->open = lc_application_open;
  app_class->startup = lc_application_startup;
  app_class->shutdown = lc_application_shutdown;
}

static void
lc_application_init (LcApplication *self)
{
  const GOptionEntry entries[] = {
    { "run", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start the checklist at once, on the profile given or the last one"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[ID|FILE]") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->cancellable = g_cancellable_new ();
}
