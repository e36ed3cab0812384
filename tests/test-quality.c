/* test-quality.c — the MOS, its grades, and a call judged over its length and its 5 s windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-quality.h"

static const LcThresholds requirements = {
  .rtt_ms = 300,
  .jitter_ms = 50,
  .loss_percent = 1.5,
  .audio_kbps = 40,
  .video_kbps = 80,
};

/* The reference formula written out a second time, to check the values between the quoted
 * ones. */
static double
reference_r (double rtt,
             double jitter,
             double loss)
{
  double le = rtt + 2 * jitter + 10;
  double r = le < 160 ? 94.768 - le / 40 : 94.768 - (le - 120) / 10;

  return CLAMP (r - 2.5 * loss, 0, 100);
}

static double
reference_mos (double r)
{
  return CLAMP (1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

/* A call of n seconds, t = 1 … n, with the same figures every second. */
static GArray *
steady_call (guint  n,
             double rtt,
             double jitter,
             double loss,
             double kbps)
{
  GArray *samples = g_array_sized_new (FALSE, TRUE, sizeof (LcQualitySample), n);

  for (guint i = 1; i <= n; i++)
    {
      LcQualitySample sample = { i, rtt, jitter, loss, kbps, kbps };
      g_array_append_val (samples, sample);
    }

  return samples;
}

static LcQuality *
judge (GArray   *samples,
       gboolean  has_video)
{
  return lc_quality_judge ((LcQualitySample *)(gpointer)samples->data, samples->len,
                           &requirements, has_video);
}

static guint
count_warnings (LcQuality       *quality,
                LcQualityFigure  figure,
                LcStatus         status)
{
  guint n = 0;

  for (guint i = 0; i < lc_quality_get_n_warnings (quality); i++)
    {
      const LcQualityWarning *warning = lc_quality_get_warning (quality, i);
      if (warning->figure == figure && warning->status == status)
        n++;
    }

  return n;
}

static void
test_mos_reference_values (void)
{
  double r = reference_r (100, 10, 1);

  /* reference.md: rtt 100 ms, jitter 10 ms, loss 1 % → R ≈ 89.0, MOS ≈ 4.31 */
  g_assert_cmpfloat_with_epsilon (r, 89.0, 0.05);
  g_assert_cmpfloat_with_epsilon (lc_quality_mos (100, 10, 1), 4.31, 0.005);
  /* rtt 200, jitter 30, loss 3 % → MOS ≈ 3.70 */
  g_assert_cmpfloat_with_epsilon (lc_quality_mos (200, 30, 3), 3.70, 0.005);

  /* A perfect path: Le = 10, R = 94.518 */
  g_assert_cmpfloat_with_epsilon (lc_quality_mos (0, 0, 0), reference_mos (94.518), 1e-9);
  g_assert_cmpfloat_with_epsilon (lc_quality_mos (0, 0, 0), 4.43, 0.005);

  /* Both branches of R meet at Le = 160 (rtt 150): no step in the score. */
  g_assert_cmpfloat_with_epsilon (lc_quality_mos (149.999, 0, 0), lc_quality_mos (150, 0, 0),
                                  1e-6);

  for (double rtt = 0; rtt <= 2000; rtt += 37.5)
    for (double jitter = 0; jitter <= 200; jitter += 12.5)
      for (double loss = 0; loss <= 40; loss += 2.5)
        g_assert_cmpfloat_with_epsilon (lc_quality_mos (rtt, jitter, loss),
                                        reference_mos (reference_r (rtt, jitter, loss)), 1e-9);
}

static void
test_mos_clamped (void)
{
  /* The best the cubic gives here is below 4.5; the worst is exactly 1, never below. */
  g_assert_cmpfloat (lc_quality_mos (0, 0, 0), <=, 4.5);
  g_assert_cmpfloat (lc_quality_mos (5000, 0, 0), ==, 1.0);
  g_assert_cmpfloat (lc_quality_mos (0, 0, 100), ==, 1.0);
  g_assert_cmpfloat (lc_quality_mos (0, 2000, 0), ==, 1.0);
  g_assert_cmpfloat (lc_quality_mos (1e9, 1e9, 1e9), ==, 1.0);
  g_assert_cmpfloat (lc_quality_mos (INFINITY, 0, 0), ==, 1.0);

  /* Where the raw cubic dips below 1 (R ≈ 3) the score stays at 1. */
  for (double loss = 30; loss <= 40; loss += 0.01)
    {
      double mos = lc_quality_mos (0, 0, loss);
      g_assert_cmpfloat (mos, >=, 1.0);
      g_assert_cmpfloat (mos, <=, 4.5);
    }

  /* A derived figure a hair below 0 (the echo call's downlink loss) counts as 0. */
  g_assert_cmpfloat (lc_quality_mos (-1, -1, -0.01), ==, lc_quality_mos (0, 0, 0));
}

static void
assert_never_rises (double rtt_step,
                    double jitter_step,
                    double loss_step,
                    double base_rtt,
                    double base_jitter,
                    double base_loss,
                    guint  steps)
{
  double previous = lc_quality_mos (base_rtt, base_jitter, base_loss);

  for (guint i = 1; i <= steps; i++)
    {
      double mos = lc_quality_mos (base_rtt + i * rtt_step, base_jitter + i * jitter_step,
                                   base_loss + i * loss_step);

      if (mos > previous)
        g_error ("MOS rose from %.9f to %.9f at rtt %g, jitter %g, loss %g", previous, mos,
                 base_rtt + i * rtt_step, base_jitter + i * jitter_step,
                 base_loss + i * loss_step);
      g_assert_cmpfloat (mos, >=, 1.0);
      g_assert_cmpfloat (mos, <=, 4.5);
      previous = mos;
    }
}

static void
test_mos_monotone (void)
{
  const double others[] = { 0, 5, 20, 50, 150 };

  for (guint a = 0; a < G_N_ELEMENTS (others); a++)
    for (guint b = 0; b < G_N_ELEMENTS (others); b++)
      {
        double loss = others[b] / 10;

        /* rtt 0 … 5000 ms in 0.25 ms steps: also past 1000 ms, where some scores climb back */
        assert_never_rises (0.25, 0, 0, 0, others[a], loss, 20000);
        /* jitter 0 … 2500 ms */
        assert_never_rises (0, 0.25, 0, others[a] * 2, 0, loss, 10000);
        /* loss 0 … 100 % in 0.005-point steps */
        assert_never_rises (0, 0, 0.005, others[a] * 2, others[b], 0, 20000);
      }

  /* All three together */
  assert_never_rises (0.5, 0.1, 0.01, 0, 0, 0, 10000);

  /* The score does fall: worse paths give strictly lower scores where R is above the floor. */
  g_assert_cmpfloat (lc_quality_mos (400, 10, 1), <, lc_quality_mos (100, 10, 1));
  g_assert_cmpfloat (lc_quality_mos (1000, 0, 0), ==, 1.0);
}

static void
test_mos_nan (void)
{
  g_assert_true (isnan (lc_quality_mos (NAN, 10, 1)));
  g_assert_true (isnan (lc_quality_mos (100, NAN, 1)));
  g_assert_true (isnan (lc_quality_mos (100, 10, NAN)));
  g_assert_true (isnan (lc_quality_mos (NAN, NAN, NAN)));
  g_assert_cmpint (lc_quality_grade (NAN), ==, LC_QUALITY_GRADE_UNKNOWN);
}

static void
test_grade_no_gaps (void)
{
  LcQualityGrade previous = LC_QUALITY_GRADE_BAD;
  GHashTable *labels = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every score from 1.000 to 4.500 falls in a band, and the bands only go up. */
  for (guint i = 1000; i <= 4500; i++)
    {
      double mos = i / 1000.0;
      LcQualityGrade grade = lc_quality_grade (mos);

      g_assert_cmpint (grade, !=, LC_QUALITY_GRADE_UNKNOWN);
      g_assert_cmpint (grade, >=, previous);
      g_assert_cmpint (grade, <=, previous + 1);
      previous = grade;
    }
  g_assert_cmpint (previous, ==, LC_QUALITY_GRADE_EXCELLENT);

  /* The known defect elsewhere: 4.05 in no band. */
  g_assert_cmpint (lc_quality_grade (4.05), ==, LC_QUALITY_GRADE_GOOD);

  /* Half-open bands: each bound belongs to the band above it. */
  g_assert_cmpint (lc_quality_grade (4.3), ==, LC_QUALITY_GRADE_EXCELLENT);
  g_assert_cmpint (lc_quality_grade (nextafter (4.3, 0)), ==, LC_QUALITY_GRADE_GOOD);
  g_assert_cmpint (lc_quality_grade (4.0), ==, LC_QUALITY_GRADE_GOOD);
  g_assert_cmpint (lc_quality_grade (nextafter (4.0, 0)), ==, LC_QUALITY_GRADE_FAIR);
  g_assert_cmpint (lc_quality_grade (3.6), ==, LC_QUALITY_GRADE_FAIR);
  g_assert_cmpint (lc_quality_grade (nextafter (3.6, 0)), ==, LC_QUALITY_GRADE_POOR);
  g_assert_cmpint (lc_quality_grade (3.1), ==, LC_QUALITY_GRADE_POOR);
  g_assert_cmpint (lc_quality_grade (nextafter (3.1, 0)), ==, LC_QUALITY_GRADE_BAD);
  g_assert_cmpint (lc_quality_grade (1.0), ==, LC_QUALITY_GRADE_BAD);
  g_assert_cmpint (lc_quality_grade (4.5), ==, LC_QUALITY_GRADE_EXCELLENT);

  /* The reference calls: 4.31 is excellent, 3.70 fair. */
  g_assert_cmpint (lc_quality_grade (lc_quality_mos (100, 10, 1)), ==,
                   LC_QUALITY_GRADE_EXCELLENT);
  g_assert_cmpint (lc_quality_grade (lc_quality_mos (200, 30, 3)), ==, LC_QUALITY_GRADE_FAIR);

  /* Every grade has its own label and report word. */
  for (LcQualityGrade grade = LC_QUALITY_GRADE_UNKNOWN; grade <= LC_QUALITY_GRADE_EXCELLENT;
       grade++)
    {
      const char *label = lc_quality_grade_get_label (grade);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_nonnull (lc_quality_grade_to_string (grade));
      g_assert_false (g_hash_table_contains (labels, label));
      g_hash_table_add (labels, (gpointer)label);
    }
  g_assert_cmpstr (lc_quality_grade_get_label (LC_QUALITY_GRADE_GOOD), ==, "Good");
  g_assert_cmpstr (lc_quality_grade_to_string (LC_QUALITY_GRADE_GOOD), ==, "good");

  g_hash_table_unref (labels);
}

static void
test_judge_clean_call (void)
{
  g_autoptr(GArray) samples = steady_call (20, 42, 3, 0, 48);
  g_autoptr(LcQuality) quality = judge (samples, FALSE);
  const LcQualitySummary *summary = lc_quality_get_summary (quality);

  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_PASS);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, 0);
  g_assert_cmpfloat_with_epsilon (summary->rtt_ms, 42, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->jitter_ms, 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->loss_percent, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->send_kbps, 48, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->mos, lc_quality_mos (42, 3, 0), 1e-9);
  g_assert_cmpuint (summary->n_samples, ==, 20);

  /* t = 1 … 20: windows [0, 5) … [20, 25) */
  g_assert_cmpuint (lc_quality_get_n_windows (quality), ==, 5);
  g_assert_cmpuint (lc_quality_get_window (quality, 0)->summary.n_samples, ==, 4);
  g_assert_cmpuint (lc_quality_get_window (quality, 1)->summary.n_samples, ==, 5);
  g_assert_cmpuint (lc_quality_get_window (quality, 4)->summary.n_samples, ==, 1);
  for (guint k = 0; k < 5; k++)
    {
      const LcQualityWindow *window = lc_quality_get_window (quality, k);

      g_assert_cmpint (window->status, ==, LC_STATUS_PASS);
      g_assert_cmpfloat (window->start_s, ==, 5.0 * k);
      g_assert_cmpfloat (window->end_s, ==, 5.0 * k + 5);
    }

  g_assert_cmpstr (lc_quality_get_detail (quality), ==,
                   "Round trip 42 ms, jitter 3 ms, loss 0.0 %, sent 48 kbps, received 48 kbps, "
                   "MOS 4.41 (Excellent)");
}

