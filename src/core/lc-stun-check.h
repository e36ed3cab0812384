/* lc-stun-check.h — `stun` and `turn` rules over UDP, TCP or TLS
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"
#include "lc-stun-client.h"

G_BEGIN_DECLS

#define LC_TYPE_STUN_CHECK (lc_stun_check_get_type ())

G_DECLARE_FINAL_TYPE (LcStunCheck, lc_stun_check, LC, STUN_CHECK, LcCheck)

LcCheck *lc_stun_check_new (LcCheckResult   *result,
                            LcStunTransport  transport,
                            gboolean         allocate,
                            const char      *username,
                            const char      *credential);

LcCause  lc_stun_check_cause_from_stun (LcStunCause cause);

G_END_DECLS
