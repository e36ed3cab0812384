/* lc-range-sweep.c — fetches a probe token over HTTPS, then probes every port, paced, and
 * probes again only the silent ones, as many times as the loss it sees calls for
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-range"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/socket.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "lc-check.h"
#include "lc-json-reader.h"
#include "lc-probe.h"
#include "lc-range-sweep.h"
#include "lc-safe-text.h"
#include "lc-tls.h"

#define TICK_MS 2
#define MAX_PER_TICK 64
#define MAX_TOKEN_BODY 4096
#define SETTLE_MIN_MS 250
#define SETTLE_MAX_MS 1000
#define RECEIVE_BUFFER (2 * 1024 * 1024)

typedef enum
{
  STATE_IDLE,
  STATE_RUNNING,
  STATE_DONE,
} State;

struct _LcRangeSweep
{
  GObject          parent_instance;

  char            *host;
  char            *token_url;
  GTlsDatabase    *database;
  GArray          *spans;          /* LcPortSpan, sorted and merged */

  State            state;
  GError          *error;          /* once done, if the sweep could not run */
  GPtrArray       *waiters;        /* GTask */
  GCancellable    *cancellable;    /* cancelled when the last waiter leaves */

  /* Token */
  SoupSession     *session;
  SoupMessage     *message;
  GTlsCertificateFlags tls_errors;
  guint            token_deadline_id;
  gboolean         token_timed_out;
  guint8           token_body[MAX_TOKEN_BODY + 1];
  LcProbeToken     token;

  /* Sweep */
  char            *address_text;
  GSocketAddress  *address;
  GSocket         *socket;
  GSource         *receive_source;
  guint            tick_id;
  guint            settle_id;
  guint16         *ports;          /* index → port */
  guint            n_ports;
  guint8          *tries;          /* index → probes sent */
  guint8          *answered_on;    /* index → the try that was answered first, 0: silent */
  gint64          *sent_at;        /* index → when its last probe left */
  GArray          *seq_index;      /* seq → index (guint16 would not hold 65,536 ports) */
  GArray          *queue;          /* indices to probe in this pass */
  guint            queue_pos;
  guint            pass;
  guint            target_tries;
  gint64           pass_started;
  guint            pass_sent;
  gint64           started;
  gint64           deadline;
  double           duration_ms;
  double           max_rtt_ms;
  guint            n_answered;
  guint            n_late;          /* answered, but not on the first try */
  gboolean         cut_short;
};

G_DEFINE_FINAL_TYPE (LcRangeSweep, lc_range_sweep, G_TYPE_OBJECT)

static void
stop_sweeping (LcRangeSweep *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->token_deadline_id, g_source_remove);
  if (self->receive_source != NULL)
    {
      g_source_destroy (self->receive_source);
      g_clear_pointer (&self->receive_source, g_source_unref);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
}

static void
lc_range_sweep_dispose (GObject *object)
{
  LcRangeSweep *self = (LcRangeSweep *)object;

  stop_sweeping (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (lc_range_sweep_parent_class)->dispose (object);
}

static void
lc_range_sweep_finalize (GObject *object)
{
  LcRangeSweep *self = (LcRangeSweep *)object;

  g_free (self->host);
  g_free (self->token_url);
  g_clear_object (&self->database);
  g_array_unref (self->spans);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->waiters);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->message);
  g_free (self->address_text);
  g_clear_object (&self->address);
  g_free (self->ports);
  g_free (self->tries);
  g_free (self->answered_on);
  g_free (self->sent_at);
  g_clear_pointer (&self->seq_index, g_array_unref);
  g_clear_pointer (&self->queue, g_array_unref);

  G_OBJECT_CLASS (lc_range_sweep_parent_class)->finalize (object);
}

static void
lc_range_sweep_class_init (LcRangeSweepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lc_range_sweep_dispose;
  object_class->finalize = lc_range_sweep_finalize;
}

static void
lc_range_sweep_init (LcRangeSweep *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (LcPortSpan));
  self->waiters = g_ptr_array_new ();
  self->duration_ms = -1;
}