/* Seconds carry different packet counts: the verdict quotes the loss counted over the whole
 * call, the figure the report shows, not the mean of the seconds' ratios. */
static void
test_judge_quotes_the_counted_loss (void)
{
  g_autoptr(GArray) samples = steady_call (10, 42, 3, 2.0, 48);
  g_autoptr(LcQuality) counted = NULL;
  g_autoptr(LcQuality) averaged = NULL;

  /* The mean of the seconds says 2.0 % (over the 1.5 % limit); the count says 1.2 %. */
  counted = lc_quality_judge_call ((LcQualitySample *)(gpointer)samples->data, samples->len,
                                   &requirements, FALSE, 1.2);
  g_assert_cmpint (lc_quality_get_status (counted), ==, LC_STATUS_WARN);
  g_assert_cmpfloat_with_epsilon (lc_quality_get_summary (counted)->loss_percent, 1.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (lc_quality_get_summary (counted)->mos,
                                  lc_quality_mos (42, 3, 1.2), 1e-9);
  g_test_message ("%s", lc_quality_get_detail (counted));
  g_assert_null (strstr (lc_quality_get_detail (counted), "lost 2.0 %"));

  /* Without a count, the mean stands for it. */
  averaged = lc_quality_judge_call ((LcQualitySample *)(gpointer)samples->data, samples->len,
                                    &requirements, FALSE, NAN);
  g_assert_cmpint (lc_quality_get_status (averaged), ==, LC_STATUS_FAIL);
  g_assert_cmpfloat_with_epsilon (lc_quality_get_summary (averaged)->loss_percent, 2.0, 1e-9);
}

static void
test_judge_bad_window_warns (void)
{
  g_autoptr(GArray) samples = steady_call (20, 42, 3, 0, 48);
  g_autoptr(LcQuality) quality = NULL;
  const LcQualityWarning *warning;

  /* Seconds 10 … 14 fall in window [10, 15): a burst of jitter the average would hide. */
  for (guint i = 0; i < samples->len; i++)
    {
      LcQualitySample *sample = &g_array_index (samples, LcQualitySample, i);
      if (sample->t >= 10 && sample->t < 15)
        sample->jitter_ms = 63;
    }

  quality = judge (samples, FALSE);

  /* (15 · 3 + 5 · 63) / 20 = 18 ms over the call: under 50, so the call itself passes */
  g_assert_cmpfloat_with_epsilon (lc_quality_get_summary (quality)->jitter_ms, 18, 1e-9);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_WARN);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, 1);

  warning = lc_quality_get_warning (quality, 0);
  g_assert_cmpint (warning->figure, ==, LC_QUALITY_FIGURE_JITTER);
  g_assert_cmpint (warning->status, ==, LC_STATUS_WARN);
  g_assert_cmpfloat (warning->start_s, ==, 10);
  g_assert_cmpfloat (warning->end_s, ==, 15);
  g_assert_cmpfloat_with_epsilon (warning->value, 63, 1e-9);
  g_assert_cmpfloat (warning->limit, ==, 50);
  g_assert_cmpstr (warning->message, ==,
                   "Between 10 s and 15 s the jitter reached 63 ms (limit 50 ms)");
  g_assert_cmpstr (lc_quality_get_detail (quality), ==, warning->message);

  g_assert_cmpint (lc_quality_get_window (quality, 1)->status, ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_quality_get_window (quality, 2)->status, ==, LC_STATUS_FAIL);
  g_assert_cmpint (lc_quality_get_window (quality, 3)->status, ==, LC_STATUS_PASS);
}

