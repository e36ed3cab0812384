/* lc-media-call.c — a real, measured call for one media entry: gateway echo or relay loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/gst.h>
#include <gst/sdp/sdp.h>

#include "lc-check.h"
#include "lc-janus-client.h"
#include "lc-json-reader.h"
#include "lc-media-call.h"
#include "lc-secret-guard.h"
#include "lc-media-peer.h"
#include "lc-safe-text.h"
#include "lc-stats-sampler.h"
#include "lc-stun-check.h"
#include "lc-stun-client.h"
#include "lc-tls.h"

/* Kept for the failure report: a gateway that trickles more is not one to believe. */
#define MAX_REMOTE_CANDIDATES 64

#define DEFAULT_ECHO_PLUGIN "janus.plugin.echotest"
/* The media phase may run this much longer than its seconds (a slow statistics answer)
 * before the call ends with the samples it has. */
#define MEDIA_GRACE_SECONDS 5
/* Media flows this long before the first second is measured. */
#define WARMUP_MS 1000
/* How long the TURN server gets to say why the ICE agent got no relay from it. */
#define DIAGNOSIS_TIMEOUT_MS 3000

/* What each RTP packet costs on the wire beyond SRTP, for the wire rates of contracts §3.
 * Estimates for IPv4 (IPv6 adds 20): UDP/IP 28; TURN adds its 4-byte ChannelData header
 * (over TCP padded to 4 bytes: 2 on average); TCP/IP is 40 plus 12 of timestamp option;
 * a TLS 1.3 record adds 22. */
#define WIRE_UDP 28.0
#define WIRE_TURN_UDP (WIRE_UDP + 4.0)
#define WIRE_TURN_TCP (52.0 + 4.0 + 2.0)
#define WIRE_TURN_TLS (WIRE_TURN_TCP + 22.0)
#define WIRE_IPV6_EXTRA 20.0

struct _LcMediaCall
{
  GObject             parent_instance;

  LcProfile          *profile;
  char               *entry_id;
  guint               connect_timeout_ms;
  char               *echo_plugin;
  char               *audio_source;
  char               *video_source;

  /* One run. */
  const LcMediaEntry *entry;
  GTask              *task;
  GCancellable       *cancellable;        /* ours: ends every operation of the run */
  GCancellable       *caller_cancellable;
  gulong              cancelled_id;
  LcMediaResult      *result;
  guint               timeout_ms;         /* signalling steps: the rule's deadline */
  gboolean            video;
  gboolean            relayed;
  LcTransport         transport;

  char               *gateway_uri;        /* echo: wss://… */
  char               *gateway_host;
  guint16             gateway_rule_port;
  const LcRule       *range_rule;         /* echo: the gateway's RTP range rule, if any */
  char               *ice_host;
  guint16             turn_rule_port;
  guint16             turn_port;
  char               *stun_uri;
  char               *turn_uri;           /* holds the TURN credential: never logged */
  char               *turn_target;        /* "TCP 198.18.13.4:80", for people */
  char               *turn_rule;          /* "TCP 80": what a firewall rule says */
  char               *local_address;
  double              wire_overhead;

  LcJanusClient      *janus;
  guint64             handle;
  gboolean            offer_created;
  gboolean            offer_sent;
  gboolean            gathering_sent;
  GPtrArray          *early_candidates;   /* ours, gathered before the offer went out */
  GPtrArray          *remote_candidates;  /* the other side's, for the failure report */

  LcMediaPeer        *peer;               /* the echo peer, or the loopback's offerer */
  LcMediaPeer        *answerer;           /* the loopback's second peer */
  gboolean            answerer_ready;     /* it has the offer: candidates can go to it */
  gboolean            offerer_ready;      /* it has the answer */
  GPtrArray          *to_answerer;
  GPtrArray          *to_offerer;
  LcStatsSampler     *sampler;

  guint               deadline_id;
  guint               warmup_id;
  guint               finish_id;
  gint64              started;
  gint64              offered;
  gint64              ice_connected;
  gint64              connected;
  gboolean            media_started;
  gboolean            diagnosing;         /* asking the TURN server why there is no relay */

  /* The outcome, decided in a signal handler and acted on from an idle. */
  gboolean            outcome_cancelled;
  LcMediaStatus       outcome_status;
  LcCause             outcome_cause;
  char               *outcome_detail;
  char               *outcome_fix;
};

G_DEFINE_FINAL_TYPE (LcMediaCall, lc_media_call, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_ENTRY_ID,
  PROP_CONNECT_TIMEOUT_MS,
  PROP_ECHO_PLUGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAMPLE,
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const LcRule *find_rule (LcProfile   *profile,
                                const char  *service,
                                LcCheckKind  check,
                                int          protocol,
                                int          tls);

static void     diagnose_relay (LcMediaCall *self);
static gboolean lacks_relay    (LcMediaCall *self);

static void
progress (LcMediaCall *self,
          const char  *text)
{
  g_debug ("%s: %s", self->entry_id, text);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, text);
}

static double
seconds_since (gint64 when)
{
  return when > 0 ? (g_get_monotonic_time () - when) / (double)G_USEC_PER_SEC : 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The end of a run */

static void
teardown (LcMediaCall *self)
{
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  g_clear_handle_id (&self->warmup_id, g_source_remove);
  g_clear_handle_id (&self->finish_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  if (self->sampler != NULL)
    {
      lc_stats_sampler_stop (self->sampler);
      g_signal_handlers_disconnect_by_data (self->sampler, self);
    }

  /* A peer with TURN allocations gives them back (a second at most) and then stops, on its
   * own: the run does not wait for it. Stopping joins every GStreamer thread of a peer. */
  for (guint i = 0; i < 2; i++)
    {
      LcMediaPeer *peer = i == 0 ? self->peer : self->answerer;

      if (peer == NULL)
        continue;
      g_signal_handlers_disconnect_by_data (peer, self);
      lc_media_peer_close_async (peer, NULL, NULL);
    }

  if (self->janus != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->janus, self);
      /* Ends the gateway session on its own time; it keeps the client alive until then. */
      lc_janus_client_close_async (self->janus, NULL, NULL, NULL);
    }

  g_clear_object (&self->sampler);
  g_clear_object (&self->peer);
  g_clear_object (&self->answerer);
  g_clear_object (&self->janus);
  g_clear_object (&self->caller_cancellable);
}

static void
record_evidence (LcMediaCall *self)
{
  JsonObject *evidence = lc_media_result_get_evidence (self->result);
  const char *via = self->entry->via == LC_MEDIA_VIA_ECHO ? "echo" : "turn";

  json_object_set_string_member (evidence, "via", via);
  if (self->gateway_uri != NULL)
    json_object_set_string_member (evidence, "gateway", self->gateway_uri);
  if (self->janus != NULL && lc_janus_client_get_server (self->janus) != NULL)
    json_object_set_string_member (evidence, "gateway_server",
                                   lc_janus_client_get_server (self->janus));
  if (self->turn_target != NULL)
    json_object_set_string_member (evidence, "turn", self->turn_target);
  json_object_set_string_member (evidence, "local_address",
                                 self->local_address ? self->local_address : "any");

  if (self->offered > 0 && self->started > 0)
    json_object_set_double_member (evidence, "signalling_ms",
                                   (self->offered - self->started) / 1000.0);
  if (self->ice_connected > 0 && self->offered > 0)
    json_object_set_double_member (evidence, "ice_ms",
                                   (self->ice_connected - self->offered) / 1000.0);
  if (self->connected > 0 && self->offered > 0)
    json_object_set_double_member (evidence, "connect_ms",
                                   (self->connected - self->offered) / 1000.0);

  if (self->peer != NULL)
    {
      GPtrArray *candidates = lc_media_peer_get_local_candidates (self->peer);
      JsonArray *local = json_array_new ();
      JsonArray *remote = json_array_new ();

      for (guint i = 0; i < candidates->len; i++)
        json_array_add_string_element (local, g_ptr_array_index (candidates, i));
      for (guint i = 0; i < self->remote_candidates->len; i++)
        json_array_add_string_element (remote, g_ptr_array_index (self->remote_candidates, i));
      json_object_set_array_member (evidence, "local_candidates", local);
      json_object_set_array_member (evidence, "remote_candidates", remote);
    }

  if (self->sampler != NULL)
    {
      JsonObject *pair = lc_stats_sampler_dup_selected_pair (self->sampler);

      if (pair != NULL)
        json_object_set_object_member (evidence, "selected_pair", pair);
    }
}

static gboolean
finish_idle (gpointer user_data)
{
  LcMediaCall *self = user_data;

  self->finish_id = 0;
  if (self->task == NULL)
    return G_SOURCE_REMOVE;

  if (self->outcome_cancelled)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      teardown (self);
      g_clear_object (&self->result);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The call was cancelled"));
      return G_SOURCE_REMOVE;
    }

  if (self->sampler != NULL)
    {
      lc_stats_sampler_stop (self->sampler);
      if (lc_stats_sampler_get_n_samples (self->sampler) > 0)
        {
          g_autoptr(LcMediaSample) summary = lc_stats_sampler_dup_summary (self->sampler);

          lc_media_result_set_summary (self->result, summary, summary->t);
        }
    }
  record_evidence (self);
  lc_media_result_set_status (self->result, self->outcome_status, self->outcome_cause,
                              self->outcome_detail);
  lc_media_result_set_fix (self->result, self->outcome_fix);

  /* The MOS is the quality module's (lc-quality.h): it is left unknown here. */

  {
    g_autoptr(GTask) task = g_steal_pointer (&self->task);

    teardown (self);
    g_task_return_pointer (task, g_steal_pointer (&self->result), g_object_unref);
  }
  return G_SOURCE_REMOVE;
}

