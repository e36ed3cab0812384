/* lc-media-peer.c — a webrtcbin with live Opus (and VP8) sources, driven from the main context
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gst/rtp/rtp.h>
#include <gst/sdp/sdp.h>
#include <nice.h>

#include "lc-dtls-identity.h"
#include "lc-media-peer.h"
#include "lc-secret-guard.h"

/* RTCP every 0.5 s at least (RFC 3550's default minimum is 5 s): with the randomisation of
 * RFC 3550 §6.3.1 (0.5–1.5 × the interval) a report then arrives in every second, so that
 * RTT and loss are fresh for each sample. */
#define RTCP_MIN_INTERVAL (500 * GST_MSECOND)

/* Opus at 40 kbit/s CBR in 20 ms frames: 100 bytes of payload, plus 12 of RTP header and 10
 * of SRTP tag, 50 times a second = 48.8 kbit/s of RTP, above the 40 kbit/s the requirements
 * ask for audio (contracts §3 counts the RTP rate). CBR fixes the rate whatever the
 * mode, and the sound is pink noise that nobody hears: the encoder's cheapest settings (the
 * generic, CELT mode at complexity 0) do, at a quarter of the CPU of voice at complexity 5. */
#define TEST_AUDIO_SOURCE "audiotestsrc is-live=true wave=pink-noise volume=0.25 " \
                          "samplesperbuffer=960"
#define AUDIO_ENCODER "audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=1 " \
                      "! opusenc bitrate=40000 bitrate-type=cbr frame-size=20 " \
                      "audio-type=generic complexity=0 ! rtpopuspay pt=111 ssrc=%u " \
                      "! capsfilter caps=\"application/x-rtp,media=audio," \
                      "encoding-name=OPUS,payload=111\""
/* VP8 at 640×480 and 20 fps, realtime at its fastest setting. The picture is a bar that
 * moves 8 pixels a frame: a flat fill that costs almost nothing to draw (a quarter of what
 * the moving ball cost) and changes enough to carry about 75 kbit/s of RTP, so that audio
 * and video together send well above the 80 kbit/s of the requirements (about 125); the
 * target caps what a busier camera picture would send. 20 fps rather than 30 keeps the whole
 * A/V echo call within 10 % of one core. */
#define TEST_VIDEO_SOURCE "videotestsrc is-live=true pattern=bar horizontal-speed=8 " \
                          "! video/x-raw,format=I420,width=640,height=480,framerate=20/1"
#define VIDEO_ENCODER "videoconvert ! videoscale ! videorate " \
                      "! video/x-raw,width=640,height=480,framerate=20/1 " \
                      "! vp8enc deadline=1 cpu-used=16 end-usage=cbr target-bitrate=300000 " \
                      "keyframe-max-dist=300 threads=1 " \
                      "! rtpvp8pay pt=96 ssrc=%u picture-id-mode=15-bit " \
                      "! capsfilter caps=\"application/x-rtp,media=video," \
                      "encoding-name=VP8,payload=96,rtcp-fb-nack-pli=true,rtcp-fb-ccm-fir=true\""

/* What one of our streams handed to webrtcbin: counted here rather than read from the
 * statistics, where 1.22 drops a stream of ours that sent nothing for 5 s (a long DTLS
 * handshake) and does not bring it back. */
typedef struct
{
  GMutex  *lock;               /* the peer's */
  gint    *open;               /* the peer's: the path (ICE + DTLS) is up */
  gboolean video;
  gboolean opened;             /* streaming thread only: a buffer passed the gate */
  guint64  packets;
  guint64  payload_bytes;
  guint64  held_back;          /* dropped before the path was up */
  gboolean have_seq;
  guint16  first_seq;          /* the first packet that went out */
  guint16  last_seq;           /* the latest */
} SentCount;

/* One stream from the other side, as it arrives (before the jitterbuffer): RFC 3550
 * interarrival jitter over the packets that arrive in sequence, as browsers' getStats() and
 * the gateway's receiver reports compute it (contracts §3). A packet older than the highest
 * sequence number seen is left out; so is one that repeats the previous in-sequence packet's
 * timestamp (a video frame's later packets), as libwebrtc does. */
typedef struct
{
  guint    clock_rate;
  gboolean have_last;
  guint64  max_ext_seq;        /* extended highest sequence number seen */
  guint32  last_rtp_ts;
  gint64   last_arrival_us;
  double   jitter;             /* in RTP clock units */
  guint64  in_sequence;        /* packets that counted */
  guint64  arrivals;
} Arrivals;

struct _LcMediaPeer
{
  GObject                       parent_instance;

  char                         *name;
  gboolean                      video;
  GstWebRTCBundlePolicy         bundle_policy;
  gboolean                      relay_only;
  char                         *stun_server;
  char                         *turn_server;      /* holds the TURN credential: never logged */
  char                         *local_address;
  char                         *audio_source;
  char                         *video_source;
  GMainContext                 *context;

  GstElement                   *pipeline;
  GstElement                   *webrtc;
  guint                         bus_watch;
  gboolean                      stopped;

  guint                         audio_ssrc;
  guint                         video_ssrc;
  GMutex                        lock;             /* what streaming threads fill: below */
  GHashTable                   *remote_ssrcs;     /* ssrc → "audio" | "video" */
  SentCount                     sent[2];          /* audio, video: what we gave webrtcbin */
  GHashTable                   *arrivals;         /* remote ssrc → Arrivals */
  gint                          media_open;       /* atomic: connected, media may flow */

  GPtrArray                    *promise_calls;    /* PromiseCall not answered yet */

  GstWebRTCICEConnectionState   ice_state;
  GstWebRTCPeerConnectionState  connection_state;
  gboolean                      gathering_done;
  GPtrArray                    *local_candidates;
};

G_DEFINE_FINAL_TYPE (LcMediaPeer, lc_media_peer, G_TYPE_OBJECT)

/* A GstPromise answers on webrtcbin's thread; its answer goes back to the main context. */
typedef struct
{
  GTask        *task;
  GstPromise   *promise;
  guint         what;
} PromiseCall;

