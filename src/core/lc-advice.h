/* lc-advice.h — what to do about a run: advice read off its results by a table of rules
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lc-report.h"
#include "lc-types.h"

G_BEGIN_DECLS

/**
 * LcAdvice:
 * @id: stable, for scripts: the rule's id, then what it is about ("open-rule:tcp-8089-acd…")
 * @rule: the id of the advice rule that produced it ("open-rule", "relay-only", …)
 * @severity: %LC_STATUS_FAIL (a requirement is not met until this is done), %LC_STATUS_WARN
 *   (calls work, but worse or more fragile than they should)
 * @title: what to do or what is wrong, in a line (translated)
 * @why: the finding behind it, in plain words (translated)
 * @action: (nullable): the exact action, when there is one ("Allow TCP 8089 to …")
 * @subject: (nullable): the check or call it comes from
 *
 * One recommendation: the report's `recommendations[]` (contracts §3).
 */
typedef struct
{
  char     *id;
  char     *rule;
  LcStatus  severity;
  char     *title;
  char     *why;
  char     *action;
  char     *subject;
} LcAdvice;

void        lc_advice_free            (LcAdvice  *advice);
GPtrArray  *lc_advice_for_report      (LcReport  *report);
const char * const *lc_advice_list_rules (void);
JsonNode   *lc_advice_to_json         (const LcAdvice *advice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcAdvice, lc_advice_free)

G_END_DECLS
