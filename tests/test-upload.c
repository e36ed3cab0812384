/* test-upload.c — reports sent to the lab's receiver over real TLS: taken, refused, redirected,
 * the receiver down and back, and no secret in anything sent or queued
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "lab-fixture.h"
#include "lc-report-upload.h"
#include "lc-runner.h"
#include "lc-safe-text.h"

static LabFixture *lab;
static LcReport *report;       /* one real run against the lab, sent again and again */
static char *credential;       /* the lab's TURN password, which the run used */
static char *receiver_dir;
static char *report_url;
static char *rtc_address;

/* Waiting, and watching the main loop ------------------------------------------------------ */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  gint64        last_tick;
  gint64        longest_gap;   /* µs the main loop went without running the ticker */
} Wait;

static gboolean
on_tick (gpointer user_data)
{
  Wait *wait = user_data;
  gint64 now = g_get_monotonic_time ();

  wait->longest_gap = MAX (wait->longest_gap, now - wait->last_tick);
  wait->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static void
wait_for (Wait *wait)
{
  guint ticker;

  wait->last_tick = g_get_monotonic_time ();
  ticker = g_timeout_add (10, on_tick, wait);
  g_main_loop_run (wait->loop);
  g_source_remove (ticker);
  on_tick (wait);
}

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->result);
}

/* Files ------------------------------------------------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static GPtrArray *
list_dir (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
assert_no_secret_in (const char *path)
{
  g_autofree char *text = read_text (path);

  if (strstr (text, credential) != NULL)
    g_error ("%s holds the TURN password", path);
}

static char *
make_outbox (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-outbox-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, "outbox", NULL);
}

static LcReportUpload *
new_upload (const char *outbox_path)
{
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);

  return lc_report_upload_new (outbox);
}

/* Sends @to_send and says how it went. */
static gboolean
send_report (LcReportUpload *upload,
             LcReport       *to_send,
             gboolean       *queued,
             GError        **error,
             gint64         *longest_gap,
             double         *elapsed_s)
{
  Wait wait = { g_main_loop_new (NULL, FALSE) };
  gint64 started = g_get_monotonic_time ();
  gboolean sent;

  lc_report_upload_send_async (upload, to_send, NULL, on_done, &wait);
  wait_for (&wait);
  sent = lc_report_upload_send_finish (upload, wait.result, queued, error);
  if (longest_gap != NULL)
    *longest_gap = wait.longest_gap;
  if (elapsed_s != NULL)
    *elapsed_s = (g_get_monotonic_time () - started) / 1e6;
  wait_clear (&wait);
  return sent;
}

static void
set_report_url (JsonObject *root,
                gpointer    data)
{
  json_object_set_string_member (root, "report_url", data);
}

/* A report of a profile whose report_url is @url (the lab's, with another path). */
static LcReport *
report_for_url (const char *url)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "profile-upload.json",
                                                           set_report_url, (gpointer)url);
  LcReport *variant = lc_report_new (profile);

  lc_report_finish (variant);
  return variant;
}

/* Tests ------------------------------------------------------------------------------------- */

static void
test_report_lands_in_the_receiver_as_it_is (void)
{
  g_autofree char *outbox = make_outbox ();
  g_autoptr(LcReportUpload) upload = new_upload (outbox);
  g_autoptr(GPtrArray) before = list_dir (receiver_dir);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queued_files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *received = NULL;
  gboolean queued = TRUE;
  gint64 gap = 0;

  g_assert_true (send_report (upload, report, &queued, &error, &gap, NULL));
  g_assert_no_error (error);
  g_assert_false (queued);

  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  received = read_text (g_ptr_array_index (after, after->len - 1));
  expected = lc_report_to_data (report, NULL);
  g_assert_cmpstr (received, ==, expected);
  assert_no_secret_in (g_ptr_array_index (after, after->len - 1));

  /* Taken: nothing waits. */
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 0);
  g_test_message ("longest main-loop gap while sending: %.1f ms", gap / 1000.0);
  g_assert_cmpint (gap, <, 200 * 1000);
}

static void
test_a_redirect_is_not_followed (void)
{
  g_autofree char *url = g_strconcat (report_url, "/moved", NULL);
  g_autoptr(LcReport) variant = report_for_url (url);
  g_autofree char *outbox = make_outbox ();
  g_autoptr(LcReportUpload) upload = new_upload (outbox);
  g_autoptr(GPtrArray) before = list_dir (receiver_dir);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queued_files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  g_assert_false (send_report (upload, variant, &queued, &error, NULL, NULL));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_REDIRECTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "308"));
  g_assert_nonnull (strstr (error->message, "not followed"));
  g_assert_true (queued);

  /* The 308 keeps the method: a client that followed it would have stored the report. */
  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len);
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 1);
}

