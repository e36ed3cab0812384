/* lc-impair.c — a UDP relay that delays, jitters and drops datagrams per direction, for benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lc-impair --listen 127.0.0.1:3478 --target 127.0.0.1:13478 --delay-ms 40 --jitter-ms 5 \
 *           --loss-percent 1 --seed 42 [--up-… / --down-…] [--no-reorder] [--duration-s 60]
 *
 * "Up" is client → target (datagrams arriving on --listen), "down" is target → client. Each
 * client address gets its own socket towards the target, like a NAT mapping, so several
 * clients (two peers of a TURN loopback call) can share one relay.
 *
 * Every datagram is held until receive time + delay + uniform(−jitter, +jitter), on
 * CLOCK_MONOTONIC, in one priority queue; the loop sleeps in ppoll() with a nanosecond timeout
 * until the next one is due, so timing does not depend on how many are queued.
 */
#define G_LOG_DOMAIN "lc-impair"
#define _GNU_SOURCE  /* ppoll */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>

#define MAX_DATAGRAM 65536
#define MAX_QUEUED 200000           /* packets held at once: about 13 s of a 100 Mbit/s flood */
#define SOCKET_BUFFER (4 * 1024 * 1024)

typedef struct
{
  const char *name;
  const char *path;             /* "client → target" */
  double      delay_ms;
  double      jitter_ms;
  double      loss_percent;
  GRand      *rand;

  guint64     received;
  guint64     forwarded;
  guint64     dropped_loss;     /* dropped on purpose: the configured loss */
  guint64     dropped_other;    /* queue full, no free client slot, or a send error */
  double      scheduled_sum_ms; /* due − received, summed over forwarded packets */
  double      added_sum_ms;     /* sent − received, summed over forwarded packets */
  double      late_sum_ms;      /* sent − due, summed */
  double      late_max_ms;      /* sent − due, worst */
  guint64     rtcp_received;    /* numbers the RTCP packets of the --record file */
} Direction;

typedef struct
{
  struct sockaddr_storage client;
  socklen_t               client_len;
  int                     upstream_fd;  /* connected to the target */
  gint64                  last_seen_us;
  guint                   n_queued;
  gint64                  last_due_us[2];  /* per direction, for --no-reorder */
  char                   *label;
} Session;

/* One RTP stream (SSRC) seen by one client in one direction: the packet-level truth. The
 * RTP header is in the clear inside SRTP, and inside TURN's ChannelData or Send/Data
 * indications. Jitter is RFC 3550's over the packets that leave the relay in sequence (a
 * packet older than the highest sequence number sent before is left out, and so is one that
 * repeats the previous one's timestamp: a video frame's later packets), as browsers and the
 * gateway count it: `jitter` from the time each packet leaves the relay against its RTP
 * timestamp (what the receiver behind the relay sees, if nothing else adds jitter),
 * `added_jitter` from the delay the relay itself added (this direction alone). The summary
 * gives the mean of the running estimate from the 16th packet in sequence on (a receiver's
 * figure sampled over the call), not its last value (the last 16 packets or so). */
typedef struct
{
  Session *session;            /* NULL once the client is forgotten */
  char    *label;              /* the client's address */
  guint    direction;
  guint32  ssrc;
  guint8   pt;
  guint    clock_rate;         /* 0: not a payload type we know (no jitter) */
  guint64  received;
  guint64  forwarded;
  guint64  dropped_loss;
  guint64  dropped_other;
  guint16  first_seq;
  /* in-sequence state over the forwarded packets */
  gboolean have_last;
  guint64  max_ext_seq;
  guint32  last_ts;
  gint64   last_out_us;
  gint64   last_added_us;
  double   jitter;             /* RTP clock units */
  double   added_jitter_us;
  double   jitter_sum;         /* of the running estimates, from the 16th packet on */
  double   added_jitter_sum_us;
  guint64  n_sums;
  guint64  in_sequence;
  guint64  out_of_order;
} Stream;

typedef struct
{
  gint64   due_us;
  guint64  order;      /* ties keep arrival order */
  gint64   received_us;
  Session *session;
  guint    direction;  /* 0 up, 1 down */
  Stream  *stream;     /* NULL: not RTP */
  guint16  seq;
  guint32  ts;
  gboolean rtcp;       /* an RTCP compound packet: its first packet's type and SSRC */
  guint8   rtcp_pt;
  guint32  rtcp_ssrc;
  guint64  rtcp_no;    /* its number in this direction, from 1 */
  gsize    len;
  guint8   data[];
} Packet;

enum { UP, DOWN };

typedef struct
{
  int                      listen_fd;
  struct sockaddr_storage  target;
  socklen_t                target_len;
  GPtrArray               *sessions;
  guint                    max_clients;
  gboolean                 refusal_said;
  double                   idle_s;
  gboolean                 no_reorder;
  Direction                dir[2];

  GPtrArray               *streams;   /* of Stream */
  FILE                    *record;    /* --record: a line per RTP and RTCP packet's fate */
  gint64                   start_us;

  GPtrArray               *heap;      /* of Packet, ordered by (due_us, order) */
  guint64                  next_order;
  guint64                  unsent_at_exit;

  guint8                   buffer[MAX_DATAGRAM];
} Relay;

static volatile sig_atomic_t stop_signal;

static void
on_stop_signal (int signum)
{
  stop_signal = signum;
}