/**
 * lc_range_sweep_new:
 * @host: the reflector
 * @token_url: where the probe token comes from (HTTPS)
 * @database: (nullable): the CA to trust for @token_url, %NULL for the system's
 *
 * Returns: (transfer full): a sweep of no ports yet
 */
LcRangeSweep *
lc_range_sweep_new (const char   *host,
                    const char   *token_url,
                    GTlsDatabase *database)
{
  LcRangeSweep *self;

  g_return_val_if_fail (host != NULL && token_url != NULL, NULL);

  self = g_object_new (LC_TYPE_RANGE_SWEEP, NULL);
  self->host = g_strdup (host);
  self->token_url = g_strdup (token_url);
  g_set_object (&self->database, database);
  return self;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  return (int)((const LcPortSpan *)a)->first - (int)((const LcPortSpan *)b)->first;
}

/**
 * lc_range_sweep_add_span:
 *
 * Adds ports @first to @last; a port that two rules share is probed once.
 */
void
lc_range_sweep_add_span (LcRangeSweep *self,
                         guint16       first,
                         guint16       last)
{
  LcPortSpan span = { MIN (first, last), MAX (first, last) };
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (LcPortSpan));

  g_return_if_fail (LC_IS_RANGE_SWEEP (self));
  g_return_if_fail (self->state == STATE_IDLE);

  g_array_append_val (self->spans, span);
  g_array_sort (self->spans, compare_spans);
  for (guint i = 0; i < self->spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (self->spans, LcPortSpan, i);
      LcPortSpan *prev = merged->len ? &g_array_index (merged, LcPortSpan, merged->len - 1)
                                     : NULL;

      if (prev != NULL && (guint)s->first <= (guint)prev->last + 1)
        prev->last = MAX (prev->last, s->last);
      else
        g_array_append_val (merged, *s);
    }
  g_array_set_size (self->spans, 0);
  g_array_append_vals (self->spans, merged->data, merged->len);
}

guint
lc_range_sweep_get_n_ports (LcRangeSweep *self)
{
  guint n = 0;

  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), 0);
  for (guint i = 0; i < self->spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (self->spans, LcPortSpan, i);
      n += s->last - s->first + 1;
    }
  return n;
}

/**
 * lc_range_sweep_get_budget_ms:
 *
 * Returns: the longest the sweep takes: the token, every try of a wholly silent range, the
 *   waits for late replies; it stops retrying rather than run over
 */
guint
lc_range_sweep_get_budget_ms (LcRangeSweep *self)
{
  guint n = lc_range_sweep_get_n_ports (self);

  return LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS + 2000 +
         (guint)(3.0 * n * 1000.0 / LC_RANGE_SWEEP_RATE) +
         LC_RANGE_SWEEP_MAX_TRIES * SETTLE_MAX_MS;
}

const char *
lc_range_sweep_get_host (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), NULL);
  return self->host;
}

/**
 * lc_range_sweep_get_address:
 *
 * Returns: (nullable): the reflector's address the probes went to, once resolved
 */
const char *
lc_range_sweep_get_address (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), NULL);
  return self->address_text;
}

const char *
lc_range_sweep_get_token_url (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), NULL);
  return self->token_url;
}

/* Finishing ------------------------------------------------------------------------------ */

