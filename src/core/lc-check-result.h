/* lc-check-result.h — what one check found: status, cause, evidence and the fix
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-profile.h"

G_BEGIN_DECLS

#define LC_TYPE_CHECK_RESULT (lc_check_result_get_type ())

G_DECLARE_FINAL_TYPE (LcCheckResult, lc_check_result, LC, CHECK_RESULT, GObject)

LcCheckResult *lc_check_result_new             (const char    *id,
                                                const char    *step,
                                                const char    *service,
                                                const char    *check);
LcCheckResult *lc_check_result_new_for_rule    (LcProfile     *profile,
                                                const LcRule  *rule);

const char    *lc_check_result_get_id          (LcCheckResult *self);
const char    *lc_check_result_get_step        (LcCheckResult *self);
const char    *lc_check_result_get_service     (LcCheckResult *self);
const char    *lc_check_result_get_check       (LcCheckResult *self);
const char    *lc_check_result_get_protocol    (LcCheckResult *self);
const char    *lc_check_result_get_ports       (LcCheckResult *self);
guint16        lc_check_result_get_port        (LcCheckResult *self);
const char    *lc_check_result_get_host        (LcCheckResult *self);
const char    *lc_check_result_get_description (LcCheckResult *self);
LcRuleLevel    lc_check_result_get_level       (LcCheckResult *self);
gboolean       lc_check_result_get_relay_fallback (LcCheckResult *self);
LcStatus       lc_check_result_get_status      (LcCheckResult *self);
LcCause        lc_check_result_get_cause       (LcCheckResult *self);
double         lc_check_result_get_duration_ms (LcCheckResult *self);
const char    *lc_check_result_get_detail      (LcCheckResult *self);
const char    *lc_check_result_get_fix         (LcCheckResult *self);
JsonObject    *lc_check_result_get_evidence    (LcCheckResult *self);
gboolean       lc_check_result_is_finished     (LcCheckResult *self);

void           lc_check_result_set_host        (LcCheckResult *self,
                                                const char    *host);
void           lc_check_result_set_endpoint    (LcCheckResult *self,
                                                const char    *protocol,
                                                guint16        port,
                                                const char    *ports);
void           lc_check_result_set_duration_ms (LcCheckResult *self,
                                                double         duration_ms);
void           lc_check_result_pass            (LcCheckResult *self,
                                                const char    *detail);
void           lc_check_result_warn            (LcCheckResult *self,
                                                LcCause        cause,
                                                const char    *detail);
void           lc_check_result_fail            (LcCheckResult *self,
                                                LcCause        cause,
                                                const char    *detail);
void           lc_check_result_skip            (LcCheckResult *self,
                                                LcCause        cause,
                                                const char    *detail);
void           lc_check_result_set_fix         (LcCheckResult *self,
                                                const char    *fix);
void           lc_check_result_downgrade_to_warning (LcCheckResult *self,
                                                     const char    *why);

JsonNode      *lc_check_result_to_json         (LcCheckResult *self);
LcCheckResult *lc_check_result_new_from_json   (JsonObject    *object,
                                                GError       **error);

G_END_DECLS
