/* lc-report.c — gathers results into a verdict and the rules to open; writes contracts §3 JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-report"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <math.h>

#include "lc-json.h"
#include "lc-json-reader.h"
#include "lc-file-reader.h"
#include "lc-history.h"
#include "lc-range-check.h"
#include "lc-report.h"
#include "lc-advice.h"
#include "lc-report-code.h"

struct _LcReport
{
  GObject    parent_instance;

  LcProfile *profile;
  GDateTime *started;
  gint64     started_monotonic;
  double     duration_ms;
  GPtrArray *checks;        /* LcCheckResult */
  GPtrArray *media;         /* LcMediaResult */
  char      *chosen_edge;
  LcStatus   verdict;
  gboolean   finished;

  /* A report read back from disk: what it said, as it said it. */
  gboolean   stored;
  char      *stored_result_code;
  GPtrArray *stored_rules;  /* LcRuleToOpen */
};

G_DEFINE_FINAL_TYPE (LcReport, lc_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-report-error-quark, lc_report_error)

void
lc_rule_to_open_free (LcRuleToOpen *rule)
{
  g_free (rule->service);
  g_free (rule->service_name);
  g_free (rule->host);
  g_free (rule->protocol);
  g_free (rule->ports);
  g_free (rule->description);
  g_free (rule);
}

static void
lc_report_finalize (GObject *object)
{
  LcReport *self = (LcReport *)object;

  g_clear_object (&self->profile);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
  g_free (self->chosen_edge);
  g_free (self->stored_result_code);
  g_clear_pointer (&self->stored_rules, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_report_parent_class)->finalize (object);
}

static void
lc_report_class_init (LcReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_report_finalize;
}

static void
lc_report_init (LcReport *self)
{
  self->checks = g_ptr_array_new_with_free_func (g_object_unref);
  self->media = g_ptr_array_new_with_free_func (g_object_unref);
  self->started = g_date_time_new_now_utc ();
  self->started_monotonic = g_get_monotonic_time ();
  self->verdict = LC_STATUS_PASS;
  self->duration_ms = -1;
}

/**
 * lc_report_new:
 *
 * Returns: (transfer full): an empty report, started now
 */
LcReport *
lc_report_new (LcProfile *profile)
{
  LcReport *self;

  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);

  self = g_object_new (LC_TYPE_REPORT, NULL);
  self->profile = g_object_ref (profile);
  return self;
}

void
lc_report_add_check (LcReport      *self,
                     LcCheckResult *result)
{
  g_return_if_fail (LC_IS_REPORT (self));
  g_return_if_fail (LC_IS_CHECK_RESULT (result));

  g_ptr_array_add (self->checks, g_object_ref (result));
}

void
lc_report_add_media (LcReport      *self,
                     LcMediaResult *result)
{
  g_return_if_fail (LC_IS_REPORT (self));
  g_return_if_fail (LC_IS_MEDIA_RESULT (result));

  g_ptr_array_add (self->media, g_object_ref (result));
}

/**
 * lc_report_get_media:
 *
 * Returns: (transfer none) (element-type LcMediaResult): the calls, in the profile's order
 */
GPtrArray *
lc_report_get_media (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->media;
}

void
lc_report_set_chosen_edge (LcReport   *self,
                           const char *edge_id)
{
  char *copy = g_strdup (edge_id);

  g_return_if_fail (LC_IS_REPORT (self));
  g_free (self->chosen_edge);
  self->chosen_edge = copy;
}

static gboolean
is_blocked (LcCheckResult *result)
{
  LcCause cause = lc_check_result_get_cause (result);

  return (lc_check_result_get_status (result) == LC_STATUS_FAIL ||
          lc_check_result_get_status (result) == LC_STATUS_WARN) &&
         lc_cause_is_blocked (cause) &&
         g_strcmp0 (lc_check_result_get_step (result), LC_REPORT_STEP_FIREWALL) == 0;
}

/* A media rule whose UDP range is closed still works if TURN over TCP or TLS on 80 or 443
 * carries the media: then its failure is a warning (contracts §1, relay_fallback). */