static void
finish (LcRangeSweep *self,
        GError       *error)
{
  g_autoptr(GPtrArray) waiters = NULL;

  if (self->state == STATE_DONE)
    {
      g_clear_error (&error);
      return;
    }

  stop_sweeping (self);
  self->state = STATE_DONE;
  self->error = error;
  if (self->started != 0)
    self->duration_ms = (g_get_monotonic_time () - self->started) / 1000.0;

  waiters = g_steal_pointer (&self->waiters);
  self->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr(GTask) task = g_ptr_array_index (waiters, i);

      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
fail_with (LcRangeSweep *self,
           LcCause       cause,
           char         *message)
{
  GError *error = g_error_new_literal (LC_CHECK_ERROR, cause, message);

  g_free (message);
  finish (self, error);
}

/* Probing -------------------------------------------------------------------------------- */

static guint
choose_tries (LcRangeSweep *self)
{
  double q;
  double k;

  if (self->n_answered == 0)
    return LC_RANGE_SWEEP_MIN_TRIES;

  /* The share of open ports whose first probe or reply was lost estimates the round-trip
   * loss; never trust it below 1 %, the estimate is rough on a clean path. */
  q = MAX (0.01, (double)self->n_late / self->n_answered);
  if (q >= 0.9)
    return LC_RANGE_SWEEP_MAX_TRIES;
  k = ceil (log (LC_RANGE_SWEEP_FALSE_BLOCKED / self->n_ports) / log (q));
  return CLAMP ((guint)k, LC_RANGE_SWEEP_MIN_TRIES, LC_RANGE_SWEEP_MAX_TRIES);
}

static void start_pass (LcRangeSweep *self);

static gboolean
on_settled (gpointer user_data)
{
  LcRangeSweep *self = user_data;
  guint silent = 0;

  self->settle_id = 0;
  for (guint i = 0; i < self->n_ports; i++)
    silent += self->answered_on[i] == 0;

  self->target_tries = MAX (self->target_tries, choose_tries (self));
  if (silent == 0 || self->pass >= self->target_tries)
    {
      finish (self, NULL);
      return G_SOURCE_REMOVE;
    }

  /* Two passes without a single answer: the reflector is not there, or UDP is shut; more
   * tries would prove nothing more. */
  if (self->n_answered == 0 && self->pass >= 2)
    {
      finish (self, NULL);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () + (gint64)silent * G_USEC_PER_SEC / LC_RANGE_SWEEP_RATE +
      SETTLE_MAX_MS * 1000 > self->deadline ||
      self->seq_index->len + silent > LC_PROBE_MAX_SEQ)
    {
      self->cut_short = TRUE;
      finish (self, NULL);
      return G_SOURCE_REMOVE;
    }

  start_pass (self);
  return G_SOURCE_REMOVE;
}

static gboolean
send_probe (LcRangeSweep *self,
            guint         index)
{
  guint8 datagram[LC_PROBE_LEN];
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) target = NULL;
  LcProbe probe;

  probe.token = self->token;
  probe.seq = self->seq_index->len;
  probe.port = self->ports[index];
  lc_probe_encode (&probe, datagram, sizeof datagram);

  target = g_inet_socket_address_new (
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (self->address)), probe.port);
  if (g_socket_send_to (self->socket, target, (const char *)datagram, sizeof datagram, NULL,
                        &error) < 0)
    {
      /* A full send buffer: try again on the next tick. Anything else: the probe is lost, as
       * a dropped one would be, and the next pass tries again. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return FALSE;
      g_debug ("port %u: %s", probe.port, error->message);
    }

  g_array_append_val (self->seq_index, index);
  self->tries[index]++;
  self->sent_at[index] = g_get_monotonic_time ();
  return TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  LcRangeSweep *self = user_data;
  gint64 elapsed = g_get_monotonic_time () - self->pass_started;
  guint due = (guint)(elapsed * LC_RANGE_SWEEP_RATE / G_USEC_PER_SEC) + 1;
  guint sent = 0;

  while (self->pass_sent < due && sent < MAX_PER_TICK && self->queue_pos < self->queue->len)
    {
      guint index = g_array_index (self->queue, guint, self->queue_pos);

      /* Answered since the pass was planned (a late reply): no need to ask again. */
      if (self->answered_on[index] == 0 && !send_probe (self, index))
        break;
      self->queue_pos++;
      self->pass_sent++;
      sent++;
    }

  if (self->queue_pos < self->queue->len)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  self->settle_id = g_timeout_add (CLAMP ((guint)(4 * self->max_rtt_ms), SETTLE_MIN_MS,
                                          SETTLE_MAX_MS), on_settled, self);
  return G_SOURCE_REMOVE;
}

