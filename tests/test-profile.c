/* test-profile.c — profiles: the built-ins, and every way a profile can be wrong
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-profile.h"
#include "lc-profile-catalog.h"

#define SERVICES "\"services\": {\"rtc\": {\"host\": \"rtc.example.net\"}, " \
                 "\"ice\": {\"host\": \"turn.example.net\"}}"
#define RULE "{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 443, \"check\": \"https\"}"
#define THRESHOLDS "\"thresholds\": {\"rtt_ms\": 300, \"jitter_ms\": 50, \"loss_percent\": 1.5, " \
                   "\"audio_kbps\": 40, \"video_kbps\": 80}"
#define HEAD "{\"format\": 1, \"id\": \"t\", \"name\": \"T\", "
#define PROFILE_WITH_RULES(rules) HEAD SERVICES ", \"rules\": [" rules "], " THRESHOLDS "}"
#define PROFILE_WITH(extra) HEAD SERVICES ", \"rules\": [" RULE "], " THRESHOLDS ", " extra "}"

static LcProfile *
load_string (const char  *json,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  return lc_profile_new_from_bytes (bytes, "profile.json", error);
}

static LcProfile *
load_builtin (const char *id)
{
  g_autoptr(LcProfileCatalog) catalog = lc_profile_catalog_new ();
  g_autoptr(GError) error = NULL;
  LcProfile *profile;

  lc_profile_catalog_scan (catalog);
  profile = lc_profile_catalog_load (catalog, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
  return profile;
}

static const LcRule *
find_rule (LcProfile   *profile,
           const char  *service,
           LcProtocol   protocol,
           guint        port,
           LcCheckKind  check)
{
  for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
    {
      const LcRule *rule = lc_profile_get_rule (profile, i);
      if (g_str_equal (rule->service, service) && rule->protocol == protocol &&
          rule->port_min == port && rule->check == check)
        return rule;
    }
  return NULL;
}

static void
test_builtin_agent_holds_the_requirements (void)
{
  g_autoptr(LcProfile) profile = load_builtin ("cpaas-agent");
  const LcThresholds *t = lc_profile_get_thresholds (profile);
  const LcRule *rule;

  g_assert_cmpstr (lc_profile_get_name (profile), ==, "CPaaS agent");
  g_assert_cmpuint (lc_profile_get_n_rules (profile), ==, 14);

  /* RTC */
  g_assert_nonnull (find_rule (profile, "rtc", LC_PROTOCOL_TCP, 80, LC_CHECK_KIND_HTTP));
  g_assert_nonnull (find_rule (profile, "rtc", LC_PROTOCOL_TCP, 443, LC_CHECK_KIND_HTTPS));
  rule = find_rule (profile, "rtc", LC_PROTOCOL_TCP, 8989, LC_CHECK_KIND_WEBSOCKET);
  g_assert_nonnull (rule);
  g_assert_true (rule->tls);
  g_assert_cmpstr (rule->subprotocol, ==, "janus-protocol");
  g_assert_cmpint (rule->level, ==, LC_RULE_LEVEL_RECOMMENDED);
  g_assert_nonnull (find_rule (profile, "rtc", LC_PROTOCOL_TCP, 8089, LC_CHECK_KIND_HTTPS));
  rule = find_rule (profile, "rtc", LC_PROTOCOL_UDP, 19099, LC_CHECK_KIND_UDP_RANGE);
  g_assert_nonnull (rule);
  g_assert_cmpuint (rule->port_max, ==, 20099);
  g_assert_true (rule->relay_fallback);
  g_assert_cmpstr (rule->id, ==, "rtc-udp-19099-20099");

  /* ICE: TCP+UDP 80, TCP+UDP 443 (TLS over TCP), the relay range */
  g_assert_nonnull (find_rule (profile, "ice", LC_PROTOCOL_UDP, 80, LC_CHECK_KIND_TURN));
  g_assert_nonnull (find_rule (profile, "ice", LC_PROTOCOL_TCP, 80, LC_CHECK_KIND_TURN));
  g_assert_nonnull (find_rule (profile, "ice", LC_PROTOCOL_UDP, 443, LC_CHECK_KIND_TURN));
  rule = find_rule (profile, "ice", LC_PROTOCOL_TCP, 443, LC_CHECK_KIND_TURN);
  g_assert_nonnull (rule);
  g_assert_true (rule->tls);
  rule = find_rule (profile, "ice", LC_PROTOCOL_UDP, 19099, LC_CHECK_KIND_UDP_RANGE);
  g_assert_nonnull (rule);
  g_assert_cmpuint (rule->port_max, ==, 20099);

  /* ACD */
  g_assert_nonnull (find_rule (profile, "acd", LC_PROTOCOL_TCP, 80, LC_CHECK_KIND_HTTP));
  g_assert_nonnull (find_rule (profile, "acd", LC_PROTOCOL_TCP, 443, LC_CHECK_KIND_HTTPS));
  rule = find_rule (profile, "acd", LC_PROTOCOL_TCP, 8089, LC_CHECK_KIND_SIP_WS);
  g_assert_nonnull (rule);
  g_assert_cmpint (rule->level, ==, LC_RULE_LEVEL_REQUIRED);
  rule = find_rule (profile, "acd", LC_PROTOCOL_UDP, 10000, LC_CHECK_KIND_UDP_RANGE);
  g_assert_nonnull (rule);
  g_assert_cmpuint (rule->port_max, ==, 20000);

  g_assert_cmpfloat (t->rtt_ms, ==, 300);
  g_assert_cmpfloat (t->jitter_ms, ==, 50);
  g_assert_cmpfloat (t->loss_percent, ==, 1.5);
  g_assert_cmpfloat (t->audio_kbps, ==, 40);
  g_assert_cmpfloat (t->video_kbps, ==, 80);
}

