/* report-test-data.c — made-up finished reports for the PDF tests and benchmark: every rule
 * with a result, every call with its seconds of samples, as a run leaves them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "lc-profile-catalog.h"
#include "report-test-data.h"

/* A call's second: about the rate the profile asks for, a loss burst in second 7, no round
 * trip before the first RTCP report. */
static LcMediaSample *
call_sample (guint    second,
             gboolean video)
{
  LcMediaSample *sample = lc_media_sample_new (second + 0.002 * (second % 3), NULL, FALSE);
  double rate = video ? 420.0 : 48.0;

  sample->send_kbps = rate + 2.0 * sin (second * 1.7);
  sample->recv_kbps = rate - 2.5 * cos (second * 1.3);
  sample->rtt_ms = second <= 2 ? NAN : 38.0 + 4.0 * sin (second * 1.7);
  sample->jitter_ms = 2.6 + 0.7 * cos (second * 0.9) + (second == 7 ? 9.0 : 0.0);
  sample->loss_percent = second == 7 ? 2.0 : 0.0;
  return sample;
}

/* @failed_call: the index of a call that could not be placed, or -1. */
static void
add_calls (LcReport  *report,
           LcProfile *profile,
           int        failed_call)
{
  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);
      g_autoptr(LcMediaResult) result = lc_media_result_new (entry);
      gboolean video = entry->codecs && g_strv_contains ((const char * const *)entry->codecs,
                                                         "vp8");
      g_autoptr(LcMediaSample) summary = lc_media_sample_new (entry->seconds, NULL, FALSE);

      lc_media_result_set_codecs (result, (const char * const *)entry->codecs);
      if ((int)i == failed_call)
        {
          /* One call that could not be placed: no samples, its reason said. */
          lc_media_result_set_status (result, LC_MEDIA_STATUS_FAIL, LC_CAUSE_TIMEOUT,
                                      "The TURN server did not answer on UDP 3478 within 5 s");
          lc_report_add_media (report, result);
          continue;
        }

      for (guint s = 1; s <= entry->seconds; s++)
        {
          g_autoptr(LcMediaSample) sample = call_sample (s, video);
          lc_media_result_add_sample (result, sample);
        }
      summary->rtt_ms = 39.5;
      summary->jitter_ms = 3.1;
      summary->loss_percent = 0.2;
      summary->send_kbps = video ? 419.8 : 48.2;
      summary->recv_kbps = video ? 417.1 : 47.6;
      lc_media_result_set_summary (result, summary, entry->seconds);
      lc_media_result_set_mos (result, 4.3);
      lc_media_result_set_status (result, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE, NULL);
      lc_report_add_media (report, result);
    }
}

/* The rule's result: mostly open, some blocked, refused, warned or untested. */
static void
judge_rule (LcCheckResult *result,
            guint          index)
{
  g_autofree char *address = g_strdup_printf ("198.18.%u.%u", index / 200, 10 + index % 200);
  g_autofree char *detail = NULL;
  const char *ports = lc_check_result_get_ports (result);
  g_autofree char *protocol = g_ascii_strup (lc_check_result_get_protocol (result), -1);

  json_object_set_string_member (lc_check_result_get_evidence (result), "address", address);
  lc_check_result_set_duration_ms (result, 12.0 + index % 7);

  if (g_strcmp0 (lc_check_result_get_check (result), "udp-range") == 0 && index % 16 == 6)
    {
      /* A sweep that found a block of 20 ports and one lone port closed. */
      guint first = 0, last = 0;
      JsonArray *open = json_array_new ();
      JsonArray *blocked = json_array_new ();
      JsonArray *span;

      g_assert_true (sscanf (ports, "%u-%u", &first, &last) == 2);
      span = json_array_new ();
      json_array_add_int_element (span, first + 30);
      json_array_add_int_element (span, first + 49);
      json_array_add_array_element (blocked, span);
      span = json_array_new ();
      json_array_add_int_element (span, first + 80);
      json_array_add_int_element (span, first + 80);
      json_array_add_array_element (blocked, span);
      span = json_array_new ();
      json_array_add_int_element (span, first);
      json_array_add_int_element (span, first + 29);
      json_array_add_array_element (open, span);
      span = json_array_new ();
      json_array_add_int_element (span, first + 50);
      json_array_add_int_element (span, first + 79);
      json_array_add_array_element (open, span);
      span = json_array_new ();
      json_array_add_int_element (span, first + 81);
      json_array_add_int_element (span, last);
      json_array_add_array_element (open, span);
      json_object_set_array_member (lc_check_result_get_evidence (result), "open", open);
      json_object_set_array_member (lc_check_result_get_evidence (result), "blocked", blocked);
      detail = g_strdup_printf ("UDP %u-%u to %s: 21 ports blocked", first, last,
                                lc_check_result_get_host (result));
      lc_check_result_fail (result, LC_CAUSE_TIMEOUT, detail);
      return;
    }

  switch (index % 5)
    {
    case 1:
      detail = g_strdup_printf ("%s %s to %s timed out after 3 s — the firewall probably drops "
                                "it", protocol, ports, lc_check_result_get_host (result));
      lc_check_result_fail (result, LC_CAUSE_TIMEOUT, detail);
      lc_check_result_set_duration_ms (result, 3000);
      break;
    case 3:
      if (index % 10 == 3)
        {
          detail = g_strdup_printf ("%s %s to %s was refused", protocol, ports,
                                    lc_check_result_get_host (result));
          lc_check_result_fail (result, LC_CAUSE_REFUSED, detail);
        }
      else
        lc_check_result_warn (result, LC_CAUSE_SILENT,
                              "The port is open, but the service does not answer");
      break;
    default:
      lc_check_result_pass (result, "Connected");
      break;
    }
}

