/* lc-call-views.h — the calls of one step on a page, kept by entry id
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-call-view.h"
#include "lc-wizard-page.h"

G_BEGIN_DECLS

typedef struct _LcCallViews LcCallViews;

LcCallViews *lc_call_views_new         (void);
void         lc_call_views_free        (LcCallViews   *calls);
void         lc_call_views_clear       (LcCallViews   *calls);
void         lc_call_views_build       (LcCallViews   *calls,
                                        LcWizardPage  *page,
                                        LcStep         step,
                                        const char    *none);
LcCallView  *lc_call_views_lookup      (LcCallViews   *calls,
                                        const char    *entry_id);
guint        lc_call_views_get_n       (LcCallViews   *calls);
LcCallView  *lc_call_views_get         (LcCallViews   *calls,
                                        guint          index);
void         lc_call_views_start       (LcCallViews   *calls,
                                        const char    *entry_id);
void         lc_call_views_add_sample  (LcCallViews   *calls,
                                        const char    *entry_id,
                                        LcMediaSample *sample);
void         lc_call_views_set_result  (LcCallViews   *calls,
                                        LcMediaResult *result);
void         lc_call_views_show_report (LcCallViews   *calls,
                                        LcReport      *report);

G_END_DECLS
