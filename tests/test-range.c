/* test-range.c — the udp-range sweep against the lab's linecheck-reflector: exact sub-ranges
 * behind nft drops, tokens that get silence, a hostile token service, cancelling
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lab-fixture.h"
#include "lc-probe-token.h"
#include "lc-range-check.h"
#include "lc-runner.h"

static LabFixture *lab;

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

static LcReport *
run_firewall (LcProfile *profile,
              double    *elapsed_s)
{
  const char * const steps[] = { "firewall", NULL };
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
  return wait.report;
}

/* The lab's profile with its udp-range rules alone, the reflector edited by @edit. */
static void
keep_ranges (JsonObject *root,
             gpointer    data)
{
  JsonArray *rules = json_object_get_array_member (root, "rules");
  JsonArray *kept = json_array_new ();
  void (*edit) (JsonObject *) = data;

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_str_equal (json_object_get_string_member (rule, "check"), "udp-range"))
        json_array_add_object_element (kept, json_object_ref (rule));
    }
  json_object_set_array_member (root, "rules", kept);
  json_object_set_array_member (root, "media", json_array_new ());
  json_object_set_array_member (root, "edges", json_array_new ());
  if (edit != NULL)
    edit (json_object_get_object_member (json_object_get_object_member (root, "services"),
                                         "reflector"));
}

static LcProfile *
load_ranges (const char *name,
             void      (*edit) (JsonObject *reflector))
{
  return lab_fixture_load_profile (lab, name, keep_ranges, edit);
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

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack ? haystack : "(null)");
}

static char *
spans_text (LcCheckResult *result,
            gboolean       open)
{
  g_autoptr(GArray) spans = lc_range_result_dup_spans (result, open);

  g_assert_nonnull (spans);
  return lc_port_spans_to_string (spans);
}

static void
lab_drop (const char *option,
          const char *value)
{
  const char *argv[] = { g_getenv ("LC_LAB"), "drop", "--dir", lab->dir, option, value, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
rules_to_open_has (LcReport   *report,
                   const char *service,
                   const char *ports)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);

  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);

      if (g_str_equal (rule->service, service) && g_str_equal (rule->protocol, "udp") &&
          g_str_equal (rule->ports, ports))
        return TRUE;
    }
  return FALSE;
}

static guint
count_rules_to_open (LcReport *report)
{
  g_autoptr(GPtrArray) rules = lc_report_dup_rules_to_open (report);
  return rules->len;
}

static void
test_open_lab_passes_every_port_once (void)
{
  g_autoptr(LcProfile) profile = load_ranges ("ranges-open.json", NULL);
  g_autoptr(LcReport) report = NULL;
  LcCheckResult *acd;
  JsonObject *evidence;
  double elapsed;

  lab_fixture_nft_flush (lab);
  report = run_firewall (profile, &elapsed);
  acd = find_check (report, "acd-udp-10000-20000");
  evidence = lc_check_result_get_evidence (acd);

  g_assert_cmpint (lc_report_get_verdict (report), ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_check_result_get_status (acd), ==, LC_STATUS_PASS);
  assert_contains (lc_check_result_get_detail (acd), "all 10001 ports open");
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "rtc-udp-19099-20099")), ==,
                   LC_STATUS_PASS);
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "ice-udp-19099-20099")), ==,
                   LC_STATUS_PASS);
  /* Three rules, 12,003 rule ports, 10,100 distinct ports: each probed once on a clean path. */
  g_assert_cmpint (json_object_get_int_member (evidence, "swept_ports"), ==, 10100);
  g_assert_cmpint (json_object_get_int_member (evidence, "probes_sent"), <, 10100 * 1.01);
  g_assert_cmpint (count_rules_to_open (report), ==, 0);
  g_test_message ("swept 10,100 ports in %.2f s", elapsed);
}

