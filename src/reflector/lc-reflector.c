/* lc-reflector.c — one UDP socket per port under one epoll; a reply only to a valid, fresh probe,
 * never larger than it, within the rate limits
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-reflector"
#define _GNU_SOURCE  /* struct in6_pktinfo */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "lc-probe-token.h"
#include "lc-rate-limit.h"
#include "lc-reflector.h"

#define MAX_EVENTS 256
/* Per socket per wake-up: one busy port must not starve the others. */
#define MAX_READS_PER_SOCKET 32
#define PRUNE_INTERVAL_S 2
#define STATS_INTERVAL_S 60
#define SEEN_BYTES (LC_PROBE_MAX_SEQ / 8)

typedef struct
{
  guint8      address[LC_PROBE_ADDRESS_LEN];
  LcRateLimit limit;
  guint       n_tokens;
} Source;

typedef struct
{
  gint64        key;                  /* the nonce, as the table's key */
  LcProbeToken  token;
  guint8        address[LC_PROBE_ADDRESS_LEN];
  Source       *source;
  LcRateLimit   limit;
  guint8       *seen;                 /* a bit per sequence number: replays get silence */
} TokenEntry;

struct _LcReflector
{
  GObject            parent_instance;

  GBytes            *secret;
  GArray            *ranges;
  char              *address;
  int                epoll_fd;
  guint              epoll_watch;
  int               *fds;
  guint16           *ports;
  guint              n_fds;
  gboolean           ipv6;
  GHashTable        *tokens;          /* &key → TokenEntry */
  GHashTable        *sources;         /* address → Source */
  LcRateLimit        global;
  LcRateLimit        new_tokens;
  LcReflectorStats   stats;
  LcReflectorStats   logged;
  guint              prune_id;
  guint              stats_id;
};

G_DEFINE_FINAL_TYPE (LcReflector, lc_reflector, G_TYPE_OBJECT)

static guint
address_hash (gconstpointer key)
{
  const guint8 *a = key;
  guint h = 5381;

  for (guint i = 0; i < LC_PROBE_ADDRESS_LEN; i++)
    h = h * 33 + a[i];
  return h;
}

static gboolean
address_equal (gconstpointer a,
               gconstpointer b)
{
  return memcmp (a, b, LC_PROBE_ADDRESS_LEN) == 0;
}

static void
token_entry_free (TokenEntry *entry)
{
  g_free (entry->seen);
  g_free (entry);
}

static void
lc_reflector_finalize (GObject *object)
{
  LcReflector *self = (LcReflector *)object;

  g_clear_handle_id (&self->epoll_watch, g_source_remove);
  g_clear_handle_id (&self->prune_id, g_source_remove);
  g_clear_handle_id (&self->stats_id, g_source_remove);
  for (guint i = 0; i < self->n_fds; i++)
    if (self->fds[i] >= 0)
      close (self->fds[i]);
  if (self->epoll_fd >= 0)
    close (self->epoll_fd);
  g_free (self->fds);
  g_free (self->ports);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_clear_pointer (&self->ranges, g_array_unref);
  g_free (self->address);

  G_OBJECT_CLASS (lc_reflector_parent_class)->finalize (object);
}

static void
lc_reflector_class_init (LcReflectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_reflector_finalize;
}

static void
lc_reflector_init (LcReflector *self)
{
  gint64 now = g_get_monotonic_time ();

  self->epoll_fd = -1;
  self->tokens = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify)token_entry_free);
  self->sources = g_hash_table_new_full (address_hash, address_equal, NULL, g_free);
  lc_rate_limit_init (&self->global, LC_REFLECTOR_RATE_GLOBAL, LC_REFLECTOR_BURST_GLOBAL, now);
  lc_rate_limit_init (&self->new_tokens, LC_REFLECTOR_RATE_NEW_TOKENS,
                      LC_REFLECTOR_RATE_NEW_TOKENS / 10, now);
}

/**
 * lc_reflector_new:
 * @config: validated settings, the secret loaded
 *
 * Returns: (transfer full): a reflector, not yet listening
 */
LcReflector *
lc_reflector_new (LcReflectorConfig *config)
{
  LcReflector *self;

  g_return_val_if_fail (config != NULL && config->secret != NULL, NULL);

  self = g_object_new (LC_TYPE_REFLECTOR, NULL);
  self->secret = g_bytes_ref (config->secret);
  self->ranges = g_array_ref (config->ranges);
  self->address = g_strdup (config->address);
  return self;
}

static void
forget_token (LcReflector *self,
              TokenEntry  *entry)
{
  Source *source = entry->source;

  g_hash_table_remove (self->tokens, &entry->key);
  if (source != NULL && --source->n_tokens == 0)
    g_hash_table_remove (self->sources, source->address);
}

