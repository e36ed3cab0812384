/* lc-janus-client.c — a Janus gateway session over WSS: create, attach, message, trickle, destroy
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "lc-janus-client.h"
#include "lc-janus-message.h"
#include "lc-safe-text.h"

/* The gateway drops a session that says nothing for session_timeout (60 s by default). */
#define KEEPALIVE_SECONDS 25
/* Janus's JANUS_ERROR_PLUGIN_NOT_FOUND. */
#define JANUS_ERROR_PLUGIN_NOT_FOUND 460
/* An answer larger than this is not a gateway's: SDPs are a few kB. */
#define MAX_MESSAGE_BYTES LC_JANUS_MESSAGE_MAX_BYTES
/* A real gateway trickles a handful of candidates; a flood of them is ignored past this. */
#define MAX_REMOTE_CANDIDATES 64

struct _LcJanusClient
{
  GObject                  parent_instance;

  char                    *uri;
  GTlsDatabase            *tls_database;
  guint                    timeout_ms;
  GMainContext            *context;

  SoupSession             *session;
  SoupMessage             *message;
  SoupWebsocketConnection *connection;
  GTlsCertificateFlags     tls_errors;
  char                    *server;
  guint64                  session_id;
  GArray                  *handles;       /* guint64: the plugin handles attached */
  GHashTable              *pending;       /* transaction → Pending */
  guint                    keepalive_id;
  guint                    n_candidates;  /* trickled to us so far */
  gboolean                 tcp_connected; /* the connection was accepted: the port is open */
  gboolean                 closing;       /* we close it: not the gateway going away */
  gboolean                 closed;
};

G_DEFINE_FINAL_TYPE (LcJanusClient, lc_janus_client, G_TYPE_OBJECT)

G_DEFINE_QUARK (lc-janus-error-quark, lc_janus_error)

enum {
  SIGNAL_TRICKLE,
  SIGNAL_WEBRTCUP,
  SIGNAL_HANGUP,
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  LcJanusClient *self;
  char          *transaction;
  char          *what;          /* the request, in words, for errors */
  GTask         *task;
  gboolean       wants_event;   /* a plugin message: "ack" first, then its "event" */
  GSource       *timeout;
  GSource       *cancelled;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->timeout != NULL)
    {
      g_source_destroy (pending->timeout);
      g_source_unref (pending->timeout);
    }
  if (pending->cancelled != NULL)
    {
      g_source_destroy (pending->cancelled);
      g_source_unref (pending->cancelled);
    }
  g_clear_object (&pending->task);
  g_free (pending->transaction);
  g_free (pending->what);
  g_free (pending);
}

/* Takes the request out of the table; the caller returns its task. */
static GTask *
pending_steal (Pending *pending)
{
  LcJanusClient *self = pending->self;
  GTask *task = g_steal_pointer (&pending->task);

  g_hash_table_remove (self->pending, pending->transaction);
  return task;
}

static void
pending_return_error (Pending *pending,
                      GError  *error)
{
  g_autoptr(GTask) task = pending_steal (pending);

  g_task_return_error (task, error);
}

static void
pending_return_object (Pending    *pending,
                       JsonObject *object)
{
  g_autoptr(GTask) task = pending_steal (pending);

  g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify)json_object_unref);
}

static gboolean
on_pending_timeout (gpointer user_data)
{
  Pending *pending = user_data;

  pending_return_error (pending, g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_TIMEOUT,
                                              _("The video gateway did not answer “%s” within "
                                                "%.1f s"),
                                              pending->what,
                                              pending->self->timeout_ms / 1000.0));
  return G_SOURCE_REMOVE;
}

