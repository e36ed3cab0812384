/* lc-check.c — runs a check under a deadline and turns what went wrong into words and a fix
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lc-check.h"
#include "lc-safe-text.h"
#include "lc-tls.h"

typedef struct
{
  LcCheckResult *result;
  char          *host;
  guint16        port;
  guint          timeout_ms;
  GTlsDatabase  *tls_database;
  LcCheckStage   stage;
} LcCheckPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (LcCheck, lc_check, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-check-error-quark, lc_check_error)

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_TIMEOUT_MS 5000

static void
lc_check_finalize (GObject *object)
{
  LcCheck *self = (LcCheck *)object;
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_clear_object (&priv->result);
  g_clear_object (&priv->tls_database);
  g_free (priv->host);

  G_OBJECT_CLASS (lc_check_parent_class)->finalize (object);
}

static void
lc_check_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LcCheck *self = LC_CHECK (object);
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, priv->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_check_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LcCheck *self = LC_CHECK (object);
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_RESULT:
      priv->result = g_value_dup_object (value);
      if (priv->result != NULL && priv->host == NULL)
        priv->host = g_strdup (lc_check_result_get_host (priv->result));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
lc_check_real_run_finish (LcCheck       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lc_check_class_init (LcCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->run_finish = lc_check_real_run_finish;

  object_class->finalize = lc_check_finalize;
  object_class->get_property = lc_check_get_property;
  object_class->set_property = lc_check_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, LC_TYPE_CHECK_RESULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_check_init (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  priv->timeout_ms = DEFAULT_TIMEOUT_MS;
}

/**
 * lc_check_get_result:
 *
 * Returns: (transfer none): the result this check fills
 */
LcCheckResult *
lc_check_get_result (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), NULL);
  return priv->result;
}

const char *
lc_check_get_host (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), NULL);
  return priv->host;
}

/**
 * lc_check_get_port:
 *
 * Returns: the port to connect to: the rule's, or the one a port map serves it on
 */
guint16
lc_check_get_port (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), 0);
  return priv->port;
}

guint
lc_check_get_timeout_ms (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), 0);
  return priv->timeout_ms;
}

/**
 * lc_check_get_tls_database:
 *
 * Returns: (transfer none) (nullable): the CA to trust, %NULL for the system's
 */
GTlsDatabase *
lc_check_get_tls_database (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), NULL);
  return priv->tls_database;
}

void
lc_check_set_target (LcCheck    *self,
                     const char *host,
                     guint16     port)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  char *copy = g_strdup (host);

  g_return_if_fail (LC_IS_CHECK (self));

  g_free (priv->host);
  priv->host = copy;
  priv->port = port;
}

void
lc_check_set_timeout_ms (LcCheck *self,
                         guint    timeout_ms)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_if_fail (LC_IS_CHECK (self));
  priv->timeout_ms = timeout_ms ? timeout_ms : DEFAULT_TIMEOUT_MS;
}

void
lc_check_set_tls_database (LcCheck      *self,
                           GTlsDatabase *database)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_if_fail (LC_IS_CHECK (self));
  g_set_object (&priv->tls_database, database);
}

/**
 * lc_check_describe_target:
 *
 * Returns: (transfer full): "TCP 8989 to rtc.example.net", speaking of the rule's port
 */
char *
lc_check_describe_target (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  const char *protocol = lc_check_result_get_protocol (priv->result);
  const char *ports = lc_check_result_get_ports (priv->result);
  g_autofree char *upper = g_ascii_strup (protocol ? protocol : "", -1);

  if (ports == NULL)
    return g_strdup (priv->host);

  /* Translators: e.g. "TCP 8989 to rtc.example.net" */
  return g_strdup_printf (_("%s %s to %s"), upper, ports, priv->host);
}

/**
 * lc_check_reach_stage:
 *
 * Records how far the check got (a later stage only ever replaces an earlier one), so that
 * a deadline says what the evidence shows: an open port that stays silent is not blocked.
 */
void
lc_check_reach_stage (LcCheck      *self,
                      LcCheckStage  stage)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_if_fail (LC_IS_CHECK (self));
  priv->stage = MAX (priv->stage, stage);
}

LcCheckStage
lc_check_get_stage (LcCheck *self)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);

  g_return_val_if_fail (LC_IS_CHECK (self), LC_CHECK_STAGE_NONE);
  return priv->stage;
}

