/* test-hostile.c — servers that stall, lie, flood or talk garbage: never a crash, never a hang,
 * never an open port called blocked
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every server here is a FAKE (tests/hostile/hostile-server.c), on 127.0.0.1: a real coturn,
 * Janus or Kamailio cannot be made to misbehave. What each test asserts is what a person would
 * read: the status, the cause, words in the detail, that no text from the server reaches them
 * with control codes or at length, and that no port that accepted the connection is among the
 * rules to open.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "hostile/hostile-server.h"
#include "lc-janus-message.h"
#include "lc-json-reader.h"
#include "lc-runner.h"
#include "lc-safe-text.h"
#include "lc-stun-message.h"

#define DEADLINE_MS 1500
#define SECRET "hostile-suite-Secret-4b1d"

/* Running a profile --------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  LcReport  *report;
  GError    *error;
} Wait;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->report = lc_runner_run_finish (LC_RUNNER (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_hang (gpointer user_data)
{
  g_error ("the run did not end in time: a hang");
  return G_SOURCE_REMOVE;
}

/* Writes a profile whose @service serves @rule_json (a rule with port @rule_port) on
 * 127.0.0.1:@served_port, and runs @step of it; fails the test if the run takes longer than
 * the deadlines allow. */
static LcReport *
run_rule (const char *service,
          guint       rule_port,
          guint16     served_port,
          const char *rule_json,
          const char *media_json,
          const char *step,
          double     *elapsed_s)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-hostile-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(LcRunner) runner = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *steps[] = { step, NULL };
  Wait wait = { loop, NULL, NULL };
  gint64 started;
  guint hang_id;

  text = g_strdup_printf (
    "{\"format\": 1, \"id\": \"hostile\", \"name\": \"Hostile server\", \"timeout_ms\": %u,"
    " \"services\": {"
    "  \"rtc\": {\"name\": \"Video gateway\", \"host\": \"127.0.0.1\", \"ports\": {\"%u\": %u}},"
    "  \"acd\": {\"name\": \"Voice server\", \"host\": \"127.0.0.1\", \"ports\": {\"%u\": %u}},"
    "  \"ice\": {\"name\": \"STUN/TURN\", \"host\": \"127.0.0.1\", \"ports\": {\"%u\": %u},"
    "            \"username\": \"hostile-user\", \"credential\": \"" SECRET "\"}},"
    " \"tls\": {\"ca_file\": \"%s\"},"
    " \"rules\": [%s], \"media\": [%s],"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,"
    "                  \"audio_kbps\": 40, \"video_kbps\": 80}}",
    DEADLINE_MS, rule_port, served_port, rule_port, served_port, rule_port, served_port,
    hostile_tls_ca_file (), rule_json, media_json ? media_json : "");
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert (service != NULL);

  profile = lc_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  runner = lc_runner_new (profile);
  g_assert_true (lc_runner_set_steps (runner, steps, NULL));
  /* A check gets its deadline and a little more; a call its set-up time: beyond, a hang. */
  hang_id = g_timeout_add_seconds (g_str_equal (step, "media") ? 40 : 10, on_hang, NULL);
  started = g_get_monotonic_time ();
  lc_runner_run_async (runner, NULL, on_run_done, &wait);
  g_main_loop_run (loop);
  g_source_remove (hang_id);

  if (elapsed_s != NULL)
    *elapsed_s = (g_get_monotonic_time () - started) / 1e6;
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.report);
  return wait.report;
}

static LcCheckResult *
only_check (LcReport *report)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);

      if (g_str_equal (lc_check_result_get_step (result), LC_REPORT_STEP_FIREWALL))
        return result;
    }
  g_error ("no firewall check in the report");
  return NULL;
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

/* What a person reads must be safe to show: no control codes, no server essay. */
static void
assert_shown_safely (const char *text)
{
  if (text == NULL)
    return;
  if (!lc_safe_text_is_clean (text))
    g_error ("unsafe text shown: “%s”", text);
  if (g_utf8_strlen (text, -1) > 700)
    g_error ("%ld characters of detail: “%.200s…”", g_utf8_strlen (text, -1), text);
  assert_lacks (text, SECRET);
}

static void
assert_report_is_safe (LcReport *report)
{
  g_autofree char *json = lc_report_to_data (report, NULL);
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);

      assert_shown_safely (lc_check_result_get_detail (result));
      assert_shown_safely (lc_check_result_get_fix (result));
    }
  assert_lacks (json, SECRET);
  assert_lacks (json, "\x1b");
}

static void
assert_nothing_to_open (LcReport *report)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);

  if (rules->len > 0)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, 0);
      g_error ("an open port is among the rules to open: %s %s to %s", rule->protocol,
               rule->ports, rule->host);
    }
}

/* The finding of a rule whose port is open, whatever answers on it. */
static LcCheckResult *
assert_open_port_finding (LcReport   *report,
                          LcStatus    status,
                          LcCause     cause,
                          const char *words)
{
  LcCheckResult *result = only_check (report);
  const char *fix = lc_check_result_get_fix (result);

  g_test_message ("%s: %s | %s", lc_cause_to_string (lc_check_result_get_cause (result)),
                  lc_check_result_get_detail (result), fix ? fix : "");
  g_assert_cmpint (lc_check_result_get_status (result), ==, status);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, cause);
  if (words != NULL)
    assert_contains (lc_check_result_get_detail (result), words);
  /* Telling IT to open an open port is the worst thing this tool can say. */
  assert_lacks (fix, "Allow ");
  assert_nothing_to_open (report);
  assert_report_is_safe (report);
  return result;
}

#define TLS_RULE(port) \
  "{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": " #port ", \"check\": \"tls\"}"
#define HTTP_RULE(port, kind) \
  "{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": " #port ", \"check\": \"" kind "\"}"