/* Priority queue: a binary min-heap in a GPtrArray. */

static gboolean
packet_before (const Packet *a,
               const Packet *b)
{
  return a->due_us < b->due_us || (a->due_us == b->due_us && a->order < b->order);
}

static void
heap_push (GPtrArray *heap,
           Packet    *packet)
{
  guint i;

  g_ptr_array_add (heap, packet);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;

      if (!packet_before (heap->pdata[i], heap->pdata[parent]))
        break;
      heap->pdata[i] = heap->pdata[parent];
      heap->pdata[parent] = packet;
      i = parent;
    }
}

static Packet *
heap_pop (GPtrArray *heap)
{
  Packet *top = heap->pdata[0];
  Packet *last = g_ptr_array_steal_index_fast (heap, heap->len - 1);
  guint i = 0;

  if (heap->len == 0)
    return top;

  heap->pdata[0] = last;
  for (;;)
    {
      guint left = 2 * i + 1;
      guint right = left + 1;
      guint smallest = i;
      gpointer swap;

      if (left < heap->len && packet_before (heap->pdata[left], heap->pdata[smallest]))
        smallest = left;
      if (right < heap->len && packet_before (heap->pdata[right], heap->pdata[smallest]))
        smallest = right;
      if (smallest == i)
        break;
      swap = heap->pdata[i];
      heap->pdata[i] = heap->pdata[smallest];
      heap->pdata[smallest] = swap;
      i = smallest;
    }

  return top;
}

static char *
address_to_string (const struct sockaddr *address,
                   socklen_t              len)
{
  g_autoptr(GSocketAddress) socket_address = g_socket_address_new_from_native ((gpointer)address,
                                                                               len);

  if (socket_address == NULL)
    return g_strdup ("(unknown)");

  return g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (socket_address));
}

/* ADDR:PORT, [IPv6]:PORT or NAME:PORT (resolved once, first address). */
static gboolean
parse_address (const char               *text,
               struct sockaddr_storage  *out,
               socklen_t                *out_len,
               GError                  **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  gssize size;

  connectable = g_network_address_parse (text, 0, error);
  if (connectable == NULL)
    return FALSE;

  if (g_network_address_get_port (G_NETWORK_ADDRESS (connectable)) == 0 &&
      !g_str_has_suffix (text, ":0"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "'%s' has no port", text);
      return FALSE;
    }

  enumerator = g_socket_connectable_enumerate (connectable);
  address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "'%s' does not resolve", text);
      return FALSE;
    }

  size = g_socket_address_get_native_size (address);
  if (size < 0 || (gsize)size > sizeof *out)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "'%s': unsupported address", text);
      return FALSE;
    }
  if (!g_socket_address_to_native (address, out, sizeof *out, error))
    return FALSE;
  *out_len = size;

  return TRUE;
}

static int
open_socket (int      family,
             GError **error)
{
  int fd = socket (family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int size = SOCKET_BUFFER;

  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "socket: %s",
                   g_strerror (errno));
      return -1;
    }

  /* Large buffers: the relay holds bursts in its own queue, not the kernel's. */
  setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);

  return fd;
}

static void
stream_free (gpointer data)
{
  Stream *stream = data;

  g_free (stream->label);
  g_free (stream);
}

static void
session_free (gpointer data)
{
  Session *session = data;

  if (session->upstream_fd >= 0)
    close (session->upstream_fd);
  g_free (session->label);
  g_free (session);
}

static Session *
find_session (Relay                  *relay,
              const struct sockaddr  *client,
              socklen_t               client_len,
              gint64                  now_us)
{
  Session *session;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < relay->sessions->len; i++)
    {
      session = g_ptr_array_index (relay->sessions, i);
      if (session->client_len == client_len && memcmp (&session->client, client, client_len) == 0)
        return session;
    }

  if (relay->sessions->len >= relay->max_clients)
    {
      if (!relay->refusal_said)
        {
          g_autofree char *label = address_to_string (client, client_len);

          g_print ("lc-impair: %u clients already, dropping datagrams from %s (and from any "
                   "further new client: see --max-clients)\n", relay->max_clients, label);
          relay->refusal_said = TRUE;
        }
      return NULL;
    }

  session = g_new0 (Session, 1);
  memcpy (&session->client, client, client_len);
  session->client_len = client_len;
  session->last_seen_us = now_us;
  session->label = address_to_string (client, client_len);
  session->upstream_fd = open_socket (relay->target.ss_family, &error);
  if (session->upstream_fd < 0 ||
      connect (session->upstream_fd, (struct sockaddr *)&relay->target, relay->target_len) < 0)
    {
      g_printerr ("lc-impair: cannot open a socket to the target for %s: %s\n", session->label,
                  error != NULL ? error->message : g_strerror (errno));
      session_free (session);
      return NULL;
    }

  g_ptr_array_add (relay->sessions, session);
  g_print ("lc-impair: new client %s\n", session->label);

  return session;
}

/* Idle clients give their slot back once nothing of theirs is queued. */
static void
expire_sessions (Relay  *relay,
                 gint64  now_us)
{
  for (guint i = relay->sessions->len; i > 0; i--)
    {
      Session *session = g_ptr_array_index (relay->sessions, i - 1);

      if (session->n_queued == 0 && now_us - session->last_seen_us > relay->idle_s * G_USEC_PER_SEC)
        {
          g_print ("lc-impair: client %s idle for %.0f s, forgotten\n", session->label,
                   relay->idle_s);
          for (guint k = 0; k < relay->streams->len; k++)
            if (((Stream *)g_ptr_array_index (relay->streams, k))->session == session)
              ((Stream *)g_ptr_array_index (relay->streams, k))->session = NULL;
          g_ptr_array_remove_index (relay->sessions, i - 1);
        }
    }
}

