/* lc-websocket-check.c — a WebSocket with the rule's subprotocol, then the service's own ping:
 * the gateway's "info" request (janus-protocol) or a SIP OPTIONS (sip)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "lc-http-check.h"
#include "lc-tls.h"
#include "lc-websocket-check.h"

struct _LcWebsocketCheck
{
  LcCheck                  parent_instance;

  gboolean                 tls;
  gboolean                 sip;
  char                    *path;
  char                    *subprotocol;
  char                    *token;
  GTlsCertificateFlags     tls_errors;
  gboolean                 connection_ready;   /* TCP (and TLS) up: the request went out */
  gint64                   started;
  gint64                   connected;

  SoupSession             *session;
  SoupMessage             *message;
  SoupWebsocketConnection *connection;
  GTask                   *task;        /* the run, while waiting for the ping's answer */
  gulong                   cancelled_id;
};

G_DEFINE_FINAL_TYPE (LcWebsocketCheck, lc_websocket_check, LC_TYPE_CHECK)

static void
finish_waiting (LcWebsocketCheck *self)
{
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancelled_id);
  self->cancelled_id = 0;
}

static void
return_error (LcWebsocketCheck *self,
              GError           *error)
{
  GTask *task = self->task;

  if (task == NULL)
    {
      g_error_free (error);
      return;
    }
  finish_waiting (self);
  self->task = NULL;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
return_pass (LcWebsocketCheck *self,
             const char       *detail)
{
  GTask *task = self->task;

  if (task == NULL)
    return;
  finish_waiting (self);
  self->task = NULL;
  lc_check_result_pass (lc_check_get_result (LC_CHECK (self)), detail);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static char *
build_options (LcWebsocketCheck *self)
{
  const char *host = lc_check_get_host (LC_CHECK (self));
  g_autofree char *uri_host = strchr (host, ':') ? g_strdup_printf ("[%s]", host)
                                                  : g_strdup (host);

  /* RFC 7118: SIP over WebSocket; the Via host is a placeholder under .invalid. */
  return g_strdup_printf ("OPTIONS sip:%s SIP/2.0\r\n"
                          "Via: SIP/2.0/%s %s.invalid;branch=z9hG4bK%s\r\n"
                          "Max-Forwards: 70\r\n"
                          "To: <sip:%s>\r\n"
                          "From: <sip:linecheck@linecheck.invalid>;tag=%s\r\n"
                          "Call-ID: %s\r\n"
                          "CSeq: 1 OPTIONS\r\n"
                          "Accept: application/sdp\r\n"
                          "User-Agent: Linecheck/%s\r\n"
                          "Content-Length: 0\r\n\r\n",
                          uri_host, self->tls ? "WSS" : "WS", self->token, self->token,
                          uri_host, self->token, self->token, PACKAGE_VERSION);
}

static void
on_sip_reply (LcWebsocketCheck *self,
              const char       *text,
              double            ping_ms)
{
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *status_line = NULL;
  g_autofree char *detail = NULL;
  const char *end;
  const char *server;
  guint64 code = 0;

  /* Not the answer to our request: keep waiting for it. */
  if (!g_str_has_prefix (text, "SIP/2.0 ") || strstr (text, self->token) == NULL)
    return;

  end = strstr (text, "\r\n");
  status_line = end ? g_strndup (text, end - text) : g_strdup (text);
  code = g_ascii_strtoull (status_line + strlen ("SIP/2.0 "), NULL, 10);
  json_object_set_int_member (lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self))),
                              "sip_status", code);

  server = strstr (text, "\r\nServer: ");
  if (server != NULL)
    {
      g_autofree char *name = NULL;
      server += strlen ("\r\nServer: ");
      end = strstr (server, "\r\n");
      name = end ? g_strndup (server, end - server) : g_strdup (server);
      json_object_set_string_member (lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self))),
                                     "server", name);
    }

  if (code < 200)
    return;

  /* Any final answer proves a SIP server is there; 200 is what OPTIONS should get. */
  detail = g_strdup_printf (_("%s: SIP over WebSocket answers OPTIONS with “%s” in %.0f ms"),
                            target, status_line + 8, ping_ms);
  return_pass (self, detail);
}

