/* lc-history-entry.c — one stored run as the history lists it; the report itself stays on disk
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linecheck-history"

#include "config.h"

#include "lc-history-entry.h"

struct _LcHistoryEntry
{
  GObject    parent_instance;

  GFile     *file;
  GDateTime *started;
  char      *profile_id;
  char      *profile_name;
  char      *result_code;
  LcStatus   verdict;
  guint64    size;
};

G_DEFINE_FINAL_TYPE (LcHistoryEntry, lc_history_entry, G_TYPE_OBJECT)

static void
lc_history_entry_finalize (GObject *object)
{
  LcHistoryEntry *self = (LcHistoryEntry *)object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_free (self->profile_id);
  g_free (self->profile_name);
  g_free (self->result_code);

  G_OBJECT_CLASS (lc_history_entry_parent_class)->finalize (object);
}

static void
lc_history_entry_class_init (LcHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lc_history_entry_finalize;
}

static void
lc_history_entry_init (LcHistoryEntry *self)
{
}

/**
 * lc_history_entry_new:
 * @result_code: (nullable): the code the report holds
 *
 * Returns: (transfer full): the entry
 */
LcHistoryEntry *
lc_history_entry_new (GFile      *file,
                      GDateTime  *started,
                      const char *profile_id,
                      const char *profile_name,
                      LcStatus    verdict,
                      const char *result_code,
                      guint64     size)
{
  LcHistoryEntry *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (started != NULL, NULL);
  g_return_val_if_fail (profile_id != NULL, NULL);

  self = g_object_new (LC_TYPE_HISTORY_ENTRY, NULL);
  self->file = g_object_ref (file);
  self->started = g_date_time_ref (started);
  self->profile_id = g_strdup (profile_id);
  self->profile_name = g_strdup (profile_name ? profile_name : profile_id);
  self->verdict = verdict;
  self->result_code = g_strdup (result_code);
  self->size = size;
  return self;
}

GFile *
lc_history_entry_get_file (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  return self->file;
}

GDateTime *
lc_history_entry_get_started (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  return self->started;
}

const char *
lc_history_entry_get_profile_id (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  return self->profile_id;
}

const char *
lc_history_entry_get_profile_name (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  return self->profile_name;
}

LcStatus
lc_history_entry_get_verdict (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), LC_STATUS_FAIL);
  return self->verdict;
}

/**
 * lc_history_entry_get_result_code:
 *
 * Returns: (nullable): the code the report holds, grouped ("4K2M-9QXR-…")
 */
const char *
lc_history_entry_get_result_code (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  return self->result_code;
}

guint64
lc_history_entry_get_size (LcHistoryEntry *self)
{
  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), 0);
  return self->size;
}

/**
 * lc_history_entry_dup_export_name:
 * @extension: "json" or "pdf"
 *
 * Returns: (transfer full): the name an export suggests, with the date and the profile:
 *   `linecheck-2026-11-24-1000-cpaas-agent.json` (local time)
 */
char *
lc_history_entry_dup_export_name (LcHistoryEntry *self,
                                  const char     *extension)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *profile = NULL;

  g_return_val_if_fail (LC_IS_HISTORY_ENTRY (self), NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  local = g_date_time_to_local (self->started);
  stamp = g_date_time_format (local, "%Y-%m-%d-%H%M");
  /* A profile id is letters, digits, "-", "_" and "."; whatever else is kept out of a name. */
  profile = g_strdup (self->profile_id);
  g_strcanon (profile, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", '-');
  return g_strdup_printf ("linecheck-%s-%s.%s", stamp, profile, extension);
}