static void
test_dropped_sub_range_is_reported_exactly (void)
{
  g_autoptr(LcProfile) profile = load_ranges ("ranges-sub.json", NULL);
  g_autoptr(LcReport) report = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *open = NULL;
  LcCheckResult *acd;

  lab_fixture_nft_flush (lab);
  lab_drop ("--ports", "15000-15099");
  report = run_firewall (profile, NULL);
  lab_fixture_nft_flush (lab);

  acd = find_check (report, "acd-udp-10000-20000");
  blocked = spans_text (acd, FALSE);
  open = spans_text (acd, TRUE);
  g_assert_cmpint (lc_check_result_get_status (acd), ==, LC_STATUS_FAIL);
  g_assert_cmpstr (blocked, ==, "15000-15099");
  g_assert_cmpstr (open, ==, "10000-14999,15100-20000");
  assert_contains (lc_check_result_get_detail (acd),
                   "UDP 15000–15099 to ");
  assert_contains (lc_check_result_get_detail (acd),
                   ": blocked; 10000–14999 and 15100–20000 open");
  assert_contains (lc_check_result_get_fix (acd), "Allow UDP 15000-15099 to ");
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "rtc-udp-19099-20099")), ==,
                   LC_STATUS_PASS);
  g_assert_true (rules_to_open_has (report, "acd", "15000-15099"));
  g_assert_cmpint (count_rules_to_open (report), ==, 1);
}

static void
test_dropped_single_port_is_reported_exactly (void)
{
  g_autoptr(LcProfile) profile = load_ranges ("ranges-one.json", NULL);
  g_autoptr(LcReport) report = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *rtc_blocked = NULL;

  lab_fixture_nft_flush (lab);
  lab_drop ("--ports", "19500");
  report = run_firewall (profile, NULL);
  lab_fixture_nft_flush (lab);

  blocked = spans_text (find_check (report, "acd-udp-10000-20000"), FALSE);
  rtc_blocked = spans_text (find_check (report, "rtc-udp-19099-20099"), FALSE);
  g_assert_cmpstr (blocked, ==, "19500");
  g_assert_cmpstr (rtc_blocked, ==, "19500");
  assert_contains (lc_check_result_get_detail (find_check (report, "rtc-udp-19099-20099")),
                   "UDP 19500 to ");
  /* One row per destination and sub-range. */
  g_assert_true (rules_to_open_has (report, "acd", "19500"));
  g_assert_true (rules_to_open_has (report, "rtc", "19500"));
  g_assert_true (rules_to_open_has (report, "ice", "19500"));
  g_assert_cmpint (count_rules_to_open (report), ==, 3);
}

static void
test_dropped_last_port_is_reported_exactly (void)
{
  g_autoptr(LcProfile) profile = load_ranges ("ranges-last.json", NULL);
  g_autoptr(LcReport) report = NULL;
  g_autofree char *blocked = NULL;
  g_autofree char *open = NULL;
  LcCheckResult *rtc;

  lab_fixture_nft_flush (lab);
  lab_drop ("--ports", "20099");
  report = run_firewall (profile, NULL);
  lab_fixture_nft_flush (lab);

  rtc = find_check (report, "rtc-udp-19099-20099");
  blocked = spans_text (rtc, FALSE);
  open = spans_text (rtc, TRUE);
  g_assert_cmpstr (blocked, ==, "20099");
  g_assert_cmpstr (open, ==, "19099-20098");
  /* 20099 is not in the ACD's range: it passes. */
  g_assert_cmpint (lc_check_result_get_status (find_check (report, "acd-udp-10000-20000")), ==,
                   LC_STATUS_PASS);
  g_assert_true (rules_to_open_has (report, "rtc", "20099"));
}

/* Tokens ---------------------------------------------------------------------------------- */

static GBytes *
lab_secret (void)
{
  g_autofree char *path = g_build_filename (lab->dir, "run", "reflector.secret", NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  return g_bytes_new_take (data, len);
}

static const char *
reflector_address (void)
{
  JsonObject *root = json_node_get_object (lab->lab);

  return json_object_get_string_member (json_object_get_object_member (root, "addresses"),
                                        "reflector");
}

static GSocket *
client_socket (void)
{
  g_autoptr(GError) error = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                  G_SOCKET_PROTOCOL_UDP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 0);
  return socket;
}

/* The address the reflector sees this machine as: the host side of the veth. */
static void
host_key (guint8 key[LC_PROBE_ADDRESS_LEN])
{
  JsonObject *root = json_node_get_object (lab->lab);
  g_autoptr(GInetAddress) host =
    g_inet_address_new_from_string (json_object_get_string_member (root, "host_address"));

  lc_probe_address_key (host, key);
}

