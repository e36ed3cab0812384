/* lc-media-sample.h — the figures of one second of a media call (contracts §3 samples[])
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LcMediaSample:
 * @t: seconds since the media started flowing (for a summary: the seconds measured)
 * @kind: %NULL for the whole call, "audio" or "video" for one stream of it
 * @loopback: the figures come from a relay loopback (both peers here), not from an echo
 * @rtt_ms: round trip of the path to the platform (loopback: half the loopback round trip)
 * @jitter_ms: jitter of the worse direction (per path, see contracts §3)
 * @loss_percent: packet loss of the worse direction, per path
 * @send_kbps: RTP rate sent: payload, RTP header and SRTP tag
 * @recv_kbps: RTP rate received, same definition
 * @wire_send_kbps: @send_kbps plus UDP/IP (or TCP/IP) and TURN framing, an estimate
 * @wire_recv_kbps: @recv_kbps, same
 * @uplink_loss_percent: echo: loss of our stream on its way to the gateway
 * @uplink_jitter_ms: echo: jitter the gateway sees on our stream
 * @downlink_loss_percent: echo: loss on the way back, `1 − (1 − Lback)/(1 − Lu)`
 * @downlink_jitter_ms: echo: jitter of the echoed stream / √2
 * @loopback_rtt_ms: loopback: the round trip as measured (twice the path)
 * @loopback_loss_percent: loopback: the loss as measured (the path crossed twice)
 * @loopback_jitter_ms: loopback: the jitter as measured
 * @jitter_all_ms: RFC 3550 jitter over every arrival (not only those in sequence) of the
 *   streams received here: echo, beside the downlink figure (echoed / √2); loopback, beside
 *   the loopback figure. For comparison only (contracts §3)
 * @streams: (element-type LcMediaSample) (nullable): the call's figures per stream
 *
 * Every figure is NAN when that second had no fresh measurement of it: JSON `null`, never 0.
 */
typedef struct
{
  double     t;
  char      *kind;
  gboolean   loopback;

  double     rtt_ms;
  double     jitter_ms;
  double     loss_percent;
  double     send_kbps;
  double     recv_kbps;
  double     wire_send_kbps;
  double     wire_recv_kbps;

  double     uplink_loss_percent;
  double     uplink_jitter_ms;
  double     downlink_loss_percent;
  double     downlink_jitter_ms;

  double     loopback_rtt_ms;
  double     loopback_loss_percent;
  double     loopback_jitter_ms;
  double     jitter_all_ms;

  GPtrArray *streams;
} LcMediaSample;

#define LC_TYPE_MEDIA_SAMPLE (lc_media_sample_get_type ())

GType          lc_media_sample_get_type   (void) G_GNUC_CONST;

LcMediaSample *lc_media_sample_new        (double         t,
                                           const char    *kind,
                                           gboolean       loopback);
LcMediaSample *lc_media_sample_ref        (LcMediaSample *self);
void           lc_media_sample_unref      (LcMediaSample *self);
void           lc_media_sample_add_stream (LcMediaSample *self,
                                           LcMediaSample *stream);
LcMediaSample *lc_media_sample_get_stream (LcMediaSample *self,
                                           const char    *kind);
JsonNode      *lc_media_sample_to_json    (LcMediaSample *self,
                                           gboolean       with_t);
LcMediaSample *lc_media_sample_new_from_json (JsonObject  *object,
                                              GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcMediaSample, lc_media_sample_unref)

G_END_DECLS
