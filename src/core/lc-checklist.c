/* lc-checklist.c — runs a profile's checklist in its order, one step after the other or one
 * step alone, and keeps every step's results in one report
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's model: the CLI runs the whole profile with one LcRunner; the window needs the
 * checklist's steps one by one (to follow them page by page, and to run one again), each
 * step's state, and the results of all of them together. Each step is a runner of its own on
 * the checklist's snapshot of the profile; the edge the edge step chooses gives the calls of
 * the later steps their hosts.
 */
#define G_LOG_DOMAIN "linecheck-runner"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gst/gst.h>

#include "lc-checklist.h"
#include "lc-secret-guard.h"
#include "lc-advice.h"
#include "lc-runner.h"

struct _LcChecklist
{
  GObject      parent_instance;

  LcProfile   *original;      /* the snapshot as given: its hosts */
  LcProfile   *profile;       /* the snapshot the steps run on: the chosen edge's hosts */
  char        *edge_id;       /* the person's choice; NULL for the nearest */
  LcReport    *report;        /* every step's results so far; NULL before the first */
  LcStepState  states[LC_N_STEPS];
  int          running_step;  /* -1 when idle */
  gboolean     running;
};

G_DEFINE_FINAL_TYPE (LcChecklist, lc_checklist, G_TYPE_OBJECT)

enum {
  STEP_CHANGED,
  CHECK_STARTED,
  CHECK_FINISHED,
  MEDIA_STARTED,
  MEDIA_SAMPLE,
  MEDIA_FINISHED,
  REPORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
lc_step_state_to_string (LcStepState state)
{
  switch (state)
    {
    case LC_STEP_STATE_WAITING: return "waiting";
    case LC_STEP_STATE_RUNNING: return "running";
    case LC_STEP_STATE_PASS: return "pass";
    case LC_STEP_STATE_WARN: return "warn";
    case LC_STEP_STATE_FAIL: return "fail";
    case LC_STEP_STATE_SKIP: return "skip";
    default: g_return_val_if_reached (NULL);
    }
}

static void
lc_checklist_finalize (GObject *object)
{
  LcChecklist *self = (LcChecklist *)object;

  g_clear_object (&self->original);
  g_clear_object (&self->profile);
  g_clear_object (&self->report);
  g_free (self->edge_id);

  G_OBJECT_CLASS (lc_checklist_parent_class)->finalize (object);
}

static void
lc_checklist_class_init (LcChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_checklist_finalize;

  /**
   * LcChecklist::step-changed:
   * @step: the #LcStep whose state changed (see lc_checklist_get_state())
   */
  signals[STEP_CHANGED] = g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * LcChecklist::check-started:
   * @step: the #LcStep it belongs to
   * @result: the check's result, not decided yet
   */
  signals[CHECK_STARTED] = g_signal_new ("check-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, LC_TYPE_CHECK_RESULT);
  signals[CHECK_FINISHED] = g_signal_new ("check-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT, LC_TYPE_CHECK_RESULT);
  /**
   * LcChecklist::media-started:
   * @step: the #LcStep the call belongs to
   * @entry_id: the profile's media entry
   */
  signals[MEDIA_STARTED] = g_signal_new ("media-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  signals[MEDIA_SAMPLE] = g_signal_new ("media-sample", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_STRING,
                                        LC_TYPE_MEDIA_SAMPLE);
  signals[MEDIA_FINISHED] = g_signal_new ("media-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_INT, LC_TYPE_MEDIA_RESULT);
  /**
   * LcChecklist::report-changed:
   *
   * A step finished: lc_checklist_get_report() holds its results, the verdict is new.
   */
  signals[REPORT_CHANGED] = g_signal_new ("report-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
lc_checklist_init (LcChecklist *self)
{
  self->running_step = -1;
}

/**
 * lc_checklist_new:
 *
 * Returns: (transfer full): the checklist of a snapshot of @profile: editing @profile later
 *   changes nothing here (a new profile is a new checklist)
 */
LcChecklist *
lc_checklist_new (LcProfile *profile)
{
  LcChecklist *self;

  g_return_val_if_fail (LC_IS_PROFILE (profile), NULL);

  self = g_object_new (LC_TYPE_CHECKLIST, NULL);
  self->original = lc_profile_copy (profile);
  self->profile = lc_profile_copy (profile);
  return self;
}

/**
 * lc_checklist_get_profile:
 *
 * Returns: (transfer none): the snapshot the steps run on, with the chosen edge's hosts
 */
LcProfile *
lc_checklist_get_profile (LcChecklist *self)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), NULL);
  return self->profile;
}

/**
 * lc_checklist_set_edge:
 * @edge_id: (nullable): the edge the calls use, as `--edge` says; %NULL for the nearest
 *
 * Takes effect at the next run of the edge step.
 */
void
lc_checklist_set_edge (LcChecklist *self,
                       const char  *edge_id)
{
  char *copy = g_strdup (edge_id);

  g_return_if_fail (LC_IS_CHECKLIST (self));
  g_free (self->edge_id);
  self->edge_id = copy;
}

const char *
lc_checklist_get_edge (LcChecklist *self)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), NULL);
  return self->edge_id;
}