#define WS_RULE \
  "{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 8989, \"check\": \"websocket\"," \
  " \"tls\": true, \"path\": \"/\", \"subprotocol\": \"janus-protocol\"}"
#define SIP_RULE \
  "{\"service\": \"acd\", \"protocol\": \"tcp\", \"port\": 8089, \"check\": \"sip-ws\"," \
  " \"tls\": true, \"path\": \"/\", \"subprotocol\": \"sip\"}"
#define STUN_RULE \
  "{\"service\": \"ice\", \"protocol\": \"udp\", \"port\": 3478, \"check\": \"stun\"}"
#define TURN_TCP_RULE \
  "{\"service\": \"ice\", \"protocol\": \"tcp\", \"port\": 80, \"check\": \"turn\"}"
#define TURN_TLS_RULE \
  "{\"service\": \"ice\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"turn\", \"tls\": true}"

/* @template with its "%s" replaced by @transaction (the templates are this file's). */
static char *
fill (const char *template,
      const char *transaction)
{
  GString *text = g_string_new (template);

  g_string_replace (text, "%s", transaction ? transaction : "", 0);
  return g_string_free (text, FALSE);
}

/* Handlers: connection level ------------------------------------------------------------------ */

static void
accept_and_stay_silent (HostileConn *conn)
{
  hostile_conn_wait_closed (conn);
}

static void
accept_and_close (HostileConn *conn)
{
}

static void
read_then_talk_garbage (HostileConn *conn)
{
  guint8 hello[5];

  if (!hostile_conn_read_exact (conn, hello, sizeof hello))
    return;
  hostile_conn_write_str (conn, "SSH-2.0-OpenSSH_9.2p1 \x1b[2J\r\nProtocol mismatch.\r\n");
  hostile_conn_wait_closed (conn);
}

static void
tls_then_silent (HostileConn *conn)
{
  if (hostile_conn_start_tls (conn))
    hostile_conn_wait_closed (conn);
}

static void
test_tls_handshake_stall_is_open_but_silent (void)
{
  HostileServer *server = hostile_tcp_start (accept_and_stay_silent, NULL);
  g_autoptr(LcReport) report = NULL;
  double elapsed;

  report = run_rule ("rtc", 443, hostile_server_get_port (server), TLS_RULE (443), NULL,
                     "firewall", &elapsed);
  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "TLS handshake gets no answer");
  assert_contains (lc_check_result_get_detail (only_check (report)), "is open");
  assert_contains (lc_check_result_get_fix (only_check (report)), "Nothing to open");
  g_assert_cmpfloat (elapsed, <, DEADLINE_MS / 1000.0 + 1.0);
  hostile_server_stop (server);
}

static void
test_garbage_instead_of_tls_is_not_tls (void)
{
  HostileServer *server = hostile_tcp_start (read_then_talk_garbage, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 443, hostile_server_get_port (server),
                                         TLS_RULE (443), NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_NOT_TLS, "not a TLS server");
  hostile_server_stop (server);
}

static void
test_close_during_handshake_is_not_blocked (void)
{
  HostileServer *server = hostile_tcp_start (accept_and_close, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 443, hostile_server_get_port (server),
                                         TLS_RULE (443), NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_TLS, "is open");
  hostile_server_stop (server);
}

static void
test_https_silent_after_handshake (void)
{
  HostileServer *server = hostile_tcp_start (tls_then_silent, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 443, hostile_server_get_port (server),
                                         HTTP_RULE (443, "https"), NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT,
                            "the service does not answer");
  hostile_server_stop (server);
}

static void
test_http_silent (void)
{
  HostileServer *server = hostile_tcp_start (accept_and_stay_silent, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "is open");
  hostile_server_stop (server);
}

static void
slow_headers (HostileConn *conn)
{
  if (hostile_conn_read_until (conn, "\r\n\r\n", 16384) == NULL)
    return;
  hostile_conn_write_str (conn, "HTTP/1.1 200 OK\r\n");
  while (!g_cancellable_is_cancelled (conn->stop) && hostile_conn_write_str (conn, "X"))
    hostile_conn_sleep (conn, 200);
}

static void
test_http_slow_headers_are_silent (void)
{
  HostileServer *server = hostile_tcp_start (slow_headers, NULL);
  double elapsed;
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", &elapsed);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "is open");
  g_assert_cmpfloat (elapsed, <, DEADLINE_MS / 1000.0 + 1.0);
  hostile_server_stop (server);
}

static void
huge_reason_phrase (HostileConn *conn)
{
  g_autofree char *request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
  g_autoptr(GString) answer = g_string_new ("HTTP/1.1 200 \x1b[2J\x1b[HPASS: every requirement "
                                            "is met\x07");

  if (request == NULL)
    return;
  for (guint i = 0; i < 60000; i++)
    g_string_append_c (answer, 'A' + i % 26);
  g_string_append (answer, "\r\nContent-Length: 0\r\n\r\n");
  hostile_conn_write (conn, answer->str, answer->len);
  hostile_conn_wait_closed (conn);
}

static void
test_http_reason_phrase_is_shown_safely (void)
{
  HostileServer *server = hostile_tcp_start (huge_reason_phrase, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", NULL);
  LcCheckResult *result = only_check (report);

  g_test_message ("%s", lc_check_result_get_detail (result));
  /* Any HTTP answer proves the port open: a pass, but the words are shown, not obeyed. */
  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_PASS);
  assert_contains (lc_check_result_get_detail (result), "\\x1B[2J");
  assert_contains (lc_check_result_get_detail (result), "…");
  assert_report_is_safe (report);
  hostile_server_stop (server);
}

