/* test-checks.c — every kind of check against the real lab, and every way it can fail
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lab-fixture.h"
#include "lc-runner.h"

static LabFixture *lab;

/* Every step but the calls, which test-media.c and one test here cover. */
static const char * const network_steps[] = { "firewall", "edge", "context", NULL };

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

/* Runs @profile to its report; @seconds is how long the test waits before calling it a hang. */
static LcReport *
run_profile (LcProfile          *profile,
             const char * const *steps,
             double             *elapsed_s)
{
  g_autoptr(LcRunner) runner = lc_runner_new (profile);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };
  gint64 started = g_get_monotonic_time ();

  g_assert_true (lc_runner_set_steps (runner, steps, NULL));
  lc_runner_run_async (runner, NULL, on_run_done, &wait);
  g_main_loop_run (loop);

  if (elapsed_s != NULL)
    *elapsed_s = (g_get_monotonic_time () - started) / 1e6;
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.report);
  return wait.report;
}

static LcCheckResult *
find_check (LcReport   *report,
            const char *id)
{
  GPtrArray *checks = lc_report_get_checks (report);

  for (guint i = 0; i < checks->len; i++)
    if (g_str_equal (lc_check_result_get_id (g_ptr_array_index (checks, i)), id))
      return g_ptr_array_index (checks, i);

  g_error ("no check %s in the report", id);
  return NULL;
}

static gboolean
rules_to_open_has (LcReport   *report,
                   const char *service,
                   const char *protocol,
                   const char *ports)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);

  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);

      if (g_str_equal (rule->service, service) && g_str_equal (rule->protocol, protocol) &&
          g_str_equal (rule->ports, ports))
        return TRUE;
    }

  return FALSE;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack ? haystack : "(null)");
}

static void
add_rule (JsonObject *root,
          const char *id,
          const char *service,
          const char *protocol,
          gint64      port,
          const char *check,
          gboolean    tls)
{
  JsonObject *rule = json_object_new ();

  json_object_set_string_member (rule, "id", id);
  json_object_set_string_member (rule, "service", service);
  json_object_set_string_member (rule, "protocol", protocol);
  json_object_set_int_member (rule, "port", port);
  json_object_set_string_member (rule, "check", check);
  if (tls)
    json_object_set_boolean_member (rule, "tls", TRUE);
  json_array_add_object_element (json_object_get_array_member (root, "rules"), rule);
}

/* The lab's profile mirrors the agent profile; these add the kinds it does not use. */
static void
add_every_kind (JsonObject *root,
                gpointer    data)
{
  add_rule (root, "rtc-tcp-connect", "rtc", "tcp", 8989, "tcp", FALSE);
  add_rule (root, "rtc-tls-443", "rtc", "tcp", 443, "tls", FALSE);
  add_rule (root, "ice-stun-udp-80", "ice", "udp", 80, "stun", FALSE);
  add_rule (root, "ice-stun-tcp-80", "ice", "tcp", 80, "stun", FALSE);
  add_rule (root, "ice-stun-tls-443", "ice", "tcp", 443, "stun", TRUE);
}

static void
test_every_check_kind_passes_against_the_lab (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "all.json", add_every_kind, NULL);
  g_autoptr(LcReport) report = run_profile (profile, network_steps, NULL);
  GPtrArray *checks = lc_report_get_checks (report);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  static const char * const expected[] = {
    "tcp", "tls", "http", "https", "websocket", "sip-ws", "stun", "turn", "dns", "edge",
  };
  JsonObject *tls;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);

      g_test_message ("%s: %s — %s", lc_check_result_get_id (result),
                      lc_status_to_string (lc_check_result_get_status (result)),
                      lc_check_result_get_detail (result));
      g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_PASS);
      g_hash_table_add (kinds, (gpointer)lc_check_result_get_check (result));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (kinds, expected[i]));

  g_assert_cmpint (lc_report_get_verdict (report), ==, LC_STATUS_PASS);
  g_assert_cmpuint (rules->len, ==, 0);

  /* What the checks saw, as a person reads it. */
  assert_contains (lc_check_result_get_detail (find_check (report, "rtc-tcp-80")),
                   "forwards to HTTPS");
  assert_contains (lc_check_result_get_detail (find_check (report, "rtc-tcp-8989")),
                   "answers its info request");
  assert_contains (lc_check_result_get_detail (find_check (report, "acd-tcp-8089")),
                   "answers OPTIONS with “200 OK”");
  assert_contains (lc_check_result_get_detail (find_check (report, "ice-tcp-443")),
                   "relay address");
  assert_contains (lc_check_result_get_detail (find_check (report, "ice-udp-80")),
                   "relay address");
  assert_contains (lc_check_result_get_detail (find_check (report, "ice-stun-tls-443")),
                   "seen as");

  /* TLS: version, and the certificate's subject, issuer and expiry. */
  tls = json_object_get_object_member (lc_check_result_get_evidence (find_check (report,
                                                                                 "rtc-tls-443")),
                                       "tls");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tls, "version"), "TLS 1."));
  {
    JsonObject *certificate = json_object_get_object_member (tls, "certificate");

    g_assert_nonnull (json_object_get_string_member (certificate, "subject"));
    g_assert_nonnull (json_object_get_string_member (certificate, "issuer"));
    g_assert_nonnull (json_object_get_string_member (certificate, "not_after"));
  }
  assert_contains (lc_check_result_get_detail (find_check (report, "rtc-tls-443")),
                   "valid until");
}

