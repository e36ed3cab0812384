/* hostile-server.c — FAKE misbehaving servers on loopback (see hostile-server.h)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hostile-server.h"

struct _HostileServer
{
  GSocketService    *service;     /* TCP */
  GSocket           *udp;         /* UDP */
  GThread           *udp_thread;
  HostileTcpHandler  tcp_handler;
  HostileUdpHandler  udp_handler;
  gpointer           data;
  guint16            port;
  GCancellable      *stop;
  GMutex             lock;
  GCond              idle;
  guint              running;     /* connection threads still serving */
  guint              hits;        /* connections or datagrams served */
  GPtrArray         *sockets;     /* GSocket of the live connections, shut down on stop */
};

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        HostileServer          *server)
{
  HostileConn conn = { connection, G_IO_STREAM (g_object_ref (connection)), server->stop,
                       server->data };
  GSocket *socket = g_socket_connection_get_socket (connection);

  g_mutex_lock (&server->lock);
  server->running++;
  server->hits++;
  g_ptr_array_add (server->sockets, g_object_ref (socket));
  g_mutex_unlock (&server->lock);

  if (!g_cancellable_is_cancelled (server->stop))
    server->tcp_handler (&conn);

  g_io_stream_close (conn.stream, NULL, NULL);
  g_object_unref (conn.stream);

  g_mutex_lock (&server->lock);
  g_ptr_array_remove (server->sockets, socket);
  server->running--;
  g_cond_broadcast (&server->idle);
  g_mutex_unlock (&server->lock);
  return TRUE;
}

static HostileServer *
server_new (gpointer data)
{
  HostileServer *server = g_new0 (HostileServer, 1);

  server->data = data;
  server->stop = g_cancellable_new ();
  server->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&server->lock);
  g_cond_init (&server->idle);
  return server;
}

/**
 * hostile_tcp_start:
 *
 * Returns: a server on 127.0.0.1 that hands every connection to @handler, in a thread
 */
HostileServer *
hostile_tcp_start (HostileTcpHandler handler,
                   gpointer          data)
{
  HostileServer *server = server_new (data);
  g_autoptr(GError) error = NULL;

  server->tcp_handler = handler;
  server->service = g_threaded_socket_service_new (16);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                   G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                   &error);
    g_assert_no_error (error);
    server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  g_signal_connect (server->service, "run", G_CALLBACK (on_run), server);
  g_socket_service_start (server->service);
  return server;
}

static gpointer
udp_loop (gpointer user_data)
{
  HostileServer *server = user_data;

  while (!g_cancellable_is_cancelled (server->stop))
    {
      guint8 buffer[65536];
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(GBytes) request = NULL;
      g_autoptr(GBytes) reply = NULL;
      gssize got;

      got = g_socket_receive_from (server->udp, &from, (char *)buffer, sizeof buffer,
                                   server->stop, NULL);
      if (got < 0)
        break;

      g_mutex_lock (&server->lock);
      server->hits++;
      g_mutex_unlock (&server->lock);

      request = g_bytes_new (buffer, got);
      reply = server->udp_handler (request, server->data);
      if (reply != NULL)
        g_socket_send_to (server->udp, from, g_bytes_get_data (reply, NULL),
                          g_bytes_get_size (reply), NULL, NULL);
    }
  return NULL;
}

/**
 * hostile_udp_start:
 * @handler: called per datagram; returns the reply, or %NULL for silence
 */
HostileServer *
hostile_udp_start (HostileUdpHandler handler,
                   gpointer          data)
{
  HostileServer *server = server_new (data);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->udp_handler = handler;
  server->udp = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                              G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (server->udp, address, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (server->udp, &error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->udp_thread = g_thread_new ("hostile-udp", udp_loop, server);
  return server;
}

guint16
hostile_server_get_port (HostileServer *server)
{
  return server->port;
}

/* How many connections (TCP) or datagrams (UDP) it served. */
guint
hostile_server_get_hits (HostileServer *server)
{
  guint hits;

  g_mutex_lock (&server->lock);
  hits = server->hits;
  g_mutex_unlock (&server->lock);
  return hits;
}

/**
 * hostile_server_stop:
 *
 * Stops listening, unblocks and waits for every connection thread, and frees @server.
 */
void
hostile_server_stop (HostileServer *server)
{
  g_cancellable_cancel (server->stop);

  if (server->service != NULL)
    {
      g_socket_service_stop (server->service);
      g_socket_listener_close (G_SOCKET_LISTENER (server->service));
    }

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->sockets->len; i++)
    g_socket_shutdown (g_ptr_array_index (server->sockets, i), TRUE, TRUE, NULL);
  while (server->running > 0)
    g_cond_wait (&server->idle, &server->lock);
  g_mutex_unlock (&server->lock);

  if (server->udp_thread != NULL)
    {
      g_thread_join (server->udp_thread);
      g_socket_close (server->udp, NULL);
    }

  g_clear_object (&server->udp);
  g_clear_object (&server->service);
  g_clear_object (&server->stop);
  g_ptr_array_unref (server->sockets);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->idle);
  g_free (server);
}