/* Decides the outcome once; the run ends from an idle, outside whatever signal is running. */
static void
finish (LcMediaCall   *self,
        LcMediaStatus  status,
        LcCause        cause,
        const char    *detail,
        const char    *fix)
{
  if (self->task == NULL || self->finish_id != 0)
    return;

  self->outcome_status = status;
  self->outcome_cause = cause;
  g_free (self->outcome_detail);
  self->outcome_detail = g_strdup (detail);
  g_free (self->outcome_fix);
  self->outcome_fix = g_strdup (fix);
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  self->finish_id = g_idle_add_full (G_PRIORITY_DEFAULT, finish_idle, g_object_ref (self),
                                     g_object_unref);
}

static gboolean
is_running (LcMediaCall *self)
{
  return self->task != NULL && self->finish_id == 0;
}

static gboolean
cancel_idle (gpointer user_data)
{
  LcMediaCall *self = user_data;

  if (self->task == NULL)
    return G_SOURCE_REMOVE;

  g_clear_handle_id (&self->finish_id, g_source_remove);
  self->outcome_cancelled = TRUE;
  finish_idle (self);
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable *cancellable,
              LcMediaCall  *self)
{
  /* g_cancellable_disconnect() from inside this handler would deadlock: end from an idle. */
  g_idle_add_full (G_PRIORITY_HIGH, cancel_idle, g_object_ref (self), g_object_unref);
}

/* A failure of the call itself, before media flowed. */
static void
fail (LcMediaCall *self,
      LcCause      cause,
      const char  *detail,
      const char  *fix)
{
  finish (self, LC_MEDIA_STATUS_FAIL, cause, detail, fix);
}

/* Media flowed, then stopped: what it measured stays. */
static void
interrupt (LcMediaCall *self,
           const char  *why)
{
  g_autofree char *detail = NULL;
  double seconds = 0;

  if (!self->media_started)
    {
      g_autofree char *failed = g_strdup_printf (_("The call broke off while it was being set "
                                                   "up: %s"), why);
      fail (self, LC_CAUSE_NETWORK, failed, NULL);
      return;
    }

  if (self->sampler != NULL && lc_stats_sampler_get_n_samples (self->sampler) > 0)
    {
      g_autoptr(LcMediaSample) summary = lc_stats_sampler_dup_summary (self->sampler);
      seconds = summary->t;
    }
  detail = g_strdup_printf (_("The call was interrupted after %.0f s: %s"), seconds, why);
  finish (self, LC_MEDIA_STATUS_INTERRUPTED, LC_CAUSE_NETWORK, detail, NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* Candidates, codecs: what the failure reports say */

typedef struct
{
  char  *protocol;   /* lower case */
  char  *address;
  guint  port;
  char  *type;       /* host, srflx, prflx, relay */
} Candidate;

static gboolean
parse_candidate (const char *line,
                 Candidate  *candidate)
{
  g_auto(GStrv) words = NULL;

  if (g_str_has_prefix (line, "a="))
    line += 2;
  words = g_strsplit (line, " ", -1);
  if (g_strv_length (words) < 8 || !g_str_equal (words[6], "typ"))
    return FALSE;

  candidate->protocol = g_ascii_strdown (words[2], -1);
  candidate->address = g_strdup (words[4]);
  candidate->port = (guint)g_ascii_strtoull (words[5], NULL, 10);
  candidate->type = g_strdup (words[7]);
  return TRUE;
}

static void
candidate_clear (Candidate *candidate)
{
  g_free (candidate->protocol);
  g_free (candidate->address);
  g_free (candidate->type);
}

static const char *
describe_candidate_type (const char *type)
{
  if (g_str_equal (type, "host"))
    return _("host");
  if (g_str_equal (type, "srflx"))
    return _("server-reflexive (STUN)");
  if (g_str_equal (type, "prflx"))
    return _("peer-reflexive");
  if (g_str_equal (type, "relay"))
    return _("relay (TURN)");
  return type;
}

/* "host (udp 198.18.13.1, tcp 198.18.13.1), relay (TURN) (udp 198.18.13.4)" */
static char *
describe_candidates (GPtrArray *lines)
{
  static const char * const types[] = { "host", "srflx", "prflx", "relay" };
  GString *text = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < lines->len; i++)
        {
          Candidate candidate = { 0 };
          char *what;

          if (!parse_candidate (g_ptr_array_index (lines, i), &candidate))
            continue;
          what = g_strdup_printf ("%s %s:%u", candidate.protocol, candidate.address,
                                  candidate.port);
          if (g_str_equal (candidate.type, types[t]) &&
              !g_ptr_array_find_with_equal_func (seen, what, g_str_equal, NULL))
            g_ptr_array_add (seen, g_steal_pointer (&what));
          g_free (what);
          candidate_clear (&candidate);
        }

      if (seen->len == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s (", describe_candidate_type (types[t]));
      for (guint i = 0; i < MIN (seen->len, 4u); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                (char *)g_ptr_array_index (seen, i));
      if (seen->len > 4)
        g_string_append_printf (text, _(", and %u more"), seen->len - 4);
      g_string_append (text, ")");
    }

  if (text->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

static gboolean
has_candidate_type (GPtrArray  *lines,
                    const char *type)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Candidate candidate = { 0 };
      gboolean match;

      if (!parse_candidate (g_ptr_array_index (lines, i), &candidate))
        continue;
      match = g_str_equal (candidate.type, type);
      candidate_clear (&candidate);
      if (match)
        return TRUE;
    }
  return FALSE;
}

/* The codecs an answer chose, one per m-line in order ("opus", "vp8"); a rejected m-line
 * (port 0) gives "". Also collects the answer's candidates. */
static GStrv
read_answer (const char *sdp,
             GPtrArray  *candidates)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GstSDPMessage *message = NULL;

  if (gst_sdp_message_new_from_text (sdp, &message) != GST_SDP_OK)
    return NULL;

  for (guint i = 0; i < gst_sdp_message_medias_len (message); i++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (message, i);
      const char *format = gst_sdp_media_formats_len (media) > 0
                           ? gst_sdp_media_get_format (media, 0) : NULL;
      g_autofree char *codec = NULL;

      for (guint a = 0; a < gst_sdp_media_attributes_len (media); a++)
        {
          const GstSDPAttribute *attribute = gst_sdp_media_get_attribute (media, a);

          if (g_strcmp0 (attribute->key, "candidate") == 0 && attribute->value != NULL &&
              candidates != NULL && candidates->len < MAX_REMOTE_CANDIDATES)
            g_ptr_array_add (candidates, g_strdup_printf ("candidate:%s", attribute->value));

          if (codec == NULL && format != NULL && g_strcmp0 (attribute->key, "rtpmap") == 0 &&
              attribute->value != NULL && g_str_has_prefix (attribute->value, format) &&
              attribute->value[strlen (format)] == ' ')
            {
              const char *name = attribute->value + strlen (format) + 1;
              const char *slash = strchr (name, '/');

              g_autofree char *lower = g_ascii_strdown (name, slash ? slash - name : -1);

              /* The name is the gateway's word: it may end up in a detail. */
              codec = lc_safe_text_new (lower, -1, 32);
            }
        }

      g_strv_builder_add (builder, gst_sdp_media_get_port (media) == 0 || codec == NULL
                                   ? "" : codec);
    }

  gst_sdp_message_free (message);
  return g_strv_builder_end (builder);
}

/* Checks that the answer carries exactly the entry's codecs, in its order. */
static gboolean
check_codecs (LcMediaCall *self,
              const char  *sdp,
              GPtrArray   *candidates)
{
  g_auto(GStrv) chosen = read_answer (sdp, candidates);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) negotiated = NULL;
  const char *who = self->entry->via == LC_MEDIA_VIA_ECHO ? _("The video gateway")
                                                          : _("The second peer");

  if (chosen == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("%s answered with an SDP that cannot be "
                                                   "read"), who);
      fail (self, LC_CAUSE_PROTOCOL, detail, NULL);
      return FALSE;
    }

  for (guint i = 0; chosen[i] != NULL; i++)
    if (*chosen[i] != '\0')
      g_strv_builder_add (builder, chosen[i]);
  negotiated = g_strv_builder_end (builder);
  lc_media_result_set_codecs (self->result, (const char * const *)negotiated);

  for (guint i = 0; self->entry->codecs[i] != NULL; i++)
    {
      const char *wanted = self->entry->codecs[i];
      const char *got = i < g_strv_length (chosen) ? chosen[i] : "";

      if (g_str_equal (got, wanted))
        continue;

      {
        g_autofree char *detail = NULL;

        if (*got == '\0')
          detail = g_strdup_printf (_("%s refused the %s stream: the call cannot carry %s"),
                                    who, g_str_equal (wanted, "vp8") ? _("video") : _("audio"),
                                    wanted);
        else
          detail = g_strdup_printf (_("%s chose %s instead of %s: the platform’s codecs are "
                                      "not what the profile expects"), who, got, wanted);
        fail (self, LC_CAUSE_PROTOCOL, detail,
              _("Ask the platform to enable Opus and VP8 on its gateway"));
        return FALSE;
      }
    }

  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Where ICE should gather */

