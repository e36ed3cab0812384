/* lc-words.c — the sentences about a result: one place, so that the CLI, the window and the PDF
 * say the same thing
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-json-reader.h"
#include "lc-quality.h"
#include "lc-words.h"

/**
 * lc_words_verdict:
 *
 * Returns: the verdict in one sentence, as the CLI prints it and the window shows it
 */
const char *
lc_words_verdict (LcStatus verdict)
{
  switch (verdict)
    {
    case LC_STATUS_PASS:
      return _("PASS: every requirement is met");
    case LC_STATUS_WARN:
      return _("PASS WITH WARNINGS: the requirements are met, some recommendations are not");
    case LC_STATUS_FAIL:
    case LC_STATUS_SKIP:
    default:
      return _("FAIL: some requirements are not met");
    }
}

/**
 * lc_words_verdict_title:
 *
 * Returns: what the verdict means for a person about to take calls, as a heading
 */
/**
 * lc_words_verdict_short:
 *
 * Returns: a run's verdict in a word or two, for a list of past runs: "Passed", "Failed"
 */
const char *
lc_words_verdict_short (LcStatus verdict)
{
  switch (verdict)
    {
    case LC_STATUS_PASS:
      return C_("run verdict", "Passed");
    case LC_STATUS_WARN:
      return C_("run verdict", "Passed with warnings");
    case LC_STATUS_FAIL:
    case LC_STATUS_SKIP:
    default:
      return C_("run verdict", "Failed");
    }
}

const char *
lc_words_verdict_title (LcStatus verdict)
{
  switch (verdict)
    {
    case LC_STATUS_PASS:
      return _("This Network Can Carry Calls");
    case LC_STATUS_WARN:
      return _("Calls Work, With Warnings");
    case LC_STATUS_FAIL:
    case LC_STATUS_SKIP:
    default:
      return _("Calls Will Not Work Well From Here");
    }
}

/**
 * lc_words_status_tag:
 *
 * Returns: the short status of a table column: "pass", "warn", "FAIL", "skip"
 */
const char *
lc_words_status_tag (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return _("pass");
    case LC_STATUS_WARN: return _("warn");
    case LC_STATUS_FAIL: return _("FAIL");
    case LC_STATUS_SKIP: return _("skip");
    default: return "?";
    }
}

const char *
lc_words_media_status_tag (LcMediaStatus status)
{
  switch (status)
    {
    case LC_MEDIA_STATUS_PASS: return _("pass");
    case LC_MEDIA_STATUS_WARN: return _("warn");
    case LC_MEDIA_STATUS_FAIL: return _("FAIL");
    case LC_MEDIA_STATUS_SKIP: return _("skip");
    case LC_MEDIA_STATUS_INTERRUPTED: return _("CUT");
    default: return "?";
    }
}

static gboolean
is_edge (LcCheckResult *result)
{
  return g_strcmp0 (lc_check_result_get_check (result), "edge") == 0;
}

static gboolean
is_dns (LcCheckResult *result)
{
  return g_strcmp0 (lc_check_result_get_check (result), "dns") == 0;
}

static gboolean
edge_is_chosen (LcCheckResult *result)
{
  gboolean chosen = FALSE;

  lc_json_read_boolean (lc_check_result_get_evidence (result), "chosen", LC_JSON_OPTIONAL,
                        &chosen, NULL);
  return chosen;
}

/**
 * lc_words_check_status:
 *
 * Returns: a check's status in one or two words, by what its evidence shows: an open port
 *   that stays silent is "Open, Silent", never "Blocked"
 */
const char *
lc_words_check_status (LcCheckResult *result)
{
  LcStatus status;

  g_return_val_if_fail (LC_IS_CHECK_RESULT (result), NULL);

  status = lc_check_result_get_status (result);
  if (!lc_check_result_is_finished (result))
    return C_("check status", "Waiting");

  if (is_edge (result))
    {
      /* An edge one of whose measures failed is not called reachable. */
      if (edge_is_chosen (result) && status != LC_STATUS_FAIL)
        return C_("edge status", "Chosen");
      if (status == LC_STATUS_PASS)
        return C_("edge status", "Reachable");
      if (status == LC_STATUS_WARN)
        return C_("edge status", "Partly Reachable");
      return C_("edge status", "Unreachable");
    }

  if (status == LC_STATUS_PASS)
    return is_dns (result) ? C_("check status", "Resolved") : C_("check status", "Open");

  if (status == LC_STATUS_SKIP)
    return C_("check status", "Not Tested");

  switch (lc_check_result_get_cause (result))
    {
    case LC_CAUSE_REFUSED: return C_("check status", "Refused");
    case LC_CAUSE_TIMEOUT: return C_("check status", "Blocked");
    case LC_CAUSE_UNREACHABLE: return C_("check status", "No Route");
    case LC_CAUSE_SILENT: return C_("check status", "Open, Silent");
    case LC_CAUSE_NOT_TLS: return C_("check status", "Open, Not TLS");
    case LC_CAUSE_PROTOCOL: return C_("check status", "Open, Other Service");
    case LC_CAUSE_TLS: return C_("check status", "TLS Problem");
    case LC_CAUSE_AUTH: return C_("check status", "Wrong Credentials");
    case LC_CAUSE_DNS: return C_("check status", "Unknown Name");
    case LC_CAUSE_NOT_TESTABLE: return C_("check status", "Not Tested");
    case LC_CAUSE_NETWORK:
    case LC_CAUSE_NONE:
    default:
      return C_("check status", "Problem");
    }
}