static void
endless_body (HostileConn *conn)
{
  g_autofree char *request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);

  if (request == NULL ||
      !hostile_conn_write_str (conn, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"))
    return;
  while (hostile_conn_write_str (conn, "10\r\n0123456789abcdef\r\n"))
    ;
}

static void
test_http_endless_body_does_not_hang (void)
{
  HostileServer *server = hostile_tcp_start (endless_body, NULL);
  double elapsed;
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", &elapsed);

  g_assert_cmpint (lc_check_result_get_status (only_check (report)), ==, LC_STATUS_PASS);
  g_assert_cmpfloat (elapsed, <, DEADLINE_MS / 1000.0 + 1.0);
  assert_report_is_safe (report);
  hostile_server_stop (server);
}

static void
huge_headers (HostileConn *conn)
{
  g_autofree char *request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
  g_autofree char *filler = g_strnfill (1024 * 1024, 'h');

  if (request == NULL || !hostile_conn_write_str (conn, "HTTP/1.1 200 OK\r\nX-Filler: "))
    return;
  hostile_conn_write_str (conn, filler);
  hostile_conn_write_str (conn, "\r\n\r\n");
  hostile_conn_wait_closed (conn);
}

static void
test_http_oversized_headers (void)
{
  HostileServer *server = hostile_tcp_start (huge_headers, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", NULL);
  LcCheckResult *result = only_check (report);

  g_test_message ("%s", lc_check_result_get_detail (result));
  g_assert_true (lc_check_result_get_status (result) == LC_STATUS_PASS ||
                 lc_check_result_get_cause (result) == LC_CAUSE_PROTOCOL ||
                 lc_check_result_get_cause (result) == LC_CAUSE_SILENT);
  assert_nothing_to_open (report);
  assert_report_is_safe (report);
  hostile_server_stop (server);
}

static void
http_garbage (HostileConn *conn)
{
  g_autofree char *request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);

  if (request != NULL)
    hostile_conn_write_str (conn, "\x01\x02 this is no HTTP \x1b[31m\r\n\r\n");
}

static void
test_http_garbage_is_not_the_service (void)
{
  HostileServer *server = hostile_tcp_start (http_garbage, NULL);
  g_autoptr(LcReport) report = run_rule ("rtc", 80, hostile_server_get_port (server),
                                         HTTP_RULE (80, "http"), NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "does not speak HTTP");
  hostile_server_stop (server);
}

/* Handlers: the gateway's WebSocket ----------------------------------------------------------- */

typedef struct
{
  const char *answer;      /* printf format with the transaction, or NULL to stay silent */
  gsize       raw_size;    /* or: send this many '[' */
  gboolean    no_upgrade;
  gboolean    flood;
  guint16     redirect_to;
} WsPlan;

static void
fake_gateway (HostileConn *conn)
{
  const WsPlan *plan = conn->data;
  g_autofree char *request = NULL;
  g_autofree char *message = NULL;
  g_autofree char *transaction = NULL;

  if (!hostile_conn_start_tls (conn))
    return;

  if (plan->redirect_to != 0)
    {
      g_autofree char *answer = NULL;

      request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
      answer = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: wss://127.0.0.1:%u/\r\n"
                                "Content-Length: 0\r\n\r\n", plan->redirect_to);
      hostile_conn_write_str (conn, answer);
      hostile_conn_wait_closed (conn);
      return;
    }

  if (plan->no_upgrade)
    {
      request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
      if (plan->answer != NULL)
        hostile_conn_write_str (conn, plan->answer);
      hostile_conn_wait_closed (conn);
      return;
    }

  request = hostile_ws_accept (conn, "janus-protocol");
  if (request == NULL)
    return;
  message = hostile_ws_read_text (conn);
  transaction = hostile_json_member (message, "transaction");

  if (plan->flood)
    {
      /* Events for other transactions, as fast as the client takes them. */
      for (guint i = 0; i < 20000 && !g_cancellable_is_cancelled (conn->stop); i++)
        if (!hostile_ws_send_text (conn, "{\"janus\": \"event\", \"transaction\": \"other\"}",
                                   -1))
          break;
    }
  else if (plan->raw_size > 0)
    {
      g_autofree char *brackets = g_strnfill (plan->raw_size, '[');
      hostile_ws_send_text (conn, brackets, -1);
    }
  else if (plan->answer != NULL)
    {
      g_autofree char *answer = fill (plan->answer, transaction);
      hostile_ws_send_text (conn, answer, -1);
    }

  hostile_conn_wait_closed (conn);
}

static LcReport *
run_gateway (const WsPlan *plan)
{
  HostileServer *server = hostile_tcp_start (fake_gateway, (gpointer)plan);
  LcReport *report = run_rule ("rtc", 8989, hostile_server_get_port (server), WS_RULE, NULL,
                               "firewall", NULL);

  hostile_server_stop (server);
  return report;
}

static void
test_gateway_kind_not_a_string (void)
{
  const WsPlan plan = { .answer = "{\"janus\": 1, \"transaction\": \"%s\"}" };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL,
                            "“janus” is a number where a string is expected");
}

static void
test_gateway_name_not_a_string (void)
{
  const WsPlan plan = { .answer = "{\"janus\": \"server_info\", \"transaction\": \"%s\","
                                  " \"name\": 7, \"version_string\": \"1.1.2\"}" };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "“name” is a number");
  assert_lacks (lc_check_result_get_detail (only_check (report)), "(null)");
}

static void
test_gateway_deep_nesting (void)
{
  /* Within the 64 KB a ping's answer may have, 60,000 levels deep: json-glib alone would
   * overflow the stack. */
  const WsPlan plan = { .raw_size = 60000 };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "levels deep");
}

static void
test_gateway_oversized_frame (void)
{
  const WsPlan plan = { .raw_size = 2 * 1024 * 1024 };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, NULL);
}

static void
test_gateway_silent_after_upgrade (void)
{
  const WsPlan plan = { 0 };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT,
                            "the gateway does not answer its info request");
}

static void
test_gateway_never_upgrades (void)
{
  const WsPlan plan = { .no_upgrade = TRUE };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "is open");
}

