/* lc-window-strip-model.h — a call's 5-second windows as the strip shows them: verdict, figures
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lc-quality.h"

G_BEGIN_DECLS

/**
 * LcWindowState:
 * @LC_WINDOW_STATE_PASS: the window's figures met every threshold
 * @LC_WINDOW_STATE_FAIL: a figure broke a threshold over the window
 * @LC_WINDOW_STATE_EMPTY: the window passed with no sample in it
 * @LC_WINDOW_STATE_PENDING: the call has not reached it yet
 *
 * What a cell of the strip says.
 */
typedef enum
{
  LC_WINDOW_STATE_PASS,
  LC_WINDOW_STATE_FAIL,
  LC_WINDOW_STATE_EMPTY,
  LC_WINDOW_STATE_PENDING,
} LcWindowState;

/**
 * LcWindowStripCell:
 * @start_s: where the window starts in the call
 * @end_s: where it ends
 * @state: its verdict
 * @in_progress: the call is inside this window now: its verdict may still change
 * @elapsed: the part of the window the call has been through, 0…1 (1 once it is over)
 * @summary: its figures (means of the values present)
 */
typedef struct
{
  double            start_s;
  double            end_s;
  LcWindowState     state;
  gboolean          in_progress;
  double            elapsed;
  LcQualitySummary  summary;
} LcWindowStripCell;

#define LC_TYPE_WINDOW_STRIP_MODEL (lc_window_strip_model_get_type ())

G_DECLARE_FINAL_TYPE (LcWindowStripModel, lc_window_strip_model, LC, WINDOW_STRIP_MODEL, GObject)

LcWindowStripModel      *lc_window_strip_model_new             (const char         *title);

const char              *lc_window_strip_model_get_title       (LcWindowStripModel *self);
void                     lc_window_strip_model_set_title       (LcWindowStripModel *self,
                                                                const char         *title);
void                     lc_window_strip_model_set_span        (LcWindowStripModel *self,
                                                                double              seconds);
void                     lc_window_strip_model_update          (LcWindowStripModel *self,
                                                                LcQuality          *quality,
                                                                double              last_t);
void                     lc_window_strip_model_finish          (LcWindowStripModel *self);
gboolean                 lc_window_strip_model_get_finished    (LcWindowStripModel *self);

guint                    lc_window_strip_model_get_n_cells     (LcWindowStripModel *self);
const LcWindowStripCell *lc_window_strip_model_get_cell        (LcWindowStripModel *self,
                                                                guint               index);
char                    *lc_window_strip_model_dup_cell_label  (LcWindowStripModel *self,
                                                                guint               index);
char                    *lc_window_strip_model_dup_cell_text   (LcWindowStripModel *self,
                                                                guint               index);
char                    *lc_window_strip_model_dup_description (LcWindowStripModel *self);

G_END_DECLS