/**
 * lc_words_media_status:
 *
 * Returns: a call's status in a word or two
 */
const char *
lc_words_media_status (LcMediaResult *result)
{
  g_return_val_if_fail (LC_IS_MEDIA_RESULT (result), NULL);

  switch (lc_media_result_get_status (result))
    {
    case LC_MEDIA_STATUS_PASS: return C_("call status", "Passed");
    case LC_MEDIA_STATUS_WARN: return C_("call status", "Passed with warnings");
    case LC_MEDIA_STATUS_FAIL: return C_("call status", "Failed");
    case LC_MEDIA_STATUS_SKIP: return C_("call status", "Not Placed");
    case LC_MEDIA_STATUS_INTERRUPTED: return C_("call status", "Cut Off");
    default: return "?";
    }
}

/* "TCP 8089": the rule as a firewall says it. */
static char *
describe_rule (LcCheckResult *result)
{
  const char *protocol = lc_check_result_get_protocol (result);
  const char *ports = lc_check_result_get_ports (result);
  g_autofree char *upper = g_ascii_strup (protocol ? protocol : "", -1);

  return g_strdup_printf ("%s %s", upper, ports ? ports : "");
}

/**
 * lc_words_check_headline:
 * @profile: (nullable): names the service
 *
 * Plain words first, for the person in front of the screen: "Voice server blocked: ask IT to
 * open TCP 8089". The detail and the evidence say the rest.
 *
 * Returns: (transfer full): the headline of a check's row
 */
char *
lc_words_check_headline (LcCheckResult *result,
                         LcProfile     *profile)
{
  const LcService *service = NULL;
  const char *name;
  const char *host;
  g_autofree char *rule = NULL;

  g_return_val_if_fail (LC_IS_CHECK_RESULT (result), NULL);

  host = lc_check_result_get_host (result);
  if (is_dns (result))
    {
      if (!lc_check_result_is_finished (result))
        return g_strdup_printf (_("%s: looking up the name"), host);
      if (lc_check_result_get_status (result) == LC_STATUS_PASS)
        return g_strdup_printf (_("%s resolves"), host);
      return g_strdup_printf (_("%s does not resolve"), host);
    }

  if (profile != NULL && lc_check_result_get_service (result) != NULL)
    service = lc_profile_lookup_service (profile, lc_check_result_get_service (result));
  name = service && service->name ? service->name
       : lc_check_result_get_service (result) ? lc_check_result_get_service (result)
       : host;
  rule = describe_rule (result);

  if (!lc_check_result_is_finished (result))
    /* Translators: a rule being tested, e.g. "Voice server: testing TCP 8089" */
    return g_strdup_printf (_("%s: testing %s"), name, rule);

  switch (lc_check_result_get_status (result))
    {
    case LC_STATUS_PASS:
      /* Translators: e.g. "Voice server: TCP 8089 is open" */
      return g_strdup_printf (_("%s: %s is open"), name, rule);
    case LC_STATUS_SKIP:
      return g_strdup_printf (_("%s: %s was not tested"), name, rule);
    case LC_STATUS_WARN:
    case LC_STATUS_FAIL:
    default:
      break;
    }

  switch (lc_check_result_get_cause (result))
    {
    case LC_CAUSE_TIMEOUT:
    case LC_CAUSE_UNREACHABLE:
      /* Translators: e.g. "Voice server blocked: ask IT to open TCP 8089" */
      return g_strdup_printf (_("%s blocked: ask IT to open %s"), name, rule);
    case LC_CAUSE_REFUSED:
      return g_strdup_printf (_("%s refused on %s: ask IT to open it"), name, rule);
    case LC_CAUSE_SILENT:
      return g_strdup_printf (_("%s: %s is open, but the service does not answer"), name, rule);
    case LC_CAUSE_NOT_TLS:
      return g_strdup_printf (_("%s: %s is open, but what answers is not TLS"), name, rule);
    case LC_CAUSE_PROTOCOL:
      return g_strdup_printf (_("%s: %s answers, but not as the expected service"), name, rule);
    case LC_CAUSE_TLS:
      return g_strdup_printf (_("%s: %s connects, but TLS fails"), name, rule);
    case LC_CAUSE_AUTH:
      return g_strdup_printf (_("%s: the username or password is refused"), name);
    case LC_CAUSE_DNS:
      return g_strdup_printf (_("%s: the name %s does not resolve"), name, host);
    case LC_CAUSE_NOT_TESTABLE:
      return g_strdup_printf (_("%s: %s could not be tested"), name, rule);
    case LC_CAUSE_NETWORK:
    case LC_CAUSE_NONE:
    default:
      return g_strdup_printf (_("%s: %s has a problem"), name, rule);
    }
}