static void
test_a_refusal_is_quoted_safely_and_queued (void)
{
  g_autofree char *url = g_strconcat (report_url, "/unavailable", NULL);
  g_autoptr(LcReport) variant = report_for_url (url);
  g_autofree char *outbox = make_outbox ();
  g_autoptr(LcReportUpload) upload = new_upload (outbox);
  g_autoptr(GPtrArray) queued_files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  g_assert_false (send_report (upload, variant, &queued, &error, NULL, NULL));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_nonnull (strstr (error->message, "receiver busy"));
  /* 5 kB of the server's words with escape codes: quoted clean and short. */
  g_assert_true (lc_safe_text_is_clean (error->message));
  g_assert_null (strchr (error->message, '\x1b'));
  g_assert_cmpuint (g_utf8_strlen (error->message, -1), <, 300);
  g_assert_true (queued);
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 1);
}

static void
drop_private_ca (JsonObject *root,
                 gpointer    data)
{
  json_object_remove_member (root, "tls");
}

static void
test_an_untrusted_receiver_gets_nothing (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "profile-system-ca.json",
                                                           drop_private_ca, NULL);
  g_autoptr(LcReport) variant = lc_report_new (profile);
  g_autofree char *outbox = make_outbox ();
  g_autoptr(LcReportUpload) upload = new_upload (outbox);
  g_autoptr(GPtrArray) before = list_dir (receiver_dir);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  /* Without the lab's CA, the system's authorities do not vouch for the receiver. */
  lc_report_finish (variant);
  g_assert_false (send_report (upload, variant, &queued, &error, NULL, NULL));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "cannot be trusted"));
  g_assert_true (queued);
  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
firewall_receiver (const char *verdict)
{
  g_autofree char *rule = g_strdup_printf ("add rule inet lcupload input ip daddr %s tcp dport "
                                           "443 %s", rtc_address, verdict);

  lab_fixture_nft (lab, "add table inet lcupload");
  lab_fixture_nft (lab, "add chain inet lcupload input { type filter hook input priority 0 ; }");
  lab_fixture_nft (lab, rule);
}

static void
test_receiver_down_queues_and_back_sends (void)
{
  g_autofree char *outbox = make_outbox ();
  g_autoptr(LcReportUpload) upload = new_upload (outbox);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queued_files = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = lc_report_to_data (report, NULL);
  Wait wait = { NULL };
  gboolean queued = FALSE;
  guint n_sent = 0, n_left = 99;
  gint64 gap = 0;
  double elapsed = 0;

  if (lab->netns == NULL)
    {
      g_test_skip ("taking the receiver down needs the namespace lab (root); CI runs as root");
      return;
    }

  /* Refused: the receiver's port answers with a reset. */
  firewall_receiver ("reject with tcp reset");
  g_assert_false (send_report (upload, report, &queued, &error, &gap, &elapsed));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_UNREACHABLE);
  g_test_message ("refused: %s (%.2f s, main-loop gap %.1f ms)", error->message, elapsed,
                  gap / 1000.0);
  g_assert_true (queued);
  g_assert_cmpint (gap, <, 200 * 1000);
  g_clear_error (&error);
  lab_fixture_nft_flush (lab);

  /* Silent: every packet dropped, so only the deadline ends it, the main loop running on. */
  firewall_receiver ("drop");
  lc_report_upload_set_deadline_ms (upload, 1500);
  g_assert_false (send_report (upload, report, &queued, &error, &gap, &elapsed));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TIMED_OUT);
  g_test_message ("dropped: %s (%.2f s, main-loop gap %.1f ms)", error->message, elapsed,
                  gap / 1000.0);
  g_assert_true (queued);
  g_assert_cmpfloat (elapsed, >=, 1.4);
  g_assert_cmpfloat (elapsed, <, 5.0);
  g_assert_cmpint (gap, <, 200 * 1000);
  g_clear_error (&error);

  /* Both wait in the outbox, this user's only, the report whole and no secret in them. */
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 2);
  for (guint i = 0; i < queued_files->len; i++)
    {
      const char *path = g_ptr_array_index (queued_files, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      GStatBuf st;
      JsonObject *envelope;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      assert_no_secret_in (path);
      g_assert_true (json_parser_load_from_file (parser, path, NULL));
      envelope = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (envelope, "url"), ==, report_url);
      g_assert_cmpstr (json_object_get_string_member (envelope, "body"), ==, expected);
    }

  /* Still down: a retry keeps them, and asks the silent receiver once, not twice. */
  wait.loop = g_main_loop_new (NULL, FALSE);
  lc_report_upload_retry_queue_async (upload, NULL, on_done, &wait);
  wait_for (&wait);
  g_assert_false (lc_report_upload_retry_queue_finish (upload, wait.result, &n_sent, &n_left,
                                                       &error));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_TIMED_OUT);
  g_test_message ("retry while down: %s", error->message);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpuint (n_left, ==, 2);
  g_assert_cmpint (wait.longest_gap, <, 200 * 1000);
  g_clear_error (&error);
  wait_clear (&wait);

  /* Back: the retry sends both, oldest first, and the outbox empties. */
  lab_fixture_nft_flush (lab);
  before = list_dir (receiver_dir);
  wait.loop = g_main_loop_new (NULL, FALSE);
  lc_report_upload_retry_queue_async (upload, NULL, on_done, &wait);
  wait_for (&wait);
  g_assert_true (lc_report_upload_retry_queue_finish (upload, wait.result, &n_sent, &n_left,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 2);
  g_assert_cmpuint (n_left, ==, 0);
  wait_clear (&wait);

  g_clear_pointer (&queued_files, g_ptr_array_unref);
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 0);
  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len + 2);
  for (guint i = before->len; i < after->len; i++)
    {
      g_autofree char *received = read_text (g_ptr_array_index (after, i));
      g_assert_cmpstr (received, ==, expected);
    }
}