/**
 * lc_check_follow_client_event:
 *
 * For checks on a #GSocketClient (or a #SoupMessage's "network-event"): the stage its
 * events show.
 */
void
lc_check_follow_client_event (LcCheck            *self,
                              GSocketClientEvent  event)
{
  switch (event)
    {
    case G_SOCKET_CLIENT_CONNECTED:
      lc_check_reach_stage (self, LC_CHECK_STAGE_CONNECTED);
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKING:
      lc_check_reach_stage (self, LC_CHECK_STAGE_HANDSHAKING);
      break;
    case G_SOCKET_CLIENT_TLS_HANDSHAKED:
      lc_check_reach_stage (self, LC_CHECK_STAGE_SECURED);
      break;
    default:
      break;
    }
}

/**
 * lc_check_new_redirect_error:
 * @status: the HTTP status, e.g. 302
 * @location: (nullable): where the server points, as it says it (untrusted)
 * @what: what the check asked for, e.g. "the WebSocket"
 *
 * A rule tests one port: a redirect elsewhere is never followed (the other server's answer
 * would pass the rule), it is reported with where it points. The location goes into the
 * evidence as `redirect`.
 *
 * Returns: (transfer full): a %LC_CAUSE_PROTOCOL error in words
 */
GError *
lc_check_new_redirect_error (LcCheck    *self,
                             guint       status,
                             const char *location,
                             const char *what)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  g_autofree char *target = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (LC_IS_CHECK (self), NULL);

  target = lc_check_describe_target (self);
  if (location == NULL)
    return g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                        _("%s is open, but answers %s with a redirect (HTTP %u) that says "
                          "nowhere: the service is not on this port"), target, what, status);

  where = lc_safe_text_new (location, -1, 200);
  json_object_set_string_member (lc_check_result_get_evidence (priv->result), "redirect", where);
  return g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                      _("%s is open, but answers %s with a redirect (HTTP %u) to %s: the "
                        "service is not on this port, or a proxy on this network redirects it. "
                        "The check does not follow it, because the rule is about this port"),
                      target, what, status, where);
}

/**
 * lc_check_new_tls_error:
 * @tls_errors: what certificate validation found (0 if it found nothing or did not run)
 * @error: the connection's error
 *
 * Returns: (transfer full) (nullable): a %LC_CAUSE_TLS error in words a person can act on, or
 *   %NULL when @error is no TLS problem
 */
GError *
lc_check_new_tls_error (LcCheck              *self,
                        GTlsCertificateFlags  tls_errors,
                        const GError         *error)
{
  g_autofree char *target = NULL;

  g_return_val_if_fail (LC_IS_CHECK (self), NULL);

  if (tls_errors == 0 && (error == NULL || error->domain != G_TLS_ERROR))
    return NULL;

  target = lc_check_describe_target (self);
  if (tls_errors != 0)
    {
      g_autofree char *problem = lc_tls_describe_errors (tls_errors);
      g_autofree char *remedy = lc_tls_describe_remedy (tls_errors);

      return g_error_new (LC_CHECK_ERROR, LC_CAUSE_TLS,
                          _("%s connects, but its certificate is refused: %s — %s"),
                          target, problem, remedy);
    }

  switch (lc_tls_classify_handshake_error (error))
    {
    case LC_TLS_HANDSHAKE_NOT_TLS:
      return g_error_new (LC_CHECK_ERROR, LC_CAUSE_NOT_TLS,
                          _("%s is open, but what answers there is not a TLS server: it "
                            "answered the TLS handshake with something else"), target);
    case LC_TLS_HANDSHAKE_CLOSED:
      return g_error_new (LC_CHECK_ERROR, LC_CAUSE_TLS,
                        _("%s is open, but the connection is closed during the TLS handshake: "
                          "a firewall that filters TLS by server name, or a proxy, may cut it; "
                          "or the service there does not speak TLS"), target);
    case LC_TLS_HANDSHAKE_REFUSED:
    default:
      break;
    }

  return g_error_new (LC_CHECK_ERROR, LC_CAUSE_TLS,
                      _("%s connects, but the TLS handshake fails: %s"), target, error->message);
}

/**
 * lc_check_cause_from_error:
 *
 * Returns: what kind of failure @error is, in the report's terms
 */