static void
add_rules (LcReport  *report,
           LcProfile *profile)
{
  for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
    {
      g_autoptr(LcCheckResult) result =
        lc_check_result_new_for_rule (profile, lc_profile_get_rule (profile, i));

      judge_rule (result, i);
      lc_report_add_check (report, result);
    }
}

static void
add_edges (LcReport  *report,
           LcProfile *profile)
{
  for (guint i = 0; i < lc_profile_get_n_edges (profile); i++)
    {
      const LcEdge *edge = lc_profile_get_edge (profile, i);
      g_autofree char *id = g_strdup_printf ("edge-%s", edge->id);
      g_autoptr(LcCheckResult) result = lc_check_result_new (id, "edge", NULL, "edge");
      JsonObject *evidence = lc_check_result_get_evidence (result);

      json_object_set_string_member (evidence, "edge", edge->id);
      lc_check_result_set_host (result, g_hash_table_lookup (edge->hosts, "rtc"));
      json_object_set_string_member (evidence, "name", edge->name);
      json_object_set_double_member (evidence, "rtt_ms", 20.0 + 30 * i);
      json_object_set_double_member (evidence, "score_ms", 24.0 + 30 * i);
      json_object_set_boolean_member (evidence, "chosen", i == 0);
      lc_check_result_set_duration_ms (result, 80 + i);
      lc_check_result_pass (result, i == 0 ? "Nearest edge" : "Reachable");
      lc_report_add_check (report, result);
    }
  if (lc_profile_get_n_edges (profile) > 0)
    lc_report_set_chosen_edge (report, lc_profile_get_edge (profile, 0)->id);
}

/**
 * report_test_new_many_rules:
 * @n_rules: how many firewall rules the profile has, each on its own port
 * @long_host: the voice server's host name, as long as a test wants
 *
 * Returns: (transfer full): a finished report of a profile with @n_rules rules, two edges and
 *   three calls, a TURN account with REPORT_TEST_TURN_PASSWORD
 */