/* TLS: one self-signed certificate for 127.0.0.1, which the profiles trust as their CA. */

static char *tls_dir;
static GTlsCertificate *tls_certificate;

static void
make_certificate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cert = NULL;
  int status = 0;

  if (tls_dir != NULL)
    return;

  tls_dir = g_dir_make_tmp ("linecheck-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  key = g_build_filename (tls_dir, "key.pem", NULL);
  cert = g_build_filename (tls_dir, "ca.pem", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
      "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
      "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE",
      "-keyout", key, "-out", cert, NULL
    };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  tls_certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
}

const char *
hostile_tls_ca_file (void)
{
  static char *path;

  make_certificate ();
  if (path == NULL)
    path = g_build_filename (tls_dir, "ca.pem", NULL);
  return path;
}

GTlsCertificate *
hostile_tls_certificate (void)
{
  make_certificate ();
  return tls_certificate;
}

void
hostile_tls_cleanup (void)
{
  if (tls_dir == NULL)
    return;
  {
    g_autofree char *key = g_build_filename (tls_dir, "key.pem", NULL);
    g_autofree char *cert = g_build_filename (tls_dir, "ca.pem", NULL);

    g_unlink (key);
    g_unlink (cert);
    g_rmdir (tls_dir);
  }
  g_clear_object (&tls_certificate);
  g_clear_pointer (&tls_dir, g_free);
}

/* Connection helpers: blocking, on the connection's thread. */

gboolean
hostile_conn_start_tls (HostileConn *conn)
{
  g_autoptr(GError) error = NULL;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (conn->tcp),
                                                hostile_tls_certificate (), &error);

  g_assert_no_error (error);
  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), conn->stop, &error))
    {
      g_object_unref (tls);
      return FALSE;
    }
  g_object_unref (conn->stream);
  conn->stream = tls;
  return TRUE;
}

/* Reads until @terminator (included) or @max bytes; %NULL when the peer closed first. */
char *
hostile_conn_read_until (HostileConn *conn,
                         const char  *terminator,
                         gsize        max)
{
  GInputStream *in = g_io_stream_get_input_stream (conn->stream);
  GString *text = g_string_new (NULL);

  while (text->len < max)
    {
      char c;

      if (g_input_stream_read (in, &c, 1, conn->stop, NULL) != 1)
        {
          g_string_free (text, TRUE);
          return NULL;
        }
      g_string_append_c (text, c);
      if (g_str_has_suffix (text->str, terminator))
        break;
    }
  return g_string_free (text, FALSE);
}

gboolean
hostile_conn_read_exact (HostileConn *conn,
                         guint8      *buffer,
                         gsize        size)
{
  gsize got = 0;

  return g_input_stream_read_all (g_io_stream_get_input_stream (conn->stream), buffer, size,
                                  &got, conn->stop, NULL) && got == size;
}

gboolean
hostile_conn_write (HostileConn *conn,
                    const void  *data,
                    gsize        size)
{
  return g_output_stream_write_all (g_io_stream_get_output_stream (conn->stream), data, size,
                                    NULL, conn->stop, NULL);
}

gboolean
hostile_conn_write_str (HostileConn *conn,
                        const char  *text)
{
  return hostile_conn_write (conn, text, strlen (text));
}

/* Stays silent until the client goes away (or the server stops). */
void
hostile_conn_wait_closed (HostileConn *conn)
{
  guint8 buffer[4096];

  while (g_input_stream_read (g_io_stream_get_input_stream (conn->stream), buffer,
                              sizeof buffer, conn->stop, NULL) > 0)
    ;
}