static guint16
read_u16 (const guint8 *p)
{
  return (guint16)((p[0] << 8) | p[1]);
}

static guint32
read_u32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* What a datagram carries under TURN's framing: the payload of a ChannelData message or the
 * DATA attribute of a STUN Send or Data indication; any other datagram as it is. NULL: a
 * TURN message whose framing does not hold. */
static const guint8 *
unwrap_turn (const guint8 *data,
             gsize         len,
             gsize        *inner_len)
{
  if (len >= 4 && data[0] >= 0x40 && data[0] <= 0x4f)
    {
      gsize inner = read_u16 (data + 2);

      if (inner + 4 > len)
        return NULL;
      *inner_len = inner;
      return data + 4;
    }
  if (len >= 20 && (data[0] & 0xc0) == 0 && read_u32 (data + 4) == 0x2112a442 &&
      (read_u16 (data) == 0x0016 || read_u16 (data) == 0x0017))
    {
      gsize end = MIN (len, 20 + (gsize)read_u16 (data + 2));
      gsize at = 20;

      while (at + 4 <= end)
        {
          guint16 type = read_u16 (data + at);
          gsize attr_len = read_u16 (data + at + 2);

          if (at + 4 + attr_len > end)
            return NULL;
          if (type == 0x0013)
            {
              *inner_len = attr_len;
              return data + at + 4;
            }
          at += 4 + ((attr_len + 3) & ~(gsize)3);
        }
      return NULL;
    }
  *inner_len = len;
  return data;
}

/* The RTP packet inside a datagram: bare (RFC 7983: first byte 128–191, and not RTCP's
 * payload types 192–223), or under TURN's framing. */
static const guint8 *
find_rtp (const guint8 *data,
          gsize         len,
          gsize        *rtp_len)
{
  data = unwrap_turn (data, len, &len);
  if (data == NULL || len < 12 || data[0] < 128 || data[0] > 191 ||
      ((data[1] & 0x7f) >= 64 && (data[1] & 0x7f) < 96))
    return NULL;
  *rtp_len = len;
  return data;
}

/* The RTCP compound packet inside a datagram (bare or under TURN's framing): the first
 * packet's type (200 SR, 201 RR, …) and sender SSRC, which SRTCP leaves in the clear. */
static gboolean
find_rtcp (const guint8 *data,
           gsize         len,
           guint8       *pt,
           guint32      *ssrc)
{
  data = unwrap_turn (data, len, &len);
  if (data == NULL || len < 8 || data[0] < 128 || data[0] > 191 || data[1] < 192 ||
      data[1] > 223)
    return FALSE;
  *pt = data[1];
  *ssrc = read_u32 (data + 4);
  return TRUE;
}

static Stream *
find_stream (Relay    *relay,
             Session  *session,
             guint     direction,
             guint32   ssrc,
             guint8    pt,
             guint16   seq)
{
  Stream *stream;

  for (guint i = 0; i < relay->streams->len; i++)
    {
      stream = g_ptr_array_index (relay->streams, i);
      if (stream->session == session && stream->direction == direction && stream->ssrc == ssrc)
        return stream;
    }
  stream = g_new0 (Stream, 1);
  stream->session = session;
  stream->label = g_strdup (session->label);
  stream->direction = direction;
  stream->ssrc = ssrc;
  stream->pt = pt;
  /* The payload types Linecheck and browsers use: Opus 111, VP8 96. */
  stream->clock_rate = pt == 111 ? 48000 : pt == 96 ? 90000 : 0;
  stream->first_seq = seq;
  g_ptr_array_add (relay->streams, stream);
  return stream;
}

/* A packet leaves the relay: RFC 3550 jitter over those in sequence. */
static void
stream_forwarded (Stream  *stream,
                  guint16  seq,
                  guint32  ts,
                  gint64   received_us,
                  gint64   sent_us)
{
  gint64 delta;
  guint64 ext;

  stream->forwarded++;
  if (!stream->have_last)
    {
      stream->have_last = TRUE;
      stream->max_ext_seq = (1 << 16) + seq;
      stream->last_ts = ts;
      stream->last_out_us = sent_us;
      stream->last_added_us = sent_us - received_us;
      return;
    }
  delta = (gint16)(guint16)(seq - (guint16)stream->max_ext_seq);
  ext = (guint64)((gint64)stream->max_ext_seq + delta);
  if (ext <= stream->max_ext_seq)
    {
      stream->out_of_order++;
      return;
    }
  stream->max_ext_seq = ext;
  if (ts == stream->last_ts)
    return;
  if (stream->clock_rate > 0)
    {
      double d = (sent_us - stream->last_out_us) * (double)stream->clock_rate / G_USEC_PER_SEC -
                 (double)(gint32)(ts - stream->last_ts);

      stream->jitter += (fabs (d) - stream->jitter) / 16.0;
    }
  stream->added_jitter_us += (fabs ((double)((sent_us - received_us) - stream->last_added_us)) -
                              stream->added_jitter_us) / 16.0;
  stream->in_sequence++;
  if (stream->in_sequence >= 16)
    {
      stream->jitter_sum += stream->jitter;
      stream->added_jitter_sum_us += stream->added_jitter_us;
      stream->n_sums++;
    }
  stream->last_ts = ts;
  stream->last_out_us = sent_us;
  stream->last_added_us = sent_us - received_us;
}

