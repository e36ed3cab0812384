/* lc-reflector.h — answers valid probes on every UDP port of the configured ranges
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-reflector-config.h"

G_BEGIN_DECLS

/* The budget: one client sweeps 11,002 ports at 4,000 probes/s, several tries for the silent
 * ones; several clients share one address behind a NAT; the host's uplink has a ceiling. */
#define LC_REFLECTOR_RATE_PER_TOKEN 10000.0
#define LC_REFLECTOR_BURST_PER_TOKEN 2000.0
#define LC_REFLECTOR_RATE_PER_SOURCE 50000.0
#define LC_REFLECTOR_BURST_PER_SOURCE 10000.0
#define LC_REFLECTOR_RATE_GLOBAL 200000.0
#define LC_REFLECTOR_BURST_GLOBAL 20000.0
/* Checking a token not seen before costs an HMAC: forged ones must not eat the CPU. */
#define LC_REFLECTOR_RATE_NEW_TOKENS 20000.0
/* Each live token keeps a bit per sequence number (8 KiB): this many at most. */
#define LC_REFLECTOR_MAX_TOKENS 2048

#define LC_TYPE_REFLECTOR (lc_reflector_get_type ())

G_DECLARE_FINAL_TYPE (LcReflector, lc_reflector, LC, REFLECTOR, GObject)

typedef struct
{
  guint64 answered;
  guint64 garbage;        /* not shaped as a probe, or for another port */
  guint64 bad_token;      /* forged, for another address, expired */
  guint64 replayed;
  guint64 rate_limited;
} LcReflectorStats;

LcReflector *lc_reflector_new        (LcReflectorConfig  *config);
gboolean     lc_reflector_start      (LcReflector        *self,
                                      GError            **error);
void         lc_reflector_get_stats  (LcReflector        *self,
                                      LcReflectorStats   *stats);
guint        lc_reflector_get_n_tokens (LcReflector      *self);

G_END_DECLS