static void
send_datagram (GSocket      *socket,
               guint16       port,
               const guint8 *data,
               gsize         len)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (reflector_address ());
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (address, port);

  g_assert_cmpint (g_socket_send_to (socket, target, (const char *)data, len, NULL, NULL), ==,
                   (gssize)len);
}

/* Replies that arrive within @ms; each reply's length and sequence number go into @replies. */
static guint
collect_replies (GSocket *socket,
                 guint    ms,
                 GArray  *seqs)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint n = 0;

  while (g_get_monotonic_time () < until)
    {
      guint8 buffer[2048];
      gssize got;

      if (!g_socket_condition_timed_wait (socket, G_IO_IN,
                                          MAX (1, until - g_get_monotonic_time ()), NULL, NULL))
        break;
      got = g_socket_receive (socket, (char *)buffer, sizeof buffer, NULL, NULL);
      if (got <= 0)
        continue;
      n++;
      if (seqs != NULL)
        {
          LcProbeReply reply;

          g_assert_true (lc_probe_reply_parse (buffer, got, &reply));
          g_array_append_val (seqs, reply.seq);
        }
    }
  return n;
}

static void
send_probe (GSocket            *socket,
            const LcProbeToken *token,
            guint32             seq,
            guint16             port,
            gsize               len)
{
  guint8 datagram[LC_PROBE_MAX_LEN];
  LcProbe probe = { *token, seq, port };

  g_assert_cmpuint (lc_probe_encode (&probe, datagram, len), ==, len);
  send_datagram (socket, port, datagram, len);
}

static void
test_bad_tokens_get_silence (void)
{
  g_autoptr(GBytes) secret = lab_secret ();
  g_autoptr(GSocket) socket = client_socket ();
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint32));
  gsize secret_len;
  const guint8 *key_bytes = g_bytes_get_data (secret, &secret_len);
  guint8 me[LC_PROBE_ADDRESS_LEN], other[LC_PROBE_ADDRESS_LEN];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GInetAddress) elsewhere = g_inet_address_new_from_string ("198.51.100.7");
  guint8 wrong_secret[32];
  LcProbeToken good, expired, other_address, forged, wrong_key;

  lab_fixture_nft_flush (lab);
  host_key (me);
  lc_probe_address_key (elsewhere, other);
  memset (wrong_secret, 0x5a, sizeof wrong_secret);

  lc_probe_token_mint (key_bytes, secret_len, me, now, 120, &good);
  lc_probe_token_mint (key_bytes, secret_len, me, now - 400, 120, &expired);
  lc_probe_token_mint (key_bytes, secret_len, other, now, 120, &other_address);
  lc_probe_token_mint (wrong_secret, sizeof wrong_secret, me, now, 120, &wrong_key);
  forged = good;
  forged.mac[0] ^= 1;

  /* The good token proves the path: then each bad one is silenced for what it is. */
  send_probe (socket, &good, 1, 12000, LC_PROBE_LEN);
  g_assert_cmpuint (collect_replies (socket, 500, seqs), ==, 1);
  g_assert_cmpuint (g_array_index (seqs, guint32, 0), ==, 1);

  send_probe (socket, &good, 1, 12000, LC_PROBE_LEN);         /* replayed */
  send_probe (socket, &expired, 2, 12001, LC_PROBE_LEN);
  send_probe (socket, &other_address, 3, 12002, LC_PROBE_LEN);
  send_probe (socket, &forged, 4, 12003, LC_PROBE_LEN);
  send_probe (socket, &wrong_key, 5, 12004, LC_PROBE_LEN);
  {
    guint8 datagram[LC_PROBE_LEN];
    LcProbe elsewhere_port = { good, 6, 12005 };

    /* Names port 12005, arrives on 12006: with a socket per port, that is no probe. */
    lc_probe_encode (&elsewhere_port, datagram, sizeof datagram);
    send_datagram (socket, 12006, datagram, sizeof datagram);
  }
  g_assert_cmpuint (collect_replies (socket, 600, NULL), ==, 0);

  /* …and the good token still works for a new sequence number. */
  send_probe (socket, &good, 7, 12007, LC_PROBE_LEN);
  g_assert_cmpuint (collect_replies (socket, 500, NULL), ==, 1);
}

