/* lc-runner.c — turns a profile into checks, runs them side by side under their deadlines,
 * and gathers the report; the UI and the CLI both drive it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-runner"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lc-connect-check.h"
#include "lc-dns-check.h"
#include "lc-edge-check.h"
#include "lc-http-check.h"
#include "lc-media-call.h"
#include "lc-quality.h"
#include "lc-range-check.h"
#include "lc-runner.h"
#include "lc-stun-check.h"
#include "lc-tls.h"
#include "lc-websocket-check.h"

#define DEFAULT_MAX_CONCURRENT 24

/* An edge that needs longer than this to answer is no candidate anyway; a short deadline keeps
 * a dead network's verdict quick, since the firewall checks wait for the edges' choice. */
#define EDGE_TIMEOUT_MS 2500

/* Round trips over UDP are measured first, on an idle main loop: the TLS handshakes of the
 * other checks would otherwise delay their answers' handling by tens of milliseconds. The
 * others start when those are done, or after this long at the most. */
#define FIRST_WAVE_MS 300

struct _LcRunner
{
  GObject       parent_instance;

  LcProfile    *profile;
  GStrv         steps;          /* NULL: every step */
  GStrv         media_entries;  /* NULL: every call of the profile */
  char         *edge;
  guint         max_concurrent;
  gboolean      running;
};

G_DEFINE_FINAL_TYPE (LcRunner, lc_runner, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-runner-error-quark, lc_runner_error)