enum {
  SIGNAL_NEGOTIATION_NEEDED,
  SIGNAL_LOCAL_CANDIDATE,
  SIGNAL_STATE_CHANGED,
  SIGNAL_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Work that a GStreamer thread hands over to the peer's main context. */
typedef struct
{
  LcMediaPeer *self;
  guint        what;
  guint        number;
  char        *text;
} Handover;

enum {
  HANDOVER_NEGOTIATION_NEEDED,
  HANDOVER_CANDIDATE,
  HANDOVER_STATE,
};

static void
handover_free (gpointer data)
{
  Handover *handover = data;

  g_object_unref (handover->self);
  g_free (handover->text);
  g_free (handover);
}

static gboolean
handover_dispatch (gpointer data)
{
  Handover *handover = data;
  LcMediaPeer *self = handover->self;

  if (self->stopped)
    return G_SOURCE_REMOVE;

  switch (handover->what)
    {
    case HANDOVER_NEGOTIATION_NEEDED:
      g_signal_emit (self, signals[SIGNAL_NEGOTIATION_NEEDED], 0);
      break;

    case HANDOVER_CANDIDATE:
      g_ptr_array_add (self->local_candidates, g_strdup (handover->text));
      g_signal_emit (self, signals[SIGNAL_LOCAL_CANDIDATE], 0, handover->number, handover->text);
      break;

    case HANDOVER_STATE:
      g_object_get (self->webrtc,
                    "ice-connection-state", &self->ice_state,
                    "connection-state", &self->connection_state,
                    NULL);
      /* The gathering state as it was when notified, not as it is now: a "complete" read
       * live here would overtake candidates still queued behind this handover. */
      self->gathering_done |= handover->number == GST_WEBRTC_ICE_GATHERING_STATE_COMPLETE;
      g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* Always later, never from inside the caller: also when the caller is the main context's own
 * thread (webrtcbin emits some notifications there while it stops). */
static void
schedule (GMainContext   *context,
          GSourceFunc     func,
          gpointer        data,
          GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
}

/* Called from any thread. */
static void
hand_over (LcMediaPeer *self,
           guint        what,
           guint        number,
           const char  *text)
{
  Handover *handover = g_new0 (Handover, 1);

  handover->self = g_object_ref (self);
  handover->what = what;
  handover->number = number;
  handover->text = g_strdup (text);
  schedule (self->context, handover_dispatch, handover, handover_free);
}

static void
on_negotiation_needed (GstElement  *webrtc,
                       LcMediaPeer *self)
{
  hand_over (self, HANDOVER_NEGOTIATION_NEEDED, 0, NULL);
}

static void
on_ice_candidate (GstElement  *webrtc,
                  guint        mline_index,
                  const char  *candidate,
                  LcMediaPeer *self)
{
  hand_over (self, HANDOVER_CANDIDATE, mline_index, candidate);
}

static void
on_state_notify (GObject     *webrtc,
                 GParamSpec  *pspec,
                 LcMediaPeer *self)
{
  GstWebRTCICEGatheringState gathering = GST_WEBRTC_ICE_GATHERING_STATE_NEW;
  GstWebRTCPeerConnectionState connection = GST_WEBRTC_PEER_CONNECTION_STATE_NEW;

  g_object_get (webrtc, "ice-gathering-state", &gathering, "connection-state", &connection,
                NULL);
  /* ICE and DTLS are up: from now on the sources' buffers go out (see count_sent()). */
  if (connection == GST_WEBRTC_PEER_CONNECTION_STATE_CONNECTED)
    g_atomic_int_set (&self->media_open, 1);
  hand_over (self, HANDOVER_STATE, gathering, NULL);
}

/* Streaming thread: a stream from the other side arrives. It only has to be consumed; its
 * figures come from the RTP session. */
static void
on_pad_added (GstElement  *webrtc,
              GstPad      *pad,
              LcMediaPeer *self)
{
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstPad) sinkpad = NULL;
  GstElement *sink;

  if (GST_PAD_DIRECTION (pad) != GST_PAD_SRC)
    return;

  caps = gst_pad_get_current_caps (pad);
  if (caps != NULL && gst_caps_get_size (caps) > 0)
    {
      GstStructure *s = gst_caps_get_structure (caps, 0);
      const char *media = gst_structure_get_string (s, "media");
      guint ssrc = 0;

      if (media != NULL && gst_structure_get_uint (s, "ssrc", &ssrc))
        {
          g_mutex_lock (&self->lock);
          g_hash_table_insert (self->remote_ssrcs, GUINT_TO_POINTER (ssrc),
                               (gpointer)g_intern_string (media));
          g_mutex_unlock (&self->lock);
        }
    }

  sink = gst_element_factory_make ("fakesink", NULL);
  g_object_set (sink, "sync", FALSE, "async", FALSE, NULL);
  gst_bin_add (GST_BIN (self->pipeline), sink);
  gst_element_sync_state_with_parent (sink);
  sinkpad = gst_element_get_static_pad (sink, "sink");
  if (gst_pad_link (pad, sinkpad) != GST_PAD_LINK_OK)
    g_warning ("%s: cannot consume the incoming stream", self->name);
}

static GstPadProbeReturn on_arrival (GstPad          *pad,
                                     GstPadProbeInfo *info,
                                     gpointer         user_data);

static void
on_deep_element_added (GstBin      *bin,
                       GstBin      *sub_bin,
                       GstElement  *element,
                       LcMediaPeer *self)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  const char *name = factory ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)) : "";

  if (g_str_equal (name, "rtpsession"))
    g_object_set (element, "rtcp-min-interval", (guint64)RTCP_MIN_INTERVAL, NULL);
  else if (g_str_equal (name, "rtpssrcdemux"))
    {
      /* Behind the RTP session: decrypted packets from the other side as they arrive. */
      g_autoptr(GstPad) sink = gst_element_get_static_pad (element, "sink");

      if (sink != NULL)
        gst_pad_add_probe (sink, GST_PAD_PROBE_TYPE_BUFFER | GST_PAD_PROBE_TYPE_BUFFER_LIST,
                           on_arrival, self, NULL);
    }
}

