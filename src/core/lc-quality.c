/* lc-quality.c — how good a call was: E-model MOS, grades, a verdict over the call and 5 s windows
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-quality"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-json.h"
#include "lc-quality.h"

struct _LcQuality
{
  GObject           parent_instance;

  LcStatus          status;
  char             *detail;
  LcQualitySummary  summary;
  GArray           *windows;   /* LcQualityWindow */
  GArray           *warnings;  /* LcQualityWarning */
};

G_DEFINE_FINAL_TYPE (LcQuality, lc_quality, G_TYPE_OBJECT)

/* Samples later than this are a clock bug, not a call: they would make a million windows. */
#define LC_QUALITY_MAX_S (24.0 * 3600.0)

/**
 * lc_quality_mos:
 * @rtt_ms: round-trip time
 * @jitter_ms: interarrival jitter
 * @loss_percent: packet loss, 0–100
 *
 * The mean opinion score of a call from the common simplified E-model (reference.md):
 * `Le = rtt + 2·jitter + 10`, R from Le, minus 2.5 per loss point, R clamped to [0, 100],
 * then the cubic MOS clamped to [1, 4.5]. It never rises when a figure gets worse.
 *
 * Returns: the MOS in [1, 4.5], or `NAN` when any figure is `NAN`
 */
double
lc_quality_mos (double rtt_ms,
                double jitter_ms,
                double loss_percent)
{
  double le;
  double r;
  double mos;

  if (isnan (rtt_ms) || isnan (jitter_ms) || isnan (loss_percent))
    return NAN;

  /* Derived figures (downlink loss of an echo call) can come out a hair below 0: that is 0. */
  rtt_ms = MAX (rtt_ms, 0.0);
  jitter_ms = MAX (jitter_ms, 0.0);
  loss_percent = MAX (loss_percent, 0.0);

  le = rtt_ms + 2.0 * jitter_ms + 10.0;
  if (le < 160.0)
    r = 94.768 - le / 40.0;
  else
    r = 94.768 - (le - 120.0) / 10.0;
  r -= 2.5 * loss_percent;
  r = CLAMP (r, 0.0, 100.0);

  mos = 1.0 + 0.035 * r + 7e-6 * r * (r - 60.0) * (100.0 - r);

  /* The cubic dips below 1 for R < ~6.5 and would climb back as R falls to 0; clamping keeps
   * the score monotone. */
  return CLAMP (mos, 1.0, 4.5);
}

/**
 * lc_quality_grade:
 * @mos: a mean opinion score
 *
 * Returns: the band @mos falls in; every number falls in exactly one
 */
LcQualityGrade
lc_quality_grade (double mos)
{
  if (isnan (mos))
    return LC_QUALITY_GRADE_UNKNOWN;
  if (mos >= 4.3)
    return LC_QUALITY_GRADE_EXCELLENT;
  if (mos >= 4.0)
    return LC_QUALITY_GRADE_GOOD;
  if (mos >= 3.6)
    return LC_QUALITY_GRADE_FAIR;
  if (mos >= 3.1)
    return LC_QUALITY_GRADE_POOR;
  return LC_QUALITY_GRADE_BAD;
}

/**
 * lc_quality_grade_to_string:
 *
 * Returns: the report's word for @grade ("excellent" … "bad", "unknown")
 */
