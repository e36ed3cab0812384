/* test-media-loopback.c — the calls on the loopback lab, the one a normal user runs (run-app)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lab is started with --loopback whoever runs this, root too: Janus on 127.0.0.1 through
 * the lab's getifaddrs() shim (tests/lab/lc-lab-ifaddrs.c), coturn on 127.0.0.1. One echo call
 * through Janus and relay calls through coturn must pass with a sample every second, on a pair
 * of 127.0.0.1 candidates.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gst/gst.h>

#include "lab-fixture.h"
#include "lc-media-call.h"
#include "lc-quality.h"

static LabFixture *lab;

typedef struct
{
  GMainLoop     *loop;
  LcMediaResult *result;
  GError        *error;
} Wait;

static void
on_call_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = lc_media_call_run_finish (LC_MEDIA_CALL (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_hang (gpointer user_data)
{
  g_error ("the call did not end in time: it hangs");
  return G_SOURCE_REMOVE;
}

static LcMediaResult *
run_call (LcProfile  *profile,
          const char *id,
          guint       limit_s)
{
  g_autoptr(LcMediaCall) call = lc_media_call_new (profile, id);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, NULL };
  guint hang_id = g_timeout_add_seconds (limit_s, on_hang, NULL);

  lc_media_call_run_async (call, NULL, on_call_done, &wait);
  g_main_loop_run (loop);
  g_source_remove (hang_id);

  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.result);
  {
    g_autoptr(JsonNode) node = lc_media_result_to_json (wait.result);
    g_autofree char *text = json_to_string (node, FALSE);

    g_test_message ("%s: %s — %s", id,
                    lc_media_status_to_string (lc_media_result_get_status (wait.result)),
                    lc_media_result_get_detail (wait.result));
    g_test_message ("%s", text);
  }
  return wait.result;
}

/* The call passed, ran its seconds with figures in every second, and lost nothing. */
static void
assert_passed_with_samples (LcMediaResult *result,
                            guint          min_samples,
                            double         min_kbps)
{
  GPtrArray *samples = lc_media_result_get_samples (result);
  LcMediaSample *summary = lc_media_result_get_summary (result);
  guint with_rtt = 0;

  g_assert_cmpint (lc_media_result_get_status (result), ==, LC_MEDIA_STATUS_PASS);
  g_assert_cmpuint (samples->len, >=, min_samples);
  for (guint i = 0; i < samples->len; i++)
    {
      LcMediaSample *sample = g_ptr_array_index (samples, i);

      g_assert_cmpfloat (sample->send_kbps, >=, min_kbps);
      g_assert_cmpfloat (sample->recv_kbps, >=, min_kbps);
      g_assert_true (isnan (sample->loss_percent) || sample->loss_percent == 0.0);
      with_rtt += isfinite (sample->rtt_ms);
    }
  /* RTT is only as fresh as the other side's receiver reports, whose interval RFC 3550 §6.3
   * randomises (0.5–1.5 × the interval): three seconds in a row without one were seen in a
   * relay loopback. Most seconds still have one. */
  g_assert_cmpuint (with_rtt, >, samples->len / 2);

  g_assert_nonnull (summary);
  g_assert_cmpfloat (summary->loss_percent, ==, 0.0);
  g_assert_cmpfloat (summary->rtt_ms, >, 0.0);
  g_assert_cmpfloat (summary->rtt_ms, <, 50.0);
  g_assert_cmpfloat (summary->send_kbps, >=, min_kbps);
  g_assert_cmpfloat (summary->recv_kbps, >=, min_kbps);
  /* A clean loopback path: the E-model gives its best grade. */
  g_assert_cmpfloat (lc_quality_mos (summary->rtt_ms, summary->jitter_ms,
                                     summary->loss_percent), >=, 4.3);
}