static gboolean
on_bus_message (GstBus      *bus,
                GstMessage  *message,
                LcMediaPeer *self)
{
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR && !self->stopped)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *debug = NULL;

      gst_message_parse_error (message, &error, &debug);
      g_debug ("%s: %s (%s)", self->name, error->message, debug ? debug : "");
      g_signal_emit (self, signals[SIGNAL_FAILED], 0, error->message);
    }
  return G_SOURCE_CONTINUE;
}

static void stop_pipeline (LcMediaPeer *self,
                           gboolean     in_background);

static void
lc_media_peer_dispose (GObject *object)
{
  LcMediaPeer *self = LC_MEDIA_PEER (object);

  /* Nobody stopped it: the last reference is going, so here and now. */
  stop_pipeline (self, FALSE);

  G_OBJECT_CLASS (lc_media_peer_parent_class)->dispose (object);
}

static void forget_turn_secret (LcMediaPeer *self);

static void
lc_media_peer_finalize (GObject *object)
{
  LcMediaPeer *self = LC_MEDIA_PEER (object);

  g_free (self->name);
  g_free (self->stun_server);
  forget_turn_secret (self);
  g_free (self->turn_server);
  g_free (self->local_address);
  g_free (self->audio_source);
  g_free (self->video_source);
  g_hash_table_unref (self->remote_ssrcs);
  g_hash_table_unref (self->arrivals);
  g_ptr_array_unref (self->local_candidates);
  g_ptr_array_unref (self->promise_calls);
  g_mutex_clear (&self->lock);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (lc_media_peer_parent_class)->finalize (object);
}

static void
lc_media_peer_class_init (LcMediaPeerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_media_peer_dispose;
  object_class->finalize = lc_media_peer_finalize;

  /**
   * LcMediaPeer::negotiation-needed:
   *
   * Every stream has its caps: the offerer can create its offer now.
   */
  signals[SIGNAL_NEGOTIATION_NEEDED] = g_signal_new ("negotiation-needed",
                                                     G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LcMediaPeer::local-candidate:
   * @mline_index: the m-line the candidate belongs to
   * @candidate: the SDP candidate line, for the other side
   */
  signals[SIGNAL_LOCAL_CANDIDATE] = g_signal_new ("local-candidate", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * LcMediaPeer::state-changed:
   *
   * The ICE, gathering or connection state changed (read them with the getters).
   */
  signals[SIGNAL_STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
  /**
   * LcMediaPeer::failed:
   * @message: GStreamer's error
   *
   * The pipeline stopped with an error.
   */
  signals[SIGNAL_FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lc_media_peer_init (LcMediaPeer *self)
{
  g_mutex_init (&self->lock);
  self->remote_ssrcs = g_hash_table_new (NULL, NULL);
  self->arrivals = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->local_candidates = g_ptr_array_new_with_free_func (g_free);
  self->promise_calls = g_ptr_array_new ();
  self->context = g_main_context_ref_thread_default ();
  self->bundle_policy = GST_WEBRTC_BUNDLE_POLICY_NONE;
}

/**
 * lc_media_peer_new:
 * @name: what logs call it ("echo", "loopback-a")
 * @video: send and receive VP8 beside Opus
 *
 * Returns: (transfer full): a peer that signals on the caller's thread-default main context
 */
LcMediaPeer *
lc_media_peer_new (const char *name,
                   gboolean    video)
{
  LcMediaPeer *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (LC_TYPE_MEDIA_PEER, NULL);
  self->name = g_strdup (name);
  self->video = video;
  /* Our SSRCs are ours to choose: they tell our streams apart in the statistics. */
  self->audio_ssrc = g_random_int_range (1, G_MAXINT32);
  do
    self->video_ssrc = g_random_int_range (1, G_MAXINT32);
  while (self->video_ssrc == self->audio_ssrc);
  return self;
}

/* GStreamer 1.22 mixes up the statistics of bundled streams: the default, none, keeps one
 * transport per stream (at the cost of one DTLS handshake each). */
void
lc_media_peer_set_bundle_policy (LcMediaPeer           *self,
                                 GstWebRTCBundlePolicy  policy)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  self->bundle_policy = policy;
}

/* Gather relay candidates only: the media must go through the TURN server. */
void
lc_media_peer_set_relay_only (LcMediaPeer *self,
                              gboolean     relay_only)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  self->relay_only = relay_only;
}

/* @uri: (nullable): `stun://host:port` */
void
lc_media_peer_set_stun_server (LcMediaPeer *self,
                               const char  *uri)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  g_free (self->stun_server);
  self->stun_server = g_strdup (uri);
}

/* The password of the TURN URL, in the forms a log could show it: as written in the URL and
 * unescaped. */
static void
for_each_turn_secret (LcMediaPeer *self,
                      void       (*func) (const char *secret))
{
  g_autofree char *userinfo = NULL;
  const char *colon;

  if (self->turn_server == NULL ||
      !g_uri_split (self->turn_server, G_URI_FLAGS_ENCODED, NULL, &userinfo, NULL, NULL, NULL,
                    NULL, NULL, NULL) ||
      userinfo == NULL || (colon = strchr (userinfo, ':')) == NULL)
    return;

  {
    g_autofree char *unescaped = g_uri_unescape_string (colon + 1, NULL);

    func (colon + 1);
    if (unescaped != NULL && !g_str_equal (unescaped, colon + 1))
      func (unescaped);
    if (unescaped != NULL)
      memset (unescaped, 0, strlen (unescaped));
  }
  memset (userinfo, 0, strlen (userinfo));
}

static void
protect_turn_secret (LcMediaPeer *self)
{
  for_each_turn_secret (self, lc_secret_guard_protect);
}

static void
forget_turn_secret (LcMediaPeer *self)
{
  for_each_turn_secret (self, lc_secret_guard_forget);
}

/* @uri: (nullable): `turn://user:password@host:port?transport=udp|tcp` or `turns://…`; it
 * holds a secret, which the peer never logs, and which GStreamer's and libnice's debug logs
 * show masked (lc-secret-guard.c). */
void
lc_media_peer_set_turn_server (LcMediaPeer *self,
                               const char  *uri)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  forget_turn_secret (self);
  g_free (self->turn_server);
  self->turn_server = g_strdup (uri);
  protect_turn_secret (self);
}

/**
 * lc_media_peer_set_local_address:
 * @address: (nullable): the only local address the ICE agent gathers on
 *
 * libnice gathers on every interface but loopback by default, and gives up its own gathering
 * once it is handed an address: only for a target on loopback or in a test network.
 */
void
lc_media_peer_set_local_address (LcMediaPeer *self,
                                 const char  *address)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  g_free (self->local_address);
  self->local_address = g_strdup (address);
}