static void
test_judge_bad_call_fails (void)
{
  g_autoptr(GArray) samples = steady_call (20, 400, 3, 2.0, 48);
  g_autoptr(LcQuality) quality = judge (samples, FALSE);

  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_FAIL);

  /* Said once for the call, not again for each of its windows */
  g_assert_cmpuint (count_warnings (quality, LC_QUALITY_FIGURE_RTT, LC_STATUS_FAIL), ==, 1);
  g_assert_cmpuint (count_warnings (quality, LC_QUALITY_FIGURE_RTT, LC_STATUS_WARN), ==, 0);
  g_assert_cmpuint (count_warnings (quality, LC_QUALITY_FIGURE_LOSS, LC_STATUS_FAIL), ==, 1);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, 2);

  g_assert_cmpstr (lc_quality_get_warning (quality, 0)->message, ==,
                   "The round-trip time averaged 400 ms over the call (limit 300 ms)");
  g_assert_cmpstr (lc_quality_get_warning (quality, 1)->message, ==,
                   "The call lost 2.0 % of its packets (limit 1.5 %)");
  g_assert_true (isnan (lc_quality_get_warning (quality, 0)->start_s));
  g_assert_cmpstr (lc_quality_get_detail (quality), ==,
                   "The round-trip time averaged 400 ms over the call (limit 300 ms) "
                   "(and 1 more warning)");
  g_assert_cmpint (lc_quality_get_window (quality, 2)->status, ==, LC_STATUS_FAIL);
}