static gboolean
on_pending_cancelled (GCancellable *cancellable,
                      gpointer      user_data)
{
  Pending *pending = user_data;

  pending_return_error (pending, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("Operation was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
fail_every_pending (LcJanusClient *self,
                    const GError  *error)
{
  g_autoptr(GList) list = g_hash_table_get_values (self->pending);

  for (GList *l = list; l != NULL; l = l->next)
    pending_return_error (l->data, g_error_copy (error));
}

/* json-glib 1.6 complains about a missing member; a gateway's answer may lack any of them. */
static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
new_transaction (void)
{
  return g_strdup_printf ("lc%08x%08x", g_random_int (), g_random_int ());
}

static void
send_object (LcJanusClient *self,
             JsonObject    *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  if (self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  g_debug ("→ gateway: %s %s", json_object_get_string_member_with_default (object, "janus", "?"),
           json_object_get_string_member_with_default (object, "transaction", ""));
  soup_websocket_connection_send_text (self->connection, text);
}

/* Sends @request (which gets a transaction and the session) and waits for its answer. */
static void
send_request (LcJanusClient *self,
              JsonObject    *request,
              const char    *what,
              gboolean       wants_event,
              GTask         *task)
{
  Pending *pending = g_new0 (Pending, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  pending->self = self;
  pending->transaction = new_transaction ();
  pending->what = g_strdup (what);
  pending->task = g_object_ref (task);
  pending->wants_event = wants_event;

  if (self->connection == NULL ||
      soup_websocket_connection_get_state (self->connection) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_CLOSED,
                               _("The connection to the video gateway is closed"));
      pending_free (pending);
      return;
    }

  pending->timeout = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (pending->timeout, on_pending_timeout, pending, NULL);
  g_source_attach (pending->timeout, self->context);

  if (cancellable != NULL)
    {
      pending->cancelled = g_cancellable_source_new (cancellable);
      g_source_set_callback (pending->cancelled, G_SOURCE_FUNC (on_pending_cancelled), pending,
                             NULL);
      g_source_attach (pending->cancelled, self->context);
    }

  g_hash_table_insert (self->pending, pending->transaction, pending);

  json_object_set_string_member (request, "transaction", pending->transaction);
  if (self->session_id != 0 && !json_object_has_member (request, "session_id"))
    json_object_set_int_member (request, "session_id", self->session_id);
  send_object (self, request);
}

static gboolean
send_keepalive (gpointer user_data)
{
  LcJanusClient *self = user_data;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *transaction = new_transaction ();

  json_object_set_string_member (request, "janus", "keepalive");
  json_object_set_int_member (request, "session_id", self->session_id);
  json_object_set_string_member (request, "transaction", transaction);
  send_object (self, request);
  return G_SOURCE_CONTINUE;
}

static GError *
error_from_answer (LcJanusMessage *answer,
                   const char     *what)
{
  g_autofree char *reason = lc_safe_text_new (answer->error_reason ? answer->error_reason : "",
                                              -1, LC_SAFE_TEXT_MAX_CHARS);

  if (answer->error_code == JANUS_ERROR_PLUGIN_NOT_FOUND)
    return g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_NO_SUCH_PLUGIN,
                        _("The video gateway refuses “%s”: it has no such plugin (error %lld: "
                          "%s)"), what, (long long)answer->error_code, reason);

  return g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_REFUSED,
                      _("The video gateway refuses “%s” (error %lld: %s)"),
                      what, (long long)answer->error_code, reason);
}

static void
handle_answer (LcJanusClient  *self,
               Pending        *pending,
               LcJanusMessage *answer)
{
  const char *kind = answer->kind;

  if (g_str_equal (kind, "ack"))
    {
      /* A plugin message is acknowledged now and answered by an "event" later. */
      if (!pending->wants_event)
        pending_return_object (pending, answer->root);
      return;
    }

  if (g_str_equal (kind, "error"))
    {
      pending_return_error (pending, error_from_answer (answer, pending->what));
      return;
    }

  if (g_str_equal (kind, "success") || g_str_equal (kind, "event") ||
      g_str_equal (kind, "server_info"))
    {
      if (answer->plugin_error != NULL || answer->plugin_error_code != 0)
        {
          g_autofree char *reason = lc_safe_text_new (answer->plugin_error, -1,
                                                      LC_SAFE_TEXT_MAX_CHARS);

          pending_return_error (pending,
                                g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_PLUGIN,
                                             _("The gateway’s plugin refuses “%s” (error %lld: "
                                               "%s)"),
                                             pending->what,
                                             (long long)answer->plugin_error_code, reason));
          return;
        }

      pending_return_object (pending, answer->root);
      return;
    }

  g_debug ("ignoring a “%s” for transaction %s", kind, pending->transaction);
}

static void
handle_notification (LcJanusClient  *self,
                     LcJanusMessage *message)
{
  const char *kind = message->kind;

  if (g_str_equal (kind, "trickle"))
    {
      if (message->candidates_completed)
        g_signal_emit (self, signals[SIGNAL_TRICKLE], 0, message->sender, 0, NULL);
      else if (message->candidate != NULL && self->n_candidates < MAX_REMOTE_CANDIDATES)
        {
          self->n_candidates++;
          g_signal_emit (self, signals[SIGNAL_TRICKLE], 0, message->sender,
                         message->candidate_mline, message->candidate);
        }
      else if (message->candidate != NULL)
        g_debug ("ignoring a candidate past the first %d", MAX_REMOTE_CANDIDATES);
    }
  else if (g_str_equal (kind, "webrtcup"))
    g_signal_emit (self, signals[SIGNAL_WEBRTCUP], 0, message->sender);
  else if (g_str_equal (kind, "hangup"))
    {
      g_autofree char *reason = lc_safe_text_new (message->reason, -1, LC_SAFE_TEXT_MAX_CHARS);

      g_signal_emit (self, signals[SIGNAL_HANGUP], 0, message->sender, reason);
    }
  else if (g_str_equal (kind, "timeout"))
    g_signal_emit (self, signals[SIGNAL_HANGUP], 0, (guint64)0, "session timeout");
  else
    g_debug ("gateway says “%s”", kind);
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *bytes,
            LcJanusClient           *self)
{
  g_autoptr(LcJanusMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  Pending *pending;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_debug ("ignoring a binary message from the gateway");
      return;
    }

  /* Keep ourselves alive: an answer's callback may drop the last reference. */
  g_object_ref (self);

  message = lc_janus_message_parse (data, len, &error);
  if (message == NULL)
    {
      g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);
      g_autoptr(GError) failure =
        g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_PROTOCOL,
                     _("The video gateway sent a malformed message (%s): it is not a gateway "
                       "speaking janus-protocol, or something on the path altered it"), why);

      /* Whatever waited for an answer gets this one; a gateway never sends it. */
      g_debug ("%s", failure->message);
      fail_every_pending (self, failure);
      g_object_unref (self);
      return;
    }

  g_debug ("← gateway: %s %s", message->kind, message->transaction ? message->transaction : "");

  pending = message->transaction ? g_hash_table_lookup (self->pending, message->transaction)
                                 : NULL;
  if (pending != NULL)
    handle_answer (self, pending, message);
  else
    handle_notification (self, message);

  g_object_unref (self);
}