static void
test_edges_are_ranked_and_the_nearest_chosen (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "edges.json", NULL, NULL);
  const char *steps[] = { "edge", NULL };
  g_autoptr(LcReport) report = NULL;
  LcCheckResult *near, *far;
  JsonObject *near_evidence, *far_evidence;

  if (lc_profile_get_n_edges (profile) < 2)
    {
      /* Loopback mode has one edge only: the namespace lab (CI runs as root) has two. */
      g_test_skip ("the loopback lab has a single edge; run as root for the namespace lab");
      return;
    }

  report = run_profile (profile, steps, NULL);
  near = find_check (report, "edge-near");
  far = find_check (report, "edge-far");
  near_evidence = lc_check_result_get_evidence (near);
  far_evidence = lc_check_result_get_evidence (far);

  g_assert_cmpint (lc_check_result_get_status (near), ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_check_result_get_status (far), ==, LC_STATUS_PASS);
  /* The far edge is 40 ms further away (the lab's delay hop): its figures say so. */
  g_assert_cmpfloat (json_object_get_double_member (far_evidence, "stun_rtt_ms"), >=, 35);
  g_assert_cmpfloat (json_object_get_double_member (far_evidence, "connect_ms"), >=, 35);
  g_assert_cmpfloat (json_object_get_double_member (near_evidence, "score_ms"), <,
                     json_object_get_double_member (far_evidence, "score_ms"));
  g_assert_cmpstr (lc_report_get_chosen_edge (report), ==, "near");
  g_assert_true (json_object_get_boolean_member (near_evidence, "chosen"));
  g_assert_false (json_object_get_boolean_member (far_evidence, "chosen"));
}

static void
point_rule_at_closed_port (JsonObject *root,
                           gpointer    data)
{
  JsonObject *rule = json_object_new ();
  JsonObject *rtc = json_object_get_object_member (json_object_get_object_member (root, "services"),
                                                   "rtc");

  json_object_set_string_member (rule, "service", "rtc");
  json_object_set_string_member (rule, "protocol", "tcp");
  json_object_set_int_member (rule, "port", 8443);
  json_object_set_string_member (rule, "check", "tcp");
  json_array_add_object_element (json_object_get_array_member (root, "rules"), rule);

  /* Nothing listens on 8443 in the lab (nor on 9, where the loopback lab maps it): the
   * kernel answers with a reset. */
  if (json_object_has_member (rtc, "ports"))
    json_object_set_int_member (json_object_get_object_member (rtc, "ports"), "8443", 9);
  json_object_remove_member (root, "edges");
}

static void
test_closed_port_is_refused_quickly (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "closed.json",
                                                           point_rule_at_closed_port, NULL);
  const char *steps[] = { "firewall", NULL };
  g_autoptr(LcReport) report = run_profile (profile, steps, NULL);
  LcCheckResult *result = find_check (report, "rtc-tcp-8443");

  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_FAIL);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_REFUSED);
  g_assert_cmpfloat (lc_check_result_get_duration_ms (result), <, 1000);
  assert_contains (lc_check_result_get_detail (result), "was refused");
  assert_contains (lc_check_result_get_fix (result), "Allow TCP 8443 to");
  g_assert_true (rules_to_open_has (report, "rtc", "tcp", "8443"));
  g_assert_cmpint (lc_report_get_verdict (report), ==, LC_STATUS_FAIL);
}