/**
 * lc_media_peer_set_sources:
 * @audio: (nullable): a gst-launch description of the microphone, e.g. `pipewiresrc`;
 *   %NULL for a test tone
 * @video: (nullable): the camera, e.g. `v4l2src`; %NULL for a test picture
 */
void
lc_media_peer_set_sources (LcMediaPeer *self,
                           const char  *audio,
                           const char  *video)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (self->pipeline == NULL);
  g_free (self->audio_source);
  g_free (self->video_source);
  self->audio_source = g_strdup (audio);
  self->video_source = g_strdup (video);
}

/* Streaming thread: one RTP packet of ours on its way into webrtcbin. Until the path is up
 * (ICE and DTLS connected) it is dropped, not queued: what the sources make during set-up
 * would otherwise go out in one burst when the path opens (137–273 packets in the first
 * second instead of 50, issue 12), which the gateway partly drops before its own DTLS is
 * done and its first receiver report counts as loss. A browser sends nothing before DTLS is
 * up either (contracts §3). */
static GstPadProbeReturn
count_sent (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  SentCount *count = user_data;
  GstBuffer *buffer = GST_PAD_PROBE_INFO_BUFFER (info);
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;

  if (!g_atomic_int_get (count->open))
    {
      g_mutex_lock (count->lock);
      count->held_back++;
      g_mutex_unlock (count->lock);
      return GST_PAD_PROBE_DROP;
    }

  if (!count->opened)
    {
      count->opened = TRUE;
      /* The key frame went with the set-up: ask for a fresh one. */
      if (count->video)
        gst_pad_send_event (pad, gst_event_new_custom (GST_EVENT_CUSTOM_UPSTREAM,
                                                       gst_structure_new ("GstForceKeyUnit",
                                                                          "all-headers",
                                                                          G_TYPE_BOOLEAN, TRUE,
                                                                          NULL)));
    }

  if (buffer == NULL || !gst_rtp_buffer_map (buffer, GST_MAP_READ, &rtp))
    return GST_PAD_PROBE_OK;

  g_mutex_lock (count->lock);
  count->packets++;
  count->payload_bytes += gst_rtp_buffer_get_payload_len (&rtp);
  count->last_seq = gst_rtp_buffer_get_seq (&rtp);
  if (!count->have_seq)
    count->first_seq = count->last_seq;
  count->have_seq = TRUE;
  g_mutex_unlock (count->lock);
  gst_rtp_buffer_unmap (&rtp);
  return GST_PAD_PROBE_OK;
}

static void
watch_sent (LcMediaPeer *self,
            GstElement  *branch,
            SentCount   *count)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (branch, "src");

  if (pad == NULL)
    return;
  /* The pad belongs to the branch, which the peer outlives. */
  count->lock = &self->lock;
  count->open = &self->media_open;
  count->video = count == &self->sent[1];
  gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_sent, count, NULL);
}

/* Streaming thread: one decrypted RTP packet from the other side, before the jitterbuffer
 * (the RTP session's demuxer), at its arrival. */
static void
count_arrival (LcMediaPeer *self,
               GstBuffer   *buffer,
               gint64       now_us)
{
  GstRTPBuffer rtp = GST_RTP_BUFFER_INIT;
  guint32 ssrc;
  guint32 timestamp;
  guint16 seq;
  guint8 pt;
  Arrivals *arrivals;

  if (!gst_rtp_buffer_map (buffer, GST_MAP_READ, &rtp))
    return;
  ssrc = gst_rtp_buffer_get_ssrc (&rtp);
  timestamp = gst_rtp_buffer_get_timestamp (&rtp);
  seq = gst_rtp_buffer_get_seq (&rtp);
  pt = gst_rtp_buffer_get_payload_type (&rtp);
  gst_rtp_buffer_unmap (&rtp);

  g_mutex_lock (&self->lock);
  arrivals = g_hash_table_lookup (self->arrivals, GUINT_TO_POINTER (ssrc));
  if (arrivals == NULL)
    {
      guint clock_rate = pt == LC_MEDIA_PEER_OPUS_PT ? 48000
                         : pt == LC_MEDIA_PEER_VP8_PT ? 90000 : 0;

      if (clock_rate == 0)
        {
          g_mutex_unlock (&self->lock);
          return;
        }
      arrivals = g_new0 (Arrivals, 1);
      arrivals->clock_rate = clock_rate;
      arrivals->max_ext_seq = (1 << 16) + seq;   /* room for a wrap backwards */
      g_hash_table_insert (self->arrivals, GUINT_TO_POINTER (ssrc), arrivals);
    }
  arrivals->arrivals++;

  {
    /* Extend the 16-bit number to the one nearest the highest seen. */
    gint64 delta = (gint16)(guint16)(seq - (guint16)arrivals->max_ext_seq);
    guint64 ext = (guint64)((gint64)arrivals->max_ext_seq + delta);

    if (!arrivals->have_last || ext > arrivals->max_ext_seq)
      {
        if (arrivals->have_last && timestamp != arrivals->last_rtp_ts)
          {
            double arrival_units = (now_us - arrivals->last_arrival_us) *
                                   (double)arrivals->clock_rate / G_USEC_PER_SEC;
            double d = arrival_units - (double)(gint32)(timestamp - arrivals->last_rtp_ts);

            arrivals->jitter += (fabs (d) - arrivals->jitter) / 16.0;
            arrivals->in_sequence++;
          }
        if (!arrivals->have_last || timestamp != arrivals->last_rtp_ts)
          {
            arrivals->last_rtp_ts = timestamp;
            arrivals->last_arrival_us = now_us;
          }
        arrivals->have_last = TRUE;
        arrivals->max_ext_seq = ext;
      }
  }
  g_mutex_unlock (&self->lock);
}

