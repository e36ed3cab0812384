/* lc-quality.h — call quality: the E-model MOS, its grades, and a call judged against thresholds
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-profile.h"
#include "lc-types.h"

G_BEGIN_DECLS

/* The length of the windows a call is also judged over, in seconds. */
#define LC_QUALITY_WINDOW_S 5.0

/**
 * LcQualityGrade:
 *
 * What a MOS means to a person. Bands are half-open and cover [1, 4.5] without gaps:
 * excellent ≥ 4.3, good ≥ 4.0, fair ≥ 3.6, poor ≥ 3.1, bad below.
 */
typedef enum
{
  LC_QUALITY_GRADE_UNKNOWN,   /* the MOS could not be computed (NAN) */
  LC_QUALITY_GRADE_BAD,
  LC_QUALITY_GRADE_POOR,
  LC_QUALITY_GRADE_FAIR,
  LC_QUALITY_GRADE_GOOD,
  LC_QUALITY_GRADE_EXCELLENT,
} LcQualityGrade;

/**
 * LcQualityFigure:
 *
 * One of the figures a call is judged on (contracts §3, `summary`).
 */
typedef enum
{
  LC_QUALITY_FIGURE_RTT,
  LC_QUALITY_FIGURE_JITTER,
  LC_QUALITY_FIGURE_LOSS,
  LC_QUALITY_FIGURE_SEND,
  LC_QUALITY_FIGURE_RECV,
} LcQualityFigure;

#define LC_QUALITY_N_FIGURES 5

/**
 * LcQualitySample:
 *
 * One second of one call. A figure with no fresh value that second is `NAN` (`null` in the
 * report), never 0.
 */
typedef struct
{
  double t;             /* seconds since the call started */
  double rtt_ms;
  double jitter_ms;
  double loss_percent;
  double send_kbps;
  double recv_kbps;
} LcQualitySample;

/**
 * LcQualitySummary:
 *
 * Figures over a span of a call: the mean of the values present, `NAN` where none was.
 */
typedef struct
{
  double rtt_ms;
  double jitter_ms;
  double loss_percent;
  double send_kbps;
  double recv_kbps;
  double mos;           /* from the figures above: `NAN` when rtt, jitter or loss is */
  guint  n_samples;     /* samples in the span, with or without figures */
} LcQualitySummary;

/**
 * LcQualityWindow:
 *
 * One window of %LC_QUALITY_WINDOW_S seconds: window k covers t in [5k, 5k + 5).
 */
typedef struct
{
  double           start_s;
  double           end_s;
  LcQualitySummary summary;
  LcStatus         status;  /* %LC_STATUS_SKIP for a window without samples */
} LcQualityWindow;

/**
 * LcQualityWarning:
 *
 * Something a person should know about the call: a figure that broke its threshold over the
 * whole call (@status %LC_STATUS_FAIL, @start_s and @end_s `NAN`), over one window
 * (%LC_STATUS_WARN), or a figure never measured (%LC_STATUS_WARN, @value `NAN`).
 */
typedef struct
{
  LcQualityFigure  figure;
  LcStatus         status;
  double           value;
  double           limit;
  double           start_s;
  double           end_s;
  char            *message;  /* translated, ready to show */
} LcQualityWarning;

double          lc_quality_mos                   (double                rtt_ms,
                                                  double                jitter_ms,
                                                  double                loss_percent);
LcQualityGrade  lc_quality_grade                 (double                mos);
const char     *lc_quality_grade_to_string       (LcQualityGrade        grade);
const char     *lc_quality_grade_get_label       (LcQualityGrade        grade);
const char     *lc_quality_figure_to_string      (LcQualityFigure       figure);

JsonNode       *lc_quality_sample_to_json          (const LcQualitySample  *sample);

#define LC_TYPE_QUALITY (lc_quality_get_type ())

G_DECLARE_FINAL_TYPE (LcQuality, lc_quality, LC, QUALITY, GObject)

LcQuality              *lc_quality_judge         (const LcQualitySample  *samples,
                                                  guint                 n_samples,
                                                  const LcThresholds   *thresholds,
                                                  gboolean              has_video);
LcQuality              *lc_quality_judge_call    (const LcQualitySample  *samples,
                                                  guint                 n_samples,
                                                  const LcThresholds   *thresholds,
                                                  gboolean              has_video,
                                                  double                counted_loss_percent);

LcStatus                lc_quality_get_status    (LcQuality            *self);
const char             *lc_quality_get_detail    (LcQuality            *self);
const LcQualitySummary *lc_quality_get_summary   (LcQuality            *self);
guint                   lc_quality_get_n_windows (LcQuality            *self);
const LcQualityWindow  *lc_quality_get_window    (LcQuality            *self,
                                                  guint                 index);
guint                   lc_quality_get_n_warnings (LcQuality           *self);
const LcQualityWarning *lc_quality_get_warning   (LcQuality            *self,
                                                  guint                 index);

JsonNode               *lc_quality_to_json       (LcQuality            *self);

G_END_DECLS
