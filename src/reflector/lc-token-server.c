/* lc-token-server.c — a small HTTPS server with one resource: GET /v1/token mints a probe token
 * for the address that asks, under a rate limit and a deadline per connection
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-reflector"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-probe-token.h"
#include "lc-rate-limit.h"
#include "lc-token-server.h"

struct _LcTokenServer
{
  GObject           parent_instance;

  GBytes           *secret;
  GTlsCertificate  *certificate;
  GSocketService   *service;
  GHashTable       *clients;        /* address text → LcRateLimit */
  guint             n_connections;
  guint             n_issued;
};

G_DEFINE_FINAL_TYPE (LcTokenServer, lc_token_server, G_TYPE_OBJECT)

typedef struct
{
  LcTokenServer     *server;
  GIOStream         *stream;
  GCancellable      *cancellable;
  guint              deadline_id;
  char              *client;        /* the address, as text */
  guint8             key[LC_PROBE_ADDRESS_LEN];
  guint8             request[LC_TOKEN_SERVER_MAX_REQUEST];
  gsize              request_len;
  char              *response;
} Connection;

static void
connection_free (Connection *conn)
{
  conn->server->n_connections--;
  g_clear_handle_id (&conn->deadline_id, g_source_remove);
  if (conn->stream != NULL)
    g_io_stream_close (conn->stream, NULL, NULL);
  g_clear_object (&conn->stream);
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->server);
  g_free (conn->client);
  g_free (conn->response);
  g_free (conn);
}

static void
lc_token_server_dispose (GObject *object)
{
  LcTokenServer *self = (LcTokenServer *)object;

  if (self->service != NULL)
    g_socket_service_stop (self->service);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (lc_token_server_parent_class)->dispose (object);
}

static void
lc_token_server_finalize (GObject *object)
{
  LcTokenServer *self = (LcTokenServer *)object;

  g_clear_pointer (&self->secret, g_bytes_unref);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->clients, g_hash_table_unref);

  G_OBJECT_CLASS (lc_token_server_parent_class)->finalize (object);
}

static void
lc_token_server_class_init (LcTokenServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_token_server_dispose;
  object_class->finalize = lc_token_server_finalize;
}

static void
lc_token_server_init (LcTokenServer *self)
{
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

LcTokenServer *
lc_token_server_new (GBytes          *secret,
                     GTlsCertificate *certificate)
{
  LcTokenServer *self;

  g_return_val_if_fail (secret != NULL && G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (LC_TYPE_TOKEN_SERVER, NULL);
  self->secret = g_bytes_ref (secret);
  self->certificate = g_object_ref (certificate);
  return self;
}

guint
lc_token_server_get_n_issued (LcTokenServer *self)
{
  g_return_val_if_fail (LC_IS_TOKEN_SERVER (self), 0);
  return self->n_issued;
}

/* A client's bucket; the table stays bounded: full buckets are forgotten first. */
static gboolean
allow_client (LcTokenServer *self,
              const char    *client)
{
  gint64 now = g_get_monotonic_time ();
  LcRateLimit *limit = g_hash_table_lookup (self->clients, client);

  if (limit == NULL)
    {
      if (g_hash_table_size (self->clients) >= LC_TOKEN_SERVER_MAX_CLIENTS)
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, self->clients);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              LcRateLimit *other = value;
              double level = other->level + (now - other->updated) * other->rate / 1e6;

              if (level >= other->burst)
                g_hash_table_iter_remove (&iter);
            }
          if (g_hash_table_size (self->clients) >= LC_TOKEN_SERVER_MAX_CLIENTS)
            return FALSE;
        }
      limit = g_new0 (LcRateLimit, 1);
      lc_rate_limit_init (limit, LC_TOKEN_SERVER_TOKENS_PER_MINUTE / 60.0,
                          LC_TOKEN_SERVER_BURST, now);
      g_hash_table_insert (self->clients, g_strdup (client), limit);
    }
  return lc_rate_limit_take (limit, now);
}

static char *
http_response (guint       status,
               const char *reason,
               const char *body)
{
  return g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %zu\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n%s",
                          status, reason,
                          status == 200 ? "application/json" : "text/plain; charset=utf-8",
                          strlen (body), body);
}

static char *
mint_response (Connection *conn)
{
  LcTokenServer *self = conn->server;
  gsize secret_len;
  const guint8 *secret = g_bytes_get_data (self->secret, &secret_len);
  guint8 bytes[LC_PROBE_TOKEN_LEN];
  g_autofree char *encoded = NULL;
  g_autofree char *body = NULL;
  LcProbeToken token;

  lc_probe_token_mint (secret, secret_len, conn->key, g_get_real_time () / G_USEC_PER_SEC,
                       LC_PROBE_TOKEN_LIFETIME_S, &token);
  lc_probe_token_encode (&token, bytes);
  encoded = g_base64_encode (bytes, sizeof bytes);
  body = g_strdup_printf ("{\"token\": \"%s\", \"expires_in\": %u}\n", encoded,
                          LC_PROBE_TOKEN_LIFETIME_S);
  self->n_issued++;
  return http_response (200, "OK", body);
}