static void
test_no_reply_is_larger_than_its_probe (void)
{
  g_autoptr(GBytes) secret = lab_secret ();
  g_autoptr(GSocket) socket = client_socket ();
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  gsize secret_len;
  const guint8 *key_bytes = g_bytes_get_data (secret, &secret_len);
  guint8 me[LC_PROBE_ADDRESS_LEN];
  gsize lengths[1000];
  LcProbeToken good;
  guint garbage_replies;

  lab_fixture_nft_flush (lab);
  host_key (me);
  lc_probe_token_mint (key_bytes, secret_len, me, g_get_real_time () / G_USEC_PER_SEC, 120,
                       &good);

  /* Garbage of every size, some of it shaped like a probe: not one reply. */
  for (guint i = 0; i < 3000; i++)
    {
      guint8 datagram[1500];
      gsize len = g_rand_int_range (rand, 0, sizeof datagram);
      guint16 port = g_rand_int_range (rand, 10000, 20100);

      for (gsize j = 0; j < len; j++)
        datagram[j] = g_rand_int (rand);
      if (len >= 4 && i % 2 == 0)
        memcpy (datagram, "LCP1", 4);
      if (len >= LC_PROBE_LEN && i % 4 == 0)
        {
          datagram[4] = LC_PROBE_TOKEN_VERSION;
          datagram[LC_PROBE_LEN - 2] = port >> 8;
          datagram[LC_PROBE_LEN - 1] = port;
        }
      send_datagram (socket, port, datagram, len);
      if (i % 200 == 0)
        g_usleep (2000);
    }
  garbage_replies = collect_replies (socket, 500, NULL);
  g_assert_cmpuint (garbage_replies, ==, 0);

  /* Valid probes padded to random sizes: each reply is no larger than the probe it answers. */
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      lengths[i] = g_rand_int_range (rand, LC_PROBE_LEN, LC_PROBE_MAX_LEN + 1);
      send_probe (socket, &good, 100 + i, 10000 + i, lengths[i]);
      /* Read as we go: a socket's default buffer holds only a few hundred datagrams. */
      if (i % 100 == 99)
        collect_replies (socket, 30, seqs);
    }
  collect_replies (socket, 500, seqs);
  g_assert_cmpuint (seqs->len, ==, G_N_ELEMENTS (lengths));
  for (guint i = 0; i < seqs->len; i++)
    g_assert_cmpuint (LC_PROBE_REPLY_LEN, <=, lengths[g_array_index (seqs, guint32, i) - 100]);
}

static guint64
reflector_rss_kib (void)
{
  JsonArray *processes = json_object_get_array_member (json_node_get_object (lab->lab),
                                                       "processes");

  for (guint i = 0; i < json_array_get_length (processes); i++)
    {
      JsonObject *process = json_array_get_object_element (processes, i);

      if (g_str_equal (json_object_get_string_member (process, "name"), "reflector"))
        {
          g_autofree char *path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/status",
                                                   json_object_get_int_member (process, "pid"));
          g_autofree char *status = NULL;
          const char *line;

          g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
          line = strstr (status, "VmRSS:");
          g_assert_nonnull (line);
          return g_ascii_strtoull (line + 6, NULL, 10);
        }
    }
  g_error ("the lab runs no reflector");
  return 0;
}

