/* lc-janus-client.h — the video gateway's signalling over WSS (janus-protocol)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LC_JANUS_ERROR (lc_janus_error_quark ())

/**
 * LcJanusError:
 * @LC_JANUS_ERROR_TIMEOUT: the gateway did not answer a request in time
 * @LC_JANUS_ERROR_REFUSED: the gateway answered a request with an error
 * @LC_JANUS_ERROR_NO_SUCH_PLUGIN: the gateway does not have the plugin (its error 460)
 * @LC_JANUS_ERROR_PLUGIN: the plugin answered a message with an error
 * @LC_JANUS_ERROR_CLOSED: the WebSocket closed before the answer came
 * @LC_JANUS_ERROR_PROTOCOL: the other side is not a gateway speaking janus-protocol
 * @LC_JANUS_ERROR_REDIRECT: the WebSocket request was answered with a redirect (not followed)
 * @LC_JANUS_ERROR_SILENT: the connection was accepted (the port is open), then nothing
 *   answered the WebSocket request in time
 *
 * Failures of the gateway's own protocol. Network, TLS and DNS failures keep their GIO
 * domains, so that the caller can tell a refused connection from a silent drop.
 */
typedef enum
{
  LC_JANUS_ERROR_TIMEOUT = 1,
  LC_JANUS_ERROR_REFUSED,
  LC_JANUS_ERROR_NO_SUCH_PLUGIN,
  LC_JANUS_ERROR_PLUGIN,
  LC_JANUS_ERROR_CLOSED,
  LC_JANUS_ERROR_PROTOCOL,
  LC_JANUS_ERROR_REDIRECT,
  LC_JANUS_ERROR_SILENT,
} LcJanusError;

GQuark lc_janus_error_quark (void);

#define LC_TYPE_JANUS_CLIENT (lc_janus_client_get_type ())

G_DECLARE_FINAL_TYPE (LcJanusClient, lc_janus_client, LC, JANUS_CLIENT, GObject)

LcJanusClient       *lc_janus_client_new                (const char           *uri,
                                                         GTlsDatabase         *tls_database,
                                                         guint                 timeout_ms);

const char          *lc_janus_client_get_uri            (LcJanusClient        *self);
gboolean             lc_janus_client_is_open            (LcJanusClient        *self);
GTlsCertificateFlags lc_janus_client_get_tls_errors     (LcJanusClient        *self);
const char          *lc_janus_client_get_server         (LcJanusClient        *self);

void                 lc_janus_client_connect_async      (LcJanusClient        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             lc_janus_client_connect_finish     (LcJanusClient        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                 lc_janus_client_attach_async       (LcJanusClient        *self,
                                                         const char           *plugin,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
guint64              lc_janus_client_attach_finish      (LcJanusClient        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                 lc_janus_client_send_message_async (LcJanusClient        *self,
                                                         guint64               handle,
                                                         JsonNode             *body,
                                                         const char           *jsep_type,
                                                         const char           *jsep_sdp,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject          *lc_janus_client_send_message_finish (LcJanusClient       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

void                 lc_janus_client_trickle            (LcJanusClient        *self,
                                                         guint64               handle,
                                                         guint                 mline_index,
                                                         const char           *candidate);

void                 lc_janus_client_close_async        (LcJanusClient        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             lc_janus_client_close_finish       (LcJanusClient        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