const char *
lc_quality_grade_to_string (LcQualityGrade grade)
{
  switch (grade)
    {
    case LC_QUALITY_GRADE_UNKNOWN: return "unknown";
    case LC_QUALITY_GRADE_BAD: return "bad";
    case LC_QUALITY_GRADE_POOR: return "poor";
    case LC_QUALITY_GRADE_FAIR: return "fair";
    case LC_QUALITY_GRADE_GOOD: return "good";
    case LC_QUALITY_GRADE_EXCELLENT: return "excellent";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_quality_grade_get_label:
 *
 * Returns: @grade as a person reads it, translated
 */
const char *
lc_quality_grade_get_label (LcQualityGrade grade)
{
  switch (grade)
    {
    case LC_QUALITY_GRADE_UNKNOWN:
      /* Translators: call quality that could not be computed */
      return _("Not measured");
    case LC_QUALITY_GRADE_BAD:
      /* Translators: call quality grades, from a mean opinion score: bad, poor, fair, … */
      return _("Bad");
    case LC_QUALITY_GRADE_POOR: return _("Poor");
    case LC_QUALITY_GRADE_FAIR: return _("Fair");
    case LC_QUALITY_GRADE_GOOD: return _("Good");
    case LC_QUALITY_GRADE_EXCELLENT: return _("Excellent");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lc_quality_figure_to_string:
 *
 * Returns: the report's name for @figure, as in contracts §3 (`rtt_ms`, …)
 */
const char *
lc_quality_figure_to_string (LcQualityFigure figure)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT: return "rtt_ms";
    case LC_QUALITY_FIGURE_JITTER: return "jitter_ms";
    case LC_QUALITY_FIGURE_LOSS: return "loss_percent";
    case LC_QUALITY_FIGURE_SEND: return "send_kbps";
    case LC_QUALITY_FIGURE_RECV: return "recv_kbps";
    default: g_return_val_if_reached (NULL);
    }
}

static double
sample_figure (const LcQualitySample *sample,
               LcQualityFigure      figure)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT: return sample->rtt_ms;
    case LC_QUALITY_FIGURE_JITTER: return sample->jitter_ms;
    case LC_QUALITY_FIGURE_LOSS: return sample->loss_percent;
    case LC_QUALITY_FIGURE_SEND: return sample->send_kbps;
    case LC_QUALITY_FIGURE_RECV: return sample->recv_kbps;
    default: g_assert_not_reached ();
    }
}

static double
summary_figure (const LcQualitySummary *summary,
                LcQualityFigure         figure)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT: return summary->rtt_ms;
    case LC_QUALITY_FIGURE_JITTER: return summary->jitter_ms;
    case LC_QUALITY_FIGURE_LOSS: return summary->loss_percent;
    case LC_QUALITY_FIGURE_SEND: return summary->send_kbps;
    case LC_QUALITY_FIGURE_RECV: return summary->recv_kbps;
    default: g_assert_not_reached ();
    }
}

static void
add_figures (JsonBuilder            *builder,
             const LcQualitySummary *summary)
{
  lc_json_add_double (builder, "rtt_ms", summary->rtt_ms, 2);
  lc_json_add_double (builder, "jitter_ms", summary->jitter_ms, 2);
  lc_json_add_double (builder, "loss_percent", summary->loss_percent, 2);
  lc_json_add_double (builder, "send_kbps", summary->send_kbps, 2);
  lc_json_add_double (builder, "recv_kbps", summary->recv_kbps, 2);
  lc_json_add_double (builder, "mos", summary->mos, 2);
}

/**
 * lc_quality_sample_to_json:
 *
 * Returns: (transfer full): one entry of contracts §3 `samples`, `null` where @sample has `NAN`
 */
JsonNode *
lc_quality_sample_to_json (const LcQualitySample *sample)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (sample != NULL, NULL);

  json_builder_begin_object (builder);
  lc_json_add_double (builder, "t", sample->t, 2);
  lc_json_add_double (builder, "rtt_ms", sample->rtt_ms, 2);
  lc_json_add_double (builder, "jitter_ms", sample->jitter_ms, 2);
  lc_json_add_double (builder, "loss_percent", sample->loss_percent, 2);
  lc_json_add_double (builder, "send_kbps", sample->send_kbps, 2);
  lc_json_add_double (builder, "recv_kbps", sample->recv_kbps, 2);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
warning_clear (gpointer data)
{
  LcQualityWarning *warning = data;

  g_clear_pointer (&warning->message, g_free);
}

static void
lc_quality_finalize (GObject *object)
{
  LcQuality *self = (LcQuality *)object;

  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->windows, g_array_unref);
  g_clear_pointer (&self->warnings, g_array_unref);

  G_OBJECT_CLASS (lc_quality_parent_class)->finalize (object);
}

static void
lc_quality_class_init (LcQualityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_quality_finalize;
}

static void
lc_quality_init (LcQuality *self)
{
  self->status = LC_STATUS_SKIP;
  self->windows = g_array_new (FALSE, TRUE, sizeof (LcQualityWindow));
  self->warnings = g_array_new (FALSE, TRUE, sizeof (LcQualityWarning));
  g_array_set_clear_func (self->warnings, warning_clear);
}

typedef struct
{
  double sum[LC_QUALITY_N_FIGURES];
  guint  count[LC_QUALITY_N_FIGURES];
  guint  n_samples;
} Tally;