static gboolean
count_arrival_in_list (GstBuffer **buffer,
                       guint       idx,
                       gpointer    user_data)
{
  gpointer *args = user_data;

  count_arrival (args[0], *buffer, *(gint64 *)args[1]);
  return TRUE;
}

static GstPadProbeReturn
on_arrival (GstPad          *pad,
            GstPadProbeInfo *info,
            gpointer         user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (info->type & GST_PAD_PROBE_TYPE_BUFFER)
    count_arrival (user_data, GST_PAD_PROBE_INFO_BUFFER (info), now);
  else if (info->type & GST_PAD_PROBE_TYPE_BUFFER_LIST)
    {
      gpointer args[2] = { user_data, &now };

      gst_buffer_list_foreach (GST_PAD_PROBE_INFO_BUFFER_LIST (info), count_arrival_in_list,
                               args);
    }
  return GST_PAD_PROBE_OK;
}

static GstElement *
make_branch (const char  *source,
             const char  *encoder,
             GError     **error)
{
  g_autofree char *description = g_strdup_printf ("%s ! %s", source, encoder);

  return gst_parse_bin_from_description_full (description, TRUE, NULL,
                                              GST_PARSE_FLAG_FATAL_ERRORS, error);
}

/**
 * lc_media_peer_start:
 *
 * Builds the pipeline and plays it: the sources start, and #LcMediaPeer::negotiation-needed
 * follows once every stream has its caps.
 *
 * Returns: %FALSE when an element is missing (the GStreamer plugins are not all installed)
 */
gboolean
lc_media_peer_start (LcMediaPeer  *self,
                     GError      **error)
{
  g_autoptr(GstBus) bus = NULL;
  g_autofree char *encoder = NULL;
  GstElement *audio;
  GstElement *video = NULL;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);
  g_return_val_if_fail (self->pipeline == NULL, FALSE);

  lc_dtls_identity_install (); /* before the process's first DTLS element */
  self->pipeline = gst_pipeline_new (self->name);
  g_object_ref_sink (self->pipeline);
  self->webrtc = gst_element_factory_make ("webrtcbin", "webrtc");
  if (self->webrtc == NULL)
    {
      g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                   _("The GStreamer element webrtcbin is missing (install the “bad” plugins "
                     "with WebRTC, and libnice’s GStreamer plugin)"));
      return FALSE;
    }
  gst_bin_add (GST_BIN (self->pipeline), self->webrtc);

  g_signal_connect (self->pipeline, "deep-element-added", G_CALLBACK (on_deep_element_added),
                    self);

  g_object_set (self->webrtc,
                "bundle-policy", self->bundle_policy,
                "ice-transport-policy", self->relay_only ? GST_WEBRTC_ICE_TRANSPORT_POLICY_RELAY
                                                         : GST_WEBRTC_ICE_TRANSPORT_POLICY_ALL,
                "latency", 100,
                NULL);
  if (self->stun_server != NULL)
    g_object_set (self->webrtc, "stun-server", self->stun_server, NULL);
  if (self->turn_server != NULL)
    {
      gboolean added = FALSE;

      g_signal_emit_by_name (self->webrtc, "add-turn-server", self->turn_server, &added);
      if (!added)
        {
          /* Not the URI itself: it holds the credential. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The ICE agent does not take the TURN server’s address"));
          return FALSE;
        }
    }
  if (self->local_address != NULL)
    {
      g_autoptr(GObject) ice = NULL;
      gboolean added = FALSE;

      g_object_get (self->webrtc, "ice-agent", &ice, NULL);
      g_signal_emit_by_name (ice, "add-local-ip-address", self->local_address, &added);
      if (!added)
        g_warning ("%s: the ICE agent refuses the local address %s", self->name,
                   self->local_address);
    }

  g_signal_connect (self->webrtc, "on-negotiation-needed", G_CALLBACK (on_negotiation_needed),
                    self);
  g_signal_connect (self->webrtc, "on-ice-candidate", G_CALLBACK (on_ice_candidate), self);
  g_signal_connect (self->webrtc, "notify::ice-connection-state", G_CALLBACK (on_state_notify),
                    self);
  g_signal_connect (self->webrtc, "notify::connection-state", G_CALLBACK (on_state_notify), self);
  g_signal_connect (self->webrtc, "notify::ice-gathering-state", G_CALLBACK (on_state_notify),
                    self);
  g_signal_connect (self->webrtc, "pad-added", G_CALLBACK (on_pad_added), self);

  encoder = g_strdup_printf (AUDIO_ENCODER, self->audio_ssrc);
  audio = make_branch (self->audio_source ? self->audio_source : TEST_AUDIO_SOURCE, encoder,
                       error);
  if (audio == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (self->pipeline), audio);
  watch_sent (self, audio, &self->sent[0]);
  if (!gst_element_link (audio, self->webrtc))
    {
      g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                   _("The audio stream cannot be linked to webrtcbin"));
      return FALSE;
    }

  if (self->video)
    {
      g_free (encoder);
      encoder = g_strdup_printf (VIDEO_ENCODER, self->video_ssrc);
      video = make_branch (self->video_source ? self->video_source : TEST_VIDEO_SOURCE, encoder,
                           error);
      if (video == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (self->pipeline), video);
      watch_sent (self, video, &self->sent[1]);
      if (!gst_element_link (video, self->webrtc))
        {
          g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_NEGOTIATION,
                       _("The video stream cannot be linked to webrtcbin"));
          return FALSE;
        }
    }

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_watch = gst_bus_add_watch (bus, (GstBusFunc)on_bus_message, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, GST_CORE_ERROR, GST_CORE_ERROR_STATE_CHANGE,
                   _("The media pipeline does not start"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  LcMediaPeer  *self;
  GstElement   *pipeline;
  GMainContext *context;
} Teardown;

static gboolean
teardown_done (gpointer data)
{
  Teardown *teardown = data;

  g_object_unref (teardown->self);
  g_main_context_unref (teardown->context);
  g_free (teardown);
  return G_SOURCE_REMOVE;
}

/* Going to NULL joins the streaming threads, DTLS's and webrtcbin's own: 50–150 ms that the
 * main loop does not wait for. The peer stays alive until they are joined, so a handler
 * still running in one of them finds it; what it hands over is dropped, the peer being
 * stopped. */
static gpointer
teardown_thread (gpointer data)
{
  Teardown *teardown = data;

  gst_element_set_state (teardown->pipeline, GST_STATE_NULL);
  gst_object_unref (teardown->pipeline);
  g_main_context_invoke (teardown->context, teardown_done, teardown);
  return NULL;
}

static void
stop_pipeline (LcMediaPeer *self,
               gboolean     in_background)
{
  GstElement *pipeline;

  self->stopped = TRUE;
  if (self->pipeline == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->pipeline, self);
  if (self->webrtc != NULL)
    g_signal_handlers_disconnect_by_data (self->webrtc, self);
  if (self->bus_watch != 0)
    {
      g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));

      gst_bus_remove_watch (bus);
      self->bus_watch = 0;
    }
  self->webrtc = NULL;
  pipeline = g_steal_pointer (&self->pipeline);

  if (in_background)
    {
      Teardown *teardown = g_new0 (Teardown, 1);

      teardown->self = g_object_ref (self);
      teardown->pipeline = pipeline;
      teardown->context = g_main_context_ref_thread_default ();
      g_thread_unref (g_thread_new ("lc-teardown", teardown_thread, teardown));
    }
  else
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      gst_object_unref (pipeline);
    }

  /* webrtcbin drops the promises it had not answered yet: end them, so that their tasks
   * return (with an error, later, from the main context). */
  for (guint i = 0; i < self->promise_calls->len; i++)
    gst_promise_expire (((PromiseCall *)g_ptr_array_index (self->promise_calls, i))->promise);
}