/* RFC 2544's benchmarking networks, 198.18.0.0/15 and 2001:2::/48: never a real destination,
 * which is why test set-ups (the project's lab) use them. */
static gboolean
is_test_network (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return bytes[0] == 198 && (bytes[1] & 0xfe) == 18;
  return bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] == 0x02 &&
         bytes[4] == 0x00 && bytes[5] == 0x00;
}

/* The address the kernel would send from to reach @target (a UDP connect sends nothing). */
static char *
route_source_for (GInetAddress *target)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GInetAddress *address;

  socket = g_socket_new (g_inet_address_get_family (target), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, NULL);
  if (socket == NULL)
    return NULL;
  remote = g_inet_socket_address_new (target, 9);
  if (!g_socket_connect (socket, remote, NULL, NULL))
    return NULL;
  local = g_socket_get_local_address (socket, NULL);
  if (local == NULL)
    return NULL;
  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  return g_inet_address_to_string (address);
}

/**
 * choose_local_address:
 *
 * libnice gathers on every interface except loopback, and once it is given an address it
 * gathers on that one only. The rule:
 * - target on loopback: give it the loopback address, or it has no candidate that can reach
 *   the target (libnice ties each socket to its interface);
 * - target in a benchmarking network (RFC 2544, the lab's namespace): give it the address the
 *   kernel routes from, so that it does not also offer every other interface (other labs'
 *   veths, the LAN) that could never pair with the target;
 * - anything else, a real deployment: leave libnice alone, so that it offers every interface
 *   and server-reflexive and relay candidates, as a browser would.
 */
static char *
choose_local_address (GInetAddress *target)
{
  if (g_inet_address_get_is_loopback (target))
    return g_strdup (g_inet_address_get_family (target) == G_SOCKET_FAMILY_IPV6 ? "::1"
                                                                                : "127.0.0.1");
  if (is_test_network (target))
    return route_source_for (target);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Media phase */

static void
on_sample (LcStatsSampler *sampler,
           LcMediaSample  *sample,
           LcMediaCall    *self)
{
  if (!is_running (self))
    return;

  lc_media_result_add_sample (self->result, sample);
  g_signal_emit (self, signals[SIGNAL_SAMPLE], 0, sample);

  if (lc_stats_sampler_get_silent_seconds (sampler) >= LC_MEDIA_CALL_SILENCE_SECONDS &&
      lc_stats_sampler_get_packets_received (sampler) == 0)
    {
      /* Connected, sending, and nothing ever came back: the path back is shut. */
      g_autofree char *detail = g_strdup_printf (_("The call connects and our media goes out, "
                                                   "but nothing came back in %.0f s"),
                                                 lc_stats_sampler_get_silent_seconds (sampler));
      fail (self, LC_CAUSE_NETWORK, detail, NULL);
      return;
    }

  if (lc_stats_sampler_get_silent_seconds (sampler) >= LC_MEDIA_CALL_SILENCE_SECONDS)
    {
      g_autofree char *why = g_strdup_printf (_("no media came back for %.0f s"),
                                              lc_stats_sampler_get_silent_seconds (sampler));
      interrupt (self, why);
      return;
    }

  if (lc_stats_sampler_get_n_samples (sampler) >= self->entry->seconds)
    {
      g_autofree char *detail = NULL;

      if (self->entry->via == LC_MEDIA_VIA_TURN)
        detail = g_strdup_printf (_("Media went both ways through the TURN relay (%s) for "
                                    "%u s"), self->turn_target, self->entry->seconds);
      else if (self->relayed)
        detail = g_strdup_printf (_("The video gateway echoed %s through the TURN relay "
                                    "(%s) for %u s"),
                                  self->video ? _("audio and video") : _("audio"),
                                  self->turn_target, self->entry->seconds);
      else
        detail = g_strdup_printf (_("The video gateway echoed %s for %u s"),
                                  self->video ? _("audio and video") : _("audio"),
                                  self->entry->seconds);
      finish (self, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE, detail, NULL);
    }
}

static gboolean
on_media_deadline (gpointer user_data)
{
  LcMediaCall *self = user_data;

  self->deadline_id = 0;
  /* The statistics stalled: end with what was measured. */
  interrupt (self, _("the statistics stopped coming"));
  return G_SOURCE_REMOVE;
}

static gboolean
start_sampling (gpointer user_data)
{
  LcMediaCall *self = user_data;
  LcStatsSamplerMode mode = self->entry->via == LC_MEDIA_VIA_ECHO ? LC_STATS_SAMPLER_ECHO
                                                                  : LC_STATS_SAMPLER_LOOPBACK;
  g_autofree char *text = NULL;

  self->warmup_id = 0;
  self->sampler = lc_stats_sampler_new (self->peer, mode, self->wire_overhead);
  if (self->answerer != NULL)
    lc_stats_sampler_set_partner (self->sampler, self->answerer);
  g_signal_connect (self->sampler, "sample", G_CALLBACK (on_sample), self);
  lc_stats_sampler_start (self->sampler);
  self->deadline_id = g_timeout_add_seconds (self->entry->seconds + MEDIA_GRACE_SECONDS +
                                             LC_STATS_SAMPLER_MAX_BASE_WAIT_MS / 1000,
                                             on_media_deadline, self);

  text = g_strdup_printf (_("Measuring for %u s"), self->entry->seconds);
  progress (self, text);
  return G_SOURCE_REMOVE;
}

static void
start_media (LcMediaCall *self)
{
  self->media_started = TRUE;
  self->connected = g_get_monotonic_time ();
  g_clear_handle_id (&self->deadline_id, g_source_remove);

  /* Nothing was sent before the path was up (the peers drop, not queue, what the sources
   * make during set-up). Media flows a moment before the zero of the counts is taken, so
   * that the other side's first receiver report (which may still count what it dropped
   * before its own DTLS was done) is the base, not a figure. */
  self->warmup_id = g_timeout_add (WARMUP_MS, start_sampling, self);
}

/* ---------------------------------------------------------------------------------------- */
/* Connecting: ICE, then DTLS */

static char *
describe_ice_failure (LcMediaCall *self,
                      double       seconds,
                      char       **fix)
{
  g_autofree char *local = describe_candidates (lc_media_peer_get_local_candidates (self->peer));
  g_autofree char *remote = NULL;

  if (self->entry->via == LC_MEDIA_VIA_TURN)
    {
      const LcRule *range = find_rule (self->profile, "ice", LC_CHECK_KIND_UDP_RANGE,
                                       LC_PROTOCOL_UDP, -1);

      if (range != NULL)
        {
          g_autofree char *ports = lc_rule_format_ports (range);
          *fix = g_strdup_printf (_("Allow %s to %s (TURN), and UDP %s to it (relayed media)"),
                                  self->turn_rule, self->ice_host, ports);
        }
      else
        *fix = g_strdup_printf (_("Allow %s to %s (TURN)"), self->turn_rule, self->ice_host);
      return g_strdup_printf (_("No media path through the TURN relay: ICE failed after "
                                "%.0f s. The peers tried these candidates: %s"),
                              seconds, local);
    }

  remote = describe_candidates (self->remote_candidates);
  if (self->relayed)
    *fix = g_strdup_printf (_("Allow %s to %s (TURN)"), self->turn_rule, self->ice_host);
  else if (self->range_rule != NULL)
    {
      g_autofree char *ports = lc_rule_format_ports (self->range_rule);
      *fix = g_strdup_printf (_("Allow UDP %s to %s (%s), or relay the media through TURN"),
                              ports, self->gateway_host, self->range_rule->description
                                                         ? self->range_rule->description
                                                         : _("RTP media"));
    }
  else
    *fix = g_strdup_printf (_("Allow UDP to the gateway’s media ports on %s (its RTP range), "
                              "or relay the media through TURN"), self->gateway_host);

  return g_strdup_printf (_("No media path to the video gateway: ICE failed after %.0f s. "
                            "Tried our candidates %s against the gateway’s %s — the "
                            "gateway’s media ports are probably blocked"),
                          seconds, local, remote);
}

static gboolean
on_connect_deadline (gpointer user_data)
{
  LcMediaCall *self = user_data;
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  double seconds = self->connect_timeout_ms / 1000.0;

  self->deadline_id = 0;

  /* The TURN server's own answer is on its way (its probe has a deadline of its own). */
  if (self->diagnosing)
    return G_SOURCE_REMOVE;
  if (self->relayed && self->peer != NULL && self->ice_connected == 0 && lacks_relay (self))
    {
      diagnose_relay (self);
      return G_SOURCE_REMOVE;
    }

  if (self->ice_connected > 0)
    {
      double dtls_seconds = (g_get_monotonic_time () - self->ice_connected) /
                            (double)G_USEC_PER_SEC;

      detail = g_strdup_printf (_("ICE connected, but the DTLS handshake did not complete "
                                  "within %.0f s: its packets do not get through. Something "
                                  "on the path drops or alters larger UDP packets (DTLS "
                                  "carries certificates), such as a firewall inspecting UDP, "
                                  "or the network loses a large share of its packets"),
                                dtls_seconds);
      fail (self, LC_CAUSE_TLS, detail,
            _("Let UDP packets of any size through to the media ports, without inspection"));
      return G_SOURCE_REMOVE;
    }

  if (self->peer == NULL)
    {
      detail = g_strdup_printf (_("The call was not set up within %.0f s"), seconds);
      fail (self, LC_CAUSE_TIMEOUT, detail, NULL);
      return G_SOURCE_REMOVE;
    }

  detail = describe_ice_failure (self, seconds, &fix);
  fail (self, LC_CAUSE_TIMEOUT, detail, fix);
  return G_SOURCE_REMOVE;
}

static gboolean
peer_is_connected (LcMediaPeer *peer)
{
  return peer == NULL ||
         lc_media_peer_get_connection_state (peer) == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED;
}

static gboolean
peer_ice_is_up (LcMediaPeer *peer)
{
  GstWebRTCICEConnectionState state = lc_media_peer_get_ice_state (peer);

  return state == GST_WEBRTC_ICE_CONNECTION_STATE_CONNECTED ||
         state == GST_WEBRTC_ICE_CONNECTION_STATE_COMPLETED;
}

/* What a failure of the gateway's signalling means for the report: once the WebSocket is
 * open, a silent gateway is not a blocked port. */
static LcCause
cause_from_janus_error (const GError *error)
{
  LcCause cause;

  if (error->domain == LC_JANUS_ERROR)
    return error->code == LC_JANUS_ERROR_TIMEOUT || error->code == LC_JANUS_ERROR_SILENT
           ? LC_CAUSE_SILENT : LC_CAUSE_PROTOCOL;

  cause = lc_check_cause_from_error (error);
  if (cause == LC_CAUSE_NETWORK && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED))
    cause = LC_CAUSE_PROTOCOL;
  return cause;
}

