/* lc-types.h — forward declarations and the enums shared across the engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LcProfile LcProfile;
typedef struct _LcProfileCatalog LcProfileCatalog;

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

const char *lc_check_kind_to_string (LcCheckKind kind);
gboolean    lc_check_kind_from_string (const char  *str,
                                       LcCheckKind *kind);
const char *lc_protocol_to_string (LcProtocol protocol);
const char *lc_transport_to_string (LcTransport transport);
const char *lc_step_to_string (LcStep step);
const char *lc_step_get_title (LcStep step);
const char *lc_step_get_summary (LcStep step);

G_END_DECLS
