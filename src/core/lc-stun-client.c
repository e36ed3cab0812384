// lc-stun-client.c — probes a STUN/TURN server over UDP, TCP or TLS and says what happened
// SPDX-License-Identifier: GPL-3.0-or-later

#define G_LOG_DOMAIN "linecheck-stun"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lc-stun-client.h"
#include "lc-safe-text.h"
#include "lc-stun-message.h"
#include "lc-tls.h"

/* RFC 8489 §6.2.1: RTO starts at 500 ms and doubles; Rc = 7 sends, then Rm = 16 RTOs. */
#define INITIAL_RTO_MS        500
#define MAX_TRANSMISSIONS     7
#define LAST_WAIT_RTOS        16
/* How long freeing the allocation may take after the answer is known. */
#define REFRESH_BUDGET_MS     1000
#define MIN_REFRESH_BUDGET_MS 50
#define RECEIVE_BUFFER_SIZE   4096

typedef enum
{
  STAGE_RESOLVE,
  STAGE_CONNECT,
  STAGE_HANDSHAKE,
  STAGE_EXCHANGE,
  STAGE_REFRESH,
} Stage;

typedef enum
{
  TX_BIND,
  TX_ALLOCATE,
  TX_ALLOCATE_AUTH,
  TX_REFRESH,
} Transaction;

typedef struct
{
  /* What to probe. */
  GSocketConnectable        *server;
  LcStunTransport            transport;
  LcStunProbeKind            kind;
  char                      *username;
  char                      *credential;      /* wiped when freed; never printed */
  GTlsDatabase              *tls_database;
  guint                      timeout_ms;

  /* Lifecycle. */
  GMainContext              *context;
  GCancellable              *user_cancellable;
  GCancellable              *cancellable;     /* ours: cancelled by the user's, and at the end */
  gulong                     cancel_handler;
  GSource                   *deadline_source;
  gint64                     started_us;
  gboolean                   done;
  Stage                      stage;

  /* Where, for sentences: the rule's port, which a port map may serve elsewhere. */
  char                      *host;
  guint16                    port;
  guint16                    rule_port;
  GInetSocketAddress        *remote;

  /* UDP. */
  GSocketAddressEnumerator  *enumerator;
  GSocket                   *socket;
  GSource                   *receive_source;
  GSource                   *retransmit_source;
  guint                      rto_ms;
  guint                      n_transmissions;
  GError                    *unreachable;

  /* TCP and TLS. */
  GSocketClient             *client;
  GIOStream                 *stream;
  guint8                    *frame;
  gsize                      frame_size;
  GTlsCertificateFlags       tls_errors;

  /* The exchange. */
  Transaction                tx;
  GBytes                    *request;
  guint8                     transaction_id[LC_STUN_TRANSACTION_ID_SIZE];
  gint64                     first_sent_us;
  gboolean                   answered;
  gboolean                   got_noise;
  gboolean                   got_unprotected;  /* an allocation "success" without integrity */
  gboolean                   got_stray;        /* STUN answers to other transactions only */
  char                      *realm;
  char                      *nonce;
  GBytes                    *key;
  guint                      n_stale_nonces;

  LcStunResult              *result;
  guint8                     buffer[RECEIVE_BUFFER_SIZE];
} Probe;

static void send_request (GTask       *task,
                          Transaction  tx);
static void stream_read_message (GTask *task);
static void udp_resolve_next (GTask *task);

G_DEFINE_BOXED_TYPE (LcStunResult, lc_stun_result, lc_stun_result_copy, lc_stun_result_free)

static LcStunResult *
lc_stun_result_new (void)
{
  LcStunResult *result = g_new0 (LcStunResult, 1);

  result->rtt_ms = -1.0;

  return result;
}

/**
 * lc_stun_result_copy:
 *
 * Returns: (transfer full): a deep copy of @result
 */
LcStunResult *
lc_stun_result_copy (const LcStunResult *result)
{
  LcStunResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_memdup2 (result, sizeof *result);
  copy->detail = g_strdup (result->detail);
  copy->server_address = g_strdup (result->server_address);
  copy->mapped_address = g_strdup (result->mapped_address);
  copy->relayed_address = g_strdup (result->relayed_address);
  copy->error_reason = g_strdup (result->error_reason);

  return copy;
}

void
lc_stun_result_free (LcStunResult *result)
{
  if (result == NULL)
    return;

  g_free (result->detail);
  g_free (result->server_address);
  g_free (result->mapped_address);
  g_free (result->relayed_address);
  g_free (result->error_reason);
  g_free (result);
}

/**
 * lc_stun_cause_to_string:
 *
 * Returns: (nullable): the report's word for @cause, or %NULL for %LC_STUN_CAUSE_NONE
 */
