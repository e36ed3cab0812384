/* test-advice.c — each rule of the advice table, on the findings it is for, and only on them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "lc-advice.h"
#include "lc-media-result.h"
#include "lc-quality.h"
#include "lc-report.h"

static const char profile_json[] =
  "{\"format\": 1, \"id\": \"advice-test\", \"name\": \"Advice test\",\n"
  " \"services\": {\"rtc\": {\"name\": \"Video gateway\", \"host\": \"rtc.example.net\"},\n"
  "              \"acd\": {\"name\": \"Voice server\", \"host\": \"acd.example.net\"},\n"
  "              \"ice\": {\"name\": \"STUN/TURN servers\", \"host\": \"turn.example.net\","
  "                        \"username\": \"u\", \"credential\": \"p\"}},\n"
  " \"rules\": [\n"
  "   {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"https\"},\n"
  "   {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 8989, \"check\": \"websocket\"},\n"
  "   {\"service\": \"acd\", \"protocol\": \"tcp\", \"port\": 8089, \"check\": \"sip-ws\"},\n"
  "   {\"service\": \"ice\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"turn\","
  "    \"tls\": true},\n"
  "   {\"service\": \"ice\", \"protocol\": \"udp\", \"port\": 3478, \"check\": \"turn\"}],\n"
  " \"media\": [\n"
  "   {\"id\": \"audio\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"opus\"],"
  "    \"seconds\": 20},\n"
  "   {\"id\": \"relay\", \"via\": \"turn\", \"codecs\": [\"opus\"], \"transport\": \"udp\","
  "    \"seconds\": 20}],\n"
  " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
  "                \"audio_kbps\": 40, \"video_kbps\": 80}}";

typedef struct
{
  LcProfile *profile;
  LcReport  *report;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (profile_json, strlen (profile_json));
  g_autoptr(GError) error = NULL;

  fixture->profile = lc_profile_new_from_bytes (bytes, "advice-test.json", &error);
  g_assert_no_error (error);
  fixture->report = lc_report_new (fixture->profile);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->report);
  g_clear_object (&fixture->profile);
}

static void
add_rule (Fixture    *fixture,
          guint       index,
          LcStatus    status,
          LcCause     cause,
          const char *detail)
{
  g_autoptr(LcCheckResult) result =
    lc_check_result_new_for_rule (fixture->profile, lc_profile_get_rule (fixture->profile, index));

  if (status == LC_STATUS_PASS)
    lc_check_result_pass (result, detail);
  else if (status == LC_STATUS_FAIL)
    lc_check_result_fail (result, cause, detail);
  else
    lc_check_result_warn (result, cause, detail);
  lc_report_add_check (fixture->report, result);
}

static void
add_all_rules_passing (Fixture *fixture)
{
  for (guint i = 0; i < lc_profile_get_n_rules (fixture->profile); i++)
    add_rule (fixture, i, LC_STATUS_PASS, LC_CAUSE_NONE, "open");
}

/* A call that ran its seconds with these per-second figures, judged as the runner judges it. */
static LcMediaResult *
add_call (Fixture    *fixture,
          guint       index,
          guint       seconds,
          double    (*figure) (guint second, LcQualityFigure which),
          const char *pair_type)
{
  const LcMediaEntry *entry = lc_profile_get_media (fixture->profile, index);
  LcMediaResult *result = lc_media_result_new (entry);
  g_autofree LcQualitySample *samples = g_new0 (LcQualitySample, seconds);
  g_autoptr(LcQuality) quality = NULL;
  g_autoptr(LcMediaSample) summary = lc_media_sample_new (seconds, NULL, FALSE);
  JsonObject *evidence = lc_media_result_get_evidence (result);

  for (guint s = 0; s < seconds; s++)
    {
      g_autoptr(LcMediaSample) sample = lc_media_sample_new (s, NULL, FALSE);

      samples[s].t = s;
      samples[s].rtt_ms = sample->rtt_ms = figure (s, LC_QUALITY_FIGURE_RTT);
      samples[s].jitter_ms = sample->jitter_ms = figure (s, LC_QUALITY_FIGURE_JITTER);
      samples[s].loss_percent = sample->loss_percent = figure (s, LC_QUALITY_FIGURE_LOSS);
      samples[s].send_kbps = sample->send_kbps = figure (s, LC_QUALITY_FIGURE_SEND);
      samples[s].recv_kbps = sample->recv_kbps = figure (s, LC_QUALITY_FIGURE_RECV);
      lc_media_result_add_sample (result, sample);
    }
  quality = lc_quality_judge_call (samples, seconds, lc_profile_get_thresholds (fixture->profile),
                                   FALSE, NAN);
  lc_media_result_set_summary (result, summary, seconds);
  lc_media_result_set_mos (result, lc_quality_get_summary (quality)->mos);
  json_object_set_member (evidence, "quality", lc_quality_to_json (quality));
  if (pair_type != NULL)
    {
      JsonObject *pair = json_object_new ();
      JsonObject *local = json_object_new ();
      JsonObject *remote = json_object_new ();

      json_object_set_string_member (local, "type", pair_type);
      json_object_set_string_member (remote, "type", "host");
      json_object_set_object_member (pair, "local", local);
      json_object_set_object_member (pair, "remote", remote);
      json_object_set_object_member (evidence, "selected_pair", pair);
    }

  switch (lc_quality_get_status (quality))
    {
    case LC_STATUS_FAIL:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_FAIL, LC_CAUSE_NETWORK,
                                  lc_quality_get_detail (quality));
      break;
    case LC_STATUS_WARN:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_WARN, LC_CAUSE_NETWORK,
                                  lc_quality_get_detail (quality));
      break;
    default:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE, NULL);
      break;
    }
  lc_report_add_media (fixture->report, result);
  g_object_unref (result);
  return result;
}