LcCause
lc_check_cause_from_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, LC_CAUSE_NETWORK);

  if (error->domain == LC_CHECK_ERROR)
    return error->code;

  if (error->domain == G_RESOLVER_ERROR)
    return LC_CAUSE_DNS;

  if (error->domain == G_TLS_ERROR &&
      lc_tls_classify_handshake_error (error) == LC_TLS_HANDSHAKE_NOT_TLS)
    return LC_CAUSE_NOT_TLS;

  if (error->domain == G_TLS_ERROR)
    return LC_CAUSE_TLS;

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
          return LC_CAUSE_REFUSED;
        case G_IO_ERROR_TIMED_OUT:
          return LC_CAUSE_TIMEOUT;
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          return LC_CAUSE_UNREACHABLE;
        case G_IO_ERROR_HOST_NOT_FOUND:
          return LC_CAUSE_DNS;
        default:
          break;
        }
    }

  return LC_CAUSE_NETWORK;
}

static char *
describe_failure (LcCheck      *self,
                  LcCause       cause,
                  const GError *error)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  g_autofree char *target = lc_check_describe_target (self);

  switch (cause)
    {
    case LC_CAUSE_TIMEOUT:
      return g_strdup_printf (_("%s: no answer to the connection in %.3g s — a firewall "
                                "probably drops it silently"),
                              target, priv->timeout_ms / 1000.0);
    case LC_CAUSE_SILENT:
      if (priv->stage == LC_CHECK_STAGE_HANDSHAKING)
        return g_strdup_printf (_("%s is open (the connection is accepted), but the TLS "
                                  "handshake gets no answer in %.3g s"),
                                target, priv->timeout_ms / 1000.0);
      return g_strdup_printf (_("%s is open (the connection is accepted), but the service "
                                "does not answer in %.3g s"),
                              target, priv->timeout_ms / 1000.0);
    case LC_CAUSE_REFUSED:
      return g_strdup_printf (_("%s was refused: nothing listens there, or a firewall "
                                "rejects it"), target);
    case LC_CAUSE_UNREACHABLE:
      return g_strdup_printf (_("%s: no route to the host — the network or a firewall "
                                "blocks it (%s)"), target, error->message);
    case LC_CAUSE_DNS:
      return g_strdup_printf (_("%s: the name %s does not resolve (%s)"),
                              target, priv->host, error->message);
    default:
      return g_strdup_printf ("%s: %s", target, error->message);
    }
}

static char *
describe_fix (LcCheck *self,
              LcCause  cause)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  const char *protocol = lc_check_result_get_protocol (priv->result);
  const char *ports = lc_check_result_get_ports (priv->result);
  g_autofree char *upper = g_ascii_strup (protocol ? protocol : "", -1);

  switch (cause)
    {
    case LC_CAUSE_TIMEOUT:
    case LC_CAUSE_REFUSED:
    case LC_CAUSE_UNREACHABLE:
      if (ports == NULL)
        return NULL;
      /* Translators: the exact rule for the firewall, e.g. "Allow TCP 8989 to rtc.example.net" */
      return g_strdup_printf (_("Allow %s %s to %s"), upper, ports, priv->host);
    case LC_CAUSE_DNS:
      return g_strdup_printf (_("Check that %s is the right name and that this network’s DNS "
                                "server resolves it"), priv->host);
    case LC_CAUSE_TLS:
      return g_strdup_printf (_("Let TLS to %s through untouched: a proxy or firewall that "
                                "inspects TLS must exempt it"), priv->host);
    case LC_CAUSE_AUTH:
      return g_strdup (_("Check the TURN user name and password with the platform"));
    case LC_CAUSE_PROTOCOL:
      return g_strdup_printf (_("Ask the platform whether %s %s on %s is the right service, and "
                                "whether a proxy on this network changes the traffic"),
                              upper, ports ? ports : "", priv->host);
    case LC_CAUSE_SILENT:
      /* The port is open: opening it again is not the fix. */
      return g_strdup_printf (_("Nothing to open: the port is open. Ask the platform whether "
                                "the service on %s %s of %s is running, and ask IT whether a "
                                "proxy or an inspecting firewall on this network holds the "
                                "traffic"),
                              upper, ports ? ports : "", priv->host);
    case LC_CAUSE_NOT_TLS:
      return g_strdup_printf (_("Nothing to open: the port is open. Ask the platform whether "
                                "%s %s is the right port for %s, and ask IT whether a proxy on "
                                "this network answers in its place"),
                              upper, ports ? ports : "", priv->host);
    default:
      return NULL;
    }
}