const char *
lc_stun_cause_to_string (LcStunCause cause)
{
  switch (cause)
    {
    case LC_STUN_CAUSE_NONE:
      return NULL;
    case LC_STUN_CAUSE_REFUSED:
      return "refused";
    case LC_STUN_CAUSE_TIMEOUT:
      return "timeout";
    case LC_STUN_CAUSE_TLS:
      return "tls";
    case LC_STUN_CAUSE_AUTH:
      return "auth";
    case LC_STUN_CAUSE_PROTOCOL:
      return "protocol";
    case LC_STUN_CAUSE_DNS:
      return "dns";
    case LC_STUN_CAUSE_SILENT:
      return "silent";
    case LC_STUN_CAUSE_NOT_TLS:
      return "not-tls";
    case LC_STUN_CAUSE_NETWORK:
      return "network";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lc_stun_transport_to_string (LcStunTransport transport)
{
  switch (transport)
    {
    case LC_STUN_TRANSPORT_UDP:
      return "UDP";
    case LC_STUN_TRANSPORT_TCP:
      return "TCP";
    case LC_STUN_TRANSPORT_TLS:
      return "TLS";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
wipe_string (char *text)
{
  volatile char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0')
    *p++ = '\0';
}

static void
destroy_source (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
probe_free (gpointer data)
{
  Probe *p = data;

  if (p->cancel_handler != 0)
    g_cancellable_disconnect (p->user_cancellable, p->cancel_handler);

  g_clear_pointer (&p->deadline_source, destroy_source);
  g_clear_pointer (&p->receive_source, destroy_source);
  g_clear_pointer (&p->retransmit_source, destroy_source);

  wipe_string (p->credential);
  g_clear_pointer (&p->credential, g_free);
  g_clear_pointer (&p->username, g_free);
  g_clear_object (&p->server);
  g_clear_object (&p->tls_database);
  g_clear_pointer (&p->context, g_main_context_unref);
  g_clear_object (&p->user_cancellable);
  g_clear_object (&p->cancellable);
  g_clear_pointer (&p->host, g_free);
  g_clear_object (&p->remote);
  g_clear_object (&p->enumerator);
  g_clear_object (&p->socket);
  g_clear_error (&p->unreachable);
  g_clear_object (&p->client);
  g_clear_object (&p->stream);
  g_clear_pointer (&p->frame, g_free);
  g_clear_pointer (&p->request, g_bytes_unref);
  g_clear_pointer (&p->realm, g_free);
  g_clear_pointer (&p->nonce, g_free);
  g_clear_pointer (&p->key, g_bytes_unref);
  g_clear_pointer (&p->result, lc_stun_result_free);
  g_free (p);
}

static const char *
probe_name (Probe *p)
{
  return p->kind == LC_STUN_PROBE_ALLOCATE ? "TURN" : "STUN";
}

/* "TURN over TLS 443 to turn.example.net (198.18.0.4)" */
static char *
probe_prefix (Probe *p)
{
  g_autofree char *ip = NULL;
  guint port = p->rule_port ? p->rule_port : p->port;

  if (p->remote != NULL)
    {
      ip = g_inet_address_to_string (g_inet_socket_address_get_address (p->remote));
      if (port == 0)
        port = g_inet_socket_address_get_port (p->remote);
    }

  if (ip != NULL && g_strcmp0 (ip, p->host) != 0)
    /* Translators: the probe that every sentence about it starts with: "STUN" or "TURN", the
     * transport (UDP, TCP or TLS), the port, the host name and the address it resolved to,
     * e.g. "TURN over TLS 443 to turn.example.net (198.18.0.4)" */
    return g_strdup_printf (_("%s over %s %u to %s (%s)"), probe_name (p),
                            lc_stun_transport_to_string (p->transport), port, p->host, ip);

  /* Translators: as above, without the address, e.g. "STUN over UDP 3478 to 192.0.2.7" */
  return g_strdup_printf (_("%s over %s %u to %s"), probe_name (p),
                          lc_stun_transport_to_string (p->transport), port, p->host);
}

static char *
format_seconds (guint ms)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (ms % 1000 == 0)
    /* Translators: a wait in whole seconds, e.g. "3 s" */
    return g_strdup_printf (_("%u s"), ms / 1000);
  if (ms < 1000)
    /* Translators: a wait in milliseconds, e.g. "500 ms" */
    return g_strdup_printf (_("%u ms"), ms);

  /* Translators: a wait in seconds with one decimal, e.g. "1.5 s"; the number always has a
   * dot, whatever the locale */
  return g_strdup_printf (_("%s s"), g_ascii_formatd (number, sizeof number, "%.1f",
                                                      ms / 1000.0));
}

static void probe_fail (GTask       *task,
                        LcStunCause  cause,
                        const char  *format,
                        ...) G_GNUC_PRINTF (3, 4);

static gboolean
user_cancelled (Probe *p)
{
  return p->user_cancellable != NULL && g_cancellable_is_cancelled (p->user_cancellable);
}

/* Ends the probe once: stops every timer and pending operation, then hands the result (or
 * the user's cancellation) to the caller. */
static void
probe_complete (GTask *task)
{
  Probe *p = g_task_get_task_data (task);

  if (p->done)
    return;

  p->done = TRUE;
  g_clear_pointer (&p->deadline_source, destroy_source);
  g_clear_pointer (&p->receive_source, destroy_source);
  g_clear_pointer (&p->retransmit_source, destroy_source);
  g_cancellable_cancel (p->cancellable);
  if (p->socket != NULL)
    g_socket_close (p->socket, NULL);

  if (user_cancelled (p))
    {
      g_debug ("probe cancelled");
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The STUN/TURN probe was cancelled"));
      return;
    }

  g_debug ("%s", p->result->detail);
  g_task_return_pointer (task, g_steal_pointer (&p->result), (GDestroyNotify) lc_stun_result_free);
}

static void
probe_fail (GTask       *task,
            LcStunCause  cause,
            const char  *format,
            ...)
{
  Probe *p = g_task_get_task_data (task);
  g_autofree char *prefix = NULL;
  g_autofree char *what = NULL;
  va_list args;

  if (p->done)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  prefix = probe_prefix (p);
  p->result->success = FALSE;
  p->result->cause = cause;
  g_free (p->result->detail);
  p->result->detail = g_strconcat (prefix, what, NULL);

  probe_complete (task);
}

/* Sorts a GIO error from connecting, sending or receiving into a cause and a sentence. */
static void
probe_fail_with_error (GTask        *task,
                       const GError *error)
{
  Probe *p = g_task_get_task_data (task);

  if (user_cancelled (p))
    {
      probe_complete (task);
      return;
    }

  if (error->domain == G_RESOLVER_ERROR
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    probe_fail (task, LC_STUN_CAUSE_DNS,
                /* Translators: this and the other sentences that start with ": " follow the
                 * probe, e.g. "STUN over UDP 3478 to stun.example.net"; keep the ": " */
                _(": the name does not resolve (%s) — check the host name and this machine’s "
                  "DNS settings"), error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    probe_fail (task, LC_STUN_CAUSE_REFUSED,
                p->transport == LC_STUN_TRANSPORT_UDP
                ? _(": the host answered that the port is closed (ICMP port unreachable) — "
                    "nothing listens there, or a firewall rejects it")
                : _(": connection refused — nothing listens on that port, or a firewall "
                    "rejects it"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    probe_fail (task, LC_STUN_CAUSE_TIMEOUT,
                _(": the connection timed out — the firewall probably drops it"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    probe_fail (task, LC_STUN_CAUSE_NETWORK,
                _(": %s — check this machine’s network connection and routes"), error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE)
           || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_EOF))
    probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                _(": the server closed the connection without answering — this port may serve "
                  "another protocol, or a proxy cut it"));
  else
    {
      g_autofree char *why = lc_safe_text_new (error->message, -1, LC_SAFE_TEXT_MAX_CHARS);

      probe_fail (task, LC_STUN_CAUSE_NETWORK, ": %s", why);
    }
}

/* Says what did not happen in @waited_ms, by how far the probe got. */
static void
probe_timeout (GTask *task,
               guint  waited_ms)
{
  Probe *p = g_task_get_task_data (task);
  g_autofree char *seconds = format_seconds (waited_ms);

  switch (p->stage)
    {
    case STAGE_REFRESH:
      /* Freeing the allocation is best effort: the server expires it anyway. */
      g_debug ("no answer to the Refresh that frees the allocation; leaving it to expire");
      probe_complete (task);
      break;

    case STAGE_RESOLVE:
      probe_fail (task, LC_STUN_CAUSE_DNS,
                  _(": the name did not resolve in %s — check this machine’s DNS settings"),
                  seconds);
      break;

    case STAGE_CONNECT:
      probe_fail (task, LC_STUN_CAUSE_TIMEOUT,
                  _(": the connection did not open in %s — the firewall probably drops it"),
                  seconds);
      break;

    case STAGE_HANDSHAKE:
      probe_fail (task, LC_STUN_CAUSE_SILENT,
                  _(": the port is open (the connection is accepted), but the TLS handshake "
                    "gets no answer in %s — the service there is not answering, or something "
                    "on the path holds back TLS"), seconds);
      break;

    case STAGE_EXCHANGE:
    default:
      if (p->got_unprotected)
        probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                    _(": answered the allocation only without MESSAGE-INTEGRITY, which RFC 8489 "
                      "says to discard — it is not a TURN server that checks credentials, or "
                      "something on the path forges its answers"));
      else if (p->answered)
        probe_fail (task, LC_STUN_CAUSE_SILENT,
                    _(": answered the first request, then nothing more in %s — the path is "
                      "losing packets or the server is overloaded"), seconds);
      else if (p->got_stray)
        probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                    _(": something answers in STUN, but never to this probe’s request (another "
                      "transaction id) in %s — the server is broken, or something on the path "
                      "forges answers"), seconds);
      else if (p->got_noise)
        probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                    _(": something answered, but not in STUN, in %s — this port serves another "
                      "protocol"), seconds);
      else if (p->transport == LC_STUN_TRANSPORT_UDP)
        probe_fail (task, LC_STUN_CAUSE_TIMEOUT,
                    _(": no answer in %s — the firewall probably drops it, or no STUN server "
                      "listens there"), seconds);
      else
        probe_fail (task, LC_STUN_CAUSE_SILENT,
                    _(": the port is open (the connection is accepted), but no STUN answer "
                      "came in %s — this port may serve another protocol, or a proxy holds "
                      "the traffic"), seconds);
      break;
    }
}

static gboolean
on_deadline (gpointer data)
{
  GTask *task = data;
  Probe *p = g_task_get_task_data (task);

  g_clear_pointer (&p->deadline_source, destroy_source);
  probe_timeout (task, p->timeout_ms);

  return G_SOURCE_REMOVE;
}

static GSource *
attach_timeout (GTask       *task,
                guint        ms,
                GSourceFunc  func)
{
  Probe *p = g_task_get_task_data (task);
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[linecheck] STUN probe timer");
  g_source_attach (source, p->context);

  return source;
}

static void
set_remote (Probe         *p,
            GSocketAddress *address)
{
  g_clear_object (&p->remote);
  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      p->remote = g_object_ref (G_INET_SOCKET_ADDRESS (address));
      g_free (p->result->server_address);
      p->result->server_address = lc_stun_address_to_string (p->remote);
    }
}

/* The exchange. */

static void
start_refresh (GTask *task)
{
  Probe *p = g_task_get_task_data (task);
  gint64 left_ms = p->timeout_ms - (g_get_monotonic_time () - p->started_us) / 1000;
  guint budget = CLAMP (left_ms, 0, REFRESH_BUDGET_MS);

  if (budget < MIN_REFRESH_BUDGET_MS)
    {
      probe_complete (task);
      return;
    }

  p->stage = STAGE_REFRESH;
  g_clear_pointer (&p->deadline_source, destroy_source);
  p->deadline_source = attach_timeout (task, budget, on_deadline);
  send_request (task, TX_REFRESH);
}

static void
succeed (GTask         *task,
         LcStunMessage *answer)
{
  Probe *p = g_task_get_task_data (task);
  LcStunResult *r = p->result;
  g_autofree char *prefix = probe_prefix (p);
  guint32 lifetime = 0;

  /* The 401 that asked for credentials is part of the normal exchange, not a finding. */
  r->error_code = 0;
  g_clear_pointer (&r->error_reason, g_free);

  r->mapped_address = lc_stun_message_dup_address_string (answer,
                                                          LC_STUN_ATTR_XOR_MAPPED_ADDRESS);
  if (r->mapped_address == NULL)
    r->mapped_address = lc_stun_message_dup_address_string (answer,
                                                            LC_STUN_ATTR_MAPPED_ADDRESS);

  if (p->kind == LC_STUN_PROBE_BIND)
    {
      if (r->mapped_address == NULL)
        {
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      _(" answered the Binding request without saying our address"));
          return;
        }

      r->success = TRUE;
      /* Translators: the probe, the round trip in ms, then our address as the server saw it,
       * e.g. "STUN over UDP 3478 to 192.0.2.7 answered in 12.3 ms; this machine is seen as
       * 203.0.113.5:40112" */
      r->detail = g_strdup_printf (_("%s answered in %.*f ms; this machine is seen as %s"),
                                   prefix, r->rtt_ms < 1.0 ? 2 : 1, r->rtt_ms,
                                   r->mapped_address);
      probe_complete (task);
      return;
    }

  r->relayed_address = lc_stun_message_dup_address_string (answer,
                                                           LC_STUN_ATTR_XOR_RELAYED_ADDRESS);
  if (r->relayed_address == NULL)
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  _(" accepted the allocation but gave no relay address"));
      return;
    }

  if (lc_stun_message_get_uint32 (answer, LC_STUN_ATTR_LIFETIME, &lifetime))
    r->lifetime_s = lifetime;

  r->success = TRUE;
  /* Translators: the probe, the relay address, its lifetime in seconds, our address as the
   * server saw it (or "(not said)"), then the first round trip in ms */
  r->detail = g_strdup_printf (_("%s gave the relay address %s for %u s; this machine is seen "
                                 "as %s; first answer in %.*f ms"), prefix, r->relayed_address,
                               r->lifetime_s,
                               /* Translators: the server did not tell our address */
                               r->mapped_address ? r->mapped_address : _("(not said)"),
                               r->rtt_ms < 1.0 ? 2 : 1, r->rtt_ms);

  start_refresh (task);
}

