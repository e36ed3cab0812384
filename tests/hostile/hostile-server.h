/* hostile-server.h — FAKE servers that misbehave on purpose, on loopback, for the hostile suite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real peers (coturn, Janus, Kamailio) cannot be made to lie, stall or flood: these can.
 * Each listens on 127.0.0.1 on a port the kernel picks and serves every connection from a
 * thread of its own, with plain blocking code.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _HostileServer HostileServer;

typedef struct
{
  GSocketConnection *tcp;
  GIOStream         *stream;     /* the TCP connection, or TLS over it */
  GCancellable      *stop;       /* cancelled when the server stops */
  gpointer           data;
} HostileConn;

typedef void    (*HostileTcpHandler) (HostileConn *conn);
typedef GBytes *(*HostileUdpHandler) (GBytes      *request,
                                      gpointer     data);

HostileServer   *hostile_tcp_start        (HostileTcpHandler  handler,
                                           gpointer           data);
HostileServer   *hostile_udp_start        (HostileUdpHandler  handler,
                                           gpointer           data);
guint16          hostile_server_get_port  (HostileServer     *server);
guint            hostile_server_get_hits  (HostileServer     *server);
void             hostile_server_stop      (HostileServer     *server);

const char      *hostile_tls_ca_file      (void);
GTlsCertificate *hostile_tls_certificate  (void);
void             hostile_tls_cleanup      (void);

gboolean         hostile_conn_start_tls   (HostileConn       *conn);
char            *hostile_conn_read_until  (HostileConn       *conn,
                                           const char        *terminator,
                                           gsize              max);
gboolean         hostile_conn_read_exact  (HostileConn       *conn,
                                           guint8            *buffer,
                                           gsize              size);
gboolean         hostile_conn_write       (HostileConn       *conn,
                                           const void        *data,
                                           gsize              size);
gboolean         hostile_conn_write_str   (HostileConn       *conn,
                                           const char        *text);
void             hostile_conn_wait_closed (HostileConn       *conn);
void             hostile_conn_sleep       (HostileConn       *conn,
                                           guint              ms);

char            *hostile_ws_accept        (HostileConn       *conn,
                                           const char        *subprotocol);
char            *hostile_ws_read_text     (HostileConn       *conn);
gboolean         hostile_ws_send_text     (HostileConn       *conn,
                                           const char        *text,
                                           gssize             len);
gboolean         hostile_ws_send_frame    (HostileConn       *conn,
                                           guint8             opcode,
                                           const guint8      *payload,
                                           gsize              len);

char            *hostile_json_member      (const char        *json,
                                           const char        *member);

G_END_DECLS