static void
tally_add (Tally               *tally,
           const LcQualitySample *sample)
{
  tally->n_samples++;

  /* A missing value is left out of the mean, never counted as 0. */
  for (guint f = 0; f < LC_QUALITY_N_FIGURES; f++)
    {
      double value = sample_figure (sample, f);

      if (isfinite (value))
        {
          tally->sum[f] += value;
          tally->count[f]++;
        }
    }
}

/* With per-second loss from a constant-rate stream (Opus), the mean of the seconds is the loss
 * over the call; a sample carries no packet counts to weigh the seconds otherwise. */
static void
tally_summarise (const Tally      *tally,
                 LcQualitySummary *summary)
{
  double mean[LC_QUALITY_N_FIGURES];

  for (guint f = 0; f < LC_QUALITY_N_FIGURES; f++)
    mean[f] = tally->count[f] > 0 ? tally->sum[f] / tally->count[f] : NAN;

  summary->rtt_ms = mean[LC_QUALITY_FIGURE_RTT];
  summary->jitter_ms = mean[LC_QUALITY_FIGURE_JITTER];
  summary->loss_percent = mean[LC_QUALITY_FIGURE_LOSS];
  summary->send_kbps = mean[LC_QUALITY_FIGURE_SEND];
  summary->recv_kbps = mean[LC_QUALITY_FIGURE_RECV];
  summary->mos = lc_quality_mos (summary->rtt_ms, summary->jitter_ms, summary->loss_percent);
  summary->n_samples = tally->n_samples;
}

static double
figure_limit (LcQualityFigure     figure,
              const LcThresholds *thresholds,
              gboolean            has_video)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT: return thresholds->rtt_ms;
    case LC_QUALITY_FIGURE_JITTER: return thresholds->jitter_ms;
    case LC_QUALITY_FIGURE_LOSS: return thresholds->loss_percent;
    case LC_QUALITY_FIGURE_SEND:
    case LC_QUALITY_FIGURE_RECV:
      return has_video ? thresholds->video_kbps : thresholds->audio_kbps;
    default: g_assert_not_reached ();
    }
}

/* The requirements are "RTT < 300 ms" and "at least 40 kbps": reaching a delay limit breaks
 * it, reaching a rate limit meets it. */
static gboolean
figure_breaks (LcQualityFigure figure,
               double          value,
               double          limit)
{
  if (!isfinite (value) || !isfinite (limit))
    return FALSE;

  if (figure == LC_QUALITY_FIGURE_SEND || figure == LC_QUALITY_FIGURE_RECV)
    return value < limit;

  return value >= limit;
}

static int
figure_digits (LcQualityFigure figure)
{
  return figure == LC_QUALITY_FIGURE_LOSS ? 1 : 0;
}

/* The shortest form of a limit that still says its exact value: "300", "1.5". */
static char *
format_limit (double limit)
{
  int digits = 0;

  while (digits < 3 && fabs (round (limit * pow (10, digits)) / pow (10, digits) - limit) > 1e-9)
    digits++;

  return g_strdup_printf ("%.*f", digits, limit);
}

/* A value with as many digits as it takes not to look equal to the limit it broke (39.6 kbps
 * below a 40 kbps limit is "39.6", not "40"). */
static char *
format_value (LcQualityFigure figure,
              double          value,
              double          limit)
{
  int digits = figure_digits (figure);
  char *text = g_strdup_printf ("%.*f", digits, value);

  while (digits < 3 && value != limit)
    {
      g_autofree char *limit_text = g_strdup_printf ("%.*f", digits, limit);

      if (!g_str_equal (text, limit_text))
        break;

      digits++;
      g_free (text);
      text = g_strdup_printf ("%.*f", digits, value);
    }

  return text;
}

static char *
window_message (LcQualityFigure figure,
                double          start_s,
                double          end_s,
                const char     *value,
                const char     *limit)
{
  g_autofree char *from = format_limit (start_s);
  g_autofree char *to = format_limit (end_s);

  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT:
      /* Translators: start and end of a span of the call in seconds, the measured value and
       * the limit, e.g. "Between 10 s and 15 s the round-trip time reached 420 ms (limit
       * 300 ms)"; the same for the next four messages */
      return g_strdup_printf (_("Between %s s and %s s the round-trip time reached %s ms "
                                "(limit %s ms)"), from, to, value, limit);
    case LC_QUALITY_FIGURE_JITTER:
      return g_strdup_printf (_("Between %s s and %s s the jitter reached %s ms (limit %s ms)"),
                              from, to, value, limit);
    case LC_QUALITY_FIGURE_LOSS:
      return g_strdup_printf (_("Between %s s and %s s the packet loss reached %s %% "
                                "(limit %s %%)"), from, to, value, limit);
    case LC_QUALITY_FIGURE_SEND:
      return g_strdup_printf (_("Between %s s and %s s the upload rate fell to %s kbps "
                                "(%s kbps needed)"), from, to, value, limit);
    case LC_QUALITY_FIGURE_RECV:
      return g_strdup_printf (_("Between %s s and %s s the download rate fell to %s kbps "
                                "(%s kbps needed)"), from, to, value, limit);
    default: g_assert_not_reached ();
    }
}

