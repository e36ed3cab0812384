/* lc-stats-sampler.c — turns webrtcbin's statistics into one per-path sample a second
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-stats-sampler.h"

/* What the figures mean is contracts §3. How they are read, given GStreamer 1.22:
 * - Streams are told apart by SSRC, never by the `kind` of the stats: with max-bundle (which
 *   the gateway requires) 1.22 labels every stream of the bundle with the first one's kind
 *   and codec. Our SSRCs are ours (set on the payloaders); the other side's are known from
 *   their pads' caps.
 * - The other side's receiver report about one of our streams is found by its `rb-ssrc` in
 *   the raw `gst-rtpsource-stats` of the other side's sources: that field, not the kind or
 *   codec of `remote-inbound-rtp` (mislabelled under bundle), ties a report to a stream.
 * - A report is fresh when its extended highest sequence number, LSR or DLSR changed; a
 *   second without a fresh report has no RTT and no uplink figures (NAN, JSON null), and a
 *   round trip of 0 means "no report quoting our sender report yet".
 * - Local and remote candidate stats are swapped in 1.22: the selected pair is resolved
 *   through transport → selected-candidate-pair-id → candidate ids, whatever the entries'
 *   types say.
 * - What we send is counted by the peer itself (lc_media_peer_get_sent()): 1.22's RTP
 *   session forgets a stream of ours that sent nothing for 5 s, as during a slow DTLS
 *   handshake, and its `outbound-rtp` never comes back.
 * - Jitter is RFC 3550's over the packets that arrive in sequence, in both directions: the
 *   gateway's receiver reports count it so (as browsers do); GStreamer's RTP source counts
 *   every arrival, so what we receive is measured by the peer itself from the arrivals
 *   (lc_media_peer_get_arrival_jitter()); GStreamer's figure goes beside it as
 *   `jitter_all_ms`. In a loopback the other peer measures our streams the same way.
 * - A report block's fraction lost is never extrapolated to the seconds before it. The zero
 *   waits (up to LC_STATS_SAMPLER_MAX_BASE_WAIT_MS) for the other side's first report on
 *   each stream of ours, which becomes the base of the counts: no set-up artefact (what the
 *   gateway dropped, or counted as a gap, before its own DTLS was done; its DTLS may finish
 *   a retransmission later than ours) is counted, and the uplink counts start where the
 *   echo's do. Without one by then, the first report's count is shared out by sequence
 *   numbers, which cannot tell where in the stream its losses were.
 * - What we lose receiving is the RTP source's count (expected − received, RFC 3550), not
 *   the `packets-lost` of `inbound-rtp`: that one is the jitterbuffer's, which counts a
 *   late packet as lost, and only once its wait for it is over.
 */

/* contracts §3: the RTP rate counts the payload, the RTP header and the SRTP tag; the
 * statistics count the payload only. SRTP_AES128_CM_SHA1_80 carries a 10-byte tag. */
#define RTP_HEADER_BYTES 12
#define SRTP_TAG_BYTES 10
#define TICK_MS 1000
#define BASE_RETRY_MS 100
#define MAX_BASE_ATTEMPTS (LC_STATS_SAMPLER_MAX_BASE_WAIT_MS / BASE_RETRY_MS)

enum {
  KIND_ALL,
  KIND_AUDIO,
  KIND_VIDEO,
  N_KINDS
};

static const char * const kind_names[N_KINDS] = { NULL, "audio", "video" };

/* One RTP stream: one we send (local) or one we receive. */
typedef struct
{
  guint        ssrc;
  guint        kind;
  gboolean     local;
  gboolean     seen;            /* in the latest snapshot */
  gboolean     have_base;       /* counters below hold the previous tick's values */

  guint64      bytes;
  guint64      packets;
  gint64       lost;            /* received streams: packets lost so far */
  double       jitter_s;        /* received streams: RFC 3550 jitter, in sequence */
  double       jitter_all_s;    /* received streams: the RTP source's, every arrival */
  gboolean     have_jitter;

  guint64      base_bytes;
  guint64      base_packets;
  gint64       base_lost;

  /* Local streams: the other side's latest report block about it, and the last fresh one. */
  gboolean     have_rb;
  guint        rb_ext_seq;
  gint         rb_lost;
  guint        rb_fraction;
  guint        rb_jitter;
  guint        rb_lsr;
  guint        rb_dlsr;
  guint        rb_rtt;
  gboolean     have_fresh;
  guint        fresh_ext_seq;
  gint         fresh_lost;
  guint        fresh_lsr;
  guint        fresh_dlsr;
  /* Local streams: sequence numbers sent, at the zero of the counts. */
  gboolean     have_seq;
  guint16      first_seq;       /* the stream's first packet */
  guint16      zero_seq;        /* the latest one sent at the zero */
} Stream;

/* Packets lost and expected in each direction, over the whole call. */
typedef struct
{
  double up_lost;
  double up_expected;
  double back_lost;
  double back_expected;
} LossTotals;

struct _LcStatsSampler
{
  GObject             parent_instance;

