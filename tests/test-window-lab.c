/* test-window-lab.c — the whole wizard against the real lab, as a person uses it: one Start,
 * every page read, a blocked port, cancel during a call, a run that stays when one goes away,
 * a report sent to the platform only with the switch on
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <adwaita.h>

#include "lab-fixture.h"
#include "lc-application.h"
#include "lc-call-view.h"
#include "lc-check-row.h"
#include "lc-end-to-end-page.h"
#include "lc-profile-page.h"
#include "lc-step-row.h"
#include "lc-window.h"
#include "ui-test-utils.h"

static LabFixture *lab;
static LcApplication *app;

static gboolean
lab_profile_chosen (gpointer data)
{
  LcProfile *profile = lc_profile_page_get_profile (data);
  return profile != NULL && g_str_equal (lc_profile_get_id (profile), "lab");
}

static gboolean
run_is_over (gpointer data)
{
  LcChecklist *checklist = lc_window_get_checklist (data);

  return checklist != NULL && !lc_checklist_is_running (checklist) &&
         lc_window_get_report (data) != NULL;
}

static gboolean
report_is_kept (gpointer data)
{
  g_autofree char *text = ui_visible_text (lc_window_get_step_page (data, LC_STEP_END_TO_END));

  return strstr (text, "The report is kept") != NULL;
}

static gboolean
is_running (gpointer data)
{
  LcChecklist *checklist = lc_window_get_checklist (data);

  return checklist != NULL && lc_checklist_is_running (checklist);
}

static LcWindow *
open_window_on_lab (void)
{
  g_autofree char *path = g_build_filename (lab->dir, "profile.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window;
  GtkWidget *profile_page;

  /* As `linecheck PROFILE.json` does. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  window = LC_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  profile_page = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                             LC_TYPE_WINDOW, "profile_page");
  ui_wait_until (lab_profile_chosen, profile_page, 10000, "the lab profile to be chosen");
  g_assert_true (lc_profile_page_get_ready (LC_PROFILE_PAGE (profile_page)));
  return window;
}

static char *
page_text (LcWindow *window,
           LcStep    step)
{
  return ui_visible_text (lc_window_get_step_page (window, step));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack ? haystack : "(null)");
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (haystack != NULL && strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in “%s”", needle, haystack);
}

static LcStepState
sidebar_state (LcWindow *window,
               LcStep    step)
{
  GtkWidget *list = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                LC_TYPE_WINDOW, "steps_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), step + 1);

  return lc_step_row_get_state (LC_STEP_ROW (row));
}

/* Every page, light and dark, wide and narrow, into the build folder, to be looked at. */
static void
screenshot_every_page (LcWindow   *window,
                       const char *prefix)
{
  static const char * const names[] = {
    "profile", "firewall", "edge", "bandwidth", "recommendations", "end-to-end"
  };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (int dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (int narrow = 0; narrow < 2; narrow++)
        {
          gtk_window_set_default_size (GTK_WINDOW (window), narrow ? 360 : 1100,
                                       narrow ? 760 : 900);
          ui_run_for (200);
          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s-%s-%s.png", prefix, names[i],
                                                       dark ? "dark" : "light",
                                                       narrow ? "narrow" : "wide");

              gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", (int)i);
              ui_save_screenshot (GTK_WIDGET (window), name);
            }
        }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
}

typedef struct
{
  LcWindow *window;
  GArray   *shown;    /* the page shown when each step started running */
} Follow;

static void
on_step_changed (LcChecklist *checklist,
                 int          step,
                 Follow      *follow)
{
  /* The window, connected first, has switched pages already. */
  if (lc_checklist_get_state (checklist, step) == LC_STEP_STATE_RUNNING)
    {
      int position = lc_window_get_position (follow->window);

      g_array_append_val (follow->shown, position);
    }
}

static void
assert_call_passed (LcCallView *view,
                    guint       min_samples)
{
  LcMediaResult *result = lc_call_view_get_result (view);
  g_autofree char *text = ui_visible_text (GTK_WIDGET (view));

  g_test_message ("%s: %s", lc_call_view_get_entry_id (view), text);
  g_assert_nonnull (result);
  g_assert_cmpint (lc_call_view_get_state (view), ==, LC_CALL_VIEW_DONE);
  g_assert_true (lc_media_result_get_status (result) == LC_MEDIA_STATUS_PASS ||
                 lc_media_result_get_status (result) == LC_MEDIA_STATUS_WARN);
  g_assert_cmpuint (lc_call_view_get_samples (view)->len, >=, min_samples);
  /* The quality in words, and the figures both ways. */
  assert_contains (text, "—");
  assert_contains (text, "↑");
  assert_contains (text, "kbps");
}