static void
handle_error_answer (GTask         *task,
                     LcStunMessage *answer)
{
  Probe *p = g_task_get_task_data (task);
  g_autofree char *safe_reason = NULL;
  const char *reason = NULL;
  const char *realm;
  const char *nonce;
  guint code = 0;

  if (!lc_stun_message_get_error_code (answer, &code, &reason))
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL, _(" answered an error without an error code"));
      return;
    }

  /* The reason phrase is the server's: shown, bounded, never obeyed. */
  safe_reason = lc_safe_text_new (reason, -1, LC_SAFE_TEXT_MAX_CHARS);
  reason = safe_reason;
  p->result->error_code = code;
  g_free (p->result->error_reason);
  p->result->error_reason = g_strdup (reason);
  g_debug ("error answer %u %s", code, reason);

  if (p->tx == TX_BIND)
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  _(" answered the Binding request with %u %s — it may not be a STUN server"),
                  code, reason);
      return;
    }

  realm = lc_stun_message_get_string (answer, LC_STUN_ATTR_REALM);
  nonce = lc_stun_message_get_string (answer, LC_STUN_ATTR_NONCE);

  switch (code)
    {
    case 401:
      if (p->tx == TX_ALLOCATE_AUTH)
        {
          probe_fail (task, LC_STUN_CAUSE_AUTH,
                      /* Translators: this and the other sentences that start with a space
                       * follow the probe, their subject, e.g. "TURN over TCP 443 to
                       * turn.example.net"; keep the space */
                      _(" answered 401 Unauthorized twice: the username or password is wrong"));
          return;
        }
      if (realm == NULL || nonce == NULL)
        {
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      _(" asked for credentials (401) without a REALM and NONCE to use them with"));
          return;
        }
      if (p->username == NULL || p->credential == NULL)
        {
          probe_fail (task, LC_STUN_CAUSE_AUTH,
                      _(" asks for a username and password (401 Unauthorized), and the profile "
                        "gives none"));
          return;
        }
      break;

    case 438:
      if (p->n_stale_nonces++ > 0 || nonce == NULL)
        {
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      _(" answered 438 Stale Nonce again to a fresh nonce — the server’s clock "
                        "or nonce handling is broken"));
          return;
        }
      if (realm == NULL)
        realm = p->realm;
      break;

    case 403:
      probe_fail (task, LC_STUN_CAUSE_AUTH,
                  _(" refused the allocation with 403 %s — this account may not relay from here"),
                  reason);
      return;

    case 300:
      {
        g_autofree char *alternate = lc_stun_message_dup_address_string (
          answer, LC_STUN_ATTR_ALTERNATE_SERVER);

        if (alternate != NULL)
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      /* Translators: %s is the other server's address, e.g. "192.0.2.9:3478" */
                      _(" redirects to another server (300 Try Alternate: %s) — use that server "
                        "in the profile"), alternate);
        else
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      _(" redirects to another server (300 Try Alternate) — use that server in "
                        "the profile"));
        return;
      }

    case 437:
    case 486:
    case 508:
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  /* Translators: the STUN error code and the server's reason phrase, as sent
                   * (e.g. "486 Allocation Quota Reached"), then why in words */
                  _(" answered %u %s — the server cannot give a relay now (%s)"), code, reason,
                  code == 437 ? _("an allocation from this address already exists")
                  : code == 486 ? _("this account has too many allocations")
                  : _("it has no relay ports left"));
      return;

    default:
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL, _(" answered %u %s to the allocation"), code,
                  reason);
      return;
    }

  /* 401 to the first request, or 438: (re)compute the key and send with credentials. */
  if (g_strcmp0 (realm, p->realm) != 0 || p->key == NULL)
    {
      g_autofree char *new_realm = g_strdup (realm);

      g_free (p->realm);
      p->realm = g_steal_pointer (&new_realm);
      g_clear_pointer (&p->key, g_bytes_unref);
      p->key = lc_stun_key_new_long_term (p->username, p->realm, p->credential);
    }
  g_free (p->nonce);
  p->nonce = g_strdup (nonce);

  send_request (task, TX_ALLOCATE_AUTH);
}