static void
record (Relay      *relay,
        const char *event,
        Session    *session,
        guint       direction,
        Stream     *stream,
        guint16     seq,
        guint32     ts,
        gint64      at_us)
{
  if (relay->record == NULL)
    return;
  /* event direction client ssrc pt seq timestamp CLOCK_MONOTONIC-µs */
  fprintf (relay->record, "%s %s %s %u %u %u %u %" G_GINT64_FORMAT "\n", event,
           direction == UP ? "up" : "down", stream->label, stream->ssrc, stream->pt, seq, ts,
           at_us);
}

static void
record_rtcp (Relay      *relay,
             const char *event,
             Session    *session,
             guint       direction,
             guint8      pt,
             guint32     ssrc,
             guint64     number,
             gint64      at_us)
{
  if (relay->record == NULL)
    return;
  /* rtcp-event direction client ssrc pt number 0 CLOCK_MONOTONIC-µs: the RTP lines' eight
   * fields, the packet's number in its direction (from 1) in place of a sequence number */
  fprintf (relay->record, "rtcp-%s %s %s %u %u %" G_GUINT64_FORMAT " 0 %" G_GINT64_FORMAT "\n",
           event, direction == UP ? "up" : "down", session->label, ssrc, pt, number, at_us);
}

static void
enqueue (Relay        *relay,
         Session      *session,
         guint         direction,
         const guint8 *data,
         gsize         len,
         gint64        received_us)
{
  Direction *dir = &relay->dir[direction];
  Packet *packet;
  double roll;
  double jitter;
  gint64 due_us;
  gsize rtp_len = 0;
  const guint8 *rtp = find_rtp (data, len, &rtp_len);
  Stream *stream = NULL;
  guint16 seq = 0;
  guint32 ts = 0;
  gboolean rtcp = FALSE;
  guint8 rtcp_pt = 0;
  guint32 rtcp_ssrc = 0;
  guint64 rtcp_no = 0;

  dir->received++;
  session->last_seen_us = received_us;
  if (rtp != NULL)
    {
      seq = read_u16 (rtp + 2);
      ts = read_u32 (rtp + 4);
      stream = find_stream (relay, session, direction, read_u32 (rtp + 8), rtp[1] & 0x7f, seq);
      stream->received++;
      record (relay, "received", session, direction, stream, seq, ts, received_us);
    }
  else if (relay->record != NULL && find_rtcp (data, len, &rtcp_pt, &rtcp_ssrc))
    {
      rtcp = TRUE;
      rtcp_no = ++dir->rtcp_received;
      record_rtcp (relay, "received", session, direction, rtcp_pt, rtcp_ssrc, rtcp_no,
                   received_us);
    }

  /* Two draws for every packet, lost or not, so that packet n of a direction always meets
   * the same fate for a given seed. */
  roll = g_rand_double (dir->rand) * 100.0;
  jitter = dir->jitter_ms > 0 ? g_rand_double_range (dir->rand, -dir->jitter_ms, dir->jitter_ms)
                              : 0.0;
  if (dir->jitter_ms <= 0)
    (void)g_rand_double (dir->rand);

  if (roll < dir->loss_percent)
    {
      dir->dropped_loss++;
      if (stream != NULL)
        {
          stream->dropped_loss++;
          record (relay, "dropped", session, direction, stream, seq, ts, received_us);
        }
      else if (rtcp)
        record_rtcp (relay, "dropped", session, direction, rtcp_pt, rtcp_ssrc, rtcp_no,
                     received_us);
      return;
    }

  if (relay->heap->len >= MAX_QUEUED)
    {
      dir->dropped_other++;
      if (stream != NULL)
        {
          stream->dropped_other++;
          record (relay, "dropped", session, direction, stream, seq, ts, received_us);
        }
      else if (rtcp)
        record_rtcp (relay, "dropped", session, direction, rtcp_pt, rtcp_ssrc, rtcp_no,
                     received_us);
      return;
    }

  due_us = received_us + (gint64)llround ((dir->delay_ms + jitter) * 1000.0);
  due_us = MAX (due_us, received_us);
  if (relay->no_reorder)
    due_us = MAX (due_us, session->last_due_us[direction]);
  session->last_due_us[direction] = due_us;

  packet = g_malloc (sizeof (Packet) + len);
  packet->due_us = due_us;
  packet->order = relay->next_order++;
  packet->received_us = received_us;
  packet->session = session;
  packet->direction = direction;
  packet->stream = stream;
  packet->seq = seq;
  packet->ts = ts;
  packet->rtcp = rtcp;
  packet->rtcp_pt = rtcp_pt;
  packet->rtcp_ssrc = rtcp_ssrc;
  packet->rtcp_no = rtcp_no;
  packet->len = len;
  memcpy (packet->data, data, len);

  session->n_queued++;
  heap_push (relay->heap, packet);
}

