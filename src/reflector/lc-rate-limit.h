/* lc-rate-limit.h — a token bucket: so many per second, with a burst
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double rate;      /* per second */
  double burst;
  double level;
  gint64 updated;   /* monotonic µs */
} LcRateLimit;

void     lc_rate_limit_init (LcRateLimit *limit,
                             double       rate,
                             double       burst,
                             gint64       now_us);
gboolean lc_rate_limit_take (LcRateLimit *limit,
                             gint64       now_us);

G_END_DECLS