static void
on_relay_diagnosed (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(LcStunResult) probe = lc_stun_client_probe_finish (result, NULL);
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  LcCause cause;

  self->diagnosing = FALSE;
  if (!is_running (self))
    return;

  /* The ICE agent's relay candidates may have come in while the server was asked: then
   * the call goes on, or, if its deadline passed meanwhile, fails for what else it lacks. */
  if (!lacks_relay (self))
    {
      if (self->deadline_id == 0 && !self->media_started)
        on_connect_deadline (self);
      return;
    }

  if (probe == NULL || probe->success)
    {
      /* The server allocates for a probe of ours, not for the ICE agent: nothing more to
       * say than that. */
      detail = g_strdup_printf (_("The ICE agent got no relay address from the TURN server "
                                  "over %s, although the server allocates relays"),
                                self->turn_target);
      fail (self, LC_CAUSE_PROTOCOL, detail, NULL);
      return;
    }

  cause = lc_stun_check_cause_from_stun (probe->cause);
  detail = g_strdup_printf (_("The TURN server gave no relay address over %s: %s"),
                            self->turn_target, probe->detail);
  if (cause == LC_CAUSE_AUTH)
    fix = g_strdup (_("Check the TURN username and credential the platform gave you"));
  else if (cause == LC_CAUSE_TLS && probe->tls_errors != 0)
    fix = lc_tls_describe_remedy (probe->tls_errors);
  else if (lc_cause_is_blocked (cause))
    fix = g_strdup_printf (_("Allow %s to %s (TURN)"), self->turn_rule, self->ice_host);
  fail (self, cause, detail, fix);
}

/* libnice says that an allocation failed, not why: the project's own TURN client asks the
 * server the same question and hears its answer (401, nothing, a TLS failure…). */
static void
diagnose_relay (LcMediaCall *self)
{
  const LcService *ice = lc_profile_lookup_service (self->profile, "ice");
  g_autoptr(GSocketConnectable) server = NULL;
  g_autoptr(GTlsDatabase) database = NULL;

  if (self->diagnosing)
    return;
  self->diagnosing = TRUE;
  progress (self, _("Asking the TURN server why it gives no relay"));

  database = lc_tls_database_new_for_profile (self->profile, NULL);
  server = g_network_address_new (self->ice_host, self->turn_port);
  lc_stun_client_probe_async (server, self->turn_rule_port, (LcStunTransport)self->transport,
                              LC_STUN_PROBE_ALLOCATE,
                              ice->username, ice->credential, database,
                              MIN (self->timeout_ms, DIAGNOSIS_TIMEOUT_MS), self->cancellable,
                              on_relay_diagnosed, g_object_ref (self));
}

static gboolean
lacks_relay (LcMediaCall *self)
{
  for (guint i = 0; i < 2; i++)
    {
      LcMediaPeer *peer = i == 0 ? self->peer : self->answerer;

      if (peer != NULL &&
          !has_candidate_type (lc_media_peer_get_local_candidates (peer), "relay"))
        return TRUE;
    }
  return FALSE;
}

static void
check_gathering (LcMediaCall *self,
                 LcMediaPeer *peer)
{
  GPtrArray *candidates = lc_media_peer_get_local_candidates (peer);

  if (!lc_media_peer_get_gathering_done (peer))
    return;

  if (self->relayed && !has_candidate_type (candidates, "relay"))
    diagnose_relay (self);
  else if (candidates->len == 0)
    fail (self, LC_CAUSE_NETWORK,
          _("The ICE agent found no local address to send media from"), NULL);
}