static gboolean
relay_works (LcReport *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (self->checks, i);
      guint16 port = lc_check_result_get_port (result);

      if (g_strcmp0 (lc_check_result_get_service (result), "ice") == 0 &&
          g_strcmp0 (lc_check_result_get_check (result), "turn") == 0 &&
          g_strcmp0 (lc_check_result_get_protocol (result), "tcp") == 0 &&
          (port == 80 || port == 443) &&
          lc_check_result_get_status (result) == LC_STATUS_PASS)
        return TRUE;
    }

  return FALSE;
}

/**
 * lc_report_finish:
 *
 * Applies relay fallbacks and decides the verdict: fail if a requirement is not met, warn if
 * only recommendations are (or media must be relayed), pass otherwise. Skips do not count.
 */
void
lc_report_finish (LcReport *self)
{
  gboolean relay = FALSE;

  g_return_if_fail (LC_IS_REPORT (self));

  relay = relay_works (self);
  self->verdict = LC_STATUS_PASS;

  for (guint i = 0; i < self->checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (self->checks, i);

      if (relay && lc_check_result_get_relay_fallback (result))
        lc_check_result_downgrade_to_warning (result,
                                              _("Media can still be relayed through TURN over "
                                                "TCP or TLS, with more delay than direct UDP."));

      switch (lc_check_result_get_status (result))
        {
        case LC_STATUS_FAIL:
          self->verdict = LC_STATUS_FAIL;
          break;
        case LC_STATUS_WARN:
          if (self->verdict == LC_STATUS_PASS)
            self->verdict = LC_STATUS_WARN;
          break;
        case LC_STATUS_PASS:
        case LC_STATUS_SKIP:
        default:
          break;
        }
    }

  /* A call that could not carry media, or broke off, fails the run; one with a reservation
   * (a bad 5-second window) warns. */
  for (guint i = 0; i < self->media->len; i++)
    {
      switch (lc_media_result_get_status (g_ptr_array_index (self->media, i)))
        {
        case LC_MEDIA_STATUS_FAIL:
        case LC_MEDIA_STATUS_INTERRUPTED:
          self->verdict = LC_STATUS_FAIL;
          break;
        case LC_MEDIA_STATUS_WARN:
          if (self->verdict == LC_STATUS_PASS)
            self->verdict = LC_STATUS_WARN;
          break;
        case LC_MEDIA_STATUS_PASS:
        case LC_MEDIA_STATUS_SKIP:
        default:
          break;
        }
    }

  self->duration_ms = (g_get_monotonic_time () - self->started_monotonic) / 1000.0;
  self->finished = TRUE;
}

/**
 * lc_report_get_checks:
 *
 * Returns: (transfer none) (element-type LcCheckResult): the checks, in the order they ran
 */
GPtrArray *
lc_report_get_checks (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->checks;
}

/**
 * lc_report_get_profile:
 *
 * Returns: (transfer none): the profile the run checked
 */
LcProfile *
lc_report_get_profile (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->profile;
}

LcStatus
lc_report_get_verdict (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), LC_STATUS_FAIL);
  return self->verdict;
}

const char *
lc_report_get_chosen_edge (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->chosen_edge;
}

/**
 * lc_report_set_started:
 *
 * For a report that gathers the results of runs one after the other: when the first began.
 */
void
lc_report_set_started (LcReport  *self,
                       GDateTime *started)
{
  g_return_if_fail (LC_IS_REPORT (self));
  g_return_if_fail (started != NULL);

  g_date_time_ref (started);
  g_date_time_unref (self->started);
  self->started = started;
}

GDateTime *
lc_report_get_started (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->started;
}

double
lc_report_get_duration_ms (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), -1);
  return self->duration_ms;
}

static gboolean
same_destination (LcRuleToOpen  *rule,
                  LcCheckResult *result)
{
  return g_strcmp0 (rule->service, lc_check_result_get_service (result)) == 0 &&
         g_strcmp0 (rule->host, lc_check_result_get_host (result)) == 0 &&
         g_strcmp0 (rule->protocol, lc_check_result_get_protocol (result)) == 0;
}

static LcRuleToOpen *
new_rule_to_open (LcReport      *self,
                  LcCheckResult *result,
                  char          *ports)
{
  const LcService *service = lc_profile_lookup_service (self->profile,
                                                        lc_check_result_get_service (result));
  LcRuleToOpen *rule = g_new0 (LcRuleToOpen, 1);

  rule->service = g_strdup (lc_check_result_get_service (result));
  rule->service_name = g_strdup (service ? service->name : rule->service);
  rule->host = g_strdup (lc_check_result_get_host (result));
  rule->protocol = g_strdup (lc_check_result_get_protocol (result));
  rule->ports = ports;
  rule->description = g_strdup (lc_check_result_get_description (result));
  return rule;
}