static void
test_judge_limits_are_exact (void)
{
  /* "RTT < 300 ms": 300 breaks it. "At least 40 kbps": 40 meets it. */
  g_autoptr(GArray) at_rtt_limit = steady_call (10, 300, 3, 0, 48);
  g_autoptr(GArray) at_rate_limit = steady_call (10, 42, 3, 0, 40);
  g_autoptr(GArray) at_loss_limit = steady_call (10, 42, 3, 1.5, 48);
  g_autoptr(LcQuality) rtt = judge (at_rtt_limit, FALSE);
  g_autoptr(LcQuality) rate = judge (at_rate_limit, FALSE);
  g_autoptr(LcQuality) loss = judge (at_loss_limit, FALSE);

  g_assert_cmpint (lc_quality_get_status (rtt), ==, LC_STATUS_FAIL);
  g_assert_cmpint (lc_quality_get_status (rate), ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_quality_get_status (loss), ==, LC_STATUS_FAIL);
}

static void
test_judge_low_bandwidth_fails (void)
{
  g_autoptr(GArray) audio_low = steady_call (10, 42, 3, 0, 30);
  g_autoptr(GArray) video_at_audio_rate = steady_call (10, 42, 3, 0, 60);
  g_autoptr(GArray) recv_low = steady_call (10, 42, 3, 0, 48);
  g_autoptr(LcQuality) quality = NULL;

  quality = judge (audio_low, FALSE);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_FAIL);
  g_assert_cmpuint (count_warnings (quality, LC_QUALITY_FIGURE_SEND, LC_STATUS_FAIL), ==, 1);
  g_assert_cmpuint (count_warnings (quality, LC_QUALITY_FIGURE_RECV, LC_STATUS_FAIL), ==, 1);
  g_assert_cmpstr (lc_quality_get_warning (quality, 0)->message, ==,
                   "The upload rate averaged 30 kbps over the call (40 kbps needed)");
  g_clear_object (&quality);

  /* 60 kbps carries audio, not audio and video */
  quality = judge (video_at_audio_rate, FALSE);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_PASS);
  g_clear_object (&quality);
  quality = judge (video_at_audio_rate, TRUE);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_FAIL);
  g_assert_cmpfloat (lc_quality_get_warning (quality, 0)->limit, ==, 80);
  g_clear_object (&quality);

  /* Only the download short, by less than a unit: the message must not read "40 (40 needed)" */
  for (guint i = 0; i < recv_low->len; i++)
    g_array_index (recv_low, LcQualitySample, i).recv_kbps = 39.6;
  quality = judge (recv_low, FALSE);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_FAIL);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, 1);
  g_assert_cmpstr (lc_quality_get_warning (quality, 0)->message, ==,
                   "The download rate averaged 39.6 kbps over the call (40 kbps needed)");
}

