/* lc-range-sweep.h — probes every port of some UDP ranges against a linecheck-reflector, once
 * for all the rules that share them
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LcPortSpan:
 *
 * Ports @first to @last, both included.
 */
typedef struct
{
  guint16 first;
  guint16 last;
} LcPortSpan;

/* The pace of the probes: 4,000 a second is ~2 Mbit/s of 67-byte datagrams on the wire. */
#define LC_RANGE_SWEEP_RATE 4000
/* A port is called blocked when its chance of having lost every try is below this, over the
 * whole sweep (reference.md, "Loss and retries for a UDP sweep"). */
#define LC_RANGE_SWEEP_FALSE_BLOCKED 1e-4
#define LC_RANGE_SWEEP_MIN_TRIES 4
#define LC_RANGE_SWEEP_MAX_TRIES 10
/* Asking for the token: connection, TLS and answer, all in this long. */
#define LC_RANGE_SWEEP_TOKEN_TIMEOUT_MS 6000

#define LC_TYPE_RANGE_SWEEP (lc_range_sweep_get_type ())

G_DECLARE_FINAL_TYPE (LcRangeSweep, lc_range_sweep, LC, RANGE_SWEEP, GObject)

LcRangeSweep *lc_range_sweep_new             (const char     *host,
                                              const char     *token_url,
                                              GTlsDatabase   *database);
void          lc_range_sweep_add_span        (LcRangeSweep   *self,
                                              guint16         first,
                                              guint16         last);
guint         lc_range_sweep_get_n_ports     (LcRangeSweep   *self);
guint         lc_range_sweep_get_budget_ms   (LcRangeSweep   *self);
const char   *lc_range_sweep_get_host        (LcRangeSweep   *self);
const char   *lc_range_sweep_get_address     (LcRangeSweep   *self);
const char   *lc_range_sweep_get_token_url   (LcRangeSweep   *self);

void          lc_range_sweep_run_async       (LcRangeSweep        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      lc_range_sweep_run_finish      (LcRangeSweep        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

GArray       *lc_range_sweep_dup_spans       (LcRangeSweep   *self,
                                              guint16         first,
                                              guint16         last,
                                              gboolean        open);
double        lc_range_sweep_get_duration_ms (LcRangeSweep   *self);
double        lc_range_sweep_get_loss_percent (LcRangeSweep  *self);
guint         lc_range_sweep_get_tries       (LcRangeSweep   *self);
guint         lc_range_sweep_get_probes_sent (LcRangeSweep   *self);
gboolean      lc_range_sweep_get_cut_short   (LcRangeSweep   *self);

char         *lc_port_spans_to_string        (GArray         *spans);
char         *lc_port_spans_describe         (GArray         *spans);
guint         lc_port_spans_count            (GArray         *spans);

G_END_DECLS