static void
test_reflector_survives_a_flood_with_bounded_memory (void)
{
  g_autoptr(GBytes) secret = lab_secret ();
  g_autoptr(GSocket) socket = client_socket ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize secret_len;
  const guint8 *key_bytes = g_bytes_get_data (secret, &secret_len);
  guint8 me[LC_PROBE_ADDRESS_LEN];
  guint64 before, after;
  LcProbeToken token;
  guint sent = 0;
  g_autoptr(GInetAddress) reflector = g_inet_address_new_from_string (reflector_address ());

  lab_fixture_nft_flush (lab);
  host_key (me);
  before = reflector_rss_kib ();

  /* 200,000 datagrams: raw garbage, and probes with forged tokens that each cost an HMAC. */
  for (guint i = 0; i < 200000; i++)
    {
      guint8 datagram[LC_PROBE_LEN];
      guint16 port = 10000 + (i % 10100);

      for (gsize j = 0; j < sizeof datagram; j++)
        datagram[j] = g_rand_int (rand);
      if (i % 2 == 0)
        {
          LcProbe probe = { { 0 }, i % LC_PROBE_MAX_SEQ, port };

          probe.token.version = LC_PROBE_TOKEN_VERSION;
          probe.token.expiry = g_get_real_time () / G_USEC_PER_SEC + 60;
          for (guint j = 0; j < LC_PROBE_TOKEN_NONCE_LEN; j++)
            probe.token.nonce[j] = g_rand_int (rand);
          lc_probe_encode (&probe, datagram, sizeof datagram);
        }
      {
        g_autoptr(GSocketAddress) target = g_inet_socket_address_new (reflector, port);

        if (g_socket_send_to (socket, target, (const char *)datagram, sizeof datagram, NULL,
                              NULL) > 0)
          sent++;
      }
    }
  g_assert_cmpuint (collect_replies (socket, 300, NULL), ==, 0);

  after = reflector_rss_kib ();
  g_test_message ("%u datagrams sent; reflector RSS %" G_GUINT64_FORMAT " KiB before, %"
                  G_GUINT64_FORMAT " KiB after", sent, before, after);
  g_assert_cmpuint (sent, >, 100000);
  /* Under AddressSanitizer, freed memory waits in its quarantine (256 MiB), so RSS says nothing
   * about the reflector's own bound there; the plain build runs this same test and checks it. */
  if (g_getenv ("LC_SANITIZED") == NULL)
    g_assert_cmpuint (after, <, before + 4096);
  else
    g_test_message ("sanitized build: the memory bound is checked by the plain build");

  /* Still answering. */
  lc_probe_token_mint (key_bytes, secret_len, me, g_get_real_time () / G_USEC_PER_SEC, 120,
                       &token);
  send_probe (socket, &token, 0, 19099, LC_PROBE_LEN);
  g_assert_cmpuint (collect_replies (socket, 500, NULL), ==, 1);
}

/* A token service that fails ---------------------------------------------------------------- */

static char *fake_url;

static void
point_token_url (JsonObject *reflector)
{
  json_object_set_string_member (reflector, "token_url", fake_url);
}

static LcCheckResult *
run_with_token_url (const char *url,
                    const char *name,
                    double     *elapsed)
{
  g_autoptr(LcProfile) profile = NULL;
  LcReport *report;
  LcCheckResult *result;

  g_free (fake_url);
  fake_url = g_strdup (url);
  profile = load_ranges (name, point_token_url);
  report = run_firewall (profile, elapsed);
  result = g_object_ref (find_check (report, "acd-udp-10000-20000"));
  g_object_unref (report);
  return result;
}

static void
test_token_service_down_says_refused (void)
{
  g_autoptr(GSocket) placeholder = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(LcCheckResult) result = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  double elapsed;

  /* A port that was free a moment ago and now has nobody listening. */
  placeholder = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                              NULL);
  g_assert_true (g_socket_bind (placeholder, any, TRUE, NULL));
  bound = g_socket_get_local_address (placeholder, NULL);
  url = g_strdup_printf ("https://127.0.0.1:%u/v1/token",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (placeholder, NULL);

  result = run_with_token_url (url, "ranges-down.json", &elapsed);
  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_SKIP);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_REFUSED);
  assert_contains (lc_check_result_get_detail (result), "refused the connection");
  assert_contains (lc_check_result_get_detail (result), "could not be swept");
  g_assert_cmpfloat (elapsed, <, 3);
}

/* A hostile fake: accepts and never says a word. */
static gboolean
on_silent_incoming (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    GPtrArray         *held)
{
  g_ptr_array_add (held, g_object_ref (connection));
  return TRUE;
}

static char *
start_fake (GSocketService *service,
            const char     *scheme)
{
  guint16 port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, NULL);

  g_assert_cmpuint (port, >, 0);
  g_socket_service_start (service);
  return g_strdup_printf ("%s://127.0.0.1:%u/v1/token", scheme, port);
}