LcStepState
lc_checklist_get_state (LcChecklist *self,
                        LcStep       step)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), LC_STEP_STATE_WAITING);
  g_return_val_if_fail (step < LC_N_STEPS, LC_STEP_STATE_WAITING);
  return self->states[step];
}

/**
 * lc_checklist_get_running_step:
 *
 * Returns: the #LcStep running now, or -1
 */
int
lc_checklist_get_running_step (LcChecklist *self)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), -1);
  return self->running_step;
}

gboolean
lc_checklist_is_running (LcChecklist *self)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), FALSE);
  return self->running;
}

/**
 * lc_checklist_get_report:
 *
 * Returns: (transfer none) (nullable): every finished step's results, with the verdict of
 *   them together; %NULL before any step finished
 */
LcReport *
lc_checklist_get_report (LcChecklist *self)
{
  g_return_val_if_fail (LC_IS_CHECKLIST (self), NULL);
  return self->report;
}

/**
 * lc_checklist_entry_is_in_step:
 *
 * Returns: whether the call @entry belongs to @step: the bandwidth step places the direct
 *   echo calls (they prove the rates), the end-to-end step the calls relayed by TURN
 */
gboolean
lc_checklist_entry_is_in_step (const LcMediaEntry *entry,
                               LcStep              step)
{
  gboolean relayed;

  g_return_val_if_fail (entry != NULL, FALSE);

  relayed = entry->via == LC_MEDIA_VIA_TURN || entry->relay;
  return (step == LC_STEP_BANDWIDTH && !relayed) || (step == LC_STEP_END_TO_END && relayed);
}

static GStrv
dup_step_entries (LcProfile *profile,
                  LcStep     step)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < lc_profile_get_n_media (profile); i++)
    {
      const LcMediaEntry *entry = lc_profile_get_media (profile, i);

      if (lc_checklist_entry_is_in_step (entry, step))
        g_strv_builder_add (builder, entry->id);
    }
  return g_strv_builder_end (builder);
}

/**
 * lc_checklist_step_has_work:
 *
 * Returns: whether @step tests anything for this profile (an edge step without edges, or a
 *   calls step without calls, has nothing to run)
 */
gboolean
lc_checklist_step_has_work (LcChecklist *self,
                            LcStep       step)
{
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (LC_IS_CHECKLIST (self), FALSE);

  switch (step)
    {
    case LC_STEP_FIREWALL:
      return lc_profile_get_n_rules (self->profile) > 0;
    case LC_STEP_EDGE:
      return lc_profile_get_n_edges (self->profile) > 0;
    case LC_STEP_BANDWIDTH:
    case LC_STEP_END_TO_END:
      entries = dup_step_entries (self->profile, step);
      return entries[0] != NULL;
    case LC_STEP_RECOMMENDATIONS:
    default:
      return TRUE;
    }
}

static void
set_state (LcChecklist *self,
           LcStep       step,
           LcStepState  state)
{
  if (self->states[step] == state)
    return;
  self->states[step] = state;
  g_signal_emit (self, signals[STEP_CHANGED], 0, (int)step);
}

/* The advice step has nothing to wait for: it is read off the results so far. Something to
 * read is a warning; the steps the advice comes from carry the failures. */
static void
update_advice_state (LcChecklist *self)
{
  g_autoptr(GPtrArray) advice = NULL;

  if (self->report == NULL)
    {
      set_state (self, LC_STEP_RECOMMENDATIONS, LC_STEP_STATE_SKIP);
      return;
    }
  advice = lc_advice_for_report (self->report);
  set_state (self, LC_STEP_RECOMMENDATIONS,
             advice->len > 0 ? LC_STEP_STATE_WARN : LC_STEP_STATE_PASS);
}