static char *
call_message (LcQualityFigure  figure,
              const char      *value,
              const char      *limit)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT:
      /* Translators: the value measured over the whole call, then the limit; the same for the
       * next four messages */
      return g_strdup_printf (_("The round-trip time averaged %s ms over the call (limit %s ms)"),
                              value, limit);
    case LC_QUALITY_FIGURE_JITTER:
      return g_strdup_printf (_("The jitter averaged %s ms over the call (limit %s ms)"),
                              value, limit);
    case LC_QUALITY_FIGURE_LOSS:
      return g_strdup_printf (_("The call lost %s %% of its packets (limit %s %%)"), value, limit);
    case LC_QUALITY_FIGURE_SEND:
      return g_strdup_printf (_("The upload rate averaged %s kbps over the call (%s kbps needed)"),
                              value, limit);
    case LC_QUALITY_FIGURE_RECV:
      return g_strdup_printf (_("The download rate averaged %s kbps over the call "
                                "(%s kbps needed)"), value, limit);
    default: g_assert_not_reached ();
    }
}

static char *
unmeasured_message (LcQualityFigure figure)
{
  switch (figure)
    {
    case LC_QUALITY_FIGURE_RTT:
      return g_strdup (_("The round-trip time was never measured during the call, so it could "
                         "not be judged"));
    case LC_QUALITY_FIGURE_JITTER:
      return g_strdup (_("The jitter was never measured during the call, so it could not be "
                         "judged"));
    case LC_QUALITY_FIGURE_LOSS:
      return g_strdup (_("The packet loss was never measured during the call, so it could not "
                         "be judged"));
    case LC_QUALITY_FIGURE_SEND:
      return g_strdup (_("The upload rate was never measured during the call, so it could not "
                         "be judged"));
    case LC_QUALITY_FIGURE_RECV:
      return g_strdup (_("The download rate was never measured during the call, so it could "
                         "not be judged"));
    default: g_assert_not_reached ();
    }
}

static void
add_warning (LcQuality       *self,
             LcQualityFigure  figure,
             LcStatus         status,
             double           value,
             double           limit,
             double           start_s,
             double           end_s)
{
  LcQualityWarning warning = {
    .figure = figure,
    .status = status,
    .value = value,
    .limit = limit,
    .start_s = start_s,
    .end_s = end_s,
  };

  if (isnan (value))
    {
      warning.message = unmeasured_message (figure);
    }
  else
    {
      g_autofree char *value_text = format_value (figure, value, limit);
      g_autofree char *limit_text = format_limit (limit);

      if (isnan (start_s))
        warning.message = call_message (figure, value_text, limit_text);
      else
        warning.message = window_message (figure, start_s, end_s, value_text, limit_text);
    }

  g_array_append_val (self->warnings, warning);
}

static char *
build_detail (LcQuality *self,
              guint      n_samples)
{
  const LcQualitySummary *s = &self->summary;
  const LcQualityWarning *first = NULL;
  guint n_more;

  if (n_samples == 0)
    return g_strdup (_("No measurement was taken during the call"));

  if (self->status == LC_STATUS_PASS)
    {
      g_autofree char *mos = g_strdup_printf ("%.2f", s->mos);

      /* Translators: round trip ms, jitter ms, loss %, sent kbps, received kbps, then the MOS
       * and its grade, e.g. "Round trip 42 ms, jitter 3 ms, loss 0.0 %, sent 48 kbps,
       * received 47 kbps, MOS 4.41 (Excellent)" */
      return g_strdup_printf (_("Round trip %.0f ms, jitter %.0f ms, loss %.1f %%, sent %.0f kbps, "
                                "received %.0f kbps, MOS %s (%s)"),
                              s->rtt_ms, s->jitter_ms, s->loss_percent, s->send_kbps,
                              s->recv_kbps, mos,
                              lc_quality_grade_get_label (lc_quality_grade (s->mos)));
    }

  /* Lead with what decided the status: a whole-call failure before any warning. */
  for (guint i = 0; i < self->warnings->len && first == NULL; i++)
    {
      const LcQualityWarning *w = &g_array_index (self->warnings, LcQualityWarning, i);

      if (w->status == self->status)
        first = w;
    }
  g_assert (first != NULL);

  n_more = self->warnings->len - 1;
  if (n_more == 0)
    return g_strdup (first->message);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (and %u more warning)",
                                       "%s (and %u more warnings)", n_more),
                          first->message, n_more);
}