static void
shorten_timeouts (JsonObject *root,
                  gpointer    data)
{
  json_object_set_int_member (root, "timeout_ms", GPOINTER_TO_UINT (data));
  json_object_remove_member (root, "edges");
}

static void
test_dropped_ports_time_out_with_the_rule_to_open (void)
{
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(LcReport) report = NULL;
  const char *steps[] = { "firewall", NULL };
  const char *rtc, *ice;
  g_autofree char *tcp_rule = NULL;
  g_autofree char *udp_rule = NULL;
  LcCheckResult *websocket, *turn_udp, *https;
  double elapsed;

  if (lab->netns == NULL)
    {
      g_test_skip ("dropping packets needs the namespace lab (root); CI runs as root");
      return;
    }

  {
    JsonObject *addresses = json_object_get_object_member (json_node_get_object (lab->lab),
                                                           "addresses");
    rtc = json_object_get_string_member (addresses, "rtc");
    ice = json_object_get_string_member (addresses, "ice");
  }

  /* The servers' side drops, silently, what a strict firewall would: TCP 8989 to the gateway
   * and UDP 80 to STUN/TURN. */
  lab_fixture_nft (lab, "add table inet lctest");
  lab_fixture_nft (lab, "add chain inet lctest input { type filter hook input priority 0 ; }");
  tcp_rule = g_strdup_printf ("add rule inet lctest input ip daddr %s tcp dport 8989 drop", rtc);
  udp_rule = g_strdup_printf ("add rule inet lctest input ip daddr %s udp dport 80 drop", ice);
  lab_fixture_nft (lab, tcp_rule);
  lab_fixture_nft (lab, udp_rule);

  profile = lab_fixture_load_profile (lab, "dropped.json", shorten_timeouts,
                                      GUINT_TO_POINTER (2000));
  report = run_profile (profile, steps, &elapsed);
  lab_fixture_nft_flush (lab);

  websocket = find_check (report, "rtc-tcp-8989");
  turn_udp = find_check (report, "ice-udp-80");
  https = find_check (report, "rtc-tcp-443");

  g_assert_cmpint (lc_check_result_get_cause (websocket), ==, LC_CAUSE_TIMEOUT);
  /* 8989 is only recommended: a warning, not a failure. */
  g_assert_cmpint (lc_check_result_get_status (websocket), ==, LC_STATUS_WARN);
  assert_contains (lc_check_result_get_detail (websocket), "no answer to the connection in 2 s");
  g_assert_cmpint (lc_check_result_get_cause (turn_udp), ==, LC_CAUSE_TIMEOUT);
  g_assert_cmpint (lc_check_result_get_status (turn_udp), ==, LC_STATUS_FAIL);
  g_assert_cmpint (lc_check_result_get_status (https), ==, LC_STATUS_PASS);

  g_assert_true (rules_to_open_has (report, "rtc", "tcp", "8989"));
  g_assert_true (rules_to_open_has (report, "ice", "udp", "80"));
  g_assert_false (rules_to_open_has (report, "rtc", "tcp", "443"));

  /* Bounded: the deadline, plus a little. */
  g_assert_cmpfloat (lc_check_result_get_duration_ms (websocket), <, 2500);
  g_assert_cmpfloat (elapsed, <, 4);
}

static void
spoil_turn_password (JsonObject *root,
                     gpointer    data)
{
  JsonObject *ice = json_object_get_object_member (json_object_get_object_member (root, "services"),
                                                   "ice");
  json_object_set_string_member (ice, "credential", "not-the-password");
  json_object_remove_member (root, "edges");
}

static void
test_wrong_turn_password_says_auth (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "badpass.json",
                                                           spoil_turn_password, NULL);
  const char *steps[] = { "firewall", NULL };
  g_autoptr(LcReport) report = run_profile (profile, steps, NULL);
  g_autofree char *json = lc_report_to_data (report, NULL);
  const char *ids[] = { "ice-udp-80", "ice-tcp-80", "ice-udp-443", "ice-tcp-443" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LcCheckResult *result = find_check (report, ids[i]);

      g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_FAIL);
      g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_AUTH);
      assert_contains (lc_check_result_get_detail (result), "401");
      assert_contains (lc_check_result_get_fix (result), "TURN user name and password");
    }

  /* A wrong password is not a firewall problem: nothing to open. */
  g_assert_false (rules_to_open_has (report, "ice", "udp", "80"));
  g_assert_null (strstr (json, "not-the-password"));
}

