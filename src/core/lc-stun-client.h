// lc-stun-client.h — probes a STUN/TURN server over UDP, TCP or TLS and says what happened
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LcStunTransport:
 *
 * How the probe reaches the server; the same order as #LcTransport.
 */
typedef enum
{
  LC_STUN_TRANSPORT_UDP,
  LC_STUN_TRANSPORT_TCP,
  LC_STUN_TRANSPORT_TLS,
} LcStunTransport;

/**
 * LcStunProbeKind:
 * @LC_STUN_PROBE_BIND: a STUN Binding request: is the server reachable, what is our address
 * @LC_STUN_PROBE_ALLOCATE: a TURN allocation with long-term credentials, freed right after
 */
typedef enum
{
  LC_STUN_PROBE_BIND,
  LC_STUN_PROBE_ALLOCATE,
} LcStunProbeKind;

/**
 * LcStunCause:
 *
 * Why a probe failed, as the report's `cause` (contracts §3) words it.
 */
typedef enum
{
  LC_STUN_CAUSE_NONE,
  LC_STUN_CAUSE_REFUSED,
  LC_STUN_CAUSE_TIMEOUT,
  LC_STUN_CAUSE_TLS,
  LC_STUN_CAUSE_AUTH,
  LC_STUN_CAUSE_PROTOCOL,
  LC_STUN_CAUSE_DNS,
  LC_STUN_CAUSE_NETWORK,
  LC_STUN_CAUSE_SILENT,     /* the connection was accepted or the server answered, then silence */
  LC_STUN_CAUSE_NOT_TLS,    /* the port is open, but no TLS server answers there */
} LcStunCause;

/**
 * LcStunResult:
 * @success: whether the binding or the allocation worked
 * @cause: why not, %LC_STUN_CAUSE_NONE on success
 * @detail: a sentence for a person, on success and on failure; never holds a credential
 * @server_address: (nullable): the address actually contacted, "ip:port"
 * @mapped_address: (nullable): our address as the server saw it, "ip:port" or "[ip]:port"
 * @relayed_address: (nullable): the relay address a TURN allocation got
 * @lifetime_s: the allocation's lifetime in seconds, 0 if none
 * @rtt_ms: from the first request sent to the first STUN answer received, in ms; negative
 *   when no answer came (the report's `null`)
 * @error_code: the last STUN error the server answered (401, 438, …), 0 if none
 * @error_reason: (nullable): its reason phrase
 * @tls_errors: the certificate problems found, 0 if none or not TLS
 *
 * What a probe found. A failed probe is a result too: only cancelling makes
 * lc_stun_client_probe_finish() return %NULL.
 */
typedef struct
{
  gboolean              success;
  LcStunCause           cause;
  char                 *detail;
  char                 *server_address;
  char                 *mapped_address;
  char                 *relayed_address;
  guint                 lifetime_s;
  double                rtt_ms;
  guint                 error_code;
  char                 *error_reason;
  GTlsCertificateFlags  tls_errors;
} LcStunResult;

#define LC_TYPE_STUN_RESULT (lc_stun_result_get_type ())

GType         lc_stun_result_get_type (void) G_GNUC_CONST;
LcStunResult *lc_stun_result_copy (const LcStunResult *result);
void          lc_stun_result_free (LcStunResult *result);

const char   *lc_stun_cause_to_string (LcStunCause cause);
const char   *lc_stun_transport_to_string (LcStunTransport transport);

void          lc_stun_client_probe_async (GSocketConnectable  *server,
                                          guint16              rule_port,
                                          LcStunTransport      transport,
                                          LcStunProbeKind      kind,
                                          const char          *username,
                                          const char          *credential,
                                          GTlsDatabase        *tls_database,
                                          guint                timeout_ms,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
LcStunResult *lc_stun_client_probe_finish (GAsyncResult  *result,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcStunResult, lc_stun_result_free)

G_END_DECLS