static void
test_builtin_user_has_no_voice_server (void)
{
  g_autoptr(LcProfile) profile = load_builtin ("cpaas-user");
  g_autoptr(GPtrArray) missing = lc_profile_dup_missing_hosts (profile);

  g_assert_null (lc_profile_lookup_service (profile, "acd"));
  g_assert_cmpuint (lc_profile_get_n_rules (profile), ==, 10);
  g_assert_nonnull (find_rule (profile, "rtc", LC_PROTOCOL_UDP, 19099, LC_CHECK_KIND_UDP_RANGE));
  g_assert_cmpfloat (lc_profile_get_thresholds (profile)->video_kbps, ==, 80);

  /* The built-ins name no host: the person gives them. */
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (missing, 0), ==, "rtc");
  g_assert_cmpstr (g_ptr_array_index (missing, 1), ==, "ice");
}

static void
test_set_host_accepts_hosts_only (void)
{
  g_autoptr(LcProfile) profile = load_builtin ("cpaas-agent");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missing = NULL;

  g_assert_false (lc_profile_set_host (profile, "rtc", "https://rtc.example.net", &error));
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a host name"));
  g_clear_error (&error);

  g_assert_false (lc_profile_set_host (profile, "nope", "rtc.example.net", &error));
  g_assert_nonnull (strstr (error->message, "no service “nope”"));
  g_clear_error (&error);

  g_assert_true (lc_profile_set_host (profile, "rtc", "rtc.example.net", &error));
  g_assert_true (lc_profile_set_host (profile, "acd", "2001:db8::1", &error));
  g_assert_true (lc_profile_set_host (profile, "ice", "192.0.2.7", &error));
  g_assert_no_error (error);

  missing = lc_profile_dup_missing_hosts (profile);
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_cmpstr (lc_profile_lookup_service (profile, "rtc")->host, ==, "rtc.example.net");
}