enum {
  CHECK_STARTED,
  CHECK_FINISHED,
  MEDIA_STARTED,
  MEDIA_SAMPLE,
  MEDIA_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const known_steps[] = {
  LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_EDGE, LC_REPORT_STEP_MEDIA, LC_REPORT_STEP_CONTEXT,
  NULL
};

static void
lc_runner_finalize (GObject *object)
{
  LcRunner *self = (LcRunner *)object;

  g_clear_object (&self->profile);
  g_strfreev (self->steps);
  g_strfreev (self->media_entries);
  g_free (self->edge);

  G_OBJECT_CLASS (lc_runner_parent_class)->finalize (object);
}

static void
lc_runner_class_init (LcRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_runner_finalize;

  /**
   * LcRunner::check-started:
   * @result: the check's result, not yet decided
   */
  signals[CHECK_STARTED] = g_signal_new ("check-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, LC_TYPE_CHECK_RESULT);
  /**
   * LcRunner::check-finished:
   * @result: the check's result
   * @done: how many checks have finished
   * @total: how many checks this run has
   */
  signals[CHECK_FINISHED] = g_signal_new ("check-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, LC_TYPE_CHECK_RESULT,
                                          G_TYPE_UINT, G_TYPE_UINT);
  /**
   * LcRunner::media-started:
   * @entry_id: the profile's media entry being called
   */
  signals[MEDIA_STARTED] = g_signal_new ("media-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * LcRunner::media-sample:
   * @entry_id: the call's media entry
   * @sample: one second of the call
   */
  signals[MEDIA_SAMPLE] = g_signal_new ("media-sample", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_STRING, LC_TYPE_MEDIA_SAMPLE);
  /**
   * LcRunner::media-finished:
   * @result: the call's result, judged against the profile's thresholds
   */
  signals[MEDIA_FINISHED] = g_signal_new ("media-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, LC_TYPE_MEDIA_RESULT);
}

static void
lc_runner_init (LcRunner *self)
{
  self->max_concurrent = DEFAULT_MAX_CONCURRENT;
}

/**
 * lc_runner_new:
 * @profile: the profile, hosts filled in; the runner works on its own copy, so that a run
 *   never changes it (the chosen edge's hosts go into the copy)
 *
 * Returns: (transfer full): a runner
 */
LcRunner *
lc_runner_new (LcProfile *profile)
{
  LcRunner *self;

  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);

  self = g_object_new (LC_TYPE_RUNNER, NULL);
  /* A snapshot: the chosen edge's hosts are written into it, never into the caller's. */
  self->profile = lc_profile_copy (profile);
  return self;
}

/**
 * lc_runner_get_profile:
 *
 * Returns: (transfer none): the runner's own copy of the profile, with the chosen edge's
 *   hosts once a run has chosen one
 */
LcProfile *
lc_runner_get_profile (LcRunner *self)
{
  g_return_val_if_fail (LC_IS_RUNNER (self), NULL);
  return self->profile;
}

/**
 * lc_runner_set_steps:
 * @steps: (nullable): report steps to run ("firewall", "edge", "media", "context"); %NULL
 *   for all
 *
 * Returns: %FALSE with @error if a step is unknown
 */
gboolean
lc_runner_set_steps (LcRunner            *self,
                     const char * const  *steps,
                     GError             **error)
{
  g_return_val_if_fail (LC_IS_RUNNER (self), FALSE);

  for (guint i = 0; steps != NULL && steps[i] != NULL; i++)
    {
      if (!g_strv_contains (known_steps, steps[i]))
        {
          g_set_error (error, LC_RUNNER_ERROR, LC_RUNNER_ERROR_INVALID,
                       _("Unknown step “%s”: the steps are firewall, edge, media and context"),
                       steps[i]);
          return FALSE;
        }
    }

  g_strfreev (self->steps);
  self->steps = steps ? g_strdupv ((char **)steps) : NULL;
  return TRUE;
}

/**
 * lc_runner_set_media_entries:
 * @ids: (nullable): the profile's media entries to call, in the profile's order; %NULL for
 *   every one
 *
 * The wizard places the echo calls on one page and the relay calls on another.
 */
void
lc_runner_set_media_entries (LcRunner           *self,
                             const char * const *ids)
{
  g_return_if_fail (LC_IS_RUNNER (self));

  g_strfreev (self->media_entries);
  self->media_entries = ids ? g_strdupv ((char **)ids) : NULL;
}

/**
 * lc_runner_set_edge:
 * @edge_id: (nullable): the edge to use rather than the nearest
 */
void
lc_runner_set_edge (LcRunner   *self,
                    const char *edge_id)
{
  char *copy = g_strdup (edge_id);

  g_return_if_fail (LC_IS_RUNNER (self));
  g_free (self->edge);
  self->edge = copy;
}

void
lc_runner_set_max_concurrent (LcRunner *self,
                              guint     max_concurrent)
{
  g_return_if_fail (LC_IS_RUNNER (self));
  self->max_concurrent = MAX (1, max_concurrent);
}

static gboolean
wants_step (LcRunner   *self,
            const char *step)
{
  return self->steps == NULL || g_strv_contains ((const char * const *)self->steps, step);
}

static LcStunTransport
stun_transport_for (const LcRule *rule)
{
  if (rule->protocol == LC_PROTOCOL_UDP)
    return LC_STUN_TRANSPORT_UDP;
  return rule->tls ? LC_STUN_TRANSPORT_TLS : LC_STUN_TRANSPORT_TCP;
}

/* The sweep of every udp-range rule of @profile against its reflector, so that ports that
 * several rules share are probed once; NULL when the profile names no reflector. */
static LcRangeSweep *
create_range_sweep (LcProfile    *profile,
                    const LcRule *only,
                    GTlsDatabase *database)
{
  const LcService *reflector = lc_profile_lookup_service (profile, "reflector");
  LcRangeSweep *sweep;

  if (reflector == NULL || reflector->host == NULL || reflector->token_url == NULL)
    return NULL;

  sweep = lc_range_sweep_new (reflector->host, reflector->token_url, database);
  for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
    {
      const LcRule *rule = lc_profile_get_rule (profile, i);
      const LcService *service = lc_profile_lookup_service (profile, rule->service);

      if (rule->check == LC_CHECK_KIND_UDP_RANGE && service->host != NULL &&
          (only == NULL || only == rule))
        lc_range_sweep_add_span (sweep, rule->port_min, rule->port_max);
    }
  return sweep;
}

static LcCheck *
create_rule_check (LcProfile      *profile,
                   const LcRule   *rule,
                   GTlsDatabase   *database,
                   LcRangeSweep   *sweep,
                   LcCheckResult **decided);

/**
 * lc_runner_create_rule_check:
 * @database: (nullable): the CA to trust, %NULL for the system's
 * @decided: (out) (optional): when @rule cannot be tested from here, its result, decided
 *
 * Returns: (transfer full) (nullable): the check that tests @rule, or %NULL when this rule
 *   cannot be tested from here
 */
LcCheck *
lc_runner_create_rule_check (LcProfile      *profile,
                             const LcRule   *rule,
                             GTlsDatabase   *database,
                             LcCheckResult **decided)
{
  g_autoptr(LcRangeSweep) sweep = NULL;

  if (rule->check == LC_CHECK_KIND_UDP_RANGE)
    sweep = create_range_sweep (profile, rule, database);
  return create_rule_check (profile, rule, database, sweep, decided);
}

static LcCheck *
create_rule_check (LcProfile      *profile,
                   const LcRule   *rule,
                   GTlsDatabase   *database,
                   LcRangeSweep   *sweep,
                   LcCheckResult **decided)
{
  g_autoptr(LcCheckResult) result = lc_check_result_new_for_rule (profile, rule);
  const LcService *service = lc_profile_lookup_service (profile, rule->service);
  LcCheck *check = NULL;

  g_return_val_if_fail (service != NULL, NULL);

  switch (rule->check)
    {
    case LC_CHECK_KIND_TCP:
      check = lc_connect_check_new (result, FALSE);
      break;
    case LC_CHECK_KIND_TLS:
      check = lc_connect_check_new (result, TRUE);
      break;
    case LC_CHECK_KIND_HTTP:
      check = lc_http_check_new (result, FALSE, rule->path);
      break;
    case LC_CHECK_KIND_HTTPS:
      check = lc_http_check_new (result, TRUE, rule->path);
      break;
    case LC_CHECK_KIND_WEBSOCKET:
      check = lc_websocket_check_new (result, rule->tls, rule->path, rule->subprotocol, FALSE);
      break;
    case LC_CHECK_KIND_SIP_WS:
      check = lc_websocket_check_new (result, rule->tls, rule->path,
                                      rule->subprotocol ? rule->subprotocol : "sip", TRUE);
      break;
    case LC_CHECK_KIND_STUN:
      check = lc_stun_check_new (result, stun_transport_for (rule), FALSE, NULL, NULL);
      break;
    case LC_CHECK_KIND_TURN:
      check = lc_stun_check_new (result, stun_transport_for (rule), TRUE, service->username,
                                 service->credential);
      break;
    case LC_CHECK_KIND_UDP_RANGE:
      if (sweep == NULL)
        {
          g_autofree char *ports = lc_rule_format_ports (rule);
          g_autofree char *detail = NULL;

          /* Silence is all a filtered UDP port says: only a cooperating server proves it open. */
          detail = g_strdup_printf (_("UDP %s to %s could not be swept: that takes the "
                                      "platform’s media port reflector (linecheck-reflector), "
                                      "which this profile does not name; the calls test only "
                                      "the ports they happen to use"),
                                    ports, service->host ? service->host : rule->service);
          lc_check_result_skip (result, LC_CAUSE_NOT_TESTABLE, detail);
          if (decided != NULL)
            *decided = g_steal_pointer (&result);
          return NULL;
        }
      check = lc_range_check_new (result, sweep, rule->port_min, rule->port_max);
      lc_check_set_target (check, service->host, rule->port_min);
      /* The sweep keeps to its own budget; the deadline only guards against a hang. */
      lc_check_set_timeout_ms (check, MAX (rule->timeout_ms,
                                           lc_range_sweep_get_budget_ms (sweep) + 3000));
      lc_check_set_tls_database (check, database);
      return check;
    default:
      g_return_val_if_reached (NULL);
    }

  lc_check_set_target (check, service->host, lc_service_get_local_port (service, rule->port_min));
  lc_check_set_timeout_ms (check, rule->timeout_ms);
  lc_check_set_tls_database (check, database);
  return check;
}

/* A run ------------------------------------------------------------------------------------- */

typedef struct
{
  LcRunner     *runner;
  LcReport     *report;
  GTlsDatabase *database;
  GQueue        queue;         /* LcCheck not yet started */
  GQueue        second_wave;   /* LcCheck held until the UDP round trips are measured */
  guint         first_wave_pending;
  guint         second_wave_id;
  guint         next_media;      /* the media entry to call next */
  GPtrArray    *edge_checks;   /* LcEdgeCheck, to rank */
  guint         running;
  guint         done;
  guint         queued;
  guint         total;         /* planned at the start, so that progress never jumps back */
  gboolean      with_edges;    /* the edges are measured, after the rules */
  gboolean      edges_phase;
  gboolean      returned;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->report);
  g_clear_object (&run->database);
  g_queue_clear_full (&run->queue, g_object_unref);
  g_queue_clear_full (&run->second_wave, g_object_unref);
  g_clear_handle_id (&run->second_wave_id, g_source_remove);
  g_clear_pointer (&run->edge_checks, g_ptr_array_unref);
  run->runner->running = FALSE;
  g_clear_object (&run->runner);
  g_free (run);
}

static void start_main_phase (GTask *task);
static void after_main_phase (GTask *task);
static void start_media_phase (GTask *task);

static void
add_decided (GTask         *task,
             LcCheckResult *result)
{
  Run *run = g_task_get_task_data (task);

  run->queued++;
  run->total = MAX (run->total, run->queued);
  run->done++;
  lc_report_add_check (run->report, result);
  g_signal_emit (run->runner, signals[CHECK_STARTED], 0, result);
  g_signal_emit (run->runner, signals[CHECK_FINISHED], 0, result, run->done, run->total);
}

static void
queue_check (GTask   *task,
             LcCheck *check)
{
  Run *run = g_task_get_task_data (task);

  run->queued++;
  run->total = MAX (run->total, run->queued);
  lc_report_add_check (run->report, lc_check_get_result (check));
  g_queue_push_tail (&run->queue, check);
}

static gboolean
is_round_trip_check (LcCheck *check)
{
  LcCheckResult *result = lc_check_get_result (check);

  return g_strcmp0 (lc_check_result_get_check (result), "dns") == 0 ||
         ((g_strcmp0 (lc_check_result_get_check (result), "stun") == 0 ||
           g_strcmp0 (lc_check_result_get_check (result), "turn") == 0) &&
          g_strcmp0 (lc_check_result_get_protocol (result), "udp") == 0);
}

/* Moves every check that is not a UDP round trip to the second wave. */
static void
split_waves (Run *run)
{
  GQueue first = G_QUEUE_INIT;
  LcCheck *check;

  while ((check = g_queue_pop_head (&run->queue)) != NULL)
    {
      if (is_round_trip_check (check))
        {
          g_object_set_data (G_OBJECT (check), "lc-first-wave", GINT_TO_POINTER (1));
          g_queue_push_tail (&first, check);
        }
      else
        g_queue_push_tail (&run->second_wave, check);
    }

  run->first_wave_pending = first.length;
  run->queue = first;
}

static void start_more (GTask *task);

static void
release_second_wave (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcCheck *check;

  g_clear_handle_id (&run->second_wave_id, g_source_remove);
  while ((check = g_queue_pop_head (&run->second_wave)) != NULL)
    g_queue_push_tail (&run->queue, check);
}

static gboolean
on_second_wave_due (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  run->second_wave_id = 0;
  if (!run->returned)
    {
      release_second_wave (task);
      start_more (task);
    }
  return G_SOURCE_REMOVE;
}

static void
choose_edge (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcProfile *profile = run->runner->profile;
  const LcEdge *chosen = NULL;
  double best = -1;

  for (guint i = 0; i < run->edge_checks->len; i++)
    {
      LcEdgeCheck *check = g_ptr_array_index (run->edge_checks, i);
      double score = lc_edge_check_get_score (check);
      LcCheckResult *result = lc_check_get_result (LC_CHECK (check));
      const char *id = lc_check_result_get_id (result) + strlen ("edge-");

      if (run->runner->edge != NULL)
        {
          if (g_str_equal (id, run->runner->edge))
            chosen = lc_profile_get_edge (profile, i);
          continue;
        }

      if (score >= 0 && (best < 0 || score < best))
        {
          best = score;
          chosen = lc_profile_get_edge (profile, i);
        }
    }

  for (guint i = 0; i < run->edge_checks->len; i++)
    {
      LcCheckResult *result = lc_check_get_result (g_ptr_array_index (run->edge_checks, i));
      JsonObject *evidence = lc_check_result_get_evidence (result);
      gboolean is_chosen = chosen != NULL &&
                           g_str_equal (lc_check_result_get_id (result) + strlen ("edge-"),
                                        chosen->id);

      json_object_set_boolean_member (evidence, "chosen", is_chosen);
    }

  if (chosen == NULL)
    return;

  lc_report_set_chosen_edge (run->report, chosen->id);
  {
    GHashTableIter iter;
    gpointer service, host;

    g_hash_table_iter_init (&iter, chosen->hosts);
    while (g_hash_table_iter_next (&iter, &service, &host))
      lc_profile_set_host (profile, service, host, NULL);
  }
}

static void
on_check_done (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(LcCheckResult) result = NULL;
  g_autoptr(GError) error = NULL;

  run->running--;
  result = lc_check_run_finish (LC_CHECK (object), res, &error);

  if (g_object_get_data (object, "lc-first-wave") != NULL && --run->first_wave_pending == 0)
    release_second_wave (task);

  if (run->returned)
    return;

  if (g_task_return_error_if_cancelled (task))
    {
      run->returned = TRUE;
      run->runner->running = FALSE;
      return;
    }

  if (result == NULL)
    {
      /* Cancelled without our cancellable: a check gave up on its own; say so, go on. */
      result = g_object_ref (lc_check_get_result (LC_CHECK (object)));
      lc_check_result_skip (result, LC_CAUSE_NETWORK, error->message);
    }

  run->done++;
  g_signal_emit (run->runner, signals[CHECK_FINISHED], 0, result, run->done, run->total);

  if (run->running == 0 && g_queue_is_empty (&run->queue) && g_queue_is_empty (&run->second_wave))
    {
      if (run->edges_phase)
        {
          run->edges_phase = FALSE;
          choose_edge (task);
          start_media_phase (g_object_ref (task));
          return;
        }

      after_main_phase (g_object_ref (task));
      return;
    }

  start_more (task);
}

static void
start_more (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  while (run->running < run->runner->max_concurrent && !g_queue_is_empty (&run->queue))
    {
      g_autoptr(LcCheck) check = g_queue_pop_head (&run->queue);

      run->running++;
      g_signal_emit (run->runner, signals[CHECK_STARTED], 0, lc_check_get_result (check));
      lc_check_run_async (check, g_task_get_cancellable (task), on_check_done,
                          g_object_ref (task));
    }
}

static guint16
first_port (LcProfile   *profile,
            const char  *service_id,
            LcCheckKind  a,
            LcCheckKind  b,
            LcProtocol   protocol,
            guint16      fallback)
{
  const LcService *service = lc_profile_lookup_service (profile, service_id);

  for (guint i = 0; service != NULL && i < lc_profile_get_n_rules (profile); i++)
    {
      const LcRule *rule = lc_profile_get_rule (profile, i);

      if (g_str_equal (rule->service, service_id) && rule->protocol == protocol &&
          (rule->check == a || rule->check == b) && !rule->is_range)
        return lc_service_get_local_port (service, rule->port_min);
    }

  return service ? lc_service_get_local_port (service, fallback) : fallback;
}

static void
queue_edges (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcProfile *profile = run->runner->profile;
  guint16 connect_port = first_port (profile, "rtc", LC_CHECK_KIND_HTTPS, LC_CHECK_KIND_TLS,
                                     LC_PROTOCOL_TCP, 443);
  guint16 stun_port = first_port (profile, "ice", LC_CHECK_KIND_STUN, LC_CHECK_KIND_TURN,
                                  LC_PROTOCOL_UDP, 3478);

  run->edge_checks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < lc_profile_get_n_edges (profile); i++)
    {
      const LcEdge *edge = lc_profile_get_edge (profile, i);
      g_autofree char *id = g_strconcat ("edge-", edge->id, NULL);
      g_autoptr(LcCheckResult) result = lc_check_result_new (id, LC_REPORT_STEP_EDGE, NULL,
                                                             "edge");
      const char *rtc = g_hash_table_lookup (edge->hosts, "rtc");
      const char *ice = g_hash_table_lookup (edge->hosts, "ice");
      LcCheck *check;

      json_object_set_string_member (lc_check_result_get_evidence (result), "edge", edge->id);
      json_object_set_string_member (lc_check_result_get_evidence (result), "name", edge->name);
      lc_check_result_set_host (result, rtc ? rtc : ice);
      check = lc_edge_check_new (result, rtc, connect_port, ice, stun_port);
      lc_check_set_timeout_ms (check, MIN (lc_profile_get_timeout_ms (profile), EDGE_TIMEOUT_MS));
      g_ptr_array_add (run->edge_checks, g_object_ref (check));
      queue_check (task, check);
    }
}

static void
start_main_phase (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcProfile *profile = run->runner->profile;

  if (wants_step (run->runner, LC_REPORT_STEP_CONTEXT))
    {
      g_autoptr(GPtrArray) hosts = g_ptr_array_new ();

      for (guint i = 0; i < lc_profile_get_n_services (profile); i++)
        {
          const LcService *service = lc_profile_get_service (profile, i);
          g_autofree char *id = NULL;
          g_autoptr(LcCheckResult) result = NULL;
          LcCheck *check;

          if (service->host == NULL ||
              g_ptr_array_find_with_equal_func (hosts, service->host, g_str_equal, NULL))
            continue;
          g_ptr_array_add (hosts, service->host);

          id = g_strconcat ("dns-", service->id, NULL);
          result = lc_check_result_new (id, LC_REPORT_STEP_CONTEXT, service->id, "dns");
          lc_check_result_set_host (result, service->host);
          check = lc_dns_check_new (result);
          lc_check_set_target (check, service->host, 0);
          lc_check_set_timeout_ms (check, lc_profile_get_timeout_ms (profile));
          queue_check (task, check);
        }
    }

  if (wants_step (run->runner, LC_REPORT_STEP_FIREWALL))
    {
      g_autoptr(LcRangeSweep) sweep = create_range_sweep (profile, NULL, run->database);

      for (guint i = 0; i < lc_profile_get_n_rules (profile); i++)
        {
          const LcRule *rule = lc_profile_get_rule (profile, i);
          const LcService *service = lc_profile_lookup_service (profile, rule->service);
          LcCheck *check;

          if (service->host == NULL)
            {
              g_autoptr(LcCheckResult) result = lc_check_result_new_for_rule (profile, rule);
              lc_check_result_skip (result, LC_CAUSE_NOT_TESTABLE,
                                    _("No host was given for this service"));
              add_decided (task, result);
              continue;
            }

          {
            g_autoptr(LcCheckResult) decided = NULL;

            check = create_rule_check (profile, rule, run->database, sweep, &decided);
            if (check != NULL)
              queue_check (task, check);
            else
              add_decided (task, decided);
          }
        }
    }

  if (g_queue_is_empty (&run->queue))
    {
      after_main_phase (task);
      return;
    }

  split_waves (run);
  if (run->first_wave_pending == 0)
    release_second_wave (task);
  else
    run->second_wave_id = g_timeout_add_full (G_PRIORITY_DEFAULT, FIRST_WAVE_MS,
                                              on_second_wave_due, g_object_ref (task),
                                              g_object_unref);
  start_more (task);
  g_object_unref (task);
}

static guint
count_planned_checks (LcRunner *self,
                      gboolean  with_edges)
{
  LcProfile *profile = self->profile;
  g_autoptr(GPtrArray) hosts = g_ptr_array_new ();
  guint planned = with_edges ? lc_profile_get_n_edges (profile) : 0;

  if (wants_step (self, LC_REPORT_STEP_CONTEXT))
    for (guint i = 0; i < lc_profile_get_n_services (profile); i++)
      {
        const LcService *service = lc_profile_get_service (profile, i);

        if (service->host != NULL &&
            !g_ptr_array_find_with_equal_func (hosts, service->host, g_str_equal, NULL))
          g_ptr_array_add (hosts, service->host);
      }

  planned += hosts->len;
  if (wants_step (self, LC_REPORT_STEP_FIREWALL))
    planned += lc_profile_get_n_rules (profile);
  return planned;
}

/* The rules test the profile's own hosts (the names IT opens the firewall for); then the
 * edges are measured, and the calls go to the chosen one. That is the checklist's order, which
 * the window follows page by page. */
static void
start_first_phase (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcRunner *self = run->runner;

  run->with_edges = lc_profile_get_n_edges (self->profile) > 0 &&
                    (wants_step (self, LC_REPORT_STEP_EDGE) || self->edge != NULL);
  run->total = count_planned_checks (self, run->with_edges);
  start_main_phase (task);
}

/* Takes over @task's reference. */
static void
after_main_phase (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->with_edges)
    {
      run->with_edges = FALSE;
      run->edges_phase = TRUE;
      queue_edges (task);
      start_more (task);
      g_object_unref (task);
      return;
    }