LcReport *
report_test_new_many_rules (guint       n_rules,
                            const char *long_host)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;
  LcReport *report;
  static const char * const services[] = { "rtc", "acd", "ice" };

  g_string_append_printf (json,
    "{\"format\": 1, \"id\": \"many-rules\", \"name\": \"Forty rules, one long host\",\n"
    " \"services\": {\n"
    "  \"rtc\": {\"name\": \"Video gateway\", \"host\": \"rtc.example.net\"},\n"
    "  \"acd\": {\"name\": \"Voice server\", \"host\": \"%s\"},\n"
    "  \"ice\": {\"name\": \"STUN/TURN\", \"host\": \"turn.example.net\",\n"
    "           \"username\": \"" REPORT_TEST_TURN_USERNAME "\",\n"
    "           \"credential\": \"" REPORT_TEST_TURN_PASSWORD "\"}},\n"
    " \"rules\": [\n"
    "  {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 8989, \"check\": \"websocket\","
    " \"tls\": true, \"description\": \"WebSocket, video gateway\"},\n"
    "  {\"service\": \"ice\", \"protocol\": \"udp\", \"port\": 3478, \"check\": \"turn\","
    " \"description\": \"STUN/TURN\"},\n"
    "  {\"service\": \"ice\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"turn\","
    " \"tls\": true, \"description\": \"STUN/TURN over TLS\"}%s\n", long_host,
    n_rules > 3 ? "," : "");
  /* The calls' own three rules, then as many more as asked for. */
  for (guint i = 3; i < n_rules; i++)
    {
      const char *service = services[i % 3];
      gboolean udp = i % 4 == 2;

      if (i % 8 == 6)
        g_string_append_printf (json,
          "  {\"service\": \"%s\", \"protocol\": \"udp\", \"port_range\": [%u, %u],"
          " \"check\": \"udp-range\", \"description\": \"RTP media, range %u\"}",
          service, 20000 + i * 100, 20000 + i * 100 + 99, i + 1);
      else
        g_string_append_printf (json,
          "  {\"service\": \"%s\", \"protocol\": \"%s\", \"port\": %u, \"check\": \"%s\","
          " \"description\": \"Rule %u, %s\"%s}",
          service, udp ? "udp" : "tcp", 10001 + i, udp ? "stun" : "tcp", i + 1,
          udp ? "STUN on its own port" : "a TCP port the platform needs",
          i % 9 == 4 ? ", \"level\": \"recommended\"" : "");
      g_string_append (json, i + 1 < n_rules ? ",\n" : "\n");
    }
  g_string_append (json,
    " ],\n"
    " \"media\": [\n"
    "  {\"id\": \"audio\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"opus\"],"
    " \"seconds\": 10},\n"
    "  {\"id\": \"video\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"opus\", \"vp8\"],"
    " \"seconds\": 10},\n"
    "  {\"id\": \"relay-udp\", \"via\": \"turn\", \"codecs\": [\"opus\"], \"transport\": \"udp\","
    " \"seconds\": 8},\n"
    "  {\"id\": \"relay-tls\", \"via\": \"turn\", \"codecs\": [\"opus\"], \"transport\": \"tls\","
    " \"seconds\": 8}],\n"
    " \"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5,\n"
    "                \"audio_kbps\": 40, \"video_kbps\": 80},\n"
    " \"edges\": [{\"id\": \"eu\", \"name\": \"Europe\", \"hosts\": {\"rtc\": \"eu.rtc.example.net\"}},\n"
    "            {\"id\": \"us\", \"name\": \"North America\","
    " \"hosts\": {\"rtc\": \"us.rtc.example.net\"}}]}\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  profile = lc_profile_new_from_bytes (bytes, "many-rules.json", &error);
  g_assert_no_error (error);

  report = lc_report_new (profile);
  add_edges (report, profile);
  add_rules (report, profile);
  add_calls (report, profile, 2);
  lc_report_finish (report);
  return report;
}

/**
 * report_test_new_agent_run:
 *
 * Returns: (transfer full): a finished report of the built-in "CPaaS agent" profile with every
 *   rule tested and every call placed for its seconds: what a full agent run leaves
 */
LcReport *
report_test_new_agent_run (void)
{
  g_autoptr(LcProfileCatalog) catalog = lc_profile_catalog_new ();
  g_autoptr(LcProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  LcReport *report;

  lc_profile_catalog_scan (catalog);
  profile = lc_profile_catalog_load (catalog, "cpaas-agent", &error);
  g_assert_no_error (error);
  g_assert_true (lc_profile_set_host (profile, "rtc", "rtc.example.net", &error));
  g_assert_true (lc_profile_set_host (profile, "acd", "acd.example.net", &error));
  g_assert_true (lc_profile_set_host (profile, "ice", "turn.example.net", &error));
  lc_profile_set_ice_credentials (profile, REPORT_TEST_TURN_USERNAME, REPORT_TEST_TURN_PASSWORD);

  report = lc_report_new (profile);
  add_edges (report, profile);
  add_rules (report, profile);
  add_calls (report, profile, -1);
  lc_report_finish (report);
  return report;
}
