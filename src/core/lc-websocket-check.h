/* lc-websocket-check.h — `websocket` and `sip-ws` rules: handshake, then an application ping
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lc-check.h"

G_BEGIN_DECLS

#define LC_TYPE_WEBSOCKET_CHECK (lc_websocket_check_get_type ())

G_DECLARE_FINAL_TYPE (LcWebsocketCheck, lc_websocket_check, LC, WEBSOCKET_CHECK, LcCheck)

LcCheck *lc_websocket_check_new (LcCheckResult *result,
                                 gboolean       tls,
                                 const char    *path,
                                 const char    *subprotocol,
                                 gboolean       sip);

G_END_DECLS