/**
 * lc_quality_judge:
 * @samples: (array length=n_samples): one sample per second of the call
 * @n_samples: how many
 * @thresholds: the profile's thresholds
 * @has_video: whether the call carries video (its rates are held to `video_kbps`)
 *
 * Judges a call over its whole length and over every 5 s window. It fails when a whole-call
 * figure breaks a threshold, warns when the call passes but a window breaks one or a figure
 * was never measured, and passes otherwise. A call without samples fails.
 *
 * Returns: (transfer full): the judgement
 */
LcQuality *
lc_quality_judge (const LcQualitySample *samples,
                  guint                n_samples,
                  const LcThresholds  *thresholds,
                  gboolean             has_video)
{
  return lc_quality_judge_call (samples, n_samples, thresholds, has_video, NAN);
}

/**
 * lc_quality_judge_call:
 * @counted_loss_percent: the call's loss counted over all its packets (lost / expected), or
 *   NAN: then the mean of the samples' stands for it
 *
 * As lc_quality_judge(), with the whole call's loss as counted rather than averaged over the
 * seconds (whose packet counts differ): the verdict then quotes the report's own figure.
 */
LcQuality *
lc_quality_judge_call (const LcQualitySample *samples,
                       guint                n_samples,
                       const LcThresholds  *thresholds,
                       gboolean             has_video,
                       double               counted_loss_percent)
{
  g_autoptr(LcQuality) self = NULL;
  g_autoptr(GArray) tallies = g_array_new (FALSE, TRUE, sizeof (Tally));
  gboolean failed[LC_QUALITY_N_FIGURES] = { FALSE };
  Tally call = { 0 };

  g_return_val_if_fail (samples != NULL || n_samples == 0, NULL);
  g_return_val_if_fail (thresholds != NULL, NULL);

  self = g_object_new (LC_TYPE_QUALITY, NULL);
  self->status = LC_STATUS_PASS;

  for (guint i = 0; i < n_samples; i++)
    {
      double t = samples[i].t;

      tally_add (&call, &samples[i]);

      /* A sample without a usable time still counts for the call, just in no window. */
      if (isfinite (t) && t >= 0.0 && t < LC_QUALITY_MAX_S)
        {
          guint k = (guint)floor (t / LC_QUALITY_WINDOW_S);

          if (k >= tallies->len)
            g_array_set_size (tallies, k + 1);
          tally_add (&g_array_index (tallies, Tally, k), &samples[i]);
        }
      else
        {
          g_debug ("Sample %u has no usable time (%g s): left out of the windows", i, t);
        }
    }

  tally_summarise (&call, &self->summary);
  if (isfinite (counted_loss_percent) && self->summary.n_samples > 0)
    {
      self->summary.loss_percent = CLAMP (counted_loss_percent, 0.0, 100.0);
      self->summary.mos = lc_quality_mos (self->summary.rtt_ms, self->summary.jitter_ms,
                                          self->summary.loss_percent);
    }

  for (guint f = 0; f < LC_QUALITY_N_FIGURES; f++)
    {
      double value = summary_figure (&self->summary, f);
      double limit = figure_limit (f, thresholds, has_video);

      if (isnan (value))
        {
          add_warning (self, f, LC_STATUS_WARN, NAN, limit, NAN, NAN);
          if (self->status == LC_STATUS_PASS)
            self->status = LC_STATUS_WARN;
        }
      else if (figure_breaks (f, value, limit))
        {
          add_warning (self, f, LC_STATUS_FAIL, value, limit, NAN, NAN);
          self->status = LC_STATUS_FAIL;
          failed[f] = TRUE;
        }
    }

  for (guint k = 0; k < tallies->len; k++)
    {
      LcQualityWindow window = {
        .start_s = k * LC_QUALITY_WINDOW_S,
        .end_s = (k + 1) * LC_QUALITY_WINDOW_S,
        .status = LC_STATUS_SKIP,
      };

      tally_summarise (&g_array_index (tallies, Tally, k), &window.summary);

      if (window.summary.n_samples > 0)
        {
          window.status = LC_STATUS_PASS;

          for (guint f = 0; f < LC_QUALITY_N_FIGURES; f++)
            {
              double value = summary_figure (&window.summary, f);
              double limit = figure_limit (f, thresholds, has_video);

              if (!figure_breaks (f, value, limit))
                continue;

              window.status = LC_STATUS_FAIL;

              /* A figure that failed the whole call is said once, not again per window. */
              if (!failed[f])
                {
                  add_warning (self, f, LC_STATUS_WARN, value, limit, window.start_s,
                               window.end_s);
                  if (self->status == LC_STATUS_PASS)
                    self->status = LC_STATUS_WARN;
                }
            }
        }

      g_array_append_val (self->windows, window);
    }

  if (n_samples == 0)
    self->status = LC_STATUS_FAIL;

  self->detail = build_detail (self, n_samples);

  return g_steal_pointer (&self);
}