static void
test_gateway_answers_200_instead_of_upgrade (void)
{
  const WsPlan plan = { .no_upgrade = TRUE,
                        .answer = "HTTP/1.1 200 OK\x1b[2J\r\nContent-Length: 5\r\n\r\nhello" };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "refuses a WebSocket");
}

static void
test_gateway_flood_of_other_events (void)
{
  const WsPlan plan = { .flood = TRUE };
  g_autoptr(LcReport) report = run_gateway (&plan);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, NULL);
}

static void
test_gateway_words_are_shown_safely (void)
{
  const WsPlan plan = { .answer = "{\"janus\": \"server_info\", \"transaction\": \"%s\","
                                  " \"name\": \"\\u001b]0;owned\\u0007\\u001b[2JJanus\","
                                  " \"version_string\": \"\\u202eevil\"}" };
  g_autoptr(LcReport) report = run_gateway (&plan);
  LcCheckResult *result = only_check (report);

  g_test_message ("%s", lc_check_result_get_detail (result));
  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_PASS);
  assert_report_is_safe (report);
}

static void
test_gateway_redirect_is_not_followed (void)
{
  const WsPlan good = { .answer = "{\"janus\": \"server_info\", \"transaction\": \"%s\","
                                  " \"name\": \"Janus\", \"version_string\": \"1.1.2\"}" };
  HostileServer *elsewhere = hostile_tcp_start (fake_gateway, (gpointer)&good);
  WsPlan plan = { .redirect_to = hostile_server_get_port (elsewhere) };
  g_autoptr(LcReport) report = run_gateway (&plan);
  g_autofree char *where = g_strdup_printf ("wss://127.0.0.1:%u/",
                                            hostile_server_get_port (elsewhere));
  LcCheckResult *result;

  /* The other server would pass: the rule is about this port, so the check fails here. */
  result = assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "redirect");
  assert_contains (lc_check_result_get_detail (result), where);
  g_assert_cmpstr (json_object_get_string_member (lc_check_result_get_evidence (result),
                                                  "redirect"), ==, where);
  g_assert_cmpuint (hostile_server_get_hits (elsewhere), ==, 0);
  hostile_server_stop (elsewhere);
}

/* Handlers: SIP over WebSocket ---------------------------------------------------------------- */

static void
fake_sip (HostileConn *conn)
{
  const char *status_line = conn->data;
  g_autofree char *request = NULL;
  g_autofree char *options = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *answer = NULL;
  const char *line;

  if (!hostile_conn_start_tls (conn) || (request = hostile_ws_accept (conn, "sip")) == NULL ||
      (options = hostile_ws_read_text (conn)) == NULL)
    return;

  line = strstr (options, "Call-ID: ");
  g_assert_nonnull (line);
  line += strlen ("Call-ID: ");
  call_id = g_strndup (line, strcspn (line, "\r\n"));

  answer = g_strdup_printf ("%s\r\nCall-ID: %s\r\nServer: \x1b[31mKamailio\x1b[0m\r\n"
                            "Content-Length: 0\r\n\r\n", status_line, call_id);
  hostile_ws_send_text (conn, answer, -1);
  hostile_conn_wait_closed (conn);
}

static void
test_sip_status_code_of_29_digits (void)
{
  HostileServer *server = hostile_tcp_start (fake_sip,
                                             "SIP/2.0 20000000000000000000000000000 OK");
  g_autoptr(LcReport) report = run_rule ("acd", 8089, hostile_server_get_port (server), SIP_RULE,
                                         NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "not SIP");
  hostile_server_stop (server);
}

static void
test_sip_words_are_shown_safely (void)
{
  HostileServer *server = hostile_tcp_start (fake_sip, "SIP/2.0 200 \x1b[2JOK\x1b]0;x\x07");
  g_autoptr(LcReport) report = run_rule ("acd", 8089, hostile_server_get_port (server), SIP_RULE,
                                         NULL, "firewall", NULL);
  LcCheckResult *result = only_check (report);

  g_test_message ("%s", lc_check_result_get_detail (result));
  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_PASS);
  assert_contains (lc_check_result_get_detail (result), "200");
  assert_report_is_safe (report);
  hostile_server_stop (server);
}

/* Handlers: STUN and TURN --------------------------------------------------------------------- */

typedef enum
{
  STUN_WRONG_TRANSACTION,
  STUN_MALFORMED_ATTRIBUTE,
  STUN_LONG_REASON,
  TURN_NO_INTEGRITY,
  TURN_401_LOOP,
  TURN_438_LOOP,
} StunPlan;

