/* lc-report-code.c — turns a finished report into its result code's payload
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/result-code.md says what each field means; this is where a report's checks, calls and
 * edge are read into them.
 */
#define G_LOG_DOMAIN "linecheck-report"

#include "config.h"

#include <math.h>

#include "lc-report-code.h"

static LcResultCodeStatus
from_status (LcStatus status)
{
  switch (status)
    {
    case LC_STATUS_PASS: return LC_RESULT_CODE_STATUS_PASS;
    case LC_STATUS_WARN: return LC_RESULT_CODE_STATUS_WARN;
    case LC_STATUS_FAIL: return LC_RESULT_CODE_STATUS_FAIL;
    case LC_STATUS_SKIP:
    default:
      return LC_RESULT_CODE_STATUS_NONE;
    }
}

static LcResultCodeStatus
from_media_status (LcMediaStatus status)
{
  switch (status)
    {
    case LC_MEDIA_STATUS_PASS: return LC_RESULT_CODE_STATUS_PASS;
    case LC_MEDIA_STATUS_WARN: return LC_RESULT_CODE_STATUS_WARN;
    case LC_MEDIA_STATUS_FAIL:
    case LC_MEDIA_STATUS_INTERRUPTED:
      return LC_RESULT_CODE_STATUS_FAIL;
    case LC_MEDIA_STATUS_SKIP:
    default:
      return LC_RESULT_CODE_STATUS_NONE;
    }
}

/* The status scale is ordered: none < pass < warn < fail. */
static void
worsen (LcResultCodeStatus *status,
        LcResultCodeStatus  other)
{
  *status = MAX (*status, other);
}

static int
step_index (const char *step)
{
  static const char * const steps[LC_RESULT_CODE_N_STEPS] = {
    [LC_RESULT_CODE_STEP_FIREWALL] = LC_REPORT_STEP_FIREWALL,
    [LC_RESULT_CODE_STEP_EDGE] = LC_REPORT_STEP_EDGE,
    [LC_RESULT_CODE_STEP_MEDIA] = LC_REPORT_STEP_MEDIA,
    [LC_RESULT_CODE_STEP_CONTEXT] = LC_REPORT_STEP_CONTEXT,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], step) == 0)
      return i;
  return -1;
}

static LcResultCodeService
service_index (const char *service)
{
  if (g_strcmp0 (service, "rtc") == 0)
    return LC_RESULT_CODE_SERVICE_RTC;
  if (g_strcmp0 (service, "acd") == 0)
    return LC_RESULT_CODE_SERVICE_ACD;
  if (g_strcmp0 (service, "ice") == 0)
    return LC_RESULT_CODE_SERVICE_ICE;
  return LC_RESULT_CODE_SERVICE_OTHER;
}

/* The edge's score as its check measured it (lower is nearer); negative when it was not. */
static double
edge_score (LcCheckResult *result,
            const char   **edge_id)
{
  JsonObject *evidence = lc_check_result_get_evidence (result);
  JsonNode *edge;
  JsonNode *score;

  /* Evidence may come back from a stored report: its types are checked, not assumed. */
  *edge_id = NULL;
  if (g_strcmp0 (lc_check_result_get_step (result), LC_REPORT_STEP_EDGE) != 0 || evidence == NULL)
    return -1;
  edge = json_object_get_member (evidence, "edge");
  if (edge == NULL || json_node_get_value_type (edge) != G_TYPE_STRING)
    return -1;

  *edge_id = json_node_get_string (edge);
  score = json_object_get_member (evidence, "score_ms");
  if (score == NULL || (json_node_get_value_type (score) != G_TYPE_DOUBLE &&
                        json_node_get_value_type (score) != G_TYPE_INT64))
    return -1;
  return json_node_get_double (score);
}

static void
fill_edge (LcReport     *self,
           LcResultCode *code)
{
  LcProfile *profile = lc_report_get_profile (self);
  const char *chosen = lc_report_get_chosen_edge (self);
  GPtrArray *checks = lc_report_get_checks (self);
  double chosen_score = -1;
  gboolean nearer_exists = FALSE;

  if (chosen == NULL)
    return;

  for (guint i = 0; i < lc_profile_get_n_edges (profile); i++)
    if (g_strcmp0 (lc_profile_get_edge (profile, i)->id, chosen) == 0)
      {
        code->edge = MIN (i + 1, LC_RESULT_CODE_MAX_EDGE);
        break;
      }
  if (code->edge == 0)
    return;

  for (guint i = 0; i < checks->len; i++)
    {
      const char *id;
      double score = edge_score (g_ptr_array_index (checks, i), &id);

      if (g_strcmp0 (id, chosen) == 0)
        chosen_score = score;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      const char *id;
      double score = edge_score (g_ptr_array_index (checks, i), &id);

      if (score >= 0 && chosen_score >= 0 && score < chosen_score)
        nearer_exists = TRUE;
    }

  code->edge_nearest = chosen_score >= 0 && !nearer_exists;
}

