/* lc-stats-sampler.h — one sample a second of a call's RTP/RTCP figures (contracts §3)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-media-peer.h"
#include "lc-media-sample.h"

G_BEGIN_DECLS

/**
 * LcStatsSamplerMode:
 * @LC_STATS_SAMPLER_ECHO: the other side echoes our streams back (the gateway's echo test):
 *   uplink figures come from its receiver reports, downlink ones from the echo
 * @LC_STATS_SAMPLER_LOOPBACK: the other side is our own second peer through a relay: every
 *   figure crossed the path twice and is halved to a per-path estimate
 */
typedef enum
{
  LC_STATS_SAMPLER_ECHO,
  LC_STATS_SAMPLER_LOOPBACK,
} LcStatsSamplerMode;

/* The longest the zero of the counts waits for every stream, and for the other side's first
 * receiver report on each stream of ours, once sampling has started. */
#define LC_STATS_SAMPLER_MAX_BASE_WAIT_MS 4000

#define LC_TYPE_STATS_SAMPLER (lc_stats_sampler_get_type ())

G_DECLARE_FINAL_TYPE (LcStatsSampler, lc_stats_sampler, LC, STATS_SAMPLER, GObject)

LcStatsSampler *lc_stats_sampler_new                (LcMediaPeer        *peer,
                                                     LcStatsSamplerMode  mode,
                                                     double              wire_overhead_bytes);
void            lc_stats_sampler_set_partner        (LcStatsSampler     *self,
                                                     LcMediaPeer        *partner);
void            lc_stats_sampler_start              (LcStatsSampler     *self);
void            lc_stats_sampler_stop               (LcStatsSampler     *self);

guint           lc_stats_sampler_get_n_samples      (LcStatsSampler     *self);
double          lc_stats_sampler_get_silent_seconds (LcStatsSampler     *self);
guint64         lc_stats_sampler_get_packets_received (LcStatsSampler   *self);
LcMediaSample  *lc_stats_sampler_dup_summary        (LcStatsSampler     *self);
JsonObject     *lc_stats_sampler_dup_selected_pair  (LcStatsSampler     *self);

G_END_DECLS