/* The report steps of the checks a wizard step runs. */
static gboolean
check_is_in_step (LcCheckResult *result,
                  LcStep         step)
{
  const char *report_step = lc_check_result_get_step (result);

  switch (step)
    {
    case LC_STEP_FIREWALL:
      return g_strcmp0 (report_step, LC_REPORT_STEP_FIREWALL) == 0 ||
             g_strcmp0 (report_step, LC_REPORT_STEP_CONTEXT) == 0;
    case LC_STEP_EDGE:
      return g_strcmp0 (report_step, LC_REPORT_STEP_EDGE) == 0;
    default:
      return FALSE;
    }
}

/* The state a finished step's results add up to. */
static LcStepState
judge_step (LcReport *partial,
            LcStep    step)
{
  GPtrArray *checks = lc_report_get_checks (partial);
  GPtrArray *media = lc_report_get_media (partial);
  gboolean any = FALSE, warn = FALSE, fail = FALSE;

  for (guint i = 0; i < checks->len; i++)
    {
      LcCheckResult *result = g_ptr_array_index (checks, i);

      if (!check_is_in_step (result, step))
        continue;
      switch (lc_check_result_get_status (result))
        {
        case LC_STATUS_FAIL: fail = any = TRUE; break;
        case LC_STATUS_WARN: warn = any = TRUE; break;
        case LC_STATUS_PASS: any = TRUE; break;
        case LC_STATUS_SKIP:
        default: break;
        }
    }

  for (guint i = 0; i < media->len; i++)
    switch (lc_media_result_get_status (g_ptr_array_index (media, i)))
      {
      case LC_MEDIA_STATUS_FAIL:
      case LC_MEDIA_STATUS_INTERRUPTED: fail = any = TRUE; break;
      case LC_MEDIA_STATUS_WARN: warn = any = TRUE; break;
      case LC_MEDIA_STATUS_PASS: any = TRUE; break;
      case LC_MEDIA_STATUS_SKIP:
      default: break;
      }

  if (fail)
    return LC_STEP_STATE_FAIL;
  if (warn)
    return LC_STEP_STATE_WARN;
  return any ? LC_STEP_STATE_PASS : LC_STEP_STATE_SKIP;
}

/* The edge the edge step chose gives the calls their hosts; without one, the profile's own. */
static void
apply_edge (LcChecklist *self,
            const char  *edge_id)
{
  g_clear_object (&self->profile);
  self->profile = lc_profile_copy (self->original);

  for (guint i = 0; edge_id != NULL && i < lc_profile_get_n_edges (self->profile); i++)
    {
      const LcEdge *edge = lc_profile_get_edge (self->profile, i);
      GHashTableIter iter;
      gpointer service, host;

      if (!g_str_equal (edge->id, edge_id))
        continue;
      g_hash_table_iter_init (&iter, edge->hosts);
      while (g_hash_table_iter_next (&iter, &service, &host))
        lc_profile_set_host (self->profile, service, host, NULL);
    }
}

/* A run ------------------------------------------------------------------------------------- */

typedef struct
{
  LcChecklist *self;
  int          steps[LC_N_STEPS];
  guint        n_steps;
  guint        next;
  LcStep       step;          /* the step running */
  gboolean     media_ready;   /* GStreamer initialised, off the main loop */
  gboolean     media_waiting; /* a calls step waits for it */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->self);
  g_free (run);
}

static void run_next_step (GTask *task);

static void
on_check_started (LcRunner      *runner,
                  LcCheckResult *result,
                  GTask         *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->self, signals[CHECK_STARTED], 0, (int)run->step, result);
}

static void
on_check_finished (LcRunner      *runner,
                   LcCheckResult *result,
                   guint          done,
                   guint          total,
                   GTask         *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->self, signals[CHECK_FINISHED], 0, (int)run->step, result);
}

static void
on_media_started (LcRunner   *runner,
                  const char *entry_id,
                  GTask      *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->self, signals[MEDIA_STARTED], 0, (int)run->step, entry_id);
}

static void
on_media_sample (LcRunner      *runner,
                 const char    *entry_id,
                 LcMediaSample *sample,
                 GTask         *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->self, signals[MEDIA_SAMPLE], 0, (int)run->step, entry_id, sample);
}

static void
on_media_finished (LcRunner      *runner,
                   LcMediaResult *result,
                   GTask         *task)
{
  Run *run = g_task_get_task_data (task);

  g_signal_emit (run->self, signals[MEDIA_FINISHED], 0, (int)run->step, result);
}

/* Takes @partial's results of @step into the checklist's report, replacing that step's
 * earlier ones. */
