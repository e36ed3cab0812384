/* lc-range-check.c — says which sub-ranges of a UDP rule are open and which blocked, with the
 * time and the loss the sweep saw; several rules share one sweep
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "lc-range-check.h"

struct _LcRangeCheck
{
  LcCheck       parent_instance;

  LcRangeSweep *sweep;
  guint16       first;
  guint16       last;
};

G_DEFINE_FINAL_TYPE (LcRangeCheck, lc_range_check, LC_TYPE_CHECK)

static JsonArray *
spans_to_json (GArray *spans)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (spans, LcPortSpan, i);
      JsonArray *pair = json_array_new ();

      json_array_add_int_element (pair, s->first);
      json_array_add_int_element (pair, s->last);
      json_array_add_array_element (array, pair);
    }
  return array;
}

static char *
describe_sweep (LcRangeCheck *self)
{
  double loss = lc_range_sweep_get_loss_percent (self->sweep);
  double seconds = lc_range_sweep_get_duration_ms (self->sweep) / 1000.0;
  const char *reflector = lc_range_sweep_get_host (self->sweep);

  g_autofree char *how = NULL;

  if (isnan (loss))
    /* Translators: how a sweep went, e.g. "swept against probe.example.net in 3.1 s" */
    how = g_strdup_printf (_("swept against %s in %.1f s"), reflector, seconds);
  else
    /* Translators: e.g. "swept against probe.example.net in 3.1 s, 0.4 % of probes lost" */
    how = g_strdup_printf (_("swept against %s in %.1f s, %.1f %% of probes lost"),
                           reflector, seconds, loss);

  /* Fewer tries than the loss called for: a silent port is less surely blocked. */
  if (lc_range_sweep_get_cut_short (self->sweep))
    return g_strdup_printf (_("%s; out of time or token, it stopped after %u tries"), how,
                            lc_range_sweep_get_tries (self->sweep));
  return g_steal_pointer (&how);
}

static void
judge (LcRangeCheck *self)
{
  LcCheck *check = LC_CHECK (self);
  LcCheckResult *result = lc_check_get_result (check);
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autoptr(GArray) open = lc_range_sweep_dup_spans (self->sweep, self->first, self->last, TRUE);
  g_autoptr(GArray) blocked = lc_range_sweep_dup_spans (self->sweep, self->first, self->last,
                                                        FALSE);
  g_autofree char *how = describe_sweep (self);
  g_autofree char *open_text = lc_port_spans_describe (open);
  g_autofree char *blocked_text = lc_port_spans_describe (blocked);
  g_autofree char *blocked_rule = lc_port_spans_to_string (blocked);
  g_autofree char *detail = NULL;
  g_autofree char *fix = NULL;
  const char *host = lc_check_get_host (check);
  guint n_ports = self->last - self->first + 1;
  double loss = lc_range_sweep_get_loss_percent (self->sweep);

  json_object_set_string_member (evidence, "reflector", lc_range_sweep_get_host (self->sweep));
  if (lc_range_sweep_get_address (self->sweep) != NULL)
    json_object_set_string_member (evidence, "reflector_address",
                                   lc_range_sweep_get_address (self->sweep));
  json_object_set_int_member (evidence, "first_port", self->first);
  json_object_set_int_member (evidence, "last_port", self->last);
  json_object_set_int_member (evidence, "open_ports", lc_port_spans_count (open));
  json_object_set_int_member (evidence, "blocked_ports", lc_port_spans_count (blocked));
  json_object_set_array_member (evidence, "open", spans_to_json (open));
  json_object_set_array_member (evidence, "blocked", spans_to_json (blocked));
  json_object_set_double_member (evidence, "sweep_ms", lc_range_sweep_get_duration_ms (self->sweep));
  if (isnan (loss))
    json_object_set_null_member (evidence, "loss_percent");
  else
    json_object_set_double_member (evidence, "loss_percent", loss);
  json_object_set_int_member (evidence, "tries", lc_range_sweep_get_tries (self->sweep));
  json_object_set_int_member (evidence, "probes_sent",
                              lc_range_sweep_get_probes_sent (self->sweep));
  json_object_set_int_member (evidence, "swept_ports", lc_range_sweep_get_n_ports (self->sweep));
  json_object_set_boolean_member (evidence, "cut_short",
                                  lc_range_sweep_get_cut_short (self->sweep));

  if (blocked->len == 0)
    {
      if (n_ports == 1)
        detail = g_strdup_printf (_("UDP %s to %s: the port is open (%s)"), open_text, host,
                                  how);
      else
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "UDP %s to %s: all %u port open (%s)",
                                               "UDP %s to %s: all %u ports open (%s)", n_ports),
                                  open_text, host, n_ports, how);
      lc_check_result_pass (lc_check_get_result (check), detail);
      return;
    }

  if (open->len == 0)
    detail = g_strdup_printf (_("UDP %s to %s: blocked — no port answered in %u tries (%s); "
                                "either the firewall drops the whole range, or the reflector "
                                "%s does not run"),
                              blocked_text, host, lc_range_sweep_get_tries (self->sweep), how,
                              lc_range_sweep_get_host (self->sweep));
  else
    detail = g_strdup_printf (_("UDP %s to %s: blocked; %s open (%s)"), blocked_text, host,
                              open_text, how);
  lc_check_result_fail (result, LC_CAUSE_TIMEOUT, detail);

  /* Translators: the exact rule for the firewall, e.g. "Allow UDP 15000-15099 to acd.example.net" */
  fix = g_strdup_printf (_("Allow UDP %s to %s"), blocked_rule, host);
  lc_check_result_set_fix (result, fix);
}