static void
send_packet (Relay  *relay,
             Packet *packet)
{
  Direction *dir = &relay->dir[packet->direction];
  Session *session = packet->session;
  gssize sent;
  gint64 now_us;

  if (packet->direction == UP)
    sent = send (session->upstream_fd, packet->data, packet->len, 0);
  else
    sent = sendto (relay->listen_fd, packet->data, packet->len, 0,
                   (struct sockaddr *)&session->client, session->client_len);
  now_us = g_get_monotonic_time ();

  if (sent < 0)
    {
      /* ECONNREFUSED: nothing listens at the target (yet); EAGAIN: buffers full. Either way
       * the datagram is gone, as on a real path. */
      dir->dropped_other++;
      if (packet->stream != NULL)
        {
          packet->stream->dropped_other++;
          record (relay, "dropped", session, packet->direction, packet->stream, packet->seq,
                  packet->ts, now_us);
        }
      else if (packet->rtcp)
        record_rtcp (relay, "dropped", session, packet->direction, packet->rtcp_pt,
                     packet->rtcp_ssrc, packet->rtcp_no, now_us);
    }
  else
    {
      double late_ms = (now_us - packet->due_us) / 1000.0;

      if (packet->stream != NULL)
        {
          stream_forwarded (packet->stream, packet->seq, packet->ts, packet->received_us,
                            now_us);
          record (relay, "forwarded", session, packet->direction, packet->stream, packet->seq,
                  packet->ts, now_us);
        }
      else if (packet->rtcp)
        record_rtcp (relay, "forwarded", session, packet->direction, packet->rtcp_pt,
                     packet->rtcp_ssrc, packet->rtcp_no, now_us);

      dir->forwarded++;
      dir->scheduled_sum_ms += (packet->due_us - packet->received_us) / 1000.0;
      dir->added_sum_ms += (now_us - packet->received_us) / 1000.0;
      dir->late_sum_ms += late_ms;
      dir->late_max_ms = MAX (dir->late_max_ms, late_ms);
    }

  session->n_queued--;
  g_free (packet);
}

static void
send_due (Relay *relay)
{
  while (relay->heap->len > 0)
    {
      Packet *top = relay->heap->pdata[0];

      if (top->due_us > g_get_monotonic_time ())
        break;
      send_packet (relay, heap_pop (relay->heap));
    }
}

/* Reads what is waiting on one socket, a bounded batch so the queue keeps its timing. */
static void
drain (Relay   *relay,
       int      fd,
       Session *session)
{
  for (guint n = 0; n < 64; n++)
    {
      struct sockaddr_storage from;
      socklen_t from_len = sizeof from;
      gssize len;
      gint64 now_us;

      if (session == NULL)
        len = recvfrom (fd, relay->buffer, sizeof relay->buffer, 0, (struct sockaddr *)&from,
                        &from_len);
      else
        len = recv (fd, relay->buffer, sizeof relay->buffer, 0);
      now_us = g_get_monotonic_time ();

      if (len < 0)
        {
          /* EAGAIN: all read. ECONNREFUSED: an ICMP error from the target, nothing to read. */
          if (errno == EINTR || errno == ECONNREFUSED)
            continue;
          return;
        }

      if (session == NULL)
        {
          Session *client = find_session (relay, (struct sockaddr *)&from, from_len, now_us);

          if (client == NULL)
            {
              relay->dir[UP].received++;
              relay->dir[UP].dropped_other++;
              continue;
            }
          enqueue (relay, client, UP, relay->buffer, len, now_us);
        }
      else
        {
          enqueue (relay, session, DOWN, relay->buffer, len, now_us);
        }
    }
}

static void
print_direction_settings (const Direction *dir)
{
  g_print ("  %-4s (%s): delay %.1f ms, jitter +/-%.1f ms (uniform), loss %.2f %%\n", dir->name,
           dir->path, dir->delay_ms, dir->jitter_ms, dir->loss_percent);
  if (dir->jitter_ms > dir->delay_ms)
    g_print ("  note: %s jitter exceeds its delay; delays below 0 are held at 0, which raises "
             "the mean\n", dir->name);
}

