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
#include "lc-janus-message.h"
#include "lc-safe-text.h"
#include "lc-tls.h"
#include "lc-websocket-check.h"

/* A ping's answer is small: a server_info or a SIP response of a few kB. */
#define MAX_ANSWER_BYTES (64 * 1024)

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

/* "SIP/2.0 200 OK" → 200 and "OK"; FALSE unless the code is three digits (RFC 3261 §7.2). */
static gboolean
parse_sip_status (const char  *status_line,
                  guint       *code,
                  const char **reason)
{
  const char *p = status_line + strlen ("SIP/2.0 ");

  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) ||
      (p[3] != ' ' && p[3] != '\0') || p[0] < '1' || p[0] > '6')
    return FALSE;

  *code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  *reason = p[3] == ' ' ? p + 4 : p + 3;
  return TRUE;
}

/* The value of a header of @text, up to the end of its line (or %NULL). */
static char *
dup_header (const char *text,
            const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s:", name);
  const char *start = strstr (text, needle);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  while (*start == ' ' || *start == '\t')
    start++;
  end = strstr (start, "\r\n");
  return end ? g_strndup (start, end - start) : g_strdup (start);
}

static void
on_sip_reply (LcWebsocketCheck *self,
              const char       *text,
              double            ping_ms)
{
  JsonObject *evidence = lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self)));
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *status_line = NULL;
  g_autofree char *server = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *safe_reason = NULL;
  g_autofree char *detail = NULL;
  const char *reason = NULL;
  const char *end;
  guint code = 0;

  /* Not the answer to our request: keep waiting for it. */
  if (!g_str_has_prefix (text, "SIP/2.0 "))
    return;
  call_id = dup_header (text, "Call-ID");
  if (call_id == NULL)
    call_id = dup_header (text, "i");
  if (g_strcmp0 (call_id, self->token) != 0)
    return;

  end = strstr (text, "\r\n");
  status_line = end ? g_strndup (text, end - text) : g_strdup (text);
  if (!parse_sip_status (status_line, &code, &reason))
    {
      g_autofree char *safe_line = lc_safe_text_new (status_line, -1, LC_SAFE_TEXT_MAX_CHARS);

      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s: the WebSocket opens, but the answer to OPTIONS is "
                                         "not SIP (status line “%s”)"), target, safe_line));
      return;
    }

  json_object_set_int_member (evidence, "sip_status", code);
  server = dup_header (text, "Server");
  if (server != NULL)
    {
      g_autofree char *safe_server = lc_safe_text_new (server, -1, LC_SAFE_TEXT_MAX_CHARS);
      json_object_set_string_member (evidence, "server", safe_server);
    }

  if (code < 200)
    return;

  /* Any final answer proves a SIP server is there; 200 is what OPTIONS should get. */
  safe_reason = lc_safe_text_new (reason, -1, LC_SAFE_TEXT_MAX_CHARS);
  detail = g_strdup_printf (_("%s: SIP over WebSocket answers OPTIONS with “%u %s” in %.0f ms"),
                            target, code, safe_reason, ping_ms);
  return_pass (self, detail);
}