static void
test_host_names_are_checked (void)
{
  g_assert_true (lc_host_is_valid ("rtc.example.net"));
  g_assert_true (lc_host_is_valid ("localhost"));
  g_assert_true (lc_host_is_valid ("198.18.0.2"));
  g_assert_true (lc_host_is_valid ("::1"));
  g_assert_true (lc_host_is_valid ("bücher.example"));
  g_assert_true (lc_host_is_valid ("edge-1.eu.example.net."));
  g_assert_false (lc_host_is_valid (""));
  g_assert_false (lc_host_is_valid ("https://rtc.example.net"));
  g_assert_false (lc_host_is_valid ("rtc.example.net:443"));
  g_assert_false (lc_host_is_valid ("rtc..example.net"));
  g_assert_false (lc_host_is_valid ("-rtc.example.net"));
  g_assert_false (lc_host_is_valid ("rtc example"));
  g_assert_false (lc_host_is_valid ("a.b/c"));
}

static void
test_port_map_and_derived_ids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = load_string (
    HEAD "\"services\": {\"rtc\": {\"host\": \"127.0.0.1\", \"ports\": {\"443\": 18443}}}, "
    "\"rules\": [" RULE ", {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 80, "
    "\"check\": \"http\", \"id\": \"web\"}], " THRESHOLDS "}", &error);
  const LcService *rtc;

  g_assert_no_error (error);
  rtc = lc_profile_lookup_service (profile, "rtc");
  g_assert_cmpuint (lc_service_get_local_port (rtc, 443), ==, 18443);
  g_assert_cmpuint (lc_service_get_local_port (rtc, 80), ==, 80);
  g_assert_nonnull (lc_profile_lookup_rule (profile, "rtc-tcp-443"));
  g_assert_nonnull (lc_profile_lookup_rule (profile, "web"));
}

typedef struct
{
  const char *what;
  const char *json;
  const char *message;   /* what the error must say, path included */
} Malformed;