/**
 * lc_media_peer_stop:
 *
 * Stops the pipeline and lets it go. Once this returns, no signal of the peer is emitted
 * again; its GStreamer threads are joined on a worker thread, which keeps the peer until they
 * are. Safe to call twice.
 */
void
lc_media_peer_stop (LcMediaPeer *self)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));

  stop_pipeline (self, TRUE);
}

/* How long a TURN server gets to confirm that our allocations are gone. */
#define CLOSE_TIMEOUT_MS 1000

typedef struct
{
  GTask   *task;
  guint    timeout_id;
} Closing;

static void
closing_done (Closing *closing)
{
  LcMediaPeer *self = g_task_get_source_object (closing->task);

  g_clear_handle_id (&closing->timeout_id, g_source_remove);
  lc_media_peer_stop (self);
  g_task_return_boolean (closing->task, TRUE);
  g_object_unref (closing->task);
  g_free (closing);
}

static void
on_agent_closed (GObject      *agent,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Closing *closing = user_data;

  /* The timeout may have ended the peer already: then only this is left to free. */
  if (closing->task != NULL)
    closing_done (closing);
  else
    g_free (closing);
}

static gboolean
on_close_timeout (gpointer user_data)
{
  Closing *closing = user_data;
  LcMediaPeer *self = g_task_get_source_object (closing->task);

  closing->timeout_id = 0;
  /* The server did not confirm in time. Stopping now leaves libnice's pruning unfinished
   * (its agent then lives on, and says so): the price of never holding a call up. */
  lc_media_peer_stop (self);
  g_task_return_boolean (closing->task, TRUE);
  g_clear_object (&closing->task);
  return G_SOURCE_REMOVE;
}

/**
 * lc_media_peer_close_async:
 *
 * Releases what the peer holds on servers (its TURN allocations, which would otherwise live
 * on until they expire), then stops it like lc_media_peer_stop(). Takes at most a second.
 */