  start_media_phase (task);
}

static void
on_warmed_up (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  run->database = g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      run->returned = TRUE;
      run->runner->running = FALSE;
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  start_first_phase (task);
}

static void
warm_up_thread (GTask        *warm_up,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LcProfile *profile = task_data;
  GTlsBackend *backend = g_tls_backend_get_default ();
  g_autoptr(GTlsDatabase) database = g_tls_backend_get_default_database (backend);
  GProxyResolver *proxy_resolver = g_proxy_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  GTlsDatabase *profile_database;
  GError *error = NULL;

  /* Loading the proxy resolver's module is as slow as the trust store, the first time. */
  (void)g_proxy_resolver_is_supported (proxy_resolver);

  /* The profile's own CA, read from its file here rather than on the main loop. */
  profile_database = lc_tls_database_new_for_profile (profile, &error);
  if (error != NULL)
    g_task_return_error (warm_up, error);
  else
    g_task_return_pointer (warm_up, profile_database, g_object_unref);
}

/* The calls' figures against the profile's thresholds: whole call and 5-second windows. A call
 * that could not run keeps its own status; one that ran gets the quality verdict. */
static void
judge_call (LcProfile     *profile,
            LcMediaResult *result)
{
  GPtrArray *samples = lc_media_result_get_samples (result);
  g_autofree LcQualitySample *figures = g_new0 (LcQualitySample, MAX (1, samples->len));
  const char * const *codecs = lc_media_result_get_codecs (result);
  gboolean has_video = codecs != NULL && g_strv_contains (codecs, "vp8");
  g_autoptr(LcQuality) quality = NULL;
  g_autoptr(JsonNode) verdict = NULL;
  LcMediaStatus status = lc_media_result_get_status (result);
  LcMediaSample *summary;

  for (guint i = 0; i < samples->len; i++)
    {
      LcMediaSample *sample = g_ptr_array_index (samples, i);

      figures[i].t = sample->t;
      figures[i].rtt_ms = sample->rtt_ms;
      figures[i].jitter_ms = sample->jitter_ms;
      figures[i].loss_percent = sample->loss_percent;
      figures[i].send_kbps = sample->send_kbps;
      figures[i].recv_kbps = sample->recv_kbps;
    }

  summary = lc_media_result_get_summary (result);
  quality = lc_quality_judge_call (figures, samples->len, lc_profile_get_thresholds (profile),
                                   has_video, summary != NULL ? summary->loss_percent : NAN);
  lc_media_result_set_mos (result, lc_quality_get_summary (quality)->mos);

  verdict = lc_quality_to_json (quality);
  json_object_set_member (lc_media_result_get_evidence (result), "quality",
                          json_node_ref (verdict));

  if (status != LC_MEDIA_STATUS_PASS)
    return;

  switch (lc_quality_get_status (quality))
    {
    case LC_STATUS_FAIL:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_FAIL, LC_CAUSE_NETWORK,
                                  lc_quality_get_detail (quality));
      break;
    case LC_STATUS_WARN:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_WARN, LC_CAUSE_NETWORK,
                                  lc_quality_get_detail (quality));
      break;
    case LC_STATUS_PASS:
    case LC_STATUS_SKIP:
    default:
      lc_media_result_set_status (result, LC_MEDIA_STATUS_PASS, LC_CAUSE_NONE,
                                  lc_quality_get_detail (quality));
      break;
    }
}