static void
start_pass (LcRangeSweep *self)
{
  g_array_set_size (self->queue, 0);
  for (guint i = 0; i < self->n_ports; i++)
    if (self->answered_on[i] == 0)
      g_array_append_val (self->queue, i);

  self->pass++;
  self->queue_pos = 0;
  self->pass_sent = 0;
  self->pass_started = g_get_monotonic_time ();
  self->tick_id = g_timeout_add (TICK_MS, on_tick, self);
}

static gboolean
on_receive (GSocket      *socket,
            GIOCondition  condition,
            gpointer      user_data)
{
  LcRangeSweep *self = user_data;
  GInetAddress *expected =
    g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (self->address));

  for (guint n = 0; n < 256; n++)
    {
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(GError) error = NULL;
      guint8 buffer[LC_PROBE_MAX_LEN];
      LcProbeReply reply;
      gssize got;
      guint index;

      got = g_socket_receive_from (socket, &from, (char *)buffer, sizeof buffer, NULL, &error);
      if (got < 0)
        break;

      /* Only a reply that matches a probe we sent, from the reflector, from the port it went
       * to, counts: anything else is noise on the path. */
      if (!lc_probe_reply_parse (buffer, got, &reply) ||
          memcmp (reply.nonce, self->token.nonce, LC_PROBE_TOKEN_NONCE_LEN) != 0 ||
          reply.seq >= self->seq_index->len || !G_IS_INET_SOCKET_ADDRESS (from) ||
          !g_inet_address_equal (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (from)),
                                 expected))
        continue;

      index = g_array_index (self->seq_index, guint, reply.seq);
      if (self->ports[index] != reply.port ||
          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (from)) != reply.port ||
          self->answered_on[index] != 0)
        continue;

      self->answered_on[index] = self->tries[index];
      self->n_answered++;
      if (self->tries[index] > 1)
        self->n_late++;
      self->max_rtt_ms = MAX (self->max_rtt_ms,
                              (g_get_monotonic_time () - self->sent_at[index]) / 1000.0);
    }
  return G_SOURCE_CONTINUE;
}

static void
start_probing (LcRangeSweep *self)
{
  g_autoptr(GError) error = NULL;
  GSocketFamily family = g_socket_address_get_family (self->address);
  guint index = 0;

  self->socket = g_socket_new (family, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  if (self->socket == NULL)
    {
      fail_with (self, LC_CAUSE_NETWORK,
                 g_strdup_printf (_("Cannot open a UDP socket: %s"), error->message));
      return;
    }
  g_socket_set_blocking (self->socket, FALSE);
  /* Replies come at the pace of the probes; room for a second of them if the loop lags. */
  g_socket_set_option (self->socket, SOL_SOCKET, SO_RCVBUF, RECEIVE_BUFFER, NULL);

  self->n_ports = lc_range_sweep_get_n_ports (self);
  self->ports = g_new (guint16, self->n_ports);
  self->tries = g_new0 (guint8, self->n_ports);
  self->answered_on = g_new0 (guint8, self->n_ports);
  self->sent_at = g_new0 (gint64, self->n_ports);
  self->seq_index = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n_ports * 2);
  self->queue = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->n_ports);
  for (guint i = 0; i < self->spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (self->spans, LcPortSpan, i);

      for (guint port = s->first; port <= s->last; port++)
        self->ports[index++] = port;
    }

  self->receive_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->receive_source, G_SOURCE_FUNC (on_receive), self, NULL);
  g_source_attach (self->receive_source, g_main_context_get_thread_default ());

  self->target_tries = LC_RANGE_SWEEP_MIN_TRIES;
  start_pass (self);
}

static void
on_resolved (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LcRangeSweep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autolist(GInetAddress) addresses = NULL;

  addresses = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (self->state == STATE_DONE)
    return;
  if (addresses == NULL)
    {
      fail_with (self, LC_CAUSE_DNS,
                 g_strdup_printf (_("The reflector %s does not resolve: %s"), self->host,
                                  error->message));
      return;
    }

  self->address = g_inet_socket_address_new (addresses->data, 0);
  self->address_text = g_inet_address_to_string (addresses->data);
  start_probing (self);
}