static const Malformed malformed[] = {
  { "empty", "", "profile.json: the file is empty" },
  { "only spaces", "   \n  ", "profile.json: the file is empty" },
  { "not JSON", "services: rtc", "profile.json: not valid JSON: line 1" },
  { "truncated", HEAD SERVICES, "profile.json: not valid JSON" },
  { "a list", "[1, 2, 3]", "profile.json: (top level): expected an object, got a list" },
  { "no format", "{\"id\": \"t\"}", "profile.json: format: missing" },
  { "newer format", "{\"format\": 2}", "format: this profile is format 2" },
  { "format as text", "{\"format\": \"1\"}", "format: expected an integer 1–1, got \"1\"" },
  { "id of wrong type", "{\"format\": 1, \"id\": 7}", "profile.json: id: expected a text, got 7" },
  { "id with spaces", "{\"format\": 1, \"id\": \"a b\", \"name\": \"x\"}", "id: expected 1–64 letters" },
  { "no services", HEAD "\"rules\": []}", "profile.json: services: missing; expected an object" },
  { "services a list", HEAD "\"services\": []}", "services: expected an object, got a list" },
  { "host is a URL", HEAD "\"services\": {\"rtc\": {\"host\": \"https://x\"}}}",
    "services.rtc.host: expected a host name or IP address, like rtc.example.net, got \"https://x\"" },
  { "port map key", HEAD "\"services\": {\"rtc\": {\"ports\": {\"https\": 1}}}}",
    "services.rtc.ports.https: a port map's keys are port numbers" },
  { "port map value", HEAD "\"services\": {\"rtc\": {\"ports\": {\"443\": 70000}}}}",
    "services.rtc.ports.443: expected an integer 1–65535, got 70000" },
  { "token_url not https", HEAD "\"services\": {\"reflector\": {\"token_url\": \"http://p/\"}}}",
    "services.reflector.token_url: expected an https:// address" },
  { "no rules", HEAD SERVICES ", \"rules\": [], " THRESHOLDS "}", "rules: expected at least one rule" },
  { "port as text", PROFILE_WITH_RULES (RULE ", {\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": \"http\", \"check\": \"tcp\"}"),
    "profile.json: rules[1].port: expected an integer 1–65535, got \"http\"" },
  { "port zero", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 0, \"check\": \"tcp\"}"),
    "rules[0].port: expected an integer 1–65535, got 0" },
  { "port too high", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 65536, \"check\": \"tcp\"}"),
    "rules[0].port: expected an integer 1–65535, got 65536" },
  { "port fractional", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 80.5, \"check\": \"tcp\"}"),
    "rules[0].port: expected an integer 1–65535, got 80.5" },
  { "no port", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"check\": \"tcp\"}"),
    "rules[0].port: missing" },
  { "unknown check", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"ping\"}"),
    "rules[0].check: expected \"tcp\", \"tls\"" },
  { "unknown protocol", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"sctp\", \"port\": 1, \"check\": \"tcp\"}"),
    "rules[0].protocol: expected \"tcp\" or \"udp\", got \"sctp\"" },
  { "unknown service", PROFILE_WITH_RULES ("{\"service\": \"acd\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"tcp\"}"),
    "rules[0].service: no service “acd” in “services” (there are: rtc, ice)" },
  { "range reversed", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port_range\": [20099, 19099], \"check\": \"udp-range\"}"),
    "rules[0].port_range: the range is reversed (20099 before 19099)" },
  { "range of one", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port_range\": [1], \"check\": \"udp-range\"}"),
    "rules[0].port_range: expected a list of two ports" },
  { "range bound text", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port_range\": [1, \"x\"], \"check\": \"udp-range\"}"),
    "rules[0].port_range[1]: expected an integer 1–65535, got \"x\"" },
  { "port and range", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port\": 1, \"port_range\": [1, 2], \"check\": \"udp-range\"}"),
    "rules[0]: has both “port” and “port_range”" },
  { "range on tcp check", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port_range\": [1, 2], \"check\": \"turn\"}"),
    "rules[0].port_range: only a “udp-range” check takes a range" },
  { "tls over udp", PROFILE_WITH_RULES ("{\"service\": \"ice\", \"protocol\": \"udp\", \"port\": 443, \"check\": \"turn\", \"tls\": true}"),
    "rules[0].tls: TLS goes only with protocol “tcp”" },
  { "websocket over udp", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"udp\", \"port\": 8989, \"check\": \"websocket\"}"),
    "rules[0].check: a “websocket” check runs over TCP" },
  { "tls as text", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"tls\", \"tls\": \"yes\"}"),
    "rules[0].tls: expected true or false, got \"yes\"" },
  { "unknown level", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"tcp\", \"level\": \"nice\"}"),
    "rules[0].level: expected \"required\" or \"recommended\", got \"nice\"" },
  { "path without slash", PROFILE_WITH_RULES ("{\"service\": \"rtc\", \"protocol\": \"tcp\", \"port\": 1, \"check\": \"https\", \"path\": \"janus\"}"),
    "rules[0].path: expected a path starting with “/”" },
  { "duplicate ids", PROFILE_WITH_RULES (RULE ", " RULE),
    "rules[1]: the id “rtc-tcp-443” is also the id of rules[0]" },
  { "rule not an object", PROFILE_WITH_RULES ("42"), "rules[0]: expected an object, got 42" },
  { "no thresholds", HEAD SERVICES ", \"rules\": [" RULE "]}", "thresholds: missing" },
  { "negative rtt", HEAD SERVICES ", \"rules\": [" RULE "], \"thresholds\": {\"rtt_ms\": -1}}",
    "thresholds.rtt_ms: expected a number 0–60000, got -1" },
  { "loss over 100", HEAD SERVICES ", \"rules\": [" RULE "], \"thresholds\": {\"rtt_ms\": 1, \"jitter_ms\": 1, \"loss_percent\": 150}}",
    "thresholds.loss_percent: expected a number 0–100, got 150" },
  { "media unknown codec", PROFILE_WITH ("\"media\": [{\"id\": \"a\", \"via\": \"turn\", \"transport\": \"udp\", \"codecs\": [\"h264\"], \"seconds\": 5}]"),
    "media[0].codecs[0]: expected “opus” or “vp8”, got \"h264\"" },
  { "media without audio", PROFILE_WITH ("\"media\": [{\"id\": \"a\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"vp8\"], \"seconds\": 5}]"),
    "media[0].codecs: every call carries audio" },
  { "media echo without websocket", PROFILE_WITH ("\"media\": [{\"id\": \"a\", \"via\": \"echo\", \"service\": \"rtc\", \"codecs\": [\"opus\"], \"seconds\": 5}]"),
    "media[0].service: the echo call needs a “websocket” rule of service “rtc”" },
  { "media turn without rule", PROFILE_WITH ("\"media\": [{\"id\": \"a\", \"via\": \"turn\", \"transport\": \"tls\", \"codecs\": [\"opus\"], \"seconds\": 5}]"),
    "media[0].transport: no “turn” rule of service “ice” carries tls" },
  { "media seconds zero", PROFILE_WITH ("\"media\": [{\"id\": \"a\", \"via\": \"turn\", \"codecs\": [\"opus\"], \"seconds\": 0}]"),
    "media[0].seconds: expected an integer 1–600, got 0" },
  { "edge unknown service", PROFILE_WITH ("\"edges\": [{\"id\": \"eu\", \"hosts\": {\"acd\": \"a.example.net\"}}]"),
    "edges[0].hosts.acd: no service “acd” in “services”" },
  { "edge duplicate", PROFILE_WITH ("\"edges\": [{\"id\": \"eu\", \"hosts\": {\"rtc\": \"a.example.net\"}}, {\"id\": \"eu\", \"hosts\": {\"rtc\": \"b.example.net\"}}]"),
    "edges[1].id: the id “eu” is also the id of edges[0]" },
  { "report_url over http", PROFILE_WITH ("\"report_url\": \"http://reports.example.net/v1\""),
    "profile.json: report_url: expected an https:// address with a host name, got \"http://reports.example.net/v1\"" },
  { "report_url no host", PROFILE_WITH ("\"report_url\": \"https:///v1/reports\""),
    "profile.json: report_url: expected an https:// address with a host name" },
  { "report_url not a URL", PROFILE_WITH ("\"report_url\": \"reports.example.net\""),
    "profile.json: report_url: expected an https:// address with a host name, got \"reports.example.net\"" },
  { "report_url as a number", PROFILE_WITH ("\"report_url\": 443"),
    "profile.json: report_url: expected a text, got 443" },
  { "report_url with a password", PROFILE_WITH ("\"report_url\": \"https://u:pw@reports.example.net/\""),
    "profile.json: report_url: expected an https:// address without a user name or password" },
  { "long string cut", "{\"format\": 1, \"id\": \"t\", \"name\": \"T\", \"services\": {\"rtc\": {\"host\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/\"}}}",
    "got \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\"" },
};

