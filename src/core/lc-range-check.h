/* lc-range-check.h — a udp-range rule, judged port by port from a sweep against the reflector
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"
#include "lc-range-sweep.h"

G_BEGIN_DECLS

#define LC_TYPE_RANGE_CHECK (lc_range_check_get_type ())

G_DECLARE_FINAL_TYPE (LcRangeCheck, lc_range_check, LC, RANGE_CHECK, LcCheck)

LcCheck *lc_range_check_new (LcCheckResult *result,
                             LcRangeSweep  *sweep,
                             guint16        first,
                             guint16        last);

GArray  *lc_range_result_dup_spans (LcCheckResult *result,
                                    gboolean       open);

G_END_DECLS
