/* lc-types.h — forward declarations and the enums shared across the engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LcProfile LcProfile;
typedef struct _LcProfileCatalog LcProfileCatalog;
typedef struct _LcCheck LcCheck;
typedef struct _LcCheckResult LcCheckResult;
typedef struct _LcReport LcReport;
typedef struct _LcRunner LcRunner;

/**
 * LcCheckKind:
 *
 * What a firewall rule is tested with (contracts §1, `check`).
 */
typedef enum
{
  LC_CHECK_KIND_TCP,
  LC_CHECK_KIND_TLS,
  LC_CHECK_KIND_HTTP,
  LC_CHECK_KIND_HTTPS,
  LC_CHECK_KIND_WEBSOCKET,
  LC_CHECK_KIND_STUN,
  LC_CHECK_KIND_TURN,
  LC_CHECK_KIND_UDP_RANGE,
  LC_CHECK_KIND_SIP_WS,
} LcCheckKind;

typedef enum
{
  LC_PROTOCOL_TCP,
  LC_PROTOCOL_UDP,
} LcProtocol;

typedef enum
{
  LC_RULE_LEVEL_REQUIRED,
  LC_RULE_LEVEL_RECOMMENDED,
} LcRuleLevel;

typedef enum
{
  LC_MEDIA_VIA_ECHO,
  LC_MEDIA_VIA_TURN,
} LcMediaVia;

typedef enum
{
  LC_TRANSPORT_UDP,
  LC_TRANSPORT_TCP,
  LC_TRANSPORT_TLS,
} LcTransport;

/**
 * LcStep:
 *
 * The steps of the connectivity checklist, in the order the wizard follows.
 */
typedef enum
{
  LC_STEP_FIREWALL,
  LC_STEP_EDGE,
  LC_STEP_BANDWIDTH,
  LC_STEP_RECOMMENDATIONS,
  LC_STEP_END_TO_END,
} LcStep;

#define LC_N_STEPS 5

/**
 * LcStatus:
 *
 * A check's outcome (contracts §3, `status`).
 */
typedef enum
{
  LC_STATUS_PASS,
  LC_STATUS_WARN,
  LC_STATUS_FAIL,
  LC_STATUS_SKIP,
} LcStatus;

/**
 * LcUploadStatus:
 * @LC_UPLOAD_STATUS_NONE: nothing sent for this run (yet)
 * @LC_UPLOAD_STATUS_SENDING: on its way
 * @LC_UPLOAD_STATUS_SENT: the platform took the report
 * @LC_UPLOAD_STATUS_QUEUED: not sent; it waits in the outbox and is sent again later
 * @LC_UPLOAD_STATUS_FAILED: not sent, and it could not be queued (its copy is in the history)
 *
 * Where a run's report stands on its way to the profile's `report_url`.
 */
typedef enum
{
  LC_UPLOAD_STATUS_NONE,
  LC_UPLOAD_STATUS_SENDING,
  LC_UPLOAD_STATUS_SENT,
  LC_UPLOAD_STATUS_QUEUED,
  LC_UPLOAD_STATUS_FAILED,
} LcUploadStatus;

/**
 * LcCause:
 *
 * Why a check did not pass (contracts §3, `cause`), so that a person knows what to do.
 */
typedef enum
{
  LC_CAUSE_NONE,
  LC_CAUSE_REFUSED,      /* something answered "no": nothing listens, or a firewall rejects */
  LC_CAUSE_TIMEOUT,      /* no answer at all before the deadline: most often a silent drop */
  LC_CAUSE_UNREACHABLE,  /* no route to the host */
  LC_CAUSE_DNS,          /* the name does not resolve */
  LC_CAUSE_TLS,          /* the TLS handshake or the certificate failed */
  LC_CAUSE_AUTH,         /* the server refused the credentials */
  LC_CAUSE_PROTOCOL,     /* something answered, but not what the service should say */
  LC_CAUSE_NETWORK,      /* any other network error */
  LC_CAUSE_NOT_TESTABLE, /* this set-up cannot test the rule (no probe server, no credentials) */
  LC_CAUSE_SILENT,       /* the port is open (the connection is accepted), then nothing answers */
  LC_CAUSE_NOT_TLS,      /* the port is open, but what answers there does not speak TLS */
} LcCause;



/* Report steps (contracts §2 and §3): where a check belongs. */
#define LC_REPORT_STEP_FIREWALL "firewall"
#define LC_REPORT_STEP_EDGE "edge"
#define LC_REPORT_STEP_MEDIA "media"
#define LC_REPORT_STEP_CONTEXT "context"

const char *lc_check_kind_to_string (LcCheckKind kind);
gboolean    lc_check_kind_from_string (const char  *str,
                                       LcCheckKind *kind);
const char *lc_protocol_to_string (LcProtocol protocol);
const char *lc_transport_to_string (LcTransport transport);
const char *lc_step_to_string (LcStep step);
const char *lc_step_get_title (LcStep step);
const char *lc_step_get_summary (LcStep step);
const char *lc_status_to_string (LcStatus status);
gboolean    lc_status_from_string (const char *str,
                                   LcStatus   *status);
const char *lc_cause_to_string (LcCause cause);
gboolean    lc_cause_from_string (const char *str,
                                  LcCause    *cause);
gboolean    lc_cause_is_blocked (LcCause cause);

G_END_DECLS