static GPtrArray *
call_views (LcWindow *window,
            LcStep    step)
{
  return ui_find_all (lc_window_get_step_page (window, step), LC_TYPE_CALL_VIEW);
}

static void
test_one_start_runs_the_whole_checklist (void)
{
  LcWindow *window = open_window_on_lab ();
  LcChecklist *checklist;
  g_autoptr(GPtrArray) bandwidth = NULL;
  g_autoptr(GPtrArray) relayed = NULL;
  g_autofree char *firewall = NULL;
  g_autofree char *edge = NULL;
  g_autofree char *result = NULL;
  Follow follow = { window, g_array_new (FALSE, FALSE, sizeof (int)) };

  /* Start, from the profile page, as a person does. */
  g_assert_cmpint (lc_window_get_position (window), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.start", NULL));
  checklist = lc_window_get_checklist (window);
  g_assert_true (lc_checklist_is_running (checklist));
  /* The first step started at once: its page is shown. */
  g_assert_cmpint (lc_window_get_position (window), ==, 1);
  {
    int first = lc_window_get_position (window);
    g_array_append_val (follow.shown, first);
  }
  g_signal_connect (checklist, "step-changed", G_CALLBACK (on_step_changed), &follow);

  /* A second Start is refused while the first runs. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.start", NULL) &&
                  lc_window_get_checklist (window) != checklist);

  ui_wait_until (run_is_over, window, 180000, "the whole checklist to run");
  g_signal_handlers_disconnect_by_data (checklist, &follow);

  /* The page shown followed the running step: 1, 2, 3, then 5 (the advice has nothing to run). */
  g_assert_cmpuint (follow.shown->len, >=, 3);
  for (guint i = 0; i < follow.shown->len; i++)
    g_test_message ("page shown when a step started: %d", g_array_index (follow.shown, int, i));
  g_assert_cmpint (g_array_index (follow.shown, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (follow.shown, int, 1), ==, 2);
  g_assert_cmpint (g_array_index (follow.shown, int, 2), ==, 3);
  g_array_unref (follow.shown);

  for (int step = 0; step < LC_N_STEPS; step++)
    {
      LcStepState state = sidebar_state (window, step);

      g_test_message ("step %d: %s", step + 1, lc_step_state_to_string (state));
      g_assert_true (state == LC_STEP_STATE_PASS || state == LC_STEP_STATE_WARN);
    }

  firewall = page_text (window, LC_STEP_FIREWALL);
  g_test_message ("%s", firewall);
  assert_contains (firewall, "is open");
  assert_contains (firewall, "Name Resolution");
  assert_lacks (firewall, "Blocked");
  assert_lacks (firewall, "Waiting");

  edge = page_text (window, LC_STEP_EDGE);
  if (lab->netns != NULL)
    {
      /* The namespace lab has a near and a far edge. */
      assert_contains (edge, "Chosen");
      assert_contains (edge, "Reachable");
      assert_contains (edge, "the nearest, score");
    }

  bandwidth = call_views (window, LC_STEP_BANDWIDTH);
  g_assert_cmpuint (bandwidth->len, ==, 2);
  for (guint i = 0; i < bandwidth->len; i++)
    assert_call_passed (g_ptr_array_index (bandwidth, i), 6);

  relayed = call_views (window, LC_STEP_END_TO_END);
  g_assert_cmpuint (relayed->len, >=, 1);
  for (guint i = 0; i < relayed->len; i++)
    assert_call_passed (g_ptr_array_index (relayed, i), 5);

  {
    g_autofree char *advice = page_text (window, LC_STEP_RECOMMENDATIONS);

    /* Everything passed: nothing must be done. */
    g_test_message ("%s", advice);
    assert_lacks (advice, "To Do First");
    assert_lacks (advice, "No results yet");
  }

  ui_wait_until (report_is_kept, window, 5000, "the report to be kept");
  result = page_text (window, LC_STEP_END_TO_END);
  g_test_message ("%s", result);
  assert_lacks (result, "So far");
  assert_contains (result, "PASS");
  assert_contains (result, "This Network Can Carry Calls");
  assert_contains (result, "Result Code");
  assert_contains (result, "The report is kept");

  screenshot_every_page (window, "wizard");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static gboolean
call_is_running (gpointer data)
{
  g_autoptr(GPtrArray) views = call_views (data, LC_STEP_BANDWIDTH);

  for (guint i = 0; i < views->len; i++)
    if (lc_call_view_get_samples (g_ptr_array_index (views, i))->len >= 2)
      return TRUE;
  return FALSE;
}

/* Cancel during a call: it stops within a second; what had finished keeps its results. */
static void
test_cancel_during_a_call_keeps_what_finished (void)
{
  LcWindow *window = open_window_on_lab ();
  LcChecklist *checklist;
  gint64 cancelled;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.start", NULL));
  checklist = lc_window_get_checklist (window);
  ui_wait_until (call_is_running, window, 60000, "the first call to carry media");

  cancelled = g_get_monotonic_time ();
  /* Escape, as a person presses it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.cancel", NULL));
  ui_wait_until ((UiCondition)run_is_over, window, 5000, "the run to stop");
  g_test_message ("stopped %.0f ms after Cancel",
                  (g_get_monotonic_time () - cancelled) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - cancelled, <, G_USEC_PER_SEC);
  g_assert_false (is_running (window));

  g_assert_cmpint (lc_checklist_get_state (checklist, LC_STEP_FIREWALL), !=,
                   LC_STEP_STATE_WAITING);
  g_assert_cmpint (lc_checklist_get_state (checklist, LC_STEP_BANDWIDTH), ==,
                   LC_STEP_STATE_WAITING);
  g_assert_cmpuint (lc_report_get_checks (lc_window_get_report (window))->len, >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* A blocked port: the firewall page says so in plain words and has the rule to open; the step
 * run again once the port is open has none. The results stay when the person visits the
 * profile page and comes back. */
static void
test_blocked_port_and_results_that_stay (void)
{
  LcWindow *window;
  g_autofree char *text = NULL;
  g_autofree char *drop = NULL;
  g_autofree char *rule = NULL;
  const char *rtc;

  if (lab->netns == NULL)
    {
      g_test_skip ("blocking a port needs the namespace lab (root); CI runs as root");
      return;
    }
  rtc = json_object_get_string_member (json_object_get_object_member (
                                         json_node_get_object (lab->lab), "addresses"), "rtc");
  lab_fixture_nft (lab, "add table inet lcui");
  lab_fixture_nft (lab, "add chain inet lcui input { type filter hook input priority 0 ; }");
  drop = g_strdup_printf ("add rule inet lcui input ip daddr %s tcp dport 443 drop", rtc);
  lab_fixture_nft (lab, drop);

  window = open_window_on_lab ();
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 1);
  /* This page's own button: the firewall step alone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run-step", "i",
                                             (int)LC_STEP_FIREWALL));
  ui_wait_until (run_is_over, window, 30000, "the firewall step to run");

  text = page_text (window, LC_STEP_FIREWALL);
  g_test_message ("%s", text);
  rule = g_strdup_printf ("TCP 443 to %s", rtc);
  assert_contains (text, "blocked: ask IT to open TCP 443");
  assert_contains (text, "Ask IT to open these rules on the firewall");
  assert_contains (text, rule);
  g_assert_cmpint (sidebar_state (window, LC_STEP_FIREWALL), ==, LC_STEP_STATE_FAIL);
  ui_save_screenshot (GTK_WIDGET (window), "wizard-firewall-blocked.png");

  /* The advice follows from it: the rule to open, first, with the exact line for IT. */
  {
    g_autofree char *advice = page_text (window, LC_STEP_RECOMMENDATIONS);
    g_autofree char *title = g_strdup_printf ("Ask IT to open TCP 443 to %s", rtc);
    g_autofree char *action = g_strdup_printf ("Allow TCP 443 to %s", rtc);

    g_test_message ("%s", advice);
    assert_contains (advice, "To Do First");
    assert_contains (advice, title);
    assert_contains (advice, action);
    assert_lacks (advice, "Nothing to change");
    gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i",
                                (int)LC_STEP_RECOMMENDATIONS + 1);
    ui_run_for (100);
    ui_save_screenshot (GTK_WIDGET (window), "wizard-advice-blocked.png");
    gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 1);
  }

  /* Away to the profile and back: nothing is lost. */
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", 1);
  g_free (text);
  text = page_text (window, LC_STEP_FIREWALL);
  assert_contains (text, "blocked: ask IT to open TCP 443");
  assert_lacks (text, "Waiting");

  /* Open again, the step run again: no rule to open. */
  lab_fixture_nft_flush (lab);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run-step", "i",
                                             (int)LC_STEP_FIREWALL));
  ui_wait_until (run_is_over, window, 30000, "the firewall step to run again");
  g_free (text);
  text = page_text (window, LC_STEP_FIREWALL);
  assert_lacks (text, "blocked: ask IT to open TCP 443");
  assert_lacks (text, "Ask IT to open these rules on the firewall");
  {
    g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (lc_window_get_report (window));
    g_assert_cmpuint (rules->len, ==, 0);
  }
  g_assert_cmpint (sidebar_state (window, LC_STEP_FIREWALL), !=, LC_STEP_STATE_FAIL);
  {
    g_autofree char *advice = page_text (window, LC_STEP_RECOMMENDATIONS);

    g_test_message ("%s", advice);
    assert_lacks (advice, "Ask IT to open TCP 443");
    assert_lacks (advice, "To Do First");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static guint
count_reports (const char *dir)
{
  g_autoptr(GDir) reports = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (reports != NULL && g_dir_read_name (reports) != NULL)
    n++;
  return n;
}

static guint
count_received (void)
{
  JsonObject *reports = json_object_get_object_member (json_node_get_object (lab->lab),
                                                       "reports");

  return count_reports (json_object_get_string_member (reports, "dir"));
}

/* The row of the page's current checklist: a run on a fresh checklist rebuilds the page. */
static LcUploadRow *
upload_row (LcWindow *window)
{
  LcUploadRow *row = lc_end_to_end_page_get_upload_row (
    LC_END_TO_END_PAGE (lc_window_get_step_page (window, LC_STEP_END_TO_END)));

  g_assert_nonnull (row);
  return row;
}

static gboolean
upload_settled (gpointer data)
{
  LcUploadStatus status = lc_upload_row_get_status (upload_row (data));

  return status == LC_UPLOAD_STATUS_SENT || status == LC_UPLOAD_STATUS_QUEUED ||
         status == LC_UPLOAD_STATUS_FAILED;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} UploadWait;

static void
on_uploaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  UploadWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static guint
count_outbox (void)
{
  g_autoptr(GFile) outbox = lc_report_upload_dup_default_outbox ();
  g_autofree char *path = g_file_get_path (outbox);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".json");
  return n;
}