static void
test_malformed_profiles_are_refused_with_a_path (void)
{
  g_assert_cmpuint (G_N_ELEMENTS (malformed), >=, 20);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcProfile) profile = load_string (malformed[i].json, &error);

      g_test_message ("%s: %s", malformed[i].what, error ? error->message : "(accepted)");
      g_assert_null (profile);
      g_assert_nonnull (error);
      g_assert_true (error->domain == LC_PROFILE_ERROR);
      if (strstr (error->message, malformed[i].message) == NULL)
        g_error ("%s: expected the message to say ‘%s’, it says ‘%s’",
                 malformed[i].what, malformed[i].message, error->message);
    }
}

static void
test_report_url_is_kept_and_copied (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = load_string (
    PROFILE_WITH ("\"report_url\": \"https://reports.example.net:8443/v1/reports\""), &error);
  g_autoptr(LcProfile) copy = NULL;
  g_autoptr(LcProfile) without = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lc_profile_get_report_url (profile), ==,
                   "https://reports.example.net:8443/v1/reports");
  copy = lc_profile_copy (profile);
  g_clear_object (&profile);
  g_assert_cmpstr (lc_profile_get_report_url (copy), ==,
                   "https://reports.example.net:8443/v1/reports");

  /* Optional: a profile without one sends nothing anywhere. */
  without = load_string (PROFILE_WITH ("\"description\": \"d\""), &error);
  g_assert_no_error (error);
  g_assert_null (lc_profile_get_report_url (without));
}