/* The worst figures of every call that carried media: the one a person would notice. */
static void
fill_figures (LcReport     *self,
              LcResultCode *code)
{
  GPtrArray *media = lc_report_get_media (self);
  double rtt = NAN, jitter = NAN, loss = NAN, mos = NAN;

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      LcMediaStatus status = lc_media_result_get_status (result);
      LcMediaSample *summary = lc_media_result_get_summary (result);
      double call_mos = lc_media_result_get_mos (result);

      if (status != LC_MEDIA_STATUS_PASS && status != LC_MEDIA_STATUS_WARN &&
          status != LC_MEDIA_STATUS_INTERRUPTED)
        continue;

      if (summary != NULL)
        {
          /* fmax and fmin skip a NAN: one call's missing figure does not hide another's. */
          rtt = fmax (rtt, summary->rtt_ms);
          jitter = fmax (jitter, summary->jitter_ms);
          loss = fmax (loss, summary->loss_percent);
        }
      mos = fmin (mos, call_mos);
    }

  {
    const double worst[LC_RESULT_CODE_N_FIGURES] = {
      [LC_RESULT_CODE_FIGURE_RTT] = rtt,
      [LC_RESULT_CODE_FIGURE_JITTER] = jitter,
      [LC_RESULT_CODE_FIGURE_LOSS] = loss,
      [LC_RESULT_CODE_FIGURE_MOS] = mos,
    };

    for (guint i = 0; i < LC_RESULT_CODE_N_FIGURES; i++)
      code->buckets[i] = lc_result_code_bucket (i, worst[i]);
  }
}

/* The cause of the first check (then call) at the run's worst status. */
static guint
first_cause (LcReport *self)
{
  GPtrArray *checks = lc_report_get_checks (self);
  GPtrArray *media = lc_report_get_media (self);
  LcResultCodeStatus worst = LC_RESULT_CODE_STATUS_NONE;

  for (guint i = 0; i < checks->len; i++)
    worsen (&worst, from_status (lc_check_result_get_status (g_ptr_array_index (checks, i))));
  for (guint i = 0; i < media->len; i++)
    worsen (&worst, from_media_status (lc_media_result_get_status (g_ptr_array_index (media, i))));

  if (worst != LC_RESULT_CODE_STATUS_WARN && worst != LC_RESULT_CODE_STATUS_FAIL)
    return LC_RESULT_CODE_CAUSE_NONE;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);

      if (from_status (lc_check_result_get_status (result)) == worst)
        return lc_result_code_cause_from_string (
          lc_cause_to_string (lc_check_result_get_cause (result)));
    }
  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);

      if (from_media_status (lc_media_result_get_status (result)) == worst)
        return lc_result_code_cause_from_string (
          lc_cause_to_string (lc_media_result_get_cause (result)));
    }
  return LC_RESULT_CODE_CAUSE_NONE;
}

/**
 * lc_report_fill_result_code:
 * @code: (out caller-allocates): the payload
 *
 * Reads a finished report (see lc_report_finish()) into the fields of its result code.
 */
void
lc_report_fill_result_code (LcReport     *self,
                            LcResultCode *code)
{
  GPtrArray *checks;
  GPtrArray *media;
  g_autoptr(GPtrArray) rules = NULL;
  guint failed = 0;

  g_return_if_fail (LC_IS_REPORT (self));
  g_return_if_fail (code != NULL);

  checks = lc_report_get_checks (self);
  media = lc_report_get_media (self);
  rules = lc_report_dup_rules_to_open (self);

  lc_result_code_init (code);
  code->verdict = from_status (lc_report_get_verdict (self));
  if (code->verdict == LC_RESULT_CODE_STATUS_NONE)
    code->verdict = LC_RESULT_CODE_STATUS_FAIL;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);
      LcResultCodeStatus status = from_status (lc_check_result_get_status (result));
      int step = step_index (lc_check_result_get_step (result));

      if (step >= 0)
        worsen (&code->steps[step], status);
      /* Edge checks measure the platform's regions, not one of its services. */
      if (lc_check_result_get_service (result) != NULL)
        worsen (&code->services[service_index (lc_check_result_get_service (result))], status);
      if (status == LC_RESULT_CODE_STATUS_FAIL)
        failed++;
    }

  for (guint i = 0; i < media->len; i++)
    {
      LcMediaResult *result = g_ptr_array_index (media, i);
      LcResultCodeStatus status = from_media_status (lc_media_result_get_status (result));

      worsen (&code->steps[LC_RESULT_CODE_STEP_MEDIA], status);
      worsen (lc_media_result_get_relayed (result) ? &code->relay_media : &code->direct_media,
              status);
    }

  code->cause = first_cause (self);
  code->failed_checks = MIN (failed, LC_RESULT_CODE_MAX_COUNT);
  code->rules_to_open = MIN (rules->len, LC_RESULT_CODE_MAX_COUNT);
  fill_edge (self, code);
  fill_figures (self, code);
}

/**
 * lc_report_dup_result_code:
 *
 * Returns: (transfer full): the report's result code, grouped in fours with dashes
 *   ("4K2M-9QXR-…"), as the report's `result_code` holds it
 */
char *
lc_report_dup_result_code (LcReport *self)
{
  LcResultCode code;
  g_autofree char *symbols = NULL;

  g_return_val_if_fail (LC_IS_REPORT (self), NULL);

  /* A report read back says the code it said then, even if a later version would compute
   * another from the same results. */
  if (lc_report_is_stored (self))
    return g_strdup (lc_report_get_stored_result_code (self));

  lc_report_fill_result_code (self, &code);
  symbols = lc_result_code_encode (&code);
  return lc_result_code_group (symbols, '-');
}