static void
forget_the_ca (JsonObject *root,
               gpointer    data)
{
  json_object_remove_member (root, "tls");
  json_object_remove_member (root, "edges");
}

static void
test_private_certificate_without_its_ca_says_tls (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "noca.json", forget_the_ca, NULL);
  const char *steps[] = { "firewall", NULL };
  g_autoptr(LcReport) report = run_profile (profile, steps, NULL);
  const char *ids[] = { "rtc-tcp-443", "rtc-tcp-8989", "acd-tcp-8089", "ice-tcp-443" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      LcCheckResult *result = find_check (report, ids[i]);

      g_test_message ("%s: %s", ids[i], lc_check_result_get_detail (result));
      g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_TLS);
      g_assert_true (lc_check_result_get_status (result) != LC_STATUS_PASS);
    }

  assert_contains (lc_check_result_get_detail (find_check (report, "rtc-tcp-443")),
                   "authority this machine does not trust");
  /* Plain HTTP on 80 has no certificate to refuse. */
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "rtc-tcp-80")), ==,
                   LC_STATUS_PASS);
}

static void
ask_wrong_subprotocol (JsonObject *root,
                       gpointer    data)
{
  JsonObject *rule = lab_fixture_find_rule (root, "rtc", "tcp", 8989);

  json_object_set_string_member (rule, "subprotocol", "not-janus");
  json_object_set_string_member (rule, "level", "required");
  json_object_remove_member (root, "edges");
}

static void
test_wrong_websocket_subprotocol_says_protocol (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "subprotocol.json",
                                                           ask_wrong_subprotocol, NULL);
  const char *steps[] = { "firewall", NULL };
  g_autoptr(LcReport) report = run_profile (profile, steps, NULL);
  LcCheckResult *result = find_check (report, "rtc-tcp-8989");

  g_test_message ("%s", lc_check_result_get_detail (result));
  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_FAIL);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_check_result_get_detail (result), "not-janus");
  g_assert_false (rules_to_open_has (report, "rtc", "tcp", "8989"));
}

static void
use_unresolvable_name (JsonObject *root,
                       gpointer    data)
{
  JsonObject *acd = json_object_get_object_member (json_object_get_object_member (root, "services"),
                                                   "acd");

  /* .invalid never resolves (RFC 6761). */
  json_object_set_string_member (acd, "host", "acd.linecheck.invalid");
  json_object_set_int_member (root, "timeout_ms", 3000);
  json_object_remove_member (root, "edges");
}

static void
test_unresolvable_name_says_dns (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "nodns.json",
                                                           use_unresolvable_name, NULL);
  g_autoptr(LcReport) report = NULL;
  double elapsed;

  report = run_profile (profile, network_steps, &elapsed);

  g_assert_cmpint (lc_check_result_get_cause (find_check (report, "dns-acd")), ==, LC_CAUSE_DNS);
  assert_contains (lc_check_result_get_detail (find_check (report, "dns-acd")),
                   "acd.linecheck.invalid does not resolve");
  g_assert_cmpint (lc_check_result_get_cause (find_check (report, "acd-tcp-443")), ==,
                   LC_CAUSE_DNS);
  assert_contains (lc_check_result_get_fix (find_check (report, "acd-tcp-443")),
                   "acd.linecheck.invalid");
  /* The other services are still checked, and pass. */
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "rtc-tcp-443")), ==,
                   LC_STATUS_PASS);
  g_assert_cmpfloat (elapsed, <, 5);
}

static void
use_broken_ca (JsonObject *root,
               gpointer    data)
{
  JsonObject *tls = json_object_get_object_member (root, "tls");

  json_object_set_string_member (tls, "ca_file", "profile.json");
}

static void
test_unusable_ca_file_stops_the_run_with_words (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "badca.json", use_broken_ca, NULL);
  g_autoptr(LcRunner) runner = lc_runner_new (profile);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };

  lc_runner_run_async (runner, NULL, on_run_done, &wait);
  g_main_loop_run (loop);

  /* Not a made-up TLS failure on every rule: the profile itself is unusable, and says why. */
  g_assert_null (wait.report);
  g_assert_error (wait.error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ);
  assert_contains (wait.error->message, "CA file");
  assert_contains (wait.error->message, "profile.json");
  g_clear_error (&wait.error);
}