static void
test_judge_missing_values_not_zero (void)
{
  g_autoptr(GArray) samples = steady_call (10, 100, 10, 1, 48);
  g_autoptr(LcQuality) quality = NULL;
  const LcQualitySummary *summary;

  /* RTCP comes every few seconds: most seconds carry no RTT. Counting them as 0 would give
   * a mean of 20 ms instead of 100. */
  for (guint i = 0; i < samples->len; i++)
    {
      LcQualitySample *sample = &g_array_index (samples, LcQualitySample, i);
      if (i % 5 != 0)
        sample->rtt_ms = NAN;
      if (i % 2 == 0)
        sample->loss_percent = NAN;
    }

  quality = judge (samples, FALSE);
  summary = lc_quality_get_summary (quality);
  g_assert_cmpfloat_with_epsilon (summary->rtt_ms, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->loss_percent, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (summary->mos, lc_quality_mos (100, 10, 1), 1e-9);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_PASS);
}

static void
test_judge_unmeasured_rtt_is_null (void)
{
  g_autoptr(GArray) samples = steady_call (12, NAN, 3, 0, 48);
  g_autoptr(LcQuality) quality = judge (samples, FALSE);
  g_autoptr(JsonNode) node = lc_quality_to_json (quality);
  JsonObject *summary = json_object_get_object_member (json_node_get_object (node), "summary");
  const LcQualityWarning *warning;

  g_assert_true (isnan (lc_quality_get_summary (quality)->rtt_ms));
  g_assert_true (isnan (lc_quality_get_summary (quality)->mos));

  /* Not measured is not a pass: the call says so. */
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_WARN);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, 1);
  warning = lc_quality_get_warning (quality, 0);
  g_assert_cmpint (warning->figure, ==, LC_QUALITY_FIGURE_RTT);
  g_assert_true (isnan (warning->value));
  g_assert_cmpstr (warning->message, ==,
                   "The round-trip time was never measured during the call, so it could not be "
                   "judged");

  g_assert_true (json_object_has_member (summary, "rtt_ms"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (summary, "rtt_ms")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (summary, "mos")));
  g_assert_cmpfloat (json_object_get_double_member (summary, "jitter_ms"), ==, 3);
}

