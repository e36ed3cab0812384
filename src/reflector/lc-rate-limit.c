/* lc-rate-limit.c — a token bucket, refilled from the clock when it is asked
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-reflector"

#include "config.h"

#include "lc-rate-limit.h"

void
lc_rate_limit_init (LcRateLimit *limit,
                    double       rate,
                    double       burst,
                    gint64       now_us)
{
  limit->rate = rate;
  limit->burst = burst;
  limit->level = burst;
  limit->updated = now_us;
}

/**
 * lc_rate_limit_take:
 *
 * Returns: %TRUE and takes one when the bucket has one
 */
gboolean
lc_rate_limit_take (LcRateLimit *limit,
                    gint64       now_us)
{
  if (now_us > limit->updated)
    {
      limit->level = MIN (limit->burst,
                          limit->level + (now_us - limit->updated) * limit->rate / 1e6);
      limit->updated = now_us;
    }
  if (limit->level < 1.0)
    return FALSE;
  limit->level -= 1.0;
  return TRUE;
}