static void
on_closed (SoupWebsocketConnection *connection,
           LcJanusClient           *self)
{
  g_autoptr(GError) error = NULL;

  g_object_ref (self);
  self->closed = TRUE;
  g_clear_handle_id (&self->keepalive_id, g_source_remove);

  error = g_error_new (LC_JANUS_ERROR, LC_JANUS_ERROR_CLOSED,
                       _("The video gateway closed the connection (WebSocket code %u)"),
                       soup_websocket_connection_get_close_code (connection));
  fail_every_pending (self, error);

  if (!self->closing)
    g_signal_emit (self, signals[SIGNAL_CLOSED], 0, error->message);
  g_object_unref (self);
}

static void
lc_janus_client_dispose (GObject *object)
{
  LcJanusClient *self = LC_JANUS_CLIENT (object);

  g_clear_handle_id (&self->keepalive_id, g_source_remove);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  g_clear_object (&self->connection);
  g_clear_object (&self->message);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lc_janus_client_parent_class)->dispose (object);
}

static void
lc_janus_client_finalize (GObject *object)
{
  LcJanusClient *self = LC_JANUS_CLIENT (object);

  /* Every request holds a reference through its task: none is left here. */
  g_hash_table_unref (self->pending);
  g_array_unref (self->handles);
  g_clear_object (&self->tls_database);
  g_main_context_unref (self->context);
  g_free (self->uri);
  g_free (self->server);

  G_OBJECT_CLASS (lc_janus_client_parent_class)->finalize (object);
}

