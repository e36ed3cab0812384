/* lc-checklist.h — a profile's checklist run step by step, the results kept together: the window's model
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-media-result.h"
#include "lc-media-sample.h"
#include "lc-profile.h"
#include "lc-report.h"

G_BEGIN_DECLS

/**
 * LcStepState:
 * @LC_STEP_STATE_WAITING: not run yet (or cancelled before it finished)
 * @LC_STEP_STATE_RUNNING: running now
 * @LC_STEP_STATE_PASS: done, everything passed
 * @LC_STEP_STATE_WARN: done, with warnings
 * @LC_STEP_STATE_FAIL: done, something failed
 * @LC_STEP_STATE_SKIP: done, with nothing this profile could test
 */
typedef enum
{
  LC_STEP_STATE_WAITING,
  LC_STEP_STATE_RUNNING,
  LC_STEP_STATE_PASS,
  LC_STEP_STATE_WARN,
  LC_STEP_STATE_FAIL,
  LC_STEP_STATE_SKIP,
} LcStepState;

/* lc_checklist_run_async()'s @only_step for the whole checklist. */
#define LC_CHECKLIST_ALL_STEPS (-1)

#define LC_TYPE_CHECKLIST (lc_checklist_get_type ())

G_DECLARE_FINAL_TYPE (LcChecklist, lc_checklist, LC, CHECKLIST, GObject)

LcChecklist *lc_checklist_new              (LcProfile           *profile);
LcProfile   *lc_checklist_get_profile      (LcChecklist         *self);
void         lc_checklist_set_edge         (LcChecklist         *self,
                                            const char          *edge_id);
const char  *lc_checklist_get_edge         (LcChecklist         *self);
LcStepState  lc_checklist_get_state        (LcChecklist         *self,
                                            LcStep               step);
int          lc_checklist_get_running_step (LcChecklist         *self);
gboolean     lc_checklist_is_running       (LcChecklist         *self);
LcReport    *lc_checklist_get_report       (LcChecklist         *self);
gboolean     lc_checklist_step_has_work    (LcChecklist         *self,
                                            LcStep               step);
gboolean     lc_checklist_entry_is_in_step (const LcMediaEntry  *entry,
                                            LcStep               step);

void         lc_checklist_run_async        (LcChecklist         *self,
                                            int                  only_step,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
LcReport    *lc_checklist_run_finish       (LcChecklist         *self,
                                            GAsyncResult        *result,
                                            GError             **error);

const char  *lc_step_state_to_string       (LcStepState          state);

G_END_DECLS
