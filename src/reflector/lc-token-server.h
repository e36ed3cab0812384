/* lc-token-server.h — hands out probe tokens over HTTPS: GET /v1/token
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Per client address; a sweep needs one token, a retry or two more. */
#define LC_TOKEN_SERVER_TOKENS_PER_MINUTE 30.0
#define LC_TOKEN_SERVER_BURST 10.0
#define LC_TOKEN_SERVER_MAX_CONNECTIONS 64
#define LC_TOKEN_SERVER_MAX_CLIENTS 4096
/* A connection has this long for its handshake, its request and our answer. */
#define LC_TOKEN_SERVER_DEADLINE_MS 5000
#define LC_TOKEN_SERVER_MAX_REQUEST 4096

#define LC_TYPE_TOKEN_SERVER (lc_token_server_get_type ())

G_DECLARE_FINAL_TYPE (LcTokenServer, lc_token_server, LC, TOKEN_SERVER, GObject)

LcTokenServer *lc_token_server_new          (GBytes           *secret,
                                             GTlsCertificate  *certificate);
gboolean       lc_token_server_listen       (LcTokenServer    *self,
                                             const char       *address,
                                             guint16           port,
                                             GError          **error);
guint          lc_token_server_get_n_issued (LcTokenServer    *self);

G_END_DECLS
