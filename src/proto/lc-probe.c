/* lc-probe.c — encodes and parses the reflector's probes, replies and tokens; never trusts a length
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-probe"

#include "config.h"

#include <string.h>

#include "lc-probe.h"

static const guint8 probe_magic[4] = { 'L', 'C', 'P', '1' };
static const guint8 reply_magic[4] = { 'L', 'C', 'R', '1' };

static void
put_u32 (guint8  *p,
         guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
put_u16 (guint8  *p,
         guint16  v)
{
  p[0] = v >> 8;
  p[1] = v;
}

static guint32
get_u32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

static guint16
get_u16 (const guint8 *p)
{
  return (guint16)((p[0] << 8) | p[1]);
}

/**
 * lc_probe_token_decode:
 * @data: a token's bytes, as the token service hands them out (before base64)
 *
 * Returns: %TRUE when @data has a token's length and version; says nothing of its MAC
 */
gboolean
lc_probe_token_decode (const guint8 *data,
                       gsize         len,
                       LcProbeToken *token)
{
  g_return_val_if_fail (token != NULL, FALSE);

  if (data == NULL || len != LC_PROBE_TOKEN_LEN || data[0] != LC_PROBE_TOKEN_VERSION)
    return FALSE;

  token->version = data[0];
  token->expiry = get_u32 (data + 1);
  memcpy (token->nonce, data + 5, LC_PROBE_TOKEN_NONCE_LEN);
  memcpy (token->mac, data + 5 + LC_PROBE_TOKEN_NONCE_LEN, LC_PROBE_TOKEN_MAC_LEN);
  return TRUE;
}

void
lc_probe_token_encode (const LcProbeToken *token,
                       guint8              out[LC_PROBE_TOKEN_LEN])
{
  g_return_if_fail (token != NULL && out != NULL);

  out[0] = token->version;
  put_u32 (out + 1, token->expiry);
  memcpy (out + 5, token->nonce, LC_PROBE_TOKEN_NONCE_LEN);
  memcpy (out + 5 + LC_PROBE_TOKEN_NONCE_LEN, token->mac, LC_PROBE_TOKEN_MAC_LEN);
}

/**
 * lc_probe_encode:
 * @out_len: the probe's size on the wire, at least %LC_PROBE_LEN: zeros pad it
 *
 * Returns: the bytes written, 0 if @out_len is out of bounds
 */
gsize
lc_probe_encode (const LcProbe *probe,
                 guint8        *out,
                 gsize          out_len)
{
  g_return_val_if_fail (probe != NULL && out != NULL, 0);

  if (out_len < LC_PROBE_LEN || out_len > LC_PROBE_MAX_LEN)
    return 0;

  memset (out, 0, out_len);
  memcpy (out, probe_magic, 4);
  lc_probe_token_encode (&probe->token, out + 4);
  put_u32 (out + 4 + LC_PROBE_TOKEN_LEN, probe->seq);
  put_u16 (out + 8 + LC_PROBE_TOKEN_LEN, probe->port);
  return out_len;
}

/**
 * lc_probe_parse:
 * @data: (nullable): a datagram as it arrived, from anyone
 *
 * Returns: %TRUE when @data is shaped as a probe; whether its token is good is the reflector's
 *   to check
 */
gboolean
lc_probe_parse (const guint8 *data,
                gsize         len,
                LcProbe      *probe)
{
  g_return_val_if_fail (probe != NULL, FALSE);

  if (data == NULL || len < LC_PROBE_LEN || len > LC_PROBE_MAX_LEN ||
      memcmp (data, probe_magic, 4) != 0)
    return FALSE;

  if (!lc_probe_token_decode (data + 4, LC_PROBE_TOKEN_LEN, &probe->token))
    return FALSE;

  probe->seq = get_u32 (data + 4 + LC_PROBE_TOKEN_LEN);
  probe->port = get_u16 (data + 8 + LC_PROBE_TOKEN_LEN);
  return probe->seq < LC_PROBE_MAX_SEQ && probe->port != 0;
}

gsize
lc_probe_reply_encode (const LcProbeReply *reply,
                       guint8              out[LC_PROBE_REPLY_LEN])
{
  g_return_val_if_fail (reply != NULL && out != NULL, 0);

  memcpy (out, reply_magic, 4);
  memcpy (out + 4, reply->nonce, LC_PROBE_TOKEN_NONCE_LEN);
  put_u32 (out + 4 + LC_PROBE_TOKEN_NONCE_LEN, reply->seq);
  put_u16 (out + 8 + LC_PROBE_TOKEN_NONCE_LEN, reply->port);
  return LC_PROBE_REPLY_LEN;
}

/**
 * lc_probe_reply_parse:
 * @data: (nullable): a datagram as it arrived
 *
 * Returns: %TRUE when @data is exactly a reply; the caller matches it with its probes
 */
gboolean
lc_probe_reply_parse (const guint8 *data,
                      gsize         len,
                      LcProbeReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);

  if (data == NULL || len != LC_PROBE_REPLY_LEN || memcmp (data, reply_magic, 4) != 0)
    return FALSE;

  memcpy (reply->nonce, data + 4, LC_PROBE_TOKEN_NONCE_LEN);
  reply->seq = get_u32 (data + 4 + LC_PROBE_TOKEN_NONCE_LEN);
  reply->port = get_u16 (data + 8 + LC_PROBE_TOKEN_NONCE_LEN);
  return TRUE;
}

/**
 * lc_probe_address_key:
 *
 * The form a token is keyed to: IPv6 as is, IPv4 as v4-mapped IPv6 (::ffff:a.b.c.d), so that a
 * dual-stack socket and an IPv4 one key the same client alike.
 */
void
lc_probe_address_key (GInetAddress *address,
                      guint8        out[LC_PROBE_ADDRESS_LEN])
{
  const guint8 *bytes;

  g_return_if_fail (G_IS_INET_ADDRESS (address) && out != NULL);

  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    {
      memset (out, 0, 10);
      out[10] = out[11] = 0xff;
      memcpy (out + 12, bytes, 4);
    }
  else
    memcpy (out, bytes, LC_PROBE_ADDRESS_LEN);
}