static void
lc_janus_client_class_init (LcJanusClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_janus_client_dispose;
  object_class->finalize = lc_janus_client_finalize;

  /**
   * LcJanusClient::trickle:
   * @handle: the plugin handle the candidate is for
   * @mline_index: the m-line it belongs to
   * @candidate: (nullable): an SDP candidate line, %NULL once the gateway has sent them all
   */
  signals[SIGNAL_TRICKLE] = g_signal_new ("trickle", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_UINT64, G_TYPE_UINT,
                                          G_TYPE_STRING);
  /**
   * LcJanusClient::webrtcup:
   *
   * The gateway's side of a handle's PeerConnection is up (ICE and DTLS done).
   */
  signals[SIGNAL_WEBRTCUP] = g_signal_new ("webrtcup", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT64);
  /**
   * LcJanusClient::hangup:
   * @handle: the handle, 0 for the whole session
   * @reason: the gateway's reason
   *
   * The gateway ended a PeerConnection, or the session.
   */
  signals[SIGNAL_HANGUP] = g_signal_new ("hangup", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_STRING);
  /**
   * LcJanusClient::closed:
   * @reason: what happened, in words
   *
   * The WebSocket closed without being asked to: the gateway or the network went away.
   */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lc_janus_client_init (LcJanusClient *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify)pending_free);
  self->context = g_main_context_ref_thread_default ();
  self->handles = g_array_new (FALSE, FALSE, sizeof (guint64));
}

/**
 * lc_janus_client_new:
 * @uri: the gateway's WebSocket, e.g. `wss://rtc.example.net:8989/`
 * @tls_database: (nullable): the trust anchors; %NULL for the system's
 * @timeout_ms: how long the gateway has to answer each request (and to connect)
 *
 * Returns: (transfer full): a client that talks to the gateway on the thread-default main
 *   context of the caller
 */
LcJanusClient *
lc_janus_client_new (const char   *uri,
                     GTlsDatabase *tls_database,
                     guint         timeout_ms)
{
  LcJanusClient *self;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (tls_database == NULL || G_IS_TLS_DATABASE (tls_database), NULL);
  g_return_val_if_fail (timeout_ms > 0, NULL);

  self = g_object_new (LC_TYPE_JANUS_CLIENT, NULL);
  self->uri = g_strdup (uri);
  self->tls_database = tls_database ? g_object_ref (tls_database) : NULL;
  self->timeout_ms = timeout_ms;
  return self;
}

const char *
lc_janus_client_get_uri (LcJanusClient *self)
{
  g_return_val_if_fail (LC_IS_JANUS_CLIENT (self), NULL);
  return self->uri;
}

/* Whether the session is up and the WebSocket still open. */
gboolean
lc_janus_client_is_open (LcJanusClient *self)
{
  g_return_val_if_fail (LC_IS_JANUS_CLIENT (self), FALSE);

  return self->session_id != 0 && self->connection != NULL &&
         soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN;
}

/* The certificate problems of the last connection attempt (0 when it was trusted). */
GTlsCertificateFlags
lc_janus_client_get_tls_errors (LcJanusClient *self)
{
  g_return_val_if_fail (LC_IS_JANUS_CLIENT (self), 0);
  return self->tls_errors;
}

