/* lc-history-entry.h — one stored run as the history lists it: when, which profile, the verdict
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_TYPE_HISTORY_ENTRY (lc_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (LcHistoryEntry, lc_history_entry, LC, HISTORY_ENTRY, GObject)

LcHistoryEntry *lc_history_entry_new              (GFile          *file,
                                                   GDateTime      *started,
                                                   const char     *profile_id,
                                                   const char     *profile_name,
                                                   LcStatus        verdict,
                                                   const char     *result_code,
                                                   guint64         size);

GFile          *lc_history_entry_get_file         (LcHistoryEntry *self);
GDateTime      *lc_history_entry_get_started      (LcHistoryEntry *self);
const char     *lc_history_entry_get_profile_id   (LcHistoryEntry *self);
const char     *lc_history_entry_get_profile_name (LcHistoryEntry *self);
LcStatus        lc_history_entry_get_verdict      (LcHistoryEntry *self);
const char     *lc_history_entry_get_result_code  (LcHistoryEntry *self);
guint64         lc_history_entry_get_size         (LcHistoryEntry *self);
char           *lc_history_entry_dup_export_name  (LcHistoryEntry *self,
                                                   const char     *extension);

G_END_DECLS
