/* lc-connect-check.c — a TCP connection, and for `tls` rules a TLS handshake with its details
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-connect-check.h"
#include "lc-tls.h"

struct _LcConnectCheck
{
  LcCheck               parent_instance;

  gboolean              tls;
  GTlsCertificateFlags  tls_errors;
  gint64                started;
  gint64                connected;
};

G_DEFINE_FINAL_TYPE (LcConnectCheck, lc_connect_check, LC_TYPE_CHECK)

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       LcConnectCheck       *self)
{
  /* Never accept a bad certificate; remember why, to say it in words. */
  self->tls_errors = errors;
  return FALSE;
}

static void
on_client_event (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 LcConnectCheck     *self)
{
  lc_check_follow_client_event (LC_CHECK (self), event);

  /* Timed from the connect() itself: resolving and proxy look-ups are not the path. */
  if (event == G_SOCKET_CLIENT_CONNECTING)
    self->started = g_get_monotonic_time ();
  if (event == G_SOCKET_CLIENT_CONNECTED)
    self->connected = g_get_monotonic_time ();

  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    {
      GTlsDatabase *database = lc_check_get_tls_database (LC_CHECK (self));

      if (database != NULL)
        g_tls_connection_set_database (G_TLS_CONNECTION (connection), database);
      g_signal_connect (connection, "accept-certificate", G_CALLBACK (on_accept_certificate),
                        self);
    }
}

static void
on_connected (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcConnectCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *detail = NULL;
  double connect_ms;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), res, &error);

  if (self->connected != 0)
    {
      connect_ms = (self->connected - self->started) / 1000.0;
      json_object_set_double_member (evidence, "connect_ms", connect_ms);
    }

  if (connection == NULL)
    {
      GError *tls_error = lc_check_new_tls_error (LC_CHECK (self), self->tls_errors, error);

      g_task_return_error (task, tls_error ? tls_error : g_steal_pointer (&error));
      return;
    }

  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (G_IS_INET_SOCKET_ADDRESS (remote))
    {
      g_autofree char *address =
        g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
      json_object_set_string_member (evidence, "address", address);
    }

  connect_ms = ((self->connected ? self->connected : g_get_monotonic_time ()) - self->started) /
               1000.0;

  if (self->tls)
    {
      GIOStream *base = G_IO_STREAM (connection);
      GTlsConnection *tls = G_IS_TCP_WRAPPER_CONNECTION (base)
        ? G_TLS_CONNECTION (g_tcp_wrapper_connection_get_base_io_stream (G_TCP_WRAPPER_CONNECTION (base)))
        : NULL;
      g_autofree char *summary = tls ? lc_tls_summarize_connection (tls) : g_strdup ("TLS");

      if (tls != NULL)
        json_object_set_member (evidence, "tls", lc_tls_describe_connection (tls));
      detail = g_strdup_printf (_("%s connects in %.0f ms; %s"), target, connect_ms, summary);
    }
  else
    detail = g_strdup_printf (_("%s connects in %.0f ms"), target, connect_ms);

  lc_check_result_pass (result, detail);
  g_io_stream_close_async (G_IO_STREAM (connection), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
lc_connect_check_run_async (LcCheck             *check,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LcConnectCheck *self = LC_CONNECT_CHECK (check);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lc_connect_check_run_async);

  self->started = g_get_monotonic_time ();
  g_socket_client_set_tls (client, self->tls);
  g_signal_connect_object (client, "event", G_CALLBACK (on_client_event), self, 0);
  g_socket_client_connect_to_host_async (client, lc_check_get_host (check),
                                         lc_check_get_port (check), cancellable, on_connected,
                                         task);
}

static void
lc_connect_check_class_init (LcConnectCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  check_class->run_async = lc_connect_check_run_async;
}

static void
lc_connect_check_init (LcConnectCheck *self)
{
}

/**
 * lc_connect_check_new:
 * @tls: also complete a TLS handshake, validating the certificate
 *
 * Returns: (transfer full): a check that fills @result
 */
LcCheck *
lc_connect_check_new (LcCheckResult *result,
                      gboolean       tls)
{
  LcConnectCheck *self = g_object_new (LC_TYPE_CONNECT_CHECK, "result", result, NULL);

  self->tls = tls;
  return LC_CHECK (self);
}