static double
clean (guint           second,
       LcQualityFigure which)
{
  switch (which)
    {
    case LC_QUALITY_FIGURE_RTT: return 40;
    case LC_QUALITY_FIGURE_JITTER: return 3;
    case LC_QUALITY_FIGURE_LOSS: return 0;
    default: return 48;
    }
}

static GPtrArray *
advice_of (Fixture *fixture)
{
  GPtrArray *advice = lc_advice_for_report (fixture->report);

  for (guint i = 0; i < advice->len; i++)
    {
      LcAdvice *a = g_ptr_array_index (advice, i);

      g_test_message ("%s [%s] %s — %s — %s", a->id,
                      a->severity == LC_STATUS_FAIL ? "fail" : "warn", a->title, a->why,
                      a->action ? a->action : "(no action)");
      g_assert_true (g_utf8_validate (a->title, -1, NULL));
      g_assert_cmpstr (a->title, !=, "");
      g_assert_cmpstr (a->why, !=, "");
      g_assert_null (strstr (a->why, "$s"));
      g_assert_null (strstr (a->title, "$s"));
    }
  return advice;
}

static const LcAdvice *
find (GPtrArray  *advice,
      const char *rule)
{
  for (guint i = 0; i < advice->len; i++)
    {
      const LcAdvice *a = g_ptr_array_index (advice, i);

      if (g_str_equal (a->rule, rule))
        return a;
    }
  return NULL;
}

static const LcAdvice *
get (GPtrArray  *advice,
     const char *rule)
{
  const LcAdvice *a = find (advice, rule);

  if (a == NULL)
    g_error ("no advice of rule %s", rule);
  return a;
}

static guint
count (GPtrArray  *advice,
       const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < advice->len; i++)
    n += g_str_equal (((LcAdvice *)g_ptr_array_index (advice, i))->rule, rule);
  return n;
}

static void
test_a_clean_run_gets_no_advice (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;

  add_all_rules_passing (fixture);
  add_call (fixture, 0, 20, clean, "host");
  add_call (fixture, 1, 20, clean, "relay");
  advice = advice_of (fixture);
  g_assert_cmpuint (advice->len, ==, 0);
}

static void
test_a_blocked_rule_says_which_rule_to_open (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  const LcAdvice *a;

  add_rule (fixture, 0, LC_STATUS_PASS, LC_CAUSE_NONE, "open");
  add_rule (fixture, 1, LC_STATUS_PASS, LC_CAUSE_NONE, "open");
  add_rule (fixture, 2, LC_STATUS_FAIL, LC_CAUSE_TIMEOUT, "no answer in 5 s");
  add_rule (fixture, 3, LC_STATUS_FAIL, LC_CAUSE_REFUSED, "refused");
  advice = advice_of (fixture);

  g_assert_cmpuint (count (advice, "open-rule"), ==, 2);
  a = g_ptr_array_index (advice, 0);
  g_assert_cmpstr (a->rule, ==, "open-rule");
  g_assert_cmpint (a->severity, ==, LC_STATUS_FAIL);
  g_assert_cmpstr (a->title, ==, "Ask IT to open TCP 8089 to acd.example.net");
  g_assert_cmpstr (a->action, ==, "Allow TCP 8089 to acd.example.net");
  g_assert_nonnull (strstr (a->why, "Voice server"));
  g_assert_nonnull (strstr (a->why, "no answer"));
  g_assert_cmpstr (a->subject, ==, lc_check_result_get_id (
                     g_ptr_array_index (lc_report_get_checks (fixture->report), 2)));

  a = g_ptr_array_index (advice, 1);
  g_assert_cmpstr (a->title, ==, "Ask IT to open TCP 443 to turn.example.net");
  g_assert_nonnull (strstr (a->why, "refused"));
}