static void
test_judge_no_samples_fails (void)
{
  g_autoptr(LcQuality) quality = lc_quality_judge (NULL, 0, &requirements, FALSE);

  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_FAIL);
  g_assert_cmpuint (lc_quality_get_n_windows (quality), ==, 0);
  g_assert_cmpuint (lc_quality_get_n_warnings (quality), ==, LC_QUALITY_N_FIGURES);
  g_assert_cmpstr (lc_quality_get_detail (quality), ==,
                   "No measurement was taken during the call");
}

static void
test_judge_gap_gives_empty_window (void)
{
  g_autoptr(GArray) samples = steady_call (3, 42, 3, 0, 48);
  g_autoptr(LcQuality) quality = NULL;
  LcQualitySample late = { 12.5, 42, 3, 0, 48, 48 };
  LcQualitySample no_time = { NAN, 42, 3, 0, 48, 48 };

  g_array_append_val (samples, late);
  g_array_append_val (samples, no_time);
  quality = judge (samples, FALSE);

  g_assert_cmpuint (lc_quality_get_summary (quality)->n_samples, ==, 5);
  g_assert_cmpuint (lc_quality_get_n_windows (quality), ==, 3);
  g_assert_cmpint (lc_quality_get_window (quality, 0)->status, ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_quality_get_window (quality, 1)->status, ==, LC_STATUS_SKIP);
  g_assert_cmpuint (lc_quality_get_window (quality, 1)->summary.n_samples, ==, 0);
  g_assert_true (isnan (lc_quality_get_window (quality, 1)->summary.rtt_ms));
  g_assert_cmpint (lc_quality_get_window (quality, 2)->status, ==, LC_STATUS_PASS);
  g_assert_cmpint (lc_quality_get_status (quality), ==, LC_STATUS_PASS);
}

