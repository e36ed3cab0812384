/* lc-probe-token.c — probe tokens: an HMAC over the client's address, an expiry and a nonce
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-probe"

#include "config.h"

#include <string.h>

#include "lc-probe-token.h"

/* Names the purpose inside the MAC, so that the secret's MACs mean nothing elsewhere. */
static const char mac_label[] = "linecheck-probe-token-v1";

static void
compute_mac (const guint8       *secret,
             gsize               secret_len,
             const guint8        address[LC_PROBE_ADDRESS_LEN],
             const LcProbeToken *token,
             guint8              mac[LC_PROBE_TOKEN_MAC_LEN])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, secret, secret_len);
  guint8 head[5] = { token->version, token->expiry >> 24, token->expiry >> 16,
                     token->expiry >> 8, token->expiry };
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guint8 *)mac_label, sizeof mac_label - 1);
  g_hmac_update (hmac, address, LC_PROBE_ADDRESS_LEN);
  g_hmac_update (hmac, head, sizeof head);
  g_hmac_update (hmac, token->nonce, LC_PROBE_TOKEN_NONCE_LEN);
  g_hmac_get_digest (hmac, digest, &digest_len);
  memcpy (mac, digest, LC_PROBE_TOKEN_MAC_LEN);
}

/* In constant time: how long a comparison takes must not tell how much of a guess was right. */
static gboolean
equal_secretly (const guint8 *a,
                const guint8 *b,
                gsize         len)
{
  guint8 diff = 0;

  for (gsize i = 0; i < len; i++)
    diff |= a[i] ^ b[i];
  return diff == 0;
}

/**
 * lc_probe_token_mint:
 * @address: the client's address, in lc_probe_address_key() form
 * @now_s: the time, in Unix seconds
 *
 * Fills @token with a fresh random nonce, valid for @lifetime_s seconds from @address only.
 */
void
lc_probe_token_mint (const guint8 *secret,
                     gsize         secret_len,
                     const guint8  address[LC_PROBE_ADDRESS_LEN],
                     gint64        now_s,
                     guint         lifetime_s,
                     LcProbeToken *token)
{
  g_return_if_fail (secret != NULL && secret_len >= LC_PROBE_SECRET_MIN_LEN);
  g_return_if_fail (address != NULL && token != NULL);

  token->version = LC_PROBE_TOKEN_VERSION;
  token->expiry = (guint32)(now_s + MIN (lifetime_s, LC_PROBE_TOKEN_MAX_LIFETIME_S));
  for (guint i = 0; i < LC_PROBE_TOKEN_NONCE_LEN; i += 4)
    {
      guint32 r = g_random_int ();
      memcpy (token->nonce + i, &r, 4);
    }
  compute_mac (secret, secret_len, address, token, token->mac);
}

/**
 * lc_probe_token_verify:
 *
 * Returns: whether @token is good for a probe from @address at @now_s
 */
LcProbeTokenStatus
lc_probe_token_verify (const guint8       *secret,
                       gsize               secret_len,
                       const guint8        address[LC_PROBE_ADDRESS_LEN],
                       gint64              now_s,
                       const LcProbeToken *token)
{
  guint8 mac[LC_PROBE_TOKEN_MAC_LEN];

  g_return_val_if_fail (secret != NULL && address != NULL && token != NULL,
                        LC_PROBE_TOKEN_BAD_MAC);

  if (token->version != LC_PROBE_TOKEN_VERSION)
    return LC_PROBE_TOKEN_BAD_VERSION;
  if ((gint64)token->expiry <= now_s)
    return LC_PROBE_TOKEN_EXPIRED;
  if ((gint64)token->expiry > now_s + LC_PROBE_TOKEN_MAX_LIFETIME_S)
    return LC_PROBE_TOKEN_TOO_LONG;

  compute_mac (secret, secret_len, address, token, mac);
  return equal_secretly (mac, token->mac, LC_PROBE_TOKEN_MAC_LEN) ? LC_PROBE_TOKEN_VALID
                                                                  : LC_PROBE_TOKEN_BAD_MAC;
}

gboolean
lc_probe_token_equal (const LcProbeToken *a,
                      const LcProbeToken *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->version == b->version && a->expiry == b->expiry &&
         memcmp (a->nonce, b->nonce, LC_PROBE_TOKEN_NONCE_LEN) == 0 &&
         equal_secretly (a->mac, b->mac, LC_PROBE_TOKEN_MAC_LEN);
}