void
lc_media_peer_close_async (LcMediaPeer         *self,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GObject) ice = NULL;
  NiceAgent *agent = NULL;   /* libnice 0.1.21 has no autoptr for it */
  Closing *closing;

  g_return_if_fail (LC_IS_MEDIA_PEER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lc_media_peer_close_async);

  if (self->webrtc != NULL && self->turn_server != NULL)
    {
      g_object_get (self->webrtc, "ice-agent", &ice, NULL);
      if (ice != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (ice), "agent"))
        g_object_get (ice, "agent", &agent, NULL);
    }

  if (agent == NULL)
    {
      lc_media_peer_stop (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  closing = g_new0 (Closing, 1);
  closing->task = g_steal_pointer (&task);
  closing->timeout_id = g_timeout_add (CLOSE_TIMEOUT_MS, on_close_timeout, closing);
  nice_agent_close_async (agent, on_agent_closed, closing);
  g_object_unref (agent);
}

gboolean
lc_media_peer_close_finish (LcMediaPeer   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

enum {
  PROMISE_OFFER,
  PROMISE_ANSWER,
  PROMISE_REMOTE,
  PROMISE_STATS,
};

static void
promise_call_free (gpointer data)
{
  PromiseCall *call = data;

  g_clear_object (&call->task);
  g_clear_pointer (&call->promise, gst_promise_unref);
  g_free (call);
}

static gboolean
promise_call_dispatch (gpointer data)
{
  PromiseCall *call = data;
  LcMediaPeer *self = g_task_get_source_object (call->task);
  GstPromiseResult state = gst_promise_wait (call->promise);
  const GstStructure *reply = state == GST_PROMISE_RESULT_REPLIED
                              ? gst_promise_get_reply (call->promise) : NULL;
  GError *reply_error = NULL;

  g_ptr_array_remove_fast (self->promise_calls, call);

  if (g_task_return_error_if_cancelled (call->task))
    return G_SOURCE_REMOVE;

  if (self->stopped)
    {
      g_task_return_new_error (call->task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The media pipeline was stopped"));
      return G_SOURCE_REMOVE;
    }

  /* set-remote-description answers with an empty reply when all went well. */
  if (reply == NULL && state == GST_PROMISE_RESULT_REPLIED && call->what == PROMISE_REMOTE)
    {
      g_task_return_boolean (call->task, TRUE);
      return G_SOURCE_REMOVE;
    }

  if (reply == NULL)
    {
      g_task_return_new_error (call->task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("webrtcbin did not answer (promise %s)"),
                               state == GST_PROMISE_RESULT_EXPIRED ? "expired" : "interrupted");
      return G_SOURCE_REMOVE;
    }

  if (gst_structure_has_field (reply, "error"))
    gst_structure_get (reply, "error", G_TYPE_ERROR, &reply_error, NULL);
  if (reply_error != NULL)
    {
      g_task_return_error (call->task, reply_error);
      return G_SOURCE_REMOVE;
    }

  switch (call->what)
    {
    case PROMISE_OFFER:
    case PROMISE_ANSWER:
      {
        GstWebRTCSessionDescription *description = NULL;
        const char *field = call->what == PROMISE_OFFER ? "offer" : "answer";
        char *text;

        gst_structure_get (reply, field, GST_TYPE_WEBRTC_SESSION_DESCRIPTION, &description, NULL);
        if (description == NULL)
          {
            g_task_return_new_error (call->task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                     _("webrtcbin created no %s"), field);
            return G_SOURCE_REMOVE;
          }
        text = gst_sdp_message_as_text (description->sdp);
        g_signal_emit_by_name (self->webrtc, "set-local-description", description, NULL);
        gst_webrtc_session_description_free (description);
        g_task_return_pointer (call->task, text, g_free);
      }
      break;

    case PROMISE_REMOTE:
      g_task_return_boolean (call->task, TRUE);
      break;

    case PROMISE_STATS:
      g_task_return_pointer (call->task, gst_structure_copy (reply),
                             (GDestroyNotify)gst_structure_free);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

/* webrtcbin's thread, or any thread that resolves the promise. */
static void
on_promise_changed (GstPromise *promise,
                    gpointer    user_data)
{
  PromiseCall *call = user_data;
  LcMediaPeer *self = g_task_get_source_object (call->task);

  schedule (self->context, promise_call_dispatch, call, promise_call_free);
}

static void
start_promise_call (LcMediaPeer         *self,
                    guint                what,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    const char          *action,
                    gpointer             argument)
{
  PromiseCall *call = g_new0 (PromiseCall, 1);

  call->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (call->task, source_tag);
  call->what = what;

  if (self->webrtc == NULL || self->stopped)
    {
      g_task_return_new_error (call->task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               _("The media pipeline is not running"));
      promise_call_free (call);
      return;
    }

  /* The call is freed once the answer was dispatched; stop() expires what webrtcbin leaves
   * unanswered. */
  call->promise = gst_promise_new_with_change_func (on_promise_changed, call, NULL);
  g_ptr_array_add (self->promise_calls, call);
  g_signal_emit_by_name (self->webrtc, action, argument, call->promise);
}

void
lc_media_peer_create_offer_async (LcMediaPeer         *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));

  start_promise_call (self, PROMISE_OFFER, lc_media_peer_create_offer_async, cancellable,
                      callback, user_data, "create-offer", NULL);
}

/**
 * lc_media_peer_create_offer_finish:
 *
 * Returns: (transfer full): the offer's SDP, which is also set as the local description
 */
char *
lc_media_peer_create_offer_finish (LcMediaPeer   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lc_media_peer_create_answer_async (LcMediaPeer         *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));

  start_promise_call (self, PROMISE_ANSWER, lc_media_peer_create_answer_async, cancellable,
                      callback, user_data, "create-answer", NULL);
}

/**
 * lc_media_peer_create_answer_finish:
 *
 * Returns: (transfer full): the answer's SDP, which is also set as the local description
 */
char *
lc_media_peer_create_answer_finish (LcMediaPeer   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lc_media_peer_set_remote_description_async (LcMediaPeer         *self,
                                            GstWebRTCSDPType     type,
                                            const char          *sdp,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GstSDPMessage *message = NULL;
  GstWebRTCSessionDescription *description;

  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (sdp != NULL);

  if (gst_sdp_message_new_from_text (sdp, &message) != GST_SDP_OK)
    {
      g_task_report_new_error (self, callback, user_data,
                               lc_media_peer_set_remote_description_async,
                               G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The other side’s SDP cannot be read"));
      return;
    }

  description = gst_webrtc_session_description_new (type, message);
  start_promise_call (self, PROMISE_REMOTE, lc_media_peer_set_remote_description_async,
                      cancellable, callback, user_data, "set-remote-description", description);
  gst_webrtc_session_description_free (description);
}

gboolean
lc_media_peer_set_remote_description_finish (LcMediaPeer   *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A candidate of the other side, as an SDP line ("candidate:…" or "a=candidate:…"). */
void
lc_media_peer_add_ice_candidate (LcMediaPeer *self,
                                 guint        mline_index,
                                 const char  *candidate)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));
  g_return_if_fail (candidate != NULL);

  if (self->webrtc == NULL || self->stopped)
    return;

  if (g_str_has_prefix (candidate, "a="))
    candidate += 2;
  g_signal_emit_by_name (self->webrtc, "add-ice-candidate", mline_index, candidate);
}

void
lc_media_peer_get_stats_async (LcMediaPeer         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LC_IS_MEDIA_PEER (self));

  start_promise_call (self, PROMISE_STATS, lc_media_peer_get_stats_async, cancellable,
                      callback, user_data, "get-stats", NULL);
}

/**
 * lc_media_peer_get_stats_finish:
 *
 * Returns: (transfer full): webrtcbin's statistics (one structure per stats object)
 */
GstStructure *
lc_media_peer_get_stats_finish (LcMediaPeer   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
lc_media_peer_get_name (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), NULL);
  return self->name;
}