/* Returns TRUE if the bytes were the answer to the current transaction and were handled. */
static gboolean
handle_answer (GTask        *task,
               const guint8 *data,
               gsize         length)
{
  Probe *p = g_task_get_task_data (task);
  g_autoptr(LcStunMessage) answer = NULL;
  g_autoptr(GError) error = NULL;
  LcStunClass klass;
  const guint16 *unknown;
  gsize n_unknown;

  answer = lc_stun_message_decode (data, length, &error);
  if (answer == NULL)
    {
      g_debug ("ignoring %" G_GSIZE_FORMAT " bytes that are not STUN: %s", length,
               error->message);
      p->got_noise = TRUE;
      return FALSE;
    }

  klass = lc_stun_message_get_class (answer);
  if (klass != LC_STUN_CLASS_SUCCESS && klass != LC_STUN_CLASS_ERROR)
    return FALSE;
  if (!lc_stun_message_has_transaction_id (answer, p->transaction_id))
    {
      /* An earlier transaction's late answer, or a forged one: not ours, but proof that
       * something answers on this port. */
      g_debug ("ignoring an answer to another transaction");
      p->got_stray = TRUE;
      return FALSE;
    }

  if (!p->answered)
    {
      p->answered = TRUE;
      p->result->rtt_ms = (g_get_monotonic_time () - p->first_sent_us) / 1000.0;
    }

  g_clear_pointer (&p->retransmit_source, destroy_source);

  if (p->tx == TX_REFRESH)
    {
      if (klass == LC_STUN_CLASS_SUCCESS)
        g_debug ("the allocation was freed");
      else
        g_debug ("freeing the allocation was refused; leaving it to expire");
      probe_complete (task);
      return TRUE;
    }

  if (klass == LC_STUN_CLASS_ERROR)
    {
      handle_error_answer (task, answer);
      return TRUE;
    }

  unknown = lc_stun_message_get_unknown_attributes (answer, &n_unknown);
  if (n_unknown > 0)
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  _(" answered with an attribute it requires us to understand (0x%04x) — it "
                    "speaks a STUN extension this check does not know"), unknown[0]);
      return TRUE;
    }

  /* RFC 8489 §9.2.4: a success to an authenticated request that lacks MESSAGE-INTEGRITY,
   * or fails it, is discarded, as if it had not come: the real answer may still come. */
  if (p->tx == TX_ALLOCATE_AUTH && !lc_stun_message_has_integrity (answer))
    {
      g_debug ("discarding an allocation success without MESSAGE-INTEGRITY");
      p->got_unprotected = TRUE;
      return FALSE;
    }
  if (p->tx == TX_ALLOCATE_AUTH && !lc_stun_message_verify_integrity (answer, p->key, &error))
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  _(" sent an answer that fails its integrity check — something on the path "
                    "altered it"));
      return TRUE;
    }

  succeed (task, answer);
  return TRUE;
}