static void
test_token_service_slow_times_out_in_bounded_time (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = NULL;
  g_autoptr(LcCheckResult) result = NULL;
  double elapsed;

  g_signal_connect (service, "incoming", G_CALLBACK (on_silent_incoming), held);
  url = start_fake (service, "https");
  result = run_with_token_url (url, "ranges-slow.json", &elapsed);
  g_socket_service_stop (service);

  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_SKIP);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_TIMEOUT);
  assert_contains (lc_check_result_get_detail (result), "did not answer within 6 s");
  g_assert_cmpfloat (elapsed, <, LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS / 1000.0 + 2);
}

/* A hostile fake: TLS with the lab's certificate, then whatever @answer says. It runs in its
 * own threads: the client under test shares this thread's main loop. */
typedef struct
{
  GTlsCertificate *certificate;
  const char      *answer;
} Fake;

static gboolean
on_fake_run (GThreadedSocketService *service,
             GSocketConnection      *connection,
             GObject                *source,
             Fake                   *fake)
{
  g_autoptr(GIOStream) tls = g_tls_server_connection_new (G_IO_STREAM (connection),
                                                          fake->certificate, NULL);
  char buffer[2048];

  if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
    return TRUE;
  /* The request fits in one read here; the fake answers whatever was asked. */
  g_input_stream_read (g_io_stream_get_input_stream (tls), buffer, sizeof buffer, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (tls), fake->answer,
                             strlen (fake->answer), NULL, NULL, NULL);
  g_io_stream_close (tls, NULL, NULL);
  return TRUE;
}

static LcCheckResult *
run_against_fake (const char *answer,
                  const char *name,
                  double     *elapsed)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (4);
  g_autofree char *cert = g_build_filename (lab->dir, "certs", "server.pem", NULL);
  g_autofree char *key = g_build_filename (lab->dir, "certs", "server.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  Fake fake = { NULL, answer };
  LcCheckResult *result;

  fake.certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_fake_run), &fake);
  url = start_fake (service, "https");
  result = run_with_token_url (url, name, elapsed);
  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  /* Let a handler still under way finish before its data goes. */
  g_usleep (200 * 1000);
  g_signal_handlers_disconnect_by_data (service, &fake);
  g_object_unref (fake.certificate);
  return result;
}

static void
test_token_service_nonsense_says_so (void)
{
  g_autoptr(LcCheckResult) garbage = NULL;
  g_autoptr(LcCheckResult) error_page = NULL;
  double elapsed;

  garbage = run_against_fake ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 21\r\nConnection: close\r\n\r\n"
                              "{\"token\": \"AAAAAAA=\"}", "ranges-garbage.json", &elapsed);
  g_assert_cmpint (lc_check_result_get_status (garbage), ==, LC_STATUS_SKIP);
  g_assert_cmpint (lc_check_result_get_cause (garbage), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_check_result_get_detail (garbage), "answered, but not with a token");
  g_assert_cmpfloat (elapsed, <, 3);

  error_page = run_against_fake ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n"
                                 "Connection: close\r\n\r\ndown", "ranges-503.json", &elapsed);
  g_assert_cmpint (lc_check_result_get_cause (error_page), ==, LC_CAUSE_PROTOCOL);
  assert_contains (lc_check_result_get_detail (error_page), "answered HTTP 503");
}

static void
drop_ca (JsonObject *root,
         gpointer    data)
{
  keep_ranges (root, NULL);
  json_object_remove_member (root, "tls");
}

static void
test_token_service_with_untrusted_certificate_says_tls (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "ranges-tls.json", drop_ca, NULL);
  g_autoptr(LcReport) report = run_firewall (profile, NULL);
  LcCheckResult *result = find_check (report, "acd-udp-10000-20000");

  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_SKIP);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_TLS);
  assert_contains (lc_check_result_get_detail (result), "certificate");
  g_assert_cmpint (count_rules_to_open (report), ==, 0);
}

static void
remove_reflector (JsonObject *root,
                  gpointer    data)
{
  keep_ranges (root, NULL);
  json_object_remove_member (json_object_get_object_member (root, "services"), "reflector");
}