static void
on_peer_state_changed (LcMediaPeer *peer,
                       LcMediaCall *self)
{
  GstWebRTCICEConnectionState ice = lc_media_peer_get_ice_state (peer);
  GstWebRTCPeerConnectionState connection = lc_media_peer_get_connection_state (peer);

  if (!is_running (self))
    return;

  if (self->media_started)
    {
      if (ice == GST_WEBRTC_ICE_CONNECTION_STATE_FAILED ||
          connection == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED)
        interrupt (self, _("the media connection failed"));
      /* "disconnected" may recover: the silence check decides. */
      return;
    }

  if (ice == GST_WEBRTC_ICE_CONNECTION_STATE_FAILED)
    {
      g_autofree char *fix = NULL;
      g_autofree char *detail = describe_ice_failure (self, seconds_since (self->offered), &fix);

      fail (self, LC_CAUSE_TIMEOUT, detail, fix);
      return;
    }

  if (connection == GST_WEBRTC_PEER_CONNECTION_STATE_FAILED)
    {
      /* ICE is up (else it failed above): DTLS itself failed, not for want of packets. */
      fail (self, LC_CAUSE_TLS,
            _("ICE connected, but the DTLS handshake failed: the other side does not accept "
              "our certificate or its answer does not match it"), NULL);
      return;
    }

  if (self->ice_connected == 0 && peer_ice_is_up (self->peer) &&
      (self->answerer == NULL || peer_ice_is_up (self->answerer)))
    {
      self->ice_connected = g_get_monotonic_time ();
      progress (self, _("ICE connected; securing the media (DTLS)"));
      /* DTLS repeats a lost flight after 1, 2, 4… s: on a lossy path it needs a few
       * tries. However late ICE connected, the handshake gets the whole connect time. */
      g_clear_handle_id (&self->deadline_id, g_source_remove);
      self->deadline_id = g_timeout_add (self->connect_timeout_ms, on_connect_deadline, self);
    }

  check_gathering (self, peer);

  if (peer_is_connected (self->peer) && peer_is_connected (self->answerer))
    start_media (self);
}

static void
on_peer_failed (LcMediaPeer *peer,
                const char  *message,
                LcMediaCall *self)
{
  g_autofree char *why = g_strdup_printf (_("the media pipeline stopped (%s)"), message);

  if (!is_running (self))
    return;
  if (self->media_started)
    interrupt (self, why);
  else
    fail (self, LC_CAUSE_NOT_TESTABLE, why, NULL);
}

static void
arm_connect_deadline (LcMediaCall *self)
{
  self->offered = g_get_monotonic_time ();
  g_clear_handle_id (&self->deadline_id, g_source_remove);
  self->deadline_id = g_timeout_add (self->connect_timeout_ms, on_connect_deadline, self);
  progress (self, _("Connecting the media (ICE)"));
}

static LcMediaPeer *
make_peer (LcMediaCall  *self,
           const char   *name,
           GError      **error)
{
  g_autoptr(LcMediaPeer) peer = lc_media_peer_new (name, self->video);

  /* The gateway bundles whatever it is offered; two local peers need not (and 1.22's
   * statistics are right only without bundle). */
  lc_media_peer_set_bundle_policy (peer, self->entry->via == LC_MEDIA_VIA_ECHO
                                         ? GST_WEBRTC_BUNDLE_POLICY_MAX_BUNDLE
                                         : GST_WEBRTC_BUNDLE_POLICY_NONE);
  lc_media_peer_set_relay_only (peer, self->relayed);
  lc_media_peer_set_sources (peer, self->audio_source, self->video_source);
  lc_media_peer_set_local_address (peer, self->local_address);
  if (self->relayed)
    lc_media_peer_set_turn_server (peer, self->turn_uri);
  else if (self->stun_uri != NULL)
    lc_media_peer_set_stun_server (peer, self->stun_uri);

  g_signal_connect (peer, "state-changed", G_CALLBACK (on_peer_state_changed), self);
  g_signal_connect (peer, "failed", G_CALLBACK (on_peer_failed), self);

  if (!lc_media_peer_start (peer, error))
    return NULL;
  return g_steal_pointer (&peer);
}

static void
fail_to_start (LcMediaCall *self,
               GError      *error)
{
  g_autofree char *detail = g_strdup_printf (_("The media pipeline cannot be built here: %s"),
                                             error->message);

  /* Not the network's fault: this machine cannot make the call. */
  finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE, detail,
          _("Install GStreamer’s good and bad plugins with WebRTC (webrtcbin, opus, vpx, "
            "nice, dtls, srtp)"));
}

/* ---------------------------------------------------------------------------------------- */
/* Echo through the gateway */

static void
on_janus_trickle (LcJanusClient *janus,
                  guint64        handle,
                  guint          mline_index,
                  const char    *candidate,
                  LcMediaCall   *self)
{
  if (!is_running (self) || candidate == NULL || self->peer == NULL)
    return;
  /* The gateway's line: kept (for the failure report) as it can be shown. */
  if (self->remote_candidates->len < MAX_REMOTE_CANDIDATES)
    g_ptr_array_add (self->remote_candidates, lc_safe_text_new (candidate, -1, 200));
  lc_media_peer_add_ice_candidate (self->peer, mline_index, candidate);
}

static void
on_janus_hangup (LcJanusClient *janus,
                 guint64        handle,
                 const char    *reason,
                 LcMediaCall   *self)
{
  g_autofree char *why = g_strdup_printf (_("the video gateway hung up (%s)"), reason);

  if (!is_running (self))
    return;
  if (self->media_started)
    interrupt (self, why);
  else
    {
      g_autofree char *detail = g_strdup_printf (_("The video gateway hung up while the call "
                                                   "was being set up (%s)"), reason);
      fail (self, LC_CAUSE_PROTOCOL, detail, NULL);
    }
}

static void
on_janus_closed (LcJanusClient *janus,
                 const char    *reason,
                 LcMediaCall   *self)
{
  /* @reason is the client's sentence; here it is part of the call's. */
  const char *why = _("the video gateway closed its connection");

  if (!is_running (self))
    return;
  if (self->media_started)
    interrupt (self, why);
  else
    fail (self, LC_CAUSE_NETWORK,
          _("The video gateway closed its connection while the call was being set up"), NULL);
}

static void
send_candidate (LcMediaCall *self,
                guint        mline_index,
                const char  *candidate)
{
  lc_janus_client_trickle (self->janus, self->handle, mline_index, candidate);
}

static void
on_echo_local_candidate (LcMediaPeer *peer,
                         guint        mline_index,
                         const char  *candidate,
                         LcMediaCall *self)
{
  if (!is_running (self))
    return;
  if (self->offer_sent)
    send_candidate (self, mline_index, candidate);
  else
    g_ptr_array_add (self->early_candidates, g_strdup_printf ("%u %s", mline_index, candidate));
}

/* Tells the gateway that every candidate of ours was sent. */
static void
on_echo_gathering (LcMediaPeer *peer,
                   LcMediaCall *self)
{
  if (is_running (self) && self->offer_sent && !self->gathering_sent &&
      lc_media_peer_get_gathering_done (peer))
    {
      self->gathering_sent = TRUE;
      send_candidate (self, 0, NULL);
    }
}

static void
on_echo_remote_set (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lc_media_peer_set_remote_description_finish (LC_MEDIA_PEER (object), result, &error) ||
      !is_running (self))
    return;

  {
    g_autofree char *detail = g_strdup_printf (_("The gateway’s answer cannot be used: %s"),
                                               error->message);
    fail (self, LC_CAUSE_PROTOCOL, detail, NULL);
  }
}

static void
on_echo_answer (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) event = NULL;
  JsonObject *jsep = NULL;
  const char *sdp = NULL;

  event = lc_janus_client_send_message_finish (LC_JANUS_CLIENT (object), result, &error);
  if (!is_running (self))
    return;
  if (event == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("The video gateway’s echo test does not "
                                                   "take our offer: %s"), error->message);
      fail (self, cause_from_janus_error (error), detail, NULL);
      return;
    }

  /* The client checked the types of what the gateway sent: jsep.sdp, if there, is text. */
  if (lc_json_read_object (event, "jsep", LC_JSON_OPTIONAL, &jsep, NULL) && jsep != NULL)
    lc_json_read_string (jsep, "sdp", LC_JSON_OPTIONAL, &sdp, NULL);
  if (sdp == NULL)
    {
      fail (self, LC_CAUSE_PROTOCOL, _("The video gateway’s echo test answered without an SDP"),
            NULL);
      return;
    }

  if (!check_codecs (self, sdp, self->remote_candidates))
    return;

  lc_media_peer_set_remote_description_async (self->peer, GST_WEBRTC_SDP_TYPE_ANSWER, sdp,
                                              self->cancellable, on_echo_remote_set,
                                              g_object_ref (self));
}

static void
on_echo_offer (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sdp = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  sdp = lc_media_peer_create_offer_finish (LC_MEDIA_PEER (object), result, &error);
  if (!is_running (self))
    return;
  if (sdp == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("No offer could be made: %s"), error->message);
      fail (self, LC_CAUSE_NOT_TESTABLE, detail, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "audio");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "video");
  json_builder_add_boolean_value (builder, self->video);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  progress (self, _("Offering the media to the gateway’s echo test"));
  lc_janus_client_send_message_async (self->janus, self->handle, body, "offer", sdp,
                                      self->cancellable, on_echo_answer, g_object_ref (self));
  self->offer_sent = TRUE;
  arm_connect_deadline (self);

  /* The gateway takes candidates for a handle once it has the offer. */
  for (guint i = 0; i < self->early_candidates->len; i++)
    {
      const char *line = g_ptr_array_index (self->early_candidates, i);
      char *space = strchr (line, ' ');

      send_candidate (self, (guint)g_ascii_strtoull (line, NULL, 10), space + 1);
    }
  g_ptr_array_set_size (self->early_candidates, 0);
  on_echo_gathering (self->peer, self);
}