/* The gateway's name and version, from its "server" header (or %NULL). */
const char *
lc_janus_client_get_server (LcJanusClient *self)
{
  g_return_val_if_fail (LC_IS_JANUS_CLIENT (self), NULL);
  return self->server;
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       LcJanusClient        *self)
{
  self->tls_errors = errors;
  return FALSE;
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  LcJanusClient      *self)
{
  if (event == G_SOCKET_CLIENT_CONNECTED)
    self->tcp_connected = TRUE;
}

static void
on_session_created (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcJanusClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = g_task_propagate_pointer (G_TASK (result), &error);
  JsonObject *data;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = get_object (answer, "data");
  self->session_id = data ? json_object_get_int_member_with_default (data, "id", 0) : 0;
  if (self->session_id == 0)
    {
      g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_PROTOCOL,
                               _("The video gateway created a session without an id"));
      return;
    }

  self->keepalive_id = g_timeout_add_seconds (KEEPALIVE_SECONDS, send_keepalive, self);
  g_task_return_boolean (task, TRUE);
}

static void
on_websocket_connected (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcJanusClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GTask) create = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;
  const char *protocol;

  self->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  headers = soup_message_get_response_headers (self->message);
  if (self->connection == NULL)
    {
      guint status = soup_message_get_status (self->message);

      if (SOUP_STATUS_IS_REDIRECTION (status))
        {
          const char *location = soup_message_headers_get_one (headers, "Location");
          g_autofree char *where = lc_safe_text_new (location ? location : "?", -1, 200);

          /* The rule is about this port: another server's answer would prove nothing. */
          g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_REDIRECT,
                                   _("The WebSocket at %s answers with a redirect (HTTP %u) to "
                                     "%s, which is not followed: the gateway is not there"),
                                   self->uri, status, where);
        }
      else if (self->tcp_connected &&
               (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
                (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
                 !g_cancellable_is_cancelled (g_task_get_cancellable (task)))))
        g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_SILENT,
                                 _("The connection to %s is accepted, but nothing answers the "
                                   "WebSocket request within %.1f s"),
                                 self->uri, self->timeout_ms / 1000.0);
      else if (self->tcp_connected && error->domain != G_TLS_ERROR &&
               !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);

          g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_PROTOCOL,
                                   _("The connection to %s is accepted, but what answers there "
                                     "does not open a WebSocket (%s)"), self->uri, why);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (soup_message_headers_get_one (headers, "Server") != NULL)
    self->server = lc_safe_text_new (soup_message_headers_get_one (headers, "Server"), -1, 80);

  protocol = soup_websocket_connection_get_protocol (self->connection);
  if (g_strcmp0 (protocol, "janus-protocol") != 0)
    {
      g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_PROTOCOL,
                               _("The WebSocket at %s opens, but not with the gateway’s "
                                 "subprotocol janus-protocol"), self->uri);
      return;
    }

  soup_websocket_connection_set_max_incoming_payload_size (self->connection, MAX_MESSAGE_BYTES);
  g_signal_connect (self->connection, "message", G_CALLBACK (on_message), self);
  g_signal_connect (self->connection, "closed", G_CALLBACK (on_closed), self);

  request = json_object_new ();
  json_object_set_string_member (request, "janus", "create");
  cancellable = g_task_get_cancellable (task);
  create = g_task_new (self, cancellable, on_session_created, g_steal_pointer (&task));
  send_request (self, request, "create a session", FALSE, create);
}

/**
 * lc_janus_client_connect_async:
 *
 * Opens the WebSocket (subprotocol janus-protocol) and creates a gateway session, which is
 * then kept alive until lc_janus_client_close_async().
 */