static void
test_without_reflector_says_the_range_was_not_swept (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "ranges-none.json",
                                                           remove_reflector, NULL);
  g_autoptr(LcReport) report = run_firewall (profile, NULL);
  LcCheckResult *result = find_check (report, "acd-udp-10000-20000");

  g_assert_cmpint (lc_check_result_get_status (result), ==, LC_STATUS_SKIP);
  g_assert_cmpint (lc_check_result_get_cause (result), ==, LC_CAUSE_NOT_TESTABLE);
  assert_contains (lc_check_result_get_detail (result), "could not be swept");
  assert_contains (lc_check_result_get_detail (result), "only the ports they happen to use");
}

/* Cancelling ------------------------------------------------------------------------------- */

static guint64
probes_counted (void)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "ip", "netns", "exec", lab->netns, "nft", "list", "table", "inet",
                         "lcrangecount", NULL };
  const char *packets;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, NULL, NULL));
  packets = strstr (out, "packets ");
  g_assert_nonnull (packets);
  return g_ascii_strtoull (packets + 8, NULL, 10);
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_mid_sweep_stops_the_probes (void)
{
  g_autoptr(LcProfile) profile = load_ranges ("ranges-cancel.json", NULL);
  g_autoptr(LcRunner) runner = lc_runner_new (profile);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *rule = NULL;
  Wait wait = { loop, NULL, NULL };
  guint64 at_cancel, later;
  gint64 started;

  lab_fixture_nft_flush (lab);
  lab_fixture_nft (lab, "add table inet lcrangecount");
  lab_fixture_nft (lab, "add chain inet lcrangecount input { type filter hook prerouting "
                        "priority -300 ; }");
  rule = g_strdup_printf ("add rule inet lcrangecount input ip daddr %s udp dport "
                          "10000-20099 counter", reflector_address ());
  lab_fixture_nft (lab, rule);

  g_timeout_add (1200, cancel_soon, cancellable);
  started = g_get_monotonic_time ();
  lc_runner_run_async (runner, cancellable, on_run_done, &wait);
  g_main_loop_run (loop);

  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 1500 * 1000);

  at_cancel = probes_counted ();
  g_usleep (400 * 1000);
  later = probes_counted ();
  lab_fixture_nft_flush (lab);

  /* It was sweeping (a second's worth of probes went out), and stopped when cancelled. */
  g_assert_cmpuint (at_cancel, >, 1000);
  g_assert_cmpuint (at_cancel, <, 10100);
  g_assert_cmpuint (later, ==, at_cancel);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  lab = lab_fixture_start ();
  if (lab->netns != NULL)
    {
      g_test_add_func ("/lab/range/open-lab-passes-every-port-probed-once",
                       test_open_lab_passes_every_port_once);
      g_test_add_func ("/lab/range/dropped-sub-range-is-reported-exactly",
                       test_dropped_sub_range_is_reported_exactly);
      g_test_add_func ("/lab/range/dropped-single-port-is-reported-exactly",
                       test_dropped_single_port_is_reported_exactly);
      g_test_add_func ("/lab/range/dropped-last-port-is-reported-exactly",
                       test_dropped_last_port_is_reported_exactly);
      g_test_add_func ("/lab/range/bad-tokens-get-silence", test_bad_tokens_get_silence);
      g_test_add_func ("/lab/range/no-reply-is-larger-than-its-probe",
                       test_no_reply_is_larger_than_its_probe);
      g_test_add_func ("/lab/range/reflector-survives-a-flood-with-bounded-memory",
                       test_reflector_survives_a_flood_with_bounded_memory);
      g_test_add_func ("/lab/range/cancel-mid-sweep-stops-the-probes",
                       test_cancel_mid_sweep_stops_the_probes);
    }
  g_test_add_func ("/lab/range/token-service-down-says-refused",
                   test_token_service_down_says_refused);
  g_test_add_func ("/lab/range/token-service-slow-times-out-in-bounded-time",
                   test_token_service_slow_times_out_in_bounded_time);
  g_test_add_func ("/lab/range/token-service-nonsense-says-so",
                   test_token_service_nonsense_says_so);
  g_test_add_func ("/lab/range/token-service-with-untrusted-certificate-says-tls",
                   test_token_service_with_untrusted_certificate_says_tls);
  g_test_add_func ("/lab/range/without-reflector-says-the-range-was-not-swept",
                   test_without_reflector_says_the_range_was_not_swept);

  status = g_test_run ();
  lab_fixture_stop (lab);
  g_free (fake_url);
  return status;
}