static void
keep_a_short_audio_call (JsonObject *root,
                         gpointer    data)
{
  JsonArray *media = json_object_get_array_member (root, "media");
  JsonArray *kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (media); i++)
    {
      JsonObject *entry = json_array_get_object_element (media, i);

      if (g_str_equal (json_object_get_string_member (entry, "id"), "audio"))
        {
          json_object_set_int_member (entry, "seconds", 6);
          json_array_add_object_element (kept, json_object_ref (entry));
        }
    }
  json_object_set_array_member (root, "media", kept);
  json_object_remove_member (root, "edges");
}

static void
test_media_step_judges_the_call_in_the_report (void)
{
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(LcReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  const char *steps[] = { "media", NULL };
  JsonObject *call, *summary, *quality;

  if (!lab->janus_media)
    {
      /* The gateway gathers on loopback only through the lab's shim (reference.md). */
      g_test_skip ("echo calls need the namespace lab (root) or the loopback lab's "
                   "getifaddrs() shim (tests/lab/lc-lab-ifaddrs.c)");
      return;
    }

  profile = lab_fixture_load_profile (lab, "media.json", keep_a_short_audio_call, NULL);
  report = run_profile (profile, steps, NULL);
  data = lc_report_to_data (report, NULL);
  g_assert_true (json_parser_load_from_data (parser, data, -1, NULL));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (json_parser_get_root (parser)), "media")), ==, 1);
  call = json_array_get_object_element (json_object_get_array_member (
           json_node_get_object (json_parser_get_root (parser)), "media"), 0);
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, "audio");
  g_assert_cmpstr (json_object_get_string_member (call, "status"), ==, "pass");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "samples")), >=, 5);

  /* Judged by the quality module: a MOS on a clean path, and the windows it looked at. */
  summary = json_object_get_object_member (call, "summary");
  g_assert_cmpfloat (json_object_get_double_member (summary, "mos"), >, 4.3);
  g_assert_cmpfloat (json_object_get_double_member (summary, "send_kbps"), >=, 40);
  quality = json_object_get_object_member (json_object_get_object_member (call, "evidence"),
                                           "quality");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (quality, "windows")), >=, 1);
  g_assert_cmpint (lc_report_get_verdict (report), ==, LC_STATUS_PASS);
  g_assert_null (strstr (data, lc_profile_lookup_service (profile, "ice")->credential));
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_stops_everything_at_once (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "cancel.json", NULL, NULL);
  g_autoptr(LcRunner) runner = lc_runner_new (profile);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { loop, NULL, NULL };
  gint64 started;

  g_timeout_add (30, cancel_soon, cancellable);
  started = g_get_monotonic_time ();
  lc_runner_run_async (runner, cancellable, on_run_done, &wait);
  g_main_loop_run (loop);

  g_assert_null (wait.report);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
  g_clear_error (&wait.error);

  /* The runner is usable again after a cancelled run. */
  {
    const char *steps[] = { "context", NULL };
    g_autoptr(LcReport) report = NULL;

    lc_runner_set_steps (runner, steps, NULL);
    lc_runner_run_async (runner, NULL, on_run_done, &wait);
    g_main_loop_run (loop);
    g_assert_no_error (wait.error);
    report = wait.report;
    g_assert_cmpint (lc_report_get_verdict (report), ==, LC_STATUS_PASS);
  }
}

static void
test_report_json_follows_the_contract (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "json.json", NULL, NULL);
  g_autoptr(LcReport) report = run_profile (profile, network_steps, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = lc_report_to_data (report, NULL);
  const LcService *ice = lc_profile_lookup_service (profile, "ice");
  JsonObject *root;
  JsonObject *check;
  JsonArray *checks;

  g_assert_true (json_parser_load_from_data (parser, data, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "tool"), ==, "linecheck " PACKAGE_VERSION);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       json_object_get_string_member (root, "started"), 0, 0));
  g_assert_cmpstr (json_object_get_string_member (root, "verdict"), ==, "pass");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "profile"),
                                                  "id"), ==, "lab");
  g_assert_true (json_object_has_member (root, "rules_to_open"));
  g_assert_true (json_object_has_member (root, "media"));

  checks = json_object_get_array_member (root, "checks");
  g_assert_cmpuint (json_array_get_length (checks), >, 10);
  check = json_array_get_object_element (checks, 0);
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);

      if (g_str_equal (json_object_get_string_member (c, "id"), "rtc-tcp-8989"))
        check = c;
    }
  g_assert_cmpstr (json_object_get_string_member (check, "step"), ==, "firewall");
  g_assert_cmpstr (json_object_get_string_member (check, "service"), ==, "rtc");
  g_assert_cmpstr (json_object_get_string_member (check, "check"), ==, "websocket");
  g_assert_cmpstr (json_object_get_string_member (check, "protocol"), ==, "tcp");
  g_assert_cmpint (json_object_get_int_member (check, "port"), ==, 8989);
  g_assert_cmpstr (json_object_get_string_member (check, "status"), ==, "pass");
  g_assert_true (json_object_get_null_member (check, "cause"));
  g_assert_cmpfloat (json_object_get_double_member (check, "duration_ms"), >, 0);

  /* No secret, ever. */
  g_assert_nonnull (ice->credential);
  g_assert_null (strstr (data, ice->credential));
}

