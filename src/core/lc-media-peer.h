/* lc-media-peer.h — one end of a test call: sources, encoders and a webrtcbin
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#ifndef GST_USE_UNSTABLE_API
#define GST_USE_UNSTABLE_API  /* the ICE agent's API is marked unstable in 1.22 */
#endif
#include <gst/webrtc/webrtc.h>

G_BEGIN_DECLS

/* The RTP payload types the peer offers: what browsers use, and what the gateway expects. */
#define LC_MEDIA_PEER_OPUS_PT 111
#define LC_MEDIA_PEER_VP8_PT 96

#define LC_TYPE_MEDIA_PEER (lc_media_peer_get_type ())

G_DECLARE_FINAL_TYPE (LcMediaPeer, lc_media_peer, LC, MEDIA_PEER, GObject)

LcMediaPeer    *lc_media_peer_new                 (const char            *name,
                                                   gboolean               video);

void            lc_media_peer_set_bundle_policy   (LcMediaPeer           *self,
                                                   GstWebRTCBundlePolicy  policy);
void            lc_media_peer_set_relay_only      (LcMediaPeer           *self,
                                                   gboolean               relay_only);
void            lc_media_peer_set_stun_server     (LcMediaPeer           *self,
                                                   const char            *uri);
void            lc_media_peer_set_turn_server     (LcMediaPeer           *self,
                                                   const char            *uri);
void            lc_media_peer_set_local_address   (LcMediaPeer           *self,
                                                   const char            *address);
void            lc_media_peer_set_sources         (LcMediaPeer           *self,
                                                   const char            *audio,
                                                   const char            *video);

gboolean        lc_media_peer_start               (LcMediaPeer           *self,
                                                   GError               **error);
void            lc_media_peer_stop                (LcMediaPeer           *self);
void            lc_media_peer_close_async         (LcMediaPeer           *self,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean        lc_media_peer_close_finish        (LcMediaPeer           *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

void            lc_media_peer_create_offer_async  (LcMediaPeer           *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
char           *lc_media_peer_create_offer_finish (LcMediaPeer           *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
void            lc_media_peer_create_answer_async (LcMediaPeer           *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
char           *lc_media_peer_create_answer_finish (LcMediaPeer          *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
void            lc_media_peer_set_remote_description_async
                                                  (LcMediaPeer           *self,
                                                   GstWebRTCSDPType       type,
                                                   const char            *sdp,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean        lc_media_peer_set_remote_description_finish
                                                  (LcMediaPeer           *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);
void            lc_media_peer_add_ice_candidate   (LcMediaPeer           *self,
                                                   guint                  mline_index,
                                                   const char            *candidate);
void            lc_media_peer_get_stats_async     (LcMediaPeer           *self,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GstStructure   *lc_media_peer_get_stats_finish    (LcMediaPeer           *self,
                                                   GAsyncResult          *result,
                                                   GError               **error);

const char     *lc_media_peer_get_name            (LcMediaPeer           *self);
gboolean        lc_media_peer_has_video           (LcMediaPeer           *self);
GstWebRTCICEConnectionState
                lc_media_peer_get_ice_state       (LcMediaPeer           *self);
GstWebRTCPeerConnectionState
                lc_media_peer_get_connection_state (LcMediaPeer          *self);
gboolean        lc_media_peer_get_gathering_done  (LcMediaPeer           *self);
GPtrArray      *lc_media_peer_get_local_candidates (LcMediaPeer          *self);
guint           lc_media_peer_get_local_ssrc      (LcMediaPeer           *self,
                                                   const char            *kind);
gboolean        lc_media_peer_get_sent            (LcMediaPeer           *self,
                                                   guint                  ssrc,
                                                   guint64               *packets,
                                                   guint64               *payload_bytes);
gboolean        lc_media_peer_get_sent_seq        (LcMediaPeer           *self,
                                                   guint                  ssrc,
                                                   guint16               *first,
                                                   guint16               *last);
gboolean        lc_media_peer_get_arrival_jitter (LcMediaPeer           *self,
                                                   guint                  ssrc,
                                                   double                *jitter_s);
guint64         lc_media_peer_get_held_back       (LcMediaPeer           *self);
const char     *lc_media_peer_lookup_local_ssrc   (LcMediaPeer           *self,
                                                   guint                  ssrc);
const char     *lc_media_peer_lookup_remote_ssrc  (LcMediaPeer           *self,
                                                   guint                  ssrc);

G_END_DECLS