static void
on_janus_reply (LcWebsocketCheck *self,
                const char       *text,
                double            ping_ms)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *detail = NULL;
  JsonObject *object;
  const char *kind;
  const char *name;
  const char *version;

  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "transaction", ""),
                 self->token) != 0)
    return;

  kind = json_object_get_string_member_with_default (object, "janus", "");
  if (!g_str_equal (kind, "server_info"))
    {
      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s: the gateway answers its info request with “%s” "
                                         "instead of its server information"),
                                       target, kind));
      return;
    }

  name = json_object_get_string_member_with_default (object, "name", "Janus");
  version = json_object_get_string_member_with_default (object, "version_string", "");
  json_object_set_string_member (lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self))),
                                 "server", name);
  json_object_set_string_member (lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self))),
                                 "server_version", version);

  detail = g_strdup_printf (_("%s: the video gateway (%s %s) answers its info request over "
                              "%s in %.0f ms"),
                            target, name, version, self->subprotocol, ping_ms);
  return_pass (self, detail);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            LcWebsocketCheck        *self)
{
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  double ping_ms = (g_get_monotonic_time () - self->connected) / 1000.0;

  if (type != SOUP_WEBSOCKET_DATA_TEXT || len > 256 * 1024)
    return;

  text = g_strndup (data, len);
  if (self->sip)
    on_sip_reply (self, text, ping_ms);
  else
    on_janus_reply (self, text, ping_ms);
}

static void
on_closed (SoupWebsocketConnection *connection,
           LcWebsocketCheck        *self)
{
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));

  return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                   _("%s: the server closed the WebSocket (code %u) before "
                                     "answering"),
                                   target, soup_websocket_connection_get_close_code (connection)));
}

static gboolean
give_up_idle (gpointer user_data)
{
  LcWebsocketCheck *self = user_data;
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));

  /* Connected, but the service never answered its ping before the deadline. */
  return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                   self->sip
                                     ? _("%s: the WebSocket opens, but no SIP server answers "
                                         "OPTIONS")
                                     : _("%s: the WebSocket opens, but the gateway does not "
                                         "answer its info request"),
                                   target));
  return G_SOURCE_REMOVE;
}

static void
on_cancelled (GCancellable     *cancellable,
              LcWebsocketCheck *self)
{
  /* Disconnecting from inside the "cancelled" handler would deadlock: finish from an idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, give_up_idle, g_object_ref (self), g_object_unref);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       LcWebsocketCheck     *self)
{
  self->tls_errors = errors;
  return FALSE;
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  LcWebsocketCheck   *self)
{
  if (event == G_SOCKET_CLIENT_COMPLETE)
    self->connection_ready = TRUE;
}

static gboolean
send_ping_idle (gpointer user_data)
{
  LcWebsocketCheck *self = user_data;
  g_autofree char *ping = NULL;

  if (self->task == NULL || self->connection == NULL)
    return G_SOURCE_REMOVE;

  ping = self->sip ? build_options (self)
                   : g_strdup_printf ("{\"janus\": \"info\", \"transaction\": \"%s\"}",
                                      self->token);
  soup_websocket_connection_send_text (self->connection, ping);
  return G_SOURCE_REMOVE;
}

static void
on_connected (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  LcWebsocketCheck *self = user_data;
  LcCheckResult *result = lc_check_get_result (LC_CHECK (self));
  JsonObject *evidence = lc_check_result_get_evidence (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  const char *protocol;

  self->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), res, &error);
  self->connected = g_get_monotonic_time ();

  if (self->connection == NULL)
    {
      guint status = soup_message_get_status (self->message);

      if (self->tls_errors != 0)
        return_error (self, lc_check_new_tls_error (LC_CHECK (self), self->tls_errors, error));
      else if (self->connection_ready &&
               !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* The connection (and TLS) worked; the server hung up on the WebSocket request. */
        return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                         _("%s accepts the connection, but closes it when asked "
                                           "for a WebSocket with subprotocol “%s”: the service "
                                           "there does not speak it (%s)"),
                                         target, self->subprotocol ? self->subprotocol : "",
                                         error->message));
      else if (error->domain == G_TLS_ERROR)
        return_error (self, lc_check_new_tls_error (LC_CHECK (self), 0, error));
      else if (error->domain == SOUP_WEBSOCKET_ERROR)
        return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                         _("%s answers, but refuses a WebSocket with "
                                           "subprotocol “%s” (HTTP %u: %s)"),
                                         target, self->subprotocol ? self->subprotocol : "",
                                         status, error->message));
      else
        return_error (self, g_steal_pointer (&error));
      return;
    }

  json_object_set_double_member (evidence, "handshake_ms",
                                 (self->connected - self->started) / 1000.0);

  protocol = soup_websocket_connection_get_protocol (self->connection);
  if (self->subprotocol != NULL && g_strcmp0 (protocol, self->subprotocol) != 0)
    {
      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s opens a WebSocket, but not with subprotocol “%s” "
                                         "(it chose “%s”)"),
                                       target, self->subprotocol, protocol ? protocol : ""));
      return;
    }

  if (self->tls)
    {
      GTlsCertificate *peer = soup_message_get_tls_peer_certificate (self->message);
      if (peer != NULL)
        json_object_set_member (evidence, "certificate", lc_tls_describe_certificate (peer));
    }

  g_signal_connect (self->connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (self->connection, "closed", G_CALLBACK (on_closed), self);
  self->cancelled_id = g_cancellable_connect (g_task_get_cancellable (self->task),
                                              G_CALLBACK (on_cancelled), self, NULL);

  /* g_cancellable_connect() runs the handler at once on an already cancelled cancellable;
   * the ping goes from an idle so that a finished run never sends anything. */
  g_idle_add_full (G_PRIORITY_DEFAULT, send_ping_idle, g_object_ref (self), g_object_unref);
}