  LcMediaPeer        *peer;
  LcMediaPeer        *partner;        /* loopback: the other peer, which receives our streams */
  LcStatsSamplerMode  mode;
  double              wire_overhead;
  GCancellable       *cancellable;
  guint               tick_id;
  guint               base_retry_id;
  guint               base_attempts;
  gboolean            in_flight;
  gboolean            started;
  gboolean            have_base;

  GHashTable         *streams;        /* ssrc → Stream */
  gint64              t0;
  gint64              last_tick;
  gint64              last_media;      /* when received packets last increased */
  guint64             packets_received;
  GPtrArray          *samples;
  LossTotals          totals[N_KINDS];
  JsonObject         *selected_pair;
};

G_DEFINE_FINAL_TYPE (LcStatsSampler, lc_stats_sampler, G_TYPE_OBJECT)

enum {
  SIGNAL_SAMPLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
ratio (double part,
       double whole)
{
  return whole > 0 ? CLAMP (part / whole, 0.0, 1.0) : NAN;
}

static double
max_known (double a,
           double b)
{
  if (isnan (a))
    return b;
  if (isnan (b))
    return a;
  return MAX (a, b);
}

static double
mean_known (double a,
            double b)
{
  if (isnan (a))
    return b;
  if (isnan (b))
    return a;
  return (a + b) / 2.0;
}

static double
kbps (double bytes,
      double seconds)
{
  return seconds > 0 ? bytes * 8.0 / seconds / 1000.0 : NAN;
}

/* Echo: the echoed stream crossed the path twice, so the loss on the way back is what the
 * uplink does not explain (contracts §3). */
static double
downlink_loss (double uplink,
               double back)
{
  if (isnan (uplink) || isnan (back) || uplink >= 1.0)
    return NAN;
  return CLAMP (1.0 - (1.0 - back) / (1.0 - uplink), 0.0, 1.0);
}

/* Loopback: the media crossed the path to the relay twice; a loss of L there is one of
 * 1 − √(1 − L) per crossing. */
static double
per_path_loss (double loopback)
{
  return isnan (loopback) ? NAN : 1.0 - sqrt (1.0 - CLAMP (loopback, 0.0, 1.0));
}

static guint
kind_from_name (const char *name)
{
  if (g_strcmp0 (name, "audio") == 0)
    return KIND_AUDIO;
  if (g_strcmp0 (name, "video") == 0)
    return KIND_VIDEO;
  return KIND_ALL;
}

static guint
clock_rate_of (guint kind)
{
  return kind == KIND_VIDEO ? 90000 : 48000;
}

static Stream *
lookup_stream (LcStatsSampler *self,
               guint           ssrc,
               gboolean        local,
               int             clock_rate)
{
  Stream *stream = g_hash_table_lookup (self->streams, GUINT_TO_POINTER (ssrc));
  const char *kind;

  if (stream != NULL)
    return stream;

  kind = local ? lc_media_peer_lookup_local_ssrc (self->peer, ssrc)
               : lc_media_peer_lookup_remote_ssrc (self->peer, ssrc);
  if (local && kind == NULL)
    return NULL;   /* not one of ours: webrtcbin's view of the other side */

  stream = g_new0 (Stream, 1);
  stream->ssrc = ssrc;
  stream->local = local;
  stream->kind = kind_from_name (kind);
  if (stream->kind == KIND_ALL)
    /* Its pad has not been seen yet: the clock tells Opus from VP8. */
    stream->kind = clock_rate == 90000 ? KIND_VIDEO : KIND_AUDIO;
  g_hash_table_insert (self->streams, GUINT_TO_POINTER (ssrc), stream);
  return stream;
}

static const GstStructure *
get_substructure (const GstStructure *s,
                  const char         *field)
{
  const GValue *value = gst_structure_get_value (s, field);

  return value != NULL && G_VALUE_HOLDS (value, GST_TYPE_STRUCTURE)
         ? gst_value_get_structure (value) : NULL;
}

/* A remote source's raw statistics: its own jitter, and the report block it sent about one
 * of our streams. */
static void
read_source_stats (LcStatsSampler     *self,
                   const GstStructure *source,
                   Stream             *remote)
{
  gboolean have_rb = FALSE;
  guint rb_ssrc = 0;
  Stream *local;

  if (remote != NULL)
    {
      guint jitter = 0;
      int clock_rate = 0;

      if (gst_structure_get_uint (source, "jitter", &jitter) &&
          gst_structure_get_int (source, "clock-rate", &clock_rate) && clock_rate > 0)
        remote->jitter_all_s = (double)jitter / clock_rate;
      remote->have_jitter = lc_media_peer_get_arrival_jitter (self->peer, remote->ssrc,
                                                              &remote->jitter_s);
    }

  if (!gst_structure_get_boolean (source, "have-rb", &have_rb) || !have_rb ||
      !gst_structure_get_uint (source, "rb-ssrc", &rb_ssrc))
    return;

  local = g_hash_table_lookup (self->streams, GUINT_TO_POINTER (rb_ssrc));
  if (local == NULL || !local->local)
    return;

  local->have_rb = TRUE;
  gst_structure_get (source,
                     "rb-exthighestseq", G_TYPE_UINT, &local->rb_ext_seq,
                     "rb-packetslost", G_TYPE_INT, &local->rb_lost,
                     "rb-fractionlost", G_TYPE_UINT, &local->rb_fraction,
                     "rb-jitter", G_TYPE_UINT, &local->rb_jitter,
                     "rb-lsr", G_TYPE_UINT, &local->rb_lsr,
                     "rb-dlsr", G_TYPE_UINT, &local->rb_dlsr,
                     "rb-round-trip", G_TYPE_UINT, &local->rb_rtt,
                     NULL);

  /* A loopback's other peer is GStreamer too, whose reports count every arrival: its own
   * in-sequence figure instead, in the report's RTP clock units. */
  if (self->partner != NULL)
    {
      double jitter_s;

      if (lc_media_peer_get_arrival_jitter (self->partner, rb_ssrc, &jitter_s))
        local->rb_jitter = (guint)(jitter_s * clock_rate_of (local->kind) + 0.5);
    }
}

/* Our streams, from what the peer counted itself (see lc_media_peer_get_sent()). */
static void
read_sent (LcStatsSampler *self)
{
  static const char * const kinds[] = { "audio", "video" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint ssrc = lc_media_peer_get_local_ssrc (self->peer, kinds[i]);
      Stream *stream;

      if (ssrc == 0)
        continue;
      stream = lookup_stream (self, ssrc, TRUE, 0);
      if (stream != NULL &&
          lc_media_peer_get_sent (self->peer, ssrc, &stream->packets, &stream->bytes))
        stream->seen = TRUE;
    }
}

typedef struct
{
  LcStatsSampler *self;
  GPtrArray      *sources;       /* remote sources' raw stats, read once the streams exist */
  GHashTable     *by_id;         /* stats id → structure */
  GPtrArray      *transports;
} Snapshot;

static gboolean
read_entry (GQuark        field,
            const GValue *value,
            gpointer      user_data)
{
  Snapshot *snapshot = user_data;
  LcStatsSampler *self = snapshot->self;
  const GstStructure *s;
  GstWebRTCStatsType type;
  const char *id;
  guint ssrc = 0;

  if (!G_VALUE_HOLDS (value, GST_TYPE_STRUCTURE))
    return TRUE;
  s = gst_value_get_structure (value);
  if (!gst_structure_get_enum (s, "type", GST_TYPE_WEBRTC_STATS_TYPE, (int *)&type))
    return TRUE;

  id = gst_structure_get_string (s, "id");
  if (id != NULL)
    g_hash_table_insert (snapshot->by_id, (gpointer)id, (gpointer)s);

  switch (type)
    {
    case GST_WEBRTC_STATS_INBOUND_RTP:
      if (gst_structure_get_uint (s, "ssrc", &ssrc))
        {
          const GstStructure *source = get_substructure (s, "gst-rtpsource-stats");
          int clock_rate = 0;
          Stream *stream;

          if (source != NULL)
            gst_structure_get_int (source, "clock-rate", &clock_rate);
          stream = lookup_stream (self, ssrc, FALSE, clock_rate);
          if (stream->local)
            break;
          stream->seen = TRUE;
          gst_structure_get_uint64 (s, "bytes-received", &stream->bytes);
          gst_structure_get_uint64 (s, "packets-received", &stream->packets);
          if (source != NULL)
            {
              int lost = 0;

              /* RFC 3550's count (expected − received) from the RTP source, not the
               * jitterbuffer's, which counts a late packet as lost, and only once its
               * wait is over. */
              if (gst_structure_get_int (source, "packets-lost", &lost))
                stream->lost = lost;
              g_ptr_array_add (snapshot->sources, (gpointer)source);
            }
        }
      break;

    case GST_WEBRTC_STATS_REMOTE_INBOUND_RTP:
      {
        const GstStructure *source = get_substructure (s, "gst-rtpsource-stats");

        if (source != NULL)
          g_ptr_array_add (snapshot->sources, (gpointer)source);
      }
      break;

    case GST_WEBRTC_STATS_TRANSPORT:
      g_ptr_array_add (snapshot->transports, (gpointer)s);
      break;

    default:
      break;
    }

  return TRUE;
}

static JsonObject *
describe_candidate (const GstStructure *candidate)
{
  JsonObject *object = json_object_new ();
  guint port = 0;

  /* Never the `url`: for a relay candidate it can hold the TURN credential. */
  json_object_set_string_member (object, "type",
                                 gst_structure_get_string (candidate, "candidate-type"));
  json_object_set_string_member (object, "address",
                                 gst_structure_get_string (candidate, "address"));
  if (gst_structure_get_uint (candidate, "port", &port))
    json_object_set_int_member (object, "port", port);
  json_object_set_string_member (object, "protocol",
                                 gst_structure_get_string (candidate, "protocol"));
  return object;
}

static void
read_selected_pair (LcStatsSampler *self,
                    Snapshot       *snapshot)
{
  for (guint i = 0; i < snapshot->transports->len; i++)
    {
      const GstStructure *transport = g_ptr_array_index (snapshot->transports, i);
      const char *pair_id = gst_structure_get_string (transport, "selected-candidate-pair-id");
      const GstStructure *pair;
      const GstStructure *local;
      const GstStructure *remote;
      JsonObject *object;

      pair = pair_id ? g_hash_table_lookup (snapshot->by_id, pair_id) : NULL;
      if (pair == NULL)
        continue;
      /* The ids are right; the entries' own types are swapped in 1.22. */
      local = g_hash_table_lookup (snapshot->by_id,
                                   gst_structure_get_string (pair, "local-candidate-id"));
      remote = g_hash_table_lookup (snapshot->by_id,
                                    gst_structure_get_string (pair, "remote-candidate-id"));
      if (local == NULL || remote == NULL)
        continue;

      object = json_object_new ();
      json_object_set_object_member (object, "local", describe_candidate (local));
      json_object_set_object_member (object, "remote", describe_candidate (remote));
      g_clear_pointer (&self->selected_pair, json_object_unref);
      self->selected_pair = object;
      return;
    }
}

/* Figures of one kind (or of the whole call) for one second, before they become a sample. */
typedef struct
{
  double send_bytes;
  double recv_bytes;
  double send_packets;
  double recv_packets;
  double up_lost;          /* from fresh report blocks */
  double up_expected;
  double back_lost;        /* from what came back */
  double back_expected;
  double rtt_ms;           /* as measured: mean of the fresh report blocks */
  double up_jitter_ms;     /* as measured by the other side */
  double back_jitter_ms;   /* as measured here, in sequence */
  double back_jitter_all_ms;   /* as measured here, every arrival */
  gboolean up_pending;     /* a stream of ours has had no report since the zero */
  gboolean have_send;
  gboolean have_recv;
} Second;

static void
second_init (Second *second)
{
  memset (second, 0, sizeof *second);
  second->rtt_ms = second->up_jitter_ms = second->back_jitter_ms = NAN;
  second->back_jitter_all_ms = NAN;
}

static void
account_local (Stream *stream,
               Second *second)
{
  double d_packets = (double)(stream->packets - stream->base_packets);
  gboolean fresh;

  second->have_send = TRUE;
  second->send_bytes += (double)(stream->bytes - stream->base_bytes);
  second->send_packets += d_packets;

  fresh = stream->have_rb &&
          (!stream->have_fresh || stream->rb_ext_seq != stream->fresh_ext_seq ||
           stream->rb_lsr != stream->fresh_lsr || stream->rb_dlsr != stream->fresh_dlsr);
  if (!fresh)
    {
      /* The first report since the zero will count these seconds' packets. */
      second->up_pending |= !stream->have_fresh;
      return;
    }

  if (stream->have_fresh)
    {
      /* Exact counts between two reports: covers seconds whose report was stale too. */
      gint64 expected = (gint64)(guint)(stream->rb_ext_seq - stream->fresh_ext_seq);
      gint64 lost = (gint64)stream->rb_lost - stream->fresh_lost;

      /* A cumulative count that went down by more than the packets since: the other side
       * started the stream's statistics over (a jump in sequence numbers does that); what it
       * counts now is since then. A small decrease is a packet counted lost at the last
       * report that arrived since (reordering): it stays negative here, so that the call's
       * totals count it once, not twice; the second's own figure is clamped at 0. */
      if (lost < 0 && -lost > expected)
        lost = stream->rb_lost;

      if (expected > 0 && expected < G_MAXINT32)
        {
          second->up_lost += MIN (lost, expected);
          second->up_expected += expected;
        }
    }
  else if (stream->have_seq)
    {
      /* The first report since the zero (the gateway's come every few seconds): its counts
       * cover the stream from its first packet. Expected since the zero is exact (our own
       * sequence number then); the loss since, its share of the cumulative count. No
       * fraction lost is used (it may cover set-up artefacts), and nothing was sent before
       * the path was up. */
      gint expected = (gint16)(guint16)((guint16)stream->rb_ext_seq - stream->zero_seq);
      gint total = (gint16)(guint16)((guint16)stream->rb_ext_seq - stream->first_seq) + 1;

      if (expected > 0 && total >= expected)
        {
          second->up_lost += CLAMP (stream->rb_lost, 0, total) * (double)expected / total;
          second->up_expected += expected;
        }
    }

  if (stream->rb_rtt > 0)
    second->rtt_ms = mean_known (second->rtt_ms, stream->rb_rtt * 1000.0 / 65536.0);
  second->up_jitter_ms = max_known (second->up_jitter_ms,
                                    stream->rb_jitter * 1000.0 / clock_rate_of (stream->kind));

  stream->have_fresh = TRUE;
  stream->fresh_ext_seq = stream->rb_ext_seq;
  stream->fresh_lost = stream->rb_lost;
  stream->fresh_lsr = stream->rb_lsr;
  stream->fresh_dlsr = stream->rb_dlsr;
}

static void
account_remote (Stream *stream,
                Second *second)
{
  double d_packets = (double)(stream->packets - stream->base_packets);
  /* Signed: a packet counted lost last second that arrived since (reordering) makes the
   * count go down; the call's totals then count it once. The second's figure is clamped. */
  double d_lost = (double)(stream->lost - stream->base_lost);

  second->have_recv = TRUE;
  second->recv_bytes += (double)(stream->bytes - stream->base_bytes);
  second->recv_packets += d_packets;
  second->back_lost += d_lost;
  second->back_expected += d_packets + d_lost;
  /* Jitter is only as fresh as the packets that made it. */
  if (d_packets > 0)
    {
      if (stream->have_jitter)
        second->back_jitter_ms = max_known (second->back_jitter_ms, stream->jitter_s * 1000.0);
      second->back_jitter_all_ms = max_known (second->back_jitter_all_ms,
                                              stream->jitter_all_s * 1000.0);
    }
}

static void
second_add (Second       *total,
            const Second *part)
{
  total->send_bytes += part->send_bytes;
  total->recv_bytes += part->recv_bytes;
  total->send_packets += part->send_packets;
  total->recv_packets += part->recv_packets;
  total->up_lost += part->up_lost;
  total->up_expected += part->up_expected;
  total->back_lost += part->back_lost;
  total->back_expected += part->back_expected;
  total->rtt_ms = mean_known (total->rtt_ms, part->rtt_ms);
  total->have_send |= part->have_send;
  total->up_pending |= part->up_pending;
  total->have_recv |= part->have_recv;
}

/* Fills @sample's figures from @second; @totals keeps the call's loss counts. */
static void
fill_sample (LcStatsSampler *self,
             LcMediaSample  *sample,
             Second         *second,
             double          seconds,
             LossTotals     *totals)
{
  double rtp_overhead = RTP_HEADER_BYTES + SRTP_TAG_BYTES;
  double up = ratio (second->up_lost, second->up_expected);
  double back = ratio (second->back_lost, second->back_expected);

  if (second->have_send)
    {
      sample->send_kbps = kbps (second->send_bytes + second->send_packets * rtp_overhead,
                                seconds);
      sample->wire_send_kbps = kbps (second->send_bytes + second->send_packets *
                                     (rtp_overhead + self->wire_overhead), seconds);
    }
  if (second->have_recv)
    {
      sample->recv_kbps = kbps (second->recv_bytes + second->recv_packets * rtp_overhead,
                                seconds);
      sample->wire_recv_kbps = kbps (second->recv_bytes + second->recv_packets *
                                     (rtp_overhead + self->wire_overhead), seconds);
    }

  if (self->mode == LC_STATS_SAMPLER_ECHO)
    {
      double down;

      /* Nothing lost on the round trip means nothing lost either way, report or not. */
      if (isnan (up) && back == 0.0 && second->send_packets > 0)
        {
          up = 0.0;
          if (!second->up_pending)
            second->up_expected += second->send_packets;
        }
      down = downlink_loss (up, back);

      sample->rtt_ms = second->rtt_ms;
      sample->uplink_loss_percent = up * 100.0;
      sample->downlink_loss_percent = down * 100.0;
      sample->loss_percent = max_known (up, down) * 100.0;
      sample->uplink_jitter_ms = second->up_jitter_ms;
      sample->downlink_jitter_ms = second->back_jitter_ms / G_SQRT2;
      sample->jitter_all_ms = second->back_jitter_all_ms / G_SQRT2;
      sample->jitter_ms = max_known (sample->uplink_jitter_ms, sample->downlink_jitter_ms);
    }
  else
    {
      /* Both directions crossed the path twice, the same legs the same ways (A's up and B's
       * down, or B's up and A's down): they measure one loss, counted together. */
      double loopback = ratio (second->up_lost + second->back_lost,
                               second->up_expected + second->back_expected);

      sample->loopback_rtt_ms = second->rtt_ms;
      sample->loopback_loss_percent = loopback * 100.0;
      sample->loopback_jitter_ms = max_known (second->up_jitter_ms, second->back_jitter_ms);
      sample->jitter_all_ms = second->back_jitter_all_ms;
      sample->rtt_ms = sample->loopback_rtt_ms / 2.0;
      sample->loss_percent = per_path_loss (loopback) * 100.0;
      sample->jitter_ms = sample->loopback_jitter_ms / G_SQRT2;
    }

  if (totals != NULL)
    {
      totals->up_lost += isnan (up) ? 0 : second->up_lost;
      totals->up_expected += isnan (up) ? 0 : second->up_expected;
      totals->back_lost += second->back_lost;
      totals->back_expected += second->back_expected;
    }
}

static void
take_sample (LcStatsSampler *self,
             gint64          now)
{
  Second seconds[N_KINDS];
  g_autoptr(LcMediaSample) sample = NULL;
  gboolean loopback = self->mode == LC_STATS_SAMPLER_LOOPBACK;
  double elapsed = (now - self->last_tick) / (double)G_USEC_PER_SEC;
  GHashTableIter iter;
  Stream *stream;
  guint64 received = 0;

  for (guint k = 0; k < N_KINDS; k++)
    second_init (&seconds[k]);

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    {
      if (!stream->seen)
        continue;
      if (!stream->have_base)
        {
          /* A stream that appeared this second: it counts from zero. */
          stream->have_base = TRUE;
          stream->base_bytes = stream->base_packets = 0;
          stream->base_lost = 0;
        }
      if (stream->local)
        account_local (stream, &seconds[stream->kind]);
      else
        {
          account_remote (stream, &seconds[stream->kind]);
          received += stream->packets;
        }
    }

  sample = lc_media_sample_new ((now - self->t0) / (double)G_USEC_PER_SEC, NULL, loopback);

  for (guint k = KIND_AUDIO; k < N_KINDS; k++)
    {
      g_autoptr(LcMediaSample) part = NULL;

      if (!seconds[k].have_send && !seconds[k].have_recv)
        continue;
      part = lc_media_sample_new (sample->t, kind_names[k], loopback);
      fill_sample (self, part, &seconds[k], elapsed, &self->totals[k]);
      lc_media_sample_add_stream (sample, part);
      second_add (&seconds[KIND_ALL], &seconds[k]);
    }

  fill_sample (self, sample, &seconds[KIND_ALL], elapsed, &self->totals[KIND_ALL]);

  /* Jitter is the voice's: video packets of one frame share a timestamp, which inflates
   * RFC 3550 jitter by a frame's sending time without any network cause. */
  {
    LcMediaSample *voice = lc_media_sample_get_stream (sample, "audio");

    if (voice == NULL)
      voice = lc_media_sample_get_stream (sample, "video");
    if (voice != NULL)
      {
        sample->jitter_ms = voice->jitter_ms;
        sample->uplink_jitter_ms = voice->uplink_jitter_ms;
        sample->downlink_jitter_ms = voice->downlink_jitter_ms;
        sample->loopback_jitter_ms = voice->loopback_jitter_ms;
        sample->jitter_all_ms = voice->jitter_all_ms;
      }
  }

  if (received > self->packets_received || self->last_media == 0)
    self->last_media = now;
  self->packets_received = received;

  /* This snapshot is the next second's base. */
  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    if (stream->seen)
      {
        stream->base_bytes = stream->bytes;
        stream->base_packets = stream->packets;
        stream->base_lost = stream->lost;
      }

  self->last_tick = now;
  g_ptr_array_add (self->samples, lc_media_sample_ref (sample));
  g_signal_emit (self, signals[SIGNAL_SAMPLE], 0, sample);
}

static void     request_stats        (LcStatsSampler *self);
static gboolean snapshot_is_complete (LcStatsSampler *self);
static gboolean retry_base           (gpointer        user_data);
static gboolean on_tick              (gpointer        user_data);

static void
on_stats (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LcStatsSampler) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstStructure) stats = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();
  g_autoptr(GPtrArray) transports = g_ptr_array_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  Snapshot snapshot = { self, sources, by_id, transports };
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Stream *stream;

  self->in_flight = FALSE;
  stats = lc_media_peer_get_stats_finish (LC_MEDIA_PEER (object), result, &error);
  if (stats == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->started)
        g_debug ("no statistics this second: %s", error->message);
      return;
    }
  if (!self->started)
    return;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    stream->seen = FALSE;

  read_sent (self);
  gst_structure_foreach (stats, read_entry, &snapshot);
  /* Report blocks last: they belong to streams of ours that the pass above registered. */
  for (guint i = 0; i < sources->len; i++)
    {
      const GstStructure *source = g_ptr_array_index (sources, i);
      guint ssrc = 0;

      gst_structure_get_uint (source, "ssrc", &ssrc);
      stream = g_hash_table_lookup (self->streams, GUINT_TO_POINTER (ssrc));
      read_source_stats (self, source, stream != NULL && !stream->local ? stream : NULL);
    }
  read_selected_pair (self, &snapshot);

  if (!self->have_base)
    {
      if (!snapshot_is_complete (self) && ++self->base_attempts < MAX_BASE_ATTEMPTS)
        {
          /* A stream missing from the zero would count everything it sent before it in its
           * first second, and a stream of ours without the other side's report yet would
           * have its first report's count (from its first packet) shared out: wait for
           * both, briefly. */
          self->base_retry_id = g_timeout_add (BASE_RETRY_MS, retry_base, self);
          return;
        }

      /* The first snapshot is the zero of every counter; sampling starts from it. */
      self->have_base = TRUE;
      self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
      self->t0 = self->last_tick = self->last_media = now;
      g_hash_table_iter_init (&iter, self->streams);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
        if (stream->seen)
          {
            stream->have_base = TRUE;
            stream->base_bytes = stream->bytes;
            stream->base_packets = stream->packets;
            stream->base_lost = stream->lost;
            if (stream->local)
              stream->have_seq = lc_media_peer_get_sent_seq (self->peer, stream->ssrc,
                                                             &stream->first_seq,
                                                             &stream->zero_seq);
            /* A report that arrived before the call counts as seen, not as fresh. */
            stream->have_fresh = stream->have_rb;
            stream->fresh_ext_seq = stream->rb_ext_seq;
            stream->fresh_lost = stream->rb_lost;
            stream->fresh_lsr = stream->rb_lsr;
            stream->fresh_dlsr = stream->rb_dlsr;
          }
      return;
    }

  take_sample (self, now);
}

