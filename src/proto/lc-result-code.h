/* lc-result-code.h — the result code read over the phone (contracts §4, docs/result-code.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The format this Linecheck writes, and the newest it reads. */
#define LC_RESULT_CODE_FORMAT 1
/* Characters of every code, check included, separators not counted. */
#define LC_RESULT_CODE_LENGTH 16
/* Characters of the check (a Reed–Solomon check over GF(32); see docs/result-code.md). */
#define LC_RESULT_CODE_CHECK_LENGTH 4
/* The highest count a code carries; it means "this many or more". */
#define LC_RESULT_CODE_MAX_COUNT 15
/* The highest edge position a code carries; it means "this one or a later one". */
#define LC_RESULT_CODE_MAX_EDGE 15

#define LC_RESULT_CODE_ERROR (lc_result_code_error_quark ())

/**
 * LcResultCodeError:
 * @LC_RESULT_CODE_ERROR_CHARACTER: a character that no code has (U, punctuation, …)
 * @LC_RESULT_CODE_ERROR_LENGTH: too few or too many characters
 * @LC_RESULT_CODE_ERROR_CHECK: the check does not match: something is mistyped
 * @LC_RESULT_CODE_ERROR_NEWER_FORMAT: a valid code of a format this version cannot read
 * @LC_RESULT_CODE_ERROR_INVALID: the check matches but the fields make no sense
 *
 * Why a code is refused. A refused code is never decoded into another result.
 */
typedef enum
{
  LC_RESULT_CODE_ERROR_CHARACTER = 1,
  LC_RESULT_CODE_ERROR_LENGTH,
  LC_RESULT_CODE_ERROR_CHECK,
  LC_RESULT_CODE_ERROR_NEWER_FORMAT,
  LC_RESULT_CODE_ERROR_INVALID,
} LcResultCodeError;

GQuark lc_result_code_error_quark (void);

/**
 * LcResultCodeStatus:
 * @LC_RESULT_CODE_STATUS_NONE: not run, or nothing in it could be tested
 * @LC_RESULT_CODE_STATUS_PASS: everything passed
 * @LC_RESULT_CODE_STATUS_WARN: something warned, nothing failed
 * @LC_RESULT_CODE_STATUS_FAIL: something failed
 *
 * The two bits every status field of the code uses.
 */
typedef enum
{
  LC_RESULT_CODE_STATUS_NONE,
  LC_RESULT_CODE_STATUS_PASS,
  LC_RESULT_CODE_STATUS_WARN,
  LC_RESULT_CODE_STATUS_FAIL,
} LcResultCodeStatus;

/* The report's steps (contracts §2), in the code's order. */
typedef enum
{
  LC_RESULT_CODE_STEP_FIREWALL,
  LC_RESULT_CODE_STEP_EDGE,
  LC_RESULT_CODE_STEP_MEDIA,
  LC_RESULT_CODE_STEP_CONTEXT,
} LcResultCodeStep;

#define LC_RESULT_CODE_N_STEPS 4

/* The platform's services (contracts §1); every other service id counts as OTHER. */
typedef enum
{
  LC_RESULT_CODE_SERVICE_RTC,
  LC_RESULT_CODE_SERVICE_ACD,
  LC_RESULT_CODE_SERVICE_ICE,
  LC_RESULT_CODE_SERVICE_OTHER,
} LcResultCodeService;

#define LC_RESULT_CODE_N_SERVICES 4

/**
 * LcResultCodeCause:
 *
 * The code's numbers for the report's causes (contracts §3, `cause`). They are the format's,
 * not the engine's enum: 10–14 are kept for causes added later; a decoder that does not know a
 * number says "another cause".
 */
typedef enum
{
  LC_RESULT_CODE_CAUSE_NONE = 0,
  LC_RESULT_CODE_CAUSE_REFUSED = 1,
  LC_RESULT_CODE_CAUSE_TIMEOUT = 2,
  LC_RESULT_CODE_CAUSE_UNREACHABLE = 3,
  LC_RESULT_CODE_CAUSE_DNS = 4,
  LC_RESULT_CODE_CAUSE_TLS = 5,
  LC_RESULT_CODE_CAUSE_AUTH = 6,
  LC_RESULT_CODE_CAUSE_PROTOCOL = 7,
  LC_RESULT_CODE_CAUSE_NETWORK = 8,
  LC_RESULT_CODE_CAUSE_NOT_TESTABLE = 9,
  LC_RESULT_CODE_CAUSE_OTHER = 15,
} LcResultCodeCause;