/* UDP. */

static gboolean udp_retransmit (gpointer data);

static void
udp_transmit (GTask *task)
{
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (p->request, &length);

  if (p->first_sent_us == 0)
    p->first_sent_us = g_get_monotonic_time ();

  p->n_transmissions++;
  if (g_socket_send (p->socket, (const char *) data, length, NULL, &error) < 0
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      /* Another address of the same name may be reachable (IPv6 without a route…). */
      if (!p->answered && p->n_transmissions == 1 && p->tx != TX_REFRESH
          && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
              || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)))
        {
          g_clear_error (&p->unreachable);
          p->unreachable = g_steal_pointer (&error);
          g_clear_pointer (&p->receive_source, destroy_source);
          g_clear_object (&p->socket);
          p->first_sent_us = 0;
          p->n_transmissions = 0;
          udp_resolve_next (task);
          return;
        }

      if (p->stage == STAGE_REFRESH)
        probe_complete (task);
      else
        probe_fail_with_error (task, error);
      return;
    }

  g_clear_pointer (&p->retransmit_source, destroy_source);
  p->retransmit_source = attach_timeout (task,
                                         p->n_transmissions < MAX_TRANSMISSIONS
                                         ? p->rto_ms : INITIAL_RTO_MS * LAST_WAIT_RTOS,
                                         udp_retransmit);
  p->rto_ms *= 2;
}