/* Every stream we send is in the statistics, with the other side's report on it, and as
 * many come back. */
static gboolean
snapshot_is_complete (LcStatsSampler *self)
{
  guint kinds = lc_media_peer_has_video (self->peer) ? 2 : 1;
  guint sent = 0;
  guint received = 0;
  GHashTableIter iter;
  Stream *stream;

  g_hash_table_iter_init (&iter, self->streams);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&stream))
    if (stream->seen)
      {
        if (stream->local && !stream->have_rb)
          return FALSE;   /* the other side has not reported on it yet */
        if (stream->local)
          sent++;
        else
          received++;
      }

  return sent >= kinds && received >= kinds;
}

static gboolean
retry_base (gpointer user_data)
{
  LcStatsSampler *self = user_data;

  self->base_retry_id = 0;
  request_stats (self);
  return G_SOURCE_REMOVE;
}

static void
request_stats (LcStatsSampler *self)
{
  if (self->in_flight)
    return;   /* a slow answer: this second is measured by the next one */
  self->in_flight = TRUE;
  lc_media_peer_get_stats_async (self->peer, self->cancellable, on_stats, g_object_ref (self));
}

static gboolean
on_tick (gpointer user_data)
{
  request_stats (user_data);
  return G_SOURCE_CONTINUE;
}