static void call_next (GTask *task);

static void
on_media_sample (LcMediaCall   *call,
                 LcMediaSample *sample,
                 GTask         *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->runner, signals[MEDIA_SAMPLE], 0, lc_media_call_get_entry_id (call),
                 sample);
}

static void
on_call_done (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autoptr(LcMediaResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (object, task);
  result = lc_media_call_run_finish (LC_MEDIA_CALL (object), res, &error);

  if (g_task_return_error_if_cancelled (task))
    {
      run->returned = TRUE;
      run->runner->running = FALSE;
      return;
    }

  if (result == NULL)
    {
      run->returned = TRUE;
      run->runner->running = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  judge_call (run->runner->profile, result);
  lc_report_add_media (run->report, result);
  g_signal_emit (run->runner, signals[MEDIA_FINISHED], 0, result);
  call_next (g_steal_pointer (&task));
}

/* One call at a time: they would share the bandwidth they measure. */
static void
call_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcProfile *profile = run->runner->profile;
  g_autoptr(LcMediaCall) call = NULL;
  const LcMediaEntry *entry;

  if (run->next_media >= lc_profile_get_n_media (profile))
    {
      run->returned = TRUE;
      run->runner->running = FALSE;
      lc_report_finish (run->report);
      g_task_return_pointer (task, g_object_ref (run->report), g_object_unref);
      g_object_unref (task);
      return;
    }

  entry = lc_profile_get_media (profile, run->next_media++);
  if (run->runner->media_entries != NULL &&
      !g_strv_contains ((const char * const *)run->runner->media_entries, entry->id))
    {
      call_next (task);
      return;
    }
  call = lc_media_call_new (profile, entry->id);
  g_signal_connect (call, "sample", G_CALLBACK (on_media_sample), task);
  g_signal_emit (run->runner, signals[MEDIA_STARTED], 0, entry->id);
  lc_media_call_run_async (call, g_task_get_cancellable (task), on_call_done, task);
}

static void
start_media_phase (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (!wants_step (run->runner, LC_REPORT_STEP_MEDIA))
    run->next_media = lc_profile_get_n_media (run->runner->profile);
  call_next (task);
}

/**
 * lc_runner_run_async:
 *
 * Runs the chosen steps in the checklist's order: DNS and every firewall rule side by side,
 * then the edges (the nearest one, or the one set, gives the calls their hosts), then the
 * calls one by one. Each check has its deadline; cancelling stops everything.
 */
void
lc_runner_run_async (LcRunner            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (LC_IS_RUNNER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_runner_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The checks are already running"));
      return;
    }

  run = g_new0 (Run, 1);
  run->runner = g_object_ref (self);
  run->report = lc_report_new (self->profile);
  g_queue_init (&run->queue);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);
  self->running = TRUE;

  if (self->edge != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < lc_profile_get_n_edges (self->profile); i++)
        found |= g_str_equal (lc_profile_get_edge (self->profile, i)->id, self->edge);

      if (!found)
        {
          g_task_return_new_error (task, LC_RUNNER_ERROR, LC_RUNNER_ERROR_INVALID,
                                   _("The profile has no edge “%s”"), self->edge);
          return;
        }
    }

  /* Loading the system's trust store and the proxy resolver takes ~100 ms the first time,
   * on whichever thread asks first: ask on a worker, so that it neither blocks the main loop
   * nor adds to the first checks' measured times. */
  {
    g_autoptr(GTask) warm_up = g_task_new (self, NULL, on_warmed_up, g_steal_pointer (&task));

    g_task_set_task_data (warm_up, g_object_ref (self->profile), g_object_unref);
    g_task_run_in_thread (warm_up, warm_up_thread);
  }
}

/**
 * lc_runner_run_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error (cancelled, or could not run)
 */
LcReport *
lc_runner_run_finish (LcRunner      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