static gboolean
udp_retransmit (gpointer data)
{
  GTask *task = data;
  Probe *p = g_task_get_task_data (task);

  g_clear_pointer (&p->retransmit_source, destroy_source);

  if (p->n_transmissions >= MAX_TRANSMISSIONS)
    {
      /* RFC 8489 gives up here; the deadline usually comes first. */
      if (p->stage == STAGE_REFRESH)
        probe_complete (task);
      else
        probe_timeout (task, (g_get_monotonic_time () - p->started_us) / 1000);
      return G_SOURCE_REMOVE;
    }

  g_debug ("retransmitting after %u ms", p->rto_ms / 2);
  udp_transmit (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_udp_readable (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      data)
{
  GTask *task = data;
  Probe *p = g_task_get_task_data (task);

  if (p->done)
    return G_SOURCE_REMOVE;

  if (g_cancellable_is_cancelled (p->cancellable))
    {
      probe_complete (task);
      return G_SOURCE_REMOVE;
    }

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize received = g_socket_receive (socket, (char *) p->buffer, sizeof p->buffer, NULL,
                                          &error);

      if (received < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;

          if (p->stage == STAGE_REFRESH)
            probe_complete (task);
          else
            probe_fail_with_error (task, error);
          return G_SOURCE_REMOVE;
        }

      handle_answer (task, p->buffer, received);
      if (p->done)
        return G_SOURCE_REMOVE;
    }
}

static void
udp_start (GTask          *task,
           GSocketAddress *address)
{
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  set_remote (p, address);

  p->socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                            G_SOCKET_PROTOCOL_UDP, &error);
  if (p->socket == NULL)
    {
      probe_fail_with_error (task, error);
      return;
    }

  g_socket_set_blocking (p->socket, FALSE);

  /* A connected UDP socket only hears from the server, and hears ICMP port unreachable. */
  if (!g_socket_connect (p->socket, address, NULL, &error))
    {
      probe_fail_with_error (task, error);
      return;
    }

  p->receive_source = g_socket_create_source (p->socket, G_IO_IN, p->cancellable);
  g_source_set_callback (p->receive_source, G_SOURCE_FUNC (on_udp_readable),
                         g_object_ref (task), g_object_unref);
  g_source_set_static_name (p->receive_source, "[linecheck] STUN probe socket");
  g_source_attach (p->receive_source, p->context);

  p->stage = STAGE_EXCHANGE;
  send_request (task, p->kind == LC_STUN_PROBE_ALLOCATE ? TX_ALLOCATE : TX_BIND);
}

static void
on_udp_resolved (GObject      *source,
                 GAsyncResult *res,
                 gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  address = g_socket_address_enumerator_next_finish (G_SOCKET_ADDRESS_ENUMERATOR (source), res,
                                                     &error);
  if (p->done)
    return;

  if (error != NULL)
    {
      /* After an unreachable address, a later lookup error says less than that one. */
      probe_fail_with_error (task, p->unreachable != NULL ? p->unreachable : error);
      return;
    }

  if (address == NULL)
    {
      if (p->unreachable != NULL)
        probe_fail_with_error (task, p->unreachable);
      else
        probe_fail (task, LC_STUN_CAUSE_DNS,
                    _(": the name resolves to no address — check the host name and this "
                      "machine’s DNS settings"));
      return;
    }

  if (!G_IS_INET_SOCKET_ADDRESS (address))
    {
      udp_resolve_next (task);
      return;
    }

  udp_start (task, address);
}

static void
udp_resolve_next (GTask *task)
{
  Probe *p = g_task_get_task_data (task);

  if (p->enumerator == NULL)
    p->enumerator = g_socket_connectable_enumerate (p->server);

  p->stage = STAGE_RESOLVE;
  g_socket_address_enumerator_next_async (p->enumerator, p->cancellable, on_udp_resolved,
                                          g_object_ref (task));
}

/* TCP and TLS: RFC 8489 §6.2.2 framing, a 20-byte header and then its announced length. */

static void
on_stream_body_read (GObject      *source,
                     GAsyncResult *res,
                     gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize got = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), res, &got, &error);
  if (p->done)
    return;

  if (error != NULL)
    {
      probe_fail_with_error (task, error);
      return;
    }

  if (got < p->frame_size - LC_STUN_HEADER_SIZE)
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  _(" closed the connection in the middle of an answer"));
      return;
    }

  if (!handle_answer (task, p->frame, p->frame_size) && !p->done)
    {
      if (p->got_noise)
        {
          probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                      _(" sent a damaged or invalid STUN answer — something on the path may "
                        "alter the traffic"));
          return;
        }
      stream_read_message (task);
    }
}

static void
on_stream_header_read (GObject      *source,
                       GAsyncResult *res,
                       gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize got = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), res, &got, &error);
  if (p->done)
    return;

  if (error != NULL)
    {
      probe_fail_with_error (task, error);
      return;
    }

  if (got < LC_STUN_HEADER_SIZE)
    {
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  got == 0
                  ? _(" closed the connection without answering — this port may serve another "
                      "protocol, or a proxy cut it")
                  : _(" closed the connection in the middle of an answer"));
      return;
    }

  p->frame_size = lc_stun_message_size_from_header (p->frame, LC_STUN_HEADER_SIZE, &error);
  if (p->frame_size == 0)
    {
      g_debug ("not STUN: %s", error->message);
      probe_fail (task, LC_STUN_CAUSE_PROTOCOL,
                  " answered with something that is not STUN — this port serves another "
                  "protocol");
      return;
    }

  p->frame = g_realloc (p->frame, p->frame_size);
  if (p->frame_size == LC_STUN_HEADER_SIZE)
    {
      if (!handle_answer (task, p->frame, p->frame_size) && !p->done)
        stream_read_message (task);
      return;
    }

  g_input_stream_read_all_async (g_io_stream_get_input_stream (p->stream),
                                 p->frame + LC_STUN_HEADER_SIZE,
                                 p->frame_size - LC_STUN_HEADER_SIZE, G_PRIORITY_DEFAULT,
                                 p->cancellable, on_stream_body_read, g_object_ref (task));
}

static void
stream_read_message (GTask *task)
{
  Probe *p = g_task_get_task_data (task);

  p->frame = g_realloc (p->frame, LC_STUN_HEADER_SIZE);
  g_input_stream_read_all_async (g_io_stream_get_input_stream (p->stream), p->frame,
                                 LC_STUN_HEADER_SIZE, G_PRIORITY_DEFAULT, p->cancellable,
                                 on_stream_header_read, g_object_ref (task));
}