static void
lc_stats_sampler_dispose (GObject *object)
{
  LcStatsSampler *self = LC_STATS_SAMPLER (object);

  lc_stats_sampler_stop (self);
  g_clear_object (&self->peer);
  g_clear_object (&self->partner);

  G_OBJECT_CLASS (lc_stats_sampler_parent_class)->dispose (object);
}

static void
lc_stats_sampler_finalize (GObject *object)
{
  LcStatsSampler *self = LC_STATS_SAMPLER (object);

  g_hash_table_unref (self->streams);
  g_ptr_array_unref (self->samples);
  g_clear_pointer (&self->selected_pair, json_object_unref);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (lc_stats_sampler_parent_class)->finalize (object);
}

static void
lc_stats_sampler_class_init (LcStatsSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_stats_sampler_dispose;
  object_class->finalize = lc_stats_sampler_finalize;

  /**
   * LcStatsSampler::sample:
   * @sample: the figures of the second that just ended
   */
  signals[SIGNAL_SAMPLE] = g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         LC_TYPE_MEDIA_SAMPLE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lc_stats_sampler_init (LcStatsSampler *self)
{
  self->streams = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_media_sample_unref);
  self->cancellable = g_cancellable_new ();
}

/**
 * lc_stats_sampler_new:
 * @peer: the peer whose streams are measured (for a loopback, either of the two)
 * @mode: what the other side is, which says what the figures mean
 * @wire_overhead_bytes: what each RTP packet costs on the wire beyond SRTP: IP and UDP (or
 *   TCP) headers, TURN framing
 *
 * Returns: (transfer full): a sampler; lc_stats_sampler_start() once media flows
 */