static gboolean
outbox_is_empty (gpointer data)
{
  return count_outbox () == 0;
}

/* A report of an earlier run that could not go: the receiver refused connections then. */
static void
queue_one_while_down (LcReport *report)
{
  const char *rtc = json_object_get_string_member (json_object_get_object_member (
                                                     json_node_get_object (lab->lab),
                                                     "addresses"), "rtc");
  g_autofree char *reject = g_strdup_printf ("add rule inet lcui input ip daddr %s tcp dport "
                                             "443 reject with tcp reset", rtc);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (NULL);
  UploadWait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean queued = FALSE;

  lab_fixture_nft (lab, "add table inet lcui");
  lab_fixture_nft (lab, "add chain inet lcui input { type filter hook input priority 0 ; }");
  lab_fixture_nft (lab, reject);
  lc_report_upload_send_async (upload, report, NULL, on_uploaded, &wait);
  g_main_loop_run (wait.loop);
  g_assert_false (lc_report_upload_send_finish (upload, wait.result, &queued, NULL));
  g_assert_true (queued);
  lab_fixture_nft_flush (lab);
  g_main_loop_unref (wait.loop);
  g_object_unref (wait.result);
}

/* With the switch on, a run's report goes to the lab's receiver and the row says so, and what
 * an earlier run left waiting goes after it; off, nothing goes. */