static void
on_stream_written (GObject      *source,
                   GAsyncResult *res,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), res, NULL, &error);
  if (p->done)
    return;

  if (error != NULL)
    {
      if (p->stage == STAGE_REFRESH)
        probe_complete (task);
      else
        probe_fail_with_error (task, error);
      return;
    }

  stream_read_message (task);
}

static void
stream_transmit (GTask *task)
{
  Probe *p = g_task_get_task_data (task);
  gsize length;
  const guint8 *data = g_bytes_get_data (p->request, &length);

  if (p->first_sent_us == 0)
    p->first_sent_us = g_get_monotonic_time ();

  g_output_stream_write_all_async (g_io_stream_get_output_stream (p->stream), data, length,
                                   G_PRIORITY_DEFAULT, p->cancellable, on_stream_written,
                                   g_object_ref (task));
}

static gboolean
on_accept_certificate (GTlsConnection       *connection,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              data)
{
  Probe *p = data;

  /* Never accept a bad certificate; only remember why it was bad. */
  p->tls_errors = errors;

  return FALSE;
}

static void
on_handshake_done (GObject      *source,
                   GAsyncResult *res,
                   gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  GTlsConnection *tls = G_TLS_CONNECTION (source);
  g_autoptr(GError) error = NULL;

  g_tls_connection_handshake_finish (tls, res, &error);
  g_signal_handlers_disconnect_by_func (tls, on_accept_certificate, p);
  if (p->done)
    return;

  if (error != NULL)
    {
      if (user_cancelled (p))
        {
          probe_complete (task);
          return;
        }

      if (p->tls_errors == 0)
        p->tls_errors = g_tls_connection_get_peer_certificate_errors (tls);
      p->result->tls_errors = p->tls_errors;

      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE)
          || p->tls_errors != 0)
        {
          g_autofree char *words = lc_tls_describe_errors (p->tls_errors);
          g_autofree char *fix = lc_tls_describe_remedy (p->tls_errors);

          probe_fail (task, LC_STUN_CAUSE_TLS,
                      /* Translators: what is wrong with the certificate, then what to do */
                      _(": the server’s certificate is not trusted: %s — %s"), words, fix);
        }
      else if (lc_tls_classify_handshake_error (error) == LC_TLS_HANDSHAKE_NOT_TLS)
        probe_fail (task, LC_STUN_CAUSE_NOT_TLS,
                    _(": the port is open, but what answers there does not speak TLS — use "
                      "plain TCP, or the TLS port"));
      else if (lc_tls_classify_handshake_error (error) == LC_TLS_HANDSHAKE_CLOSED)
        probe_fail (task, LC_STUN_CAUSE_TLS,
                    _(": the connection closed during the TLS handshake — a firewall or proxy "
                      "may block TLS to this server"));
      else
        probe_fail (task, LC_STUN_CAUSE_TLS, _(": the TLS handshake failed: %s"), error->message);
      return;
    }

  p->stage = STAGE_EXCHANGE;
  send_request (task, p->kind == LC_STUN_PROBE_ALLOCATE ? TX_ALLOCATE : TX_BIND);
}

static void
on_stream_connected (GObject      *source,
                     GAsyncResult *res,
                     gpointer      data)
{
  g_autoptr(GTask) task = data;
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GIOStream) tls = NULL;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), res, &error);
  if (p->done)
    return;

  if (connection == NULL)
    {
      probe_fail_with_error (task, error);
      return;
    }

  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (remote != NULL)
    set_remote (p, remote);

  if (p->transport != LC_STUN_TRANSPORT_TLS)
    {
      p->stream = G_IO_STREAM (g_steal_pointer (&connection));
      p->stage = STAGE_EXCHANGE;
      send_request (task, p->kind == LC_STUN_PROBE_ALLOCATE ? TX_ALLOCATE : TX_BIND);
      return;
    }

  /* TLS is set up here rather than by GSocketClient, so that a refused connection and a
   * refused certificate stay two different findings with their own timing. */
  tls = g_tls_client_connection_new (G_IO_STREAM (connection), p->server, &error);
  if (tls == NULL)
    {
      probe_fail (task, LC_STUN_CAUSE_TLS, _(": TLS is not available on this machine: %s"),
                  error->message);
      return;
    }

  if (p->tls_database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), p->tls_database);
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (on_accept_certificate), p);

  p->stream = g_steal_pointer (&tls);
  p->stage = STAGE_HANDSHAKE;
  g_tls_connection_handshake_async (G_TLS_CONNECTION (p->stream), G_PRIORITY_DEFAULT,
                                    p->cancellable, on_handshake_done, g_object_ref (task));
}