static GBytes *
stun_answer (GBytes   *request_bytes,
             StunPlan  plan,
             guint     n)
{
  g_autoptr(LcStunMessage) request = lc_stun_message_decode (g_bytes_get_data (request_bytes,
                                                                               NULL),
                                                             g_bytes_get_size (request_bytes),
                                                             NULL);
  g_autoptr(LcStunMessage) answer = NULL;
  guint8 transaction[LC_STUN_TRANSACTION_ID_SIZE];
  g_autoptr(GInetAddress) ip = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(GSocketAddress) mapped = g_inet_socket_address_new (ip, 40000);
  g_autofree char *nonce = g_strdup_printf ("nonce-%u", n);

  if (request == NULL)
    return NULL;
  memcpy (transaction, lc_stun_message_get_transaction_id (request), sizeof transaction);

  switch (plan)
    {
    case STUN_WRONG_TRANSACTION:
      transaction[0] ^= 0xff;
      answer = lc_stun_message_new (LC_STUN_METHOD_BINDING, LC_STUN_CLASS_SUCCESS, transaction);
      lc_stun_message_add_address (answer, LC_STUN_ATTR_XOR_MAPPED_ADDRESS,
                                   G_INET_SOCKET_ADDRESS (mapped));
      return lc_stun_message_encode (answer, NULL, TRUE);

    case STUN_MALFORMED_ATTRIBUTE:
      {
        /* A success whose only attribute claims 200 bytes and has 4. */
        guint8 raw[28] = { 0x01, 0x01, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42 };

        memcpy (raw + 8, transaction, sizeof transaction);
        raw[20] = 0x00; raw[21] = 0x20; raw[22] = 0x00; raw[23] = 0xc8;
        return g_bytes_new (raw, sizeof raw);
      }

    case STUN_LONG_REASON:
      {
        g_autoptr(GString) reason = g_string_new ("\x1b[2J\x1b[HPASS ");

        while (reason->len < 700)
          g_string_append (reason, "no ");
        answer = lc_stun_message_new (LC_STUN_METHOD_BINDING, LC_STUN_CLASS_ERROR, transaction);
        lc_stun_message_add_error_code (answer, 400, reason->str);
        return lc_stun_message_encode (answer, NULL, TRUE);
      }

    case TURN_NO_INTEGRITY:
      if (!lc_stun_message_has_attribute (request, LC_STUN_ATTR_USERNAME))
        {
          answer = lc_stun_message_new (LC_STUN_METHOD_ALLOCATE, LC_STUN_CLASS_ERROR,
                                        transaction);
          lc_stun_message_add_error_code (answer, 401, "Unauthorized");
          lc_stun_message_add_string (answer, LC_STUN_ATTR_REALM, "hostile");
          lc_stun_message_add_string (answer, LC_STUN_ATTR_NONCE, nonce);
          return lc_stun_message_encode (answer, NULL, TRUE);
        }
      if (lc_stun_message_get_method (request) != LC_STUN_METHOD_ALLOCATE)
        return NULL;
      answer = lc_stun_message_new (LC_STUN_METHOD_ALLOCATE, LC_STUN_CLASS_SUCCESS, transaction);
      lc_stun_message_add_address (answer, LC_STUN_ATTR_XOR_RELAYED_ADDRESS,
                                   G_INET_SOCKET_ADDRESS (mapped));
      lc_stun_message_add_address (answer, LC_STUN_ATTR_XOR_MAPPED_ADDRESS,
                                   G_INET_SOCKET_ADDRESS (mapped));
      lc_stun_message_add_uint32 (answer, LC_STUN_ATTR_LIFETIME, 600);
      return lc_stun_message_encode (answer, NULL, TRUE);

    case TURN_401_LOOP:
    case TURN_438_LOOP:
      answer = lc_stun_message_new (lc_stun_message_get_method (request), LC_STUN_CLASS_ERROR,
                                    transaction);
      if (plan == TURN_438_LOOP && lc_stun_message_has_attribute (request, LC_STUN_ATTR_USERNAME))
        lc_stun_message_add_error_code (answer, 438, "Stale Nonce");
      else
        lc_stun_message_add_error_code (answer, 401, "Unauthorized");
      lc_stun_message_add_string (answer, LC_STUN_ATTR_REALM, "hostile");
      lc_stun_message_add_string (answer, LC_STUN_ATTR_NONCE, nonce);
      return lc_stun_message_encode (answer, NULL, TRUE);

    default:
      g_assert_not_reached ();
    }
}

static GBytes *
fake_stun_udp (GBytes   *request,
               gpointer  data)
{
  static guint n;

  return stun_answer (request, GPOINTER_TO_INT (data), ++n);
}

/* STUN over TCP: framed by the header's length. */
static void
fake_stun_stream (HostileConn *conn)
{
  StunPlan plan = GPOINTER_TO_INT (conn->data) & 0xff;
  gboolean tls = (GPOINTER_TO_INT (conn->data) & 0x100) != 0;
  guint n = 0;

  if (tls && !hostile_conn_start_tls (conn))
    return;

  for (;;)
    {
      guint8 message[LC_STUN_MAX_MESSAGE_SIZE];
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) answer = NULL;
      gsize size;

      if (!hostile_conn_read_exact (conn, message, LC_STUN_HEADER_SIZE))
        return;
      size = LC_STUN_HEADER_SIZE + ((message[2] << 8) | message[3]);
      if (!hostile_conn_read_exact (conn, message + LC_STUN_HEADER_SIZE,
                                    size - LC_STUN_HEADER_SIZE))
        return;
      request = g_bytes_new (message, size);
      answer = stun_answer (request, plan, ++n);
      if (answer != NULL &&
          !hostile_conn_write (conn, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer)))
        return;
    }
}

static void
test_stun_answers_to_another_transaction (void)
{
  HostileServer *server = hostile_udp_start (fake_stun_udp,
                                             GINT_TO_POINTER (STUN_WRONG_TRANSACTION));
  g_autoptr(LcReport) report = run_rule ("ice", 3478, hostile_server_get_port (server),
                                         STUN_RULE, NULL, "firewall", NULL);

  /* Something answers on the port: it is not blocked, whatever else is wrong. */
  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "another transaction");
  hostile_server_stop (server);
}

static void
test_stun_malformed_attribute (void)
{
  HostileServer *server = hostile_udp_start (fake_stun_udp,
                                             GINT_TO_POINTER (STUN_MALFORMED_ATTRIBUTE));
  g_autoptr(LcReport) report = run_rule ("ice", 3478, hostile_server_get_port (server),
                                         STUN_RULE, NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, NULL);
  hostile_server_stop (server);
}

static void
test_stun_error_reason_is_shown_safely (void)
{
  HostileServer *server = hostile_udp_start (fake_stun_udp, GINT_TO_POINTER (STUN_LONG_REASON));
  g_autoptr(LcReport) report = run_rule ("ice", 3478, hostile_server_get_port (server),
                                         STUN_RULE, NULL, "firewall", NULL);
  LcCheckResult *result;

  result = assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "400");
  /* The sentence speaks of the rule's port, not of the one this test serves it on. */
  assert_contains (lc_check_result_get_detail (result), "UDP 3478");
  hostile_server_stop (server);
}

