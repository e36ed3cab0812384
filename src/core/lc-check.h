/* lc-check.h — the base of every check: async, cancellable, with a deadline
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-check-result.h"

G_BEGIN_DECLS

#define LC_CHECK_ERROR (lc_check_error_quark ())

/* Codes are #LcCause values: a check fails with the cause as the code and, as the message,
 * a sentence that says what happened. */
GQuark lc_check_error_quark (void);

/**
 * LcCheckStage:
 * @LC_CHECK_STAGE_NONE: nothing came back yet
 * @LC_CHECK_STAGE_CONNECTED: the TCP connection is accepted: the port is open
 * @LC_CHECK_STAGE_HANDSHAKING: connected, and the TLS handshake has begun
 * @LC_CHECK_STAGE_SECURED: the TLS handshake is done
 *
 * How far a check got, so that a deadline is worded by the evidence: no answer to the
 * connection (filtered) is not the same finding as an open port whose service is silent.
 */
typedef enum
{
  LC_CHECK_STAGE_NONE,
  LC_CHECK_STAGE_CONNECTED,
  LC_CHECK_STAGE_HANDSHAKING,
  LC_CHECK_STAGE_SECURED,
} LcCheckStage;

#define LC_TYPE_CHECK (lc_check_get_type ())

G_DECLARE_DERIVABLE_TYPE (LcCheck, lc_check, LC, CHECK, GObject)

/**
 * LcCheckClass:
 * @run_async: does the work on the thread-default main context; honours @cancellable, which
 *   the base class also cancels at the deadline
 * @run_finish: %TRUE when the subclass decided the result itself (pass, warn, skip), %FALSE
 *   with a #GError otherwise; the base class turns the error into a cause, a detail and a
 *   fix. By default, the boolean of a #GTask
 */
struct _LcCheckClass
{
  GObjectClass parent_class;

  void     (*run_async)  (LcCheck             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);
  gboolean (*run_finish) (LcCheck             *self,
                          GAsyncResult        *result,
                          GError             **error);

  gpointer padding[8];
};

LcCheckResult *lc_check_get_result       (LcCheck             *self);
const char    *lc_check_get_host         (LcCheck             *self);
guint16        lc_check_get_port         (LcCheck             *self);
guint          lc_check_get_timeout_ms   (LcCheck             *self);
GTlsDatabase  *lc_check_get_tls_database (LcCheck             *self);
void           lc_check_set_target       (LcCheck             *self,
                                          const char          *host,
                                          guint16              port);
void           lc_check_set_timeout_ms   (LcCheck             *self,
                                          guint                timeout_ms);
void           lc_check_set_tls_database (LcCheck             *self,
                                          GTlsDatabase        *database);
char          *lc_check_describe_target  (LcCheck             *self);
void           lc_check_reach_stage      (LcCheck             *self,
                                          LcCheckStage         stage);
LcCheckStage   lc_check_get_stage        (LcCheck             *self);
void           lc_check_follow_client_event (LcCheck          *self,
                                          GSocketClientEvent   event);

void           lc_check_run_async        (LcCheck             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
LcCheckResult *lc_check_run_finish       (LcCheck             *self,
                                          GAsyncResult        *result,
                                          GError             **error);

LcCause        lc_check_cause_from_error (const GError        *error);
GError        *lc_check_new_tls_error    (LcCheck             *self,
                                          GTlsCertificateFlags  tls_errors,
                                          const GError        *error);
GError        *lc_check_new_redirect_error (LcCheck           *self,
                                          guint                status,
                                          const char          *location,
                                          const char          *what);

G_END_DECLS