static void
on_swept (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcRangeCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  g_autoptr(GError) error = NULL;

  if (!lc_range_sweep_run_finish (LC_RANGE_SWEEP (object), res, &error))
    {
      g_autofree char *detail = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* No sweep, so nothing is known of the ports: no failure, and no rule to open. */
      detail = g_strdup_printf (_("%s — so UDP %u–%u could not be swept; the calls test only "
                                  "the ports they happen to use"),
                                error->message, self->first, self->last);
      json_object_set_string_member (lc_check_result_get_evidence (result), "reflector",
                                     lc_range_sweep_get_host (self->sweep));
      lc_check_result_skip (result, lc_check_cause_from_error (error), detail);
      g_task_return_boolean (task, TRUE);
      return;
    }

  judge (self);
  g_task_return_boolean (task, TRUE);
}

static void
lc_range_check_run_async (LcCheck             *check,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  LcRangeCheck *self = LC_RANGE_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lc_range_check_run_async);
  lc_range_sweep_run_async (self->sweep, cancellable, on_swept, task);
}

static void
lc_range_check_finalize (GObject *object)
{
  LcRangeCheck *self = LC_RANGE_CHECK (object);

  g_clear_object (&self->sweep);

  G_OBJECT_CLASS (lc_range_check_parent_class)->finalize (object);
}

static void
lc_range_check_class_init (LcRangeCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_range_check_finalize;
  check_class->run_async = lc_range_check_run_async;
}

static void
lc_range_check_init (LcRangeCheck *self)
{
}

/**
 * lc_range_check_new:
 * @sweep: the sweep that covers @first to @last, shared with other rules
 *
 * Returns: (transfer full): a check whose deadline leaves the sweep its time
 */
LcCheck *
lc_range_check_new (LcCheckResult *result,
                    LcRangeSweep  *sweep,
                    guint16        first,
                    guint16        last)
{
  LcRangeCheck *self;

  g_return_val_if_fail (LC_IS_RANGE_SWEEP (sweep), NULL);

  self = g_object_new (LC_TYPE_RANGE_CHECK, "result", result, NULL);
  self->sweep = g_object_ref (sweep);
  self->first = first;
  self->last = last;
  return LC_CHECK (self);
}

/**
 * lc_range_result_dup_spans:
 * @result: a udp-range check's result
 * @open: %TRUE for the open sub-ranges, %FALSE for the blocked ones
 *
 * Returns: (transfer full) (nullable) (element-type LcPortSpan): the sub-ranges the sweep
 *   found, from the result's evidence (also a stored report's); %NULL when it was not swept
 */
GArray *
lc_range_result_dup_spans (LcCheckResult *result,
                           gboolean       open)
{
  JsonObject *evidence;
  JsonNode *node;
  JsonArray *array;
  GArray *spans;

  g_return_val_if_fail (LC_IS_CHECK_RESULT (result), NULL);

  evidence = lc_check_result_get_evidence (result);
  node = evidence ? json_object_get_member (evidence, open ? "open" : "blocked") : NULL;
  if (g_strcmp0 (lc_check_result_get_check (result), "udp-range") != 0 || node == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  spans = g_array_new (FALSE, FALSE, sizeof (LcPortSpan));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonArray *pair;
      gint64 first, last;
      LcPortSpan span;

      if (!JSON_NODE_HOLDS_ARRAY (element) ||
          json_array_get_length (pair = json_node_get_array (element)) != 2)
        continue;
      first = json_array_get_int_element (pair, 0);
      last = json_array_get_int_element (pair, 1);
      if (first < 1 || last > 65535 || first > last)
        continue;
      span.first = first;
      span.last = last;
      g_array_append_val (spans, span);
    }
  return spans;
}
