/* lc-probe.h — the reflector's wire format: probe, reply and token (docs/reflector.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A token as handed out over HTTPS and carried by every probe: version, expiry, nonce, MAC. */
#define LC_PROBE_TOKEN_VERSION 1
#define LC_PROBE_TOKEN_NONCE_LEN 8
#define LC_PROBE_TOKEN_MAC_LEN 16
#define LC_PROBE_TOKEN_LEN (1 + 4 + LC_PROBE_TOKEN_NONCE_LEN + LC_PROBE_TOKEN_MAC_LEN)

/* Probe: "LCP1", the token, a sequence number, the port aimed at; padding may follow. */
#define LC_PROBE_LEN (4 + LC_PROBE_TOKEN_LEN + 4 + 2)
#define LC_PROBE_MAX_LEN 1200
/* Reply: "LCR1", the token's nonce, the probe's sequence number and port. */
#define LC_PROBE_REPLY_LEN (4 + LC_PROBE_TOKEN_NONCE_LEN + 4 + 2)

/* One token is good for this many probes: its sequence numbers run from 0 below it. */
#define LC_PROBE_MAX_SEQ 65536

/* Both ends key the token to the client's address in this form: IPv4 as v4-mapped IPv6. */
#define LC_PROBE_ADDRESS_LEN 16

typedef struct
{
  guint8  version;
  guint32 expiry;                              /* Unix seconds */
  guint8  nonce[LC_PROBE_TOKEN_NONCE_LEN];
  guint8  mac[LC_PROBE_TOKEN_MAC_LEN];
} LcProbeToken;

typedef struct
{
  LcProbeToken token;
  guint32      seq;
  guint16      port;
} LcProbe;

typedef struct
{
  guint8  nonce[LC_PROBE_TOKEN_NONCE_LEN];
  guint32 seq;
  guint16 port;
} LcProbeReply;

gboolean lc_probe_token_decode  (const guint8       *data,
                                 gsize               len,
                                 LcProbeToken       *token);
void     lc_probe_token_encode  (const LcProbeToken *token,
                                 guint8              out[LC_PROBE_TOKEN_LEN]);

gsize    lc_probe_encode        (const LcProbe      *probe,
                                 guint8             *out,
                                 gsize               out_len);
gboolean lc_probe_parse         (const guint8       *data,
                                 gsize               len,
                                 LcProbe            *probe);

gsize    lc_probe_reply_encode  (const LcProbeReply *reply,
                                 guint8              out[LC_PROBE_REPLY_LEN]);
gboolean lc_probe_reply_parse   (const guint8       *data,
                                 gsize               len,
                                 LcProbeReply       *reply);

void     lc_probe_address_key   (GInetAddress       *address,
                                 guint8              out[LC_PROBE_ADDRESS_LEN]);

G_END_DECLS