static void
test_turn_success_without_integrity_is_discarded (void)
{
  HostileServer *server = hostile_tcp_start (fake_stun_stream,
                                             GINT_TO_POINTER (TURN_NO_INTEGRITY));
  g_autoptr(LcReport) report = run_rule ("ice", 80, hostile_server_get_port (server),
                                         TURN_TCP_RULE, NULL, "firewall", NULL);
  LcCheckResult *result;

  result = assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL,
                                     "MESSAGE-INTEGRITY");
  g_assert_false (json_object_has_member (lc_check_result_get_evidence (result),
                                          "relayed_address"));
  hostile_server_stop (server);
}

static void
test_turn_401_loop (void)
{
  HostileServer *server = hostile_tcp_start (fake_stun_stream, GINT_TO_POINTER (TURN_401_LOOP));
  g_autoptr(LcReport) report = run_rule ("ice", 80, hostile_server_get_port (server),
                                         TURN_TCP_RULE, NULL, "firewall", NULL);
  LcCheckResult *result = only_check (report);

  g_test_message ("%s", lc_check_result_get_detail (result));
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_AUTH);
  assert_contains (lc_check_result_get_detail (result), "401");
  assert_nothing_to_open (report);
  assert_report_is_safe (report);
  hostile_server_stop (server);
}

static void
test_turn_438_loop (void)
{
  HostileServer *server = hostile_tcp_start (fake_stun_stream, GINT_TO_POINTER (TURN_438_LOOP));
  g_autoptr(LcReport) report = run_rule ("ice", 80, hostile_server_get_port (server),
                                         TURN_TCP_RULE, NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_PROTOCOL, "438");
  hostile_server_stop (server);
}

static void
test_turn_tcp_silent (void)
{
  HostileServer *server = hostile_tcp_start (accept_and_stay_silent, NULL);
  g_autoptr(LcReport) report = run_rule ("ice", 80, hostile_server_get_port (server),
                                         TURN_TCP_RULE, NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "is open");
  hostile_server_stop (server);
}

static void
test_turn_tls_garbage (void)
{
  HostileServer *server = hostile_tcp_start (read_then_talk_garbage, NULL);
  g_autoptr(LcReport) report = run_rule ("ice", 443, hostile_server_get_port (server),
                                         TURN_TLS_RULE, NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_NOT_TLS, "does not speak TLS");
  hostile_server_stop (server);
}

static void
test_turn_tls_handshake_stall (void)
{
  HostileServer *server = hostile_tcp_start (accept_and_stay_silent, NULL);
  g_autoptr(LcReport) report = run_rule ("ice", 443, hostile_server_get_port (server),
                                         TURN_TLS_RULE, NULL, "firewall", NULL);

  assert_open_port_finding (report, LC_STATUS_FAIL, LC_CAUSE_SILENT, "TLS handshake");
  hostile_server_stop (server);
}

/* The gateway during a call ------------------------------------------------------------------- */

typedef enum
{
  CALL_CREATE_KIND_NUMBER,
  CALL_CREATE_WITHOUT_ID,
  CALL_SILENT_AFTER_UPGRADE,
  CALL_CORRUPT_SDP,
  CALL_SDP_NOT_A_STRING,
  CALL_TRICKLE_FLOOD,
  CALL_REDIRECT,
} CallPlan;

static void
send_json (HostileConn *conn,
           const char  *format,
           const char  *transaction)
{
  g_autofree char *text = fill (format, transaction);

  hostile_ws_send_text (conn, text, -1);
}

static void
fake_call_gateway (HostileConn *conn)
{
  CallPlan plan = GPOINTER_TO_INT (conn->data);
  g_autofree char *request = NULL;

  if (!hostile_conn_start_tls (conn))
    return;

  if (plan == CALL_REDIRECT)
    {
      request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
      hostile_conn_write_str (conn, "HTTP/1.1 301 Moved\r\nLocation: wss://192.0.2.1:1/\r\n"
                                    "Content-Length: 0\r\n\r\n");
      hostile_conn_wait_closed (conn);
      return;
    }

  request = hostile_ws_accept (conn, "janus-protocol");
  if (request == NULL)
    return;
  if (plan == CALL_SILENT_AFTER_UPGRADE)
    {
      hostile_conn_wait_closed (conn);
      return;
    }

  for (;;)
    {
      g_autofree char *message = hostile_ws_read_text (conn);
      g_autofree char *kind = hostile_json_member (message, "janus");
      g_autofree char *transaction = hostile_json_member (message, "transaction");

      if (message == NULL)
        return;

      if (g_strcmp0 (kind, "create") == 0)
        {
          if (plan == CALL_CREATE_KIND_NUMBER)
            send_json (conn, "{\"janus\": 1, \"transaction\": \"%s\"}", transaction);
          else if (plan == CALL_CREATE_WITHOUT_ID)
            send_json (conn, "{\"janus\": \"success\", \"transaction\": \"%s\"}", transaction);
          else
            send_json (conn, "{\"janus\": \"success\", \"transaction\": \"%s\","
                             " \"data\": {\"id\": 4242}}", transaction);
        }
      else if (g_strcmp0 (kind, "attach") == 0)
        send_json (conn, "{\"janus\": \"success\", \"transaction\": \"%s\","
                         " \"data\": {\"id\": 77}}", transaction);
      else if (g_strcmp0 (kind, "message") == 0)
        {
          send_json (conn, "{\"janus\": \"ack\", \"transaction\": \"%s\"}", transaction);
          if (plan == CALL_TRICKLE_FLOOD)
            for (guint i = 0; i < 5000; i++)
              hostile_ws_send_text (conn, "{\"janus\": \"trickle\", \"sender\": 77, "
                                          "\"candidate\": {\"sdpMLineIndex\": 0, \"candidate\": "
                                          "\"candidate:1 1 udp 2130706431 192.0.2.1 9 typ "
                                          "host\"}}", -1);
          if (plan == CALL_SDP_NOT_A_STRING)
            send_json (conn, "{\"janus\": \"event\", \"transaction\": \"%s\", \"sender\": 77,"
                             " \"plugindata\": {\"plugin\": \"janus.plugin.echotest\","
                             " \"data\": {\"result\": \"ok\"}},"
                             " \"jsep\": {\"type\": \"answer\", \"sdp\": 12}}", transaction);
          else
            send_json (conn, "{\"janus\": \"event\", \"transaction\": \"%s\", \"sender\": 77,"
                             " \"plugindata\": {\"plugin\": \"janus.plugin.echotest\","
                             " \"data\": {\"result\": \"ok\"}},"
                             " \"jsep\": {\"type\": \"answer\", \"sdp\":"
                             " \"v=0\\r\\no=- 1 1 IN IP4 0\\r\\nm=audio 9 GARBAGE\\u001b[2J\"}}",
                       transaction);
        }
      else if (transaction != NULL)
        send_json (conn, "{\"janus\": \"success\", \"transaction\": \"%s\"}", transaction);
    }
}