/* The token ------------------------------------------------------------------------------ */

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       LcRangeSweep         *self)
{
  self->tls_errors = errors;
  return FALSE;
}

static gboolean
on_token_deadline (gpointer user_data)
{
  LcRangeSweep *self = user_data;

  self->token_deadline_id = 0;
  self->token_timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
token_failed (LcRangeSweep *self,
              const GError *error)
{
  if (self->token_timed_out)
    {
      fail_with (self, LC_CAUSE_TIMEOUT,
                 g_strdup_printf (_("The probe token service at %s did not answer within %u s"),
                                  self->token_url, LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS / 1000));
      return;
    }

  if (self->tls_errors != 0)
    {
      g_autofree char *problem = lc_tls_describe_errors (self->tls_errors);
      g_autofree char *remedy = lc_tls_describe_remedy (self->tls_errors);

      fail_with (self, LC_CAUSE_TLS,
                 g_strdup_printf (_("The probe token service at %s has a certificate that is "
                                    "refused: %s — %s"), self->token_url, problem, remedy));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      fail_with (self, LC_CAUSE_TLS,
                 g_strdup_printf (_("The probe token service at %s connects, but the TLS "
                                    "handshake fails: %s"), self->token_url, error->message));
      return;
    }

  if (error->domain == G_RESOLVER_ERROR)
    {
      fail_with (self, LC_CAUSE_DNS,
                 g_strdup_printf (_("The probe token service at %s does not resolve: %s"),
                                  self->token_url, error->message));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      fail_with (self, LC_CAUSE_REFUSED,
                 g_strdup_printf (_("The probe token service at %s refused the connection: "
                                    "nothing listens there, or a firewall rejects it"),
                                  self->token_url));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      fail_with (self, LC_CAUSE_TIMEOUT,
                 g_strdup_printf (_("The probe token service at %s did not answer within %u s"),
                                  self->token_url, LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS / 1000));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    {
      fail_with (self, LC_CAUSE_UNREACHABLE,
                 g_strdup_printf (_("The probe token service at %s is unreachable: %s"),
                                  self->token_url, error->message));
      return;
    }

  fail_with (self, LC_CAUSE_PROTOCOL,
             g_strdup_printf (_("The probe token service at %s could not be asked: %s"),
                              self->token_url, error->message));
}

static gboolean
parse_token (LcRangeSweep  *self,
             const char    *body,
             gsize          len,
             GError       **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autofree guchar *bytes = NULL;
  const char *text = NULL;
  gsize n = 0;

  root = lc_json_parse_object (body, len, MAX_TOKEN_BODY, 8, error);
  if (root == NULL)
    return FALSE;
  if (!lc_json_read_string (root, "token", LC_JSON_REQUIRED, &text,
                            error))
    return FALSE;

  if (strlen (text) > 64)
    {
      g_set_error_literal (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE,
                           _("token: longer than any probe token"));
      return FALSE;
    }
  bytes = g_base64_decode (text, &n);
  if (!lc_probe_token_decode (bytes, n, &self->token))
    {
      g_set_error_literal (error, LC_JSON_ERROR, LC_JSON_ERROR_RANGE,
                           _("token: not a probe token this version understands"));
      return FALSE;
    }
  return TRUE;
}

static void
on_token_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LcRangeSweep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) resolver = NULL;
  gsize len = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (object), result, &len, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (self->state == STATE_DONE)
    return;
  if (error != NULL)
    {
      token_failed (self, error);
      return;
    }
  g_clear_handle_id (&self->token_deadline_id, g_source_remove);

  if (len > MAX_TOKEN_BODY)
    {
      fail_with (self, LC_CAUSE_PROTOCOL,
                 g_strdup_printf (_("The probe token service at %s answered with more than "
                                    "%u bytes: not a token"), self->token_url, MAX_TOKEN_BODY));
      return;
    }
  if (!parse_token (self, (const char *)self->token_body, len, &error))
    {
      fail_with (self, LC_CAUSE_PROTOCOL,
                 g_strdup_printf (_("The probe token service at %s answered, but not with a "
                                    "token: %s"), self->token_url, error->message));
      return;
    }

  self->started = g_get_monotonic_time ();
  self->deadline = self->started +
                   (gint64)(lc_range_sweep_get_budget_ms (self) -
                            LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS) * 1000;
  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_async (resolver, self->host, self->cancellable, on_resolved,
                                   g_object_ref (self));
}