/* The call figures a code carries, each as a bucket. */
typedef enum
{
  LC_RESULT_CODE_FIGURE_RTT,
  LC_RESULT_CODE_FIGURE_JITTER,
  LC_RESULT_CODE_FIGURE_LOSS,
  LC_RESULT_CODE_FIGURE_MOS,
} LcResultCodeFigure;

#define LC_RESULT_CODE_N_FIGURES 4

/**
 * LcResultCode:
 * @format: the format number (1 today)
 * @verdict: the run's verdict; never %LC_RESULT_CODE_STATUS_NONE
 * @steps: each step's worst status, by #LcResultCodeStep
 * @services: each service's worst check, by #LcResultCodeService
 * @direct_media: the worst of the calls that went straight to the platform
 * @relay_media: the worst of the calls relayed through TURN
 * @cause: the first problem's cause, an #LcResultCodeCause number (0–15)
 * @rules_to_open: how many rules IT must open, up to %LC_RESULT_CODE_MAX_COUNT ("or more")
 * @failed_checks: how many checks failed, up to %LC_RESULT_CODE_MAX_COUNT ("or more")
 * @edge: 0 when no edge was chosen, else its position in the profile's `edges` (1 is the
 *   first), up to %LC_RESULT_CODE_MAX_EDGE ("or a later one")
 * @edge_nearest: the chosen edge measured nearest of all (not chosen by hand over a nearer one)
 * @buckets: each figure's bucket, by #LcResultCodeFigure; 0 is "not measured"
 *
 * What a code says: its payload, decoded.
 */
typedef struct
{
  guint              format;
  LcResultCodeStatus verdict;
  LcResultCodeStatus steps[LC_RESULT_CODE_N_STEPS];
  LcResultCodeStatus services[LC_RESULT_CODE_N_SERVICES];
  LcResultCodeStatus direct_media;
  LcResultCodeStatus relay_media;
  guint              cause;
  guint              rules_to_open;
  guint              failed_checks;
  guint              edge;
  gboolean           edge_nearest;
  guint              buckets[LC_RESULT_CODE_N_FIGURES];
} LcResultCode;

/**
 * LcResultCodeLine:
 * @title: what the line is about ("Steps", "Call quality"), translated
 * @text: what the code says about it, in one line, translated
 * @items: the same, item by item ("firewall: failed", "edge: passed", …), for a window that
 *   shows them one under the other
 *
 * One line of a code's summary in words.
 */
typedef struct
{
  char  *title;
  char  *text;
  char **items;
} LcResultCodeLine;

void        lc_result_code_line_free      (LcResultCodeLine   *line);

void        lc_result_code_init           (LcResultCode       *code);
char       *lc_result_code_encode         (const LcResultCode *code);
gboolean    lc_result_code_decode         (const char         *text,
                                           LcResultCode       *code,
                                           GError            **error);
char       *lc_result_code_normalize      (const char         *text,
                                           GError            **error);
char       *lc_result_code_group          (const char         *symbols,
                                           char                separator);

guint       lc_result_code_bucket         (LcResultCodeFigure  figure,
                                           double              value);
guint       lc_result_code_get_n_buckets  (LcResultCodeFigure  figure);
gboolean    lc_result_code_get_bucket_bounds (LcResultCodeFigure figure,
                                              guint              bucket,
                                              double            *lower,
                                              double            *upper);
guint       lc_result_code_cause_from_string (const char       *cause);
const char *lc_result_code_cause_to_string (guint               cause);
const char *lc_result_code_status_to_string (LcResultCodeStatus status);

char       *lc_result_code_describe       (const LcResultCode *code);
GPtrArray  *lc_result_code_describe_lines (const LcResultCode *code);
char       *lc_result_code_describe_verdict (const LcResultCode *code);
char       *lc_result_code_spell          (const char         *text);
JsonNode   *lc_result_code_to_json        (const LcResultCode *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcResultCodeLine, lc_result_code_line_free)

G_END_DECLS
