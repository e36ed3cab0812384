/* lc-result-code-view.h — the result code on the result page: large, grouped, copied, spelt out
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LC_TYPE_RESULT_CODE_VIEW (lc_result_code_view_get_type ())

G_DECLARE_FINAL_TYPE (LcResultCodeView, lc_result_code_view, LC, RESULT_CODE_VIEW, AdwBin)

GtkWidget  *lc_result_code_view_new      (void);
const char *lc_result_code_view_get_code (LcResultCodeView *self);
void        lc_result_code_view_set_code (LcResultCodeView *self,
                                          const char       *code);

G_END_DECLS