typedef struct
{
  GCancellable *inner;
  GCancellable *outer;
  gulong        outer_handler;
  guint         deadline_id;
  gboolean      deadline_hit;
  gint64        started;
} RunData;

static void
run_data_free (RunData *data)
{
  if (data->outer_handler != 0)
    g_cancellable_disconnect (data->outer, data->outer_handler);
  g_clear_object (&data->outer);
  g_clear_object (&data->inner);
  g_clear_handle_id (&data->deadline_id, g_source_remove);
  g_free (data);
}

static void
on_outer_cancelled (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
on_deadline (gpointer user_data)
{
  RunData *data = user_data;

  data->deadline_id = 0;
  data->deadline_hit = TRUE;
  g_cancellable_cancel (data->inner);
  return G_SOURCE_REMOVE;
}

static void
on_run_done (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcCheck *self = LC_CHECK (object);
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean decided;

  decided = LC_CHECK_GET_CLASS (self)->run_finish (self, res, &error);
  lc_check_result_set_duration_ms (priv->result,
                                   (g_get_monotonic_time () - data->started) / 1000.0);

  /* The person cancelled: no result at all, rather than a made-up failure. */
  if (g_cancellable_is_cancelled (data->outer))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The check was cancelled"));
      return;
    }

  if (!decided)
    {
      LcCause cause;
      g_autofree char *detail = NULL;
      g_autofree char *fix = NULL;

      /* The deadline cancels the work: that is a timeout when nothing answered, and an
       * open but silent service once the connection was accepted — unless the check already
       * knows better and said so in its own words. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
          (data->deadline_hit && error->domain != LC_CHECK_ERROR))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, LC_CHECK_ERROR,
                               priv->stage >= LC_CHECK_STAGE_CONNECTED ? LC_CAUSE_SILENT
                                                                       : LC_CAUSE_TIMEOUT, "");
        }

      cause = lc_check_cause_from_error (error);
      /* What the evidence rules out: a port that accepted the connection is not blocked. */
      if (priv->stage >= LC_CHECK_STAGE_CONNECTED && lc_cause_is_blocked (cause))
        {
          cause = LC_CAUSE_SILENT;
          g_clear_error (&error);
          g_set_error_literal (&error, LC_CHECK_ERROR, LC_CAUSE_SILENT, "");
        }
      /* A check's own words win; the base only words plain network errors and deadlines. */
      detail = (error->domain == LC_CHECK_ERROR && *error->message != '\0')
                 ? g_strdup (error->message) : describe_failure (self, cause, error);
      lc_check_result_fail (priv->result, cause, detail);

      fix = describe_fix (self, cause);
      lc_check_result_set_fix (priv->result, fix);
    }
  else if (lc_check_result_get_status (priv->result) == LC_STATUS_WARN &&
           lc_check_result_get_fix (priv->result) == NULL)
    {
      g_autofree char *fix = describe_fix (self, lc_check_result_get_cause (priv->result));
      lc_check_result_set_fix (priv->result, fix);
    }

  g_task_return_pointer (task, g_object_ref (priv->result), g_object_unref);
}

/**
 * lc_check_run_async:
 * @cancellable: (nullable): cancels the check, which then reports nothing
 *
 * Runs the check. It never takes much longer than its timeout: at the deadline the work is
 * cancelled and the check fails with cause "timeout".
 */
void
lc_check_run_async (LcCheck             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  LcCheckPrivate *priv = lc_check_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (LC_IS_CHECK (self));
  g_return_if_fail (priv->result != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lc_check_run_async);

  priv->stage = LC_CHECK_STAGE_NONE;
  data = g_new0 (RunData, 1);
  data->inner = g_cancellable_new ();
  data->outer = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  data->started = g_get_monotonic_time ();
  g_task_set_task_data (task, data, (GDestroyNotify)run_data_free);

  data->outer_handler = g_cancellable_connect (data->outer, G_CALLBACK (on_outer_cancelled),
                                               g_object_ref (data->inner), g_object_unref);
  data->deadline_id = g_timeout_add (priv->timeout_ms, on_deadline, data);

  LC_CHECK_GET_CLASS (self)->run_async (self, data->inner, on_run_done, g_steal_pointer (&task));
}

/**
 * lc_check_run_finish:
 *
 * Returns: (transfer full): the result, or %NULL with %G_IO_ERROR_CANCELLED
 */
LcCheckResult *
lc_check_run_finish (LcCheck       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
