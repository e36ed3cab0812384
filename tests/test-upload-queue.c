/* test-upload-queue.c — the outbox of reports not sent: written safely, bounded, read back
 * with suspicion
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The receiver here is a loopback port nothing listens on: every send is refused at once.
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "lc-report-upload.h"

#define SECRET "Zq8-distinctive-TURN-secret-4471"

static guint16 closed_port;
static GSocket *closed_socket;

static guint16
find_closed_port (void)
{
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed_socket = socket;
  /* Bound, never listening: a connection to it is refused. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static LcReport *
new_report (gboolean with_url)
{
  g_autofree char *url = g_strdup_printf ("\"report_url\": \"https://127.0.0.1:%u/v1/reports\", ",
                                          closed_port);
  g_autofree char *json = g_strdup_printf (
    "{\"format\": 1, \"id\": \"t\", \"name\": \"T\", %s"
    "\"services\": {\"ice\": {\"host\": \"127.0.0.1\", \"username\": \"agent\", "
    "\"credential\": \"" SECRET "\"}}, "
    "\"rules\": [{\"service\": \"ice\", \"protocol\": \"udp\", \"port\": 3478, \"check\": \"turn\"}], "
    "\"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5, "
    "\"audio_kbps\": 40, \"video_kbps\": 80}}", with_url ? url : "");
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "t.json", &error);
  LcReport *report;

  g_assert_no_error (error);
  report = lc_report_new (profile);
  lc_report_finish (report);
  return report;
}

static char *
make_outbox (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-outbox-XXXXXX", NULL);

  return g_build_filename (dir, "outbox", NULL);
}

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
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
send_one (LcReportUpload *upload,
          LcReport       *report,
          gboolean       *queued,
          GError        **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean sent;

  lc_report_upload_send_async (upload, report, NULL, on_done, &wait);
  g_main_loop_run (wait.loop);
  sent = lc_report_upload_send_finish (upload, wait.result, queued, error);
  g_main_loop_unref (wait.loop);
  g_object_unref (wait.result);
  return sent;
}

static gboolean
retry (LcReportUpload *upload,
       guint          *n_sent,
       guint          *n_left,
       GError        **error)
{
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  gboolean done;

  lc_report_upload_retry_queue_async (upload, NULL, on_done, &wait);
  g_main_loop_run (wait.loop);
  done = lc_report_upload_retry_queue_finish (upload, wait.result, n_sent, n_left, error);
  g_main_loop_unref (wait.loop);
  g_object_unref (wait.result);
  return done;
}

static void
test_a_report_not_sent_waits_for_this_user_only (void)
{
  g_autofree char *outbox_path = make_outbox ();
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (outbox);
  g_autoptr(LcReport) report = new_report (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = lc_report_to_data (report, NULL);
  JsonObject *envelope;
  GStatBuf st;
  gboolean queued = FALSE;

  g_assert_false (send_one (upload, report, &queued, &error));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_UNREACHABLE);
  g_test_message ("%s", error->message);
  g_assert_true (queued);

  g_assert_cmpint (g_stat (outbox_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  names = list_dir (outbox_path);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 0), ".json"));
  path = g_build_filename (outbox_path, g_ptr_array_index (names, 0), NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_null (strstr (text, SECRET));
  g_assert_null (strstr (expected, SECRET));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  envelope = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (envelope, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (envelope, "body"), ==, expected);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (envelope, "url"),
                                   "https://127.0.0.1:"));
  g_assert_true (json_object_get_null_member (envelope, "ca_file"));

  /* Still refused: the retry keeps it. */
  {
    guint n_sent = 9, n_left = 0;

    g_clear_error (&error);
    g_assert_false (retry (upload, &n_sent, &n_left, &error));
    g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_UNREACHABLE);
    g_assert_cmpuint (n_sent, ==, 0);
    g_assert_cmpuint (n_left, ==, 1);
    g_clear_pointer (&names, g_ptr_array_unref);
    names = list_dir (outbox_path);
    g_assert_cmpuint (names->len, ==, 1);
  }
}