/**
 * lc_quality_get_status:
 *
 * Returns: %LC_STATUS_PASS, %LC_STATUS_WARN or %LC_STATUS_FAIL
 */
LcStatus
lc_quality_get_status (LcQuality *self)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), LC_STATUS_SKIP);

  return self->status;
}

/**
 * lc_quality_get_detail:
 *
 * Returns: one translated line for a person: the figures when the call passed, otherwise
 *   what decided the verdict
 */
const char *
lc_quality_get_detail (LcQuality *self)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), NULL);

  return self->detail;
}

/**
 * lc_quality_get_summary:
 *
 * Returns: (transfer none): the figures over the whole call
 */
const LcQualitySummary *
lc_quality_get_summary (LcQuality *self)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), NULL);

  return &self->summary;
}

guint
lc_quality_get_n_windows (LcQuality *self)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), 0);

  return self->windows->len;
}

/**
 * lc_quality_get_window:
 *
 * Returns: (transfer none): window @index, which covers t in [5·index, 5·index + 5)
 */
const LcQualityWindow *
lc_quality_get_window (LcQuality *self,
                       guint      index)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), NULL);
  g_return_val_if_fail (index < self->windows->len, NULL);

  return &g_array_index (self->windows, LcQualityWindow, index);
}

guint
lc_quality_get_n_warnings (LcQuality *self)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), 0);

  return self->warnings->len;
}

/**
 * lc_quality_get_warning:
 *
 * Whole-call findings come first, then window warnings in time order.
 *
 * Returns: (transfer none): warning @index
 */
const LcQualityWarning *
lc_quality_get_warning (LcQuality *self,
                        guint      index)
{
  g_return_val_if_fail (LC_IS_QUALITY (self), NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);

  return &g_array_index (self->warnings, LcQualityWarning, index);
}

/**
 * lc_quality_to_json:
 *
 * The judged part of a `media` entry of contracts §3: `summary` (null where unmeasured),
 * `windows` (each with `start_s`, `end_s`, `samples`, `status` and the figures) and `warnings`
 * (each with `figure`, `status`, `value`, `limit`, `start_s`, `end_s` — null for the whole
 * call — and `message`).
 *
 * Returns: (transfer full): an object node with `summary`, `windows` and `warnings`
 */
JsonNode *
lc_quality_to_json (LcQuality *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (LC_IS_QUALITY (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  add_figures (builder, &self->summary);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "windows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->windows->len; i++)
    {
      const LcQualityWindow *window = &g_array_index (self->windows, LcQualityWindow, i);

      json_builder_begin_object (builder);
      lc_json_add_double (builder, "start_s", window->start_s, 2);
      lc_json_add_double (builder, "end_s", window->end_s, 2);
      json_builder_set_member_name (builder, "samples");
      json_builder_add_int_value (builder, window->summary.n_samples);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, lc_status_to_string (window->status));
      add_figures (builder, &window->summary);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      const LcQualityWarning *warning = &g_array_index (self->warnings, LcQualityWarning, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "figure");
      json_builder_add_string_value (builder, lc_quality_figure_to_string (warning->figure));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, lc_status_to_string (warning->status));
      lc_json_add_double (builder, "value", warning->value, 2);
      lc_json_add_double (builder, "limit", warning->limit, 2);
      lc_json_add_double (builder, "start_s", warning->start_s, 2);
      lc_json_add_double (builder, "end_s", warning->end_s, 2);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, warning->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
