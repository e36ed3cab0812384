/* lc-report.h — the report of a run: checks, verdict, rules to open (contracts §3)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lc-check-result.h"
#include "lc-media-result.h"
#include "lc-profile.h"

G_BEGIN_DECLS

#define LC_REPORT_ERROR (lc_report_error_quark ())

/**
 * LcReportError:
 * @LC_REPORT_ERROR_FOREIGN: JSON, but not a Linecheck report
 * @LC_REPORT_ERROR_FUTURE: a report of a newer format than this version reads
 * @LC_REPORT_ERROR_INVALID: a Linecheck report with a member that cannot be read
 */
typedef enum
{
  LC_REPORT_ERROR_FOREIGN = 1,
  LC_REPORT_ERROR_FUTURE,
  LC_REPORT_ERROR_INVALID,
} LcReportError;

GQuark lc_report_error_quark (void);

/* A stored report larger or deeper than this is refused before it is parsed. */
#define LC_REPORT_MAX_BYTES (8 * 1024 * 1024)
#define LC_REPORT_MAX_DEPTH 32

#define LC_TYPE_REPORT (lc_report_get_type ())

G_DECLARE_FINAL_TYPE (LcReport, lc_report, LC, REPORT, GObject)

LcReport   *lc_report_new              (LcProfile     *profile);
LcReport   *lc_report_new_from_json    (JsonObject    *root,
                                        GError       **error);
LcReport   *lc_report_new_from_file    (const char    *path,
                                        GError       **error);
gboolean    lc_report_check_header     (JsonObject    *root,
                                        GError       **error);
JsonObject *lc_report_parse_file       (const char    *path,
                                        GError       **error);
gboolean    lc_report_is_stored        (LcReport      *self);
const char *lc_report_get_stored_result_code (LcReport *self);
void        lc_report_add_check        (LcReport      *self,
                                        LcCheckResult *result);
void        lc_report_add_media        (LcReport      *self,
                                        LcMediaResult *result);
GPtrArray  *lc_report_get_media        (LcReport      *self);
void        lc_report_set_chosen_edge  (LcReport      *self,
                                        const char    *edge_id);
void        lc_report_finish           (LcReport      *self);

GPtrArray  *lc_report_get_checks       (LcReport      *self);
LcProfile  *lc_report_get_profile      (LcReport      *self);
LcStatus    lc_report_get_verdict      (LcReport      *self);
const char *lc_report_get_chosen_edge  (LcReport      *self);
GDateTime  *lc_report_get_started      (LcReport      *self);
void        lc_report_set_started      (LcReport      *self,
                                        GDateTime     *started);
double      lc_report_get_duration_ms  (LcReport      *self);
GPtrArray  *lc_report_dup_rules_to_open (LcReport     *self);

JsonNode   *lc_report_to_json          (LcReport      *self);
char       *lc_report_to_data          (LcReport      *self,
                                        gsize         *length);
gboolean    lc_report_save             (LcReport      *self,
                                        GFile         *file,
                                        GError       **error);
GFile      *lc_report_dup_history_dir  (void);
gboolean    lc_report_save_to_history  (LcReport      *self,
                                        GFile        **saved,
                                        GError       **error);

/**
 * LcRuleToOpen:
 *
 * One line of what IT must open: the report's `rules_to_open`.
 */
typedef struct
{
  char *service;
  char *service_name;
  char *host;
  char *protocol;
  char *ports;
  char *description;
} LcRuleToOpen;

void        lc_rule_to_open_free       (LcRuleToOpen  *rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcRuleToOpen, lc_rule_to_open_free)

G_END_DECLS