static void
keep_results (LcChecklist *self,
              LcStep       step,
              LcReport    *partial)
{
  g_autoptr(LcReport) merged = lc_report_new (self->profile);
  GPtrArray *checks;
  GPtrArray *media;
  const char *edge = NULL;

  /* The earlier steps' results, then this step's new ones, in the checklist's order. */
  if (self->report != NULL)
    {
      checks = lc_report_get_checks (self->report);
      for (guint i = 0; i < checks->len; i++)
        if (!check_is_in_step (g_ptr_array_index (checks, i), step))
          lc_report_add_check (merged, g_ptr_array_index (checks, i));

      media = lc_report_get_media (self->report);
      for (guint i = 0; i < media->len; i++)
        {
          LcMediaResult *result = g_ptr_array_index (media, i);
          const LcMediaEntry *entry = NULL;

          for (guint j = 0; j < lc_profile_get_n_media (self->profile); j++)
            if (g_str_equal (lc_profile_get_media (self->profile, j)->id,
                             lc_media_result_get_id (result)))
              entry = lc_profile_get_media (self->profile, j);
          if (entry == NULL || !lc_checklist_entry_is_in_step (entry, step))
            lc_report_add_media (merged, result);
        }
      edge = lc_report_get_chosen_edge (self->report);
      lc_report_set_started (merged, lc_report_get_started (self->report));
    }

  if (partial != NULL)
    {
      checks = lc_report_get_checks (partial);
      for (guint i = 0; i < checks->len; i++)
        lc_report_add_check (merged, g_ptr_array_index (checks, i));
      media = lc_report_get_media (partial);
      for (guint i = 0; i < media->len; i++)
        lc_report_add_media (merged, g_ptr_array_index (media, i));
      if (step == LC_STEP_EDGE)
        edge = lc_report_get_chosen_edge (partial);
    }

  lc_report_set_chosen_edge (merged, edge);
  lc_report_finish (merged);
  g_set_object (&self->report, merged);
  g_signal_emit (self, signals[REPORT_CHANGED], 0);
}

static void
on_step_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Run *run = g_task_get_task_data (task);
  LcChecklist *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcReport) partial = lc_runner_run_finish (LC_RUNNER (object), result, &error);

  g_signal_handlers_disconnect_by_data (object, task);

  if (partial == NULL)
    {
      /* Cancelled, or could not run: the step is as if it had not run; the earlier steps'
       * results stay. */
      set_state (self, run->step, LC_STEP_STATE_WAITING);
      self->running_step = -1;
      self->running = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (run->step == LC_STEP_EDGE)
    apply_edge (self, lc_report_get_chosen_edge (partial));

  keep_results (self, run->step, partial);
  set_state (self, run->step, judge_step (partial, run->step));
  run_next_step (g_steal_pointer (&task));
}

static void
start_step (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcChecklist *self = run->self;
  g_autoptr(LcRunner) runner = NULL;
  g_auto(GStrv) entries = NULL;
  const char * const firewall[] = { LC_REPORT_STEP_FIREWALL, LC_REPORT_STEP_CONTEXT, NULL };
  const char * const edge[] = { LC_REPORT_STEP_EDGE, NULL };
  const char * const media[] = { LC_REPORT_STEP_MEDIA, NULL };

  runner = lc_runner_new (self->profile);
  switch (run->step)
    {
    case LC_STEP_FIREWALL:
      lc_runner_set_steps (runner, firewall, NULL);
      break;
    case LC_STEP_EDGE:
      lc_runner_set_steps (runner, edge, NULL);
      lc_runner_set_edge (runner, self->edge_id);
      break;
    case LC_STEP_BANDWIDTH:
    case LC_STEP_END_TO_END:
      entries = dup_step_entries (self->profile, run->step);
      lc_runner_set_steps (runner, media, NULL);
      lc_runner_set_media_entries (runner, (const char * const *)entries);
      break;
    case LC_STEP_RECOMMENDATIONS:
    default:
      g_assert_not_reached ();
    }

  g_signal_connect (runner, "check-started", G_CALLBACK (on_check_started), task);
  g_signal_connect (runner, "check-finished", G_CALLBACK (on_check_finished), task);
  g_signal_connect (runner, "media-started", G_CALLBACK (on_media_started), task);
  g_signal_connect (runner, "media-sample", G_CALLBACK (on_media_sample), task);
  g_signal_connect (runner, "media-finished", G_CALLBACK (on_media_finished), task);
  lc_runner_run_async (runner, g_task_get_cancellable (task), on_step_done, task);
}

