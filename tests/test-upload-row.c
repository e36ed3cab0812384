/* test-upload-row.c — "Send reports to <host>" on the result page, in a real window under Xvfb:
 * bound to send-reports, insensitive when locked, the status in words
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "lc-application.h"
#include "lc-checklist.h"
#include "lc-end-to-end-page.h"
#include "lc-upload-row.h"
#include "ui-test-utils.h"

#define PROFILE_HEAD "{\"format\": 1, \"id\": \"t\", \"name\": \"T\", "
#define PROFILE_TAIL "\"services\": {\"rtc\": {\"host\": \"rtc.example.net\"}}, " \
  "\"rules\": [{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"https\"}], " \
  "\"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5, " \
  "\"audio_kbps\": 40, \"video_kbps\": 80}}"

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *group = adw_preferences_group_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 200);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), child);
  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  ui_run_for (200);
  return window;
}

static const char *
subtitle_of (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static GtkWidget *
switch_of (GtkWidget *row)
{
  g_autoptr(GPtrArray) found = ui_find_all (row, GTK_TYPE_SWITCH);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static void
test_the_switch_is_the_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *row;
  GtkWidget *window;
  GtkWidget *toggle;

  g_settings_set_boolean (settings, "send-reports", FALSE);
  row = lc_upload_row_new (settings, "reports.example.net");
  window = show_in_window (row);
  toggle = switch_of (row);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Send reports to reports.example.net");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (gtk_widget_is_sensitive (toggle));
  g_assert_nonnull (strstr (subtitle_of (row), "stay on this computer"));

  /* The person turns it on: remembered in the setting. */
  gtk_widget_activate (row);
  ui_run_for (100);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (g_settings_get_boolean (settings, "send-reports"));
  g_assert_nonnull (strstr (subtitle_of (row), "After each run"));

  /* And off again from elsewhere (another window, an administrator's default). */
  g_settings_set_boolean (settings, "send-reports", FALSE);
  ui_run_for (100);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  g_settings_set_boolean (settings, "send-reports", TRUE);
  lc_upload_row_set_status (LC_UPLOAD_ROW (row), LC_UPLOAD_STATUS_SENDING, NULL);
  g_assert_nonnull (strstr (subtitle_of (row), "Sending"));
  lc_upload_row_set_status (LC_UPLOAD_ROW (row), LC_UPLOAD_STATUS_SENT, NULL);
  g_assert_nonnull (strstr (subtitle_of (row), "was sent to reports.example.net"));
  lc_upload_row_set_status (LC_UPLOAD_ROW (row), LC_UPLOAD_STATUS_QUEUED,
                            "reports.example.net did not answer within 15 s");
  g_assert_nonnull (strstr (subtitle_of (row), "did not answer within 15 s"));
  g_assert_nonnull (strstr (subtitle_of (row), "sent when Linecheck starts again"));
  ui_run_for (100);
  ui_save_screenshot (window, "upload-row-queued.png");
  lc_upload_row_set_status (LC_UPLOAD_ROW (row), LC_UPLOAD_STATUS_FAILED, "the disk is full");
  g_assert_nonnull (strstr (subtitle_of (row), "Not sent: the disk is full"));
  g_assert_cmpint (lc_upload_row_get_status (LC_UPLOAD_ROW (row)), ==, LC_UPLOAD_STATUS_FAILED);

  g_settings_set_boolean (settings, "send-reports", FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a_locked_setting_makes_the_switch_insensitive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-settings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  /* A backend that may write only elsewhere: to GSettings the key is not writable, as under a
   * dconf lock. */
  g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/elsewhere/",
                                                                        NULL);
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  GtkWidget *row;
  GtkWidget *window;
  GtkWidget *toggle;

  g_assert_false (g_settings_is_writable (settings, "send-reports"));
  row = lc_upload_row_new (settings, "reports.example.net");
  window = show_in_window (row);
  toggle = switch_of (row);

  g_assert_false (gtk_widget_is_sensitive (toggle));
  g_assert_nonnull (strstr (subtitle_of (row), "Set by your administrator"));
  gtk_widget_activate (row);
  ui_run_for (100);
  g_assert_false (g_settings_get_boolean (settings, "send-reports"));
  ui_save_screenshot (window, "upload-row-locked.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static LcChecklist *
checklist_for (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "t.json", &error);

  g_assert_no_error (error);
  return lc_checklist_new (profile);
}

static void
test_the_result_page_asks_only_when_the_profile_collects (void)
{
  g_autoptr(LcChecklist) collects = checklist_for (
    PROFILE_HEAD "\"report_url\": \"https://reports.example.net/v1/reports\", " PROFILE_TAIL);
  g_autoptr(LcChecklist) keeps = checklist_for (PROFILE_HEAD PROFILE_TAIL);
  GtkWidget *page = lc_end_to_end_page_new ();
  GtkWidget *window = gtk_window_new ();
  LcUploadRow *row;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  lc_wizard_page_set_checklist (LC_WIZARD_PAGE (page), collects);
  ui_run_for (100);
  row = lc_end_to_end_page_get_upload_row (LC_END_TO_END_PAGE (page));
  g_assert_nonnull (row);
  g_assert_cmpstr (lc_upload_row_get_host (row), ==, "reports.example.net");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));

  lc_wizard_page_set_checklist (LC_WIZARD_PAGE (page), keeps);
  ui_run_for (100);
  g_assert_null (lc_end_to_end_page_get_upload_row (LC_END_TO_END_PAGE (page)));
  {
    g_autofree char *text = ui_visible_text (window);
    g_assert_null (strstr (text, "Send reports"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/ui/upload-row/the-switch-is-the-setting", test_the_switch_is_the_setting);
  g_test_add_func ("/ui/upload-row/a-locked-setting-makes-the-switch-insensitive",
                   test_a_locked_setting_makes_the_switch_insensitive);
  g_test_add_func ("/ui/upload-row/the-result-page-asks-only-when-the-profile-collects",
                   test_the_result_page_asks_only_when_the_profile_collects);

  return g_test_run ();
}