/**
 * lc_words_rule_to_open:
 *
 * Returns: (transfer full): "TCP 8989 to rtc.example.net"
 */
char *
lc_words_rule_to_open (const LcRuleToOpen *rule)
{
  g_autofree char *protocol = NULL;

  g_return_val_if_fail (rule != NULL, NULL);

  protocol = g_ascii_strup (rule->protocol ? rule->protocol : "", -1);
  /* Translators: a rule to open, e.g. "TCP 8989 to rtc.example.net" */
  return g_strdup_printf (_("%s %s to %s"), protocol, rule->ports, rule->host);
}

/**
 * lc_words_rules_to_open_text:
 *
 * Returns: (transfer full): every rule to open, a line each, to paste into a message to IT;
 *   an empty string when there is none
 */
char *
lc_words_rules_to_open_text (LcReport *report)
{
  g_autoptr(GPtrArray) rules = NULL;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (LC_IS_REPORT (report), NULL);

  rules = lc_report_dup_rules_to_open (report);
  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);
      g_autofree char *line = lc_words_rule_to_open (rule);

      g_string_append_printf (text, "%s (%s%s%s)\n", line, rule->service_name,
                              rule->description ? ": " : "",
                              rule->description ? rule->description : "");
    }
  return g_string_free (text, FALSE);
}

/**
 * lc_words_mos:
 *
 * Returns: (transfer full): "4.4 — excellent", or "not measured"
 */
char *
lc_words_mos (double mos)
{
  LcQualityGrade grade = lc_quality_grade (mos);
  g_autofree char *label = g_utf8_strdown (lc_quality_grade_get_label (grade), -1);

  if (!isfinite (mos))
    return g_steal_pointer (&label);
  /* Translators: a call's mean opinion score and what it means, e.g. "4.4 — excellent" */
  return g_strdup_printf (_("%.1f — %s"), mos, label);
}

/**
 * lc_words_figure:
 *
 * Returns: (transfer full): "48.7 kbps", or a dash when the figure was not measured (never 0)
 */
char *
lc_words_figure (double      value,
                 const char *unit)
{
  return isfinite (value) ? g_strdup_printf ("%.1f %s", value, unit) : g_strdup ("–");
}

/**
 * lc_words_call_title:
 *
 * Returns: (transfer full): what a test call is, e.g. "Audio and video echo call (Opus + VP8)"
 */
char *
lc_words_call_title (const LcMediaEntry *entry)
{
  gboolean video;

  g_return_val_if_fail (entry != NULL, NULL);

  video = entry->codecs != NULL && g_strv_contains ((const char * const *)entry->codecs, "vp8");
  if (entry->via == LC_MEDIA_VIA_ECHO)
    {
      if (entry->relay)
        return g_strdup (video ? _("Audio and video echo call through TURN (Opus + VP8)")
                               : _("Audio echo call through TURN (Opus)"));
      return g_strdup (video ? _("Audio and video echo call (Opus + VP8)")
                             : _("Audio echo call (Opus)"));
    }

  return g_strdup_printf (_("Call relayed by TURN over %s"),
                          entry->transport == LC_TRANSPORT_UDP ? "UDP"
                          : entry->transport == LC_TRANSPORT_TCP ? "TCP" : "TLS");
}

void
lc_words_line_free (LcWordsLine *line)
{
  if (line == NULL)
    return;
  g_free (line->label);
  g_free (line->value);
  g_free (line);
}

/* The evidence members a person cares about, in the order they read best; what is not here
 * is shown with its name as it is. */