static void
test_judge_json (void)
{
  g_autoptr(GArray) samples = steady_call (20, 42, 3, 0, 48);
  g_autoptr(LcQuality) quality = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) sample_node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sample_text = NULL;
  const char *figures[] = { "rtt_ms", "jitter_ms", "loss_percent", "send_kbps", "recv_kbps",
                            "mos" };
  JsonObject *root;
  JsonObject *summary;
  JsonArray *windows;
  JsonArray *warnings;
  JsonObject *warning;
  JsonObject *window;
  LcQualitySample empty_second = { 3, NAN, NAN, NAN, 47.25, NAN };

  g_array_index (samples, LcQualitySample, 16).rtt_ms = 333.333;
  quality = judge (samples, TRUE);
  node = lc_quality_to_json (quality);
  root = json_node_get_object (node);

  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpuint (json_object_get_size (summary), ==, G_N_ELEMENTS (figures));
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    g_assert_true (json_object_has_member (summary, figures[i]));

  windows = json_object_get_array_member (root, "windows");
  g_assert_cmpuint (json_array_get_length (windows), ==, 5);
  window = json_array_get_object_element (windows, 3);
  g_assert_cmpfloat (json_object_get_double_member (window, "start_s"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (window, "end_s"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (window, "samples"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (window, "status"), ==, "fail");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (window, "rtt_ms"), 100.27,
                                  1e-9);

  /* Video at 48 kbps fails the call; the window's RTT of 101 ms does not break 300. The
   * lone 333 ms second sits in window [15, 20), which averages it out. */
  warnings = json_object_get_array_member (root, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), ==, 2);
  warning = json_array_get_object_element (warnings, 0);
  g_assert_cmpstr (json_object_get_string_member (warning, "figure"), ==, "send_kbps");
  g_assert_cmpstr (json_object_get_string_member (warning, "status"), ==, "fail");
  g_assert_cmpfloat (json_object_get_double_member (warning, "value"), ==, 48);
  g_assert_cmpfloat (json_object_get_double_member (warning, "limit"), ==, 80);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (warning, "start_s")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (warning, "end_s")));
  g_assert_nonnull (json_object_get_string_member (warning, "message"));

  /* Valid JSON: no "nan" or "inf" slips into the text */
  text = json_to_string (node, FALSE);
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));

  sample_node = lc_quality_sample_to_json (&empty_second);
  sample_text = json_to_string (sample_node, FALSE);
  g_assert_cmpstr (sample_text, ==,
                   "{\"t\":3.0,\"rtt_ms\":null,\"jitter_ms\":null,\"loss_percent\":null,"
                   "\"send_kbps\":47.25,\"recv_kbps\":null}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/quality/mos/matches-reference-values", test_mos_reference_values);
  g_test_add_func ("/core/quality/mos/is-clamped-to-1-and-4.5", test_mos_clamped);
  g_test_add_func ("/core/quality/mos/never-rises-when-a-figure-gets-worse", test_mos_monotone);
  g_test_add_func ("/core/quality/mos/is-nan-when-a-figure-is-missing", test_mos_nan);
  g_test_add_func ("/core/quality/grade/has-no-gaps-between-bands", test_grade_no_gaps);
  g_test_add_func ("/core/quality/judge/passes-a-clean-call", test_judge_clean_call);
  g_test_add_func ("/core/quality/judge/warns-of-a-bad-window-with-its-time",
                   test_judge_bad_window_warns);
  g_test_add_func ("/core/quality/judge/fails-a-call-that-breaks-a-threshold",
                   test_judge_bad_call_fails);
  g_test_add_func ("/core/quality/judge/quotes-the-loss-counted-over-the-call",
                   test_judge_quotes_the_counted_loss);
  g_test_add_func ("/core/quality/judge/holds-limits-exactly", test_judge_limits_are_exact);
  g_test_add_func ("/core/quality/judge/fails-a-call-below-the-bandwidth",
                   test_judge_low_bandwidth_fails);
  g_test_add_func ("/core/quality/judge/never-counts-a-missing-value-as-0",
                   test_judge_missing_values_not_zero);
  g_test_add_func ("/core/quality/judge/reports-an-unmeasured-rtt-as-null",
                   test_judge_unmeasured_rtt_is_null);
  g_test_add_func ("/core/quality/judge/fails-a-call-without-samples",
                   test_judge_no_samples_fails);
  g_test_add_func ("/core/quality/judge/leaves-a-window-without-samples-unjudged",
                   test_judge_gap_gives_empty_window);
  g_test_add_func ("/core/quality/judge/writes-the-report-figures", test_judge_json);

  return g_test_run ();
}