LcStatsSampler *
lc_stats_sampler_new (LcMediaPeer        *peer,
                      LcStatsSamplerMode  mode,
                      double              wire_overhead_bytes)
{
  LcStatsSampler *self;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (peer), NULL);
  g_return_val_if_fail (wire_overhead_bytes >= 0, NULL);

  self = g_object_new (LC_TYPE_STATS_SAMPLER, NULL);
  self->peer = g_object_ref (peer);
  self->mode = mode;
  self->wire_overhead = wire_overhead_bytes;
  return self;
}

/**
 * lc_stats_sampler_set_partner:
 * @partner: a loopback's other peer, which receives the streams of the sampler's peer
 *
 * Its in-sequence jitter of our streams replaces the RTP session's in its reports.
 */
void
lc_stats_sampler_set_partner (LcStatsSampler *self,
                              LcMediaPeer    *partner)
{
  g_return_if_fail (LC_IS_STATS_SAMPLER (self));
  g_set_object (&self->partner, partner);
}

/**
 * lc_stats_sampler_start:
 *
 * Takes the zero of every counter now and a sample every second from then on.
 */
void
lc_stats_sampler_start (LcStatsSampler *self)
{
  g_return_if_fail (LC_IS_STATS_SAMPLER (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  request_stats (self);
}

/* Stops sampling; a snapshot on its way is dropped. */
void
lc_stats_sampler_stop (LcStatsSampler *self)
{
  g_return_if_fail (LC_IS_STATS_SAMPLER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->base_retry_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
}

guint
lc_stats_sampler_get_n_samples (LcStatsSampler *self)
{
  g_return_val_if_fail (LC_IS_STATS_SAMPLER (self), 0);
  return self->samples->len;
}

/* How long no packet has arrived from the other side (since sampling started, if none). */
double
lc_stats_sampler_get_silent_seconds (LcStatsSampler *self)
{
  g_return_val_if_fail (LC_IS_STATS_SAMPLER (self), 0);

  if (self->last_media == 0)
    return 0;
  return (self->last_tick - self->last_media) / (double)G_USEC_PER_SEC;
}

guint64
lc_stats_sampler_get_packets_received (LcStatsSampler *self)
{
  g_return_val_if_fail (LC_IS_STATS_SAMPLER (self), 0);
  return self->packets_received;
}

static double
mean_of (GPtrArray  *samples,
         const char *kind,
         gsize       offset)
{
  double sum = 0;
  guint n = 0;

  for (guint i = 0; i < samples->len; i++)
    {
      LcMediaSample *sample = g_ptr_array_index (samples, i);
      LcMediaSample *part = kind ? lc_media_sample_get_stream (sample, kind) : sample;
      double value;

      if (part == NULL)
        continue;
      value = G_STRUCT_MEMBER (double, part, offset);
      if (isfinite (value))
        {
          sum += value;
          n++;
        }
    }

  return n > 0 ? sum / n : NAN;
}

static void
summarize (LcStatsSampler *self,
           LcMediaSample  *summary,
           guint           k)
{
  const char *kind = kind_names[k];
  LossTotals *totals = &self->totals[k];
  double up = ratio (totals->up_lost, totals->up_expected);
  double back = ratio (totals->back_lost, totals->back_expected);

#define MEAN(field) mean_of (self->samples, kind, G_STRUCT_OFFSET (LcMediaSample, field))
  summary->send_kbps = MEAN (send_kbps);
  summary->recv_kbps = MEAN (recv_kbps);
  summary->wire_send_kbps = MEAN (wire_send_kbps);
  summary->wire_recv_kbps = MEAN (wire_recv_kbps);
  summary->rtt_ms = MEAN (rtt_ms);
  summary->jitter_ms = MEAN (jitter_ms);
  summary->jitter_all_ms = MEAN (jitter_all_ms);

  if (self->mode == LC_STATS_SAMPLER_ECHO)
    {
      double down = downlink_loss (up, back);

      summary->uplink_loss_percent = up * 100.0;
      summary->downlink_loss_percent = down * 100.0;
      summary->loss_percent = max_known (up, down) * 100.0;
      summary->uplink_jitter_ms = MEAN (uplink_jitter_ms);
      summary->downlink_jitter_ms = MEAN (downlink_jitter_ms);
    }
  else
    {
      double loopback = ratio (totals->up_lost + totals->back_lost,
                               totals->up_expected + totals->back_expected);

      summary->loopback_loss_percent = loopback * 100.0;
      summary->loss_percent = per_path_loss (loopback) * 100.0;
      summary->loopback_rtt_ms = MEAN (loopback_rtt_ms);
      summary->loopback_jitter_ms = MEAN (loopback_jitter_ms);
    }
#undef MEAN
}

/**
 * lc_stats_sampler_dup_summary:
 *
 * Returns: (transfer full): the call's figures over every sample: rates and delays are the
 *   means of the samples', losses are counted over the whole call; per stream beside
 */
LcMediaSample *
lc_stats_sampler_dup_summary (LcStatsSampler *self)
{
  LcMediaSample *summary;
  LcMediaSample *last;
  gboolean loopback;

  g_return_val_if_fail (LC_IS_STATS_SAMPLER (self), NULL);

  loopback = self->mode == LC_STATS_SAMPLER_LOOPBACK;
  last = self->samples->len > 0 ? g_ptr_array_index (self->samples, self->samples->len - 1)
                                : NULL;
  summary = lc_media_sample_new (last ? last->t : 0, NULL, loopback);
  summarize (self, summary, KIND_ALL);

  for (guint k = KIND_AUDIO; k < N_KINDS; k++)
    {
      g_autoptr(LcMediaSample) part = NULL;

      if (last == NULL || lc_media_sample_get_stream (last, kind_names[k]) == NULL)
        continue;
      part = lc_media_sample_new (summary->t, kind_names[k], loopback);
      summarize (self, part, k);
      lc_media_sample_add_stream (summary, part);
    }

  /* As in the samples: the jitter is the voice's. */
  {
    LcMediaSample *voice = lc_media_sample_get_stream (summary, "audio");

    if (voice != NULL)
      {
        summary->jitter_ms = voice->jitter_ms;
        summary->uplink_jitter_ms = voice->uplink_jitter_ms;
        summary->downlink_jitter_ms = voice->downlink_jitter_ms;
        summary->loopback_jitter_ms = voice->loopback_jitter_ms;
        summary->jitter_all_ms = voice->jitter_all_ms;
      }
  }

  return summary;
}

/**
 * lc_stats_sampler_dup_selected_pair:
 *
 * Returns: (transfer full) (nullable): the candidate pair that carries the media:
 *   `{"local": {type, address, port, protocol}, "remote": {…}}`, without any TURN URL
 */
JsonObject *
lc_stats_sampler_dup_selected_pair (LcStatsSampler *self)
{
  g_return_val_if_fail (LC_IS_STATS_SAMPLER (self), NULL);

  return self->selected_pair ? json_object_ref (self->selected_pair) : NULL;
}