static void
run_next_step (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LcChecklist *self = run->self;

  if (g_task_return_error_if_cancelled (task))
    {
      self->running_step = -1;
      self->running = FALSE;
      g_object_unref (task);
      return;
    }

  while (run->next < run->n_steps)
    {
      run->step = run->steps[run->next++];
      self->running_step = run->step;

      /* The advice is read off the results so far: nothing to wait for. */
      if (run->step == LC_STEP_RECOMMENDATIONS)
        {
          update_advice_state (self);
          continue;
        }

      if (!lc_checklist_step_has_work (self, run->step))
        {
          if (run->step == LC_STEP_EDGE)
            apply_edge (self, NULL);
          keep_results (self, run->step, NULL);
          set_state (self, run->step, LC_STEP_STATE_SKIP);
          continue;
        }

      set_state (self, run->step, LC_STEP_STATE_RUNNING);
      if ((run->step == LC_STEP_BANDWIDTH || run->step == LC_STEP_END_TO_END) &&
          !run->media_ready)
        {
          /* GStreamer loads its plugins first (0.5 s on a cold registry): that waits on a
           * worker thread, and the call starts when it is done. */
          run->media_waiting = TRUE;
          g_object_unref (task);
          return;
        }

      start_step (task);
      return;
    }

  self->running_step = -1;
  self->running = FALSE;
  /* Once more, now that the run is over: what was "so far" is the result. */
  if (self->states[LC_STEP_RECOMMENDATIONS] == LC_STEP_STATE_PASS ||
      self->states[LC_STEP_RECOMMENDATIONS] == LC_STEP_STATE_WARN)
    update_advice_state (self);
  if (self->report == NULL)
    keep_results (self, LC_STEP_RECOMMENDATIONS, NULL);
  else
    g_signal_emit (self, signals[REPORT_CHANGED], 0);
  g_task_return_pointer (task, g_object_ref (self->report), g_object_unref);
  g_object_unref (task);
}

static void
init_media_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;

  if (gst_init_check (NULL, NULL, &error))
    {
      lc_secret_guard_attach (); /* before any pipeline runs */
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
on_media_initialised (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  /* A failure is the call's to report, in its own words, when it tries again. */
  g_task_propagate_boolean (G_TASK (result), NULL);
  run->media_ready = TRUE;
  if (!run->media_waiting)
    {
      g_object_unref (task);
      return;
    }

  run->media_waiting = FALSE;
  if (g_task_return_error_if_cancelled (task))
    {
      set_state (run->self, run->step, LC_STEP_STATE_WAITING);
      run->self->running_step = -1;
      run->self->running = FALSE;
      g_object_unref (task);
      return;
    }
  start_step (task);
}

/**
 * lc_checklist_run_async:
 * @only_step: an #LcStep to run alone (its earlier results are replaced), or
 *   %LC_CHECKLIST_ALL_STEPS for the whole checklist in its order (every result is new)
 * @cancellable: (nullable): stops the run at once; the steps that had finished keep their
 *   results, the one that was running goes back to waiting
 *
 * Fails with %G_IO_ERROR_PENDING while a run is going on.
 */
void
lc_checklist_run_async (LcChecklist         *self,
                        int                  only_step,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean needs_media = FALSE;
  Run *run;

  g_return_if_fail (LC_IS_CHECKLIST (self));
  g_return_if_fail (only_step == LC_CHECKLIST_ALL_STEPS ||
                    (only_step >= 0 && only_step < LC_N_STEPS));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_checklist_run_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The checks are already running"));
      return;
    }

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);
  self->running = TRUE;

  if (only_step == LC_CHECKLIST_ALL_STEPS)
    {
      for (int i = 0; i < LC_N_STEPS; i++)
        run->steps[run->n_steps++] = i;
      g_clear_object (&self->report);
      apply_edge (self, NULL);
      for (int i = 0; i < LC_N_STEPS; i++)
        set_state (self, i, LC_STEP_STATE_WAITING);
      g_signal_emit (self, signals[REPORT_CHANGED], 0);
    }
  else
    run->steps[run->n_steps++] = only_step;

  for (guint i = 0; i < run->n_steps; i++)
    needs_media |= run->steps[i] == LC_STEP_BANDWIDTH || run->steps[i] == LC_STEP_END_TO_END;
  run->media_ready = !needs_media;
  if (needs_media)
    {
      /* GStreamer's start-up goes to a worker at once, so that it is over by the first call. */
      g_autoptr(GTask) init = g_task_new (NULL, NULL, on_media_initialised, g_object_ref (task));

      g_task_set_source_tag (init, init_media_thread);
      g_task_run_in_thread (init, init_media_thread);
    }

  run_next_step (g_steal_pointer (&task));
}

/**
 * lc_checklist_run_finish:
 *
 * Returns: (transfer full): the checklist's report (every step's results so far), or %NULL
 *   with @error (cancelled, already running, could not run)
 */
LcReport *
lc_checklist_run_finish (LcChecklist   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