static void
lc_websocket_check_run_async (LcCheck             *check,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LcWebsocketCheck *self = LC_WEBSOCKET_CHECK (check);
  GTlsDatabase *database = lc_check_get_tls_database (check);
  g_autofree char *uri = NULL;
  char *protocols[] = { self->subprotocol, NULL };

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lc_websocket_check_run_async);
  self->token = g_strdup_printf ("lc%08x%08x", g_random_int (), g_random_int ());

  uri = lc_http_build_uri (self->tls ? "wss" : "ws", lc_check_get_host (check),
                           lc_check_get_port (check), self->path);
  self->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (self->message == NULL)
    {
      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s is not a valid address"), uri));
      return;
    }
  g_signal_connect_object (self->message, "accept-certificate",
                           G_CALLBACK (on_accept_certificate), self, 0);
  g_signal_connect_object (self->message, "network-event", G_CALLBACK (on_network_event), self,
                           0);

  self->session = soup_session_new_with_options ("user-agent", "Linecheck/" PACKAGE_VERSION,
                                                 NULL);
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);

  self->started = g_get_monotonic_time ();
  soup_session_websocket_connect_async (self->session, self->message, NULL,
                                        self->subprotocol ? protocols : NULL,
                                        G_PRIORITY_DEFAULT, cancellable, on_connected, self);
}

static void
lc_websocket_check_dispose (GObject *object)
{
  LcWebsocketCheck *self = LC_WEBSOCKET_CHECK (object);

  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  g_clear_object (&self->connection);
  g_clear_object (&self->message);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lc_websocket_check_parent_class)->dispose (object);
}

static void
lc_websocket_check_finalize (GObject *object)
{
  LcWebsocketCheck *self = LC_WEBSOCKET_CHECK (object);

  g_free (self->path);
  g_free (self->subprotocol);
  g_free (self->token);

  G_OBJECT_CLASS (lc_websocket_check_parent_class)->finalize (object);
}

static void
lc_websocket_check_class_init (LcWebsocketCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LcCheckClass *check_class = LC_CHECK_CLASS (klass);

  object_class->dispose = lc_websocket_check_dispose;
  object_class->finalize = lc_websocket_check_finalize;
  check_class->run_async = lc_websocket_check_run_async;
}

static void
lc_websocket_check_init (LcWebsocketCheck *self)
{
}

/**
 * lc_websocket_check_new:
 * @subprotocol: (nullable): the Sec-WebSocket-Protocol to ask for
 * @sip: ping with a SIP OPTIONS rather than the gateway's "info" request
 *
 * Returns: (transfer full): a check that fills @result
 */
LcCheck *
lc_websocket_check_new (LcCheckResult *result,
                        gboolean       tls,
                        const char    *path,
                        const char    *subprotocol,
                        gboolean       sip)
{
  LcWebsocketCheck *self = g_object_new (LC_TYPE_WEBSOCKET_CHECK, "result", result, NULL);

  self->tls = tls;
  self->sip = sip;
  self->path = g_strdup (path ? path : "/");
  self->subprotocol = g_strdup (subprotocol);
  return LC_CHECK (self);
}