/* The pair the media took: (local type, local address, remote type, remote address). */
static void
assert_pair (LcMediaResult *result,
             const char    *local_type,
             const char    *remote_type)
{
  g_autoptr(JsonNode) json = lc_media_result_to_json (result);
  JsonObject *evidence = json_object_get_object_member (json_node_get_object (json),
                                                        "evidence");
  JsonObject *pair, *local, *remote;

  g_assert_true (json_object_has_member (evidence, "selected_pair"));
  pair = json_object_get_object_member (evidence, "selected_pair");
  local = json_object_get_object_member (pair, "local");
  remote = json_object_get_object_member (pair, "remote");
  g_assert_cmpstr (json_object_get_string_member (local, "type"), ==, local_type);
  g_assert_cmpstr (json_object_get_string_member (local, "address"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (remote, "type"), ==, remote_type);
  g_assert_cmpstr (json_object_get_string_member (remote, "address"), ==, "127.0.0.1");
}

static void
add_relay_udp (JsonObject *root,
               gpointer    data)
{
  JsonArray *media = json_object_get_array_member (root, "media");
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"id\": \"relay-udp\", \"via\": \"turn\", "
                                             " \"codecs\": [\"opus\"], \"transport\": \"udp\", "
                                             " \"seconds\": 5}", -1, NULL));
  json_array_add_element (media, json_node_copy (json_parser_get_root (parser)));
}

static void
test_the_lab_is_on_loopback_with_janus_media (void)
{
  JsonObject *root = json_node_get_object (lab->lab);
  JsonObject *addresses = json_object_get_object_member (root, "addresses");

  g_assert_cmpstr (json_object_get_string_member (root, "mode"), ==, "loopback");
  g_assert_null (lab->netns);
  g_assert_cmpstr (json_object_get_string_member (addresses, "rtc"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (addresses, "ice"), ==, "127.0.0.1");
  /* The shim was found (meson passes $LC_LAB_IFADDRS): without it the echo call cannot work. */
  g_assert_true (lab->janus_media);
}

/* Janus on 127.0.0.1 echoes our Opus for the profile's 10 s. */
static void
test_echo_call_passes_on_loopback (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "loopback.json", NULL, NULL);
  g_autoptr(LcMediaResult) result = run_call (profile, "audio", 40);

  assert_passed_with_samples (result, 8, lc_profile_get_thresholds (profile)->audio_kbps);
  g_assert_false (lc_media_result_get_relayed (result));
  g_assert_true (strstr (lc_media_result_get_detail (result), "echoed audio") != NULL);
  /* Host to host, both on 127.0.0.1: the candidate the shim let Janus offer. */
  assert_pair (result, "host", "host");
}

/* Two peers of ours through coturn's relay on 127.0.0.1 (allow-loopback-peers), over the
 * profile's TCP and over UDP. */
static void
test_relay_calls_pass_on_loopback (void)
{
  g_autoptr(LcProfile) profile = lab_fixture_load_profile (lab, "loopback-relay.json",
                                                           add_relay_udp, NULL);
  const char * const ids[] = { "relay", "relay-udp" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LcMediaResult) result = run_call (profile, ids[i], 30);

      assert_passed_with_samples (result, 4, lc_profile_get_thresholds (profile)->audio_kbps);
      g_assert_true (strstr (lc_media_result_get_detail (result), "through the TURN relay")
                     != NULL);
      assert_pair (result, "relay", "relay");
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  lab = lab_fixture_start_mode ("loopback");

  g_test_add_func ("/lab/media-loopback/the-lab-is-on-loopback-with-janus-media",
                   test_the_lab_is_on_loopback_with_janus_media);
  g_test_add_func ("/lab/media-loopback/echo-call-passes", test_echo_call_passes_on_loopback);
  g_test_add_func ("/lab/media-loopback/relay-calls-pass", test_relay_calls_pass_on_loopback);

  status = g_test_run ();
  lab_fixture_stop (lab);
  return status;
}