static void
test_deep_nesting_is_refused_before_parsing (void)
{
  gsize n = 100000;
  g_autofree char *json = g_malloc (n + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;

  memset (json, '[', n);
  json[n] = '\0';
  profile = load_string (json, &error);
  g_assert_null (profile);
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "nested more than 32 levels"));

  /* Brackets inside strings are text, not nesting. */
  g_clear_error (&error);
  g_clear_object (&profile);
  profile = load_string (PROFILE_WITH ("\"description\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\""),
                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (profile);
}

static void
test_binary_input_is_refused (void)
{
  static const char data[] = "{\"format\": 1, \"id\": \"\xff\xfe\"}";
  g_autoptr(GBytes) bytes = g_bytes_new (data, sizeof data - 1);
  g_autoptr(GBytes) with_nul = g_bytes_new ("{\"format\"\0: 1}", 14);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_bytes (bytes, "profile.json", &error);

  g_assert_null (profile);
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_TEXT);
  /* The offset points at the first bad byte, so that the person can find it. */
  g_assert_nonnull (strstr (error->message, "not UTF-8 text (byte 21)"));
  g_clear_error (&error);

  profile = lc_profile_new_from_bytes (with_nul, "profile.json", &error);
  g_assert_null (profile);
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_TEXT);
}

