/* lc-words.h — what a person reads about a result, written once for the CLI, the window and the PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check-result.h"
#include "lc-media-result.h"
#include "lc-report.h"

G_BEGIN_DECLS

const char *lc_words_verdict          (LcStatus        verdict);
const char *lc_words_verdict_title    (LcStatus        verdict);
const char *lc_words_verdict_short    (LcStatus        verdict);
const char *lc_words_status_tag       (LcStatus        status);
const char *lc_words_media_status_tag (LcMediaStatus   status);
const char *lc_words_check_status     (LcCheckResult  *result);
const char *lc_words_media_status     (LcMediaResult  *result);
char       *lc_words_check_headline   (LcCheckResult  *result,
                                       LcProfile      *profile);
char       *lc_words_rule_to_open     (const LcRuleToOpen *rule);
char       *lc_words_rules_to_open_text (LcReport     *report);
char       *lc_words_mos              (double          mos);
char       *lc_words_figure           (double          value,
                                       const char     *unit);
char       *lc_words_call_title       (const LcMediaEntry *entry);

/**
 * LcWordsLine:
 * @label: what it is, e.g. "Address"
 * @value: what was seen, e.g. "198.18.10.2"
 *
 * One line of a check's evidence, for a person.
 */
typedef struct
{
  char *label;
  char *value;
} LcWordsLine;

void        lc_words_line_free        (LcWordsLine    *line);
GPtrArray  *lc_words_evidence         (JsonObject     *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcWordsLine, lc_words_line_free)

G_END_DECLS