void
lc_janus_client_connect_async (LcJanusClient       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *protocols[] = { "janus-protocol", NULL };

  g_return_if_fail (LC_IS_JANUS_CLIENT (self));
  g_return_if_fail (self->session == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_janus_client_connect_async);

  self->message = soup_message_new (SOUP_METHOD_GET, self->uri);
  if (self->message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("%s is not a valid address"), self->uri);
      return;
    }

  /* Soup's timeout bounds the TCP connect and the TLS handshake as well as every read. */
  self->session = soup_session_new_with_options ("timeout",
                                                 MAX (1u, (self->timeout_ms + 999) / 1000),
                                                 NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (self->session, self->tls_database);

  /* A redirect is reported, never followed: it would test another port than the rule's. */
  soup_message_add_flags (self->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect_object (self->message, "accept-certificate",
                           G_CALLBACK (on_accept_certificate), self, 0);
  g_signal_connect_object (self->message, "network-event", G_CALLBACK (on_network_event), self,
                           0);
  soup_session_websocket_connect_async (self->session, self->message, NULL, protocols,
                                        G_PRIORITY_DEFAULT, cancellable, on_websocket_connected,
                                        g_steal_pointer (&task));
}

gboolean
lc_janus_client_connect_finish (LcJanusClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_attached (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcJanusClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = g_task_propagate_pointer (G_TASK (result), &error);
  JsonObject *data;
  gint64 handle;

  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = get_object (answer, "data");
  handle = data ? json_object_get_int_member_with_default (data, "id", 0) : 0;
  if (handle == 0)
    g_task_return_new_error (task, LC_JANUS_ERROR, LC_JANUS_ERROR_PROTOCOL,
                             _("The video gateway attached the plugin without a handle id"));
  else
    {
      guint64 id = handle;

      g_array_append_val (self->handles, id);
      g_task_return_pointer (task, g_memdup2 (&handle, sizeof handle), g_free);
    }
}

/**
 * lc_janus_client_attach_async:
 * @plugin: e.g. `janus.plugin.echotest`
 *
 * Attaches the session to @plugin; the finish function gives the plugin handle.
 */
void
lc_janus_client_attach_async (LcJanusClient       *self,
                              const char          *plugin,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) request_task = NULL;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autofree char *what = NULL;

  g_return_if_fail (LC_IS_JANUS_CLIENT (self));
  g_return_if_fail (plugin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_janus_client_attach_async);

  json_object_set_string_member (request, "janus", "attach");
  json_object_set_string_member (request, "plugin", plugin);
  what = g_strdup_printf (_("attach %s"), plugin);
  request_task = g_task_new (self, cancellable, on_attached, g_steal_pointer (&task));
  send_request (self, request, what, FALSE, request_task);
}

/**
 * lc_janus_client_attach_finish:
 *
 * Returns: the plugin handle, or 0 with @error set
 */
guint64
lc_janus_client_attach_finish (LcJanusClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_autofree gint64 *handle = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  handle = g_task_propagate_pointer (G_TASK (result), error);
  return handle ? (guint64)*handle : 0;
}

/**
 * lc_janus_client_send_message_async:
 * @handle: the plugin handle
 * @body: (transfer none): the plugin's request, e.g. `{"audio": true, "video": false}`
 * @jsep_type: (nullable): "offer" or "answer" when an SDP goes with it
 * @jsep_sdp: (nullable): the SDP
 *
 * Sends a message to the plugin and waits for the plugin's event that answers it.
 */
void
lc_janus_client_send_message_async (LcJanusClient       *self,
                                    guint64              handle,
                                    JsonNode            *body,
                                    const char          *jsep_type,
                                    const char          *jsep_sdp,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) request = json_object_new ();

  g_return_if_fail (LC_IS_JANUS_CLIENT (self));
  g_return_if_fail (handle != 0);
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));
  g_return_if_fail ((jsep_type == NULL) == (jsep_sdp == NULL));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_janus_client_send_message_async);

  json_object_set_string_member (request, "janus", "message");
  json_object_set_int_member (request, "handle_id", handle);
  json_object_set_member (request, "body", json_node_copy (body));
  if (jsep_type != NULL)
    {
      JsonObject *jsep = json_object_new ();

      json_object_set_string_member (jsep, "type", jsep_type);
      json_object_set_string_member (jsep, "sdp", jsep_sdp);
      json_object_set_object_member (request, "jsep", jsep);
    }

  send_request (self, request, jsep_type ? jsep_type : _("message"), TRUE, task);
}

