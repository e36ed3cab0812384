/* lc-tls.h — TLS trust for a profile, and certificates described for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lc-profile.h"

G_BEGIN_DECLS

GTlsDatabase *lc_tls_database_new_for_profile (LcProfile             *profile,
                                               GError               **error);
GTlsDatabase *lc_tls_database_new_for_file    (const char            *path,
                                               GError               **error);
char         *lc_tls_describe_errors          (GTlsCertificateFlags   errors);
char         *lc_tls_describe_remedy          (GTlsCertificateFlags   errors);
JsonNode     *lc_tls_describe_connection      (GTlsConnection        *connection);
JsonNode     *lc_tls_describe_certificate     (GTlsCertificate       *certificate);
char         *lc_tls_summarize_connection     (GTlsConnection        *connection);

/**
 * LcTlsHandshakeFailure:
 * @LC_TLS_HANDSHAKE_REFUSED: a TLS server refused the handshake (alert, no common cipher…)
 * @LC_TLS_HANDSHAKE_NOT_TLS: what answered is not TLS at all
 * @LC_TLS_HANDSHAKE_CLOSED: the other side closed the connection during the handshake
 */
typedef enum
{
  LC_TLS_HANDSHAKE_REFUSED,
  LC_TLS_HANDSHAKE_NOT_TLS,
  LC_TLS_HANDSHAKE_CLOSED,
} LcTlsHandshakeFailure;

LcTlsHandshakeFailure lc_tls_classify_handshake_error (const GError *error);

void          lc_tls_load_default_database_in_background (void);

G_END_DECLS