static void
on_janus_reply (LcWebsocketCheck *self,
                const char       *text,
                gsize             len,
                double            ping_ms)
{
  JsonObject *evidence = lc_check_result_get_evidence (lc_check_get_result (LC_CHECK (self)));
  g_autoptr(LcJanusMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = lc_check_describe_target (LC_CHECK (self));
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;

  message = lc_janus_message_parse (text, len, &error);
  if (message == NULL)
    {
      g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);

      /* Not a gateway's JSON at all: this port serves something else. */
      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s: the WebSocket opens, but what answers there is "
                                         "not the video gateway: its message is malformed (%s)"),
                                       target, why));
      return;
    }

  /* An event for someone else: keep waiting for our answer. */
  if (g_strcmp0 (message->transaction, self->token) != 0)
    return;

  if (!g_str_equal (message->kind, "server_info"))
    {
      g_autofree char *kind = lc_safe_text_new (message->kind, -1, 40);

      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s: the gateway answers its info request with “%s” "
                                         "instead of its server information"),
                                       target, kind));
      return;
    }

  name = lc_safe_text_new (message->name ? message->name : "Janus", -1, 60);
  version = lc_safe_text_new (message->version_string ? message->version_string : "", -1, 60);
  json_object_set_string_member (evidence, "server", name);
  json_object_set_string_member (evidence, "server_version", version);

  detail = *version != '\0'
    ? g_strdup_printf (_("%s: the video gateway (%s %s) answers its info request over %s in "
                         "%.0f ms"), target, name, version, self->subprotocol, ping_ms)
    : g_strdup_printf (_("%s: the video gateway (%s) answers its info request over %s in "
                         "%.0f ms"), target, name, self->subprotocol, ping_ms);
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

  if (type != SOUP_WEBSOCKET_DATA_TEXT || len > MAX_ANSWER_BYTES)
    return;

  if (self->sip)
    {
      text = g_strndup (data, len);
      on_sip_reply (self, text, ping_ms);
    }
  else
    on_janus_reply (self, data, len, ping_ms);
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

  /* Connected, but the service never answered its ping before the deadline: the port is
   * open, and it is the service that is silent. */
  return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_SILENT,
                                   self->sip
                                     ? _("%s is open and the WebSocket opens, but no SIP server "
                                         "answers OPTIONS in %.3g s")
                                     : _("%s is open and the WebSocket opens, but the gateway "
                                         "does not answer its info request in %.3g s"),
                                   target, lc_check_get_timeout_ms (LC_CHECK (self)) / 1000.0));
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
  lc_check_follow_client_event (LC_CHECK (self), event);
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

      if (SOUP_STATUS_IS_REDIRECTION (status))
        {
          const char *location =
            soup_message_headers_get_one (soup_message_get_response_headers (self->message),
                                          "Location");
          g_autofree char *what = g_strdup_printf (_("the request for a WebSocket with "
                                                     "subprotocol “%s”"),
                                                   self->subprotocol ? self->subprotocol : "");

          return_error (self, lc_check_new_redirect_error (LC_CHECK (self), status, location,
                                                           what));
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* The deadline: the base class words it by how far the check got. */
        return_error (self, g_steal_pointer (&error));
      else if (self->tls_errors != 0)
        return_error (self, lc_check_new_tls_error (LC_CHECK (self), self->tls_errors, error));
      else if (error->domain == G_TLS_ERROR)
        return_error (self, lc_check_new_tls_error (LC_CHECK (self), 0, error));
      else if (status >= 100)
        {
          g_autofree char *reason =
            lc_safe_text_new (soup_message_get_reason_phrase (self->message), -1,
                              LC_SAFE_TEXT_MAX_CHARS);

          /* An HTTP server answers there, but not with the WebSocket. */
          return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                           _("%s is open and answers HTTP, but refuses a "
                                             "WebSocket with subprotocol “%s” (HTTP %u %s)"),
                                           target, self->subprotocol ? self->subprotocol : "",
                                           status, reason));
        }
      else if (self->connection_ready ||
               lc_check_get_stage (LC_CHECK (self)) >= LC_CHECK_STAGE_CONNECTED)
        {
          g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);

          /* The connection (and TLS) worked; what answered the request is no HTTP server. */
          return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                           _("%s is open, but when asked for a WebSocket with "
                                             "subprotocol “%s” it closes the connection or "
                                             "answers something that is not HTTP: the service "
                                             "there does not speak it (%s)"),
                                           target, self->subprotocol ? self->subprotocol : "",
                                           why));
        }
      else
        return_error (self, g_steal_pointer (&error));
      return;
    }

  json_object_set_double_member (evidence, "handshake_ms",
                                 (self->connected - self->started) / 1000.0);

  protocol = soup_websocket_connection_get_protocol (self->connection);
  if (self->subprotocol != NULL && g_strcmp0 (protocol, self->subprotocol) != 0)
    {
      g_autofree char *chosen = lc_safe_text_new (protocol, -1, 60);

      return_error (self, g_error_new (LC_CHECK_ERROR, LC_CAUSE_PROTOCOL,
                                       _("%s opens a WebSocket, but not with subprotocol “%s” "
                                         "(it chose “%s”)"),
                                       target, self->subprotocol, chosen));
      return;
    }

  if (self->tls)
    {
      GTlsCertificate *peer = soup_message_get_tls_peer_certificate (self->message);
      if (peer != NULL)
        json_object_set_member (evidence, "certificate", lc_tls_describe_certificate (peer));
    }

  soup_websocket_connection_set_max_incoming_payload_size (self->connection, MAX_ANSWER_BYTES);
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
  /* The deadline cancels @cancellable; what the check found by then must still come out. */
  g_task_set_check_cancellable (self->task, FALSE);
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
  /* A rule tests one port: a redirect is reported, never followed. */
  soup_message_add_flags (self->message, SOUP_MESSAGE_NO_REDIRECT);
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
