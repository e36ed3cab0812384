/* chart-test-data.c — one made-up call, second by second, for the chart tests and benchmark
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "chart-test-data.h"

/* The default profile's thresholds (requirements.md). */
const LcThresholds chart_test_thresholds = {
  .rtt_ms = 300,
  .jitter_ms = 50,
  .loss_percent = 1.5,
  .audio_kbps = 40,
  .video_kbps = 80,
};

/**
 * chart_test_sample:
 * @second: 1, 2, … : the sample's time, with the few milliseconds a real sampler drifts
 *
 * An audio call as the sampler reports one: about 48 kbit/s each way; no round trip for the
 * first two seconds (no RTCP report yet); nothing at all in second 5 (a gap); a loss burst
 * and a jitter peak in second 7; a round-trip bump in seconds 11–13.
 *
 * Returns: (transfer full): the sample
 */
LcMediaSample *
chart_test_sample (guint second)
{
  LcMediaSample *sample = lc_media_sample_new (second + 0.002 * (second % 3), NULL, FALSE);
  double wobble = sin (second * 1.7);

  sample->send_kbps = 48.6 + 0.8 * wobble;
  sample->recv_kbps = 47.8 - 0.9 * cos (second * 1.3);
  sample->rtt_ms = second <= 2 ? NAN
                                : 38.0 + 4.0 * wobble + (second >= 11 && second <= 13 ? 60 : 0);
  sample->jitter_ms = 2.6 + 0.7 * cos (second * 0.9) + (second == 7 ? 9.0 : 0.0);
  sample->loss_percent = second == 7 ? 6.0 : (second == 8 ? 0.6 : 0.0);

  if (second == 5)
    {
      sample->send_kbps = NAN;
      sample->recv_kbps = NAN;
      sample->rtt_ms = NAN;
      sample->jitter_ms = NAN;
      sample->loss_percent = NAN;
    }

  return sample;
}