static void
print_summary (Relay    *relay,
               double    elapsed_s,
               gboolean as_json)
{
  if (as_json)
    {
      g_print ("{\"elapsed_s\": %.3f, \"unsent_at_exit\": %" G_GUINT64_FORMAT, elapsed_s,
               relay->unsent_at_exit);
      for (guint d = 0; d < 2; d++)
        {
          const Direction *dir = &relay->dir[d];
          double n = MAX (dir->forwarded, 1);

          g_print (", \"%s\": {\"received\": %" G_GUINT64_FORMAT ", \"forwarded\": %"
                   G_GUINT64_FORMAT ", \"dropped_loss\": %" G_GUINT64_FORMAT
                   ", \"dropped_other\": %" G_GUINT64_FORMAT ", \"loss_percent\": %.4f"
                   ", \"mean_scheduled_ms\": %.4f, \"mean_added_ms\": %.4f"
                   ", \"mean_late_ms\": %.4f, \"max_late_ms\": %.4f}",
                   dir->name, dir->received, dir->forwarded, dir->dropped_loss,
                   dir->dropped_other,
                   dir->received > 0 ? 100.0 * dir->dropped_loss / dir->received : 0.0,
                   dir->scheduled_sum_ms / n, dir->added_sum_ms / n, dir->late_sum_ms / n,
                   dir->late_max_ms);
        }
      g_print (", \"streams\": [");
      for (guint i = 0; i < relay->streams->len; i++)
        {
          const Stream *stream = g_ptr_array_index (relay->streams, i);
          g_autofree char *jitter = stream->clock_rate > 0 && stream->n_sums > 0
                                    ? g_strdup_printf ("%.4f", stream->jitter_sum * 1000.0 /
                                                               stream->n_sums /
                                                               stream->clock_rate)
                                    : g_strdup ("null");

          g_print ("%s{\"direction\": \"%s\", \"client\": \"%s\", \"ssrc\": %u, "
                   "\"pt\": %u, \"received\": %" G_GUINT64_FORMAT ", \"forwarded\": %"
                   G_GUINT64_FORMAT ", \"dropped_loss\": %" G_GUINT64_FORMAT
                   ", \"dropped_other\": %" G_GUINT64_FORMAT ", \"loss_percent\": %.4f"
                   ", \"out_of_order\": %" G_GUINT64_FORMAT ", \"jitter_ms\": %s"
                   ", \"added_jitter_ms\": %.4f}",
                   i > 0 ? ", " : "", stream->direction == UP ? "up" : "down",
                   stream->label, stream->ssrc, stream->pt, stream->received,
                   stream->forwarded, stream->dropped_loss, stream->dropped_other,
                   stream->received > 0
                   ? 100.0 * (stream->received - stream->forwarded) / stream->received : 0.0,
                   stream->out_of_order, jitter,
                   stream->added_jitter_sum_us / MAX (stream->n_sums, 1) / 1000.0);
        }
      g_print ("]}\n");
      return;
    }

  g_print ("lc-impair: summary after %.1f s\n", elapsed_s);
  for (guint d = 0; d < 2; d++)
    {
      const Direction *dir = &relay->dir[d];
      double n = MAX (dir->forwarded, 1);

      g_print ("  %-4s packets %" G_GUINT64_FORMAT ", forwarded %" G_GUINT64_FORMAT
               ", dropped %" G_GUINT64_FORMAT " (%.2f %%) + %" G_GUINT64_FORMAT " other\n",
               dir->name, dir->received, dir->forwarded, dir->dropped_loss,
               dir->received > 0 ? 100.0 * dir->dropped_loss / dir->received : 0.0,
               dir->dropped_other);
      g_print ("       mean added delay %.3f ms (scheduled %.3f ms); sent after due by "
               "%.3f ms on average, %.3f ms at worst\n",
               dir->added_sum_ms / n, dir->scheduled_sum_ms / n, dir->late_sum_ms / n,
               dir->late_max_ms);
    }
  for (guint i = 0; i < relay->streams->len; i++)
    {
      const Stream *stream = g_ptr_array_index (relay->streams, i);

      g_print ("  %-4s %s RTP ssrc %u pt %u: received %" G_GUINT64_FORMAT ", forwarded %"
               G_GUINT64_FORMAT " (loss %.2f %%), %" G_GUINT64_FORMAT " out of order; "
               "in-sequence jitter %.2f ms (added here %.2f ms)\n",
               stream->direction == UP ? "up" : "down", stream->label, stream->ssrc,
               stream->pt, stream->received, stream->forwarded,
               stream->received > 0
               ? 100.0 * (stream->received - stream->forwarded) / stream->received : 0.0,
               stream->out_of_order,
               stream->clock_rate > 0 && stream->n_sums > 0
               ? stream->jitter_sum * 1000.0 / stream->n_sums / stream->clock_rate : NAN,
               stream->added_jitter_sum_us / MAX (stream->n_sums, 1) / 1000.0);
    }
  if (relay->unsent_at_exit > 0)
    g_print ("  %" G_GUINT64_FORMAT " packets still queued at exit were not sent\n",
             relay->unsent_at_exit);
}

