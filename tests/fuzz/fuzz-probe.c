/* fuzz-probe.c — libFuzzer target: whatever arrives at the reflector, parsing never reads out of
 * bounds, and only a probe with this secret's token for this address would be answered
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lc-probe-token.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const guint8 secret[32] = "linecheck fuzzing secret 32 byte";
  static const guint8 address[LC_PROBE_ADDRESS_LEN] = { [10] = 0xff, [11] = 0xff, 198, 51,
                                                       100, 7 };
  guint8 copy[LC_PROBE_MAX_LEN];
  LcProbeReply reply;
  LcProbeToken token;
  LcProbe probe;

  if (lc_probe_parse (data, size, &probe))
    {
      /* A parsed probe re-encodes to the same head, and its reply is never larger. */
      g_assert (size >= LC_PROBE_LEN && size <= LC_PROBE_MAX_LEN);
      g_assert (lc_probe_encode (&probe, copy, LC_PROBE_LEN) == LC_PROBE_LEN);
      g_assert (memcmp (copy, data, LC_PROBE_LEN) == 0);
      g_assert (LC_PROBE_REPLY_LEN < size);
      /* Random bytes never make a valid MAC. */
      g_assert (lc_probe_token_verify (secret, sizeof secret, address, 1700000000,
                                       &probe.token) != LC_PROBE_TOKEN_VALID);
    }

  if (lc_probe_reply_parse (data, size, &reply))
    g_assert (size == LC_PROBE_REPLY_LEN);

  if (lc_probe_token_decode (data, size, &token))
    g_assert (size == LC_PROBE_TOKEN_LEN);

  return 0;
}
