/* lc-probe-token.h — minting and checking the reflector's probe tokens (HMAC-SHA256)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-probe.h"

G_BEGIN_DECLS

/* The secret every token is keyed with must be at least this long. */
#define LC_PROBE_SECRET_MIN_LEN 32

/**
 * LcProbeTokenStatus:
 * @LC_PROBE_TOKEN_VALID: minted with this secret for this address, not expired
 * @LC_PROBE_TOKEN_BAD_VERSION: a version this code does not know
 * @LC_PROBE_TOKEN_EXPIRED: its expiry has passed
 * @LC_PROBE_TOKEN_TOO_LONG: it claims to live longer than any token is minted for
 * @LC_PROBE_TOKEN_BAD_MAC: not minted with this secret, or for another address
 */
typedef enum
{
  LC_PROBE_TOKEN_VALID,
  LC_PROBE_TOKEN_BAD_VERSION,
  LC_PROBE_TOKEN_EXPIRED,
  LC_PROBE_TOKEN_TOO_LONG,
  LC_PROBE_TOKEN_BAD_MAC,
} LcProbeTokenStatus;

/* Tokens live this long, and never longer than the maximum. */
#define LC_PROBE_TOKEN_LIFETIME_S 120
#define LC_PROBE_TOKEN_MAX_LIFETIME_S 600

void               lc_probe_token_mint   (const guint8       *secret,
                                          gsize               secret_len,
                                          const guint8        address[LC_PROBE_ADDRESS_LEN],
                                          gint64              now_s,
                                          guint               lifetime_s,
                                          LcProbeToken       *token);
LcProbeTokenStatus lc_probe_token_verify (const guint8       *secret,
                                          gsize               secret_len,
                                          const guint8        address[LC_PROBE_ADDRESS_LEN],
                                          gint64              now_s,
                                          const LcProbeToken *token);
gboolean           lc_probe_token_equal  (const LcProbeToken *a,
                                          const LcProbeToken *b);

G_END_DECLS
