/* lc-edge-check.c — measures an edge: TCP connect time to its gateway and STUN round trip to
 * its TURN server, scored 0.5·RTT + 0.5·connect (lower is nearer)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-edge-check.h"
#include "lc-stun-client.h"

struct _LcEdgeCheck
{
  LcCheck  parent_instance;

  char    *connect_host;
  guint16  connect_port;
  char    *stun_host;
  guint16  stun_port;

  gint64   started;
  double   connect_ms;   /* negative: failed */
  double   rtt_ms;       /* negative: failed */
  char    *connect_problem;
  char    *stun_problem;
  guint    pending;
  double   score;
};

G_DEFINE_FINAL_TYPE (LcEdgeCheck, lc_edge_check, LC_TYPE_CHECK)

static void
complete (GTask *task)
{
  LcEdgeCheck *self = g_task_get_source_object (task);
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autofree char *detail = NULL;

  if (--self->pending > 0)
    return;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (self->connect_ms >= 0)
    json_object_set_double_member (evidence, "connect_ms", self->connect_ms);
  else
    json_object_set_null_member (evidence, "connect_ms");
  if (self->rtt_ms >= 0)
    json_object_set_double_member (evidence, "stun_rtt_ms", self->rtt_ms);
  else
    json_object_set_null_member (evidence, "stun_rtt_ms");

  if (self->connect_ms < 0 && self->rtt_ms < 0)
    {
      g_task_return_new_error (task, LC_CHECK_ERROR, LC_CAUSE_TIMEOUT,
                               _("This edge cannot be reached: %s; %s"),
                               self->connect_problem, self->stun_problem);
      g_object_unref (task);
      return;
    }

  /* One measure missing: score on the other alone, and say so. */
  if (self->connect_ms < 0)
    self->score = self->rtt_ms;
  else if (self->rtt_ms < 0)
    self->score = self->connect_ms;
  else
    self->score = 0.5 * self->rtt_ms + 0.5 * self->connect_ms;
  json_object_set_double_member (evidence, "score_ms", self->score);

  if (self->connect_ms >= 0 && self->rtt_ms >= 0)
    {
      detail = g_strdup_printf (_("TCP connect %.0f ms, STUN round trip %.0f ms"),
                                self->connect_ms, self->rtt_ms);
      lc_check_result_pass (result, detail);
    }
  else
    {
      detail = g_strdup_printf (_("Measured in part: %s"),
                                self->connect_ms < 0 ? self->connect_problem : self->stun_problem);
      lc_check_result_warn (result, LC_CAUSE_NETWORK, detail);
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_connected (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  GTask *task = user_data;
  LcEdgeCheck *self = g_task_get_source_object (task);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), res, &error);
  if (connection != NULL)
    {
      self->connect_ms = (g_get_monotonic_time () - self->started) / 1000.0;
      g_io_stream_close_async (G_IO_STREAM (connection), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
    }
  else
    self->connect_problem = g_strdup_printf (_("TCP %u to %s: %s"), self->connect_port,
                                             self->connect_host, error->message);
  complete (task);
}

static void
on_probed (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  LcEdgeCheck *self = g_task_get_source_object (task);
  g_autoptr(LcStunResult) probe = lc_stun_client_probe_finish (res, NULL);

  if (probe != NULL && probe->success && probe->rtt_ms >= 0)
    self->rtt_ms = probe->rtt_ms;
  else
    self->stun_problem = g_strdup (probe ? probe->detail : _("cancelled"));
  complete (task);
}

static void
lc_edge_check_run_async (LcCheck             *check,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  LcEdgeCheck *self = LC_EDGE_CHECK (check);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  guint timeout_ms = lc_check_get_timeout_ms (check);

  g_task_set_source_tag (task, lc_edge_check_run_async);
  self->started = g_get_monotonic_time ();
  self->connect_ms = self->rtt_ms = -1;
  self->pending = 0;

  if (self->connect_host != NULL)
    {
      self->pending++;
      g_socket_client_connect_to_host_async (client, self->connect_host, self->connect_port,
                                             cancellable, on_connected, task);
    }
  else
    self->connect_problem = g_strdup (_("no gateway host for this edge"));

  if (self->stun_host != NULL)
    {
      g_autoptr(GSocketConnectable) server = g_network_address_new (self->stun_host,
                                                                     self->stun_port);
      self->pending++;
      lc_stun_client_probe_async (server, 0, LC_STUN_TRANSPORT_UDP, LC_STUN_PROBE_BIND, NULL, NULL,
                                  NULL, timeout_ms > 200 ? timeout_ms - 100 : timeout_ms,
                                  cancellable, on_probed, task);
    }
  else
    self->stun_problem = g_strdup (_("no STUN host for this edge"));

  if (self->pending == 0)
    {
      self->pending = 1;
      complete (task);
    }
}

static void
lc_edge_check_finalize (GObject *object)
{
  LcEdgeCheck *self = LC_EDGE_CHECK (object);

  g_free (self->connect_host);
  g_free (self->stun_host);
  g_free (self->connect_problem);
  g_free (self->stun_problem);

  G_OBJECT_CLASS (lc_edge_check_parent_class)->finalize (object);
}

static void
lc_edge_check_class_init (LcEdgeCheckClass *klass)
{
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_edge_check_finalize;
  check_class->run_async = lc_edge_check_run_async;
}

static void
lc_edge_check_init (LcEdgeCheck *self)
{
  self->score = -1;
}

/**
 * lc_edge_check_new:
 * @connect_host: (nullable): the edge's gateway, timed with a TCP connect
 * @stun_host: (nullable): the edge's STUN server, timed with a binding over UDP
 *
 * Returns: (transfer full): a check that fills @result
 */
LcCheck *
lc_edge_check_new (LcCheckResult *result,
                   const char    *connect_host,
                   guint16        connect_port,
                   const char    *stun_host,
                   guint16        stun_port)
{
  LcEdgeCheck *self = g_object_new (LC_TYPE_EDGE_CHECK, "result", result, NULL);

  self->connect_host = g_strdup (connect_host);
  self->connect_port = connect_port;
  self->stun_host = g_strdup (stun_host);
  self->stun_port = stun_port;
  lc_check_set_target (LC_CHECK (self), connect_host ? connect_host : stun_host,
                       connect_host ? connect_port : stun_port);
  return LC_CHECK (self);
}

/**
 * lc_edge_check_get_score:
 *
 * Returns: the edge's score in ms (lower is nearer), negative if it could not be measured
 */
double
lc_edge_check_get_score (LcEdgeCheck *self)
{
  g_return_val_if_fail (LC_IS_EDGE_CHECK (self), -1);
  return self->score;
}