static void
on_echo_negotiation_needed (LcMediaPeer *peer,
                            LcMediaCall *self)
{
  if (!is_running (self) || self->offer_created)
    return;
  self->offer_created = TRUE;
  lc_media_peer_create_offer_async (peer, self->cancellable, on_echo_offer, g_object_ref (self));
}

static void
on_attached (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;

  self->handle = lc_janus_client_attach_finish (LC_JANUS_CLIENT (object), result, &error);
  if (!is_running (self))
    return;
  if (self->handle == 0)
    {
      g_autofree char *detail = NULL;
      g_autofree char *fix = NULL;

      if (g_error_matches (error, LC_JANUS_ERROR, LC_JANUS_ERROR_NO_SUCH_PLUGIN))
        {
          detail = g_strdup_printf (_("The video gateway (%s) answers, but has no echo test: "
                                      "%s"), self->gateway_uri, error->message);
          fix = g_strdup_printf (_("Ask the platform to enable the gateway’s echo test "
                                   "plugin (%s)"), self->echo_plugin);
        }
      else
        detail = g_strdup_printf (_("The video gateway (%s) does not open its echo test: %s"),
                                  self->gateway_uri, error->message);
      fail (self, cause_from_janus_error (error), detail, fix);
      return;
    }

  progress (self, _("Starting the media"));
  self->peer = make_peer (self, "echo", &error);
  if (self->peer == NULL)
    {
      fail_to_start (self, error);
      return;
    }
  g_signal_connect (self->peer, "negotiation-needed", G_CALLBACK (on_echo_negotiation_needed),
                    self);
  g_signal_connect (self->peer, "local-candidate", G_CALLBACK (on_echo_local_candidate), self);
  g_signal_connect (self->peer, "state-changed", G_CALLBACK (on_echo_gathering), self);
}

static void
on_janus_connected (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags tls_errors;
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  LcCause cause;

  if (lc_janus_client_connect_finish (LC_JANUS_CLIENT (object), result, &error))
    {
      if (!is_running (self))
        return;
      progress (self, _("Opening the gateway’s echo test"));
      lc_janus_client_attach_async (self->janus, self->echo_plugin, self->cancellable,
                                    on_attached, g_object_ref (self));
      return;
    }

  if (!is_running (self))
    return;

  tls_errors = lc_janus_client_get_tls_errors (self->janus);
  if (tls_errors != 0)
    {
      g_autofree char *problem = lc_tls_describe_errors (tls_errors);
      g_autofree char *remedy = lc_tls_describe_remedy (tls_errors);

      detail = g_strdup_printf (_("The video gateway (%s) connects, but its certificate is "
                                  "refused: %s"), self->gateway_uri, problem);
      fix = g_strdup (remedy);
      cause = LC_CAUSE_TLS;
    }
  else
    {
      cause = cause_from_janus_error (error);
      detail = lc_cause_is_blocked (cause)
        ? g_strdup_printf (_("The video gateway (%s) cannot be reached: %s"),
                           self->gateway_uri, error->message)
        : g_strdup_printf (_("The video gateway (%s) is reached, but does not answer as a "
                             "gateway: %s"), self->gateway_uri, error->message);
      if (lc_cause_is_blocked (cause))
        fix = g_strdup_printf (_("Allow TCP %u to %s (the video gateway’s WebSocket)"),
                               self->gateway_rule_port, self->gateway_host);
    }

  fail (self, cause, detail, fix);
}

static void
start_echo (LcMediaCall *self)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = lc_tls_database_new_for_profile (self->profile, &error);
  if (error != NULL)
    {
      finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE, error->message, NULL);
      return;
    }

  progress (self, _("Connecting to the video gateway"));
  self->janus = lc_janus_client_new (self->gateway_uri, database, self->timeout_ms);
  g_signal_connect (self->janus, "trickle", G_CALLBACK (on_janus_trickle), self);
  g_signal_connect (self->janus, "hangup", G_CALLBACK (on_janus_hangup), self);
  g_signal_connect (self->janus, "closed", G_CALLBACK (on_janus_closed), self);
  lc_janus_client_connect_async (self->janus, self->cancellable, on_janus_connected,
                                 g_object_ref (self));
}

/* ---------------------------------------------------------------------------------------- */
/* Loopback through the relay: two peers here */

static void
deliver (LcMediaPeer *peer,
         gboolean     ready,
         GPtrArray   *queue,
         guint        mline_index,
         const char  *candidate)
{
  if (ready)
    lc_media_peer_add_ice_candidate (peer, mline_index, candidate);
  else
    g_ptr_array_add (queue, g_strdup_printf ("%u %s", mline_index, candidate));
}

static void
flush (LcMediaPeer *peer,
       GPtrArray   *queue)
{
  for (guint i = 0; i < queue->len; i++)
    {
      const char *line = g_ptr_array_index (queue, i);

      lc_media_peer_add_ice_candidate (peer, (guint)g_ascii_strtoull (line, NULL, 10),
                                       strchr (line, ' ') + 1);
    }
  g_ptr_array_set_size (queue, 0);
}

static void
on_offerer_candidate (LcMediaPeer *peer,
                      guint        mline_index,
                      const char  *candidate,
                      LcMediaCall *self)
{
  if (is_running (self))
    deliver (self->answerer, self->answerer_ready, self->to_answerer, mline_index, candidate);
}

static void
on_answerer_candidate (LcMediaPeer *peer,
                       guint        mline_index,
                       const char  *candidate,
                       LcMediaCall *self)
{
  if (!is_running (self))
    return;
  g_ptr_array_add (self->remote_candidates, g_strdup (candidate));
  deliver (self->peer, self->offerer_ready, self->to_offerer, mline_index, candidate);
}

static void
on_offerer_remote_set (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_media_peer_set_remote_description_finish (LC_MEDIA_PEER (object), result, &error))
    {
      if (is_running (self))
        fail (self, LC_CAUSE_NOT_TESTABLE, error->message, NULL);
      return;
    }
  if (!is_running (self))
    return;
  self->offerer_ready = TRUE;
  flush (self->peer, self->to_offerer);
}

static void
on_loopback_answer (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sdp = NULL;

  sdp = lc_media_peer_create_answer_finish (LC_MEDIA_PEER (object), result, &error);
  if (!is_running (self))
    return;
  if (sdp == NULL)
    {
      fail (self, LC_CAUSE_NOT_TESTABLE, error->message, NULL);
      return;
    }
  if (!check_codecs (self, sdp, NULL))
    return;
  lc_media_peer_set_remote_description_async (self->peer, GST_WEBRTC_SDP_TYPE_ANSWER, sdp,
                                              self->cancellable, on_offerer_remote_set,
                                              g_object_ref (self));
}

static void
on_answerer_remote_set (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_media_peer_set_remote_description_finish (LC_MEDIA_PEER (object), result, &error))
    {
      if (is_running (self))
        fail (self, LC_CAUSE_NOT_TESTABLE, error->message, NULL);
      return;
    }
  if (!is_running (self))
    return;
  self->answerer_ready = TRUE;
  flush (self->answerer, self->to_answerer);
  lc_media_peer_create_answer_async (self->answerer, self->cancellable, on_loopback_answer,
                                     g_object_ref (self));
}

static void
on_loopback_offer (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sdp = NULL;

  sdp = lc_media_peer_create_offer_finish (LC_MEDIA_PEER (object), result, &error);
  if (!is_running (self))
    return;
  if (sdp == NULL)
    {
      fail (self, LC_CAUSE_NOT_TESTABLE, error->message, NULL);
      return;
    }
  arm_connect_deadline (self);
  lc_media_peer_set_remote_description_async (self->answerer, GST_WEBRTC_SDP_TYPE_OFFER, sdp,
                                              self->cancellable, on_answerer_remote_set,
                                              g_object_ref (self));
}

static void
on_loopback_negotiation_needed (LcMediaPeer *peer,
                                LcMediaCall *self)
{
  if (!is_running (self) || self->offer_created)
    return;
  self->offer_created = TRUE;
  lc_media_peer_create_offer_async (peer, self->cancellable, on_loopback_offer,
                                    g_object_ref (self));
}