/* Adds @span to the rows for @result's destination: it widens a row it overlaps or touches
 * (and a row it then reaches joins it), or becomes a row of its own. */
static void
add_blocked_span (LcReport      *self,
                  GPtrArray     *rules,
                  GArray        *row_spans,
                  LcCheckResult *result,
                  LcPortSpan     span)
{
  gint merged_into = -1;

  for (guint j = 0; j < rules->len; j++)
    {
      LcRuleToOpen *other = g_ptr_array_index (rules, j);
      LcPortSpan *other_span = &g_array_index (row_spans, LcPortSpan, j);

      if (other_span->first == 0 || !same_destination (other, result) ||
          (guint)span.first > (guint)other_span->last + 1 ||
          (guint)other_span->first > (guint)span.last + 1)
        continue;

      span.first = MIN (span.first, other_span->first);
      span.last = MAX (span.last, other_span->last);
      if (merged_into < 0)
        merged_into = j;
      else
        {
          g_ptr_array_remove_index (rules, j);
          g_array_remove_index (row_spans, j);
          j--;
        }
    }

  if (merged_into < 0)
    {
      g_ptr_array_add (rules, new_rule_to_open (self, result, NULL));
      g_array_append_val (row_spans, span);
      merged_into = rules->len - 1;
    }

  g_array_index (row_spans, LcPortSpan, merged_into) = span;
  {
    LcRuleToOpen *rule = g_ptr_array_index (rules, merged_into);

    g_free (rule->ports);
    rule->ports = span.first == span.last ? g_strdup_printf ("%u", span.first)
                                          : g_strdup_printf ("%u-%u", span.first, span.last);
  }
}

/**
 * lc_report_dup_rules_to_open:
 *
 * Returns: (transfer full) (element-type LcRuleToOpen): each blocked rule once, in the order
 *   of the profile; for a UDP range, each blocked sub-range, merged with the others to the
 *   same destination
 */
GPtrArray *
lc_report_dup_rules_to_open (LcReport *self)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_rule_to_open_free);
  g_autoptr(GArray) row_spans = g_array_new (FALSE, TRUE, sizeof (LcPortSpan));

  g_return_val_if_fail (LC_IS_REPORT (self), rules);

  if (self->stored_rules != NULL)
    {
      for (guint i = 0; i < self->stored_rules->len; i++)
        {
          LcRuleToOpen *stored = g_ptr_array_index (self->stored_rules, i);
          LcRuleToOpen *rule = g_new0 (LcRuleToOpen, 1);

          rule->service = g_strdup (stored->service);
          rule->service_name = g_strdup (stored->service_name);
          rule->host = g_strdup (stored->host);
          rule->protocol = g_strdup (stored->protocol);
          rule->ports = g_strdup (stored->ports);
          rule->description = g_strdup (stored->description);
          g_ptr_array_add (rules, rule);
        }
      return rules;
    }

  for (guint i = 0; i < self->checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (self->checks, i);
      g_autoptr(GArray) spans = lc_range_result_dup_spans (result, FALSE);
      LcPortSpan none = { 0, 0 };
      gboolean seen = FALSE;

      if (!is_blocked (result))
        continue;

      if (spans != NULL)
        {
          for (guint j = 0; j < spans->len; j++)
            add_blocked_span (self, rules, row_spans, result,
                              g_array_index (spans, LcPortSpan, j));
          continue;
        }

      for (guint j = 0; j < rules->len && !seen; j++)
        {
          LcRuleToOpen *other = g_ptr_array_index (rules, j);
          seen = same_destination (other, result) &&
                 g_strcmp0 (other->ports, lc_check_result_get_ports (result)) == 0;
        }
      if (seen)
        continue;

      g_ptr_array_add (rules, new_rule_to_open (self, result,
                                                g_strdup (lc_check_result_get_ports (result))));
      g_array_append_val (row_spans, none);
    }

  return rules;
}

/**
 * lc_report_to_json:
 *
 * Returns: (transfer full): the report as contracts §3 defines it; what was not measured is
 *   `null`, and no secret is in it
 */
