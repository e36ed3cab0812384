/* lc-history.h — the stored runs: listed newest first, bounded, deleted one by one
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-history-entry.h"

G_BEGIN_DECLS

/* The history keeps at most this many runs and this many bytes; the oldest go first. */
#define LC_HISTORY_MAX_RUNS  1000
#define LC_HISTORY_MAX_BYTES (200 * 1024 * 1024)

#define LC_TYPE_HISTORY (lc_history_get_type ())

G_DECLARE_FINAL_TYPE (LcHistory, lc_history, LC, HISTORY, GObject)

/**
 * LcHistoryBatchFunc:
 * @entries: (element-type LcHistoryEntry): the next runs, newest first, after the ones before
 *
 * Called on the caller's main context as lc_history_list_async() reads, so that the first
 * rows show before the last file is read.
 */
typedef void (*LcHistoryBatchFunc) (LcHistory *history,
                                    GPtrArray *entries,
                                    gpointer   user_data);

LcHistory *lc_history_new            (GFile               *dir);
LcHistory *lc_history_new_default    (void);
GFile     *lc_history_get_dir        (LcHistory           *self);

GPtrArray *lc_history_list           (LcHistory           *self,
                                      GPtrArray          **skipped,
                                      GCancellable        *cancellable,
                                      GError             **error);
void       lc_history_list_async     (LcHistory           *self,
                                      guint                batch_size,
                                      LcHistoryBatchFunc   batch_func,
                                      gpointer             batch_data,
                                      GDestroyNotify       batch_data_free,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GPtrArray *lc_history_list_finish    (LcHistory           *self,
                                      GAsyncResult        *result,
                                      GPtrArray          **skipped,
                                      GError             **error);

LcHistoryEntry *lc_history_read_entry (GFile              *file,
                                       GError            **error);

gboolean   lc_history_delete         (LcHistory           *self,
                                      LcHistoryEntry      *entry,
                                      GError             **error);
guint      lc_history_prune          (LcHistory           *self,
                                      guint                max_runs,
                                      guint64              max_bytes,
                                      GError             **error);

G_END_DECLS