static void
test_an_open_port_that_does_not_answer_is_not_to_be_opened (Fixture       *fixture,
                                                            gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  const LcAdvice *a;

  add_rule (fixture, 0, LC_STATUS_PASS, LC_CAUSE_NONE, "open");
  add_rule (fixture, 1, LC_STATUS_FAIL, LC_CAUSE_SILENT,
            "The WebSocket opens, but the gateway does not answer");
  add_rule (fixture, 2, LC_STATUS_FAIL, LC_CAUSE_NOT_TLS, "not a TLS server");
  advice = advice_of (fixture);

  g_assert_null (find (advice, "open-rule"));
  g_assert_cmpuint (count (advice, "service-not-answering"), ==, 2);
  a = get (advice, "service-not-answering");
  g_assert_nonnull (strstr (a->title, "TCP 8989 is open"));
  g_assert_nonnull (strstr (a->why, "nothing needs opening"));
  g_assert_nonnull (strstr (a->why, "does not answer"));
  g_assert_null (strstr (a->action, "Allow"));
}

static void
test_tls_dns_and_credentials_each_have_their_fix (Fixture       *fixture,
                                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  g_autoptr(LcCheckResult) dns = lc_check_result_new ("dns-acd", "context", "acd", "dns");
  const LcAdvice *a;

  add_rule (fixture, 0, LC_STATUS_FAIL, LC_CAUSE_TLS, "certificate not trusted");
  add_rule (fixture, 3, LC_STATUS_FAIL, LC_CAUSE_AUTH, "401 Unauthorized");
  lc_check_result_set_host (dns, "acd.example.net");
  lc_check_result_fail (dns, LC_CAUSE_DNS, "no such name");
  lc_report_add_check (fixture->report, dns);
  advice = advice_of (fixture);

  a = get (advice, "tls-fails");
  g_assert_nonnull (strstr (a->title, "Video gateway"));
  g_assert_nonnull (strstr (a->why, "certificate not trusted"));
  g_assert_nonnull (strstr (a->action, "rtc.example.net"));

  a = get (advice, "name-does-not-resolve");
  g_assert_cmpstr (a->title, ==, "acd.example.net does not resolve");
  g_assert_nonnull (strstr (a->action, "DNS"));

  a = get (advice, "credentials-refused");
  g_assert_nonnull (strstr (a->why, "401"));
  g_assert_null (find (advice, "open-rule"));
}

static void
test_a_call_that_could_not_start_says_why (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  g_autoptr(LcMediaResult) call =
    lc_media_result_new (lc_profile_get_media (fixture->profile, 0));
  const LcAdvice *a;

  add_all_rules_passing (fixture);
  lc_media_result_set_status (call, LC_MEDIA_STATUS_FAIL, LC_CAUSE_TIMEOUT,
                              "ICE found no path to the gateway in 10 s");
  lc_media_result_set_fix (call, "Allow UDP 19099–20099 to rtc.example.net");
  lc_report_add_media (fixture->report, call);
  advice = advice_of (fixture);

  a = get (advice, "call-not-placed");
  g_assert_cmpint (a->severity, ==, LC_STATUS_FAIL);
  g_assert_cmpstr (a->title, ==, "Could not place the audio echo call (Opus)");
  g_assert_cmpstr (a->why, ==, "ICE found no path to the gateway in 10 s");
  g_assert_cmpstr (a->action, ==, "Allow UDP 19099–20099 to rtc.example.net");
}

static double
lossy (guint           second,
       LcQualityFigure which)
{
  return which == LC_QUALITY_FIGURE_LOSS ? 4.0 : clean (second, which);
}

static double
loss_burst (guint           second,
            LcQualityFigure which)
{
  /* One window of four loses 5 %: the call as a whole stays at 1.25 %, under 1.5 %. */
  if (which == LC_QUALITY_FIGURE_LOSS)
    return second >= 5 && second < 10 ? 5.0 : 0.0;
  return clean (second, which);
}