JsonNode *
lc_report_to_json (LcReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *started = NULL;
  g_autofree char *result_code = NULL;

  g_return_val_if_fail (LC_IS_REPORT (self), NULL);

  started = g_date_time_format (self->started, "%Y-%m-%dT%H:%M:%SZ");
  rules = lc_report_dup_rules_to_open (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  lc_json_add_string (builder, "tool", "linecheck " PACKAGE_VERSION);
  lc_json_add_string (builder, "started", started);
  lc_json_add_double (builder, "duration_ms", self->duration_ms >= 0 ? self->duration_ms : NAN, 0);

  json_builder_set_member_name (builder, "profile");
  json_builder_begin_object (builder);
  lc_json_add_string (builder, "id", lc_profile_get_id (self->profile));
  lc_json_add_string (builder, "name", lc_profile_get_name (self->profile));
  /* The services' names and the thresholds, so that the report reads on its own later. */
  json_builder_set_member_name (builder, "services");
  json_builder_begin_object (builder);
  for (guint i = 0; i < lc_profile_get_n_services (self->profile); i++)
    {
      const LcService *service = lc_profile_get_service (self->profile, i);

      lc_json_add_string (builder, service->id, service->name);
    }
  json_builder_end_object (builder);
  {
    const LcThresholds *t = lc_profile_get_thresholds (self->profile);

    json_builder_set_member_name (builder, "thresholds");
    json_builder_begin_object (builder);
    lc_json_add_double (builder, "rtt_ms", t->rtt_ms, 2);
    lc_json_add_double (builder, "jitter_ms", t->jitter_ms, 2);
    lc_json_add_double (builder, "loss_percent", t->loss_percent, 2);
    lc_json_add_double (builder, "audio_kbps", t->audio_kbps, 2);
    lc_json_add_double (builder, "video_kbps", t->video_kbps, 2);
    json_builder_end_object (builder);
  }
  json_builder_end_object (builder);

  lc_json_add_string (builder, "verdict", lc_status_to_string (self->verdict));
  /* Before the verdict is decided there is nothing to sum up: null, not a guess. */
  if (self->finished)
    result_code = lc_report_dup_result_code (self);
  lc_json_add_string (builder, "result_code", result_code);
  lc_json_add_string (builder, "edge", self->chosen_edge);

  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->checks->len; i++)
    json_builder_add_value (builder, lc_check_result_to_json (g_ptr_array_index (self->checks, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "media");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->media->len; i++)
    json_builder_add_value (builder, lc_media_result_to_json (g_ptr_array_index (self->media, i)));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rules_to_open");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      LcRuleToOpen *rule = g_ptr_array_index (rules, i);

      json_builder_begin_object (builder);
      lc_json_add_string (builder, "service", rule->service);
      lc_json_add_string (builder, "service_name", rule->service_name);
      lc_json_add_string (builder, "host", rule->host);
      lc_json_add_string (builder, "protocol", rule->protocol);
      lc_json_add_string (builder, "ports", rule->ports);
      lc_json_add_string (builder, "description", rule->description);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  lc_json_add_string (builder, "system", NULL);
  lc_json_add_string (builder, "devices", NULL);
  json_builder_set_member_name (builder, "recommendations");
  json_builder_begin_array (builder);
  {
    g_autoptr(GPtrArray) advice = lc_advice_for_report (self);

    for (guint i = 0; i < advice->len; i++)
      json_builder_add_value (builder, lc_advice_to_json (g_ptr_array_index (advice, i)));
  }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * lc_report_to_data:
 *
 * Returns: (transfer full): the JSON text, pretty-printed, ending with a newline
 */
char *
lc_report_to_data (LcReport *self,
                   gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = lc_report_to_json (self);
  g_autofree char *text = NULL;
  char *data;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  data = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (data);
  return data;
}

/**
 * lc_report_save:
 *
 * Writes the report as JSON, atomically: the file holds the old report or the new one, never
 * half of either.
 */
gboolean
lc_report_save (LcReport  *self,
                GFile     *file,
                GError   **error)
{
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize length;

  g_return_val_if_fail (LC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Reports are saved to local files only"));
      return FALSE;
    }

  data = lc_report_to_data (self, &length);
  return g_file_set_contents_full (path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0644, error);
}

/**
 * lc_report_dup_history_dir:
 *
 * Returns: (transfer full): where reports are kept: `$XDG_DATA_HOME/linecheck/reports`
 */
GFile *
lc_report_dup_history_dir (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "linecheck", "reports", NULL);
}

/**
 * lc_report_save_to_history:
 * @saved: (out) (optional) (transfer full): the file written
 *
 * Keeps the report, atomically, in the history folder, under a name that sorts by time. Blocks
 * on file I/O: the app calls it from a worker thread.
 */
gboolean
lc_report_save_to_history (LcReport  *self,
                           GFile    **saved,
                           GError   **error)
{
  g_autoptr(GFile) dir = lc_report_dup_history_dir ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LC_IS_REPORT (self), FALSE);

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stamp = g_date_time_format (self->started, "%Y%m%d-%H%M%S");
  name = g_strdup_printf ("%s-%03d-%s.json", stamp,
                          g_date_time_get_microsecond (self->started) / 1000,
                          lc_profile_get_id (self->profile));
  file = g_file_get_child (dir, name);

  if (!lc_report_save (self, file, error))
    return FALSE;

  /* Bounded: the oldest runs go once there are too many (README, "History"). */
  {
    g_autoptr(LcHistory) history = lc_history_new (dir);
    g_autoptr(GError) prune_error = NULL;

    lc_history_prune (history, LC_HISTORY_MAX_RUNS, LC_HISTORY_MAX_BYTES, &prune_error);
    if (prune_error != NULL)
      g_warning ("Could not remove the oldest reports: %s", prune_error->message);
  }

  if (saved != NULL)
    *saved = g_steal_pointer (&file);
  return TRUE;
}