static void
test_huge_file_is_refused_without_reading_it (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;
  gsize size = 10 * 1000 * 1000;
  g_autofree char *data = g_malloc (size);

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  g_assert_true (g_file_set_contents (path, data, size, NULL));

  profile = lc_profile_new_from_file (file, &error);
  g_assert_null (profile);
  g_test_message ("%s", error ? error->message : "(accepted)");
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.json: the file is 10.0"));
  g_assert_nonnull (strstr (error->message, "a profile is at most 1 MB"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_file_says_so (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/linecheck/p.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_profile_new_from_file (file, &error);

  g_assert_null (profile);
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/linecheck/p.json: cannot read"));
}

static void
test_ca_file_is_relative_to_the_profile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-profile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lab.json", NULL);
  g_autofree char *expected = g_build_filename (dir, "ca.pem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = NULL;
  g_autofree char *ca = NULL;

  g_assert_true (g_file_set_contents (path, PROFILE_WITH ("\"tls\": {\"ca_file\": \"ca.pem\"}"),
                                      -1, NULL));
  profile = lc_profile_new_from_file (file, &error);
  g_assert_no_error (error);
  ca = g_file_get_path (lc_profile_get_ca_file (profile));
  g_assert_cmpstr (ca, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_catalog_user_profiles_override_and_report_problems (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linecheck-catalog-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "mine.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *shadow = g_build_filename (dir, "agent.json", NULL);
  g_autoptr(GFile) gdir = g_file_new_for_path (dir);
  g_autoptr(LcProfileCatalog) catalog = lc_profile_catalog_new ();
  g_autoptr(LcProfile) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *problems;
  gboolean found = FALSE;

  g_assert_true (g_file_set_contents (good, PROFILE_WITH ("\"description\": \"mine\""), -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{", -1, NULL));
  g_assert_true (g_file_set_contents (shadow,
                                      "{\"format\": 1, \"id\": \"cpaas-agent\", \"name\": \"Site agent\", "
                                      SERVICES ", \"rules\": [" RULE "], " THRESHOLDS "}", -1, NULL));

  lc_profile_catalog_add_dir (catalog, gdir, "test");
  lc_profile_catalog_scan (catalog);

  for (guint i = 0; i < lc_profile_catalog_get_n_profiles (catalog); i++)
    {
      LcProfile *profile = lc_profile_catalog_get_profile (catalog, i);
      found |= g_str_equal (lc_profile_get_id (profile), "t");
      /* A later folder's profile with a built-in's id replaces it. */
      if (g_str_equal (lc_profile_get_id (profile), "cpaas-agent"))
        g_assert_cmpstr (lc_profile_get_name (profile), ==, "Site agent");
    }
  g_assert_true (found);

  problems = lc_profile_catalog_get_problems (catalog);
  g_assert_cmpuint (g_strv_length ((char **)problems), ==, 1);
  g_assert_nonnull (strstr (problems[0], "broken.json: not valid JSON"));

  loaded = lc_profile_catalog_load (catalog, "nope", &error);
  g_assert_null (loaded);
  g_assert_error (error, LC_PROFILE_ERROR, LC_PROFILE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No profile “nope” (there are: "));
  g_clear_error (&error);

  /* Each load is a fresh copy: a host set on one does not leak into the next. */
  loaded = lc_profile_catalog_load (catalog, "cpaas-user", &error);
  g_assert_no_error (error);
  g_assert_true (lc_profile_set_host (loaded, "rtc", "rtc.example.net", NULL));
  g_clear_object (&loaded);
  loaded = lc_profile_catalog_load (catalog, "cpaas-user", &error);
  g_assert_null (lc_profile_lookup_service (loaded, "rtc")->host);

  g_unlink (good);
  g_unlink (bad);
  g_unlink (shadow);
  g_rmdir (dir);
}

static void
test_credentials_stay_out_of_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = load_string (
    HEAD "\"services\": {\"ice\": {\"host\": \"t.example.net\", \"username\": \"u\", "
    "\"credential\": \"s3cr3t-pass\"}}, \"rules\": [{\"service\": \"ice\", \"protocol\": \"udp\", "
    "\"port\": \"s3cr3t-pass\", \"check\": \"turn\"}], " THRESHOLDS "}", &error);

  g_assert_null (profile);
  /* The error quotes the wrong value, which is the port here, never the credential field. */
  g_assert_nonnull (strstr (error->message, "rules[0].port"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/profile/builtin-agent-holds-the-requirements",
                   test_builtin_agent_holds_the_requirements);
  g_test_add_func ("/core/profile/builtin-user-has-no-voice-server",
                   test_builtin_user_has_no_voice_server);
  g_test_add_func ("/core/profile/set-host-accepts-hosts-only", test_set_host_accepts_hosts_only);
  g_test_add_func ("/core/profile/host-names-are-checked", test_host_names_are_checked);
  g_test_add_func ("/core/profile/port-map-and-derived-ids", test_port_map_and_derived_ids);
  g_test_add_func ("/core/profile/malformed-profiles-are-refused-with-a-path",
                   test_malformed_profiles_are_refused_with_a_path);
  g_test_add_func ("/core/profile/report-url-is-kept-and-copied",
                   test_report_url_is_kept_and_copied);
  g_test_add_func ("/core/profile/deep-nesting-is-refused-before-parsing",
                   test_deep_nesting_is_refused_before_parsing);
  g_test_add_func ("/core/profile/binary-input-is-refused", test_binary_input_is_refused);
  g_test_add_func ("/core/profile/huge-file-is-refused-without-reading-it",
                   test_huge_file_is_refused_without_reading_it);
  g_test_add_func ("/core/profile/missing-file-says-so", test_missing_file_says_so);
  g_test_add_func ("/core/profile/ca-file-is-relative-to-the-profile",
                   test_ca_file_is_relative_to_the_profile);
  g_test_add_func ("/core/profile/catalog-user-profiles-override-and-report-problems",
                   test_catalog_user_profiles_override_and_report_problems);
  g_test_add_func ("/core/profile/credentials-stay-out-of-errors",
                   test_credentials_stay_out_of_errors);

  return g_test_run ();
}