static double
jittery (guint           second,
         LcQualityFigure which)
{
  return which == LC_QUALITY_FIGURE_JITTER ? 80 : clean (second, which);
}

static double
jitter_burst (guint           second,
              LcQualityFigure which)
{
  if (which == LC_QUALITY_FIGURE_JITTER)
    return second >= 15 ? 90 : 5;
  return clean (second, which);
}

static double
far (guint           second,
     LcQualityFigure which)
{
  return which == LC_QUALITY_FIGURE_RTT ? 420 : clean (second, which);
}

static double
slow (guint           second,
      LcQualityFigure which)
{
  return which == LC_QUALITY_FIGURE_SEND || which == LC_QUALITY_FIGURE_RECV
           ? 22 : clean (second, which);
}

static void
test_loss_over_the_call_and_in_bursts (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  const LcAdvice *a;

  add_all_rules_passing (fixture);
  add_call (fixture, 0, 20, lossy, "host");
  add_call (fixture, 1, 20, loss_burst, "relay");
  advice = advice_of (fixture);

  a = get (advice, "loss-high");
  g_assert_cmpint (a->severity, ==, LC_STATUS_FAIL);
  g_assert_cmpstr (a->subject, ==, "audio");
  g_assert_nonnull (strstr (a->why, "4.0 %"));
  g_assert_nonnull (strstr (a->why, "1.5 %"));
  g_assert_nonnull (strstr (a->action, "cable"));
  g_assert_cmpuint (count (advice, "loss-high"), ==, 1);

  a = get (advice, "loss-bursts");
  g_assert_cmpint (a->severity, ==, LC_STATUS_WARN);
  g_assert_cmpstr (a->subject, ==, "relay");
  g_assert_nonnull (strstr (a->why, "1 of 4"));
  g_assert_nonnull (strstr (a->why, "5.0 %"));
  /* The call that lost 4 % all along is not also said to lose in bursts. */
  g_assert_cmpuint (count (advice, "loss-bursts"), ==, 1);
  /* What must be done comes first. */
  g_assert_cmpint (((LcAdvice *)g_ptr_array_index (advice, 0))->severity, ==, LC_STATUS_FAIL);
  g_assert_cmpint (((LcAdvice *)g_ptr_array_index (advice, advice->len - 1))->severity, ==,
                   LC_STATUS_WARN);
}

static void
test_jitter_rtt_and_rate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  const LcAdvice *a;

  add_all_rules_passing (fixture);
  add_call (fixture, 0, 20, jittery, "host");
  add_call (fixture, 1, 20, jitter_burst, "relay");
  advice = advice_of (fixture);
  g_assert_nonnull (find (advice, "jitter-high"));
  a = get (advice, "jitter-bursts");
  g_assert_nonnull (strstr (a->why, "90 ms"));
  g_assert_null (find (advice, "loss-high"));
  g_assert_null (find (advice, "rtt-high"));
  g_clear_pointer (&advice, g_ptr_array_unref);

  g_clear_object (&fixture->report);
  fixture->report = lc_report_new (fixture->profile);
  add_all_rules_passing (fixture);
  add_call (fixture, 0, 20, far, "host");
  add_call (fixture, 1, 20, slow, "relay");
  advice = advice_of (fixture);
  a = get (advice, "rtt-high");
  g_assert_nonnull (strstr (a->why, "420 ms"));
  g_assert_nonnull (strstr (a->action, "Low Latency Edge"));
  g_assert_cmpuint (count (advice, "rtt-high"), ==, 1);
  a = get (advice, "rate-low");
  g_assert_nonnull (strstr (a->why, "22 kbps"));
  g_assert_nonnull (strstr (a->why, "40 kbps"));
}

static void
test_media_only_through_the_relay (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  const LcAdvice *a;

  add_all_rules_passing (fixture);
  add_call (fixture, 0, 20, clean, "relay");
  /* The relay call goes through TURN by design: that is no finding. */
  add_call (fixture, 1, 20, clean, "relay");
  advice = advice_of (fixture);
  g_assert_cmpuint (advice->len, ==, 1);
  a = get (advice, "relay-only");
  g_assert_cmpstr (a->subject, ==, "audio");
  g_assert_nonnull (strstr (a->why, "TURN"));
  g_assert_nonnull (strstr (a->action, "UDP"));
}

