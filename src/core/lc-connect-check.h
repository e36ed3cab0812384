/* lc-connect-check.h — `tcp` and `tls` rules: connect, and shake hands
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"

G_BEGIN_DECLS

#define LC_TYPE_CONNECT_CHECK (lc_connect_check_get_type ())

G_DECLARE_FINAL_TYPE (LcConnectCheck, lc_connect_check, LC, CONNECT_CHECK, LcCheck)

LcCheck *lc_connect_check_new (LcCheckResult *result,
                               gboolean       tls);

G_END_DECLS