static void
on_token_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LcRangeSweep) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = NULL;
  guint status;

  body = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self->state == STATE_DONE)
    return;
  if (body == NULL)
    {
      token_failed (self, error);
      return;
    }

  status = soup_message_get_status (self->message);
  if (status != SOUP_STATUS_OK)
    {
      const char *reason = soup_message_get_reason_phrase (self->message);
      g_autofree char *safe = lc_safe_text_new (reason ? reason : "", -1, LC_SAFE_TEXT_MAX_CHARS);

      if (status == 429  /* Too Many Requests */)
        fail_with (self, LC_CAUSE_PROTOCOL,
                   g_strdup_printf (_("The probe token service at %s answered HTTP %u %s: it "
                                      "hands out only so many tokens a minute; try again "
                                      "later"), self->token_url, status, safe));
      else
        fail_with (self, LC_CAUSE_PROTOCOL,
                   g_strdup_printf (_("The probe token service at %s answered HTTP %u %s, not "
                                      "a token"), self->token_url, status, safe));
      return;
    }

  g_input_stream_read_all_async (body, self->token_body, sizeof self->token_body,
                                 G_PRIORITY_DEFAULT, self->cancellable, on_token_read,
                                 g_object_ref (self));
}

static void
start (LcRangeSweep *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->token_url, G_URI_FLAGS_NONE, NULL);

  self->state = STATE_RUNNING;
  self->cancellable = g_cancellable_new ();

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    {
      fail_with (self, LC_CAUSE_NOT_TESTABLE,
                 g_strdup_printf (_("The profile’s token_url %s is not an HTTPS address"),
                                  self->token_url));
      return;
    }

  self->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_add_flags (self->message, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect_object (self->message, "accept-certificate",
                           G_CALLBACK (on_accept_certificate), self, 0);
  self->session = soup_session_new_with_options ("user-agent", "Linecheck/" PACKAGE_VERSION,
                                                 "timeout",
                                                 LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS / 1000,
                                                 NULL);
  if (self->database != NULL)
    soup_session_set_tls_database (self->session, self->database);

  self->token_deadline_id = g_timeout_add (LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS, on_token_deadline,
                                           self);
  soup_session_send_async (self->session, self->message, G_PRIORITY_DEFAULT, self->cancellable,
                           on_token_sent, g_object_ref (self));
}

/* Waiters -------------------------------------------------------------------------------- */

typedef struct
{
  LcRangeSweep *sweep;
  GCancellable *cancellable;
  gulong        handler;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->handler != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->handler);
  g_clear_object (&waiter->cancellable);
  g_free (waiter);
}

static gboolean
on_waiter_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  LcRangeSweep *self = g_task_get_source_object (task);

  if (g_ptr_array_remove (self->waiters, task))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The sweep was cancelled"));
      g_object_unref (task);

      /* Nobody waits for the answer any more: stop probing at once. */
      if (self->waiters->len == 0 && self->state == STATE_RUNNING)
        {
          g_cancellable_cancel (self->cancellable);
          finish (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The sweep was cancelled")));
        }
    }
  return G_SOURCE_REMOVE;
}

static void
on_waiter_cancelled (GCancellable *cancellable,
                     GTask        *task)
{
  /* Never from inside the cancellable's signal: that would disconnect it from itself. */
  g_idle_add_full (G_PRIORITY_HIGH, on_waiter_cancelled_idle, g_object_ref (task),
                   g_object_unref);
}

/**
 * lc_range_sweep_run_async:
 * @cancellable: (nullable): this caller stops waiting; the sweep stops once nobody waits
 *
 * Sweeps the ports, or waits for the sweep under way, or answers at once when it is done.
 */