static void
test_reports_go_to_the_platform_with_consent (void)
{
  GSettings *settings = lc_application_get_settings (app);
  LcWindow *window;
  guint before;

  g_assert_nonnull (lab->netns);
  g_settings_set_boolean (settings, "send-reports", FALSE);
  window = open_window_on_lab ();
  upload_row (window);

  /* Off: the run is kept, nothing is sent. */
  before = count_received ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run-step", "i",
                                             (int)LC_STEP_FIREWALL));
  ui_wait_until (run_is_over, window, 30000, "the firewall step to run");
  ui_wait_until (report_is_kept, window, 5000, "the report to be kept");
  ui_run_for (500);
  g_assert_cmpint (lc_upload_row_get_status (upload_row (window)), ==, LC_UPLOAD_STATUS_NONE);
  g_assert_cmpuint (count_received (), ==, before);
  g_assert_cmpuint (count_outbox (), ==, 0);
  queue_one_while_down (lc_window_get_report (window));
  g_assert_cmpuint (count_outbox (), ==, 1);

  /* On, as the person turns the switch: the next run's report is sent. */
  gtk_widget_activate (GTK_WIDGET (upload_row (window)));
  g_assert_true (g_settings_get_boolean (settings, "send-reports"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "wizard.run-step", "i",
                                             (int)LC_STEP_FIREWALL));
  ui_wait_until (run_is_over, window, 30000, "the firewall step to run again");
  ui_wait_until (upload_settled, window, 20000, "the report to be sent");
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (upload_row (window))));
  g_assert_cmpint (lc_upload_row_get_status (upload_row (window)), ==, LC_UPLOAD_STATUS_SENT);
  /* The receiver is back: the one that waited follows, and the outbox empties. */
  ui_wait_until (outbox_is_empty, NULL, 20000, "the waiting report to be sent");
  g_assert_cmpuint (count_received (), ==, before + 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "wizard.go-to", "i", (int)LC_STEP_END_TO_END + 1);
  ui_run_for (100);
  ui_save_screenshot (GTK_WIDGET (window), "wizard-end-to-end-sent.png");

  g_settings_set_boolean (settings, "send-reports", FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

typedef struct
{
  const char *dir;
  gboolean    exited;
} Launched;

static gboolean
report_appeared (gpointer data)
{
  Launched *launched = data;

  return launched->exited || count_reports (launched->dir) > 0;
}

static void
on_app_exited (GPid     pid,
               int      status,
               gpointer data)
{
  ((Launched *)data)->exited = TRUE;
  g_spawn_close_pid (pid);
}

/* `linecheck --run PROFILE`, as a launcher IT deploys starts it: the window opens on that
 * profile and the checklist runs at once, without a click, to a report kept on disk. */
static void
test_run_option_starts_the_checklist_at_once (void)
{
  g_autofree char *profile = g_build_filename (lab->dir, "profile.json", NULL);
  g_autofree char *data_home = g_build_filename (lab->dir, "run-option-data", NULL);
  g_autofree char *reports = g_build_filename (data_home, "linecheck", "reports", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("LC_BINARY"), "--run", profile, NULL };
  Launched launched = { reports, FALSE };
  GPid pid;

  g_assert_nonnull (argv[0]);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  g_assert_true (g_spawn_async (NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, on_app_exited, &launched);

  ui_wait_until (report_appeared, &launched, 150000, "the run started by --run to be kept");
  g_assert_false (launched.exited);
  g_assert_cmpuint (count_reports (reports), ==, 1);

  /* The process this test started, by its pid. */
  kill (pid, SIGTERM);
  while (!launched.exited)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  ui_allow_no_notification_service ();
  adw_init ();
  /* Screenshots show settled pages, not the middle of a cross-fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  lab = lab_fixture_start ();
  app = lc_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));

  g_test_add_func ("/ui/lab/one-start-runs-the-whole-checklist",
                   test_one_start_runs_the_whole_checklist);
  g_test_add_func ("/ui/lab/cancel-during-a-call-keeps-what-finished",
                   test_cancel_during_a_call_keeps_what_finished);
  g_test_add_func ("/ui/lab/blocked-port-and-results-that-stay",
                   test_blocked_port_and_results_that_stay);
  g_test_add_func ("/ui/lab/reports-go-to-the-platform-with-consent",
                   test_reports_go_to_the_platform_with_consent);
  g_test_add_func ("/ui/lab/run-option-starts-the-checklist-at-once",
                   test_run_option_starts_the_checklist_at_once);

  status = g_test_run ();
  g_clear_object (&app);
  lab_fixture_stop (lab);
  return status;
}