/* Reading a stored report back ------------------------------------------------------------ */

gboolean
lc_report_is_stored (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), FALSE);
  return self->stored;
}

/**
 * lc_report_get_stored_result_code:
 *
 * Returns: (nullable): the result code a stored report holds, as it was written
 */
const char *
lc_report_get_stored_result_code (LcReport *self)
{
  g_return_val_if_fail (LC_IS_REPORT (self), NULL);
  return self->stored_result_code;
}

/* Says which member failed, for "checks[3]: “status” is …". */
static gboolean
invalid (GError     **error,
         const char  *where,
         GError      *cause)
{
  if (where != NULL)
    g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_INVALID, "%s: %s", where, cause->message);
  else
    g_set_error_literal (error, LC_REPORT_ERROR, LC_REPORT_ERROR_INVALID, cause->message);
  g_error_free (cause);
  return FALSE;
}

static gboolean
read_array_of_objects (JsonObject  *root,
                       const char  *member,
                       JsonArray  **array,
                       GError     **error)
{
  GError *local_error = NULL;

  if (!lc_json_read_array (root, member, LC_JSON_OPTIONAL, array, &local_error))
    return invalid (error, NULL, local_error);
  for (guint i = 0; *array != NULL && i < json_array_get_length (*array); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (*array, i)))
      {
        g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_INVALID,
                     _("%s[%u]: expected an object"), member, i);
        return FALSE;
      }
  return TRUE;
}

/**
 * lc_report_check_header:
 * @root: a parsed JSON document
 *
 * Tells a Linecheck report of a format this version reads from a foreign document or a newer
 * format, before anything else of it is read.
 */
gboolean
lc_report_check_header (JsonObject  *root,
                        GError     **error)
{
  const char *tool = NULL;
  gint64 format = 0;
  JsonNode *node = json_object_get_member (root, "format");

  if (!lc_json_read_string (root, "tool", LC_JSON_OPTIONAL, &tool, NULL) || tool == NULL ||
      !g_str_has_prefix (tool, "linecheck") || node == NULL ||
      !lc_json_read_int (root, "format", LC_JSON_REQUIRED, 1, G_MAXINT32, &format, NULL))
    {
      g_set_error_literal (error, LC_REPORT_ERROR, LC_REPORT_ERROR_FOREIGN,
                           _("not a Linecheck report"));
      return FALSE;
    }
  if (format != 1)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, format);

      g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_FUTURE,
                   /* Translators: "a report of format 2 (from linecheck 0.3.0); …" */
                   _("a report of format %s (from %s); this version of Linecheck reads "
                     "format 1"), number, tool);
      return FALSE;
    }
  return TRUE;
}