static void
keep_only_the_relay_call (JsonObject *root,
                          gpointer    data)
{
  JsonArray *media = json_object_get_array_member (root, "media");

  for (guint i = json_array_get_length (media); i-- > 0;)
    if (!g_str_equal (json_object_get_string_member (json_array_get_object_element (media, i),
                                                     "id"), "relay"))
      json_array_remove_element (media, i);
}

/* webrtcbin and libnice log the whole TURN URL, password included, at debug level: what they
 * log must show it masked. */
static void
test_debug_logs_do_not_show_the_turn_password (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "relay-only.json",
                                                           keep_only_the_relay_call, NULL);
  g_autofree char *path = g_build_filename (lab->dir, "relay-only.json", NULL);
  const LcService *ice = lc_profile_lookup_service (profile, "ice");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;

  g_assert_nonnull (ice->credential);
  g_subprocess_launcher_setenv (launcher, "GST_DEBUG", "webrtcbin:6,webrtcnice:6,webrtcice:6",
                                TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "NICE_DEBUG", "all", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LC_BINARY"), "--cli",
                                         "--profile", path, "--only", "media", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  log = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  /* The log did show the TURN server being added, masked. */
  assert_contains (log, "Adding turn server");
  assert_contains (log, ":********@");
  g_assert_null (g_strstr_len (g_bytes_get_data (err, NULL), g_bytes_get_size (err),
                               ice->credential));
  g_assert_null (g_strstr_len (g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                               ice->credential));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  lab = lab_fixture_start ();

  g_test_add_func ("/lab/checks/every-check-kind-passes-against-the-lab",
                   test_every_check_kind_passes_against_the_lab);
  g_test_add_func ("/lab/checks/edges-are-ranked-and-the-nearest-chosen",
                   test_edges_are_ranked_and_the_nearest_chosen);
  g_test_add_func ("/lab/checks/closed-port-is-refused-quickly",
                   test_closed_port_is_refused_quickly);
  g_test_add_func ("/lab/checks/dropped-ports-time-out-with-the-rule-to-open",
                   test_dropped_ports_time_out_with_the_rule_to_open);
  g_test_add_func ("/lab/checks/wrong-turn-password-says-auth",
                   test_wrong_turn_password_says_auth);
  g_test_add_func ("/lab/checks/private-certificate-without-its-ca-says-tls",
                   test_private_certificate_without_its_ca_says_tls);
  g_test_add_func ("/lab/checks/wrong-websocket-subprotocol-says-protocol",
                   test_wrong_websocket_subprotocol_says_protocol);
  g_test_add_func ("/lab/checks/unresolvable-name-says-dns", test_unresolvable_name_says_dns);
  g_test_add_func ("/lab/checks/unusable-ca-file-stops-the-run-with-words",
                   test_unusable_ca_file_stops_the_run_with_words);
  g_test_add_func ("/lab/checks/media-step-judges-the-call-in-the-report",
                   test_media_step_judges_the_call_in_the_report);
  g_test_add_func ("/lab/checks/cancel-stops-everything-at-once",
                   test_cancel_stops_everything_at_once);
  g_test_add_func ("/lab/checks/debug-logs-do-not-show-the-turn-password",
                   test_debug_logs_do_not_show_the_turn_password);
  g_test_add_func ("/lab/checks/report-json-follows-the-contract",
                   test_report_json_follows_the_contract);

  status = g_test_run ();
  lab_fixture_stop (lab);
  return status;
}