gboolean
lc_media_peer_has_video (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);
  return self->video;
}

GstWebRTCICEConnectionState
lc_media_peer_get_ice_state (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), GST_WEBRTC_ICE_CONNECTION_STATE_NEW);
  return self->ice_state;
}

/* ICE and DTLS together: connected once every transport has finished its DTLS handshake. */
GstWebRTCPeerConnectionState
lc_media_peer_get_connection_state (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), GST_WEBRTC_PEER_CONNECTION_STATE_NEW);
  return self->connection_state;
}

gboolean
lc_media_peer_get_gathering_done (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);
  return self->gathering_done;
}

/**
 * lc_media_peer_get_local_candidates:
 *
 * Returns: (transfer none) (element-type utf8): the candidates gathered so far
 */
GPtrArray *
lc_media_peer_get_local_candidates (LcMediaPeer *self)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), NULL);
  return self->local_candidates;
}

/* The SSRC of the stream of @kind ("audio", "video") that this peer sends. */
guint
lc_media_peer_get_local_ssrc (LcMediaPeer *self,
                              const char  *kind)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), 0);

  if (g_strcmp0 (kind, "audio") == 0)
    return self->audio_ssrc;
  if (g_strcmp0 (kind, "video") == 0 && self->video)
    return self->video_ssrc;
  return 0;
}

/**
 * lc_media_peer_get_sent:
 * @packets: (out): RTP packets of the stream handed to webrtcbin so far
 * @payload_bytes: (out): their payload, without RTP header
 *
 * Returns: %FALSE when @ssrc is not a stream this peer sends
 */
gboolean
lc_media_peer_get_sent (LcMediaPeer *self,
                        guint        ssrc,
                        guint64     *packets,
                        guint64     *payload_bytes)
{
  SentCount *count;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);

  if (ssrc != 0 && ssrc == self->audio_ssrc)
    count = &self->sent[0];
  else if (ssrc != 0 && self->video && ssrc == self->video_ssrc)
    count = &self->sent[1];
  else
    return FALSE;

  g_mutex_lock (&self->lock);
  *packets = count->packets;
  *payload_bytes = count->payload_bytes;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Returns: (nullable): "audio" or "video" when @ssrc is a stream this peer sends */
/**
 * lc_media_peer_get_sent_seq:
 * @first: (out): the RTP sequence number of the stream's first packet that went out
 * @last: (out): that of the latest
 *
 * Returns: %FALSE when @ssrc is not a stream this peer sends, or nothing went out yet
 */
gboolean
lc_media_peer_get_sent_seq (LcMediaPeer *self,
                            guint        ssrc,
                            guint16     *first,
                            guint16     *last)
{
  SentCount *count;
  gboolean known;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);

  if (ssrc != 0 && ssrc == self->audio_ssrc)
    count = &self->sent[0];
  else if (ssrc != 0 && self->video && ssrc == self->video_ssrc)
    count = &self->sent[1];
  else
    return FALSE;

  g_mutex_lock (&self->lock);
  known = count->have_seq;
  *first = count->first_seq;
  *last = count->last_seq;
  g_mutex_unlock (&self->lock);
  return known;
}

/**
 * lc_media_peer_get_arrival_jitter:
 * @ssrc: a stream from the other side
 * @jitter_s: (out): RFC 3550 interarrival jitter over the packets that arrived in sequence
 *   (contracts §3), in seconds
 *
 * Computed here from the packets' arrival, before the jitterbuffer.
 *
 * Returns: %FALSE when no two packets of that stream have arrived in sequence yet
 */
gboolean
lc_media_peer_get_arrival_jitter (LcMediaPeer *self,
                                  guint        ssrc,
                                  double      *jitter_s)
{
  Arrivals *arrivals;
  gboolean known = FALSE;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), FALSE);
  g_mutex_lock (&self->lock);
  arrivals = g_hash_table_lookup (self->arrivals, GUINT_TO_POINTER (ssrc));
  if (arrivals != NULL && arrivals->in_sequence > 0)
    {
      *jitter_s = arrivals->jitter / arrivals->clock_rate;
      known = TRUE;
    }
  g_mutex_unlock (&self->lock);
  return known;
}

/**
 * lc_media_peer_get_held_back:
 *
 * Returns: how many RTP packets of ours were dropped (not queued) before the path was up
 */
guint64
lc_media_peer_get_held_back (LcMediaPeer *self)
{
  guint64 held;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), 0);
  g_mutex_lock (&self->lock);
  held = self->sent[0].held_back + self->sent[1].held_back;
  g_mutex_unlock (&self->lock);
  return held;
}

const char *
lc_media_peer_lookup_local_ssrc (LcMediaPeer *self,
                                 guint        ssrc)
{
  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), NULL);

  if (ssrc == self->audio_ssrc)
    return "audio";
  if (self->video && ssrc == self->video_ssrc)
    return "video";
  return NULL;
}

/* Returns: (nullable): "audio" or "video" when @ssrc is a stream this peer receives */
const char *
lc_media_peer_lookup_remote_ssrc (LcMediaPeer *self,
                                  guint        ssrc)
{
  const char *kind;

  g_return_val_if_fail (LC_IS_MEDIA_PEER (self), NULL);

  g_mutex_lock (&self->lock);
  kind = g_hash_table_lookup (self->remote_ssrcs, GUINT_TO_POINTER (ssrc));
  g_mutex_unlock (&self->lock);
  return kind;
}