/**
 * lc_janus_client_send_message_finish:
 *
 * Returns: (transfer full): the gateway's event, with `plugindata` and, when the plugin
 *   answers with an SDP, `jsep`
 */
JsonObject *
lc_janus_client_send_message_finish (LcJanusClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lc_janus_client_trickle:
 * @candidate: (nullable): an SDP candidate line, or %NULL once every candidate was sent
 *
 * Sends one of our ICE candidates to the gateway; the gateway only acknowledges it.
 */
void
lc_janus_client_trickle (LcJanusClient *self,
                         guint64        handle,
                         guint          mline_index,
                         const char    *candidate)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *transaction = new_transaction ();

  g_return_if_fail (LC_IS_JANUS_CLIENT (self));
  g_return_if_fail (handle != 0);

  if (candidate != NULL)
    {
      json_object_set_string_member (body, "candidate", candidate);
      json_object_set_int_member (body, "sdpMLineIndex", mline_index);
    }
  else
    json_object_set_boolean_member (body, "completed", TRUE);

  json_object_set_string_member (request, "janus", "trickle");
  json_object_set_int_member (request, "session_id", self->session_id);
  json_object_set_int_member (request, "handle_id", handle);
  json_object_set_string_member (request, "transaction", transaction);
  json_object_set_object_member (request, "candidate", g_steal_pointer (&body));
  send_object (self, request);
}

static void
close_now (LcJanusClient *self)
{
  self->closing = TRUE;
  g_clear_handle_id (&self->keepalive_id, g_source_remove);
  if (self->connection != NULL &&
      soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->connection, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

static void
on_destroyed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LcJanusClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = g_task_propagate_pointer (G_TASK (result), &error);

  if (answer == NULL)
    g_debug ("the gateway did not confirm the end of the session: %s", error->message);

  close_now (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * lc_janus_client_close_async:
 *
 * Detaches the plugin handles (hanging up their calls) and destroys the gateway session, then
 * closes the WebSocket. Waits for the gateway's confirmation at most the client's timeout;
 * never fails except when cancelled, and closes the WebSocket even then.
 */
void
lc_janus_client_close_async (LcJanusClient       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) request_task = NULL;
  g_autoptr(JsonObject) request = NULL;

  g_return_if_fail (LC_IS_JANUS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_janus_client_close_async);

  if (!lc_janus_client_is_open (self))
    {
      close_now (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Detach each handle (which hangs its PeerConnection up), then end the session; the
   * gateway answers them in order, so waiting for the last answer is enough. */
  for (guint i = 0; i < self->handles->len; i++)
    {
      g_autoptr(JsonObject) detach = json_object_new ();
      g_autofree char *transaction = new_transaction ();

      json_object_set_string_member (detach, "janus", "detach");
      json_object_set_int_member (detach, "session_id", self->session_id);
      json_object_set_int_member (detach, "handle_id", g_array_index (self->handles, guint64, i));
      json_object_set_string_member (detach, "transaction", transaction);
      send_object (self, detach);
    }
  g_array_set_size (self->handles, 0);

  request = json_object_new ();
  json_object_set_string_member (request, "janus", "destroy");
  request_task = g_task_new (self, cancellable, on_destroyed, g_steal_pointer (&task));
  send_request (self, request, _("end the session"), FALSE, request_task);
}

gboolean
lc_janus_client_close_finish (LcJanusClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