/**
 * lc_report_new_from_json:
 * @root: a report as lc_report_to_json() writes it (contracts §3)
 *
 * Reads a stored report back as it was: its verdict, result code and rules to open are the
 * stored ones, not judged again. It stands on its own: its profile is made from what the
 * report says of it (id, name, services' names, thresholds), not looked up.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error (%LC_REPORT_ERROR)
 */
LcReport *
lc_report_new_from_json (JsonObject  *root,
                         GError     **error)
{
  g_autoptr(LcReport) self = NULL;
  g_autoptr(LcProfile) profile = NULL;
  GError *local_error = NULL;
  JsonObject *profile_object = NULL, *services = NULL, *thresholds = NULL;
  JsonArray *checks = NULL, *media = NULL, *rules = NULL;
  const char *profile_id = NULL, *profile_name = NULL, *started = NULL, *verdict = NULL;
  const char *result_code = NULL, *edge = NULL;
  double duration_ms = -1;
  LcThresholds limits = { 0 };

  g_return_val_if_fail (root != NULL, NULL);

  if (!lc_report_check_header (root, error))
    return NULL;

  if (!lc_json_read_object (root, "profile", LC_JSON_REQUIRED, &profile_object, &local_error) ||
      !lc_json_read_string (root, "started", LC_JSON_REQUIRED, &started, &local_error) ||
      !lc_json_read_string (root, "verdict", LC_JSON_REQUIRED, &verdict, &local_error) ||
      !lc_json_read_string (root, "result_code", LC_JSON_OPTIONAL, &result_code, &local_error) ||
      !lc_json_read_string (root, "edge", LC_JSON_OPTIONAL, &edge, &local_error) ||
      !lc_json_read_double (root, "duration_ms", LC_JSON_OPTIONAL, &duration_ms, &local_error))
    return invalid (error, NULL, local_error), NULL;

  if (!lc_json_read_string (profile_object, "id", LC_JSON_REQUIRED, &profile_id, &local_error) ||
      !lc_json_read_string (profile_object, "name", LC_JSON_OPTIONAL, &profile_name,
                            &local_error) ||
      !lc_json_read_object (profile_object, "services", LC_JSON_OPTIONAL, &services,
                            &local_error) ||
      !lc_json_read_object (profile_object, "thresholds", LC_JSON_OPTIONAL, &thresholds,
                            &local_error))
    return invalid (error, "profile", local_error), NULL;

  if (thresholds != NULL &&
      (!lc_json_read_double (thresholds, "rtt_ms", LC_JSON_OPTIONAL, &limits.rtt_ms,
                             &local_error) ||
       !lc_json_read_double (thresholds, "jitter_ms", LC_JSON_OPTIONAL, &limits.jitter_ms,
                             &local_error) ||
       !lc_json_read_double (thresholds, "loss_percent", LC_JSON_OPTIONAL, &limits.loss_percent,
                             &local_error) ||
       !lc_json_read_double (thresholds, "audio_kbps", LC_JSON_OPTIONAL, &limits.audio_kbps,
                             &local_error) ||
       !lc_json_read_double (thresholds, "video_kbps", LC_JSON_OPTIONAL, &limits.video_kbps,
                             &local_error)))
    return invalid (error, "profile.thresholds", local_error), NULL;

  profile = lc_profile_new_for_report (profile_id, profile_name,
                                       thresholds != NULL ? &limits : NULL);
  if (services != NULL)
    {
      g_autoptr(GList) ids = json_object_get_members (services);

      for (const GList *l = ids; l != NULL; l = l->next)
        {
          const char *name = NULL;

          if (!lc_json_read_string (services, l->data, LC_JSON_OPTIONAL, &name, &local_error))
            return invalid (error, "profile.services", local_error), NULL;
          lc_profile_add_service_name (profile, l->data, name);
        }
    }

  self = lc_report_new (profile);
  self->stored = TRUE;
  self->finished = TRUE;
  self->duration_ms = duration_ms;
  self->chosen_edge = g_strdup (edge);
  self->stored_result_code = g_strdup (result_code);

  {
    g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (started, NULL);

    if (when == NULL)
      {
        g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_INVALID,
                     _("“started” is “%s”, not a date and time"), started);
        return NULL;
      }
    lc_report_set_started (self, when);
  }

  if (!lc_status_from_string (verdict, &self->verdict))
    {
      g_set_error (error, LC_REPORT_ERROR, LC_REPORT_ERROR_INVALID,
                   _("“verdict” is “%s”, not pass, warn or fail"), verdict);
      return NULL;
    }

  if (!read_array_of_objects (root, "checks", &checks, error) ||
      !read_array_of_objects (root, "media", &media, error) ||
      !read_array_of_objects (root, "rules_to_open", &rules, error))
    return NULL;

  for (guint i = 0; checks != NULL && i < json_array_get_length (checks); i++)
    {
      g_autoptr(LcCheckResult) result =
        lc_check_result_new_from_json (json_array_get_object_element (checks, i), &local_error);
      g_autofree char *where = g_strdup_printf ("checks[%u]", i);

      if (result == NULL)
        return invalid (error, where, local_error), NULL;
      lc_report_add_check (self, result);
    }

  for (guint i = 0; media != NULL && i < json_array_get_length (media); i++)
    {
      g_autoptr(LcMediaResult) result =
        lc_media_result_new_from_json (json_array_get_object_element (media, i), &local_error);
      g_autofree char *where = g_strdup_printf ("media[%u]", i);

      if (result == NULL)
        return invalid (error, where, local_error), NULL;
      lc_report_add_media (self, result);
    }

  self->stored_rules = g_ptr_array_new_with_free_func ((GDestroyNotify)lc_rule_to_open_free);
  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      JsonObject *object = json_array_get_object_element (rules, i);
      g_autofree char *where = g_strdup_printf ("rules_to_open[%u]", i);
      const char *service = NULL, *service_name = NULL, *host = NULL, *protocol = NULL;
      const char *ports = NULL, *description = NULL;
      LcRuleToOpen *rule;

      if (!lc_json_read_string (object, "service", LC_JSON_OPTIONAL, &service, &local_error) ||
          !lc_json_read_string (object, "service_name", LC_JSON_OPTIONAL, &service_name,
                                &local_error) ||
          !lc_json_read_string (object, "host", LC_JSON_OPTIONAL, &host, &local_error) ||
          !lc_json_read_string (object, "protocol", LC_JSON_OPTIONAL, &protocol, &local_error) ||
          !lc_json_read_string (object, "ports", LC_JSON_OPTIONAL, &ports, &local_error) ||
          !lc_json_read_string (object, "description", LC_JSON_OPTIONAL, &description,
                                &local_error))
        return invalid (error, where, local_error), NULL;

      if (service_name == NULL && service != NULL)
        {
          const LcService *known = lc_profile_lookup_service (profile, service);
          service_name = known ? known->name : service;
        }

      rule = g_new0 (LcRuleToOpen, 1);
      rule->service = g_strdup (service);
      rule->service_name = g_strdup (service_name);
      rule->host = g_strdup (host);
      rule->protocol = g_strdup (protocol);
      rule->ports = g_strdup (ports);
      rule->description = g_strdup (description);
      g_ptr_array_add (self->stored_rules, rule);
    }

  return g_steal_pointer (&self);
}