void
hostile_conn_sleep (HostileConn *conn,
                    guint        ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (!g_cancellable_is_cancelled (conn->stop) && g_get_monotonic_time () < until)
    g_usleep (10 * 1000);
}

/* WebSocket (RFC 6455), the server's side, just enough to misbehave. */

/**
 * hostile_ws_accept:
 * @subprotocol: (nullable): the one to accept, whatever the client asked
 *
 * Returns: (transfer full) (nullable): the client's upgrade request, once answered with 101
 */
char *
hostile_ws_accept (HostileConn *conn,
                   const char  *subprotocol)
{
  g_autofree char *request = hostile_conn_read_until (conn, "\r\n\r\n", 16384);
  g_autofree char *key = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  const char *line;

  if (request == NULL)
    return NULL;

  line = strstr (request, "Sec-WebSocket-Key: ");
  if (line == NULL)
    return NULL;
  line += strlen ("Sec-WebSocket-Key: ");
  key = g_strndup (line, strcspn (line, "\r\n"));

  g_checksum_update (sha1, (const guint8 *)key, -1);
  g_checksum_update (sha1, (const guint8 *)"258EAFA5-E914-47DA-95CA-C5AB0DC85B11", -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  accept = g_base64_encode (digest, digest_len);

  answer = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\n"
                            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                            "Sec-WebSocket-Accept: %s\r\n%s%s%s\r\n",
                            accept, subprotocol ? "Sec-WebSocket-Protocol: " : "",
                            subprotocol ? subprotocol : "", subprotocol ? "\r\n" : "");
  if (!hostile_conn_write_str (conn, answer))
    return NULL;
  return g_steal_pointer (&request);
}

/* One text message from the client (frames are masked by the client); %NULL once it closed. */
char *
hostile_ws_read_text (HostileConn *conn)
{
  for (;;)
    {
      guint8 head[2];
      guint8 mask[4];
      guint64 len;
      g_autofree guint8 *payload = NULL;

      if (!hostile_conn_read_exact (conn, head, 2))
        return NULL;
      len = head[1] & 0x7f;
      if (len == 126)
        {
          guint8 ext[2];
          if (!hostile_conn_read_exact (conn, ext, 2))
            return NULL;
          len = (ext[0] << 8) | ext[1];
        }
      else if (len == 127)
        {
          guint8 ext[8];
          if (!hostile_conn_read_exact (conn, ext, 8))
            return NULL;
          len = 0;
          for (int i = 0; i < 8; i++)
            len = (len << 8) | ext[i];
        }
      if (len > 1024 * 1024 || !(head[1] & 0x80) || !hostile_conn_read_exact (conn, mask, 4))
        return NULL;

      payload = g_malloc (len + 1);
      if (len > 0 && !hostile_conn_read_exact (conn, payload, len))
        return NULL;
      for (guint64 i = 0; i < len; i++)
        payload[i] ^= mask[i % 4];
      payload[len] = '\0';

      if ((head[0] & 0x0f) == 0x8)
        return NULL;
      if ((head[0] & 0x0f) == 0x1)
        return (char *)g_steal_pointer (&payload);
    }
}

gboolean
hostile_ws_send_frame (HostileConn  *conn,
                       guint8        opcode,
                       const guint8 *payload,
                       gsize         len)
{
  guint8 head[10];
  gsize head_len = 2;

  head[0] = 0x80 | opcode;
  if (len < 126)
    head[1] = len;
  else if (len < 65536)
    {
      head[1] = 126;
      head[2] = len >> 8;
      head[3] = len & 0xff;
      head_len = 4;
    }
  else
    {
      head[1] = 127;
      for (int i = 0; i < 8; i++)
        head[2 + i] = ((guint64)len >> (56 - 8 * i)) & 0xff;
      head_len = 10;
    }
  return hostile_conn_write (conn, head, head_len) && hostile_conn_write (conn, payload, len);
}

gboolean
hostile_ws_send_text (HostileConn *conn,
                      const char  *text,
                      gssize       len)
{
  return hostile_ws_send_frame (conn, 0x1, (const guint8 *)text,
                                len < 0 ? strlen (text) : (gsize)len);
}

/* A string member of a client's JSON request (the client is ours: it is well formed). */
char *
hostile_json_member (const char *json,
                     const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *node;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  node = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !json_object_has_member (json_node_get_object (node), member))
    return NULL;
  node = json_object_get_member (json_node_get_object (node), member);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}