/* The CLI: sends only with the setting on. */
static void
run_cli (const char *data_home,
         const char *config_home,
         gboolean    consent)
{
  g_autofree char *profile = g_build_filename (lab->dir, "profile.json", NULL);
  g_autofree char *keyfile_dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[io/github/linecheck/Linecheck]\n"
                                               "send-reports=%s\n", consent ? "true" : "false");
  g_auto(GStrv) env = g_get_environ ();
  const char *argv[] = { g_getenv ("LC_BINARY"), "--cli", "--profile", profile,
                         "--only", "context", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);

  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                               &status, &error));
  g_assert_no_error (error);
  g_test_message ("consent %s: %s", consent ? "on" : "off", err);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 2);
  if (consent)
    g_assert_nonnull (strstr (err, "Report sent to"));
  else
    g_assert_null (strstr (err, "Report sent"));
}

static void
test_cli_sends_only_with_consent (void)
{
  g_autofree char *home = g_dir_make_tmp ("linecheck-cli-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autofree char *outbox = g_build_filename (data_home, "linecheck", "outbox", NULL);
  g_autoptr(GPtrArray) before = list_dir (receiver_dir);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) queued_files = NULL;

  run_cli (data_home, config_home, FALSE);
  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len);
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 0);
  g_clear_pointer (&after, g_ptr_array_unref);

  run_cli (data_home, config_home, TRUE);
  after = list_dir (receiver_dir);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  assert_no_secret_in (g_ptr_array_index (after, after->len - 1));
  g_clear_pointer (&queued_files, g_ptr_array_unref);
  queued_files = list_dir (outbox);
  g_assert_cmpuint (queued_files->len, ==, 0);
}

/* Set-up ------------------------------------------------------------------------------------ */

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/* A real run, its TURN rules authenticated with the lab's password: what a report would hold
 * if anything leaked it. */
static void
run_lab_once (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "profile.json", NULL, NULL);
  g_autoptr(LcRunner) runner = lc_runner_new (profile);
  static const char * const steps[] = { "firewall", "context", NULL };
  Wait wait = { g_main_loop_new (NULL, FALSE) };
  g_autoptr(GError) error = NULL;
  JsonObject *state = json_node_get_object (lab->lab);
  JsonObject *reports = json_object_get_object_member (state, "reports");

  credential = g_strdup (json_object_get_string_member (
    json_object_get_object_member (json_object_get_object_member (state, "credentials"), "ice"),
    "credential"));
  g_assert_cmpuint (strlen (credential), >=, 16);
  receiver_dir = g_strdup (json_object_get_string_member (reports, "dir"));
  report_url = g_strdup (json_object_get_string_member (reports, "url"));
  g_assert_cmpstr (lc_profile_get_report_url (profile), ==, report_url);
  rtc_address = g_strdup (json_object_get_string_member (
    json_object_get_object_member (state, "addresses"), "rtc"));

  g_assert_true (lc_runner_set_steps (runner, steps, NULL));
  lc_runner_run_async (runner, NULL, on_run_done, &wait);
  g_main_loop_run (wait.loop);
  report = lc_runner_run_finish (runner, wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  wait_clear (&wait);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  lab = lab_fixture_start ();
  run_lab_once ();

  g_test_add_func ("/lab/upload/report-lands-in-the-receiver-as-it-is",
                   test_report_lands_in_the_receiver_as_it_is);
  g_test_add_func ("/lab/upload/a-redirect-is-not-followed", test_a_redirect_is_not_followed);
  g_test_add_func ("/lab/upload/a-refusal-is-quoted-safely-and-queued",
                   test_a_refusal_is_quoted_safely_and_queued);
  g_test_add_func ("/lab/upload/an-untrusted-receiver-gets-nothing",
                   test_an_untrusted_receiver_gets_nothing);
  g_test_add_func ("/lab/upload/receiver-down-queues-and-back-sends",
                   test_receiver_down_queues_and_back_sends);
  g_test_add_func ("/lab/upload/cli-sends-only-with-consent", test_cli_sends_only_with_consent);

  status = g_test_run ();

  g_clear_object (&report);
  lab_fixture_nft_flush (lab);
  lab_fixture_stop (lab);
  g_free (credential);
  g_free (receiver_dir);
  g_free (report_url);
  g_free (rtc_address);
  return status;
}
