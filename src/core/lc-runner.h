/* lc-runner.h — runs a profile's checklist: concurrent, with deadlines, cancellable
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-check.h"
#include "lc-profile.h"
#include "lc-report.h"

G_BEGIN_DECLS

#define LC_RUNNER_ERROR (lc_runner_error_quark ())

typedef enum
{
  LC_RUNNER_ERROR_INVALID = 1,
} LcRunnerError;

GQuark lc_runner_error_quark (void);

#define LC_TYPE_RUNNER (lc_runner_get_type ())

G_DECLARE_FINAL_TYPE (LcRunner, lc_runner, LC, RUNNER, GObject)

LcRunner *lc_runner_new                (LcProfile            *profile);
gboolean  lc_runner_set_steps          (LcRunner             *self,
                                        const char * const   *steps,
                                        GError              **error);
void      lc_runner_set_media_entries  (LcRunner             *self,
                                        const char * const   *ids);
void      lc_runner_set_edge           (LcRunner             *self,
                                        const char           *edge_id);
void      lc_runner_set_max_concurrent (LcRunner             *self,
                                        guint                 max_concurrent);
LcProfile *lc_runner_get_profile       (LcRunner             *self);

void      lc_runner_run_async          (LcRunner             *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
LcReport *lc_runner_run_finish         (LcRunner             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

LcCheck  *lc_runner_create_rule_check  (LcProfile            *profile,
                                        const LcRule         *rule,
                                        GTlsDatabase         *database,
                                        LcCheckResult       **decided);

G_END_DECLS