static void
test_the_report_carries_the_same_list (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *recommendations;

  add_rule (fixture, 0, LC_STATUS_PASS, LC_CAUSE_NONE, "open");
  add_rule (fixture, 1, LC_STATUS_FAIL, LC_CAUSE_TIMEOUT, "no answer");
  add_call (fixture, 0, 20, loss_burst, "host");
  lc_report_finish (fixture->report);
  advice = advice_of (fixture);
  root = lc_report_to_json (fixture->report);
  recommendations = json_object_get_array_member (json_node_get_object (root), "recommendations");

  g_assert_cmpuint (json_array_get_length (recommendations), ==, advice->len);
  g_assert_cmpuint (advice->len, ==, 2);
  for (guint i = 0; i < advice->len; i++)
    {
      LcAdvice *a = g_ptr_array_index (advice, i);
      JsonObject *entry = json_array_get_object_element (recommendations, i);

      g_assert_cmpstr (json_object_get_string_member (entry, "id"), ==, a->id);
      g_assert_cmpstr (json_object_get_string_member (entry, "title"), ==, a->title);
      g_assert_cmpstr (json_object_get_string_member (entry, "why"), ==, a->why);
      g_assert_cmpstr (json_object_get_string_member (entry, "severity"), ==,
                       i == 0 ? "fail" : "warn");
    }
}

static void
test_evidence_of_the_wrong_shape_is_ignored (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GPtrArray) advice = NULL;
  g_autoptr(LcMediaResult) call =
    lc_media_result_new (lc_profile_get_media (fixture->profile, 0));
  JsonObject *evidence = lc_media_result_get_evidence (call);
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* As a stored report could carry it: every member of the wrong type. */
  g_assert_true (json_parser_load_from_data (parser,
    "{\"warnings\": [1, null, {\"figure\": 7, \"value\": \"x\"},"
    " {\"figure\": \"loss_percent\", \"value\": null},"
    " {\"figure\": \"loss_percent\", \"value\": 9, \"start_s\": \"soon\"}],"
    " \"windows\": {\"not\": \"an array\"}}", -1, NULL));
  json_object_set_member (evidence, "quality", json_node_copy (json_parser_get_root (parser)));
  json_object_set_string_member (evidence, "selected_pair", "relay");
  lc_media_result_set_status (call, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE, NULL);
  lc_report_add_media (fixture->report, call);
  advice = advice_of (fixture);
  /* "start_s" is not a number: the warning reads as one over the whole call. */
  g_assert_cmpuint (advice->len, ==, 1);
  g_assert_cmpstr (((LcAdvice *)g_ptr_array_index (advice, 0))->rule, ==, "loss-high");
}

static void
test_every_rule_of_the_table_is_tested (void)
{
  /* The tests above name every rule; a new rule without a test fails here. */
  static const char * const tested[] = {
    "open-rule", "service-not-answering", "tls-fails", "name-does-not-resolve",
    "credentials-refused", "call-not-placed", "loss-high", "loss-bursts", "jitter-high",
    "jitter-bursts", "rtt-high", "rate-low", "relay-only", NULL,
  };
  const char * const *rules = lc_advice_list_rules ();

  g_assert_cmpuint (g_strv_length ((char **)rules), ==, g_strv_length ((char **)tested));
  for (guint i = 0; rules[i] != NULL; i++)
    g_assert_true (g_strv_contains (tested, rules[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/advice/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("a-clean-run-gets-no-advice", test_a_clean_run_gets_no_advice);
  ADD ("a-blocked-rule-says-which-rule-to-open", test_a_blocked_rule_says_which_rule_to_open);
  ADD ("an-open-port-that-does-not-answer-is-not-to-be-opened",
       test_an_open_port_that_does_not_answer_is_not_to_be_opened);
  ADD ("tls-dns-and-credentials-each-have-their-fix",
       test_tls_dns_and_credentials_each_have_their_fix);
  ADD ("a-call-that-could-not-start-says-why", test_a_call_that_could_not_start_says_why);
  ADD ("loss-over-the-call-and-in-bursts", test_loss_over_the_call_and_in_bursts);
  ADD ("jitter-rtt-and-rate", test_jitter_rtt_and_rate);
  ADD ("media-only-through-the-relay", test_media_only_through_the_relay);
  ADD ("the-report-carries-the-same-list", test_the_report_carries_the_same_list);
  ADD ("evidence-of-the-wrong-shape-is-ignored", test_evidence_of_the_wrong_shape_is_ignored);
  g_test_add_func ("/advice/every-rule-of-the-table-is-tested",
                   test_every_rule_of_the_table_is_tested);

  return g_test_run ();
}