static void
start_loopback (LcMediaCall *self)
{
  g_autoptr(GError) error = NULL;

  progress (self, _("Starting two peers relayed by the TURN server"));
  self->peer = make_peer (self, "loopback-offerer", &error);
  if (self->peer == NULL)
    {
      fail_to_start (self, error);
      return;
    }
  self->answerer = make_peer (self, "loopback-answerer", &error);
  if (self->answerer == NULL)
    {
      fail_to_start (self, error);
      return;
    }
  g_signal_connect (self->peer, "negotiation-needed",
                    G_CALLBACK (on_loopback_negotiation_needed), self);
  g_signal_connect (self->peer, "local-candidate", G_CALLBACK (on_offerer_candidate), self);
  g_signal_connect (self->answerer, "local-candidate", G_CALLBACK (on_answerer_candidate), self);
}

/* ---------------------------------------------------------------------------------------- */
/* Setting up a run */

static const LcRule *
find_rule (LcProfile   *profile,
           const char  *service,
           LcCheckKind  check,
           int          protocol,
           int          tls)
{
  for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
    {
      const LcRule *rule = lc_profile_get_rule (profile, i);

      if (g_strcmp0 (rule->service, service) == 0 && rule->check == check &&
          (protocol < 0 || (int)rule->protocol == protocol) && (tls < 0 || rule->tls == tls))
        return rule;
    }
  return NULL;
}

static const LcRule *
find_turn_rule (LcProfile   *profile,
                LcTransport  transport)
{
  switch (transport)
    {
    case LC_TRANSPORT_UDP:
      return find_rule (profile, "ice", LC_CHECK_KIND_TURN, LC_PROTOCOL_UDP, -1);
    case LC_TRANSPORT_TCP:
      return find_rule (profile, "ice", LC_CHECK_KIND_TURN, LC_PROTOCOL_TCP, FALSE);
    case LC_TRANSPORT_TLS:
      return find_rule (profile, "ice", LC_CHECK_KIND_TURN, LC_PROTOCOL_TCP, TRUE);
    default:
      g_assert_not_reached ();
    }
}

static char *
format_host (const char *host)
{
  return strchr (host, ':') ? g_strdup_printf ("[%s]", host) : g_strdup (host);
}

/* Everything the profile must say for this entry; a skip when it does not. */
static gboolean
read_profile (LcMediaCall *self)
{
  const LcService *ice = lc_profile_lookup_service (self->profile, "ice");

  if (self->entry->via == LC_MEDIA_VIA_ECHO)
    {
      const LcService *gateway = lc_profile_lookup_service (self->profile, self->entry->service);
      const LcRule *rule = find_rule (self->profile, self->entry->service,
                                      LC_CHECK_KIND_WEBSOCKET, LC_PROTOCOL_TCP, -1);
      g_autofree char *host = NULL;

      if (gateway == NULL || gateway->host == NULL || rule == NULL)
        {
          finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE,
                  _("The profile does not say where the video gateway is"), NULL);
          return FALSE;
        }

      self->gateway_host = g_strdup (gateway->host);
      self->gateway_rule_port = rule->port_min;
      host = format_host (gateway->host);
      self->gateway_uri = g_strdup_printf ("%s://%s:%u%s", rule->tls ? "wss" : "ws", host,
                                           lc_service_get_local_port (gateway, rule->port_min),
                                           rule->path ? rule->path : "/");
      self->timeout_ms = rule->timeout_ms > 0 ? rule->timeout_ms
                                              : lc_profile_get_timeout_ms (self->profile);
      self->range_rule = find_rule (self->profile, self->entry->service,
                                    LC_CHECK_KIND_UDP_RANGE, LC_PROTOCOL_UDP, -1);
      self->wire_overhead = WIRE_UDP;

      /* A STUN server gives the server-reflexive candidate a browser would offer. */
      if (!self->relayed && ice != NULL && ice->host != NULL)
        {
          const LcRule *stun = find_rule (self->profile, "ice", LC_CHECK_KIND_STUN,
                                          LC_PROTOCOL_UDP, -1);
          g_autofree char *ice_host = format_host (ice->host);

          if (stun == NULL)
            stun = find_rule (self->profile, "ice", LC_CHECK_KIND_TURN, LC_PROTOCOL_UDP, -1);
          if (stun != NULL)
            self->stun_uri = g_strdup_printf ("stun://%s:%u", ice_host,
                                              lc_service_get_local_port (ice, stun->port_min));
        }
    }
  else
    self->timeout_ms = lc_profile_get_timeout_ms (self->profile);

  if (self->relayed)
    {
      const LcRule *rule = find_turn_rule (self->profile, self->transport);

      if (ice == NULL || ice->host == NULL || rule == NULL)
        {
          finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE,
                  _("The profile does not say where the TURN server is"), NULL);
          return FALSE;
        }
      if (ice->username == NULL || ice->credential == NULL)
        {
          finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE,
                  _("The profile gives no TURN credentials: a relayed call cannot be made"),
                  _("Enter the TURN username and credential the platform gave you"));
          return FALSE;
        }

      self->ice_host = g_strdup (ice->host);
      self->turn_rule_port = rule->port_min;
      self->turn_port = lc_service_get_local_port (ice, rule->port_min);
      self->turn_target = g_strdup_printf ("%s %s:%u",
                                           self->transport == LC_TRANSPORT_UDP ? "UDP"
                                           : self->transport == LC_TRANSPORT_TCP ? "TCP"
                                           : "TLS", ice->host, self->turn_rule_port);
      self->turn_rule = g_strdup_printf ("%s %u",
                                         self->transport == LC_TRANSPORT_UDP ? "UDP" : "TCP",
                                         self->turn_rule_port);
      self->wire_overhead = self->transport == LC_TRANSPORT_UDP ? WIRE_TURN_UDP
                            : self->transport == LC_TRANSPORT_TCP ? WIRE_TURN_TCP
                            : WIRE_TURN_TLS;
    }

  if (self->timeout_ms == 0)
    self->timeout_ms = 5000;
  return TRUE;
}

static void
build_turn_uri (LcMediaCall  *self,
                GInetAddress *address)
{
  const LcService *ice = lc_profile_lookup_service (self->profile, "ice");
  g_autofree char *user = g_uri_escape_string (ice->username, NULL, FALSE);
  g_autofree char *password = g_uri_escape_string (ice->credential, NULL, FALSE);
  g_autofree char *ip = g_inet_address_to_string (address);
  g_autofree char *host = format_host (ip);

  /* The transport is always stated: a plain turn:// makes webrtcbin add a UDP and a TCP
   * relay and quietly use whichever works. */
  if (self->transport == LC_TRANSPORT_TLS)
    self->turn_uri = g_strdup_printf ("turns://%s:%s@%s:%u", user, password, host,
                                      self->turn_port);
  else
    self->turn_uri = g_strdup_printf ("turn://%s:%s@%s:%u?transport=%s", user, password, host,
                                      self->turn_port,
                                      self->transport == LC_TRANSPORT_UDP ? "udp" : "tcp");
}

static void
on_resolved (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcMediaCall) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *addresses;
  GInetAddress *address;
  const char *host = self->relayed ? self->ice_host : self->gateway_host;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (!is_running (self))
    {
      g_resolver_free_addresses (addresses);
      return;
    }
  if (addresses == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("The name %s does not resolve: %s"), host,
                                                 error->message);
      fail (self, LC_CAUSE_DNS, detail, NULL);
      return;
    }

  address = addresses->data;
  self->local_address = choose_local_address (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->wire_overhead += WIRE_IPV6_EXTRA;
  if (self->relayed)
    build_turn_uri (self, address);
  g_resolver_free_addresses (addresses);

  if (self->entry->via == LC_MEDIA_VIA_ECHO)
    start_echo (self);
  else
    start_loopback (self);
}

static void
lc_media_call_dispose (GObject *object)
{
  LcMediaCall *self = LC_MEDIA_CALL (object);

  /* A run holds a reference: there is none here. */
  g_assert (self->task == NULL);
  teardown (self);

  G_OBJECT_CLASS (lc_media_call_parent_class)->dispose (object);
}