static void
test_the_outbox_is_bounded_oldest_dropped_first (void)
{
  g_autofree char *outbox_path = make_outbox ();
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (outbox);
  g_autoptr(LcReport) report = new_report (TRUE);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint extra = 3;

  for (guint i = 0; i < LC_REPORT_UPLOAD_MAX_QUEUED + extra; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean queued = FALSE;

      g_assert_false (send_one (upload, report, &queued, &error));
      g_assert_true (queued);
      if (i == extra - 1)
        first = list_dir (outbox_path);
    }

  names = list_dir (outbox_path);
  g_assert_cmpuint (names->len, ==, LC_REPORT_UPLOAD_MAX_QUEUED);
  /* The first ones queued are the ones gone. */
  for (guint i = 0; i < first->len; i++)
    for (guint j = 0; j < names->len; j++)
      g_assert_cmpstr (g_ptr_array_index (first, i), !=, g_ptr_array_index (names, j));
}

static void
write_entry (const char *outbox_path,
             const char *name,
             const char *contents)
{
  g_autofree char *path = g_build_filename (outbox_path, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (outbox_path, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_damaged_entries_are_dropped_newer_ones_kept (void)
{
  g_autofree char *outbox_path = make_outbox ();
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (outbox);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  guint n_sent = 9, n_left = 9;

  write_entry (outbox_path, "1-truncated.json", "{\"format\": 1, \"url\": \"https://");
  write_entry (outbox_path, "2-http.json",
               "{\"format\": 1, \"url\": \"http://127.0.0.1/\", \"body\": \"{}\"}");
  write_entry (outbox_path, "3-password.json",
               "{\"format\": 1, \"url\": \"https://u:pw@127.0.0.1/\", \"body\": \"{}\"}");
  write_entry (outbox_path, "4-no-body.json",
               "{\"format\": 1, \"url\": \"https://127.0.0.1/\"}");
  write_entry (outbox_path, "5-newer.json",
               "{\"format\": 2, \"url\": \"https://127.0.0.1/\", \"body\": \"{}\"}");
  write_entry (outbox_path, "6-half-written.json.AB12CD", "{\"format\"");

  /* Nothing is sent anywhere: none of them is a report to send. */
  g_assert_false (retry (upload, &n_sent, &n_left, &error));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpuint (n_left, ==, 1);

  names = list_dir (outbox_path);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "5-newer.json");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "6-half-written.json.AB12CD");
}

static void
test_a_profile_without_report_url_sends_nothing (void)
{
  g_autofree char *outbox_path = make_outbox ();
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (outbox);
  g_autoptr(LcReport) report = new_report (FALSE);
  g_autoptr(GError) error = NULL;
  gboolean queued = TRUE;

  g_assert_false (send_one (upload, report, &queued, &error));
  g_assert_error (error, LC_REPORT_UPLOAD_ERROR, LC_REPORT_UPLOAD_ERROR_NO_ADDRESS);
  g_assert_false (queued);
  g_assert_false (g_file_test (outbox_path, G_FILE_TEST_EXISTS));
}

static void
test_an_empty_outbox_is_nothing_to_do (void)
{
  g_autofree char *outbox_path = make_outbox ();
  g_autoptr(GFile) outbox = g_file_new_for_path (outbox_path);
  g_autoptr(LcReportUpload) upload = lc_report_upload_new (outbox);
  g_autoptr(GError) error = NULL;
  guint n_sent = 9, n_left = 9;

  g_assert_true (retry (upload, &n_sent, &n_left, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sent, ==, 0);
  g_assert_cmpuint (n_left, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  closed_port = find_closed_port ();

  g_test_add_func ("/core/upload/a-report-not-sent-waits-for-this-user-only",
                   test_a_report_not_sent_waits_for_this_user_only);
  g_test_add_func ("/core/upload/the-outbox-is-bounded-oldest-dropped-first",
                   test_the_outbox_is_bounded_oldest_dropped_first);
  g_test_add_func ("/core/upload/damaged-entries-are-dropped-newer-ones-kept",
                   test_damaged_entries_are_dropped_newer_ones_kept);
  g_test_add_func ("/core/upload/a-profile-without-report-url-sends-nothing",
                   test_a_profile_without_report_url_sends_nothing);
  g_test_add_func ("/core/upload/an-empty-outbox-is-nothing-to-do",
                   test_an_empty_outbox_is_nothing_to_do);

  {
    int status = g_test_run ();
    g_clear_object (&closed_socket);
    return status;
  }
}