static const struct
{
  const char *member;
  const char *label;
  const char *unit;
} evidence_words[] = {
  { "address", N_("Address"), NULL },
  { "addresses", N_("Addresses"), NULL },
  { "connect_ms", N_("Connected in"), "ms" },
  { "resolve_ms", N_("Resolved in"), "ms" },
  { "response_ms", N_("Answered in"), "ms" },
  { "handshake_ms", N_("WebSocket opened in"), "ms" },
  { "rtt_ms", N_("Round trip"), "ms" },
  { "stun_rtt_ms", N_("STUN round trip"), "ms" },
  { "score_ms", N_("Score (½ round trip + ½ connect)"), "ms" },
  { "http_status", N_("HTTP status"), NULL },
  { "redirect", N_("Redirects to"), NULL },
  { "forwards_to_https", N_("Forwards to HTTPS"), NULL },
  { "server", N_("Server"), NULL },
  { "server_version", N_("Server version"), NULL },
  { "sip_status", N_("SIP status"), NULL },
  { "transport", N_("Transport"), NULL },
  { "mapped_address", N_("This computer, as the server sees it"), NULL },
  { "relayed_address", N_("Relay address"), NULL },
  { "stun_error", N_("STUN error"), NULL },
  { "tls_cipher", N_("TLS cipher"), NULL },
  { "version", N_("TLS version"), NULL },
  { "cipher", N_("TLS cipher"), NULL },
  { "subject", N_("Certificate for"), NULL },
  { "issuer", N_("Certificate issued by"), NULL },
  { "not_before", N_("Certificate valid from"), NULL },
  { "not_after", N_("Certificate valid until"), NULL },
  { "ipv4", N_("IPv4 address"), NULL },
  { "ipv6", N_("IPv6 address"), NULL },
  { "reflector", N_("Probed against"), NULL },
  { "reflector_address", N_("Probe server address"), NULL },
  { "swept_ports", N_("Ports swept"), NULL },
  { "open_ports", N_("Ports open"), NULL },
  { "blocked_ports", N_("Ports blocked"), NULL },
  { "sweep_ms", N_("Swept in"), "ms" },
  { "loss_percent", N_("Probe loss seen"), "%" },
  { "tries", N_("Tries per port"), NULL },
  { "probes_sent", N_("Probes sent"), NULL },
};

/* Members that other words already say, or that say nothing to a person. */
static const char * const evidence_unshown[] = {
  "chosen", "edge", "name", "cut_short", "first_port", "last_port", "open", "blocked", NULL
};

static char *
format_value (JsonNode   *node,
              const char *unit)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("not measured"));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
        {
          g_autofree char *item = format_value (json_array_get_element (array, i), NULL);

          if (item == NULL)
            continue;
          g_string_append_printf (text, "%s%s", text->len ? ", " : "", item);
        }
      return g_string_free (text, FALSE);
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    case G_TYPE_INT64:
      return unit ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", json_node_get_int (node), unit)
                  : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        double value = json_node_get_double (node);
        return unit ? g_strdup_printf ("%.*f %s", value < 10 ? 1 : 0, value, unit)
                    : g_strdup_printf ("%g", value);
      }
    default:
      return NULL;
    }
}

static void
add_lines (GPtrArray  *lines,
           JsonObject *evidence)
{
  g_autoptr(GList) members = json_object_get_members (evidence);

  /* Known members first, in the table's order; then nested objects (a certificate). */
  for (gsize i = 0; i < G_N_ELEMENTS (evidence_words); i++)
    {
      JsonNode *node = json_object_get_member (evidence, evidence_words[i].member);
      LcWordsLine *line;
      char *value;

      if (node == NULL || JSON_NODE_HOLDS_OBJECT (node))
        continue;
      value = format_value (node, evidence_words[i].unit);
      if (value == NULL || *value == '\0')
        {
          g_free (value);
          continue;
        }
      line = g_new0 (LcWordsLine, 1);
      line->label = g_strdup (_(evidence_words[i].label));
      line->value = value;
      g_ptr_array_add (lines, line);
    }

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *node = json_object_get_member (evidence, member);
      gboolean known = g_strv_contains (evidence_unshown, member);

      for (gsize i = 0; i < G_N_ELEMENTS (evidence_words) && !known; i++)
        known = g_str_equal (evidence_words[i].member, member);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_lines (lines, json_node_get_object (node));
      else if (!known)
        {
          char *value = format_value (node, g_str_has_suffix (member, "_ms") ? "ms" : NULL);
          LcWordsLine *line;

          if (value == NULL)
            continue;
          line = g_new0 (LcWordsLine, 1);
          line->label = g_strdelimit (g_strdup (member), "_", ' ');
          line->value = value;
          g_ptr_array_add (lines, line);
        }
    }
}

/**
 * lc_words_evidence:
 *
 * Returns: (transfer full) (element-type LcWordsLine): what a check saw, line by line, for
 *   the engineer who reads on (addresses, times, certificate, relay address)
 */
GPtrArray *
lc_words_evidence (JsonObject *evidence)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_words_line_free);

  if (evidence != NULL)
    add_lines (lines, evidence);
  return lines;
}