static void
clear_run (LcMediaCall *self)
{
  g_clear_object (&self->result);
  g_clear_pointer (&self->gateway_uri, g_free);
  g_clear_pointer (&self->gateway_host, g_free);
  g_clear_pointer (&self->ice_host, g_free);
  g_clear_pointer (&self->stun_uri, g_free);
  if (self->turn_uri != NULL)
    memset (self->turn_uri, 0, strlen (self->turn_uri));
  g_clear_pointer (&self->turn_uri, g_free);
  g_clear_pointer (&self->turn_target, g_free);
  g_clear_pointer (&self->turn_rule, g_free);
  g_clear_pointer (&self->local_address, g_free);
  g_clear_pointer (&self->outcome_detail, g_free);
  g_clear_pointer (&self->outcome_fix, g_free);
  g_clear_pointer (&self->early_candidates, g_ptr_array_unref);
  g_clear_pointer (&self->remote_candidates, g_ptr_array_unref);
  g_clear_pointer (&self->to_answerer, g_ptr_array_unref);
  g_clear_pointer (&self->to_offerer, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
}

static void
lc_media_call_finalize (GObject *object)
{
  LcMediaCall *self = LC_MEDIA_CALL (object);

  clear_run (self);
  g_clear_object (&self->profile);
  g_free (self->entry_id);
  g_free (self->echo_plugin);
  g_free (self->audio_source);
  g_free (self->video_source);

  G_OBJECT_CLASS (lc_media_call_parent_class)->finalize (object);
}

static void
lc_media_call_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LcMediaCall *self = LC_MEDIA_CALL (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_ENTRY_ID:
      g_value_set_string (value, self->entry_id);
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    case PROP_ECHO_PLUGIN:
      g_value_set_string (value, self->echo_plugin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_media_call_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LcMediaCall *self = LC_MEDIA_CALL (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    case PROP_ENTRY_ID:
      self->entry_id = g_value_dup_string (value);
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      lc_media_call_set_connect_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_ECHO_PLUGIN:
      lc_media_call_set_echo_plugin (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_media_call_class_init (LcMediaCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_media_call_dispose;
  object_class->finalize = lc_media_call_finalize;
  object_class->get_property = lc_media_call_get_property;
  object_class->set_property = lc_media_call_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, LC_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRY_ID] =
    g_param_spec_string ("entry-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * LcMediaCall:connect-timeout-ms:
   *
   * How long ICE and DTLS get, from the offer on, before the call fails.
   */
  properties[PROP_CONNECT_TIMEOUT_MS] =
    g_param_spec_uint ("connect-timeout-ms", NULL, NULL, 500, 120000,
                       LC_MEDIA_CALL_DEFAULT_CONNECT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LcMediaCall:echo-plugin:
   *
   * The gateway plugin that echoes the media back.
   */
  properties[PROP_ECHO_PLUGIN] =
    g_param_spec_string ("echo-plugin", NULL, NULL, DEFAULT_ECHO_PLUGIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcMediaCall::sample:
   * @sample: the figures of the second that just ended
   *
   * Once a second while media flows: for a live chart.
   */
  signals[SIGNAL_SAMPLE] = g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         LC_TYPE_MEDIA_SAMPLE | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * LcMediaCall::progress:
   * @text: what the call is doing now, for people
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lc_media_call_init (LcMediaCall *self)
{
  self->connect_timeout_ms = LC_MEDIA_CALL_DEFAULT_CONNECT_TIMEOUT_MS;
  self->echo_plugin = g_strdup (DEFAULT_ECHO_PLUGIN);
}

/**
 * lc_media_call_new:
 * @profile: the profile the entry belongs to
 * @entry_id: the id of one of its media entries
 *
 * Returns: (transfer full): a call for the entry; lc_media_call_run_async() makes it
 */
LcMediaCall *
lc_media_call_new (LcProfile  *profile,
                   const char *entry_id)
{
  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (entry_id != NULL, NULL);

  return g_object_new (LC_TYPE_MEDIA_CALL, "profile", profile, "entry-id", entry_id, NULL);
}

LcProfile *
lc_media_call_get_profile (LcMediaCall *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_CALL (self), NULL);
  return self->profile;
}

const char *
lc_media_call_get_entry_id (LcMediaCall *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_CALL (self), NULL);
  return self->entry_id;
}

guint
lc_media_call_get_connect_timeout_ms (LcMediaCall *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_CALL (self), 0);
  return self->connect_timeout_ms;
}

void
lc_media_call_set_connect_timeout_ms (LcMediaCall *self,
                                      guint        timeout_ms)
{
  g_return_if_fail (LC_IS_MEDIA_CALL (self));
  g_return_if_fail (timeout_ms >= 500);

  if (self->connect_timeout_ms == timeout_ms)
    return;
  self->connect_timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT_MS]);
}

const char *
lc_media_call_get_echo_plugin (LcMediaCall *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_CALL (self), NULL);
  return self->echo_plugin;
}

void
lc_media_call_set_echo_plugin (LcMediaCall *self,
                               const char  *plugin)
{
  g_return_if_fail (LC_IS_MEDIA_CALL (self));
  g_return_if_fail (plugin != NULL);

  if (g_strcmp0 (self->echo_plugin, plugin) == 0)
    return;
  g_free (self->echo_plugin);
  self->echo_plugin = g_strdup (plugin);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ECHO_PLUGIN]);
}

/**
 * lc_media_call_set_sources:
 * @audio: (nullable): the microphone as a gst-launch description (`pipewiresrc`); %NULL
 *   for a test tone
 * @video: (nullable): the camera (`v4l2src`); %NULL for a test picture
 */
void
lc_media_call_set_sources (LcMediaCall *self,
                           const char  *audio,
                           const char  *video)
{
  g_return_if_fail (LC_IS_MEDIA_CALL (self));
  g_return_if_fail (self->task == NULL);

  g_free (self->audio_source);
  g_free (self->video_source);
  self->audio_source = g_strdup (audio);
  self->video_source = g_strdup (video);
}

static const LcMediaEntry *
lookup_entry (LcProfile  *profile,
              const char *id)
{
  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);

      if (g_str_equal (entry->id, id))
        return entry;
    }
  return NULL;
}

/**
 * lc_media_call_run_async:
 *
 * Makes the call: signalling, ICE, DTLS, then the entry's seconds of media, sampled every
 * second. Every step has a deadline; a failure gives a result that says what happened, not
 * an error. Cancelling ends the call at once, with %G_IO_ERROR_CANCELLED.
 */
void
lc_media_call_run_async (LcMediaCall         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) resolver = NULL;

  g_return_if_fail (LC_IS_MEDIA_CALL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->task == NULL);

  clear_run (self);
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lc_media_call_run_async);

  self->entry = lookup_entry (self->profile, self->entry_id);
  if (self->entry == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The profile has no media entry “%s”"), self->entry_id);
      return;
    }

  self->result = lc_media_result_new (self->entry);
  self->cancellable = g_cancellable_new ();
  self->early_candidates = g_ptr_array_new_with_free_func (g_free);
  self->remote_candidates = g_ptr_array_new_with_free_func (g_free);
  self->to_answerer = g_ptr_array_new_with_free_func (g_free);
  self->to_offerer = g_ptr_array_new_with_free_func (g_free);
  self->video = g_strv_contains ((const char * const *)self->entry->codecs, "vp8");
  self->relayed = self->entry->via == LC_MEDIA_VIA_TURN || self->entry->relay;
  self->transport = self->entry->transport;
  self->started = g_get_monotonic_time ();
  self->offered = self->ice_connected = self->connected = 0;
  self->media_started = FALSE;
  self->offer_created = self->offer_sent = self->gathering_sent = FALSE;
  self->answerer_ready = self->offerer_ready = FALSE;
  self->outcome_cancelled = FALSE;
  self->handle = 0;

  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self,
                                                  NULL);
      if (g_cancellable_is_cancelled (cancellable))
        return;
    }

  if (!gst_init_check (NULL, NULL, &error))
    {
      g_autofree char *detail = g_strdup_printf (_("GStreamer cannot start: %s"), error->message);
      finish (self, LC_MEDIA_STATUS_SKIP, LC_CAUSE_NOT_TESTABLE, detail, NULL);
      return;
    }
  lc_secret_guard_attach (); /* before the first pipeline runs; once */

  if (!read_profile (self))
    return;

  /* Where ICE should gather depends on where the target is (see choose_local_address). */
  progress (self, _("Looking up the servers"));
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, self->relayed ? self->ice_host : self->gateway_host,
                                   self->cancellable, on_resolved, g_object_ref (self));
}

/**
 * lc_media_call_run_finish:
 *
 * Returns: (transfer full): the entry's result, whatever happened to the call; %NULL only
 *   when it was cancelled or the entry does not exist
 */
LcMediaResult *
lc_media_call_run_finish (LcMediaCall   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