/**
 * lc_report_parse_file:
 * @path: a stored report
 *
 * Reads @path through the guarded readers: a regular file (never a FIFO or a device) of at
 * most %LC_REPORT_MAX_BYTES, valid UTF-8 JSON no deeper than %LC_REPORT_MAX_DEPTH, a
 * Linecheck report of format 1. Blocks on file I/O.
 *
 * Returns: (transfer full) (nullable): the document's root object, or %NULL with @error
 */
JsonObject *
lc_report_parse_file (const char  *path,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root;
  gsize length;
  const char *data;

  bytes = lc_file_read_bounded (path, LC_REPORT_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  root = lc_json_parse_object (data, length, LC_REPORT_MAX_BYTES, LC_REPORT_MAX_DEPTH, error);
  if (root == NULL)
    return NULL;
  if (!lc_report_check_header (root, error))
    {
      json_object_unref (root);
      return NULL;
    }
  return root;
}

/**
 * lc_report_new_from_file:
 * @path: a stored report (the history's, or one a person gives)
 *
 * Blocks on file I/O.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error saying why it cannot
 *   be read (%LC_FILE_ERROR, %LC_JSON_ERROR or %LC_REPORT_ERROR); the caller names the file
 */
LcReport *
lc_report_new_from_file (const char  *path,
                         GError     **error)
{
  g_autoptr(JsonObject) root = lc_report_parse_file (path, error);

  if (root == NULL)
    return NULL;
  return lc_report_new_from_json (root, error);
}
