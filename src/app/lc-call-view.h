/* lc-call-view.h — one test call: status, quality in words, figures, charts, set-up
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lc-call-charts.h"
#include "lc-media-result.h"
#include "lc-profile.h"

G_BEGIN_DECLS

typedef enum
{
  LC_CALL_VIEW_WAITING,
  LC_CALL_VIEW_RUNNING,
  LC_CALL_VIEW_DONE,
} LcCallViewState;

#define LC_TYPE_CALL_VIEW (lc_call_view_get_type ())

G_DECLARE_FINAL_TYPE (LcCallView, lc_call_view, LC, CALL_VIEW, AdwPreferencesGroup)

GtkWidget       *lc_call_view_new            (const LcMediaEntry *entry,
                                              const LcThresholds *thresholds);
const char      *lc_call_view_get_entry_id   (LcCallView         *self);
LcCallViewState  lc_call_view_get_state      (LcCallView         *self);
GPtrArray       *lc_call_view_get_samples    (LcCallView         *self);
LcMediaResult   *lc_call_view_get_result     (LcCallView         *self);
GtkWidget       *lc_call_view_get_charts_box (LcCallView         *self);
LcCallCharts    *lc_call_view_get_charts     (LcCallView         *self);
void             lc_call_view_reset          (LcCallView         *self);
void             lc_call_view_start          (LcCallView         *self);
void             lc_call_view_add_sample     (LcCallView         *self,
                                              LcMediaSample      *sample);
void             lc_call_view_set_result     (LcCallView         *self,
                                              LcMediaResult      *result);

G_END_DECLS