static gboolean
check_direction (const Direction  *dir,
                 GError          **error)
{
  if (!(dir->delay_ms >= 0 && dir->delay_ms <= 60000) ||
      !(dir->jitter_ms >= 0 && dir->jitter_ms <= 60000) ||
      !(dir->loss_percent >= 0 && dir->loss_percent <= 100))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: delay and jitter must be 0-60000 ms, loss 0-100 %%", dir->name);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *listen_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *listen_bound = NULL;
  g_autofree char *target_shown = NULL;
  double delay_ms = 0, jitter_ms = 0, loss_percent = 0;
  double up_delay_ms = NAN, up_jitter_ms = NAN, up_loss_percent = NAN;
  double down_delay_ms = NAN, down_jitter_ms = NAN, down_loss_percent = NAN;
  double duration_s = 0;
  gint64 seed = -1;
  int max_clients = 16;
  double idle_s = 120;
  gboolean no_reorder = FALSE;
  gboolean json = FALSE;
  gboolean realtime = FALSE;
  g_autofree char *record_path = NULL;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen_text,
      "Address to receive the client's datagrams on (127.0.0.1:3478, [::1]:3478; port 0 picks "
      "one)", "ADDR:PORT" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_text, "Where to forward them", "ADDR:PORT" },
    { "delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &delay_ms, "Fixed delay each way (0)", "MS" },
    { "jitter-ms", 0, 0, G_OPTION_ARG_DOUBLE, &jitter_ms,
      "Uniform jitter +/-MS each way, drawn per packet (0)", "MS" },
    { "loss-percent", 0, 0, G_OPTION_ARG_DOUBLE, &loss_percent,
      "Random loss each way, per packet (0)", "P" },
    { "up-delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &up_delay_ms, "Client -> target only", "MS" },
    { "up-jitter-ms", 0, 0, G_OPTION_ARG_DOUBLE, &up_jitter_ms, "Client -> target only", "MS" },
    { "up-loss-percent", 0, 0, G_OPTION_ARG_DOUBLE, &up_loss_percent, "Client -> target only",
      "P" },
    { "down-delay-ms", 0, 0, G_OPTION_ARG_DOUBLE, &down_delay_ms, "Target -> client only", "MS" },
    { "down-jitter-ms", 0, 0, G_OPTION_ARG_DOUBLE, &down_jitter_ms, "Target -> client only",
      "MS" },
    { "down-loss-percent", 0, 0, G_OPTION_ARG_DOUBLE, &down_loss_percent,
      "Target -> client only", "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      "Seed for loss and jitter (0-4294967295; random when not given, and printed)", "S" },
    { "no-reorder", 0, 0, G_OPTION_ARG_NONE, &no_reorder,
      "Never let a packet overtake an earlier one (default: jitter may reorder)", NULL },
    { "duration-s", 0, 0, G_OPTION_ARG_DOUBLE, &duration_s, "Exit after S seconds (0: never)",
      "S" },
    { "max-clients", 0, 0, G_OPTION_ARG_INT, &max_clients, "Client addresses at once (16)", "N" },
    { "idle-s", 0, 0, G_OPTION_ARG_DOUBLE, &idle_s, "Forget a silent client after S s (120)",
      "S" },
    { "realtime", 0, 0, G_OPTION_ARG_NONE, &realtime,
      "Run under SCHED_FIFO (root or CAP_SYS_NICE) so a busy machine does not delay sends",
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print the summary as one JSON line", NULL },
    { "record", 0, 0, G_OPTION_ARG_FILENAME, &record_path,
      "Write every RTP packet received, forwarded or dropped (direction, client, SSRC, "
      "sequence number, timestamp, time) to FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) heap = g_ptr_array_new ();
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (session_free);
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (stream_free);
  g_autofree Relay *relay = g_new0 (Relay, 1);
  struct sockaddr_storage listen_address;
  socklen_t listen_len;
  struct sigaction action = { 0 };
  sigset_t blocked, unblocked;
  gint64 start_us, end_us, last_expiry_us;
  g_autoptr(GArray) fds = g_array_new (FALSE, FALSE, sizeof (struct pollfd));

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- delay, jitter and drop UDP datagrams on their way");
  g_option_context_set_summary (context,
    "Relays UDP datagrams from --listen to --target and the replies back to the client that\n"
    "sent to the target, holding each for delay + uniform(-jitter, +jitter) and dropping a\n"
    "random share, independently per direction. Prints its settings at the start and a\n"
    "summary on SIGINT, SIGTERM or after --duration-s.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lc-impair: %s\n", error->message);
      return 2;
    }
  if (listen_text == NULL || target_text == NULL)
    {
      g_printerr ("lc-impair: --listen and --target are required (see --help)\n");
      return 2;
    }
  if (seed > G_MAXUINT32 || max_clients < 1 || !(duration_s >= 0) || !(idle_s > 0))
    {
      g_printerr ("lc-impair: --seed must be 0-4294967295, --max-clients >= 1, "
                  "--duration-s >= 0, --idle-s > 0\n");
      return 2;
    }
  if (seed < 0)
    seed = g_random_int ();

  relay->dir[UP] = (Direction) {
    .name = "up", .path = "client -> target",
    .delay_ms = isnan (up_delay_ms) ? delay_ms : up_delay_ms,
    .jitter_ms = isnan (up_jitter_ms) ? jitter_ms : up_jitter_ms,
    .loss_percent = isnan (up_loss_percent) ? loss_percent : up_loss_percent,
  };
  relay->dir[DOWN] = (Direction) {
    .name = "down", .path = "target -> client",
    .delay_ms = isnan (down_delay_ms) ? delay_ms : down_delay_ms,
    .jitter_ms = isnan (down_jitter_ms) ? jitter_ms : down_jitter_ms,
    .loss_percent = isnan (down_loss_percent) ? loss_percent : down_loss_percent,
  };
  for (guint d = 0; d < 2; d++)
    {
      /* One stream of numbers per direction: one direction's fate does not depend on how the
       * two interleave. */
      guint32 seed_array[2] = { (guint32)seed, d };

      if (!check_direction (&relay->dir[d], &error))
        {
          g_printerr ("lc-impair: %s\n", error->message);
          return 2;
        }
      relay->dir[d].rand = g_rand_new_with_seed_array (seed_array, G_N_ELEMENTS (seed_array));
    }

  if (!parse_address (listen_text, &listen_address, &listen_len, &error) ||
      !parse_address (target_text, &relay->target, &relay->target_len, &error))
    {
      g_printerr ("lc-impair: %s\n", error->message);
      return 2;
    }

  relay->heap = heap;
  relay->sessions = sessions;
  relay->streams = streams;
  if (record_path != NULL)
    {
      relay->record = fopen (record_path, "w");
      if (relay->record == NULL)
        {
          g_printerr ("lc-impair: --record %s: %s\n", record_path, g_strerror (errno));
          return 1;
        }
    }
  relay->max_clients = max_clients;
  relay->idle_s = idle_s;
  relay->no_reorder = no_reorder;

  relay->listen_fd = open_socket (listen_address.ss_family, &error);
  if (relay->listen_fd < 0)
    {
      g_printerr ("lc-impair: %s\n", error->message);
      return 1;
    }
  if (bind (relay->listen_fd, (struct sockaddr *)&listen_address, listen_len) < 0)
    {
      g_printerr ("lc-impair: cannot listen on %s: %s\n", listen_text, g_strerror (errno));
      return 1;
    }
  listen_len = sizeof listen_address;
  getsockname (relay->listen_fd, (struct sockaddr *)&listen_address, &listen_len);
  listen_bound = address_to_string ((struct sockaddr *)&listen_address, listen_len);
  target_shown = address_to_string ((struct sockaddr *)&relay->target, relay->target_len);

  if (realtime)
    {
      struct sched_param param = { .sched_priority = 10 };

      /* The loop only ever blocks in ppoll(), so a real-time priority cannot starve the
       * machine; it keeps other busy processes from pushing our sends back by milliseconds. */
      if (sched_setscheduler (0, SCHED_FIFO, &param) < 0)
        {
          g_printerr ("lc-impair: --realtime: %s\n", g_strerror (errno));
          realtime = FALSE;
        }
    }

#ifdef __linux__
  /* The default 50 µs timer slack is small next to 1 ms, but costs nothing to remove. */
  prctl (PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif

  /* The signals stay blocked except inside ppoll(), so one can never slip in between the
   * check of stop_signal and the wait. */
  action.sa_handler = on_stop_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigemptyset (&blocked);
  sigaddset (&blocked, SIGINT);
  sigaddset (&blocked, SIGTERM);
  sigprocmask (SIG_BLOCK, &blocked, &unblocked);
  sigdelset (&unblocked, SIGINT);
  sigdelset (&unblocked, SIGTERM);

  g_print ("lc-impair: relaying %s -> %s, seed %" G_GINT64_FORMAT ", %s, %s\n", listen_bound,
           target_shown, seed, no_reorder ? "no reordering" : "reordering allowed",
           duration_s > 0 ? "bounded" : "until SIGINT/SIGTERM");
  print_direction_settings (&relay->dir[UP]);
  print_direction_settings (&relay->dir[DOWN]);
  g_print ("  scheduling: %s\n", realtime ? "SCHED_FIFO 10" : "normal");
  if (duration_s > 0)
    g_print ("  exits after %.1f s\n", duration_s);
  g_print ("lc-impair: listening on %s\n", listen_bound);
  fflush (stdout);

  start_us = relay->start_us = g_get_monotonic_time ();
  end_us = duration_s > 0 ? start_us + (gint64)(duration_s * G_USEC_PER_SEC) : G_MAXINT64;
  last_expiry_us = start_us;

  while (stop_signal == 0)
    {
      struct timespec timeout;
      gint64 now_us;
      gint64 wake_us = end_us;
      int n_ready;

      send_due (relay);

      now_us = g_get_monotonic_time ();
      if (now_us >= end_us)
        break;
      if (now_us - last_expiry_us > G_USEC_PER_SEC)
        {
          expire_sessions (relay, now_us);
          last_expiry_us = now_us;
        }

      if (relay->heap->len > 0)
        wake_us = MIN (wake_us, ((Packet *)relay->heap->pdata[0])->due_us);
      /* Wake at least once a second for idle clients. */
      wake_us = MIN (wake_us, now_us + G_USEC_PER_SEC);
      wake_us = MAX (wake_us, now_us);
      timeout.tv_sec = (wake_us - now_us) / G_USEC_PER_SEC;
      timeout.tv_nsec = ((wake_us - now_us) % G_USEC_PER_SEC) * 1000;

      g_array_set_size (fds, 0);
      g_array_append_val (fds, ((struct pollfd) { .fd = relay->listen_fd, .events = POLLIN }));
      for (guint i = 0; i < relay->sessions->len; i++)
        {
          Session *session = g_ptr_array_index (relay->sessions, i);
          g_array_append_val (fds, ((struct pollfd) { .fd = session->upstream_fd,
                                                      .events = POLLIN }));
        }

      n_ready = ppoll ((struct pollfd *)(gpointer)fds->data, fds->len, &timeout, &unblocked);
      if (n_ready < 0)
        {
          if (errno == EINTR)
            continue;
          g_printerr ("lc-impair: ppoll: %s\n", g_strerror (errno));
          break;
        }
      if (n_ready == 0)
        continue;

      /* Due packets first, so reading a burst never makes them late. */
      send_due (relay);

      for (guint i = 0; i < fds->len; i++)
        {
          const struct pollfd *pfd = &g_array_index (fds, struct pollfd, i);

          if (pfd->revents == 0)
            continue;
          drain (relay, pfd->fd, i == 0 ? NULL : g_ptr_array_index (relay->sessions, i - 1));
        }
    }

  relay->unsent_at_exit = relay->heap->len;
  for (guint i = 0; i < relay->heap->len; i++)
    g_free (relay->heap->pdata[i]);
  g_ptr_array_set_size (relay->heap, 0);

  if (stop_signal != 0)
    g_print ("lc-impair: stopped by %s\n", stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
  print_summary (relay, (g_get_monotonic_time () - start_us) / (double)G_USEC_PER_SEC, json);
  fflush (stdout);

  if (relay->record != NULL)
    fclose (relay->record);
  close (relay->listen_fd);
  g_rand_free (relay->dir[UP].rand);
  g_rand_free (relay->dir[DOWN].rand);

  return 0;
}