static LcMediaResult *
run_call (CallPlan  plan,
          LcReport **report_out)
{
  HostileServer *server = hostile_tcp_start (fake_call_gateway, GINT_TO_POINTER (plan));
  LcReport *report = run_rule ("rtc", 8989, hostile_server_get_port (server), WS_RULE,
                               "{\"id\": \"audio\", \"via\": \"echo\", \"service\": \"rtc\","
                               " \"codecs\": [\"opus\"], \"seconds\": 3}", "media", NULL);
  LcMediaResult *result;

  hostile_server_stop (server);
  g_assert_cmpuint (lc_report_get_media (report)->len, ==, 1);
  result = g_ptr_array_index (lc_report_get_media (report), 0);
  g_test_message ("%s: %s", lc_cause_to_string (lc_media_result_get_cause (result)),
                  lc_media_result_get_detail (result));
  assert_shown_safely (lc_media_result_get_detail (result));
  assert_shown_safely (lc_media_result_get_fix (result));
  assert_lacks (lc_media_result_get_fix (result), "Allow ");
  *report_out = report;
  return result;
}

static void
test_call_gateway_kind_not_a_string (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_CREATE_KIND_NUMBER, &report);

  g_assert_cmpint (lc_media_result_get_status (result), ==, LC_MEDIA_STATUS_FAIL);
  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_media_result_get_detail (result), "malformed");
}

static void
test_call_session_without_id (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_CREATE_WITHOUT_ID, &report);

  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_media_result_get_detail (result), "without an id");
}

static void
test_call_gateway_silent (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_SILENT_AFTER_UPGRADE, &report);

  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_SILENT);
}

static void
test_call_corrupt_sdp (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_CORRUPT_SDP, &report);

  g_assert_cmpint (lc_media_result_get_status (result), ==, LC_MEDIA_STATUS_FAIL);
  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
}

static void
test_call_sdp_not_a_string (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_SDP_NOT_A_STRING, &report);

  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_media_result_get_detail (result), "“sdp” is a number");
}

static void
test_call_trickle_flood (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_TRICKLE_FLOOD, &report);

  g_assert_cmpint (lc_media_result_get_status (result), ==, LC_MEDIA_STATUS_FAIL);
}

static void
test_call_redirect (void)
{
  g_autoptr(LcReport) report = NULL;
  LcMediaResult *result = run_call (CALL_REDIRECT, &report);

  g_assert_cmpint (lc_media_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_media_result_get_detail (result), "wss://192.0.2.1:1/");
}

/* The parsers on their own --------------------------------------------------------------------- */

static void
test_janus_message_types_are_checked (void)
{
  const struct { const char *text; const char *words; } cases[] = {
    { "{\"janus\": 1}", "“janus” is a number" },
    { "{\"transaction\": \"x\"}", "“janus” is missing" },
    { "{\"janus\": \"success\", \"data\": []}", "“data” is an array" },
    { "{\"janus\": \"success\", \"data\": {\"id\": \"7\"}}", "“id” is a string" },
    { "{\"janus\": \"success\", \"data\": {\"id\": -1}}", "outside" },
    { "{\"janus\": \"error\", \"error\": {\"code\": 1, \"reason\": {}}}", "“reason” is an object" },
    { "{\"janus\": \"trickle\", \"candidate\": {\"sdpMLineIndex\": 9999}}", "outside" },
    { "{\"janus\": \"event\", \"jsep\": {\"sdp\": true}}", "“sdp” is a boolean" },
    { "[1, 2]", "expected a JSON object" },
    { "{\"janus\": \"x\"", "not valid JSON" },
    { "", "no JSON value" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcJanusMessage) message = lc_janus_message_parse (cases[i].text,
                                                                  strlen (cases[i].text),
                                                                  &error);

      g_assert_null (message);
      g_assert_nonnull (error);
      assert_contains (error->message, cases[i].words);
    }

  {
    g_autofree char *deep = g_strnfill (120000, '[');
    g_autoptr(GError) error = NULL;

    g_assert_null (lc_janus_message_parse (deep, strlen (deep), &error));
    g_assert_error (error, LC_JSON_ERROR, LC_JSON_ERROR_TOO_DEEP);
  }
}

/* The command line's table, against a server that writes escape codes --------------------------- */

typedef struct
{
  GMainLoop *loop;
  char      *out;
  char      *err;
  int        status;
} Spawned;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Spawned *spawned = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &spawned->out,
                                        &spawned->err, &error);
  g_assert_no_error (error);
  spawned->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  g_main_loop_quit (spawned->loop);
}

