/* chart-test-data.h — one made-up call, second by second, for the chart tests and benchmark
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-media-sample.h"
#include "lc-profile.h"

G_BEGIN_DECLS

extern const LcThresholds chart_test_thresholds;

LcMediaSample *chart_test_sample (guint second);

G_END_DECLS