static guint
prune_expired (LcReflector *self)
{
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) expired = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if ((gint64)((TokenEntry *)value)->token.expiry <= now_s)
      g_ptr_array_add (expired, value);

  for (guint i = 0; i < expired->len; i++)
    forget_token (self, g_ptr_array_index (expired, i));
  return expired->len;
}

static gboolean
on_prune (gpointer user_data)
{
  prune_expired (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_stats (gpointer user_data)
{
  LcReflector *self = user_data;
  LcReflectorStats *s = &self->stats, *l = &self->logged;

  if (memcmp (s, l, sizeof *s) == 0)
    return G_SOURCE_CONTINUE;

  g_message (_("last %d s: %llu probes answered, %llu garbage, %llu bad or expired tokens, "
               "%llu replays, %llu over the rate limits; %u live tokens"),
             STATS_INTERVAL_S, (unsigned long long)(s->answered - l->answered),
             (unsigned long long)(s->garbage - l->garbage),
             (unsigned long long)(s->bad_token - l->bad_token),
             (unsigned long long)(s->replayed - l->replayed),
             (unsigned long long)(s->rate_limited - l->rate_limited),
             g_hash_table_size (self->tokens));
  *l = *s;
  return G_SOURCE_CONTINUE;
}

/* The token's table entry, checked against @address; a token not seen yet is verified (an
 * HMAC, under its own rate limit) and entered. NULL: silence. */
static TokenEntry *
find_token (LcReflector  *self,
            const LcProbe *probe,
            const guint8  address[LC_PROBE_ADDRESS_LEN],
            gint64         now_us,
            gint64         now_s)
{
  TokenEntry *entry;
  Source *source;
  gint64 key;
  gsize secret_len;
  const guint8 *secret = g_bytes_get_data (self->secret, &secret_len);

  memcpy (&key, probe->token.nonce, sizeof key);
  entry = g_hash_table_lookup (self->tokens, &key);
  if (entry != NULL)
    {
      if (!lc_probe_token_equal (&entry->token, &probe->token) ||
          memcmp (entry->address, address, LC_PROBE_ADDRESS_LEN) != 0 ||
          (gint64)entry->token.expiry <= now_s)
        {
          self->stats.bad_token++;
          return NULL;
        }
      return entry;
    }

  if (!lc_rate_limit_take (&self->new_tokens, now_us))
    {
      self->stats.rate_limited++;
      return NULL;
    }
  if (lc_probe_token_verify (secret, secret_len, address, now_s, &probe->token) !=
      LC_PROBE_TOKEN_VALID)
    {
      self->stats.bad_token++;
      return NULL;
    }
  if (g_hash_table_size (self->tokens) >= LC_REFLECTOR_MAX_TOKENS &&
      prune_expired (self) == 0)
    {
      self->stats.rate_limited++;
      return NULL;
    }

  source = g_hash_table_lookup (self->sources, address);
  if (source == NULL)
    {
      source = g_new0 (Source, 1);
      memcpy (source->address, address, LC_PROBE_ADDRESS_LEN);
      lc_rate_limit_init (&source->limit, LC_REFLECTOR_RATE_PER_SOURCE,
                          LC_REFLECTOR_BURST_PER_SOURCE, now_us);
      g_hash_table_insert (self->sources, source->address, source);
    }
  source->n_tokens++;

  entry = g_new0 (TokenEntry, 1);
  entry->key = key;
  entry->token = probe->token;
  memcpy (entry->address, address, LC_PROBE_ADDRESS_LEN);
  entry->source = source;
  entry->seen = g_malloc0 (SEEN_BYTES);
  lc_rate_limit_init (&entry->limit, LC_REFLECTOR_RATE_PER_TOKEN, LC_REFLECTOR_BURST_PER_TOKEN,
                      now_us);
  g_hash_table_insert (self->tokens, &entry->key, entry);
  return entry;
}

static void
address_from_sockaddr (const struct sockaddr_storage *from,
                       guint8                         out[LC_PROBE_ADDRESS_LEN])
{
  if (from->ss_family == AF_INET)
    {
      const struct sockaddr_in *in = (const struct sockaddr_in *)from;

      memset (out, 0, 10);
      out[10] = out[11] = 0xff;
      memcpy (out + 12, &in->sin_addr, 4);
    }
  else
    memcpy (out, &((const struct sockaddr_in6 *)from)->sin6_addr, LC_PROBE_ADDRESS_LEN);
}

/* Decides on one datagram; returns the reply's length, 0 for silence. */
static gsize
answer (LcReflector                   *self,
        guint16                        local_port,
        const guint8                  *data,
        gsize                          len,
        const struct sockaddr_storage *from,
        gint64                         now_us,
        gint64                         now_s,
        guint8                         reply[LC_PROBE_REPLY_LEN])
{
  guint8 address[LC_PROBE_ADDRESS_LEN];
  LcProbeReply out;
  TokenEntry *entry;
  LcProbe probe;

  if (!lc_rate_limit_take (&self->global, now_us))
    {
      self->stats.rate_limited++;
      return 0;
    }

  /* One socket alone sits behind a redirect (docs/reflector.md): it answers for any port the
   * probe names; with a socket per port, a probe must name the port it arrived on. */
  if (!lc_probe_parse (data, len, &probe) || (self->n_fds > 1 && probe.port != local_port))
    {
      self->stats.garbage++;
      return 0;
    }

  address_from_sockaddr (from, address);
  entry = find_token (self, &probe, address, now_us, now_s);
  if (entry == NULL)
    return 0;

  if (entry->seen[probe.seq / 8] & (1u << (probe.seq % 8)))
    {
      self->stats.replayed++;
      return 0;
    }
  if (!lc_rate_limit_take (&entry->source->limit, now_us) ||
      !lc_rate_limit_take (&entry->limit, now_us))
    {
      self->stats.rate_limited++;
      return 0;
    }
  entry->seen[probe.seq / 8] |= 1u << (probe.seq % 8);

  memcpy (out.nonce, probe.token.nonce, LC_PROBE_TOKEN_NONCE_LEN);
  out.seq = probe.seq;
  out.port = probe.port;
  G_STATIC_ASSERT (LC_PROBE_REPLY_LEN < LC_PROBE_LEN);
  self->stats.answered++;
  return lc_probe_reply_encode (&out, reply);
}

static void
drain_socket (LcReflector *self,
              guint        index,
              gint64       now_us,
              gint64       now_s)
{
  int fd = self->fds[index];

  for (guint n = 0; n < MAX_READS_PER_SOCKET; n++)
    {
      guint8 buffer[LC_PROBE_MAX_LEN + 1];
      guint8 reply[LC_PROBE_REPLY_LEN];
      union { char buf[CMSG_SPACE (sizeof (struct in6_pktinfo))]; struct cmsghdr align; } control;
      struct sockaddr_storage from;
      struct iovec iov = { buffer, sizeof buffer };
      struct msghdr msg = { 0 };
      struct cmsghdr *cmsg;
      ssize_t got;
      gsize reply_len;

      msg.msg_name = &from;
      msg.msg_namelen = sizeof from;
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control.buf;
      msg.msg_controllen = sizeof control.buf;

      got = recvmsg (fd, &msg, MSG_DONTWAIT);
      if (got < 0)
        {
          if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            g_debug ("port %u: %s", self->ports[index], g_strerror (errno));
          return;
        }
      if (msg.msg_flags & MSG_TRUNC)
        {
          self->stats.garbage++;
          continue;
        }

      reply_len = answer (self, self->ports[index], buffer, got, &from, now_us, now_s, reply);
      if (reply_len == 0)
        continue;
      g_assert (reply_len <= (gsize)got);

      /* From the address the probe went to, on a host with several: keep only the pktinfo. */
      iov.iov_base = reply;
      iov.iov_len = reply_len;
      msg.msg_flags = 0;
      cmsg = CMSG_FIRSTHDR (&msg);
      if (cmsg == NULL)
        {
          msg.msg_control = NULL;
          msg.msg_controllen = 0;
        }
      else if (cmsg->cmsg_level == IPPROTO_IPV6 && cmsg->cmsg_type == IPV6_PKTINFO)
        {
          struct in6_pktinfo *info = (struct in6_pktinfo *)CMSG_DATA (cmsg);
          info->ipi6_ifindex = 0;
          msg.msg_controllen = CMSG_SPACE (sizeof (struct in6_pktinfo));
        }
      else if (cmsg->cmsg_level == IPPROTO_IP && cmsg->cmsg_type == IP_PKTINFO)
        {
          struct in_pktinfo *info = (struct in_pktinfo *)CMSG_DATA (cmsg);
          info->ipi_spec_dst = info->ipi_addr;
          info->ipi_ifindex = 0;
          msg.msg_controllen = CMSG_SPACE (sizeof (struct in_pktinfo));
        }
      else
        {
          msg.msg_control = NULL;
          msg.msg_controllen = 0;
        }

      if (sendmsg (fd, &msg, MSG_DONTWAIT) < 0 && errno != EAGAIN)
        g_debug ("port %u: reply: %s", self->ports[index], g_strerror (errno));
    }
}

static gboolean
on_epoll_ready (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  LcReflector *self = user_data;
  struct epoll_event events[MAX_EVENTS];
  gint64 now_us = g_get_monotonic_time ();
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  int n;

  n = epoll_wait (fd, events, MAX_EVENTS, 0);
  for (int i = 0; i < n; i++)
    drain_socket (self, events[i].data.u32, now_us, now_s);
  return G_SOURCE_CONTINUE;
}

static int
open_socket (LcReflector      *self,
             GInetAddress     *address,
             guint16           port,
             GError          **error)
{
  int family = self->ipv6 ? AF_INET6 : AF_INET;
  int fd = socket (family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int on = 1, off = 0;
  struct sockaddr_storage sa = { 0 };
  socklen_t sa_len;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot open a UDP socket for port %u: %s"), port, g_strerror (saved));
      return -1;
    }

  if (self->ipv6)
    {
      struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&sa;

      /* One socket serves IPv4 and IPv6 clients alike when no address is given. */
      if (address == NULL)
        setsockopt (fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
      setsockopt (fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &on, sizeof on);
      in6->sin6_family = AF_INET6;
      in6->sin6_port = g_htons (port);
      if (address != NULL)
        memcpy (&in6->sin6_addr, g_inet_address_to_bytes (address), 16);
      sa_len = sizeof *in6;
    }
  else
    {
      struct sockaddr_in *in = (struct sockaddr_in *)&sa;

      setsockopt (fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on);
      in->sin_family = AF_INET;
      in->sin_port = g_htons (port);
      if (address != NULL)
        memcpy (&in->sin_addr, g_inet_address_to_bytes (address), 4);
      sa_len = sizeof *in;
    }

  if (bind (fd, (struct sockaddr *)&sa, sa_len) != 0)
    {
      int saved = errno;

      if (saved == EADDRINUSE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                     _("UDP port %u on %s is already in use"), port,
                     self->address ? self->address : _("every address"));
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("cannot listen on UDP port %u on %s: %s"), port,
                     self->address ? self->address : _("every address"), g_strerror (saved));
      close (fd);
      return -1;
    }
  return fd;
}

/**
 * lc_reflector_start:
 *
 * Opens a socket on every port and answers on the thread-default main context.
 *
 * Returns: %FALSE with @error naming the port that could not be had
 */
gboolean
lc_reflector_start (LcReflector  *self,
                    GError      **error)
{
  g_autoptr(GInetAddress) address = NULL;
  guint n = 0;

  g_return_val_if_fail (LC_IS_REFLECTOR (self), FALSE);
  g_return_val_if_fail (self->n_fds == 0, FALSE);

  if (self->address != NULL)
    {
      address = g_inet_address_new_from_string (self->address);
      self->ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }
  else
    {
      /* Dual stack where the host has IPv6; IPv4 alone where it has none. */
      int probe = socket (AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);

      self->ipv6 = probe >= 0;
      if (probe >= 0)
        close (probe);
    }

  for (guint i = 0; i < self->ranges->len; i++)
    {
      LcPortRange *range = &g_array_index (self->ranges, LcPortRange, i);
      n += range->last - range->first + 1;
    }

  self->epoll_fd = epoll_create1 (EPOLL_CLOEXEC);
  if (self->epoll_fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "epoll: %s",
                   g_strerror (saved));
      return FALSE;
    }

  self->fds = g_new (int, n);
  self->ports = g_new (guint16, n);
  for (guint i = 0; i < self->ranges->len; i++)
    {
      LcPortRange *range = &g_array_index (self->ranges, LcPortRange, i);

      for (guint port = range->first; port <= range->last; port++)
        {
          struct epoll_event event = { .events = EPOLLIN };
          int fd = open_socket (self, address, port, error);

          if (fd < 0)
            return FALSE;
          self->fds[self->n_fds] = fd;
          self->ports[self->n_fds] = port;
          event.data.u32 = self->n_fds++;
          if (epoll_ctl (self->epoll_fd, EPOLL_CTL_ADD, fd, &event) != 0)
            {
              int saved = errno;
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "epoll: %s",
                           g_strerror (saved));
              return FALSE;
            }
        }
    }

  self->epoll_watch = g_unix_fd_add (self->epoll_fd, G_IO_IN, on_epoll_ready, self);
  self->prune_id = g_timeout_add_seconds (PRUNE_INTERVAL_S, on_prune, self);
  self->stats_id = g_timeout_add_seconds (STATS_INTERVAL_S, on_stats, self);
  return TRUE;
}

void
lc_reflector_get_stats (LcReflector      *self,
                        LcReflectorStats *stats)
{
  g_return_if_fail (LC_IS_REFLECTOR (self) && stats != NULL);
  *stats = self->stats;
}

guint
lc_reflector_get_n_tokens (LcReflector *self)
{
  g_return_val_if_fail (LC_IS_REFLECTOR (self), 0);
  return g_hash_table_size (self->tokens);
}