/* The request line alone decides; headers are read (to their end) and ignored. */
static char *
respond (Connection *conn)
{
  const char *data = (const char *)conn->request;
  const char *eol = memchr (data, '\n', conn->request_len);
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;

  if (eol == NULL)
    return http_response (400, "Bad Request", "bad request\n");
  line = g_strndup (data, eol - data);
  g_strchomp (line);
  parts = g_strsplit (line, " ", 4);
  if (g_strv_length (parts) != 3 || !g_str_has_prefix (parts[2], "HTTP/1."))
    return http_response (400, "Bad Request", "bad request\n");
  if (!g_str_equal (parts[1], "/v1/token") && !g_str_has_prefix (parts[1], "/v1/token?"))
    return http_response (404, "Not Found", "not found: the token is at /v1/token\n");
  if (!g_str_equal (parts[0], "GET"))
    return http_response (405, "Method Not Allowed", "only GET\n");
  if (!allow_client (conn->server, conn->client))
    return http_response (429, "Too Many Requests", "too many tokens: try again in a minute\n");
  return mint_response (conn);
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_debug ("%s: %s", conn->client, error->message);
  connection_free (conn);
}

static void read_more (Connection *conn);

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  GOutputStream *out;

  if (n <= 0)
    {
      g_debug ("%s: %s", conn->client, error ? error->message : "closed");
      connection_free (conn);
      return;
    }
  conn->request_len += n;

  if (g_strstr_len ((const char *)conn->request, conn->request_len, "\r\n\r\n") == NULL &&
      g_strstr_len ((const char *)conn->request, conn->request_len, "\n\n") == NULL)
    {
      if (conn->request_len < sizeof conn->request)
        {
          read_more (conn);
          return;
        }
      conn->response = http_response (431, "Request Header Fields Too Large", "too large\n");
    }
  else
    conn->response = respond (conn);

  out = g_io_stream_get_output_stream (conn->stream);
  g_output_stream_write_all_async (out, conn->response, strlen (conn->response),
                                   G_PRIORITY_DEFAULT, conn->cancellable, on_written, conn);
}

static void
read_more (Connection *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (conn->stream);

  g_input_stream_read_async (in, conn->request + conn->request_len,
                             sizeof conn->request - conn->request_len, G_PRIORITY_DEFAULT,
                             conn->cancellable, on_read, conn);
}

static void
on_handshake (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      g_debug ("%s: TLS: %s", conn->client, error->message);
      connection_free (conn);
      return;
    }
  read_more (conn);
}

static gboolean
on_deadline (gpointer user_data)
{
  Connection *conn = user_data;

  conn->deadline_id = 0;
  g_cancellable_cancel (conn->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             LcTokenServer     *self)
{
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;
  GIOStream *tls;
  Connection *conn;
  GInetAddress *address;

  if (self->n_connections >= LC_TOKEN_SERVER_MAX_CONNECTIONS)
    return TRUE;  /* refused: the connection is closed as it is dropped */

  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return TRUE;
  tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  if (tls == NULL)
    {
      g_warning (_("TLS is not available: %s"), error->message);
      return TRUE;
    }

  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  conn = g_new0 (Connection, 1);
  conn->server = g_object_ref (self);
  conn->stream = tls;
  conn->cancellable = g_cancellable_new ();
  conn->client = g_inet_address_to_string (address);
  lc_probe_address_key (address, conn->key);
  self->n_connections++;
  conn->deadline_id = g_timeout_add (LC_TOKEN_SERVER_DEADLINE_MS, on_deadline, conn);

  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    conn->cancellable, on_handshake, conn);
  return TRUE;
}

/**
 * lc_token_server_listen:
 * @address: (nullable): where to listen, %NULL for every address
 *
 * Returns: %FALSE with @error naming the port when it cannot be had
 */
gboolean
lc_token_server_listen (LcTokenServer  *self,
                        const char     *address,
                        guint16         port,
                        GError        **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_TOKEN_SERVER (self), FALSE);

  self->service = g_socket_service_new ();
  if (address != NULL)
    {
      g_autoptr(GSocketAddress) where = g_inet_socket_address_new_from_string (address, port);
      ok = g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), where,
                                          G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                          NULL, &local);
    }
  else
    ok = g_socket_listener_add_inet_port (G_SOCKET_LISTENER (self->service), port, NULL, &local);

  if (!ok)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                     _("TCP port %u (the token endpoint) on %s is already in use"), port,
                     address ? address : _("every address"));
      else
        g_set_error (error, local->domain, local->code,
                     _("cannot listen on TCP port %u (the token endpoint): %s"), port,
                     local->message);
      return FALSE;
    }

  g_signal_connect_object (self->service, "incoming", G_CALLBACK (on_incoming), self, 0);
  g_socket_service_start (self->service);
  return TRUE;
}