static void
test_cli_table_escapes_server_words (void)
{
  HostileServer *server = hostile_tcp_start (huge_reason_phrase, NULL);
  g_autofree char *dir = g_dir_make_tmp ("linecheck-hostile-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Spawned spawned = { loop, NULL, NULL, -1 };

  text = g_strdup_printf ("{\"format\": 1, \"id\": \"h\", \"name\": \"H\x1b[2J\","
                          " \"timeout_ms\": 1500, \"services\": {\"rtc\": {\"host\": "
                          "\"127.0.0.1\", \"ports\": {\"80\": %u}}}, \"rules\": ["
                          HTTP_RULE (80, "http") "], \"thresholds\": {\"rtt_ms\": 300,"
                          " \"jitter_ms\": 50, \"loss_percent\": 1.5, \"audio_kbps\": 40,"
                          " \"video_kbps\": 80}}", hostile_server_get_port (server));
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", dir, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LC_BINARY"), "--cli",
                                         "--profile", path, "--only", "firewall", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &spawned);
  g_main_loop_run (loop);

  g_test_message ("%s", spawned.out);
  g_assert_cmpint (spawned.status, ==, 0);
  assert_contains (spawned.out, "\\x1B[2J");
  assert_lacks (spawned.out, "\x1b");
  assert_lacks (spawned.err, "\x1b");
  assert_lacks (spawned.out, "\x07");
  g_free (spawned.out);
  g_free (spawned.err);
  hostile_server_stop (server);

  {
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/tls/handshake-stall-is-open-but-silent",
                   test_tls_handshake_stall_is_open_but_silent);
  g_test_add_func ("/hostile/tls/garbage-is-not-tls", test_garbage_instead_of_tls_is_not_tls);
  g_test_add_func ("/hostile/tls/close-during-handshake-is-not-blocked",
                   test_close_during_handshake_is_not_blocked);
  g_test_add_func ("/hostile/https/silent-after-handshake", test_https_silent_after_handshake);
  g_test_add_func ("/hostile/http/silent-is-open-but-silent", test_http_silent);
  g_test_add_func ("/hostile/http/slow-headers-end-at-the-deadline",
                   test_http_slow_headers_are_silent);
  g_test_add_func ("/hostile/http/reason-phrase-is-shown-safely",
                   test_http_reason_phrase_is_shown_safely);
  g_test_add_func ("/hostile/http/endless-body-does-not-hang",
                   test_http_endless_body_does_not_hang);
  g_test_add_func ("/hostile/http/oversized-headers", test_http_oversized_headers);
  g_test_add_func ("/hostile/http/garbage-is-not-the-service",
                   test_http_garbage_is_not_the_service);
  g_test_add_func ("/hostile/websocket/kind-not-a-string", test_gateway_kind_not_a_string);
  g_test_add_func ("/hostile/websocket/name-not-a-string", test_gateway_name_not_a_string);
  g_test_add_func ("/hostile/websocket/deep-nesting", test_gateway_deep_nesting);
  g_test_add_func ("/hostile/websocket/oversized-frame", test_gateway_oversized_frame);
  g_test_add_func ("/hostile/websocket/silent-after-upgrade", test_gateway_silent_after_upgrade);
  g_test_add_func ("/hostile/websocket/never-upgrades", test_gateway_never_upgrades);
  g_test_add_func ("/hostile/websocket/200-instead-of-upgrade",
                   test_gateway_answers_200_instead_of_upgrade);
  g_test_add_func ("/hostile/websocket/flood-of-other-events", test_gateway_flood_of_other_events);
  g_test_add_func ("/hostile/websocket/words-are-shown-safely",
                   test_gateway_words_are_shown_safely);
  g_test_add_func ("/hostile/websocket/redirect-is-not-followed",
                   test_gateway_redirect_is_not_followed);
  g_test_add_func ("/hostile/sip/status-code-of-29-digits", test_sip_status_code_of_29_digits);
  g_test_add_func ("/hostile/sip/words-are-shown-safely", test_sip_words_are_shown_safely);
  g_test_add_func ("/hostile/stun/answers-to-another-transaction",
                   test_stun_answers_to_another_transaction);
  g_test_add_func ("/hostile/stun/malformed-attribute", test_stun_malformed_attribute);
  g_test_add_func ("/hostile/stun/error-reason-is-shown-safely",
                   test_stun_error_reason_is_shown_safely);
  g_test_add_func ("/hostile/turn/success-without-integrity-is-discarded",
                   test_turn_success_without_integrity_is_discarded);
  g_test_add_func ("/hostile/turn/401-loop", test_turn_401_loop);
  g_test_add_func ("/hostile/turn/438-loop", test_turn_438_loop);
  g_test_add_func ("/hostile/turn/tcp-silent", test_turn_tcp_silent);
  g_test_add_func ("/hostile/turn/tls-garbage", test_turn_tls_garbage);
  g_test_add_func ("/hostile/turn/tls-handshake-stall", test_turn_tls_handshake_stall);
  g_test_add_func ("/hostile/call/kind-not-a-string", test_call_gateway_kind_not_a_string);
  g_test_add_func ("/hostile/call/session-without-id", test_call_session_without_id);
  g_test_add_func ("/hostile/call/gateway-silent", test_call_gateway_silent);
  g_test_add_func ("/hostile/call/corrupt-sdp", test_call_corrupt_sdp);
  g_test_add_func ("/hostile/call/sdp-not-a-string", test_call_sdp_not_a_string);
  g_test_add_func ("/hostile/call/trickle-flood", test_call_trickle_flood);
  g_test_add_func ("/hostile/call/redirect", test_call_redirect);
  g_test_add_func ("/hostile/parse/janus-message-types-are-checked",
                   test_janus_message_types_are_checked);
  g_test_add_func ("/hostile/cli/table-escapes-server-words", test_cli_table_escapes_server_words);

  status = g_test_run ();
  hostile_tls_cleanup ();
  return status;
}