void
lc_range_sweep_run_async (LcRangeSweep        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  Waiter *waiter;

  g_return_if_fail (LC_IS_RANGE_SWEEP (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lc_range_sweep_run_async);

  if (self->state == STATE_DONE)
    {
      if (self->error != NULL)
        g_task_return_error (task, g_error_copy (self->error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->sweep = self;
  g_task_set_task_data (task, waiter, (GDestroyNotify)waiter_free);
  g_ptr_array_add (self->waiters, task);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->handler = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled),
                                               task, NULL);
    }

  if (self->state == STATE_IDLE)
    start (self);
}

gboolean
lc_range_sweep_run_finish (LcRangeSweep  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Results -------------------------------------------------------------------------------- */

/**
 * lc_range_sweep_dup_spans:
 * @open: %TRUE for the ports that answered, %FALSE for the silent ones
 *
 * Returns: (transfer full) (element-type LcPortSpan): the runs of open or silent ports between
 *   @first and @last, in order
 */
GArray *
lc_range_sweep_dup_spans (LcRangeSweep *self,
                          guint16       first,
                          guint16       last,
                          gboolean      open)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (LcPortSpan));

  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), spans);

  for (guint i = 0; i < self->n_ports; i++)
    {
      guint16 port = self->ports[i];
      LcPortSpan *prev = spans->len ? &g_array_index (spans, LcPortSpan, spans->len - 1) : NULL;

      if (port < first || port > last || (self->answered_on[i] != 0) != open)
        continue;
      if (prev != NULL && (guint)prev->last + 1 == port)
        prev->last = port;
      else
        {
          LcPortSpan span = { port, port };
          g_array_append_val (spans, span);
        }
    }
  return spans;
}

double
lc_range_sweep_get_duration_ms (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), -1);
  return self->duration_ms;
}

/**
 * lc_range_sweep_get_loss_percent:
 *
 * Returns: the round-trip loss seen: the share of answering ports whose first probe or reply
 *   was lost; NAN when no port answered
 */
double
lc_range_sweep_get_loss_percent (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), NAN);
  if (self->n_answered == 0)
    return NAN;
  return 100.0 * self->n_late / self->n_answered;
}

guint
lc_range_sweep_get_tries (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), 0);
  return self->pass;
}

guint
lc_range_sweep_get_probes_sent (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), 0);
  return self->seq_index ? self->seq_index->len : 0;
}

/**
 * lc_range_sweep_get_cut_short:
 *
 * Returns: %TRUE when the sweep stopped retrying before the tries it wanted (out of time, or of
 *   the token's probes)
 */
gboolean
lc_range_sweep_get_cut_short (LcRangeSweep *self)
{
  g_return_val_if_fail (LC_IS_RANGE_SWEEP (self), FALSE);
  return self->cut_short;
}

/**
 * lc_port_spans_to_string:
 *
 * Returns: (transfer full): "15000-15099,17000", as a firewall rule takes them
 */
char *
lc_port_spans_to_string (GArray *spans)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (spans, LcPortSpan, i);

      if (i > 0)
        g_string_append_c (text, ',');
      if (s->first == s->last)
        g_string_append_printf (text, "%u", s->first);
      else
        g_string_append_printf (text, "%u-%u", s->first, s->last);
    }
  return g_string_free (text, FALSE);
}

/**
 * lc_port_spans_describe:
 *
 * Returns: (transfer full): "10000–14999 and 15100–20000", for a person
 */
char *
lc_port_spans_describe (GArray *spans)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (spans, LcPortSpan, i);

      if (i > 0)
        /* Translators: between the last two of a list of port ranges: "… and 15100–20000" */
        g_string_append (text, i + 1 == spans->len ? _(" and ") : ", ");
      if (s->first == s->last)
        g_string_append_printf (text, "%u", s->first);
      else
        g_string_append_printf (text, "%u–%u", s->first, s->last);
    }
  return g_string_free (text, FALSE);
}

guint
lc_port_spans_count (GArray *spans)
{
  guint n = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      LcPortSpan *s = &g_array_index (spans, LcPortSpan, i);
      n += s->last - s->first + 1;
    }
  return n;
}