static void
send_request (GTask       *task,
              Transaction  tx)
{
  Probe *p = g_task_get_task_data (task);
  g_autoptr(LcStunMessage) request = NULL;
  guint method;
  gboolean authenticated;

  switch (tx)
    {
    case TX_BIND:
      method = LC_STUN_METHOD_BINDING;
      break;
    case TX_REFRESH:
      method = LC_STUN_METHOD_REFRESH;
      break;
    case TX_ALLOCATE:
    case TX_ALLOCATE_AUTH:
    default:
      method = LC_STUN_METHOD_ALLOCATE;
      break;
    }

  authenticated = tx == TX_ALLOCATE_AUTH || (tx == TX_REFRESH && p->key != NULL);

  request = lc_stun_message_new (method, LC_STUN_CLASS_REQUEST, NULL);
  memcpy (p->transaction_id, lc_stun_message_get_transaction_id (request),
          LC_STUN_TRANSACTION_ID_SIZE);

  lc_stun_message_add_string (request, LC_STUN_ATTR_SOFTWARE, "Linecheck " PACKAGE_VERSION);
  if (method == LC_STUN_METHOD_ALLOCATE)
    lc_stun_message_add_requested_transport (request, LC_STUN_TRANSPORT_PROTOCOL_UDP);
  if (method == LC_STUN_METHOD_REFRESH)
    lc_stun_message_add_uint32 (request, LC_STUN_ATTR_LIFETIME, 0);
  if (authenticated)
    {
      lc_stun_message_add_string (request, LC_STUN_ATTR_USERNAME, p->username);
      lc_stun_message_add_string (request, LC_STUN_ATTR_REALM, p->realm);
      lc_stun_message_add_string (request, LC_STUN_ATTR_NONCE, p->nonce);
    }

  g_clear_pointer (&p->request, g_bytes_unref);
  p->request = lc_stun_message_encode (request, authenticated ? p->key : NULL, TRUE);
  p->tx = tx;

  g_debug ("sending %s%s", tx == TX_BIND ? "Binding" : tx == TX_REFRESH ? "Refresh (free)"
                                                                        : "Allocate",
           authenticated ? " with credentials" : "");

  if (p->transport == LC_STUN_TRANSPORT_UDP)
    {
      p->rto_ms = INITIAL_RTO_MS;
      p->n_transmissions = 0;
      udp_transmit (task);
    }
  else
    {
      stream_transmit (task);
    }
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  /* May run in another thread: only pass the cancellation on. */
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static void
describe_server (Probe *p)
{
  if (G_IS_NETWORK_ADDRESS (p->server))
    {
      p->host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (p->server)));
      p->port = g_network_address_get_port (G_NETWORK_ADDRESS (p->server));
    }
  else if (G_IS_INET_SOCKET_ADDRESS (p->server))
    {
      GInetSocketAddress *address = G_INET_SOCKET_ADDRESS (p->server);

      p->host = g_inet_address_to_string (g_inet_socket_address_get_address (address));
      p->port = g_inet_socket_address_get_port (address);
    }
  else if (G_IS_NETWORK_SERVICE (p->server))
    {
      p->host = g_strdup (g_network_service_get_domain (G_NETWORK_SERVICE (p->server)));
    }
  else
    {
      p->host = g_socket_connectable_to_string (p->server);
    }
}

/**
 * lc_stun_client_probe_async:
 * @server: the STUN/TURN server, e.g. `g_network_address_new (host, port)`
 * @rule_port: the port the firewall rule speaks of, for the sentences (a port map may serve
 *   it on @server's port); 0 to speak of @server's port
 * @transport: UDP, TCP, or TLS (TURN over TLS, "turns:")
 * @kind: a Binding only, or a TURN allocation (freed again right after)
 * @username: (nullable): the TURN username; %NULL for plain STUN
 * @credential: (nullable): the TURN password; never written to a result or a log
 * @tls_database: (nullable): the CAs to trust for TLS; %NULL for the system's
 * @timeout_ms: the deadline for the whole probe
 * @cancellable: (nullable): cancels the probe promptly
 * @callback: called when the probe is over
 * @user_data: for @callback
 *
 * Asks a STUN/TURN server for our address (and, for %LC_STUN_PROBE_ALLOCATE, a relay) and
 * finds out why not when it fails. UDP retransmits as RFC 8489 says (500 ms, doubling) until
 * the deadline; TCP and TLS frame STUN on the stream. An allocation goes unauthenticated
 * first, then with the long-term credentials the 401 answer asks for (once more on 438 Stale
 * Nonce), then is freed with a Refresh of lifetime 0 that may take up to 1 s more.
 */
void
lc_stun_client_probe_async (GSocketConnectable  *server,
                            guint16              rule_port,
                            LcStunTransport      transport,
                            LcStunProbeKind      kind,
                            const char          *username,
                            const char          *credential,
                            GTlsDatabase        *tls_database,
                            guint                timeout_ms,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Probe *p;

  g_return_if_fail (G_IS_SOCKET_CONNECTABLE (server));
  g_return_if_fail (transport <= LC_STUN_TRANSPORT_TLS);
  g_return_if_fail (kind <= LC_STUN_PROBE_ALLOCATE);
  g_return_if_fail (tls_database == NULL || G_IS_TLS_DATABASE (tls_database));
  g_return_if_fail (timeout_ms > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_stun_client_probe_async);
  g_task_set_name (task, "[linecheck] STUN probe");

  p = g_new0 (Probe, 1);
  g_task_set_task_data (task, p, probe_free);

  p->server = g_object_ref (server);
  p->rule_port = rule_port;
  p->transport = transport;
  p->kind = kind;
  p->username = g_strdup (username);
  p->credential = g_strdup (credential);
  p->tls_database = tls_database != NULL ? g_object_ref (tls_database) : NULL;
  p->timeout_ms = timeout_ms;
  p->context = g_main_context_ref_thread_default ();
  p->user_cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  p->cancellable = g_cancellable_new ();
  p->result = lc_stun_result_new ();
  p->started_us = g_get_monotonic_time ();
  describe_server (p);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    p->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                               g_object_ref (p->cancellable), g_object_unref);

  p->deadline_source = attach_timeout (task, timeout_ms, on_deadline);

  if (transport == LC_STUN_TRANSPORT_UDP)
    {
      udp_resolve_next (task);
    }
  else
    {
      p->client = g_socket_client_new ();
      p->stage = STAGE_CONNECT;
      g_socket_client_connect_async (p->client, server, p->cancellable, on_stream_connected,
                                     g_object_ref (task));
    }
}

/**
 * lc_stun_client_probe_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: set to %G_IO_ERROR_CANCELLED when the probe was cancelled
 *
 * Returns: (transfer full) (nullable): what the probe found, success or failure; %NULL only
 *   when cancelled
 */
LcStunResult *
lc_stun_client_probe_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lc_stun_client_probe_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
